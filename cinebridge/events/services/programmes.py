"""Writes to programmes: film weeks (proposed, agreed, declined, cancelled), venues and screens, the
curated films, guests, the schedule (optimised, or edited by hand under the same rules), publication and
attendance.

Every write asks the access module whether the person may organise the programme; a film week is
agreed or declined only by its partner's editors. A schedule change — a screening added, moved,
locked or deleted — is judged by the schedule checker (`engine/checker.py`, the rules the optimiser
obeys) before anything is written: a change that breaks a rule is refused with every broken rule
explained (`ScheduleRefused`), and one made on a schedule someone changed meanwhile is refused too
(`StaleProgramme`, by `Programme.version`, which every change of a programme's content raises). The
optimiser's run keeps the locked screenings (and those that have begun or whose attendance is recorded:
they happened) and replaces the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation, OrganisationKind, User
from cinebridge.catalogue.engine.ratings import rating_system_for
from cinebridge.catalogue.models import Film, FilmRating, FilmVersion
from cinebridge.catalogue.selectors import films_visible
from cinebridge.core.errors import ApplicationError
from cinebridge.core.i18n import text_in, translated_text
from cinebridge.core.vocabularies import country_name, is_country_code
from cinebridge.events import bridge, curation
from cinebridge.events.engine.checker import Violation, check_schedule
from cinebridge.events.engine.scheduling import Instance, ProgressCallback, candidates, solve
from cinebridge.events.models import (
    RESERVED_PROGRAMME_SLUGS,
    AudienceSlot,
    CopyFormat,
    FilmWeek,
    FilmWeekStatus,
    Guest,
    Hall,
    Programme,
    ProgrammeFilm,
    ProgrammeKind,
    Projection,
    Screening,
    SlotAudience,
    Strand,
    Venue,
)
from cinebridge.events.selectors.access import programme_organisers, programme_require_organise
from cinebridge.events.selectors.programmes import programme_schedule_rows, programme_violations
from cinebridge.notifications.services import (
    in_reader_language,
    names_in_reader_language,
    notify_organisation,
)

__all__ = [
    "FILM_WEEK_TRANSITIONS",
    "CurationRefused",
    "ScheduleRefused",
    "StaleProgramme",
    "attendance_record",
    "audience_slot_create",
    "audience_slot_delete",
    "film_week_agree",
    "film_week_cancel",
    "film_week_decline",
    "film_week_propose",
    "guest_create",
    "guest_delete",
    "guest_update",
    "hall_create",
    "hall_delete",
    "hall_update",
    "programme_film_add",
    "programme_film_remove",
    "programme_film_update",
    "programme_publish",
    "programme_schedule_job",
    "programme_schedule_solve",
    "programme_schedule_start",
    "programme_settings_update",
    "programme_unpublish",
    "screening_add",
    "screening_delete",
    "screening_lock",
    "screening_move",
    "venue_create",
    "venue_delete",
    "venue_update",
]

# Who may move a film week where: the partner answers a proposal, either party ends it.
FILM_WEEK_TRANSITIONS: dict[str, frozenset[str]] = {
    FilmWeekStatus.PROPOSED: frozenset(
        {FilmWeekStatus.AGREED, FilmWeekStatus.DECLINED, FilmWeekStatus.CANCELLED}
    ),
    FilmWeekStatus.AGREED: frozenset({FilmWeekStatus.CANCELLED}),
    FilmWeekStatus.DECLINED: frozenset(),
    FilmWeekStatus.CANCELLED: frozenset(),
}
# A synchronous solve waits at most this long; a background job may run JOB_MAX_SECONDS (tasks.py).
MAX_SOLVE_SECONDS = 600.0
# A run keeps what will have begun by its end and this long after (the time to write its result).
_WRITE_MARGIN = timedelta(seconds=60)
# Who acted is None for the system (demo data, commands): the models leave it nullable, not blank.
_ACTOR_FIELDS = ("added_by", "decided_by", "attendance_recorded_by")


# --- errors ----------------------------------------------------------------------------------------


class CurationRefused(ApplicationError):  # noqa: N818 (the contract names it)
    """The film may not be shown in this programme; `extra["reasons"]` says why, in words."""


class StaleProgramme(ApplicationError):  # noqa: N818 (the contract names it)
    """The programme's schedule changed since the person loaded it; `extra["version"]` is its version now."""

    def __init__(self, *, version: int, message: str | None = None) -> None:
        super().__init__(
            message
            or _(
                "Someone changed this programme meanwhile (it is now at version %(version)d). "
                "Reload the schedule and make your change again."
            )
            % {"version": version},
            extra={"field": "expected_version", "version": version},
        )


def _changed_while_solving(version: int) -> StaleProgramme:
    return StaleProgramme(
        version=version, message=_("The schedule changed while the optimiser was running; run it again.")
    )


class ScheduleRefused(ApplicationError):  # noqa: N818 (the contract names it)
    """A schedule change (or publication) that breaks the schedule's rules; `violations` explains each:
    {"code", "message", "screening", "screenings"}."""

    def __init__(self, violations: Sequence[Mapping[str, Any]], *, lead: str | None = None) -> None:
        self.violations = [dict(v) for v in violations]
        heading = lead or _("This change would break the schedule's rules:")
        message = " ".join([heading, *(str(v["message"]) for v in self.violations)])
        super().__init__(message, extra={"field": None, "violations": self.violations})


# --- shared steps ----------------------------------------------------------------------------------


def _refuse(field: str | None, message: str) -> ApplicationError:
    return ApplicationError(message, extra={"field": field})


def _clean_and_save(instance: models.Model) -> None:
    """full_clean() then save; a field's validation error becomes an ApplicationError naming it."""
    actor_fields = [f.name for f in instance._meta.fields if f.name in _ACTOR_FIELDS]
    try:
        instance.full_clean(exclude=actor_fields)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise _refuse(None if field == "__all__" else field, " ".join(messages)) from None
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        raise _refuse(None, _("This conflicts with a change made meanwhile; reload and try again.")) from None


def _apply(
    instance: models.Model, fields: Mapping[str, Any], cleaners: Mapping[str, Callable[[Any], Any]]
) -> None:
    """Set each of `fields` through its cleaner, then `_clean_and_save` the instance."""
    for name, value in fields.items():
        setattr(instance, name, cleaners[name](value))
    _clean_and_save(instance)


def _text(value: str, field: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise _refuse(field, _("This field is required."))
    return value


def _names(value: Mapping[str, str] | None, field: str, *, required: bool = True) -> dict[str, str]:
    """A {language: text} map, trimmed, without empty entries; at least one text when required."""
    if value is not None and not isinstance(value, Mapping):
        raise _refuse(field, _("Give the name as a text per language."))
    cleaned = {str(k).strip(): str(v).strip() for k, v in (value or {}).items() if str(v or "").strip()}
    if required and not cleaned:
        raise _refuse(field, _("Give the name in at least one language."))
    return cleaned


def _zone(value: str, field: str = "time_zone") -> str:
    name = (value or "").strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise _refuse(
            field, _("“%(value)s” is not a time zone such as Europe/Minsk or Asia/Tehran.") % {"value": value}
        ) from None
    return name


def _country(value: str, field: str) -> str:
    code = (value or "").strip().upper()
    if not is_country_code(code):
        raise _refuse(field, _("“%(value)s” is not a country code such as IR or BY.") % {"value": value})
    return code


def _aware(value: datetime, field: str) -> datetime:
    if not isinstance(value, datetime) or timezone.is_naive(value):
        raise _refuse(field, _("Give a date and time with its time zone."))
    return value


def _touch(programme: Programme) -> None:
    """Raise the programme's version: what its schedule depends on has changed."""
    Programme.objects.filter(pk=programme.pk).update(version=F("version") + 1, updated_at=timezone.now())
    programme.refresh_from_db(fields=["version", "updated_at"])


def _programme_locked(programme: Programme, expected_version: int) -> Programme:
    """The programme as committed, its row locked until the transaction ends; StaleProgramme if it moved on."""
    current = Programme.objects.select_for_update().get(pk=programme.pk)
    if current.version != expected_version:
        raise StaleProgramme(version=current.version)
    return current


def _bump(programme: Programme) -> None:
    programme.version += 1
    programme.save(update_fields=["version", "updated_at"])


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def _film_title(film: Film) -> str:
    return translated_text(film.translations.all(), "title", film.original_title)


# --- notifications ---------------------------------------------------------------------------------

_MESSAGES: dict[str, tuple[Promise, Promise]] = {
    "film_week.proposed": (
        gettext_lazy("%(party)s proposes a film week: %(title)s"),
        gettext_lazy(
            "%(party)s proposes %(title)s in %(country)s from %(start)s to %(end)s. "
            "Agree to it or decline it.%(note)s"
        ),
    ),
    "film_week.agreed": (
        gettext_lazy("%(party)s agreed to the film week %(title)s"),
        gettext_lazy("The film week can now be prepared and published.%(note)s"),
    ),
    "film_week.declined": (
        gettext_lazy("%(party)s declined the film week %(title)s"),
        gettext_lazy("The proposal has ended.%(note)s"),
    ),
    "film_week.cancelled": (
        gettext_lazy("%(party)s cancelled the film week %(title)s"),
        gettext_lazy("The film week will not take place; its programme is no longer public.%(note)s"),
    ),
    "programme.published": (
        gettext_lazy("%(party)s published the programme %(title)s"),
        gettext_lazy("The programme and its schedule are now public."),
    ),
    "programme.unpublished": (
        gettext_lazy("%(party)s withdrew the programme %(title)s from publication"),
        gettext_lazy("The programme is no longer public."),
    ),
}


def _organisation_name(organisation: Organisation) -> str:
    return in_reader_language(organisation.translations.all(), "name", organisation.name)


def _note(text: str) -> str:
    text = text.strip()
    return lazy(lambda: "\n\n" + _("Their message: %(text)s") % {"text": text} if text else "", str)()


def _lazy_country(code: str) -> str:
    return lazy(lambda: country_name(code), str)()


def _lazy_day(value: date) -> str:
    return lazy(lambda: _day(value), str)()


def _tell(
    programme: Programme,
    *,
    kind: str,
    to: Iterable[Organisation],
    actor: User,
    party: Organisation,
    note: str = "",
) -> None:
    """Notify the members of the organisations `to` (but the actor) of a step `party` took."""
    subject, body = _MESSAGES[kind]
    slug = programme.slug
    params = {
        "party": _organisation_name(party),
        "title": names_in_reader_language(programme.names, programme.slug),
        "country": _lazy_country(programme.host_country),
        "start": _lazy_day(programme.starts_on),
        "end": _lazy_day(programme.ends_on),
        "note": _note(note),
    }
    # The public page once published; otherwise the film week's page, or the festival's management.
    if kind == "programme.published":
        page = "events:programme"
    elif programme.kind == ProgrammeKind.FILM_WEEK:
        page = "events:film_week_detail"
    else:
        page = "events:manage"

    def link() -> str:
        return reverse(page, kwargs={"slug": slug})

    seen: set[int] = set()
    for organisation in to:
        if organisation.pk in seen:
            continue
        seen.add(organisation.pk)
        notify_organisation(
            organisation=organisation, exclude=actor, kind=kind, subject=subject, body=body, params=params,
            link=link,
        )  # fmt: skip


def _acting_for(actor: User, organisations: Sequence[Organisation], action: str) -> Organisation:
    """The organiser the actor acts for (the first they may act for), else PermissionDenied."""
    for organisation in organisations:
        if policy.can(actor, action, organisation):
            return organisation
    raise PermissionDenied(_("Only the organisers' editors may change this programme."))


def _others(programme: Programme, acting: Organisation) -> list[Organisation]:
    """The organisers to tell of a step: the other party of a film week, the festival itself otherwise."""
    organisers = programme_organisers(programme)
    others = [o for o in organisers if o.pk != acting.pk]
    return others or organisers


# --- film weeks ------------------------------------------------------------------------------------


def _check_slug(slug: str) -> str:
    slug = (slug or "").strip().lower()
    if slug in RESERVED_PROGRAMME_SLUGS:
        raise _refuse("slug", _("The address “%(slug)s” is reserved; choose another.") % {"slug": slug})
    if slug and Programme.objects.filter(slug=slug).exists():
        raise _refuse("slug", _("The address “%(slug)s” is taken; choose another.") % {"slug": slug})
    return slug


def _check_dates(starts_on: date, ends_on: date) -> None:
    if not isinstance(starts_on, date) or not isinstance(ends_on, date):
        raise _refuse("starts_on", _("Give the first and the last day."))
    if ends_on < starts_on:
        raise _refuse("ends_on", _("The last day comes before the first."))


def _check_countries(proposed_by: Organisation, partner: Organisation, host: str, guest: str) -> None:
    """A film week shows one party's country's films in the other's: the host and guest countries are
    the two film bodies' countries, one each."""
    parties = {proposed_by.country.upper(), partner.country.upper()}
    if {host, guest} == parties:
        return
    if len(parties) < 2:
        raise _refuse("partner", _("The partner must be the film body of another country."))
    first, second = sorted(parties)
    field = "host_country" if host not in parties else "guest_country"
    raise _refuse(
        field,
        _("A film week is held in one partner's country with the other's films: the host and guest "
          "countries must be %(first)s and %(second)s, one each.")
        % {"first": country_name(first), "second": country_name(second)},
    )  # fmt: skip


@transaction.atomic
def film_week_propose(
    *,
    actor: User,
    proposed_by: Organisation,
    partner: Organisation,
    host_country: str,
    guest_country: str,
    slug: str,
    names: Mapping[str, str],
    starts_on: date,
    ends_on: date,
    time_zone: str,
    note: str = "",
) -> FilmWeek:
    """Propose a week of the guest country's films in the host country to the partner film body."""
    policy.require(actor, policy.FILM_WEEKS_ORGANISE, proposed_by)
    if partner.pk == proposed_by.pk:
        raise _refuse("partner", _("A film week is agreed between two film bodies: choose the other one."))
    if partner.kind != OrganisationKind.FILM_BODY:
        raise _refuse("partner", _("The partner of a film week must be a film body."))
    host = _country(host_country, "host_country")
    guest = _country(guest_country, "guest_country")
    if host == guest:
        raise _refuse("guest_country", _("The guest country must differ from the host country."))
    _check_countries(proposed_by, partner, host, guest)
    _check_dates(starts_on, ends_on)
    programme = Programme(
        kind=ProgrammeKind.FILM_WEEK,
        slug=_check_slug(slug),
        names=_names(names, "names"),
        host_country=host,
        starts_on=starts_on,
        ends_on=ends_on,
        time_zone=_zone(time_zone),
    )
    _clean_and_save(programme)
    week = FilmWeek(
        programme=programme,
        proposed_by=proposed_by,
        partner=partner,
        guest_country=guest,
        proposal_note=(note or "").strip(),
    )
    _clean_and_save(week)
    _tell(programme, kind="film_week.proposed", to=[partner], actor=actor, party=proposed_by, note=note)
    return week


def _week_locked(film_week: FilmWeek) -> FilmWeek:
    return (
        FilmWeek.objects.select_for_update(of=("self",))
        .select_related("programme", "proposed_by", "partner")
        .get(pk=film_week.pk)
    )


def _move_week(week: FilmWeek, to: FilmWeekStatus, actor: User, note: str) -> None:
    if to not in FILM_WEEK_TRANSITIONS[week.status]:
        raise _refuse(
            None,
            _("This cannot be done to a film week whose status is “%(status)s”.")
            % {"status": FilmWeekStatus(week.status).label},
        )
    week.status = to
    week.decided_by = actor
    week.decided_at = timezone.now()
    week.decision_note = (note or "").strip()
    _clean_and_save(week)


def _answer(film_week: FilmWeek, *, actor: User, to: FilmWeekStatus, kind: str, note: str) -> FilmWeek:
    week = _week_locked(film_week)
    policy.require(actor, policy.FILM_WEEKS_ORGANISE, week.partner)
    _move_week(week, to, actor, note)
    _tell(week.programme, kind=kind, to=[week.proposed_by], actor=actor, party=week.partner, note=note)
    return week


@transaction.atomic
def film_week_agree(*, actor: User, film_week: FilmWeek, note: str = "") -> FilmWeek:
    """The partner's editors agree to a proposed film week; the proposer is told."""
    return _answer(film_week, actor=actor, to=FilmWeekStatus.AGREED, kind="film_week.agreed", note=note)


@transaction.atomic
def film_week_decline(*, actor: User, film_week: FilmWeek, note: str) -> FilmWeek:
    """The partner's editors decline a proposed film week, saying why; the proposer is told."""
    _text(note, "note")
    return _answer(film_week, actor=actor, to=FilmWeekStatus.DECLINED, kind="film_week.declined", note=note)


@transaction.atomic
def film_week_cancel(*, actor: User, film_week: FilmWeek, note: str = "") -> FilmWeek:
    """Either party's editors call off a proposed or agreed film week; its programme leaves the public
    pages and the other party is told."""
    week = _week_locked(film_week)
    acting = _acting_for(actor, [week.proposed_by, week.partner], policy.FILM_WEEKS_ORGANISE)
    _move_week(week, FilmWeekStatus.CANCELLED, actor, note)
    programme = week.programme
    if programme.is_published:
        programme.is_published = False
        programme.published_at = None
        programme.save(update_fields=["is_published", "published_at", "updated_at"])
    _tell(
        programme,
        kind="film_week.cancelled",
        to=_others(programme, acting),
        actor=actor,
        party=acting,
        note=note,
    )
    return week


# --- venues and screens ----------------------------------------------------------------------------

_VENUE_FIELDS = frozenset({"names", "city_names", "city_key", "time_zone", "address"})
_HALL_FIELDS = frozenset({"name", "capacity", "opens_at", "closes_at", "projection"})


def _city_key(value: str) -> str:
    key = (value or "").strip().lower()
    if not key:
        raise _refuse("city_key", _("This field is required."))
    return key


@transaction.atomic
def venue_create(
    *,
    actor: User,
    programme: Programme,
    names: Mapping[str, str],
    city_names: Mapping[str, str],
    city_key: str,
    time_zone: str,
    address: str = "",
) -> Venue:
    """Add a venue (a cinema, a cultural centre) in one of the programme's cities."""
    programme_require_organise(viewer=actor, programme=programme)
    venue = Venue(
        programme=programme,
        names=_names(names, "names"),
        city_names=_names(city_names, "city_names"),
        city_key=_city_key(city_key),
        time_zone=_zone(time_zone),
        address=(address or "").strip(),
    )
    _clean_and_save(venue)
    _touch(programme)
    return venue


def _unknown(fields: Iterable[str], allowed: frozenset[str]) -> None:
    extra = sorted(set(fields) - allowed)
    if extra:
        raise TypeError(f"unknown fields: {', '.join(extra)}")


@transaction.atomic
def venue_update(*, actor: User, venue: Venue, **fields: Any) -> Venue:
    """Change a venue's names, city, time zone or address."""
    _unknown(fields, _VENUE_FIELDS)
    programme_require_organise(viewer=actor, programme=venue.programme)
    cleaners: dict[str, Callable[[Any], Any]] = {
        "names": lambda v: _names(v, "names"),
        "city_names": lambda v: _names(v, "city_names"),
        "city_key": _city_key,
        "time_zone": _zone,
        "address": lambda v: (v or "").strip(),
    }
    _apply(venue, fields, cleaners)
    _touch(venue.programme)
    return venue


def _screenings_in_the_way(screenings: models.QuerySet[Screening], field: str) -> None:
    count = screenings.count()
    if count:
        raise _refuse(
            field,
            _("%(count)d screenings take place here: delete or move them first.") % {"count": count},
        )


@transaction.atomic
def venue_delete(*, actor: User, venue: Venue) -> None:
    """Remove a venue and its screens; refused while screenings are scheduled there."""
    programme = venue.programme
    programme_require_organise(viewer=actor, programme=programme)
    _screenings_in_the_way(Screening.objects.filter(hall__venue=venue), "venue")
    venue.delete()
    _touch(programme)


def _capacity(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _refuse("capacity", _("Give the number of seats (at least 1)."))
    return int(value)


def _clock(value: Any, field: str) -> time:
    if not isinstance(value, time):
        raise _refuse(field, _("Give a time of day such as 18:30."))
    return value


def _projection(value: Any) -> str:
    if value not in Projection.values:
        raise _refuse("projection", _("Choose what the screen projects: DCP, files or both."))
    return str(value)


def _hall_name(venue: Venue, name: str, hall_pk: int | None = None) -> str:
    name = _text(name, "name")
    taken = Hall.objects.filter(venue=venue, name=name)
    if hall_pk is not None:
        taken = taken.exclude(pk=hall_pk)
    if taken.exists():
        raise _refuse("name", _("This venue already has a screen named “%(name)s”.") % {"name": name})
    return name


@transaction.atomic
def hall_create(
    *,
    actor: User,
    venue: Venue,
    name: str,
    capacity: int,
    opens_at: time,
    closes_at: time,
    projection: str,
) -> Hall:
    """Add a screen to a venue: its seats, its daily opening hours (a closing time at or before the
    opening time is past midnight) and what it projects."""
    programme_require_organise(viewer=actor, programme=venue.programme)
    hall = Hall(
        venue=venue,
        name=_hall_name(venue, name),
        capacity=_capacity(capacity),
        opens_at=_clock(opens_at, "opens_at"),
        closes_at=_clock(closes_at, "closes_at"),
        projection=_projection(projection),
    )
    _clean_and_save(hall)
    _touch(venue.programme)
    return hall


@transaction.atomic
def hall_update(*, actor: User, hall: Hall, **fields: Any) -> Hall:
    """Change a screen's name, seats, opening hours or projection (the schedule's violations show what
    no longer fits)."""
    _unknown(fields, _HALL_FIELDS)
    programme = hall.venue.programme
    programme_require_organise(viewer=actor, programme=programme)
    cleaners: dict[str, Callable[[Any], Any]] = {
        "name": lambda v: _hall_name(hall.venue, v, hall.pk),
        "capacity": _capacity,
        "opens_at": lambda v: _clock(v, "opens_at"),
        "closes_at": lambda v: _clock(v, "closes_at"),
        "projection": _projection,
    }
    _apply(hall, fields, cleaners)
    _touch(programme)
    return hall


@transaction.atomic
def hall_delete(*, actor: User, hall: Hall) -> None:
    """Remove a screen; refused while screenings are scheduled on it."""
    programme = hall.venue.programme
    programme_require_organise(viewer=actor, programme=programme)
    _screenings_in_the_way(Screening.objects.filter(hall=hall), "hall")
    hall.delete()
    _touch(programme)


# --- the schedule's settings and audience slots ----------------------------------------------------


def _minutes(value: Any, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _refuse(
            field, _("Give a number of minutes from %(low)d to %(high)d.") % {"low": low, "high": high}
        )
    return int(value)


@transaction.atomic
def programme_settings_update(
    *,
    actor: User,
    programme: Programme,
    grid_minutes: int,
    changeover_minutes: int,
    qa_minutes: int,
    expected_version: int,
) -> Programme:
    """Change the schedule's settings: the grid screenings start on (5 to 60 minutes, dividing an hour),
    the changeover between two screenings of a screen and the length of a Q&A (0 to 120 minutes each).
    The current screenings are not moved; the schedule's violations show what no longer fits."""
    programme_require_organise(viewer=actor, programme=programme)
    current = _programme_locked(programme, expected_version)
    grid = _minutes(grid_minutes, "grid_minutes", 5, 60)
    if 60 % grid:
        raise _refuse(
            "grid_minutes", _("The start-time grid must divide an hour: 5, 10, 15, 20, 30 or 60 minutes.")
        )
    current.grid_minutes = grid
    current.changeover_minutes = _minutes(changeover_minutes, "changeover_minutes", 0, 120)
    current.qa_minutes = _minutes(qa_minutes, "qa_minutes", 0, 120)
    current.version += 1
    _clean_and_save(current)
    for name in ("grid_minutes", "changeover_minutes", "qa_minutes", "version", "updated_at"):
        setattr(programme, name, getattr(current, name))
    return current


def _weekdays(values: Iterable[Any]) -> list[int]:
    if isinstance(values, str | bytes):
        raise _refuse("weekdays", _("Choose days of the week from 1 (Monday) to 7 (Sunday)."))
    days = list(values)
    if any(isinstance(d, bool) or not isinstance(d, int) or not 1 <= d <= 7 for d in days):
        raise _refuse("weekdays", _("Choose days of the week from 1 (Monday) to 7 (Sunday)."))
    return sorted(set(days))


def _max_age(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 21:
        raise _refuse("max_age", _("Give the highest minimum age, from 0 to 21, or none."))
    return int(value)


@transaction.atomic
def audience_slot_create(
    *,
    actor: User,
    programme: Programme,
    starts_at: time,
    ends_at: time,
    audience: str,
    max_age: int | None = None,
    weekdays: Iterable[int] = (),
    hall: Hall | None = None,
    expected_version: int,
) -> AudienceSlot:
    """Reserve hours for an audience (a children's morning, family afternoons at weekends): from
    `starts_at` to `ends_at` on the `weekdays` (ISO 1–7; none: every day), on one screen of the programme
    or on all of them (`hall` None), only films for that audience and at most `max_age` play."""
    programme_require_organise(viewer=actor, programme=programme)
    current = _programme_locked(programme, expected_version)
    if hall is not None and (
        Venue.objects.filter(pk=hall.venue_id).values_list("programme_id", flat=True).first() != current.pk
    ):
        raise _refuse("hall", _("This screen is not one of the programme's."))
    start, end = _clock(starts_at, "starts_at"), _clock(ends_at, "ends_at")
    if end <= start:
        raise _refuse("ends_at", _("The end must come after the start (on the same day)."))
    slot = AudienceSlot(
        programme=current,
        hall=hall,
        weekdays=_weekdays(weekdays),
        starts_at=start,
        ends_at=end,
        audience=_choice(audience, SlotAudience, "audience"),
        max_age=_max_age(max_age),
    )
    _clean_and_save(slot)
    _bump(current)
    programme.version = current.version
    return slot


@transaction.atomic
def audience_slot_delete(*, actor: User, slot: AudienceSlot, expected_version: int) -> None:
    """Free the hours an audience slot reserved."""
    programme = Programme.objects.get(pk=slot.programme_id)
    programme_require_organise(viewer=actor, programme=programme)
    current = _programme_locked(programme, expected_version)
    AudienceSlot.objects.filter(pk=slot.pk, programme=current).delete()
    _bump(current)


# --- the films -------------------------------------------------------------------------------------

_FILM_FIELDS = frozenset(
    {"strand", "min_screenings", "max_screenings", "appeal", "is_premiere", "min_age", "version",
     "subtitle_language", "copy_format"}
)  # fmt: skip


def _counts(low: Any, high: Any) -> tuple[int, int]:
    for value, field in ((low, "min_screenings"), (high, "max_screenings")):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise _refuse(field, _("Give a whole number of screenings (0 or more)."))
    if high < low:
        raise _refuse("max_screenings", _("The most screenings must be at least the fewest."))
    return low, high


def _appeal(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise _refuse("appeal", _("Give the expected share of seats filled, from 0 to 100."))
    return int(value)


def _min_age(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 21:
        raise _refuse("min_age", _("Give the minimum age, from 0 to 21."))
    return int(value)


def _rated_min_age(film: Film, host_country: str) -> int:
    """The minimum age the film's ratings ask for: its rating in the host country, else the highest of
    its ratings elsewhere, else 0 (ratings whose code or system is unknown, or not age-based, count not)."""
    ages: dict[str, int] = {}
    for country, code in FilmRating.objects.filter(film=film).values_list("country", "rating_code"):
        system = rating_system_for(country)
        rating = system.rating(code) if system is not None else None
        if rating is not None and rating.min_age is not None:
            ages[country.upper()] = rating.min_age
    if host_country.upper() in ages:
        return ages[host_country.upper()]
    return max(ages.values(), default=0)


def _choice(value: Any, choices: type[models.TextChoices], field: str) -> str:
    if value not in choices.values:
        raise _refuse(field, _("“%(value)s” is not one of the choices.") % {"value": value})
    return str(value)


def _version(film: Film, version: FilmVersion | None) -> FilmVersion | None:
    if version is not None and version.film_id != film.pk:
        raise _refuse("version", _("This version belongs to another film."))
    return version


def _organiser_ids(programme: Programme) -> list[int]:
    return [o.pk for o in programme_organisers(programme)]


def _rights_refusal(*, actor: User, programme: Programme, film: Film) -> None:
    """CurationRefused when the rights do not let a film week show the film (festivals do not ask)."""
    if programme.kind != ProgrammeKind.FILM_WEEK:
        return
    answer = curation.rights_answer(
        viewer=actor,
        film=film,
        host_country=programme.host_country,
        starts_on=programme.starts_on,
        ends_on=programme.ends_on,
        organisers=_organiser_ids(programme),
    )
    if not answer.ok:
        raise CurationRefused(
            " ".join(answer.reasons), extra={"field": "film", "reasons": list(answer.reasons)}
        )


@transaction.atomic
def programme_film_add(
    *,
    actor: User,
    programme: Programme,
    film: Film,
    strand: str = Strand.GENERAL,
    min_screenings: int = 1,
    max_screenings: int = 2,
    appeal: int = 50,
    is_premiere: bool = False,
    min_age: int | None = None,
    version: FilmVersion | None = None,
    subtitle_language: str = "",
    copy_format: str = CopyFormat.DCP,
) -> ProgrammeFilm:
    """Select a catalogue film for the programme. A film week refuses a film whose festival or
    cultural-screening rights do not cover the host country for the whole week (`CurationRefused`,
    with the reasons); missing subtitles do not refuse it (curation flags them). Without a version or
    subtitle language, the one best for the host audience is taken; without a minimum age, the film's
    rating gives it (`_rated_min_age`)."""
    programme_require_organise(viewer=actor, programme=programme)
    if not films_visible(actor).filter(pk=film.pk).exists():
        raise _refuse("film", _("There is no such film."))
    if ProgrammeFilm.objects.filter(programme=programme, film=film).exists():
        raise _refuse("film", _("This film is already in the programme."))
    low, high = _counts(min_screenings, max_screenings)
    _rights_refusal(actor=actor, programme=programme, film=film)
    version = _version(film, version)
    if version is None:
        best = curation.subtitle_answer(film, programme.host_country)
        version = best.version
        subtitle_language = subtitle_language or best.subtitle_language
    row = ProgrammeFilm(
        programme=programme,
        film=film,
        version=version,
        subtitle_language=(subtitle_language or "").strip(),
        strand=_choice(strand, Strand, "strand"),
        min_screenings=low,
        max_screenings=high,
        appeal=_appeal(appeal),
        is_premiere=bool(is_premiere),
        min_age=_rated_min_age(film, programme.host_country) if min_age is None else _min_age(min_age),
        copy_format=_choice(copy_format, CopyFormat, "copy_format"),
        added_by=actor,
    )
    _clean_and_save(row)
    _touch(programme)
    return row


@transaction.atomic
def programme_film_update(*, actor: User, programme_film: ProgrammeFilm, **fields: Any) -> ProgrammeFilm:
    """Change what the curator decided about a film: strand, counts, appeal, premiere, age, copy."""
    _unknown(fields, _FILM_FIELDS)
    programme = programme_film.programme
    programme_require_organise(viewer=actor, programme=programme)
    low, high = _counts(
        fields.get("min_screenings", programme_film.min_screenings),
        fields.get("max_screenings", programme_film.max_screenings),
    )
    cleaners: dict[str, Callable[[Any], Any]] = {
        "strand": lambda v: _choice(v, Strand, "strand"),
        "min_screenings": lambda v: low,
        "max_screenings": lambda v: high,
        "appeal": _appeal,
        "is_premiere": bool,
        "min_age": _min_age,
        "version": lambda v: _version(programme_film.film, v),
        "subtitle_language": lambda v: (v or "").strip(),
        "copy_format": lambda v: _choice(v, CopyFormat, "copy_format"),
    }
    _apply(programme_film, fields, cleaners)
    _touch(programme)
    return programme_film


@transaction.atomic
def programme_film_remove(*, actor: User, programme_film: ProgrammeFilm) -> None:
    """Take a film out of the programme, with its screenings."""
    programme = programme_film.programme
    programme_require_organise(viewer=actor, programme=programme)
    programme_film.delete()
    _touch(programme)


# --- guests ----------------------------------------------------------------------------------------

_GUEST_FIELDS = frozenset(
    {"full_name", "names", "role", "delegation", "nationality", "passport_number", "birth_date", "arrives_at",
     "departs_at", "city_key", "qa_films"}
)  # fmt: skip


def _qa_films(programme: Programme, films: Iterable[ProgrammeFilm]) -> list[ProgrammeFilm]:
    chosen = list(films)
    if any(row.programme_id != programme.pk for row in chosen):
        raise _refuse("qa_films", _("A Q&A can only follow a film of this programme."))
    return chosen


def _stay(arrives_at: datetime, departs_at: datetime) -> None:
    _aware(arrives_at, "arrives_at")
    _aware(departs_at, "departs_at")
    if departs_at <= arrives_at:
        raise _refuse("departs_at", _("The departure must come after the arrival."))


def _birth_date(value: Any) -> date | None:
    if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
        raise _refuse("birth_date", _("Give a date."))
    return value


@transaction.atomic
def guest_create(
    *,
    actor: User,
    programme: Programme,
    full_name: str,
    nationality: str,
    arrives_at: datetime,
    departs_at: datetime,
    city_key: str,
    names: Mapping[str, str] | None = None,
    role: str = "",
    delegation: str = "",
    passport_number: str = "",
    birth_date: date | None = None,
    qa_films: Iterable[ProgrammeFilm] = (),
) -> Guest:
    """Invite a guest: their stay in a city of the programme and the films they hold a Q&A after (the
    schedule gives each of those at least one Q&A while they are there)."""
    programme_require_organise(viewer=actor, programme=programme)
    _stay(arrives_at, departs_at)
    films = _qa_films(programme, qa_films)
    guest = Guest(
        programme=programme,
        full_name=_text(full_name, "full_name"),
        names=_names(names, "names", required=False),
        role=(role or "").strip(),
        delegation=(delegation or "").strip(),
        nationality=_country(nationality, "nationality"),
        passport_number=(passport_number or "").strip(),
        birth_date=_birth_date(birth_date),
        arrives_at=arrives_at,
        departs_at=departs_at,
        city_key=_city_key(city_key),
    )
    _clean_and_save(guest)
    guest.qa_films.set(films)
    _touch(programme)
    return guest


@transaction.atomic
def guest_update(*, actor: User, guest: Guest, **fields: Any) -> Guest:
    """Change a guest's details, stay or Q&A films."""
    _unknown(fields, _GUEST_FIELDS)
    programme = guest.programme
    programme_require_organise(viewer=actor, programme=programme)
    films = _qa_films(programme, fields.pop("qa_films")) if "qa_films" in fields else None
    _stay(fields.get("arrives_at", guest.arrives_at), fields.get("departs_at", guest.departs_at))
    cleaners: dict[str, Callable[[Any], Any]] = {
        "full_name": lambda v: _text(v, "full_name"),
        "names": lambda v: _names(v, "names", required=False),
        "role": lambda v: (v or "").strip(),
        "delegation": lambda v: (v or "").strip(),
        "nationality": lambda v: _country(v, "nationality"),
        "passport_number": lambda v: (v or "").strip(),
        "birth_date": _birth_date,
        "arrives_at": lambda v: v,
        "departs_at": lambda v: v,
        "city_key": _city_key,
    }
    _apply(guest, fields, cleaners)
    if films is not None:
        guest.qa_films.set(films)
    _touch(programme)
    return guest


@transaction.atomic
def guest_delete(*, actor: User, guest: Guest) -> None:
    """Remove a guest; their Q&A screenings stay, without the Q&A."""
    programme = guest.programme
    programme_require_organise(viewer=actor, programme=programme)
    guest.delete()
    _touch(programme)


# --- the schedule: checking an edit --------------------------------------------------------------


def _count_key(violation: Violation) -> tuple[str, tuple[tuple[str, str], ...]]:
    return violation.code, tuple(sorted((k, str(v)) for k, v in violation.params.items()))


def _refuse_breaking(
    programme: Programme, *, before: list[Screening], after: list[Screening], edited: Screening | None
) -> None:
    """ScheduleRefused when the edit (`before` → `after`) breaks a rule: a rule the edited screening
    breaks, or a count a film or a Q&A request newly exceeds. What was already wrong elsewhere (a screen's
    hours changed since) does not stop an unrelated edit; the programme's violations list it."""
    instance, maps = bridge.programme_instance(programme, locks=())
    clock = maps.clock
    old = check_schedule(instance, [bridge.engine_screening(s, clock) for s in before], complete=False)
    counted = {_count_key(v) for v in old if not v.screenings}
    new_list = [bridge.engine_screening(s, clock) for s in after]
    position = next((i for i, s in enumerate(after) if s is edited), None)
    broken = [
        v
        for v in check_schedule(instance, new_list, complete=False)
        if (position is not None and position in v.screenings)
        or (not v.screenings and _count_key(v) not in counted)
    ]
    if broken:
        raise ScheduleRefused([bridge.violation_described(v, maps=maps, screenings=after) for v in broken])


def _belongs(
    programme: Programme, *, programme_film: ProgrammeFilm, hall: Hall, qa_guest: Guest | None
) -> None:
    if programme_film.programme_id != programme.pk:
        raise _refuse("programme_film", _("This film is not in the programme."))
    if Venue.objects.filter(pk=hall.venue_id).values_list("programme_id", flat=True).first() != programme.pk:
        raise _refuse("hall", _("This screen is not one of the programme's."))
    if qa_guest is not None and qa_guest.programme_id != programme.pk:
        raise _refuse("qa_guest", _("This guest is not one of the programme's."))


def _runtime(programme_film: ProgrammeFilm) -> timedelta:
    return timedelta(
        minutes=Film.objects.values_list("runtime_minutes", flat=True).get(pk=programme_film.film_id)
    )


@transaction.atomic
def screening_add(
    *,
    actor: User,
    programme: Programme,
    programme_film: ProgrammeFilm,
    hall: Hall,
    starts_at: datetime,
    qa_guest: Guest | None = None,
    expected_version: int,
) -> Screening:
    """Place a screening by hand, checked against every rule of the schedule; it is locked, so that
    re-optimising keeps it where the curator put it."""
    programme_require_organise(viewer=actor, programme=programme)
    programme = _programme_locked(programme, expected_version)
    _belongs(programme, programme_film=programme_film, hall=hall, qa_guest=qa_guest)
    _aware(starts_at, "starts_at")
    before = programme_schedule_rows(programme=programme)
    screening = Screening(
        programme=programme,
        programme_film=programme_film,
        hall=hall,
        starts_at=starts_at,
        ends_at=starts_at + _runtime(programme_film),
        qa_guest=qa_guest,
        is_locked=True,
    )
    _refuse_breaking(programme, before=before, after=[*before, screening], edited=screening)
    _clean_and_save(screening)
    _bump(programme)
    return screening


def _screening_locked(
    screening: Screening, expected_version: int, actor: User
) -> tuple[Programme, Screening]:
    programme = Programme.objects.get(pk=screening.programme_id)
    programme_require_organise(viewer=actor, programme=programme)
    programme = _programme_locked(programme, expected_version)
    current = (
        Screening.objects.select_related("programme_film__film", "hall__venue", "qa_guest")
        .prefetch_related("programme_film__film__translations")
        .get(pk=screening.pk, programme=programme)
    )
    return programme, current


def _refuse_if_held(screening: Screening, *, deleting: bool) -> None:
    """A screening that has begun or whose attendance is recorded took place: it stays where it was."""
    if screening.attendance is None and screening.starts_at > timezone.now():
        return
    label = _screening_label(screening)
    if deleting:
        message = _("%(screening)s has begun or its attendance is recorded: it can no longer be deleted.")
    else:
        message = _("%(screening)s has begun or its attendance is recorded: it can no longer be moved.")
    raise ApplicationError(message % {"screening": label}, extra={"field": None, "screening": screening.pk})


@transaction.atomic
def screening_move(
    *, actor: User, screening: Screening, hall: Hall, starts_at: datetime, expected_version: int
) -> Screening:
    """Move a screening to another screen or time, checked against every rule; the moved screening is
    locked there."""
    programme, current = _screening_locked(screening, expected_version, actor)
    _refuse_if_held(current, deleting=False)
    _belongs(programme, programme_film=current.programme_film, hall=hall, qa_guest=None)
    _aware(starts_at, "starts_at")
    before = programme_schedule_rows(programme=programme)
    current.hall = hall
    current.starts_at = starts_at
    current.ends_at = starts_at + _runtime(current.programme_film)
    current.is_locked = True
    after = [current if s.pk == current.pk else s for s in before]
    _refuse_breaking(programme, before=before, after=after, edited=current)
    _clean_and_save(current)
    _bump(programme)
    return current


@transaction.atomic
def screening_lock(*, actor: User, screening: Screening, locked: bool, expected_version: int) -> Screening:
    """Lock a screening where it is (re-optimising keeps it) or free it again. A screening that breaks a
    rule cannot be locked: move it first."""
    programme, current = _screening_locked(screening, expected_version, actor)
    if locked and not current.is_locked:
        rows = programme_schedule_rows(programme=programme)
        edited = next(s for s in rows if s.pk == current.pk)
        _refuse_breaking(programme, before=rows, after=rows, edited=edited)
    current.is_locked = bool(locked)
    current.save(update_fields=["is_locked", "updated_at"])
    _bump(programme)
    return current


@transaction.atomic
def screening_delete(*, actor: User, screening: Screening, expected_version: int) -> None:
    """Take a screening out of the schedule (checked like every edit: a deletion breaks no rule but the
    minimums, which only publication asks for)."""
    programme, current = _screening_locked(screening, expected_version, actor)
    _refuse_if_held(current, deleting=True)
    before = programme_schedule_rows(programme=programme)
    after = [s for s in before if s.pk != current.pk]
    _refuse_breaking(programme, before=before, after=after, edited=None)
    current.delete()
    _bump(programme)


# --- the schedule: the optimiser -------------------------------------------------------------------


def _check_seconds(seconds: float, maximum: float) -> float:
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not 0 < seconds <= maximum:
        raise _refuse(
            "seconds",
            _("Give a number of seconds above 0 and at most %(maximum)s.") % {"maximum": f"{maximum:g}"},
        )
    return float(seconds)


def _kept(programme: Programme, *, begun_by: datetime) -> list[Screening]:
    """The screenings a run of the optimiser keeps: the locked ones and those that took place (their
    attendance is recorded, or they have begun by `begun_by`)."""
    kept = models.Q(is_locked=True) | models.Q(attendance__isnull=False) | models.Q(starts_at__lte=begun_by)
    return list(Screening.objects.filter(programme=programme).filter(kept).order_by("starts_at", "pk"))


def _infeasible_problems(
    instance: Instance, maps: bridge.BridgeMaps, lock_problems: Sequence[str]
) -> list[str]:
    """Why no schedule meets every rule, as far as a single screening's rules tell."""
    problems = []
    if lock_problems:
        problems.append(
            _("A locked screening breaks a rule or collides with another locked one: unlock or move it.")
        )
    pool = candidates(instance)
    for film in instance.films:
        if film.min_screenings and not any(c.film == film.id for c in pool):
            problems.append(
                _("%(film)s has no possible slot (screen, projection, opening hours, children's hours).")
                % {"film": maps.film_title(film.id)}
            )
    for request in instance.qa_requests:
        if not any(c.film == request.film and c.qa_guest == request.guest for c in pool):
            problems.append(
                _("%(guest)s cannot hold a Q&A after %(film)s: no screening fits their stay in their city.")
                % {"guest": maps.guest_name(request.guest), "film": maps.film_title(request.film)}
            )
    if not problems:
        problems.append(
            _("The films' minimum numbers of screenings and the Q&As asked for do not all fit: lower a "
              "minimum, add screens or hours, or unlock screenings.")
        )  # fmt: skip
    return problems


def programme_schedule_solve(
    *,
    actor: User,
    programme: Programme,
    seconds: float = 10.0,
    progress: ProgressCallback | None = None,
) -> dict[str, Any]:
    """Compute the best schedule for the programme, keeping its locked screenings (and those that have
    begun, or will have by the end of the run, or whose attendance is recorded), and put it in place of
    the other screenings; returns the summary stored in `schedule_summary`. The solver runs outside any
    transaction; its result is written only if nobody changed the programme meanwhile and no screening
    it was free to move has begun since (`StaleProgramme`, "run it again"). When no schedule satisfies
    the rules, the screenings stay as they were and the summary says why (`status` "infeasible",
    `problems`)."""
    programme_require_organise(viewer=actor, programme=programme)
    seconds = _check_seconds(seconds, MAX_SOLVE_SECONDS)
    programme = Programme.objects.get(pk=programme.pk)
    seen = programme.version
    if not Hall.objects.filter(venue__programme=programme).exists():
        raise _refuse(None, _("Add a venue with at least one screen first."))
    if not ProgrammeFilm.objects.filter(programme=programme).exists():
        raise _refuse(None, _("Add films to the programme first."))
    # What the run keeps in place: also what will have begun by the time its result is written.
    kept = _kept(programme, begun_by=timezone.now() + timedelta(seconds=seconds) + _WRITE_MARGIN)
    instance, maps = bridge.programme_instance(programme, locks=kept)
    schedule = solve(instance, seconds=seconds, progress=progress)
    summary: dict[str, Any] = {
        "status": schedule.status,
        "objective": schedule.objective,
        "bound": schedule.bound,
        "greedy_objective": schedule.greedy_objective,
        "gap": None if schedule.gap is None else round(schedule.gap, 6),
        "seconds": round(schedule.seconds, 3),
        "at": timezone.now().isoformat(),
        "kept": len(kept),
        "problems": [],
        "unscheduled": [],
    }
    placed = schedule.status in ("optimal", "feasible")
    if placed:
        shown = {s.film for s in schedule.screenings}
        summary["unscheduled"] = [maps.films[f.id].pk for f in instance.films if f.id not in shown]
    else:
        summary["problems"] = _infeasible_problems(instance, maps, schedule.lock_problems)
    with transaction.atomic():
        current = Programme.objects.select_for_update().get(pk=programme.pk)
        if current.version != seen:
            raise _changed_while_solving(current.version)
        # What must stay is decided under the lock, now: a screening that has begun (or whose attendance
        # was recorded) since the run started, and that the run did not keep, refuses the result.
        kept_ids = {s.pk for s in kept}
        if any(s.pk not in kept_ids for s in _kept(current, begun_by=timezone.now())):
            raise _changed_while_solving(current.version)
        if placed:
            Screening.objects.filter(programme=current).exclude(pk__in=kept_ids).delete()
            fresh = bridge.screenings_from_schedule(
                programme=current, screenings=[s for s in schedule.screenings if not s.locked], maps=maps
            )
            for row in fresh:  # the rows the engine named exist: their keys need no look-up
                row.full_clean(exclude=["programme", "programme_film", "hall", "qa_guest", *_ACTOR_FIELDS])
            Screening.objects.bulk_create(fresh)
            current.version += 1
        current.schedule_summary = summary
        current.save(update_fields=["schedule_summary", "version", "updated_at"])
    programme.version = current.version
    programme.schedule_summary = summary
    return summary


def programme_schedule_start(*, actor: User, programme: Programme, seconds: float = 30.0) -> str:
    """Run the optimiser as a background job (progress in the cache, polled with
    `programme_schedule_job`); returns the job's id. Checks what it can at once, in the request."""
    from cinebridge.events.tasks import JOB_MAX_SECONDS, PROGRAMME_JOBS, programme_schedule, solve_job_create

    programme_require_organise(viewer=actor, programme=programme)
    seconds = _check_seconds(seconds, JOB_MAX_SECONDS)
    job_id = solve_job_create(PROGRAMME_JOBS, actor=actor, seconds=seconds, programme=programme.pk)
    kwargs = {
        "job_id": job_id,
        "programme_id": programme.pk,
        "user_id": actor.pk,
        "seconds": seconds,
        "language": translation.get_language() or "en",
    }
    programme_schedule.apply_async(kwargs=kwargs)
    return job_id


def programme_schedule_job(*, actor: User, job_id: str) -> dict[str, Any] | None:
    """The background job's state (queued, running with progress, done with the summary, failed with a
    message), or None when it is unknown, expired or another person's."""
    from cinebridge.events.tasks import PROGRAMME_JOBS

    return PROGRAMME_JOBS.get_for(job_id, actor.pk)


# --- publication ------------------------------------------------------------------------------------


@transaction.atomic
def programme_publish(*, actor: User, programme: Programme) -> Programme:
    """Make the programme public: a film week must be agreed, the schedule must hold at least one
    screening and break no rule (the films' minimums included). The other organiser is told."""
    programme_require_organise(viewer=actor, programme=programme)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    organisers = programme_organisers(programme)
    acting = _acting_for(
        actor,
        organisers,
        policy.FILM_WEEKS_ORGANISE if programme.kind == ProgrammeKind.FILM_WEEK else policy.FESTIVALS_MANAGE,
    )
    if programme.kind == ProgrammeKind.FILM_WEEK and programme.film_week.status != FilmWeekStatus.AGREED:
        raise _refuse(None, _("A film week is published once both film bodies have agreed to it."))
    if not Screening.objects.filter(programme=programme).exists():
        raise _refuse(None, _("Schedule at least one screening before publishing."))
    violations = programme_violations(programme=programme)
    if violations:
        raise ScheduleRefused(
            violations, lead=_("The schedule breaks its rules; correct it before publishing:")
        )
    programme.is_published = True
    programme.published_at = timezone.now()
    programme.save(update_fields=["is_published", "published_at", "updated_at"])
    _tell(programme, kind="programme.published", to=_others(programme, acting), actor=actor, party=acting)
    return programme


@transaction.atomic
def programme_unpublish(*, actor: User, programme: Programme) -> Programme:
    """Take the programme off the public pages; the other organiser is told."""
    programme_require_organise(viewer=actor, programme=programme)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    organisers = programme_organisers(programme)
    acting = _acting_for(
        actor,
        organisers,
        policy.FILM_WEEKS_ORGANISE if programme.kind == ProgrammeKind.FILM_WEEK else policy.FESTIVALS_MANAGE,
    )
    if not programme.is_published:
        raise _refuse(None, _("The programme is not published."))
    programme.is_published = False
    programme.published_at = None
    programme.save(update_fields=["is_published", "published_at", "updated_at"])
    _tell(programme, kind="programme.unpublished", to=_others(programme, acting), actor=actor, party=acting)
    return programme


# --- attendance ------------------------------------------------------------------------------------


def _screening_label(screening: Screening) -> str:
    zone = ZoneInfo(screening.hall.venue.time_zone)
    local = screening.starts_at.astimezone(zone)
    venue = screening.hall.venue
    venue_name = text_in(venue.names) or next(iter(venue.names.values()), "")
    return _("“%(film)s” on %(when)s at %(venue)s — %(hall)s") % {
        "film": _film_title(screening.programme_film.film),
        "when": date_format(local.replace(tzinfo=None), "DATETIME_FORMAT"),
        "venue": venue_name,
        "hall": screening.hall.name,
    }


@transaction.atomic
def attendance_record(*, actor: User, programme: Programme, values: Mapping[int, int | None]) -> int:
    """Record the admissions of screenings that took place (None clears one), all or nothing: a
    screening still to come, a number above the screen's seats or not a whole number refuses the lot,
    each problem naming its screening. Returns how many screenings were written."""
    programme_require_organise(viewer=actor, programme=programme)
    wanted = {int(pk): value for pk, value in values.items()}
    rows = {
        s.pk: s
        for s in Screening.objects.select_for_update(of=("self",))
        .filter(programme=programme, pk__in=list(wanted))
        .select_related("programme_film__film", "hall__venue")
        .prefetch_related("programme_film__film__translations")
    }
    now = timezone.now()
    problems: list[dict[str, Any]] = []
    for pk, value in wanted.items():
        screening = rows.get(pk)
        if screening is None:
            problems.append(
                {"screening": pk, "message": _("Screening %(id)s is not in this programme.") % {"id": pk}}
            )
            continue
        label = _screening_label(screening)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            message = _("%(screening)s: give the number of admissions as a whole number (0 or more).")
        elif screening.starts_at > now:
            message = _("%(screening)s has not taken place yet.")
        elif value is not None and value > screening.hall.capacity:
            message = _(
                "%(screening)s: %(count)s admissions are more than the %(seats)s seats of the screen."
            )
        else:
            continue
        problems.append(
            {
                "screening": pk,
                "message": message % {"screening": label, "count": value, "seats": screening.hall.capacity},
            }
        )
    if problems:
        raise ApplicationError(
            " ".join([_("Nothing was recorded:"), *(p["message"] for p in problems)]),
            extra={"field": "values", "problems": problems},
        )
    for pk, value in wanted.items():
        screening = rows[pk]
        screening.attendance = value
        screening.attendance_recorded_by = actor if value is not None else None
        screening.save(update_fields=["attendance", "attendance_recorded_by", "updated_at"])
    if wanted:  # what the optimiser keeps has changed: a run started before this must not overwrite it
        _touch(programme)
    return len(wanted)
