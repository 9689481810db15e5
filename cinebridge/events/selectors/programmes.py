"""Reads of programmes: film weeks a person takes part in, a programme's films, screens, guests and
screenings, curation (rights and subtitles), the schedule's violations, the public programme and its
attendance.

What is not public — the curation, an unpublished programme — is read only by the programme's
organisers (`access.programme_may_view_private`), guests' passport data only by the organising
organisations' own members (`access.programme_may_see_guest_papers`); the public selectors return
published programmes only (an organiser may preview their own).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from cinebridge.accounts import policy
from cinebridge.catalogue.models import Film, FilmCountry, FilmTranslation, FilmVersion, SubtitleTrack
from cinebridge.catalogue.selectors import films_visible
from cinebridge.events import bridge, curation
from cinebridge.events.curation import CurationCheck
from cinebridge.events.engine.checker import check_schedule
from cinebridge.events.models import (
    AudienceSlot,
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

from .access import (
    programme_may_see_guest_papers,
    programme_may_view_private,
    programme_organisers,
    programme_require_view_private,
)

__all__ = [
    "CurationCheck",
    "curation_candidates",
    "curation_check",
    "curation_checks",
    "film_week_get",
    "film_weeks_of_viewer",
    "programme_attendance",
    "programme_audience_slots",
    "programme_cities",
    "programme_days",
    "programme_film_public",
    "programme_films",
    "programme_get",
    "programme_get_for_organiser",
    "programme_get_public",
    "programme_guests",
    "programme_halls",
    "programme_schedule_rows",
    "programme_screenings",
    "programme_venues",
    "programme_violations",
    "programmes_published",
    "screening_local_start",
]

# Candidates listed at most (a curator narrows them with the query).
CANDIDATES_LIMIT = 200


def _programmes() -> QuerySet[Programme]:
    return Programme.objects.select_related(
        "film_week__proposed_by", "film_week__partner", "edition__festival__organisation"
    )


# --- film weeks ------------------------------------------------------------------------------------


def film_weeks_of_viewer(*, viewer: policy.Viewer) -> QuerySet[FilmWeek]:
    """The film weeks the viewer's film bodies proposed or were proposed, newest first."""
    organisations = policy.organisations_where(viewer, policy.FILM_WEEKS_VIEW)
    return (
        FilmWeek.objects.filter(Q(proposed_by__in=organisations) | Q(partner__in=organisations))
        .select_related("programme", "proposed_by", "partner")
        .order_by("-programme__starts_on", "programme__slug")
    )


def film_week_get(*, viewer: policy.Viewer, slug: str) -> FilmWeek:
    """One film week for its organisers; 404 for anyone else (we do not confirm it exists)."""
    try:
        week = FilmWeek.objects.select_related("programme", "proposed_by", "partner").get(
            programme__slug=slug
        )
    except FilmWeek.DoesNotExist:
        raise Http404 from None
    if not programme_may_view_private(viewer=viewer, programme=week.programme):
        raise Http404
    return week


# --- programmes ------------------------------------------------------------------------------------


def programme_get(*, slug: str) -> Programme:
    """A programme by its address, published or not (for code that checks access itself); 404 if none."""
    try:
        return _programmes().get(slug=slug)
    except Programme.DoesNotExist:
        raise Http404 from None


def programme_get_for_organiser(*, viewer: policy.Viewer, slug: str) -> Programme:
    """A programme for its organisers' pages. Others get a 404 for an unpublished programme (it is not
    known to exist) and PermissionDenied for a published one."""
    programme = programme_get(slug=slug)
    if not programme_may_view_private(viewer=viewer, programme=programme):
        if not programme.is_published:
            raise Http404
        programme_require_view_private(viewer=viewer, programme=programme)
    return programme


def programme_films(*, programme: Programme) -> QuerySet[ProgrammeFilm]:
    """The films of a programme with their catalogue film, titles, version and section."""
    return (
        ProgrammeFilm.objects.filter(programme=programme)
        .select_related("film", "version", "section")
        .prefetch_related("film__translations", "qa_guests")
        .order_by("pk")
    )


def programme_halls(*, programme: Programme) -> QuerySet[Hall]:
    """The screens of a programme's venues, city by city."""
    return (
        Hall.objects.filter(venue__programme=programme)
        .select_related("venue")
        .order_by("venue__city_key", "venue_id", "name")
    )


def programme_audience_slots(*, programme: Programme) -> list[AudienceSlot]:
    """The programme's audience slots in time order, with the screen (and its venue) each is limited to."""
    return list(programme.audience_slots.select_related("hall__venue").order_by("starts_at", "ends_at", "pk"))


def programme_venues(*, programme: Programme) -> list[Venue]:
    """The programme's venues, city by city, with their screens (`venue.halls.all()`, by name)."""
    halls = Prefetch("halls", queryset=Hall.objects.order_by("name"))
    return list(Venue.objects.filter(programme=programme).prefetch_related(halls).order_by("city_key", "pk"))


def programme_guests(*, viewer: policy.Viewer, programme: Programme) -> list[Guest]:
    """The programme's guests. Their passport data (number and date of birth) is seen only by the members
    of the organising organisations (`access.programme_may_see_guest_papers`); the film bodies overseeing
    them, and anyone once the programme is published, see the guests without it. Nobody else sees the
    guests of an unpublished programme."""
    if not programme.is_published and not programme_may_view_private(viewer=viewer, programme=programme):
        return []
    guests = list(
        Guest.objects.filter(programme=programme)
        .prefetch_related("qa_films__film__translations")
        .order_by("arrives_at", "pk")
    )
    if programme_may_see_guest_papers(viewer=viewer, programme=programme):
        return guests
    for guest in guests:
        guest.passport_number = ""
        guest.birth_date = None
    return guests


def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def screening_local_start(screening: Screening) -> datetime:
    """When a screening starts, in its venue's time zone."""
    return screening.starts_at.astimezone(_zone(screening.hall.venue.time_zone))


def programme_screenings(
    *,
    programme: Programme,
    city_key: str | None = None,
    day: date | None = None,
    venue_id: int | None = None,
    film_id: int | None = None,
) -> list[Screening]:
    """A programme's screenings in order of start, optionally of one city, one local day (the venue's
    calendar), one venue or one catalogue film (`film_id` is the Film's id)."""
    qs = Screening.objects.filter(programme=programme)
    if city_key:
        qs = qs.filter(hall__venue__city_key=city_key)
    if venue_id is not None:
        qs = qs.filter(hall__venue_id=venue_id)
    if film_id is not None:
        qs = qs.filter(programme_film__film_id=film_id)
    if day is not None:  # a wide UTC band first, the venue's own calendar day after
        wide_start = datetime(day.year, day.month, day.day, tzinfo=ZoneInfo("UTC")) - timedelta(hours=15)
        qs = qs.filter(starts_at__gte=wide_start, starts_at__lt=wide_start + timedelta(hours=54))
    rows = list(
        qs.select_related("programme_film__film", "programme_film__version", "hall__venue", "qa_guest")
        .prefetch_related("programme_film__film__translations")
        .order_by("starts_at", "hall__venue__city_key", "hall__name", "pk")
    )
    if day is not None:
        rows = [s for s in rows if screening_local_start(s).date() == day]
    return rows


def programme_days(*, programme: Programme) -> list[date]:
    """The programme's days, first to last."""
    return list(bridge.programme_days(programme))


def programme_cities(*, programme: Programme) -> list[tuple[str, dict[str, str]]]:
    """(city key, city names) of the programme's venues, each city once, in the order of the keys."""
    found: dict[str, dict[str, str]] = {}
    for key, names in (
        Venue.objects.filter(programme=programme)
        .order_by("city_key", "pk")
        .values_list("city_key", "city_names")
    ):
        found.setdefault(key, names)
    return list(found.items())


def programme_schedule_rows(*, programme: Programme) -> list[Screening]:
    """The programme's screenings as the schedule's rules are checked on them (`bridge.engine_screening`):
    with film, screen, venue and Q&A guest, in order of start."""
    return list(
        Screening.objects.filter(programme=programme)
        .select_related("programme_film__film", "hall__venue", "qa_guest")
        .order_by("starts_at", "pk")
    )


def programme_violations(*, programme: Programme, complete: bool = True) -> list[dict[str, Any]]:
    """Every rule the current screenings break, in words, each with the screenings involved:
    {"code", "message", "screening", "screenings"}. `complete` asks for the films' minimums too."""
    rows = programme_schedule_rows(programme=programme)
    instance, maps = bridge.programme_instance(programme, locks=[s for s in rows if s.is_locked])
    engine_rows = [bridge.engine_screening(s, maps.clock) for s in rows]
    return [
        bridge.violation_described(v, maps=maps, screenings=rows)
        for v in check_schedule(instance, engine_rows, complete=complete)
    ]


def programme_attendance(*, programme: Programme) -> dict[str, Any]:
    """Totals for the cooperation figures: screenings, those with attendance recorded, admissions,
    the seats of those screenings and the share filled (None before any is recorded)."""
    rows = list(Screening.objects.filter(programme=programme).values_list("attendance", "hall__capacity"))
    recorded = [(admissions, seats) for admissions, seats in rows if admissions is not None]
    admissions = sum(a for a, _ in recorded)
    seats = sum(s for _, s in recorded)
    return {
        "screenings": len(rows),
        "with_attendance": len(recorded),
        "admissions": admissions,
        "seats": seats,
        "occupancy": round(admissions / seats, 4) if seats else None,
    }


# --- curation --------------------------------------------------------------------------------------


def _versions_prefetch() -> Prefetch[str, QuerySet[FilmVersion]]:
    return Prefetch(
        "versions",
        queryset=FilmVersion.objects.order_by("pk").prefetch_related(
            Prefetch("subtitles", queryset=SubtitleTrack.objects.order_by("language_code"))
        ),
    )


def _check_many(viewer: policy.Viewer, programme: Programme, films: list[Film]) -> dict[int, CurationCheck]:
    if programme.kind == ProgrammeKind.FILM_WEEK:
        rights = curation.rights_answers(
            viewer=viewer,
            film_ids=[film.pk for film in films],
            host_country=programme.host_country,
            starts_on=programme.starts_on,
            ends_on=programme.ends_on,
            organisers=[o.pk for o in programme_organisers(programme)],
        )
    else:  # a festival: the applicant entered the film
        rights = {film.pk: curation.RightsAnswer(True, []) for film in films}
    return {
        film.pk: curation.curation_check_of(
            rights=rights[film.pk],
            subtitles=curation.subtitle_answer(film, programme.host_country, list(film.versions.all())),
        )
        for film in films
    }


def curation_check(*, viewer: policy.Viewer, programme: Programme, film: Film) -> CurationCheck:
    """Whether the film may be shown in the programme (rights, for a film week) and whether its host
    audience can follow it (subtitles), for the programme's organisers only."""
    programme_require_view_private(viewer=viewer, programme=programme)
    loaded = Film.objects.prefetch_related(_versions_prefetch()).get(pk=film.pk)
    return _check_many(viewer, programme, [loaded])[loaded.pk]


def curation_checks(
    *, viewer: policy.Viewer, programme: Programme, films: Iterable[Film]
) -> dict[int, CurationCheck]:
    """`curation_check` of several films at once (the programme's own, say), by film id."""
    programme_require_view_private(viewer=viewer, programme=programme)
    ids = [film.pk for film in films]
    loaded = list(Film.objects.filter(pk__in=ids).prefetch_related(_versions_prefetch()).order_by("pk"))
    return _check_many(viewer, programme, loaded)


def curation_candidates(
    *, viewer: policy.Viewer, programme: Programme, query: str = "", include_refused: bool = False
) -> list[tuple[Film, CurationCheck]]:
    """Catalogue films the organisers may select, with their check: for a film week the guest country's
    films (produced there, or held by an organisation of that country); for a festival any film. Films
    already in the programme are left out, and so are those the rights refuse unless `include_refused`.
    `query` narrows by title (original or translated)."""
    programme_require_view_private(viewer=viewer, programme=programme)
    qs = films_visible(viewer).exclude(
        pk__in=ProgrammeFilm.objects.filter(programme=programme).values("film_id")
    )
    if programme.kind == ProgrammeKind.FILM_WEEK:
        country = programme.film_week.guest_country
        qs = qs.filter(
            Q(pk__in=FilmCountry.objects.filter(country=country).values("film_id"))
            | Q(owner__country=country)
        )
    text = (query or "").strip()
    if text:
        qs = qs.filter(
            Q(original_title__icontains=text)
            | Q(pk__in=FilmTranslation.objects.filter(title__icontains=text).values("film_id"))
        )
    films = list(
        qs.select_related("owner")
        .prefetch_related("translations", _versions_prefetch())
        .order_by("-year", "original_title", "pk")[:CANDIDATES_LIMIT]
    )
    checks = _check_many(viewer, programme, films)
    return [(film, checks[film.pk]) for film in films if include_refused or checks[film.pk].rights_ok]


# --- the public programme --------------------------------------------------------------------------


def _public() -> QuerySet[Programme]:
    """Published programmes; a cancelled or declined film week is never public."""
    closed = [FilmWeekStatus.DECLINED, FilmWeekStatus.CANCELLED]
    return _programmes().filter(is_published=True).exclude(film_week__status__in=closed)


def programmes_published() -> list[Programme]:
    """Every published programme, the latest first."""
    return list(_public().order_by("-starts_on", "slug"))


def programme_get_public(*, viewer: policy.Viewer, slug: str) -> Programme:
    """A published programme, or an unpublished one for its organisers' preview; 404 otherwise."""
    programme = programme_get(slug=slug)
    if _public().filter(pk=programme.pk).exists():
        return programme
    if programme_may_view_private(viewer=viewer, programme=programme):
        return programme
    raise Http404


def programme_film_public(*, programme: Programme, film_slug: str) -> ProgrammeFilm:
    """One film of a programme by the film's address; 404 when it is not in the programme."""
    try:
        return (
            ProgrammeFilm.objects.select_related("film", "version", "section")
            .prefetch_related("film__translations", "film__countries", "film__credits__person__names")
            .get(programme=programme, film__slug=film_slug)
        )
    except ProgrammeFilm.DoesNotExist:
        raise Http404 from None
