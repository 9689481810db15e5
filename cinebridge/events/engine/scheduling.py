"""The schedule optimiser: places screenings of a film week's or festival's films on screens and start
times of a grid, as an exact CP-SAT model (OR-Tools) beside a greedy baseline. Pure Python.

Times are whole minutes from midnight of the instance's first day, in its local wall-clock time
(`Instance.timezone` only matters when times are written out). A screen on another wall clock (a
Tehran cinema in a programme kept on Minsk time) says by how many minutes its clock is ahead
(`Screen.local_offset`), and may have its own weekend: every time-of-day rule (the start grid,
children's hours, audience bands, the demand's weekday and time-of-day factors) reads a start on the
screen's clock (`local_time`). The rules and the demand model are documented in docs/scheduling.md;
`checker.py` checks a schedule against the same rules with code of its own, so that a mistake here
cannot hide a broken schedule.
"""

from __future__ import annotations

import heapq
import time
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import IntEnum
from typing import Any, Literal

__all__ = [
    "DEFAULT_DAY_FACTORS",
    "DEFAULT_TIME_BANDS",
    "Audience",
    "AudienceBand",
    "Candidate",
    "City",
    "Film",
    "Guest",
    "Instance",
    "Lock",
    "Presence",
    "ProgressCallback",
    "QaRequest",
    "Schedule",
    "ScheduleInputError",
    "Screen",
    "Screening",
    "TimeBand",
    "Venue",
    "candidates",
    "expected_attendance",
    "greedy",
    "local_time",
    "reoptimise",
    "schedule_objective",
    "solve",
]

MINUTES_PER_DAY = 1440
LNS_CANDIDATES = 100_000  # from this many candidates on, solve by LNS with an LP bound (lns.py)
Status = Literal["optimal", "feasible", "infeasible", "unknown"]
ProgressCallback = Callable[[int, int, float], None]
"""Called with (objective, best bound, wall seconds) at each better solution the solver finds."""


class ScheduleInputError(ValueError):
    """Bad input at `path`. `code` says what is wrong and `params` the details, so that an interface
    can word it in the user's language; docs/scheduling.md lists them. The message is English."""

    def __init__(
        self, path: str, message: str, *, code: str, params: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message
        self.code = code
        self.params: dict[str, object] = dict(params or {})


class Audience(IntEnum):
    """Who a film is for, from the youngest audience up: a slot admitting YOUTH admits CHILDREN too."""

    CHILDREN = 0
    YOUTH = 1
    GENERAL = 2


@dataclass(frozen=True, slots=True)
class City:
    id: str
    factor: float = 1.0  # demand multiplier of the city (its audience's appetite for the programme)


@dataclass(frozen=True, slots=True)
class Venue:
    id: str
    city: str


@dataclass(frozen=True, slots=True)
class Screen:
    id: str
    venue: str
    capacity: int
    changeover: int  # minutes between the end of a screening (or its Q&A) and the next start
    projection: frozenset[str]  # "DCP", "file"
    hours: Mapping[int, tuple[tuple[int, int], ...]]  # day index -> [open, close) minutes of that day
    # Minutes the screen's wall clock is ahead of the instance's (Tehran in a Minsk instance: 30); its
    # time-of-day rules are read on that clock. `hours` stay on the instance's clock.
    local_offset: int = 0
    weekend: frozenset[int] | None = None  # the screen's weekend (ISO weekdays); None: the instance's


@dataclass(frozen=True, slots=True)
class Film:
    id: str
    runtime: int
    min_screenings: int = 0
    max_screenings: int = 1
    appeal: float = 0.5  # 0..1: the share of seats the film would fill in the best slot of a factor-1 city
    audience: Audience = Audience.GENERAL
    min_age: int = 0
    childrens: bool = False  # a children's film: daytime or weekend slots only
    premiere: bool = False
    format: str = "DCP"  # the copy we have: "DCP" or "file"


@dataclass(frozen=True, slots=True)
class Presence:
    city: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Guest:
    id: str
    presence: tuple[Presence, ...]


@dataclass(frozen=True, slots=True)
class QaRequest:
    film: str
    guest: str
    min: int = 1
    max: int | None = None


@dataclass(frozen=True, slots=True)
class AudienceBand:
    """Between `start` and `end` (minutes of the day), on the given weekdays (ISO, 1 = Monday) and
    screens (all when None), a slot admits films up to `audience` and `max_age`."""

    start: int
    end: int
    audience: Audience = Audience.GENERAL
    max_age: int | None = None
    weekdays: frozenset[int] | None = None
    screens: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class TimeBand:
    start: int
    end: int
    factor: float


@dataclass(frozen=True, slots=True)
class Lock:
    film: str
    screen: str
    start: int
    qa_guest: str | None = None


# Evening is prime time; weekends draw more (docs/scheduling.md, "Demand model").
DEFAULT_TIME_BANDS = (
    TimeBand(0, 12 * 60, 0.4),
    TimeBand(12 * 60, 15 * 60, 0.6),
    TimeBand(15 * 60, 18 * 60, 0.75),
    TimeBand(18 * 60, 21 * 60, 1.0),
    TimeBand(21 * 60, 2 * MINUTES_PER_DAY, 0.7),
)
DEFAULT_DAY_FACTORS = {1: 0.8, 2: 0.8, 3: 0.8, 4: 0.85, 5: 0.95, 6: 1.0, 7: 0.9}


@dataclass(frozen=True, slots=True)
class Instance:
    days: tuple[date, ...]
    screens: tuple[Screen, ...]
    films: tuple[Film, ...]
    venues: tuple[Venue, ...]
    cities: tuple[City, ...] = ()
    grid: int = 15
    timezone: str = "UTC"
    weekend: frozenset[int] = frozenset({6, 7})
    children_weekday: tuple[int, int] = (10 * 60, 18 * 60)  # start window of children's films on weekdays
    children_weekend: tuple[int, int] = (9 * 60, 20 * 60)  # ... and on weekend days
    audience_bands: tuple[AudienceBand, ...] = ()
    day_factors: Mapping[int, float] = field(default_factory=lambda: dict(DEFAULT_DAY_FACTORS))
    time_bands: tuple[TimeBand, ...] = DEFAULT_TIME_BANDS
    guests: tuple[Guest, ...] = ()
    qa_requests: tuple[QaRequest, ...] = ()
    qa_minutes: int = 30
    premiere_bonus: int = 50
    qa_bonus: int = 30
    locked: tuple[Lock, ...] = ()

    _films: dict[str, Film] = field(init=False, repr=False, compare=False)
    _screens: dict[str, Screen] = field(init=False, repr=False, compare=False)
    _cities: dict[str, str] = field(init=False, repr=False, compare=False)
    _factors: dict[str, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Lookups by id, built once: the candidate generation asks them hundreds of thousands of times.
        venue_city = {venue.id: venue.city for venue in self.venues}
        object.__setattr__(self, "_films", {film.id: film for film in self.films})
        object.__setattr__(self, "_screens", {screen.id: screen for screen in self.screens})
        object.__setattr__(self, "_cities", {s.id: venue_city.get(s.venue, "") for s in self.screens})
        object.__setattr__(self, "_factors", {city.id: city.factor for city in self.cities})

    def film(self, film_id: str) -> Film:
        return self._films[film_id]

    def screen(self, screen_id: str) -> Screen:
        return self._screens[screen_id]

    def city_of(self, screen_id: str) -> str:
        return self._cities[screen_id]

    def city_factor(self, city_id: str) -> float:
        return self._factors.get(city_id, 1.0)

    def day_offset(self, day: int) -> int:
        """The absolute minute at which the `day`-th day of the instance starts."""
        return (self.days[day] - self.days[0]).days * MINUTES_PER_DAY

    def calendar_day(self, minute: int) -> date:
        return self.days[0] + timedelta(days=minute // MINUTES_PER_DAY)


@dataclass(frozen=True, slots=True)
class Screening:
    film: str
    screen: str
    start: int
    qa_guest: str | None = None
    locked: bool = False


@dataclass(frozen=True, slots=True)
class Candidate:
    """A screening the hard rules allow on its own, with what it is worth."""

    film: str
    screen: str
    city: str
    start: int
    qa_guest: str | None
    runtime: int
    occupancy: int  # minutes the screen is taken: runtime, the Q&A if any, the changeover
    attendance: int
    value: int  # attendance plus the Q&A bonus

    def screening(self, *, locked: bool = False) -> Screening:
        return Screening(self.film, self.screen, self.start, self.qa_guest, locked)


@dataclass(frozen=True, slots=True)
class Schedule:
    status: Status
    screenings: tuple[Screening, ...]
    objective: int | None
    bound: int | None
    greedy_objective: int | None
    seconds: float
    lock_problems: tuple[str, ...] = ()  # locks that break a rule on their own (status infeasible)
    rejections: Mapping[str, Mapping[str, int]] = field(
        default_factory=dict
    )  # film -> rule -> starts refused

    @property
    def gap(self) -> float | None:
        if self.objective is None or self.bound is None:
            return None
        return (self.bound - self.objective) / max(1, abs(self.bound))


# --- local time -----------------------------------------------------------------------------
def local_time(instance: Instance, screen: Screen, start: int) -> tuple[int, int, bool]:
    """A start as the screen's wall clock reads it: (ISO weekday, minute of the day, weekend day?)."""
    local = start + screen.local_offset
    weekday = instance.calendar_day(local).isoweekday()
    weekend = instance.weekend if screen.weekend is None else screen.weekend
    return weekday, local % MINUTES_PER_DAY, weekday in weekend


# --- demand model ---------------------------------------------------------------------------
def slot_attractiveness(instance: Instance, screen: Screen, start: int) -> float:
    """The weekday factor times the time-of-day band's factor, both on the screen's clock."""
    weekday, minute, _ = local_time(instance, screen, start)
    band = next((b.factor for b in instance.time_bands if b.start <= minute < b.end), 1.0)
    return instance.day_factors.get(weekday, 1.0) * band


def expected_attendance(instance: Instance, film: Film, screen: Screen, start: int) -> int:
    """min(seats, round(seats × appeal × slot attractiveness × city factor)), halves rounded up."""
    city = instance.city_of(screen.id)
    slot = slot_attractiveness(instance, screen, start)
    demand = screen.capacity * film.appeal * slot * instance.city_factor(city)
    return min(screen.capacity, int(demand + 0.5))


def schedule_objective(instance: Instance, screenings: Iterable[Screening]) -> int:
    """Expected attendance of every screening, the Q&A bonus per Q&A screening and the premiere bonus
    once per premiere film shown."""
    total = 0
    premieres: set[str] = set()
    for screening in screenings:
        film = instance.film(screening.film)
        total += expected_attendance(instance, film, instance.screen(screening.screen), screening.start)
        if screening.qa_guest is not None:
            total += instance.qa_bonus
        if film.premiere:
            premieres.add(film.id)
    return total + instance.premiere_bonus * len(premieres)


# --- candidates: every start the rules allow on its own -------------------------------------------
def _children_ok(instance: Instance, film: Film, screen: Screen, start: int) -> bool:
    if not film.childrens:
        return True
    _, minute, weekend = local_time(instance, screen, start)
    low, high = instance.children_weekend if weekend else instance.children_weekday
    return low <= minute < high


def _audience_ok(instance: Instance, film: Film, screen: Screen, start: int) -> bool:
    weekday, minute, _ = local_time(instance, screen, start)
    for band in instance.audience_bands:
        if not band.start <= minute < band.end:
            continue
        if band.weekdays is not None and weekday not in band.weekdays:
            continue
        if band.screens is not None and screen.id not in band.screens:
            continue
        if film.audience > band.audience or (band.max_age is not None and film.min_age > band.max_age):
            return False
    return True


def _guest_present(instance: Instance, guest_id: str, city: str, start: int, end: int) -> bool:
    guest = next(g for g in instance.guests if g.id == guest_id)
    return any(p.city == city and p.start <= start and end <= p.end for p in guest.presence)


def _starts(instance: Instance, screen: Screen, length: int) -> Iterator[int]:
    """Starts on the grid of the screen's clock whose `length` minutes fit inside one opening range."""
    grid = instance.grid
    shift = screen.local_offset
    for day in range(len(instance.days)):
        offset = instance.day_offset(day)
        for opens, closes in screen.hours.get(day, ()):
            first = -(-(offset + opens + shift) // grid) * grid - shift
            yield from range(first, offset + closes - length + 1, grid)


def candidates(instance: Instance, rejections: dict[str, dict[str, int]] | None = None) -> list[Candidate]:
    """Every (film, screen, start, Q&A guest) the single-screening rules allow: grid, opening hours with
    the changeover (and the Q&A), projection, children's slots, audience bands (all on the screen's
    clock), guest presence.
    `rejections` counts, per film, the starts each rule refused (to explain an unscheduled film)."""
    found: list[Candidate] = []
    guests_of: dict[str, list[str]] = defaultdict(list)
    for request in instance.qa_requests:
        guests_of[request.film].append(request.guest)
    for film in instance.films:
        refused = rejections.setdefault(film.id, {}) if rejections is not None else {}
        for screen in instance.screens:
            city = instance.city_of(screen.id)
            if film.format not in screen.projection:
                refused["projection"] = refused.get("projection", 0) + 1
                continue
            plain = film.runtime + screen.changeover
            for start in _starts(instance, screen, plain):
                if not _children_ok(instance, film, screen, start):
                    refused["children_hours"] = refused.get("children_hours", 0) + 1
                    continue
                if not _audience_ok(instance, film, screen, start):
                    refused["audience"] = refused.get("audience", 0) + 1
                    continue
                attendance = expected_attendance(instance, film, screen, start)
                found.append(
                    Candidate(
                        film.id, screen.id, city, start, None, film.runtime, plain, attendance, attendance
                    )
                )
            with_qa = plain + instance.qa_minutes
            for guest in guests_of.get(film.id, ()):
                for start in _starts(instance, screen, with_qa):
                    end = start + film.runtime + instance.qa_minutes
                    if not (
                        _children_ok(instance, film, screen, start)
                        and _audience_ok(instance, film, screen, start)
                        and _guest_present(instance, guest, city, start, end)
                    ):
                        continue
                    attendance = expected_attendance(instance, film, screen, start)
                    value = attendance + instance.qa_bonus
                    found.append(
                        Candidate(
                            film.id, screen.id, city, start, guest, film.runtime, with_qa, attendance, value
                        )
                    )
    return found


def _key(c: Candidate | Lock | Screening) -> tuple[str, str, int, str | None]:
    return (c.film, c.screen, c.start, c.qa_guest)


# --- greedy baseline --------------------------------------------------------------------------
class _Timeline:
    """Half-open intervals that must not overlap, sorted by start, for quick placement checks."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, start)
        if i < len(self.starts) and self.starts[i] < end:
            return False
        return not (i > 0 and self.ends[i - 1] > start)

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


class _Placement:
    """A growing schedule and the pairwise rules: screen occupancy, the same film twice at once in a
    city, a guest at two Q&As at once, each film's maximum, each Q&A request's maximum."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.screens: dict[str, _Timeline] = defaultdict(_Timeline)
        self.city_film: dict[tuple[str, str], _Timeline] = defaultdict(_Timeline)
        self.guests: dict[str, _Timeline] = defaultdict(_Timeline)
        self.count: dict[str, int] = defaultdict(int)
        self.qa_count: dict[tuple[str, str], int] = defaultdict(int)
        self.chosen: list[Candidate] = []
        self.max_of = {f.id: f.max_screenings for f in instance.films}
        self.qa_max = {(r.film, r.guest): r.max for r in instance.qa_requests}

    def fits(self, c: Candidate) -> bool:
        if self.count[c.film] >= self.max_of[c.film]:
            return False
        if not self.screens[c.screen].free(c.start, c.start + c.occupancy):
            return False
        if not self.city_film[(c.city, c.film)].free(c.start, c.start + c.runtime):
            return False
        if c.qa_guest is not None:
            limit = self.qa_max.get((c.film, c.qa_guest))
            if limit is not None and self.qa_count[(c.film, c.qa_guest)] >= limit:
                return False
            if not self.guests[c.qa_guest].free(c.start, c.start + c.runtime + self.instance.qa_minutes):
                return False
        return True

    def add(self, c: Candidate) -> None:
        self.screens[c.screen].add(c.start, c.start + c.occupancy)
        self.city_film[(c.city, c.film)].add(c.start, c.start + c.runtime)
        if c.qa_guest is not None:
            self.guests[c.qa_guest].add(c.start, c.start + c.runtime + self.instance.qa_minutes)
            self.qa_count[(c.film, c.qa_guest)] += 1
        self.count[c.film] += 1
        self.chosen.append(c)


def _by_value(pool: Iterable[Candidate]) -> list[Candidate]:
    return sorted(pool, key=lambda c: (-c.value, c.start, c.screen, c.film, c.qa_guest or ""))


def greedy(instance: Instance, pool: Sequence[Candidate] | None = None) -> list[Candidate] | None:
    """Locks first; then the Q&A minimums, then each film's minimum, each with its most valuable
    candidates; then the most valuable candidate that still fits, until none does (a premiere film's
    first screening counts its bonus). None when a lock or a minimum could not be placed."""
    pool = candidates(instance) if pool is None else pool
    placement = _Placement(instance)
    by_key = {_key(c): c for c in pool}
    for lock in instance.locked:
        locked = by_key.get(_key(lock))
        if locked is None or not placement.fits(locked):
            return None
        placement.add(locked)
    ordered = _by_value(pool)
    for request in instance.qa_requests:
        needed = request.min - placement.qa_count[(request.film, request.guest)]
        for c in ordered:
            if needed <= 0:
                break
            if c.film == request.film and c.qa_guest == request.guest and placement.fits(c):
                placement.add(c)
                needed -= 1
        if needed > 0:
            return None
    for film in instance.films:
        needed = film.min_screenings - placement.count[film.id]
        for c in ordered:
            if needed <= 0:
                break
            if c.film == film.id and placement.fits(c):
                placement.add(c)
                needed -= 1
        if needed > 0:
            return None
    premiere = {f.id for f in instance.films if f.premiere}
    bonus = instance.premiere_bonus

    def worth(c: Candidate) -> int:
        return c.value + (bonus if c.film in premiere and placement.count[c.film] == 0 else 0)

    heap = [(-worth(c), i) for i, c in enumerate(ordered)]
    heapq.heapify(heap)
    while heap:
        negative, i = heapq.heappop(heap)
        c = ordered[i]
        now = worth(c)
        if now < -negative:  # its premiere bonus went to another screening: queue it at its true worth
            heapq.heappush(heap, (-now, i))
            continue
        if placement.fits(c):
            placement.add(c)
    return placement.chosen


# --- CP-SAT -------------------------------------------------------------------------------------
def _lock_problems(instance: Instance, pool: Sequence[Candidate]) -> list[str]:
    """Locks the rules refuse on their own or together (the checker says why in detail)."""
    by_key = {_key(c): c for c in pool}
    placement = _Placement(instance)
    problems = []
    for index, lock in enumerate(instance.locked):
        c = by_key.get(_key(lock))
        if c is None:
            problems.append(f"locked[{index}]: this screening breaks a rule of its slot")
        elif not placement.fits(c):
            problems.append(f"locked[{index}]: this screening collides with another locked screening")
        else:
            placement.add(c)
    return problems


def solve(
    instance: Instance,
    *,
    seconds: float = 10.0,
    workers: int = 2,
    progress: ProgressCallback | None = None,
    seed: int = 0,
    parameters: Mapping[str, object] | None = None,
) -> Schedule:
    """The best schedule the solver finds within `seconds`, never worse than the greedy baseline
    (which hints the solver and is returned if the solver found nothing better). From `LNS_CANDIDATES`
    candidates on, a large-neighbourhood search with an LP bound instead (lns.py)."""
    from ortools.sat.python import cp_model  # heavy import: only when a schedule is solved

    began = time.monotonic()
    rejections: dict[str, dict[str, int]] = {}
    pool = candidates(instance, rejections)
    problems = _lock_problems(instance, pool)
    if problems:
        return Schedule(
            "infeasible", (), None, None, None, time.monotonic() - began, tuple(problems), rejections
        )
    baseline = greedy(instance, pool)
    greedy_objective = None if baseline is None else _objective_of(instance, baseline)

    if len(pool) >= LNS_CANDIDATES and baseline is not None:
        from cinebridge.events.engine.lns import solve_large  # only the big instances need it

        return solve_large(
            instance, pool, baseline, began=began, seconds=seconds, workers=workers, seed=seed,
            progress=progress, rejections=rejections,
        )  # fmt: skip
    model, chosen = build_model(instance, pool, baseline)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, seconds - (time.monotonic() - began))
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    # Probing and symmetry detection spent seconds in presolve on these models and found nothing.
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    for name, value in (parameters or {}).items():  # tuning experiments: any CP-SAT parameter by name
        setattr(solver.parameters, name, value)
    callback = _progress_callback(progress, began) if progress is not None else None
    status = solver.solve(model, callback)

    bound: int | None = None
    screenings: tuple[Screening, ...] = ()
    found: int | None = None
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        found = round(solver.objective_value)
        bound = round(solver.best_objective_bound)
        locked_keys = {_key(lock) for lock in instance.locked}
        screenings = tuple(
            c.screening(locked=_key(c) in locked_keys) for i, c in enumerate(pool) if solver.value(chosen[i])
        )
    elif status == cp_model.INFEASIBLE:
        return Schedule("infeasible", (), None, None, None, time.monotonic() - began, (), rejections)
    result_status: Status = "optimal" if status == cp_model.OPTIMAL else "feasible"
    if baseline is not None and (found is None or found < (greedy_objective or 0)):
        locked_keys = {_key(lock) for lock in instance.locked}
        screenings = tuple(c.screening(locked=_key(c) in locked_keys) for c in baseline)
        found, result_status = greedy_objective, "feasible"
    if found is None:
        return Schedule("unknown", (), None, None, None, time.monotonic() - began, (), rejections)
    ordered = tuple(sorted(screenings, key=lambda s: (s.start, s.screen, s.film)))
    return Schedule(
        result_status, ordered, found, bound, greedy_objective, time.monotonic() - began, (), rejections
    )


def build_model(
    instance: Instance, pool: Sequence[Candidate], hint: Sequence[Candidate] | None
) -> tuple[Any, list[Any]]:
    """The CP-SAT model of choosing among `pool` under the instance's rules, with `hint` as the
    solver's starting point; returns the model and the candidates' Booleans."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    chosen = [model.new_bool_var(f"x{i}") for i in range(len(pool))]
    by_screen: dict[str, list[int]] = defaultdict(list)
    by_city_film: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_film: dict[str, list[int]] = defaultdict(list)
    by_qa: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_guest: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(pool):
        by_screen[c.screen].append(i)
        by_city_film[(c.city, c.film)].append(i)
        by_film[c.film].append(i)
        if c.qa_guest is not None:
            by_qa[(c.film, c.qa_guest)].append(i)
            by_guest[c.qa_guest].append(i)

    # One screening per screen at a time, the changeover included. Stated as "at most one of the
    # candidates covering each start point" rather than NoOverlap over optional intervals: for fixed
    # starts the two are the same constraint, but the cliques give the LP its (near-exact) bound and
    # NoOverlap beside them only cost time (docs/scheduling.md, "Solver").
    for members in by_screen.values():
        _add_point_cliques(
            model, [(pool[i].start, pool[i].start + pool[i].occupancy, chosen[i]) for i in members]
        )
    for members in by_city_film.values():
        spans = [(pool[i].start, pool[i].start + pool[i].runtime, chosen[i]) for i in members]
        if len({pool[i].screen for i in members}) > 1:
            _add_point_cliques(model, spans)
    for members in by_guest.values():
        spans = [
            (pool[i].start, pool[i].start + pool[i].runtime + instance.qa_minutes, chosen[i]) for i in members
        ]
        _add_point_cliques(model, spans)
    for film in instance.films:
        shown = sum(chosen[i] for i in by_film[film.id])
        model.add(shown >= film.min_screenings)
        model.add(shown <= film.max_screenings)
    for request in instance.qa_requests:
        held = sum(chosen[i] for i in by_qa[(request.film, request.guest)])
        model.add(held >= request.min)
        if request.max is not None:
            model.add(held <= request.max)
    index_of = {_key(c): i for i, c in enumerate(pool)}
    for lock in instance.locked:
        model.add(chosen[index_of[_key(lock)]] == 1)

    objective = [c.value * chosen[i] for i, c in enumerate(pool)]
    premiere_flags = []
    for film in instance.films:
        if film.premiere and by_film[film.id]:
            shown_at_all = model.new_bool_var(f"premiere_{film.id}")
            model.add_bool_or([chosen[i] for i in by_film[film.id]]).only_enforce_if(shown_at_all)
            objective.append(instance.premiere_bonus * shown_at_all)
            premiere_flags.append((film.id, shown_at_all))
    model.maximize(sum(objective))
    if hint is not None:
        picked = {_key(c) for c in hint}
        for i, c in enumerate(pool):
            model.add_hint(chosen[i], _key(c) in picked)
        for film_id, flag in premiere_flags:
            model.add_hint(flag, any(c.film == film_id for c in hint))

    return model, chosen


def _objective_of(instance: Instance, chosen: Sequence[Candidate]) -> int:
    premieres = {c.film for c in chosen if instance.film(c.film).premiere}
    return sum(c.value for c in chosen) + instance.premiere_bonus * len(premieres)


def _add_point_cliques(model: object, spans: Sequence[tuple[int, int, object]]) -> None:
    """At most one of the spans covering each start point: for intervals these cliques are all the
    conflicts there are, and they give the linear relaxation a tight bound."""
    if len(spans) < 2:
        return
    ordered = sorted(spans, key=lambda span: span[0])
    points = sorted({span[0] for span in ordered})
    active: list[tuple[int, int, object]] = []
    position = 0
    previous: frozenset[int] = frozenset()
    for point in points:
        while position < len(ordered) and ordered[position][0] <= point:
            active.append(ordered[position])
            position += 1
        active = [span for span in active if span[1] > point]
        members = frozenset(id(span[2]) for span in active)
        if len(active) > 1 and not members <= previous:
            model.add_at_most_one(span[2] for span in active)  # type: ignore[attr-defined]
            previous = members
    return


def _progress_callback(progress: ProgressCallback, began: float) -> Any:
    """A solution callback reporting each better solution to `progress` (a background job's bar)."""
    from ortools.sat.python import cp_model

    class Callback(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self) -> None:
            progress(round(self.objective_value), round(self.best_objective_bound), time.monotonic() - began)

    return Callback()


def reoptimise(
    instance: Instance, *, locked: Iterable[Lock], seconds: float = 10.0, **options: object
) -> Schedule:
    """Re-solve with these screenings kept where they are (a curator's locks and moves), the rest free."""
    return solve(replace(instance, locked=tuple(locked)), seconds=seconds, **options)  # type: ignore[arg-type]
