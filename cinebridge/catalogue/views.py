"""Catalogue pages: browse and search films, a film's and a person's page, and the rights holder's editors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.middleware import HtmxDetails

from cinebridge.accounts import policy
from cinebridge.accounts.models import User
from cinebridge.core.engine.digits import localize_digits, to_ascii_digits
from cinebridge.core.errors import ApplicationError
from cinebridge.core.forms import add_service_error
from cinebridge.core.i18n import active_language, text_in
from cinebridge.search.models import DocumentKind
from cinebridge.search.selectors import search_ids

from . import selectors, services
from .engine.ratings import rating_system_for
from .forms import (
    CreditForm,
    FestivalEntryForm,
    FilmFilterForm,
    FilmForm,
    RatingForm,
    SubtitleForm,
    VersionForm,
)
from .models import Credit, CreditRole, Film, Person
from .vocabularies import genre_name

T = TypeVar("T")


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@dataclass(frozen=True)
class RatingRow:
    """A film's rating in one country, with the texts of that country's system in the active language."""

    country: str
    label: str
    description: str
    certificate: str
    authority: str
    permit_number: str
    permit_date: date | None


def _viewer(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def _signed_in(request: HttpRequest) -> User:
    user = _viewer(request)
    if user is None:
        raise PermissionDenied
    return user


def _editable_film(request: HttpRequest, slug: str) -> tuple[User, Film]:
    """The signed-in user and the film they may edit (404 otherwise: we do not confirm private films exist)."""
    user = _signed_in(request)
    return user, selectors.film_get_editable(viewer=user, slug=slug)


def _submit(form: forms.BaseForm, call: Callable[[], T]) -> T | None:
    """For a valid posted form, run the service calls as one transaction; on refusal show why and return None."""
    if not (form.is_bound and form.is_valid()):
        return None
    try:
        with transaction.atomic():
            return call()
    except (ApplicationError, ValidationError) as exc:
        add_service_error(form, exc)
        return None


def _posted(request: HttpRequest) -> bool:
    return request.method == "POST"


def _shown(count: int) -> str:
    """A count written with the active language's digits, for an ngettext message."""
    return localize_digits(str(count), active_language())


def _wants_partial(request: HtmxHttpRequest) -> bool:
    # A history restore asks for the whole page even though it comes from htmx.
    return bool(request.htmx) and not request.htmx.history_restore_request


def _rating_rows(film: Film) -> list[RatingRow]:
    """The film's ratings, labelled by their countries' systems (the raw code when a system is unknown)."""
    rows = []
    for rating in film.ratings.all():
        system = rating_system_for(rating.country)
        entry = system.rating(rating.rating_code) if system else None
        rows.append(
            RatingRow(
                country=rating.country,
                label=text_in(entry.labels) if entry else rating.rating_code,
                description=text_in(entry.description) if entry else "",
                certificate=text_in(system.certificate_name) if system else "",
                authority=text_in(system.authority) if system else "",
                permit_number=rating.permit_number,
                permit_date=rating.permit_date,
            )
        )
    return rows


def _credit_groups(film: Film) -> list[tuple[str, list[Credit]]]:
    """The film's credits grouped by role, in the order of the roles' vocabulary."""
    groups: dict[str, list[Credit]] = {}
    for credit in film.credits.all():
        groups.setdefault(credit.role, []).append(credit)
    return [(str(CreditRole(role).label), groups[role]) for role in CreditRole.values if role in groups]


@require_GET
def film_list(request: HtmxHttpRequest) -> HttpResponse:
    """The catalogue with its filters; an htmx request gets the results region only."""
    form = FilmFilterForm(request.GET)
    form.is_valid()  # a wrong field is listed above the results and left out of the filters
    films = selectors.film_list(viewer=_viewer(request), filters=form.filters())
    page = Paginator(films, settings.CATALOGUE_PAGE_SIZE).get_page(
        to_ascii_digits(request.GET.get("page", ""))
    )
    context = {
        "form": form,
        "page": page,
        "result_count": ngettext("%(count)s film", "%(count)s films", page.paginator.count)
        % {"count": _shown(page.paginator.count)},
    }
    if _wants_partial(request):
        response = render(request, "catalogue/_film_results.html", context)
    else:
        context["can_add"] = policy.editable_organisations(_viewer(request)).exists()
        response = render(request, "catalogue/film_list.html", context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Films and people matching the query, in any script, best first."""
    query = request.GET.get("q", "").strip()
    films: list[Film] = []
    people: list[Person] = []
    if query:
        film_ids = search_ids(kind=DocumentKind.FILM, query=query)
        films = list(
            selectors.film_list(viewer=_viewer(request), filters=selectors.FilmFilters(), ranked_ids=film_ids)
        )
        people = list(selectors.person_list(ranked_ids=search_ids(kind=DocumentKind.PERSON, query=query)))
    return render(
        request,
        "catalogue/search.html",
        {
            "query": query,
            "films": films,
            "people": people,
            "film_count": ngettext("%(count)s film", "%(count)s films", len(films))
            % {"count": _shown(len(films))},
            "people_count": ngettext("%(count)s person", "%(count)s people", len(people))
            % {"count": _shown(len(people))},
        },
    )


@require_GET
def film_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A film's page: texts, credits, versions, ratings, identifiers and festival history."""
    film = selectors.film_get_visible(viewer=_viewer(request), slug=slug)
    return render(
        request,
        "catalogue/film_detail.html",
        {
            "film": film,
            "genres": [genre_name(genre.code) for genre in film.genres.all()],
            "credit_groups": _credit_groups(film),
            "ratings": _rating_rows(film),
            "can_edit": policy.can(_viewer(request), policy.CATALOGUE_EDIT, film.owner),
        },
    )


@require_GET
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A person's names in every script and their credits on the films the visitor may see."""
    person = selectors.person_get(slug=slug)
    credits = selectors.person_credits(viewer=_viewer(request), person=person)
    return render(request, "catalogue/person_detail.html", {"person": person, "credits": credits})


@login_required
@require_http_methods(["GET", "POST"])
def film_create(request: HttpRequest) -> HttpResponse:
    """Add a film to the catalogue of one of the organisations the user edits for."""
    user = _signed_in(request)
    owners = policy.editable_organisations(user)
    if not owners.exists():
        raise PermissionDenied
    form = (
        FilmForm(request.POST, request.FILES, owners=owners) if _posted(request) else FilmForm(owners=owners)
    )
    film = _submit(
        form,
        lambda: services.film_create(
            owner=form.cleaned_data["owner"],
            data=form.film_data(),
            actor=user,
            poster=form.cleaned_data["poster"],
        ),
    )
    if film is not None:
        messages.success(request, _("The film was added to the catalogue."))
        return redirect("catalogue:film_detail", slug=film.slug)
    return render(request, "catalogue/film_form.html", {"form": form, "film": None})


@login_required
@require_http_methods(["GET", "POST"])
def film_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Change a film's main record and its texts."""
    user, film = _editable_film(request, slug)
    form = (
        FilmForm(request.POST, request.FILES)
        if _posted(request)
        else FilmForm(initial=FilmForm.initial_for(film))
    )
    if _submit(
        form,
        lambda: services.film_update(
            film=film,
            data=form.film_data(),
            actor=user,
            poster=form.cleaned_data["poster"],
        ),
    ):
        messages.success(request, _("The film was saved."))
        return redirect("catalogue:film_detail", slug=film.slug)
    return render(request, "catalogue/film_form.html", {"form": form, "film": film})


@login_required
@require_http_methods(["GET", "POST"])
def film_credits(request: HttpRequest, slug: str) -> HttpResponse:
    """The film's credits, with a form to add one."""
    user, film = _editable_film(request, slug)
    form = (
        CreditForm(request.POST)
        if _posted(request)
        else CreditForm(initial={"name_language": active_language()})
    )
    if _submit(
        form,
        lambda: services.film_credit_add(
            film=film,
            name=form.cleaned_data["name"],
            name_language=form.cleaned_data["name_language"],
            role=form.cleaned_data["role"],
            character=form.cleaned_data["character"],
            actor=user,
        ),
    ):
        messages.success(request, _("The credit was added."))
        return redirect("catalogue:film_credits", slug=film.slug)
    return render(
        request,
        "catalogue/film_credits.html",
        {
            "film": film,
            "form": form,
            "credit_groups": _credit_groups(film),
        },
    )


@login_required
@require_POST
def film_credit_remove(request: HttpRequest, slug: str, credit_id: int) -> HttpResponse:
    """Remove one credit from the film."""
    user, film = _editable_film(request, slug)
    if not film.credits.filter(pk=credit_id).exists():
        raise Http404
    services.film_credit_remove(film=film, credit_id=credit_id, actor=user)
    messages.success(request, _("The credit was removed."))
    return redirect("catalogue:film_credits", slug=film.slug)


def _render_versions(
    request: HttpRequest,
    film: Film,
    *,
    version_form: VersionForm | None = None,
    subtitle_form: SubtitleForm | None = None,
) -> HttpResponse:
    return render(
        request,
        "catalogue/film_versions.html",
        {
            "film": film,
            "version_form": version_form or VersionForm(),
            "subtitle_form": subtitle_form or SubtitleForm(versions=film.versions.all()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def film_versions(request: HttpRequest, slug: str) -> HttpResponse:
    """The film's versions with their subtitles and DCP, with forms to add a version and a subtitle file."""
    user, film = _editable_film(request, slug)
    form = VersionForm(request.POST) if _posted(request) else VersionForm()
    if _submit(
        form,
        lambda: services.film_version_create(
            film=film,
            label=form.cleaned_data["label"],
            audio_language=form.cleaned_data["audio_language"],
            dcp_cpl_id=form.cleaned_data["dcp_cpl_id"],
            dcp_encrypted=form.cleaned_data["dcp_encrypted"],
            actor=user,
        ),
    ):
        messages.success(request, _("The version was added."))
        return redirect("catalogue:film_versions", slug=film.slug)
    return _render_versions(request, film, version_form=form)


@login_required
@require_POST
def subtitle_upload(request: HttpRequest, slug: str) -> HttpResponse:
    """Validate a subtitle file and attach it to a version of the film."""
    user, film = _editable_film(request, slug)
    form = SubtitleForm(request.POST, request.FILES, versions=film.versions.all())
    if _submit(
        form,
        lambda: services.subtitle_track_upload(
            version=form.cleaned_data["version"],
            language_code=form.cleaned_data["language_code"],
            upload=form.cleaned_data["subtitle_file"],
            for_hard_of_hearing=form.cleaned_data["for_hard_of_hearing"],
            actor=user,
        ),
    ):
        messages.success(request, _("The subtitle file was checked and added."))
        return redirect("catalogue:film_versions", slug=film.slug)
    return _render_versions(request, film, subtitle_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def film_ratings(request: HttpRequest, slug: str) -> HttpResponse:
    """The film's ratings and permits per country, with a form to record one."""
    user, film = _editable_film(request, slug)
    form = RatingForm(request.POST) if _posted(request) else RatingForm()
    if _submit(
        form,
        lambda: services.film_rating_set(
            film=film,
            country=form.cleaned_data["country"],
            rating_code=form.cleaned_data["rating_code"],
            permit_number=form.cleaned_data["permit_number"],
            permit_date=form.cleaned_data["permit_date"],
            actor=user,
        ),
    ):
        messages.success(request, _("The rating was saved."))
        return redirect("catalogue:film_ratings", slug=film.slug)
    return render(
        request, "catalogue/film_ratings.html", {"film": film, "form": form, "ratings": _rating_rows(film)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def film_festivals(request: HttpRequest, slug: str) -> HttpResponse:
    """The film's festival history and awards, with a form to add a line."""
    user, film = _editable_film(request, slug)
    form = FestivalEntryForm(request.POST) if _posted(request) else FestivalEntryForm()
    if _submit(
        form,
        lambda: services.festival_entry_add(
            film=film,
            festival_name=form.cleaned_data["festival_name"],
            edition_year=form.cleaned_data["edition_year"],
            section=form.cleaned_data["section"],
            result=form.cleaned_data["result"],
            award=form.cleaned_data["award"],
            actor=user,
        ),
    ):
        messages.success(request, _("The festival entry was added."))
        return redirect("catalogue:film_festivals", slug=film.slug)
    return render(request, "catalogue/film_festivals.html", {"film": film, "form": form})
