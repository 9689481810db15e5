"""The schedule optimiser's JSON interface: an instance in, a schedule out. Pure Python.

One format for the Python function, `python manage.py schedule --input instance.json` and
`POST /api/v1/engines/schedule`, documented in docs/scheduling.md. Times of day are minutes (600) or
"HH:MM" strings ("10:00", "25:30" for half past one after midnight); moments are local ISO date-times
("2026-05-02T18:00", an offset is converted to the instance's time zone). A venue may name its own
IANA `timezone` (and `weekend`): its screens' opening hours and every time-of-day rule are then read on
its wall clock, the screen's `local_offset` being the difference of the two zones' UTC offsets at
midnight of the first day; its screenings are written in its zone. Every error names where it is
(`films[3].runtime`) and carries a stable `code` with `params`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .checker import Violation, check_schedule
from .scheduling import (
    DEFAULT_DAY_FACTORS,
    DEFAULT_TIME_BANDS,
    MINUTES_PER_DAY,
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
    ScheduleInputError,
    Screen,
    Screening,
    TimeBand,
    Venue,
    candidates,
    expected_attendance,
    solve,
)

__all__ = [
    "ENGINE",
    "FORMAT",
    "MAX_SECONDS",
    "ScheduleInputError",
    "check_from_json",
    "instance_from_json",
    "schedule_from_json",
    "schedule_to_json",
    "seconds_error",
]

ENGINE = "schedule"
FORMAT = 1
DEFAULT_SECONDS = 10.0
MAX_SECONDS = 3600.0
PROJECTIONS = ("DCP", "file")
MAX_DAYS = 62
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")

_KEYS = {
    "": ("timezone", "grid", "days", "weekend", "cities", "venues", "screens", "films", "guests", "qa",
         "audience_bands", "children_hours", "attractiveness", "bonuses", "qa_minutes", "locked", "seconds"),
    "cities": ("id", "factor", "name"),
    "venues": ("id", "city", "name", "timezone", "weekend"),
    "screens": ("id", "venue", "capacity", "changeover", "projection", "hours", "name"),
    "films": ("id", "title", "runtime", "min_screenings", "max_screenings", "appeal", "audience", "min_age",
              "childrens", "premiere", "format"),
    "guests": ("id", "name", "presence"),
    "presence": ("city", "from", "to"),
    "qa": ("film", "guest", "min", "max"),
    "audience_bands": ("from", "to", "audience", "max_age", "weekdays", "screens"),
    "children_hours": ("weekday", "weekend"),
    "attractiveness": ("weekdays", "bands"),
    "bands": ("from", "to", "factor"),
    "bonuses": ("premiere", "qa"),
    "locked": ("film", "screen", "start", "qa_guest"),
}  # fmt: skip


# --- reading --------------------------------------------------------------------------------
def _at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _object(value: Any, path: str, keys: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ScheduleInputError(path, "expected an object", code="object")
    allowed = _KEYS[keys]
    for key in value:
        if key not in allowed:
            raise ScheduleInputError(
                _at(path, str(key)),
                f"{key!r} is not a field here (known: {', '.join(allowed)})",
                code="unknown",
                params={"key": key, "known": ", ".join(allowed)},
            )
    return value


def _list(value: Any, path: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ScheduleInputError(path, "expected a list", code="list")
    return value


def _objects(
    data: Mapping[str, Any], key: str, path: str = "", keys: str = ""
) -> Iterator[tuple[str, Mapping[str, Any]]]:
    where = _at(path, key)
    for index, value in enumerate(_list(data.get(key), where)):
        at = f"{where}[{index}]"
        yield at, _object(value, at, keys or key)


def _required(row: Mapping[str, Any], key: str, path: str) -> Any:
    value = row.get(key)
    if value is None:
        raise ScheduleInputError(_at(path, key), "this field is required", code="required")
    return value


def _text(row: Mapping[str, Any], key: str, path: str) -> str:
    value = _required(row, key, path)
    if not isinstance(value, str) or not value.strip():
        raise ScheduleInputError(_at(path, key), "expected a non-empty text", code="text")
    return value


def _whole(row: Mapping[str, Any], key: str, path: str, *, default: int | None = None, minimum: int = 0,
           maximum: int = 10**6) -> int:  # fmt: skip
    value = row.get(key, default)
    if value is None:
        raise ScheduleInputError(_at(path, key), "this field is required", code="required")
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise ScheduleInputError(
            _at(path, key), f"expected a whole number from {minimum} to {maximum}", code="number",
            params={"minimum": minimum, "maximum": maximum, "value": str(value)},
        )  # fmt: skip
    return int(value)


def _factor(row: Mapping[str, Any], key: str, path: str, *, default: float, maximum: float) -> float:
    value = row.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= maximum:
        raise ScheduleInputError(
            _at(path, key), f"expected a number from 0 to {maximum}", code="factor",
            params={"maximum": str(maximum), "value": str(value)},
        )  # fmt: skip
    return float(value)


def _flag(row: Mapping[str, Any], key: str, path: str) -> bool:
    value = row.get(key, False)
    if not isinstance(value, bool):
        raise ScheduleInputError(_at(path, key), "expected true or false", code="boolean")
    return value


def _choice(row: Mapping[str, Any], key: str, path: str, choices: tuple[str, ...], default: str) -> str:
    value = row.get(key, default)
    if value not in choices:
        raise ScheduleInputError(
            _at(path, key), f"{value!r} is not one of {', '.join(choices)}", code="choice",
            params={"value": str(value), "choices": ", ".join(choices)},
        )  # fmt: skip
    return str(value)


def _minute(value: Any, path: str) -> int:
    """A time of day: minutes (0..2880) or "HH:MM" (up to "48:00": after midnight of the next day)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 2 * MINUTES_PER_DAY:
        return value
    if isinstance(value, str) and (match := _CLOCK.fullmatch(value)):
        minutes = int(match[1]) * 60 + int(match[2])
        if int(match[2]) < 60 and minutes <= 2 * MINUTES_PER_DAY:
            return minutes
    raise ScheduleInputError(
        path, f"not a time of day like 18:30 or 1110: {value!r}", code="time", params={"value": str(value)}
    )


def _range(value: Any, path: str) -> tuple[int, int]:
    if not isinstance(value, list) or len(value) != 2:
        raise ScheduleInputError(path, "expected [from, to]", code="range")
    low, high = _minute(value[0], f"{path}[0]"), _minute(value[1], f"{path}[1]")
    if high <= low:
        raise ScheduleInputError(path, "the range ends before it starts", code="order")
    return low, high


def _id(row: Mapping[str, Any], path: str, seen: dict[str, str]) -> str:
    value = _text(row, "id", path)
    if value in seen:
        raise ScheduleInputError(
            _at(path, "id"), f"the id {value!r} is already used at {seen[value]}", code="unique",
            params={"value": value, "other": seen[value]},
        )  # fmt: skip
    seen[value] = path
    return value


def _reference(row: Mapping[str, Any], key: str, path: str, known: Mapping[str, object]) -> str:
    value = _text(row, key, path)
    if value not in known:
        raise ScheduleInputError(
            _at(path, key),
            f"no {key} has the id {value!r}",
            code="reference",
            params={"value": value, "kind": key},
        )
    return value


class _Clock:
    """Local date-times <-> minutes from midnight of the first day, in the instance's time zone; a
    screen whose venue names another zone has its screenings written in that zone."""

    def __init__(self, zone: ZoneInfo, first: date) -> None:
        self.zone = zone
        self.origin = datetime(first.year, first.month, first.day)  # noqa: DTZ001 (local wall-clock time)
        self.screen_zones: dict[str, ZoneInfo] = {}

    def minutes(self, value: Any, path: str) -> int:
        moment = None
        if isinstance(value, str):
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                moment = None
        if moment is None:
            raise ScheduleInputError(
                path, f"not a local date-time like 2026-05-02T18:30: {value!r}", code="datetime",
                params={"value": str(value)},
            )  # fmt: skip
        if moment.tzinfo is not None:
            moment = moment.astimezone(self.zone).replace(tzinfo=None)
        delta = moment - self.origin
        return delta.days * MINUTES_PER_DAY + delta.seconds // 60

    def moment(self, minutes: int, screen: str | None = None) -> str:
        """The ISO date-time of a minute, in the screen's venue's zone (the instance's by default)."""
        local = (self.origin + timedelta(minutes=minutes)).replace(tzinfo=self.zone)
        zone = self.screen_zones.get(screen) if screen is not None else None
        if zone is not None and zone.key != self.zone.key:
            local = local.astimezone(zone)
        return local.isoformat(timespec="minutes")


@dataclass(frozen=True, slots=True)
class _VenueClock:
    """A venue's wall clock: its zone, how many minutes it is ahead of the instance's, its weekend."""

    zone: ZoneInfo
    offset: int = 0
    weekend: frozenset[int] | None = None


def _zone(value: Any, path: str) -> ZoneInfo:
    try:
        zone = ZoneInfo(value) if isinstance(value, str) else None
    except (ZoneInfoNotFoundError, ValueError):
        zone = None
    if zone is None:
        raise ScheduleInputError(
            path, f"not an IANA time zone such as Europe/Minsk: {value!r}", code="timezone",
            params={"value": str(value)},
        )  # fmt: skip
    return zone


def _ahead(zone: ZoneInfo, other: ZoneInfo, first: date) -> int:
    """Minutes by which `other`'s wall clock is ahead of `zone`'s at midnight of `first` in `zone`."""
    instant = datetime.combine(first, time(0), tzinfo=zone)
    difference = (instant.astimezone(other).utcoffset() or timedelta(0)) - (
        instant.utcoffset() or timedelta(0)
    )
    return int(difference.total_seconds() // 60)


def input_from_json(data: Any) -> tuple[Instance, float, _Clock]:
    """The instance, the solve time in seconds, and the clock that writes its times."""
    data = _object(data, "", "")
    zone = _zone(data.get("timezone", "UTC"), "timezone")
    grid = _whole(data, "grid", "", default=15, minimum=1, maximum=240)
    if MINUTES_PER_DAY % grid:
        raise ScheduleInputError(
            "grid", f"the grid must divide a day evenly (5, 10, 15, 30, 60…): {grid}", code="grid",
            params={"value": grid},
        )  # fmt: skip
    days = _days(data)
    clock = _Clock(zone, days[0])
    cities, venues, venue_clocks = _cities_and_venues(data, clock, days[0])
    screens = _screens(data, venues, days, venue_clocks)
    clock.screen_zones = {screen.id: venue_clocks[screen.venue].zone for screen in screens}
    films = _films(data)
    guests = _guests(data, cities, clock)
    qa = _qa(data, films, guests)
    seconds_value = data.get("seconds", DEFAULT_SECONDS)
    if (
        isinstance(seconds_value, bool)
        or not isinstance(seconds_value, int | float)
        or not (0 < seconds_value <= MAX_SECONDS)
    ):
        raise seconds_error(seconds_value)
    instance = Instance(
        days=days,
        screens=screens,
        films=films,
        venues=venues,
        cities=cities,
        grid=grid,
        timezone=zone.key,
        weekend=_weekdays(data.get("weekend", [6, 7]), "weekend"),
        audience_bands=_audience_bands(data, screens),
        guests=guests,
        qa_requests=qa,
        qa_minutes=_whole(data, "qa_minutes", "", default=30, maximum=240),
        locked=_locks(data, films, screens, guests, clock),
        **_children(data),  # type: ignore[arg-type]
        **_attractiveness(data),
        **_bonuses(data),  # type: ignore[arg-type]
    )
    return instance, float(seconds_value), clock


def seconds_error(value: object, maximum: float = MAX_SECONDS) -> ScheduleInputError:
    """The refusal of a time limit that is not a number of seconds above 0 and at most `maximum` (an
    interface may allow less than the engine does)."""
    return ScheduleInputError(
        "seconds", f"expected a number of seconds above 0 and at most {maximum:g}", code="seconds",
        params={"maximum": f"{maximum:g}", "value": str(value)},
    )  # fmt: skip


def instance_from_json(data: Any) -> Instance:
    return input_from_json(data)[0]


def _days(data: Mapping[str, Any]) -> tuple[date, ...]:
    days: list[date] = []
    for index, value in enumerate(_list(_required(data, "days", ""), "days")):
        try:
            day = date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            day = None
        if day is None:
            raise ScheduleInputError(
                f"days[{index}]",
                f"not a date like 2026-05-02: {value!r}",
                code="date",
                params={"value": str(value)},
            )
        if days and day <= days[-1]:
            raise ScheduleInputError(f"days[{index}]", "days are listed once, in order", code="days_order")
        days.append(day)
    if not days:
        raise ScheduleInputError("days", "list at least one day", code="empty")
    if (days[-1] - days[0]).days >= MAX_DAYS:
        raise ScheduleInputError(
            "days", f"at most {MAX_DAYS} days", code="too_long", params={"maximum": MAX_DAYS}
        )
    return tuple(days)


def _weekdays(value: Any, path: str) -> frozenset[int]:
    days = _list(value, path)
    for index, day in enumerate(days):
        if isinstance(day, bool) or day not in range(1, 8):
            raise ScheduleInputError(
                f"{path}[{index}]", "a weekday is 1 (Monday) to 7 (Sunday)", code="weekday",
                params={"value": str(day)},
            )  # fmt: skip
    return frozenset(days)


def _cities_and_venues(
    data: Mapping[str, Any], clock: _Clock, first: date
) -> tuple[tuple[City, ...], tuple[Venue, ...], dict[str, _VenueClock]]:
    seen: dict[str, str] = {}
    cities = {}
    for path, row in _objects(data, "cities"):
        city = City(_id(row, path, seen), _factor(row, "factor", path, default=1.0, maximum=10.0))
        cities[city.id] = city
    venues = []
    clocks: dict[str, _VenueClock] = {}
    seen = {}
    for path, row in _objects(data, "venues"):
        venue = Venue(_id(row, path, seen), _text(row, "city", path))
        if venue.city not in cities:  # a city listed only by its venues has the factor 1
            cities[venue.city] = City(venue.city)
        venues.append(venue)
        zone = clock.zone
        if row.get("timezone") is not None:
            zone = _zone(row["timezone"], _at(path, "timezone"))
        weekend = None if row.get("weekend") is None else _weekdays(row["weekend"], _at(path, "weekend"))
        clocks[venue.id] = _VenueClock(zone, _ahead(clock.zone, zone, first), weekend)
    return tuple(cities.values()), tuple(venues), clocks


def _hours(value: Any, path: str, days: tuple[date, ...]) -> dict[int, tuple[tuple[int, int], ...]]:
    """[[open, close], ...] every day, or {"default": [...], "2026-05-02": [...]} day by day."""
    if isinstance(value, list):
        ranges = _ranges(value, path)
        return dict.fromkeys(range(len(days)), ranges)
    if not isinstance(value, Mapping):
        raise ScheduleInputError(path, "expected a list of [from, to] or an object by date", code="hours")
    default = _ranges(value.get("default", []), _at(path, "default"))
    index_of = {day.isoformat(): i for i, day in enumerate(days)}
    hours = dict.fromkeys(range(len(days)), default)
    for key, ranges in value.items():
        if key == "default":
            continue
        if key not in index_of:
            raise ScheduleInputError(
                _at(path, key),
                f"{key!r} is not one of the instance's days",
                code="day",
                params={"value": key},
            )
        hours[index_of[key]] = _ranges(ranges, _at(path, key))
    return hours


def _ranges(value: Any, path: str) -> tuple[tuple[int, int], ...]:
    ranges = sorted(_range(item, f"{path}[{i}]") for i, item in enumerate(_list(value, path)))
    for (_, first_end), (second_start, _) in pairwise(ranges):
        if second_start < first_end:
            raise ScheduleInputError(path, "opening ranges overlap", code="overlap")
    return tuple(ranges)


def _screens(
    data: Mapping[str, Any],
    venues: tuple[Venue, ...],
    days: tuple[date, ...],
    clocks: Mapping[str, _VenueClock],
) -> tuple[Screen, ...]:
    """The screens; the hours are read on the venue's clock and kept on the instance's."""
    venue_ids = {venue.id: venue for venue in venues}
    seen: dict[str, str] = {}
    screens = []
    for path, row in _objects(data, "screens"):
        projection = _list(_required(row, "projection", path), _at(path, "projection"))
        for index, kind in enumerate(projection):
            if kind not in PROJECTIONS:
                raise ScheduleInputError(
                    f"{_at(path, 'projection')}[{index}]", f"{kind!r} is not one of DCP, file", code="choice",
                    params={"value": str(kind), "choices": ", ".join(PROJECTIONS)},
                )  # fmt: skip
        screen_id = _id(row, path, seen)
        venue = _reference(row, "venue", path, venue_ids)
        local = clocks[venue]
        hours = _hours(_required(row, "hours", path), _at(path, "hours"), days)
        screens.append(
            Screen(
                id=screen_id,
                venue=venue,
                capacity=_whole(row, "capacity", path, minimum=1, maximum=100_000),
                changeover=_whole(row, "changeover", path, default=15, maximum=240),
                projection=frozenset(projection),
                hours={
                    day: tuple((opens - local.offset, closes - local.offset) for opens, closes in ranges)
                    for day, ranges in hours.items()
                },
                local_offset=local.offset,
                weekend=local.weekend,
            )
        )
    if not screens:
        raise ScheduleInputError("screens", "list at least one screen", code="empty")
    return tuple(screens)


def _films(data: Mapping[str, Any]) -> tuple[Film, ...]:
    seen: dict[str, str] = {}
    films = []
    for path, row in _objects(data, "films"):
        low = _whole(row, "min_screenings", path, default=0, maximum=1000)
        high = _whole(row, "max_screenings", path, default=max(1, low), maximum=1000)
        if high < low:
            raise ScheduleInputError(
                _at(path, "max_screenings"), "the maximum is below the minimum", code="min_max",
                params={"min": low, "max": high},
            )  # fmt: skip
        audience = _choice(row, "audience", path, tuple(a.name.lower() for a in Audience), "general")
        films.append(
            Film(
                id=_id(row, path, seen),
                runtime=_whole(row, "runtime", path, minimum=1, maximum=1440),
                min_screenings=low,
                max_screenings=high,
                appeal=_factor(row, "appeal", path, default=0.5, maximum=1.0),
                audience=Audience[audience.upper()],
                min_age=_whole(row, "min_age", path, default=0, maximum=21),
                childrens=_flag(row, "childrens", path),
                premiere=_flag(row, "premiere", path),
                format=_choice(row, "format", path, PROJECTIONS, "DCP"),
            )
        )
    return tuple(films)


def _guests(data: Mapping[str, Any], cities: tuple[City, ...], clock: _Clock) -> tuple[Guest, ...]:
    city_ids = {city.id: city for city in cities}
    seen: dict[str, str] = {}
    guests = []
    for path, row in _objects(data, "guests"):
        guest_id = _id(row, path, seen)
        presence = []
        for at, window in _objects(row, "presence", path):
            start = clock.minutes(_required(window, "from", at), _at(at, "from"))
            end = clock.minutes(_required(window, "to", at), _at(at, "to"))
            if end <= start:
                raise ScheduleInputError(at, "the window ends before it starts", code="order")
            presence.append(Presence(_reference(window, "city", at, city_ids), start, end))
        guests.append(Guest(guest_id, tuple(presence)))
    return tuple(guests)


def _qa(data: Mapping[str, Any], films: tuple[Film, ...], guests: tuple[Guest, ...]) -> tuple[QaRequest, ...]:
    film_ids = {film.id: film for film in films}
    guest_ids = {guest.id: guest for guest in guests}
    requests = []
    seen: dict[tuple[str, str], str] = {}
    for path, row in _objects(data, "qa"):
        film = _reference(row, "film", path, film_ids)
        guest = _reference(row, "guest", path, guest_ids)
        if (film, guest) in seen:
            raise ScheduleInputError(
                path, f"{seen[(film, guest)]} already asks this guest for this film", code="qa_duplicate",
                params={"other": seen[(film, guest)]},
            )  # fmt: skip
        seen[(film, guest)] = path
        low = _whole(row, "min", path, default=1, maximum=1000)
        high = row.get("max")
        if high is not None:
            high = _whole(row, "max", path, minimum=low, maximum=1000)
        requests.append(QaRequest(film, guest, low, high))
    return tuple(requests)


def _audience_bands(data: Mapping[str, Any], screens: tuple[Screen, ...]) -> tuple[AudienceBand, ...]:
    screen_ids = {screen.id for screen in screens}
    bands = []
    for path, row in _objects(data, "audience_bands"):
        start, end = _range([_required(row, "from", path), _required(row, "to", path)], path)
        chosen_screens = None
        if row.get("screens") is not None:
            chosen_screens = frozenset(_list(row["screens"], _at(path, "screens")))
            for index, screen in enumerate(_list(row["screens"], _at(path, "screens"))):
                if screen not in screen_ids:
                    raise ScheduleInputError(
                        f"{_at(path, 'screens')}[{index}]", f"no screen has the id {screen!r}", code="reference",
                        params={"value": str(screen), "kind": "screen"},
                    )  # fmt: skip
        weekdays = None if row.get("weekdays") is None else _weekdays(row["weekdays"], _at(path, "weekdays"))
        audience = _choice(row, "audience", path, tuple(a.name.lower() for a in Audience), "general")
        max_age = None if row.get("max_age") is None else _whole(row, "max_age", path, maximum=21)
        bands.append(AudienceBand(start, end, Audience[audience.upper()], max_age, weekdays, chosen_screens))
    return tuple(bands)


def _children(data: Mapping[str, Any]) -> dict[str, tuple[int, int]]:
    if data.get("children_hours") is None:
        return {}
    row = _object(data["children_hours"], "children_hours", "children_hours")
    found = {}
    for key in ("weekday", "weekend"):
        if row.get(key) is not None:
            found[f"children_{key}"] = _range(row[key], f"children_hours.{key}")
    return found


def _attractiveness(data: Mapping[str, Any]) -> dict[str, Any]:
    if data.get("attractiveness") is None:
        return {}
    row = _object(data["attractiveness"], "attractiveness", "attractiveness")
    found: dict[str, Any] = {}
    if row.get("weekdays") is not None:
        weekdays = row["weekdays"]
        if not isinstance(weekdays, Mapping):
            raise ScheduleInputError("attractiveness.weekdays", "expected an object", code="object")
        factors = dict(DEFAULT_DAY_FACTORS)
        for key in weekdays:
            if key not in {str(day) for day in range(1, 8)}:
                raise ScheduleInputError(
                    f"attractiveness.weekdays.{key}", "a weekday is 1 (Monday) to 7 (Sunday)", code="weekday",
                    params={"value": str(key)},
                )  # fmt: skip
            factors[int(key)] = _factor(weekdays, key, "attractiveness.weekdays", default=1.0, maximum=10.0)
        found["day_factors"] = factors
    if row.get("bands") is not None:
        bands = []
        for path, band in _objects(row, "bands", "attractiveness", "bands"):
            start, end = _range([_required(band, "from", path), _required(band, "to", path)], path)
            bands.append(TimeBand(start, end, _factor(band, "factor", path, default=1.0, maximum=10.0)))
        found["time_bands"] = tuple(bands) or DEFAULT_TIME_BANDS
    return found


def _bonuses(data: Mapping[str, Any]) -> dict[str, int]:
    if data.get("bonuses") is None:
        return {}
    row = _object(data["bonuses"], "bonuses", "bonuses")
    found = {}
    for key in ("premiere", "qa"):
        if key in row:
            found[f"{key}_bonus"] = _whole(row, key, "bonuses", maximum=100_000)
    return found


def _locks(
    data: Mapping[str, Any], films: tuple[Film, ...], screens: tuple[Screen, ...], guests: tuple[Guest, ...],
    clock: _Clock,
) -> tuple[Lock, ...]:  # fmt: skip
    film_ids = {film.id: film for film in films}
    screen_ids = {screen.id: screen for screen in screens}
    guest_ids = {guest.id: guest for guest in guests}
    locks = []
    for path, row in _objects(data, "locked"):
        guest = None if row.get("qa_guest") is None else _reference(row, "qa_guest", path, guest_ids)
        locks.append(
            Lock(
                film=_reference(row, "film", path, film_ids),
                screen=_reference(row, "screen", path, screen_ids),
                start=clock.minutes(_required(row, "start", path), _at(path, "start")),
                qa_guest=guest,
            )
        )
    return tuple(locks)


# --- writing --------------------------------------------------------------------------------
def _finite(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else round(value, 6)


def schedule_to_json(instance: Instance, schedule: Schedule, clock: _Clock) -> dict[str, Any]:
    shown: dict[str, int] = {}
    rows = []
    for screening in schedule.screenings:
        film = instance.film(screening.film)
        screen = instance.screen(screening.screen)
        shown[film.id] = shown.get(film.id, 0) + 1
        rows.append(
            {
                "film": film.id,
                "screen": screen.id,
                "venue": screen.venue,
                "city": instance.city_of(screen.id),
                "start": clock.moment(screening.start, screen.id),
                "end": clock.moment(screening.start + film.runtime, screen.id),
                "qa_guest": screening.qa_guest,
                "expected_attendance": expected_attendance(instance, film, screen, screening.start),
                "locked": screening.locked,
            }
        )
    return {
        "engine": ENGINE,
        "format": FORMAT,
        "status": schedule.status,
        "objective": schedule.objective,
        "bound": schedule.bound,
        "gap": _finite(schedule.gap),
        "greedy_objective": schedule.greedy_objective,
        "seconds": round(schedule.seconds, 3),
        "screenings": rows,
        "unscheduled": _unscheduled(instance, schedule, shown),
        "violations": [
            {"code": "lock", "path": problem.split(":")[0], "message": problem}
            for problem in schedule.lock_problems
        ],
    }


def _unscheduled(instance: Instance, schedule: Schedule, shown: Mapping[str, int]) -> list[dict[str, Any]]:
    """The films not shown at all, and why: a rule left them no start, or better films took the slots."""
    if schedule.status in ("infeasible", "unknown"):
        return []
    found = []
    for film in instance.films:
        if shown.get(film.id):
            continue
        refused = schedule.rejections.get(film.id, {})
        reason, detail = "crowded_out", "every allowed slot went to screenings worth more"
        if not _has_candidate(instance, film):
            reason = max(refused, key=lambda rule: refused[rule]) if refused else "hours"
            detail = {
                "projection": f"no screen projects {film.format}",
                "children_hours": "a children's film needs a daytime or weekend start, and none is open",
                "audience": "no open slot admits its audience or age",
                "hours": f"no opening range fits {film.runtime} minutes and the changeover",
            }[reason]
        found.append({"film": film.id, "reason": reason, "message": detail})
    return found


def _has_candidate(instance: Instance, film: Film) -> bool:
    return bool(candidates(replace(instance, films=(film,), qa_requests=(), locked=())))


def schedule_from_json(data: Any, *, seconds: float | None = None, progress: Any = None) -> dict[str, Any]:
    """Read an instance, solve it, write the schedule: what the command prints and the endpoint answers."""
    instance, default_seconds, clock = input_from_json(data)
    schedule = solve(instance, seconds=seconds or default_seconds, progress=progress)
    return schedule_to_json(instance, schedule, clock)


def check_from_json(data: Any, screenings: list[Any]) -> list[dict[str, Any]]:
    """The violations of a hand-made schedule (`[{"film", "screen", "start", "qa_guest"}]`)."""
    instance, _, clock = input_from_json(data)
    parsed = []
    for index, row in enumerate(_list(screenings, "screenings")):
        path = f"screenings[{index}]"
        row = _object(row, path, "locked")
        guest = row.get("qa_guest")
        parsed.append(
            Screening(_text(row, "film", path), _text(row, "screen", path),
                      clock.minutes(_required(row, "start", path), _at(path, "start")),
                      guest if isinstance(guest, str) else None)
        )  # fmt: skip
    return [_violation_json(v) for v in check_schedule(instance, parsed)]


def _violation_json(violation: Violation) -> dict[str, Any]:
    return {"code": violation.code, "screenings": list(violation.screenings), "message": violation.message,
            "params": violation.params}  # fmt: skip
