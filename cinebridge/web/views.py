"""The public shell: the programme at a glance, and the organisations taking part."""

from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import get_language_from_path, ngettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language

from cinebridge.accounts import policy
from cinebridge.accounts.forms import OrganisationFilterForm
from cinebridge.accounts.selectors import (
    organisation_countries,
    organisation_get,
    organisation_list,
    organisation_members,
)
from cinebridge.catalogue.models import FilmKind
from cinebridge.catalogue.selectors import (
    catalogue_counts,
    films_for_young_audiences,
    films_latest,
    organisation_films,
)
from cinebridge.core.engine.digits import localize_digits
from cinebridge.core.i18n import active_language

YOUNG_STRAND_SIZE = 8
LATEST_SIZE = 8
ORGANISATION_PAGE_SIZE = 50


_KIND_PHRASES = {
    FilmKind.FEATURE: ngettext_lazy("%(count)s feature film", "%(count)s feature films", "count"),
    FilmKind.SHORT: ngettext_lazy("%(count)s short film", "%(count)s short films", "count"),
    FilmKind.DOCUMENTARY: ngettext_lazy("%(count)s documentary", "%(count)s documentaries", "count"),
    FilmKind.ANIMATION: ngettext_lazy("%(count)s animation", "%(count)s animations", "count"),
    FilmKind.SERIES: ngettext_lazy("%(count)s series", "%(count)s series", "count"),
}


def _kind_counts(counts: dict[str, int]) -> list[dict[str, Any]]:
    """One line per film kind, e.g. "12 documentaries", in the plural form and digits of the active language."""
    language = active_language()
    lines = []
    for kind, phrase in _KIND_PHRASES.items():
        count = counts.get(kind, 0)
        lines.append(
            {"kind": kind, "count": count, "text": localize_digits(phrase % {"count": count}, language)}
        )
    return lines


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The programme at a glance: its areas, the children and youth strand, the latest films, who takes part."""
    counts = catalogue_counts(viewer=request.user)
    context = {
        "total": counts.get("total", 0),
        "young_total": counts.get("audience_children", 0) + counts.get("audience_youth", 0),
        "kind_counts": _kind_counts(counts),
        "young_films": films_for_young_audiences(viewer=request.user, limit=YOUNG_STRAND_SIZE),
        "latest_films": films_latest(viewer=request.user, limit=LATEST_SIZE),
        "organisations": organisation_list(),
    }
    return render(request, "web/home.html", context)


def _page(request: HttpRequest, items: QuerySet[Any], size: int) -> Page[Any]:
    """The page of `items` the query string asks for (the last one when the number is too high)."""
    return Paginator(items, size).get_page(request.GET.get("page"))


@require_GET
def organisation_list_view(request: HttpRequest) -> HttpResponse:
    """Every organisation of the programme, filtered by kind and country."""
    form = OrganisationFilterForm(request.GET or None, countries=organisation_countries())
    # An unknown filter value is ignored rather than answered with an error page.
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    organisations = organisation_list(
        kind=filters.get("kind") or None, country=filters.get("country") or None
    )
    context = {"form": form, "page_obj": _page(request, organisations, ORGANISATION_PAGE_SIZE)}
    return render(request, "web/organisation_list.html", context)


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's public profile and films; its people for those allowed to see them."""
    organisation = organisation_get(slug=slug)
    films = organisation_films(viewer=request.user, organisation=organisation)
    can_see_members = policy.can(request.user, policy.ORGANISATION_VIEW_MEMBERS, organisation)
    context = {
        "organisation": organisation,
        "page_obj": _page(request, films, settings.CATALOGUE_PAGE_SIZE),
        "members": organisation_members(viewer=request.user, organisation=organisation)
        if can_see_members
        else None,
        "can_manage": policy.can(request.user, policy.ORGANISATION_MANAGE, organisation),
    }
    return render(request, "web/organisation_detail.html", context)


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Django's set_language, resolving `next` under its own language prefix so it can be translated.

    Django resolves `next` in the browser's language; a visitor reading /ru/… with an English browser
    would be sent back to /ru/… instead of the same page in the language they chose.
    """
    language = get_language_from_path(request.POST.get("next", "")) or settings.LANGUAGE_CODE
    with translation.override(language):
        return set_language(request)
