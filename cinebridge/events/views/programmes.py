"""The organisers' pages: film weeks (propose, agree or decline, cancel) and the management of a
programme — a film week's or a festival edition's — venues and screens, curation from the catalogue,
the programme's films, guests with their visa invitation letters, the schedule (optimised, then
edited by hand), publication and attendance.

What is not public (the curation, guests' passport data, the draft schedule) is seen only by the
programme's organisers: `programme_get_for_organiser` refuses anyone else, and every change asks
`programme_require_organise` (the services check again). A manual change to the schedule names the
programme version it was made against; a change made meanwhile by someone else (or by the optimiser)
is refused (`StaleProgramme`) and the page shows the schedule as it is now. A change breaking a rule
of the schedule is refused (`ScheduleRefused`) with each broken rule explained.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cinebridge.accounts import policy
from cinebridge.accounts.models import OrganisationKind, User
from cinebridge.accounts.selectors import organisation_list
from cinebridge.catalogue.selectors import film_get_visible
from cinebridge.core.engine.digits import localize_digits
from cinebridge.core.errors import ApplicationError
from cinebridge.core.forms import add_service_error
from cinebridge.core.i18n import active_language
from cinebridge.core.jobs import JobState
from cinebridge.core.pdf import pdf_response
from cinebridge.events.forms.programmes import (
    AttendanceForm,
    AudienceSlotForm,
    CurationAddForm,
    FilmWeekAnswerForm,
    FilmWeekProposeForm,
    GuestForm,
    HallForm,
    LockForm,
    OptimiseForm,
    ProgrammeFilmForm,
    ProgrammeSettingsForm,
    PublishForm,
    ScreeningForm,
    ScreeningMoveForm,
    VenueForm,
    VersionForm,
    weekday_choices,
)
from cinebridge.events.models import (
    FilmWeek,
    FilmWeekStatus,
    Guest,
    Hall,
    Programme,
    ProgrammeFilm,
    ProgrammeKind,
    Screening,
    Venue,
)
from cinebridge.events.selectors import access
from cinebridge.events.selectors import programmes as selectors
from cinebridge.events.services import programmes as services

T = TypeVar("T")

# --- helpers ---------------------------------------------------------------------------------------------------


def _signed_in(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _programme(request: HttpRequest, slug: str) -> tuple[User, Programme]:
    """The viewer and a programme they organise or oversee (refused to anyone else)."""
    user = _signed_in(request)
    return user, selectors.programme_get_for_organiser(viewer=user, slug=slug)


def _organising(request: HttpRequest, slug: str) -> tuple[User, Programme]:
    """The viewer and a programme they may change."""
    user, programme = _programme(request, slug)
    access.programme_require_organise(viewer=user, programme=programme)
    return user, programme


def _pick(items: Iterable[T], pk: int) -> T:
    """The item of the programme with this id (a 404 for another programme's)."""
    for item in items:
        if item.pk == pk:  # type: ignore[attr-defined]
            return item
    raise Http404


@dataclass
class Refusal:
    """A service's refusal as the page shows it: a sentence, and the reasons or broken rules under it."""

    message: str
    details: list[str] = field(default_factory=list)


def refusal_of(error: ApplicationError | ValidationError) -> Refusal:
    if isinstance(error, ValidationError):
        return Refusal(" ".join(error.messages))
    details: list[str] = []
    for entry in (*(error.extra.get("violations") or ()), *(error.extra.get("problems") or ())):
        text = entry.get("message") if isinstance(entry, dict) else entry
        if text:
            details.append(str(text))
    details.extend(str(reason) for reason in error.extra.get("reasons") or ())
    message = error.message
    # A refusal listing its violations or reasons says them in its message too: the heading alone goes
    # above the list, and a message that is nothing but the reasons is not said again above them.
    if details and details[0] in message:
        message = message[: message.index(details[0])].strip()
    return Refusal(message, details)


def _attempt(form: Any, call: Callable[[], T]) -> tuple[T | None, Refusal | None]:
    """What the service `call` returned, or its refusal (also put on the form at the field it names)."""
    try:
        return call(), None
    except (ApplicationError, ValidationError) as error:
        add_service_error(form, error)
        return None, refusal_of(error)


def _flash_refusal(request: HttpRequest, refusal: Refusal) -> None:
    if refusal.message:
        messages.error(request, refusal.message)
    for detail in refusal.details:
        messages.error(request, detail)


def _step(request: HttpRequest, call: Callable[[], object], done: str) -> bool:
    """Run a step taken with one button (delete, publish): `done` flashed, or the refusal with its reasons;
    whether it was taken."""
    try:
        call()
    except (ApplicationError, ValidationError) as error:
        _flash_refusal(request, refusal_of(error))
        return False
    messages.success(request, done)
    return True


def _manage_context(user: User, programme: Programme, tab: str) -> dict[str, Any]:
    """What every management page shows around its content: the programme and the tabs."""
    week: FilmWeek | None = programme.film_week if programme.kind == ProgrammeKind.FILM_WEEK else None
    return {
        "programme": programme,
        "film_week": week,
        "tab": tab,
        "may_organise": access.programme_may_organise(viewer=user, programme=programme),
    }


# --- film weeks ---------------------------------------------------------------------------------------------


@login_required
@require_GET
def film_week_list(request: HttpRequest) -> HttpResponse:
    """The film weeks of the viewer's organisations: proposed, agreed, declined, cancelled."""
    user = _signed_in(request)
    return render(
        request,
        "events/programmes/film_week_list.html",
        {
            "film_weeks": selectors.film_weeks_of_viewer(viewer=user),
            "may_view": policy.can_anywhere(user, policy.FILM_WEEKS_VIEW),
            "may_propose": policy.can_anywhere(user, policy.FILM_WEEKS_ORGANISE),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def film_week_propose(request: HttpRequest) -> HttpResponse:
    """A film body proposes a week of its country's films to the film body of another country."""
    user = _signed_in(request)
    proposers = policy.organisations_where(user, policy.FILM_WEEKS_ORGANISE)
    if not proposers.exists():
        raise PermissionDenied(_("Only editors of a film body can propose a film week."))
    partners = organisation_list(kind=OrganisationKind.FILM_BODY)
    form = FilmWeekProposeForm(request.POST or None, proposers=proposers, partners=partners)
    if request.method == "POST" and form.is_valid():
        week, _refused = _attempt(
            form, lambda: services.film_week_propose(actor=user, **form.service_arguments())
        )
        if week is not None:
            messages.success(request, _("The film week was proposed; the partner film body was told."))
            return redirect("events:film_week_detail", slug=week.programme.slug)
    return render(request, "events/programmes/film_week_propose.html", {"form": form})


def _film_week_page(
    request: HttpRequest,
    week: FilmWeek,
    *,
    forms: dict[str, FilmWeekAnswerForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = _signed_in(request)
    programme = week.programme
    editor_of_partner = policy.can(user, policy.FILM_WEEKS_ORGANISE, week.partner)
    organiser = editor_of_partner or policy.can(user, policy.FILM_WEEKS_ORGANISE, week.proposed_by)
    may_answer = week.status == FilmWeekStatus.PROPOSED and editor_of_partner
    may_cancel = organiser and week.status in (FilmWeekStatus.PROPOSED, FilmWeekStatus.AGREED)
    forms = forms or {}
    return render(
        request,
        "events/programmes/film_week_detail.html",
        {
            "film_week": week,
            "programme": programme,
            "agree_form": forms.get("agree") or FilmWeekAnswerForm(auto_id="agree_%s")
            if may_answer
            else None,
            "decline_form": (
                forms.get("decline") or FilmWeekAnswerForm(note_required=True, auto_id="decline_%s")
                if may_answer
                else None
            ),
            "cancel_form": forms.get("cancel") or FilmWeekAnswerForm(auto_id="cancel_%s")
            if may_cancel
            else None,
            "may_manage": access.programme_may_view_private(viewer=user, programme=programme),
        },
        status=status,
    )


@login_required
@require_GET
def film_week_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A film week: its two film bodies, countries, dates and where it stands; the partner answers here."""
    user = _signed_in(request)
    return _film_week_page(request, selectors.film_week_get(viewer=user, slug=slug))


def _film_week_answer(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    user = _signed_in(request)
    week = selectors.film_week_get(viewer=user, slug=slug)
    form = FilmWeekAnswerForm(request.POST, note_required=action == "decline", auto_id=f"{action}_%s")
    calls: dict[str, tuple[Callable[..., Any], str]] = {
        "agree": (
            services.film_week_agree,
            _("You agreed to the film week; its organisers can now prepare it."),
        ),
        "decline": (services.film_week_decline, _("You declined the film week; the proposer was told.")),
        "cancel": (
            services.film_week_cancel,
            _("The film week was cancelled; the other film body was told."),
        ),
    }
    service, done = calls[action]
    if form.is_valid():
        _done, refused = _attempt(
            form, lambda: service(actor=user, film_week=week, note=form.cleaned_data.get("note", ""))
        )
        if refused is None:
            messages.success(request, done)
            return redirect("events:film_week_detail", slug=slug)
    week = selectors.film_week_get(viewer=user, slug=slug)
    return _film_week_page(request, week, forms={action: form}, status=400)


@login_required
@require_POST
def film_week_agree(request: HttpRequest, slug: str) -> HttpResponse:
    return _film_week_answer(request, slug, "agree")


@login_required
@require_POST
def film_week_decline(request: HttpRequest, slug: str) -> HttpResponse:
    return _film_week_answer(request, slug, "decline")


@login_required
@require_POST
def film_week_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    return _film_week_answer(request, slug, "cancel")


# --- the programme's overview and publication ----------------------------------------------------------------


@login_required
@require_GET
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    """A programme seen by its organisers: what it holds, what is missing, publication."""
    user, programme = _programme(request, slug)
    films = selectors.programme_films(programme=programme)
    return render(
        request,
        "events/programmes/manage.html",
        {
            **_manage_context(user, programme, "overview"),
            "venues": selectors.programme_venues(programme=programme),
            "films": films,
            "unplaced": unplaced_films(programme.schedule_summary, films),
            "guests": _guests(user, programme),
            "screening_count": len(selectors.programme_screenings(programme=programme)),
            "attendance": selectors.programme_attendance(programme=programme),
            "summary": programme.schedule_summary,
        },
    )


@login_required
@require_POST
def manage_publish(request: HttpRequest, slug: str) -> HttpResponse:
    """Publish the programme (or take it back); a refusal says why."""
    user, programme = _organising(request, slug)
    form = PublishForm(request.POST)
    publish = form.is_valid() and form.cleaned_data["publish"]
    service = services.programme_publish if publish else services.programme_unpublish
    _step(
        request,
        lambda: service(actor=user, programme=programme),
        _("The programme is published.") if publish else _("The programme is no longer public."),
    )
    return redirect("events:manage", slug=slug)


# --- venues and screens ---------------------------------------------------------------------------------------


def _venues_page(
    request: HttpRequest, user: User, programme: Programme, form: VenueForm | None = None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "events/programmes/venues.html",
        {
            **_manage_context(user, programme, "venues"),
            "venues": selectors.programme_venues(programme=programme),
            "form": form or VenueForm(initial={"time_zone": programme.time_zone}),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def manage_venues(request: HttpRequest, slug: str) -> HttpResponse:
    """The programme's venues by city with their screens; a venue is added here."""
    if request.method != "POST":
        user, programme = _programme(request, slug)
        return _venues_page(request, user, programme)
    user, programme = _organising(request, slug)
    form = VenueForm(request.POST)
    if form.is_valid():
        venue, _refused = _attempt(
            form, lambda: services.venue_create(actor=user, programme=programme, **form.service_arguments())
        )
        if venue is not None:
            messages.success(request, _("The venue was added; now add its screens."))
            return redirect("events:manage_venue", slug=slug, pk=venue.pk)
    return _venues_page(request, user, programme, form, status=400)


def _venue_page(
    request: HttpRequest,
    user: User,
    programme: Programme,
    venue: Venue,
    *,
    form: VenueForm | None = None,
    hall_form: HallForm | None = None,
    status: int = 200,
) -> HttpResponse:
    names = {"name": venue.names, "city": venue.city_names}
    return render(
        request,
        "events/programmes/venue.html",
        {
            **_manage_context(user, programme, "venues"),
            "venue": venue,
            "halls": list(venue.halls.all()),  # prefetched by name (selectors.programme_venues)
            "form": form or VenueForm(initial=VenueForm.initial_for(venue), names=names),
            "hall_form": hall_form or HallForm(),
        },
        status=status,
    )


def _venue(programme: Programme, pk: int) -> Venue:
    return _pick(selectors.programme_venues(programme=programme), pk)


@login_required
@require_http_methods(["GET", "POST"])
def manage_venue(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A venue: its details (changed here) and its screens."""
    if request.method != "POST":
        user, programme = _programme(request, slug)
        return _venue_page(request, user, programme, _venue(programme, pk))
    user, programme = _organising(request, slug)
    venue = _venue(programme, pk)
    form = VenueForm(request.POST)
    if form.is_valid():
        _updated, refused = _attempt(
            form, lambda: services.venue_update(actor=user, venue=venue, **form.service_arguments())
        )
        if refused is None:
            messages.success(request, _("The venue was saved."))
            return redirect("events:manage_venue", slug=slug, pk=pk)
    return _venue_page(request, user, programme, venue, form=form, status=400)


@login_required
@require_POST
def manage_venue_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user, programme = _organising(request, slug)
    venue = _venue(programme, pk)
    if not _step(
        request, lambda: services.venue_delete(actor=user, venue=venue), _("The venue was deleted.")
    ):
        return redirect("events:manage_venue", slug=slug, pk=pk)
    return redirect("events:manage_venues", slug=slug)


@login_required
@require_POST
def manage_hall_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user, programme = _organising(request, slug)
    venue = _venue(programme, pk)
    form = HallForm(request.POST)
    if form.is_valid():
        hall, _refused = _attempt(
            form, lambda: services.hall_create(actor=user, venue=venue, **form.cleaned_data)
        )
        if hall is not None:
            messages.success(request, _("The screen was added."))
            return redirect("events:manage_venue", slug=slug, pk=pk)
    return _venue_page(request, user, programme, venue, hall_form=form, status=400)


def _hall(programme: Programme, pk: int) -> Hall:
    return _pick(selectors.programme_halls(programme=programme), pk)


@login_required
@require_http_methods(["GET", "POST"])
def manage_hall(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A screen: seats, opening hours, projection."""
    if request.method != "POST":
        user, programme = _programme(request, slug)
        hall = _hall(programme, pk)
        form = HallForm(initial=HallForm.initial_for(hall))
        status = 200
    else:
        user, programme = _organising(request, slug)
        hall = _hall(programme, pk)
        form = HallForm(request.POST)
        if form.is_valid():
            _updated, refused = _attempt(
                form, lambda: services.hall_update(actor=user, hall=hall, **form.cleaned_data)
            )
            if refused is None:
                messages.success(request, _("The screen was saved."))
                return redirect("events:manage_venue", slug=slug, pk=hall.venue_id)
        status = 400
    return render(
        request,
        "events/programmes/hall.html",
        {**_manage_context(user, programme, "venues"), "hall": hall, "form": form},
        status=status,
    )


@login_required
@require_POST
def manage_hall_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user, programme = _organising(request, slug)
    hall = _hall(programme, pk)
    _step(request, lambda: services.hall_delete(actor=user, hall=hall), _("The screen was deleted."))
    return redirect("events:manage_venue", slug=slug, pk=hall.venue_id)


# --- curation ---------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def manage_curation(request: HttpRequest, slug: str) -> HttpResponse:
    """Search the catalogue for films to show: each says whether its rights allow it here and whether it
    has subtitles the audience reads; a film is added with what the curator decides about it."""
    if request.method == "POST":
        user, programme = _organising(request, slug)
    else:
        user, programme = _programme(request, slug)
    query = (request.POST.get("q") if request.method == "POST" else request.GET.get("q")) or ""
    query = query.strip()[:200]
    posted: CurationAddForm | None = None
    refusal: Refusal | None = None
    status = 200
    if request.method == "POST":
        posted = CurationAddForm(request.POST, prefix="add")
        if posted.is_valid():
            film = film_get_visible(viewer=user, slug=posted.cleaned_data["film"])
            arguments = posted.service_arguments()
            added, refusal = _attempt(
                posted,
                lambda: services.programme_film_add(actor=user, programme=programme, film=film, **arguments),
            )
            if added is not None:
                messages.success(request, _("The film was added to the programme."))
                return redirect(f"{reverse('events:manage_curation', args=[slug])}?{urlencode({'q': query})}")
        status = 400
    posted_film = posted.data.get("add-film") if posted is not None else None
    rows = [
        {
            "film": film,
            "check": check,
            "form": (
                posted
                if posted is not None and film.slug == posted_film
                else CurationAddForm(prefix="add", initial={"film": film.slug}, auto_id=f"add{film.pk}_%s")
            ),
            "refusal": refusal if posted is not None and film.slug == posted_film else None,
        }
        for film, check in selectors.curation_candidates(
            viewer=user, programme=programme, query=query, include_refused=True
        )
    ]
    return render(
        request,
        "events/programmes/curation.html",
        {**_manage_context(user, programme, "curation"), "query": query, "rows": rows, "refusal": refusal},
        status=status,
    )


# --- the programme's films ---------------------------------------------------------------------------------


@login_required
@require_GET
def manage_films(request: HttpRequest, slug: str) -> HttpResponse:
    """The films selected for the programme, with what the curator decided about each."""
    user, programme = _programme(request, slug)
    films = list(selectors.programme_films(programme=programme))
    checks = selectors.curation_checks(
        viewer=user, programme=programme, films=[entry.film for entry in films]
    )  # by film id
    return render(
        request,
        "events/programmes/films.html",
        {
            **_manage_context(user, programme, "films"),
            "rows": [{"entry": entry, "check": checks[entry.film_id]} for entry in films],
        },
    )


def _programme_film(programme: Programme, pk: int) -> ProgrammeFilm:
    return _pick(selectors.programme_films(programme=programme), pk)


@login_required
@require_http_methods(["GET", "POST"])
def manage_film(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change what the curator decided about one film of the programme."""
    if request.method != "POST":
        user, programme = _programme(request, slug)
        entry = _programme_film(programme, pk)
        form = ProgrammeFilmForm(initial=ProgrammeFilmForm.initial_for(entry))
        status = 200
    else:
        user, programme = _organising(request, slug)
        entry = _programme_film(programme, pk)
        form = ProgrammeFilmForm(request.POST)
        if form.is_valid():
            arguments = form.service_arguments()
            _updated, refused = _attempt(
                form,
                lambda: services.programme_film_update(actor=user, programme_film=entry, **arguments),
            )
            if refused is None:
                messages.success(request, _("The film's settings were saved."))
                return redirect("events:manage_films", slug=slug)
        status = 400
    return render(
        request,
        "events/programmes/film.html",
        {**_manage_context(user, programme, "films"), "entry": entry, "form": form},
        status=status,
    )


@login_required
@require_POST
def manage_film_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user, programme = _organising(request, slug)
    entry = _programme_film(programme, pk)
    _step(
        request,
        lambda: services.programme_film_remove(actor=user, programme_film=entry),
        _("The film was taken out of the programme."),
    )
    return redirect("events:manage_films", slug=slug)


# --- guests -----------------------------------------------------------------------------------------------------


def _guest_form(programme: Programme, data: Any = None, **kwargs: Any) -> GuestForm:
    return GuestForm(
        data,
        zone=programme.time_zone,
        cities=selectors.programme_cities(programme=programme),
        films=selectors.programme_films(programme=programme),
        **kwargs,
    )


def _guests(user: User, programme: Programme) -> list[Guest]:
    """The programme's guests as the viewer may see them (passport data only for the organisers' own
    members: `access.programme_may_see_guest_papers`)."""
    return selectors.programme_guests(viewer=user, programme=programme)


def _guests_page(
    request: HttpRequest, user: User, programme: Programme, form: GuestForm | None = None, status: int = 200
) -> HttpResponse:
    cities = dict(selectors.programme_cities(programme=programme))
    return render(
        request,
        "events/programmes/guests.html",
        {
            **_manage_context(user, programme, "guests"),
            "rows": [
                {"guest": guest, "city": cities.get(guest.city_key, {})} for guest in _guests(user, programme)
            ],
            "form": form or _guest_form(programme),
            "may_see_papers": access.programme_may_see_guest_papers(viewer=user, programme=programme),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def manage_guests(request: HttpRequest, slug: str) -> HttpResponse:
    """Guests and delegations: their stay, passport data for the visa, the Q&As they host."""
    if request.method != "POST":
        user, programme = _programme(request, slug)
        return _guests_page(request, user, programme)
    user, programme = _organising(request, slug)
    form = _guest_form(programme, request.POST)
    if form.is_valid():
        guest, _refused = _attempt(
            form, lambda: services.guest_create(actor=user, programme=programme, **form.service_arguments())
        )
        if guest is not None:
            messages.success(request, _("The guest was added."))
            return redirect("events:manage_guests", slug=slug)
    return _guests_page(request, user, programme, form, status=400)


def _guest(user: User, programme: Programme, pk: int) -> Guest:
    return _pick(_guests(user, programme), pk)


@login_required
@require_http_methods(["GET", "POST"])
def manage_guest(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change a guest's data."""
    if request.method != "POST":
        user, programme = _programme(request, slug)
        guest = _guest(user, programme, pk)
        form = _guest_form(
            programme, initial=GuestForm.initial_for(guest, programme.time_zone), names=guest.names
        )
        status = 200
    else:
        user, programme = _organising(request, slug)
        guest = _guest(user, programme, pk)
        form = _guest_form(programme, request.POST)
        if form.is_valid():
            _updated, refused = _attempt(
                form, lambda: services.guest_update(actor=user, guest=guest, **form.service_arguments())
            )
            if refused is None:
                messages.success(request, _("The guest was saved."))
                return redirect("events:manage_guests", slug=slug)
        status = 400
    return render(
        request,
        "events/programmes/guest.html",
        {
            **_manage_context(user, programme, "guests"),
            "guest": guest,
            "form": form,
            "may_see_papers": access.programme_may_see_guest_papers(viewer=user, programme=programme),
        },
        status=status,
    )


@login_required
@require_POST
def manage_guest_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user, programme = _organising(request, slug)
    guest = _guest(user, programme, pk)
    _step(request, lambda: services.guest_delete(actor=user, guest=guest), _("The guest was deleted."))
    return redirect("events:manage_guests", slug=slug)


@login_required
@require_GET
def manage_guest_invitation(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The guest's invitation letter for the visa, as PDF, on the host organiser's letterhead."""
    user, programme = _programme(request, slug)
    if not access.programme_may_see_guest_papers(viewer=user, programme=programme):
        raise Http404
    guest = _guest(user, programme, pk)
    from cinebridge.events.documents import invitation_letter_pdf  # heavy (fonts, shaping): only when asked

    try:
        content = invitation_letter_pdf(guest=guest, language=active_language())
    except ApplicationError as error:
        raise Http404(error.message) from error
    return pdf_response(content, f"invitation-{programme.slug}-{guest.pk}.pdf")


# --- the schedule -------------------------------------------------------------------------------------------


@dataclass
class GridColumn:
    hall: Hall
    venue: Venue


@dataclass
class GridGroup:
    """A run of columns under one heading (a city, or a venue)."""

    names: dict[str, str]
    span: int


@dataclass
class GridDay:
    day: date
    cells: list[list[Screening]]  # per column, by start


@dataclass
class ScheduleGrid:
    columns: list[GridColumn]
    cities: list[GridGroup]
    venues: list[GridGroup]
    days: list[GridDay]


def schedule_grid(
    halls: Sequence[Hall], days: Sequence[date], screenings: Sequence[Screening]
) -> ScheduleGrid:
    """The screenings laid out by day (on each venue's clock) and screen, venues grouped by city."""
    ordered = sorted(halls, key=lambda hall: (hall.venue.city_key, hall.venue_id, hall.name))
    columns = [GridColumn(hall, hall.venue) for hall in ordered]
    cities: list[GridGroup] = []
    venues: list[GridGroup] = []
    last_city, last_venue = None, None
    for column in columns:
        if column.venue.city_key != last_city:
            cities.append(GridGroup(column.venue.city_names or {"en": column.venue.city_key}, 0))
            last_city = column.venue.city_key
        if column.venue.pk != last_venue:
            venues.append(GridGroup(column.venue.names, 0))
            last_venue = column.venue.pk
        cities[-1].span += 1
        venues[-1].span += 1
    index = {column.hall.pk: number for number, column in enumerate(columns)}
    by_day: dict[date, list[list[Screening]]] = defaultdict(lambda: [[] for _column in columns])
    for day in days:  # every day of the programme gets its row, empty or not
        by_day.setdefault(day, [[] for _column in columns])
    for screening in sorted(screenings, key=lambda s: s.starts_at):
        if screening.hall_id not in index:
            continue
        local = screening.starts_at.astimezone(ZoneInfo(screening.hall.venue.time_zone)).date()
        by_day[local][index[screening.hall_id]].append(screening)
    return ScheduleGrid(columns, cities, venues, [GridDay(day, by_day[day]) for day in sorted(by_day)])


def _job(user: User, job_id: str) -> dict[str, Any] | None:
    return services.programme_schedule_job(actor=user, job_id=job_id) if job_id else None


def _job_view(job: dict[str, Any]) -> dict[str, Any]:
    """A job's state as the page and its script read it."""
    progress = job.get("progress") or {}
    seconds = float(job.get("seconds") or 0) or 1.0
    running = job.get("state") in (JobState.QUEUED, JobState.RUNNING)
    percent = min(99, int(100 * float(progress.get("seconds") or 0) / seconds)) if running else 100
    return {
        "id": job.get("id", ""),
        "state": job.get("state"),
        "running": running,
        "percent": percent,
        "objective": progress.get("objective"),
        "bound": progress.get("bound"),
        "gap": progress.get("gap"),
        "error": job.get("error") or "",
    }


def unplaced_films(summary: dict[str, Any], films: Iterable[ProgrammeFilm]) -> list[ProgrammeFilm]:
    """The films the last optimiser run could not place (`unscheduled` of its summary) that are still in
    the programme."""
    missing = {pk for pk in summary.get("unscheduled") or () if isinstance(pk, int)}
    return [entry for entry in films if entry.pk in missing] if missing else []


def _schedule_page(
    request: HttpRequest,
    user: User,
    programme: Programme,
    *,
    add_form: ScreeningForm | None = None,
    refusal: Refusal | None = None,
    stale: bool = False,
    status: int = 200,
) -> HttpResponse:
    screenings = selectors.programme_screenings(programme=programme)
    halls = selectors.programme_halls(programme=programme)
    films = selectors.programme_films(programme=programme)
    guests = _guests(user, programme)
    job = _job(user, request.GET.get("job", ""))
    return render(
        request,
        "events/programmes/schedule.html",
        {
            **_manage_context(user, programme, "schedule"),
            "grid": schedule_grid(list(halls), selectors.programme_days(programme=programme), screenings),
            "screening_count": len(screenings),
            "summary": programme.schedule_summary,
            "unplaced": unplaced_films(programme.schedule_summary, films),
            "violations": selectors.programme_violations(programme=programme),
            "add_form": add_form
            or ScreeningForm(initial={"version": programme.version}, halls=halls, films=films, guests=guests),
            "optimise_form": OptimiseForm(),
            "refusal": refusal,
            "stale": stale,
            "job": _job_view(job) if job else None,
        },
        status=status,
    )


@login_required
@require_GET
def manage_schedule(request: HttpRequest, slug: str) -> HttpResponse:
    """The schedule by day and screen, the last optimiser run's figures; every screening can be locked,
    moved or deleted, screenings added, and the unlocked rest re-optimised."""
    user, programme = _programme(request, slug)
    return _schedule_page(request, user, programme)


@login_required
@require_POST
def manage_schedule_optimise(request: HttpRequest, slug: str) -> HttpResponse:
    """Start the optimiser in the background; the schedule page then shows its progress."""
    user, programme = _organising(request, slug)
    form = OptimiseForm(request.POST)
    seconds = float(form.cleaned_data["seconds"]) if form.is_valid() else 30.0
    try:
        job_id = services.programme_schedule_start(actor=user, programme=programme, seconds=seconds)
    except (ApplicationError, ValidationError) as error:
        _flash_refusal(request, refusal_of(error))
        return redirect("events:manage_schedule", slug=slug)
    return redirect(f"{reverse('events:manage_schedule', args=[slug])}?job={job_id}")


@login_required
@require_GET
def manage_schedule_job(request: HttpRequest, slug: str, job_id: str) -> JsonResponse:
    """An optimiser run's state for the page that polls it: state, percent, objective, bound, gap."""
    user, programme = _programme(request, slug)
    job = _job(user, job_id)
    if job is None or job.get("programme") != programme.pk:
        raise Http404
    return JsonResponse(_job_view(job))


def _schedule_change(
    request: HttpRequest, slug: str, change: Callable[[User, Programme, int], object], done: str
) -> HttpResponse:
    """Run one manual change made against the posted programme version; the page explains a refusal."""
    user, programme = _organising(request, slug)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _schedule_page(
            request, user, programme, refusal=Refusal(_("The form was incomplete; try again.")), status=400
        )
    try:
        change(user, programme, form.cleaned_data["version"])
    except services.StaleProgramme:
        programme.refresh_from_db()
        return _schedule_page(request, user, programme, stale=True, status=409)
    except (ApplicationError, ValidationError) as error:
        return _schedule_page(request, user, programme, refusal=refusal_of(error), status=400)
    messages.success(request, done)
    return redirect("events:manage_schedule", slug=slug)


def _fresh_data(request: HttpRequest, programme: Programme) -> Any:
    """The person's input again, now against the programme's latest version (they have seen what changed)."""
    data = request.POST.copy()
    data["version"] = str(programme.version)
    return data


def _screening(programme: Programme, pk: int) -> Screening:
    return _pick(selectors.programme_screenings(programme=programme), pk)


@login_required
@require_POST
def manage_screening_lock(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Lock a screening where it is (the optimiser keeps it), or unlock it."""
    form = LockForm(request.POST)
    locked = form.is_valid() and form.cleaned_data["locked"]

    def change(user: User, programme: Programme, version: int) -> object:
        screening = _screening(programme, pk)
        return services.screening_lock(
            actor=user, screening=screening, locked=locked, expected_version=version
        )

    return _schedule_change(
        request, slug, change, _("The screening is locked.") if locked else _("The screening is unlocked.")
    )


@login_required
@require_POST
def manage_screening_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    def change(user: User, programme: Programme, version: int) -> object:
        screening = _screening(programme, pk)
        services.screening_delete(actor=user, screening=screening, expected_version=version)
        return None

    return _schedule_change(request, slug, change, _("The screening was deleted."))


@login_required
@require_POST
def manage_screening_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a screening by hand; it is checked against every rule of the schedule."""
    user, programme = _organising(request, slug)

    def screening_form(data: Any) -> ScreeningForm:
        return ScreeningForm(
            data,
            halls=selectors.programme_halls(programme=programme),
            films=selectors.programme_films(programme=programme),
            guests=_guests(user, programme),
        )

    form = screening_form(request.POST)
    if not form.is_valid():
        return _schedule_page(request, user, programme, add_form=form, status=400)
    data = form.cleaned_data
    try:
        services.screening_add(
            actor=user,
            programme=programme,
            programme_film=data["programme_film"],
            hall=data["hall"],
            starts_at=data["starts_at"],
            qa_guest=data.get("qa_guest"),
            expected_version=data["version"],
        )
    except services.StaleProgramme:
        programme.refresh_from_db()
        form = screening_form(_fresh_data(request, programme))
        form.is_valid()
        return _schedule_page(request, user, programme, add_form=form, stale=True, status=409)
    except (ApplicationError, ValidationError) as error:
        add_service_error(form, error)
        return _schedule_page(request, user, programme, add_form=form, refusal=refusal_of(error), status=400)
    messages.success(request, _("The screening was added."))
    return redirect("events:manage_schedule", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def manage_screening_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Move a screening to another screen or time; it stays locked there."""
    if request.method != "POST":
        user, programme = _programme(request, slug)
    else:
        user, programme = _organising(request, slug)
    screening = _screening(programme, pk)
    halls = selectors.programme_halls(programme=programme)
    refusal: Refusal | None = None
    stale = False
    status = 200
    if request.method != "POST":
        form = ScreeningMoveForm(
            initial=ScreeningMoveForm.initial_for(screening, programme.version), halls=halls
        )
    else:
        form = ScreeningMoveForm(request.POST, halls=halls)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.screening_move(
                    actor=user,
                    screening=screening,
                    hall=data["hall"],
                    starts_at=data["starts_at"],
                    expected_version=data["version"],
                )
            except services.StaleProgramme:
                programme.refresh_from_db()
                stale, status = True, 409
                form = ScreeningMoveForm(_fresh_data(request, programme), halls=halls)
                form.is_valid()
            except (ApplicationError, ValidationError) as error:
                add_service_error(form, error)
                refusal = refusal_of(error)
            else:
                messages.success(request, _("The screening was moved and locked there."))
                return redirect("events:manage_schedule", slug=slug)
    return render(
        request,
        "events/programmes/screening_move.html",
        {
            **_manage_context(user, programme, "schedule"),
            "screening": screening,
            "form": form,
            "refusal": refusal,
            "stale": stale,
        },
        status=status,
    )


def _problems_on_fields(form: AttendanceForm, error: ApplicationError | ValidationError) -> None:
    """Each problem of a refused attendance under the screening it names (all or nothing: none saved)."""
    problems = error.extra.get("problems") if isinstance(error, ApplicationError) else None
    if not problems:
        add_service_error(form, error)
        return
    for problem in problems:
        name = AttendanceForm.field_name(int(problem.get("screening") or 0))
        form.add_error(name if name in form.fields else None, str(problem.get("message", "")))


# --- settings: the schedule's minutes and audience slots --------------------------------------------------------


def _settings_page(
    request: HttpRequest,
    user: User,
    programme: Programme,
    *,
    form: ProgrammeSettingsForm | None = None,
    slot_form: AudienceSlotForm | None = None,
    stale: bool = False,
    status: int = 200,
) -> HttpResponse:
    halls = selectors.programme_halls(programme=programme)
    names = dict(weekday_choices())
    return render(
        request,
        "events/programmes/settings.html",
        {
            **_manage_context(user, programme, "settings"),
            "form": form or ProgrammeSettingsForm(initial=ProgrammeSettingsForm.initial_for(programme)),
            "slot_form": slot_form or AudienceSlotForm(initial={"version": programme.version}, halls=halls),
            "slots": [
                {"slot": slot, "days": [names[day] for day in slot.weekdays if day in names]}
                for slot in selectors.programme_audience_slots(programme=programme)
            ],
            "stale": stale,
        },
        status=status,
    )


def _settings_change(
    request: HttpRequest,
    user: User,
    programme: Programme,
    form: ProgrammeSettingsForm | AudienceSlotForm | VersionForm,
    change: Callable[[int], object],
    done: str,
) -> HttpResponse:
    """Run one change of the settings made against the posted programme version; the page explains a
    refusal, or shows the settings as they are now when someone changed the programme meanwhile."""
    settings_form = form if isinstance(form, ProgrammeSettingsForm) else None
    slot_form = form if isinstance(form, AudienceSlotForm) else None
    if not form.is_valid():
        return _settings_page(request, user, programme, form=settings_form, slot_form=slot_form, status=400)
    try:
        change(form.cleaned_data["version"])
    except services.StaleProgramme:
        programme.refresh_from_db()
        return _settings_page(request, user, programme, stale=True, status=409)
    except (ApplicationError, ValidationError) as error:
        add_service_error(form, error)  # at the field it names, else above the form
        return _settings_page(request, user, programme, form=settings_form, slot_form=slot_form, status=400)
    messages.success(request, done)
    return redirect("events:manage_settings", slug=programme.slug)


@login_required
@require_http_methods(["GET", "POST"])
def manage_settings(request: HttpRequest, slug: str) -> HttpResponse:
    """The minutes the schedule is built with (start-time grid, changeover, Q&A) and the audience slots:
    hours kept for children's or young audiences."""
    if request.method != "POST":
        user, programme = _programme(request, slug)
        return _settings_page(request, user, programme)
    user, programme = _organising(request, slug)
    form = ProgrammeSettingsForm(request.POST)
    return _settings_change(
        request,
        user,
        programme,
        form,
        lambda version: services.programme_settings_update(
            actor=user, programme=programme, **form.service_arguments(), expected_version=version
        ),
        _("The settings were saved."),
    )


@login_required
@require_POST
def manage_slot_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Add an audience slot: on one screen or every screen, some days or every day."""
    user, programme = _organising(request, slug)
    form = AudienceSlotForm(request.POST, halls=selectors.programme_halls(programme=programme))
    return _settings_change(
        request,
        user,
        programme,
        form,
        lambda version: services.audience_slot_create(
            actor=user, programme=programme, **form.service_arguments(), expected_version=version
        ),
        _("The audience slot was added."),
    )


@login_required
@require_POST
def manage_slot_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user, programme = _organising(request, slug)
    slot = _pick(selectors.programme_audience_slots(programme=programme), pk)
    return _settings_change(
        request,
        user,
        programme,
        VersionForm(request.POST),
        lambda version: services.audience_slot_delete(actor=user, slot=slot, expected_version=version),
        _("The audience slot was deleted."),
    )


# --- attendance ------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def manage_attendance(request: HttpRequest, slug: str) -> HttpResponse:
    """Admissions of every screening that has begun, entered together (all or nothing), with totals."""
    if request.method == "POST":
        user, programme = _organising(request, slug)
    else:
        user, programme = _programme(request, slug)
    now = timezone.now()
    past = [s for s in selectors.programme_screenings(programme=programme) if s.starts_at <= now]
    form = AttendanceForm(request.POST or None, screenings=past)
    refusal: Refusal | None = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                count = services.attendance_record(actor=user, programme=programme, values=form.values())
            except (ApplicationError, ValidationError) as error:
                refusal = refusal_of(error)
                _problems_on_fields(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "The attendance of %(count)s screening was saved.",
                        "The attendance of %(count)s screenings was saved.",
                        count,
                    )
                    % {"count": localize_digits(str(count), active_language())},
                )
                return redirect("events:manage_attendance", slug=slug)
    return render(
        request,
        "events/programmes/attendance.html",
        {
            **_manage_context(user, programme, "attendance"),
            "form": form,
            "refusal": refusal,
            "totals": selectors.programme_attendance(programme=programme),
        },
        status=status,
    )
