"""Reads of the directory of studios, locations and specialists: the lists with their filters, one
listing with what its page shows (stages, photos, catalogue credits), the availability calendar of a
month, and the booking requests and invitations — which only their two parties see.

The directory itself is read by every signed-in person. A booking's message and reply are seen by the
members of the requesting organisation and of the organisation operating the studio or location; an
invitation's by the members of the project's co-producers and of the organisation listing the
specialist. Nobody else, film bodies included: these are the two parties' correspondence.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from babel import Locale
from babel.core import get_global
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.dates import WEEKDAYS_ABBR

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation, OrganisationTranslation
from cinebridge.catalogue.models import Credit
from cinebridge.catalogue.selectors import person_credits
from cinebridge.coproduction.models import (
    Booking,
    Closure,
    CoProducer,
    Invitation,
    Location,
    Project,
    RequestStatus,
    Specialist,
    Stage,
    Studio,
)
from cinebridge.core.i18n import active_language

__all__ = [
    "CalendarDay",
    "CalendarMonth",
    "DirectoryFilters",
    "availability_month",
    "booking_get_for_party",
    "bookings_of_viewer",
    "directory_organisations",
    "invitation_get_for_party",
    "invitations_of_viewer",
    "location_get",
    "location_list",
    "projects_editable",
    "requester_organisations",
    "specialist_credits",
    "specialist_get",
    "specialist_list",
    "studio_get",
    "studio_list",
]


@dataclass(frozen=True)
class DirectoryFilters:
    """What the directory's lists are narrowed to; empty values do not filter."""

    country: str = ""
    region: str = ""
    capability: str = ""  # studios: a Capability value
    skill: str = ""  # specialists: a CreativeRole value
    language: str = ""  # specialists' languages; the operator's working languages for studios, locations
    available_on: date | None = None


def _list_has(field_name: str, value: str) -> Q:
    """A JSON list of codes holding `value` (matched with its quotes: "director" is not "animation_director")."""
    return Q(**{f"{field_name}__icontains": f'"{value}"'})


def _organisation_prefetch(prefix: str) -> Prefetch[str, QuerySet[OrganisationTranslation]]:
    return Prefetch(f"{prefix}translations", queryset=OrganisationTranslation.objects.all())


def _place_filters(filters: DirectoryFilters) -> Q:
    condition = Q()
    if filters.country:
        condition &= Q(country=filters.country.upper())
    if filters.region:
        condition &= Q(region__icontains=filters.region.strip())
    if filters.language:
        condition &= _list_has("organisation__coproduction_profile__languages", filters.language)
    return condition


def _free_on(facility_field: str, day: date) -> Q:
    """No closure and no accepted booking of the whole facility on `day` (a stage's booking leaves others)."""
    covering = Q(starts_on__lte=day, ends_on__gte=day)
    closed = Closure.objects.filter(covering, **{facility_field: OuterRef("pk")})
    booked = Booking.objects.filter(
        covering, status=RequestStatus.ACCEPTED, stage__isnull=True, **{facility_field: OuterRef("pk")}
    )
    return ~Exists(closed) & ~Exists(booked)


def studio_list(*, filters: DirectoryFilters) -> QuerySet[Studio]:
    """Studios, filtered, with their operator's names and their stages prefetched."""
    qs = Studio.objects.filter(_place_filters(filters))
    if filters.capability:
        qs = qs.filter(_list_has("capabilities", filters.capability))
    if filters.available_on is not None:
        qs = qs.filter(_free_on("studio", filters.available_on))
    return (
        qs.select_related("organisation")
        .prefetch_related(_organisation_prefetch("organisation__"), "stages")
        .order_by("country", "city", "slug")
    )


def studio_get(*, slug: str) -> Studio:
    try:
        return (
            Studio.objects.select_related("organisation")
            .prefetch_related(_organisation_prefetch("organisation__"), "stages")
            .get(slug=slug)
        )
    except Studio.DoesNotExist:
        raise Http404 from None


def location_list(*, filters: DirectoryFilters) -> QuerySet[Location]:
    """Locations, filtered, with their manager's names and their photos prefetched."""
    qs = Location.objects.filter(_place_filters(filters))
    if filters.available_on is not None:
        qs = qs.filter(_free_on("location", filters.available_on))
    return (
        qs.select_related("organisation")
        .prefetch_related(_organisation_prefetch("organisation__"), "photos")
        .order_by("country", "region", "slug")
    )


def location_get(*, slug: str) -> Location:
    try:
        return (
            Location.objects.select_related("organisation")
            .prefetch_related(_organisation_prefetch("organisation__"), "photos")
            .get(slug=slug)
        )
    except Location.DoesNotExist:
        raise Http404 from None


def specialist_list(*, filters: DirectoryFilters) -> QuerySet[Specialist]:
    """Specialists, filtered by country, skill, language and a day they are free (within their availability
    and not taken by an accepted invitation)."""
    qs = Specialist.objects.all()
    if filters.country:
        qs = qs.filter(country=filters.country.upper())
    if filters.skill:
        qs = qs.filter(_list_has("skills", filters.skill))
    if filters.language:
        qs = qs.filter(_list_has("languages", filters.language))
    if filters.available_on is not None:
        day = filters.available_on
        engaged = Invitation.objects.filter(
            specialist=OuterRef("pk"), status=RequestStatus.ACCEPTED, starts_on__lte=day, ends_on__gte=day
        )
        qs = qs.filter(
            Q(available_from__isnull=True) | Q(available_from__lte=day),
            Q(available_until__isnull=True) | Q(available_until__gte=day),
            ~Exists(engaged),
        )
    return (
        qs.select_related("organisation", "person")
        .prefetch_related(_organisation_prefetch("organisation__"))
        .order_by("country", "slug")
    )


def specialist_get(*, slug: str) -> Specialist:
    try:
        return (
            Specialist.objects.select_related("organisation", "person")
            .prefetch_related(_organisation_prefetch("organisation__"), "person__names")
            .get(slug=slug)
        )
    except Specialist.DoesNotExist:
        raise Http404 from None


def specialist_credits(*, viewer: policy.Viewer, specialist: Specialist) -> list[Credit]:
    """The specialist's credits in the catalogue (through their person), on films the viewer may see."""
    if specialist.person is None:
        return []
    return list(person_credits(viewer=viewer, person=specialist.person))


# --- the availability calendar ---------------------------------------------------------------------


@dataclass
class CalendarDay:
    day: date
    in_month: bool
    closures: list[Closure] = field(default_factory=list)
    bookings: list[Booking] = field(default_factory=list)

    @property
    def is_closed(self) -> bool:
        return bool(self.closures)

    @property
    def is_booked(self) -> bool:
        """The whole studio or location is taken by an accepted booking."""
        return any(booking.stage_id is None for booking in self.bookings)

    @property
    def stages_booked(self) -> list[Stage]:
        return [booking.stage for booking in self.bookings if booking.stage is not None]

    @property
    def state(self) -> str:
        if self.is_closed:
            return "closed"
        if self.is_booked:
            return "booked"
        if self.bookings:
            return "partly"
        return "free"


@dataclass
class CalendarMonth:
    first: date
    weekdays: list[int]  # calendar.MONDAY … in the order of the columns
    weeks: list[list[CalendarDay]]

    @property
    def weekday_labels(self) -> list[str]:
        """The columns' weekday abbreviations in the active language."""
        return [str(WEEKDAYS_ABBR[day]) for day in self.weekdays]

    @property
    def previous(self) -> date:
        return (self.first - timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> date:
        return (self.first + timedelta(days=31)).replace(day=1)


def first_weekday(language: str | None = None) -> int:
    """The first day of the week where the language is mostly spoken (Saturday in fa, Monday in ru)."""
    code = language or active_language()
    try:
        # "fa" alone names no country; its likely one (fa_Arab_IR) has the week's first day.
        return int(Locale.parse(get_global("likely_subtags").get(code, code)).first_week_day)
    except (ValueError, TypeError):
        return calendar.MONDAY


def availability_month(*, facility: Studio | Location, year: int, month: int) -> CalendarMonth:
    """The month's days in weeks, each with the closures and accepted bookings covering it (two queries)."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    start_weekday = first_weekday()
    weeks_of_days = calendar.Calendar(start_weekday).monthdatescalendar(year, month)
    grid_first, grid_last = weeks_of_days[0][0], weeks_of_days[-1][-1]
    overlapping = Q(starts_on__lte=grid_last, ends_on__gte=grid_first)
    if isinstance(facility, Studio):
        closures = list(Closure.objects.filter(overlapping, studio=facility))
        bookings = Booking.objects.filter(overlapping, studio=facility)
    else:
        closures = list(Closure.objects.filter(overlapping, location=facility))
        bookings = Booking.objects.filter(overlapping, location=facility)
    accepted = list(bookings.filter(status=RequestStatus.ACCEPTED).select_related("stage"))
    weeks = [
        [
            CalendarDay(
                day=day,
                in_month=first <= day <= last,
                closures=[c for c in closures if c.starts_on <= day <= c.ends_on],
                bookings=[b for b in accepted if b.starts_on <= day <= b.ends_on],
            )
            for day in week
        ]
        for week in weeks_of_days
    ]
    return CalendarMonth(first=first, weekdays=[(start_weekday + i) % 7 for i in range(7)], weeks=weeks)


# --- bookings and invitations: the two parties only ------------------------------------------------


def _member_organisations(viewer: policy.Viewer) -> QuerySet[Organisation]:
    """The organisations the viewer belongs to (any role; no film body oversight)."""
    return policy.organisations_where(viewer, policy.ORGANISATION_MEMBER)


def _bookings_for(viewer: policy.Viewer) -> QuerySet[Booking]:
    mine = _member_organisations(viewer)
    return Booking.objects.filter(
        Q(requester__in=mine) | Q(studio__organisation__in=mine) | Q(location__organisation__in=mine)
    )


def bookings_of_viewer(*, viewer: policy.Viewer) -> QuerySet[Booking]:
    """The booking requests the viewer's organisations made or received, newest days first."""
    return (
        _bookings_for(viewer)
        .select_related(
            "studio__organisation", "location__organisation", "stage", "requester", "project", "requested_by"
        )
        .prefetch_related(
            _organisation_prefetch("requester__"),
            _organisation_prefetch("studio__organisation__"),
            _organisation_prefetch("location__organisation__"),
        )
        .order_by("-starts_on", "-pk")
    )


def booking_get_for_party(*, viewer: policy.Viewer, pk: int) -> Booking:
    """One booking request, for a member of one of its two parties (404 for anyone else)."""
    try:
        return bookings_of_viewer(viewer=viewer).get(pk=pk)
    except Booking.DoesNotExist:
        raise Http404 from None


def _invitations_for(viewer: policy.Viewer) -> QuerySet[Invitation]:
    mine = _member_organisations(viewer)
    coproduced = CoProducer.objects.filter(project=OuterRef("project"), organisation__in=mine)
    return Invitation.objects.filter(
        Q(specialist__organisation__in=mine) | Q(project__lead__in=mine) | Q(Exists(coproduced))
    )


def invitations_of_viewer(*, viewer: policy.Viewer) -> QuerySet[Invitation]:
    """The invitations the viewer's projects sent or their organisations' specialists received."""
    return (
        _invitations_for(viewer)
        .select_related("project__lead", "specialist__organisation", "invited_by")
        .prefetch_related(
            "project__coproducers__organisation",
            _organisation_prefetch("specialist__organisation__"),
        )
        .order_by("-created_at", "-pk")
    )


def invitation_get_for_party(*, viewer: policy.Viewer, pk: int) -> Invitation:
    try:
        return invitations_of_viewer(viewer=viewer).get(pk=pk)
    except Invitation.DoesNotExist:
        raise Http404 from None


# --- choices for the forms -------------------------------------------------------------------------


def directory_organisations(*, viewer: policy.Viewer) -> QuerySet[Organisation]:
    """The organisations whose studios, locations and specialists the viewer may list and answer for."""
    return policy.organisations_where(viewer, policy.DIRECTORY_EDIT).prefetch_related("translations")


def requester_organisations(
    *, viewer: policy.Viewer, exclude: Sequence[Organisation] = ()
) -> QuerySet[Organisation]:
    """The organisations the viewer may book for (but the facility's own operator)."""
    return (
        policy.organisations_where(viewer, policy.MEETINGS_REQUEST)
        .exclude(pk__in=[o.pk for o in exclude])
        .prefetch_related("translations")
    )


def projects_editable(*, viewer: policy.Viewer) -> QuerySet[Project]:
    """The projects the viewer may change: those co-produced by an organisation they edit for."""
    editing = policy.organisations_where(viewer, policy.COPRODUCTION_EDIT)
    return (
        Project.objects.filter(Q(lead__in=editing) | Q(coproducers__organisation__in=editing))
        .distinct()
        .order_by("-created_at", "slug")
    )
