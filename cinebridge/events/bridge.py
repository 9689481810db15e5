"""A programme in the database ↔ the schedule optimiser's `Instance` (cinebridge/events/engine).

The engine counts time in whole minutes from midnight of the instance's first day, on one wall clock
(docs/scheduling.md). Here that clock is the programme's: minute 0 is midnight of `programme.starts_on`
in `programme.time_zone`. Everything else is converted to it through real instants, so that a venue in
another zone (a Tehran cinema in a programme kept on Minsk time) gets its opening hours, its guests'
stays and its screenings at the right moment: 10:00 in Tehran (+03:30) is minute 570 of a Minsk
(+03:00) clock. The time-of-day rules (the start grid, children's hours, audience slots, the demand's
weekday and time-of-day factors) are read on each venue's own wall clock: every screen carries the
minutes its venue's zone is ahead of the programme's on the programme's first day
(`Screen.local_offset`) and, when it differs, the weekend of the country its zone belongs to
(`venue_weekend`). The programme's audience slots become the engine's audience bands, in each
screen's local time.

Ids in the engine: films "f<programme film pk>", screens "h<hall pk>", venues "v<pk>", guests
"g<pk>", cities the venues' `city_key`. Violations the checker finds are worded with the real names
(film titles, "venue — hall", guests' names, cities) and the venue's local time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.languages import get_official_languages

from cinebridge.catalogue.models import Audience as CatalogueAudience
from cinebridge.core.i18n import text_in, translated_text

from .engine.checker import Violation
from .engine.scheduling import (
    Audience,
    AudienceBand,
    City,
    Film,
    Guest,
    Instance,
    Lock,
    Presence,
    QaRequest,
    Schedule,
    Screen,
    Venue,
)
from .engine.scheduling import Screening as EngineScreening
from .engine_messages import violation_message
from .models import (
    AudienceSlot,
    CopyFormat,
    Hall,
    Programme,
    ProgrammeFilm,
    Projection,
    Screening,
    SlotAudience,
    Strand,
)
from .models import Guest as GuestRow
from .models import Venue as VenueRow

__all__ = [
    "BridgeMaps",
    "ProgrammeClock",
    "audience_bands",
    "engine_screening",
    "film_key",
    "guest_key",
    "hall_key",
    "programme_instance",
    "screenings_from_schedule",
    "venue_key",
    "venue_weekend",
    "violation_described",
    "weekend_of",
    "zone_country",
]

MINUTES_PER_DAY = 1440
_DEFAULT_WEEKEND = frozenset({6, 7})
_AUDIENCES = {
    CatalogueAudience.CHILDREN: Audience.CHILDREN,
    CatalogueAudience.YOUTH: Audience.YOUTH,
    CatalogueAudience.GENERAL: Audience.GENERAL,
}
_SLOT_AUDIENCES = {
    SlotAudience.CHILDREN: Audience.CHILDREN,
    SlotAudience.YOUTH: Audience.YOUTH,
    SlotAudience.GENERAL: Audience.GENERAL,
}
_PROJECTIONS = {
    Projection.DCP: frozenset({"DCP"}),
    Projection.FILE: frozenset({"file"}),
    Projection.BOTH: frozenset({"DCP", "file"}),
}
_FORMATS = {CopyFormat.DCP: "DCP", CopyFormat.FILE: "file"}


def film_key(pk: int) -> str:
    return f"f{pk}"


def hall_key(pk: int) -> str:
    return f"h{pk}"


def venue_key(pk: int) -> str:
    return f"v{pk}"


def guest_key(pk: int) -> str:
    return f"g{pk}"


def weekend_of(country: str) -> frozenset[int]:
    """The ISO weekdays of the weekend in a country, from CLDR (Iran: Friday; Belarus: Saturday, Sunday)."""
    for language in get_official_languages(country, de_facto=True):
        try:
            locale = Locale(language, country)
        except (UnknownLocaleError, ValueError):
            continue
        start, end = locale.weekend_start, locale.weekend_end  # 0 = Monday
        length = (end - start) % 7 + 1
        return frozenset((start + offset) % 7 + 1 for offset in range(length))
    return _DEFAULT_WEEKEND


def zone_country(zone_name: str) -> str | None:
    """The country of an IANA time zone, from CLDR ("Asia/Tehran" → "IR"); None for zones of no
    country ("UTC", "Etc/GMT-3") and unknown ones."""
    canonical = get_global("zone_aliases").get(zone_name, zone_name)
    country = get_global("zone_territories").get(canonical)
    return country if isinstance(country, str) and len(country) == 2 and country != "ZZ" else None


def venue_weekend(zone_name: str, host_country: str) -> frozenset[int]:
    """A venue's weekend: that of the country its time zone belongs to (a Tehran cinema: Friday),
    else the host country's (venues record no country of their own)."""
    return weekend_of(zone_country(zone_name) or host_country)


class ProgrammeClock:
    """Instants ↔ minutes from midnight of the programme's first day on the programme's wall clock."""

    def __init__(self, zone_name: str, first: date) -> None:
        self.zone = ZoneInfo(zone_name)
        self.origin = datetime.combine(first, time(0))  # naive: local wall-clock time of the programme

    def minute(self, moment: datetime) -> int:
        """The minute of an aware datetime (any zone)."""
        local = moment.astimezone(self.zone).replace(tzinfo=None)
        delta = local - self.origin
        return delta.days * MINUTES_PER_DAY + delta.seconds // 60

    def moment(self, minute: int) -> datetime:
        """The aware datetime (UTC) of a minute."""
        local = (self.origin + timedelta(minutes=minute)).replace(tzinfo=self.zone)
        return local.astimezone(UTC)

    def local_minute(self, day: date, clock: time, zone: ZoneInfo) -> int:
        """The minute of a wall-clock time of day in another zone (a venue's)."""
        return self.minute(datetime.combine(day, clock, tzinfo=zone))

    def ahead(self, zone: ZoneInfo) -> int:
        """Minutes by which a zone's wall clock is ahead of the programme's at minute 0 (Tehran's of
        Minsk's: 30). The engine keeps it for the whole programme (docs/scheduling.md)."""
        instant = self.moment(0)
        difference = (instant.astimezone(zone).utcoffset() or timedelta(0)) - (
            instant.astimezone(self.zone).utcoffset() or timedelta(0)
        )
        return int(difference.total_seconds() // 60)


@dataclass(frozen=True)
class BridgeMaps:
    """The rows behind the engine's ids, and the clock between instants and minutes."""

    clock: ProgrammeClock
    films: Mapping[str, ProgrammeFilm]
    halls: Mapping[str, Hall]
    venues: Mapping[str, VenueRow]
    guests: Mapping[str, GuestRow]
    city_names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def film_title(self, key: str) -> str:
        row = self.films.get(key)
        if row is None:
            return key
        film = row.film
        return translated_text(film.translations.all(), "title", film.original_title)

    def hall_label(self, key: str) -> str:
        hall = self.halls.get(key)
        if hall is None:
            return key
        return f"{_name(hall.venue.names, str(hall.venue.pk))} — {hall.name}"

    def guest_name(self, key: str) -> str:
        guest = self.guests.get(key)
        if guest is None:
            return key
        return text_in(guest.names) or guest.full_name

    def city_name(self, key: str) -> str:
        return _name(self.city_names.get(key, {}), key)


def _name(names: Mapping[str, str], fallback: str) -> str:
    return text_in(names) or next(iter(names.values()), "") or fallback


def programme_days(programme: Programme) -> tuple[date, ...]:
    count = (programme.ends_on - programme.starts_on).days + 1
    return tuple(programme.starts_on + timedelta(days=i) for i in range(count))


def _hours(hall: Hall, clock: ProgrammeClock, days: Sequence[date]) -> dict[int, tuple[tuple[int, int], ...]]:
    """Each day's opening range of the hall, on the programme's clock, relative to that day's midnight.
    A closing time at or before the opening time is past midnight, on the next calendar day."""
    zone = ZoneInfo(hall.venue.time_zone)
    hours: dict[int, tuple[tuple[int, int], ...]] = {}
    for index, day in enumerate(days):
        base = index * MINUTES_PER_DAY
        closes_on = day if hall.closes_at > hall.opens_at else day + timedelta(days=1)
        opens = clock.local_minute(day, hall.opens_at, zone) - base
        closes = clock.local_minute(closes_on, hall.closes_at, zone) - base
        hours[index] = ((opens, closes),)
    return hours


def _screen(hall: Hall, programme: Programme, clock: ProgrammeClock, days: Sequence[date]) -> Screen:
    """A hall as the engine's screen, on its venue's wall clock and with its weekend when they differ
    from the programme's."""
    zone = ZoneInfo(hall.venue.time_zone)
    weekend = venue_weekend(hall.venue.time_zone, programme.host_country)
    return Screen(
        id=hall_key(hall.pk),
        venue=venue_key(hall.venue_id),
        capacity=hall.capacity,
        changeover=programme.changeover_minutes,
        projection=_PROJECTIONS[Projection(hall.projection)],
        hours=_hours(hall, clock, days),
        local_offset=clock.ahead(zone),
        weekend=None if weekend == weekend_of(programme.host_country) else weekend,
    )


def _minute_of(moment: time) -> int:
    """A time of day in whole minutes, a part-minute counted as the next (23:59:59 is 1440)."""
    return moment.hour * 60 + moment.minute + (1 if moment.second or moment.microsecond else 0)


def audience_bands(slots: Iterable[AudienceSlot]) -> tuple[AudienceBand, ...]:
    """The programme's audience slots as the engine's audience bands: each in its screens' local time,
    on one hall's screen or (no hall) on every screen, on its ISO weekdays (none listed: every day)."""
    bands = []
    for slot in slots:
        weekdays = frozenset(
            day
            for day in slot.weekdays or ()
            if type(day) is int and 1 <= day <= 7  # not a bool
        )
        bands.append(
            AudienceBand(
                start=_minute_of(slot.starts_at),
                end=_minute_of(slot.ends_at),
                audience=_SLOT_AUDIENCES[SlotAudience(slot.audience)],
                max_age=slot.max_age,
                weekdays=weekdays or None,
                screens=None if slot.hall_id is None else frozenset({hall_key(slot.hall_id)}),
            )
        )
    return tuple(bands)


def _engine_film(row: ProgrammeFilm) -> Film:
    film = row.film
    return Film(
        id=film_key(row.pk),
        runtime=film.runtime_minutes,
        min_screenings=row.min_screenings,
        max_screenings=row.max_screenings,
        appeal=row.appeal / 100,
        audience=_AUDIENCES.get(CatalogueAudience(film.audience), Audience.GENERAL),
        min_age=row.min_age,
        childrens=row.strand == Strand.CHILDREN,
        premiere=row.is_premiere,
        format=_FORMATS[CopyFormat(row.copy_format)],
    )


def engine_screening(screening: Screening, clock: ProgrammeClock) -> EngineScreening:
    """A screening row (saved or not) as the engine sees it."""
    return EngineScreening(
        film=film_key(screening.programme_film_id),
        screen=hall_key(screening.hall_id),
        start=clock.minute(screening.starts_at),
        qa_guest=guest_key(screening.qa_guest_id) if screening.qa_guest_id is not None else None,
        locked=screening.is_locked,
    )


def programme_instance(
    programme: Programme, *, locks: Iterable[Screening] | None = None
) -> tuple[Instance, BridgeMaps]:
    """The engine's instance of a programme, with the rows behind its ids.

    `locks` are the screenings kept where they are (by default the locked ones)."""
    clock = ProgrammeClock(programme.time_zone, programme.starts_on)
    days = programme_days(programme)
    venues = list(VenueRow.objects.filter(programme=programme).order_by("city_key", "pk"))
    halls = list(
        Hall.objects.filter(venue__programme=programme).select_related("venue").order_by("venue_id", "name")
    )
    films = list(
        ProgrammeFilm.objects.filter(programme=programme)
        .select_related("film")
        .prefetch_related("film__translations")
        .order_by("pk")
    )
    guests = list(GuestRow.objects.filter(programme=programme).prefetch_related("qa_films").order_by("pk"))
    if locks is None:
        locks = Screening.objects.filter(programme=programme, is_locked=True).order_by("starts_at", "pk")
    city_names: dict[str, Mapping[str, str]] = {}
    for venue in venues:
        city_names.setdefault(venue.city_key, venue.city_names)
    film_ids = {row.pk for row in films}
    guest_ids = {guest.pk for guest in guests}
    slots = AudienceSlot.objects.filter(programme=programme).order_by("starts_at", "pk")
    instance = Instance(
        days=days,
        screens=tuple(_screen(hall, programme, clock, days) for hall in halls),
        films=tuple(_engine_film(row) for row in films),
        venues=tuple(Venue(venue_key(venue.pk), venue.city_key) for venue in venues),
        cities=tuple(City(key) for key in city_names),
        grid=programme.grid_minutes,
        timezone=programme.time_zone,
        weekend=weekend_of(programme.host_country),
        audience_bands=audience_bands(slots),
        guests=tuple(
            Guest(
                guest_key(guest.pk),
                (Presence(guest.city_key, clock.minute(guest.arrives_at), clock.minute(guest.departs_at)),),
            )
            for guest in guests
        ),
        qa_requests=tuple(
            QaRequest(film_key(row.pk), guest_key(guest.pk), 1, None)
            for guest in guests
            for row in sorted(guest.qa_films.all(), key=lambda r: r.pk)
            if row.pk in film_ids
        ),
        qa_minutes=programme.qa_minutes,
        locked=tuple(
            Lock(
                film=film_key(s.programme_film_id),
                screen=hall_key(s.hall_id),
                start=clock.minute(s.starts_at),
                qa_guest=guest_key(s.qa_guest_id) if s.qa_guest_id in guest_ids else None,
            )
            for s in locks
        ),
    )
    maps = BridgeMaps(
        clock=clock,
        films={film_key(row.pk): row for row in films},
        halls={hall_key(hall.pk): hall for hall in halls},
        venues={venue_key(venue.pk): venue for venue in venues},
        guests={guest_key(guest.pk): guest for guest in guests},
        city_names=city_names,
    )
    return instance, maps


def screenings_from_schedule(
    *, programme: Programme, screenings: Schedule | Iterable[EngineScreening], maps: BridgeMaps
) -> list[Screening]:
    """Unsaved screening rows of the engine's screenings (a schedule's, or any list of them)."""
    found = screenings.screenings if isinstance(screenings, Schedule) else screenings
    rows = []
    for screening in found:
        programme_film = maps.films[screening.film]
        starts_at = maps.clock.moment(screening.start)
        rows.append(
            Screening(
                programme=programme,
                programme_film=programme_film,
                hall=maps.halls[screening.screen],
                starts_at=starts_at,
                ends_at=starts_at + timedelta(minutes=programme_film.film.runtime_minutes),
                qa_guest=maps.guests[screening.qa_guest] if screening.qa_guest is not None else None,
                is_locked=screening.locked,
            )
        )
    return rows


def _local_clock(screening: Screening, maps: BridgeMaps) -> str:
    hall = maps.halls.get(hall_key(screening.hall_id))
    zone = ZoneInfo(hall.venue.time_zone) if hall is not None else maps.clock.zone
    return screening.starts_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _named(violation: Violation, maps: BridgeMaps, screenings: Sequence[Screening]) -> Violation:
    """The violation with the engine's ids replaced by names and its times by the venues' local times."""
    params: dict[str, Any] = dict(violation.params)
    for key in ("film", "other_film"):
        if key in params:
            params[key] = maps.film_title(str(params[key]))
    if "screen" in params:
        params["screen"] = maps.hall_label(str(params["screen"]))
    if "guest" in params:
        params["guest"] = maps.guest_name(str(params["guest"]))
    if "city" in params:
        params["city"] = maps.city_name(str(params["city"]))
    for key, position in (("start", 0), ("other_start", 1)):
        if key in params and len(violation.screenings) > position:
            index = violation.screenings[position]
            if 0 <= index < len(screenings):
                params[key] = _local_clock(screenings[index], maps)
    return replace(violation, params=params)


def violation_described(
    violation: Violation, *, maps: BridgeMaps, screenings: Sequence[Screening]
) -> dict[str, Any]:
    """A violation of `screenings` (the list the checker was given) in words, with the rows' ids:
    {"code", "message", "screening": the first screening's pk (None when unsaved or none),
    "screenings": [pks]}."""
    involved = [screenings[i] for i in violation.screenings if 0 <= i < len(screenings)]
    pks = [s.pk for s in involved]
    return {
        "code": violation.code,
        "message": violation_message(_named(violation, maps, screenings)),
        "screening": pks[0] if pks else None,
        "screenings": pks,
    }
