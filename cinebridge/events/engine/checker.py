"""Every way a schedule breaks the rules, each explained. Pure Python.

Written apart from the optimiser on purpose: it shares the instance's data types and nothing of the
optimiser's rule code (no candidate list, no timelines), so the property tests can hold every schedule
the solver or the greedy baseline produces against it, and a curator's manual edit is judged by the
same rules the optimiser obeys (docs/scheduling.md, "Rules"). `schedule_value` computes a schedule's
objective, again with code of its own, to hold the optimiser's demand model against.

Every time-of-day rule reads a start on its screen's wall clock: the instance's clock plus the
screen's `local_offset`, with the screen's own weekend when it has one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations
from typing import Any

from .scheduling import Audience, Instance, Screen, Screening

__all__ = ["Violation", "check_schedule", "schedule_value"]

DAY = 24 * 60


@dataclass(frozen=True, slots=True)
class Violation:
    """A broken rule: `code` (docs/scheduling.md lists them), the screenings involved (indexes into the
    checked list), an English explanation and the `params` an interface words it with."""

    code: str
    screenings: tuple[int, ...]
    message: str
    params: dict[str, Any] = field(default_factory=dict)


def _wall_clock(instance: Instance, screen: Screen, minute: int) -> tuple[date, int]:
    """The calendar day and the minute of that day at which the screen's own clock shows `minute`."""
    local = minute + screen.local_offset
    return instance.days[0] + timedelta(days=local // DAY), local % DAY


def _clock(instance: Instance, minute: int, screen: Screen | None = None) -> str:
    """A minute as "YYYY-MM-DD HH:MM" on the screen's clock (the instance's without a screen)."""
    local = minute + (screen.local_offset if screen is not None else 0)
    day = instance.days[0] + timedelta(days=local // DAY)
    return f"{day.isoformat()} {local % DAY // 60:02d}:{local % 60:02d}"


def check_schedule(
    instance: Instance, screenings: list[Screening], *, complete: bool = True
) -> list[Violation]:
    """The violations of `screenings` against the instance's rules, in a stable order; [] when it is valid.
    With `complete=False` (a schedule still being edited) the minimums and the locks are not asked for."""
    films = {film.id: film for film in instance.films}
    screens = {screen.id: screen for screen in instance.screens}
    guests = {guest.id: guest for guest in instance.guests}
    found: list[Violation] = []
    usable: list[int] = []
    for index, screening in enumerate(screenings):
        missing = [
            (kind, value)
            for kind, value, known in (
                ("film", screening.film, films),
                ("screen", screening.screen, screens),
                ("guest", screening.qa_guest, guests),
            )
            if value is not None and value not in known
        ]
        for kind, value in missing:
            found.append(
                Violation(f"unknown_{kind}", (index,), f"there is no {kind} {value!r}", {"value": value})
            )
        if not missing:
            usable.append(index)
            found.extend(_slot_violations(instance, screenings[index], index))
    found.extend(_pair_violations(instance, screenings, usable))
    found.extend(_count_violations(instance, [screenings[i] for i in usable], complete))
    if complete:
        present = {(s.film, s.screen, s.start, s.qa_guest) for s in screenings}
        for number, lock in enumerate(instance.locked):
            if (lock.film, lock.screen, lock.start, lock.qa_guest) not in present:
                found.append(
                    Violation("lock_missing", (), f"the locked screening of {lock.film!r} on {lock.screen!r} at "
                              f"{_clock(instance, lock.start, screens.get(lock.screen))} is not in the schedule",
                              {"film": lock.film, "screen": lock.screen,
                               "start": _clock(instance, lock.start, screens.get(lock.screen)), "lock": number})
                )  # fmt: skip
    return found


def _length(instance: Instance, screening: Screening) -> int:
    """Minutes the film and its Q&A last (without the changeover)."""
    qa = instance.qa_minutes if screening.qa_guest is not None else 0
    return instance.film(screening.film).runtime + qa


def _slot_violations(instance: Instance, screening: Screening, index: int) -> list[Violation]:
    film = next(f for f in instance.films if f.id == screening.film)
    screen = next(s for s in instance.screens if s.id == screening.screen)
    start = screening.start
    when = _clock(instance, start, screen)
    day, minute = _wall_clock(instance, screen, start)  # the screen's clock reads every time of day
    weekday = day.isoweekday()
    weekend_days = instance.weekend if screen.weekend is None else screen.weekend
    found = []

    def say(code: str, message: str, **params: Any) -> None:
        found.append(Violation(code, (index,), f"{film.id} on {screen.id} at {when}: {message}",
                               {"film": film.id, "screen": screen.id, "start": when, **params}))  # fmt: skip

    if minute % instance.grid:  # the grid of the screen's clock
        say("grid", f"starts off the {instance.grid}-minute grid", grid=instance.grid)
    end = start + _length(instance, screening) + screen.changeover
    fits = False
    for number, opening_day in enumerate(instance.days):
        base = (opening_day - instance.days[0]).days * DAY
        for opens, closes in screen.hours.get(number, ()):
            fits = fits or (base + opens <= start and end <= base + closes)
    if not fits:
        say("hours", f"the screening with its changeover ({end - start} minutes) does not fit the screen's "
                     "opening hours", minutes=end - start)  # fmt: skip
    if film.format not in screen.projection:
        say("projection", f"the screen cannot project a {film.format} copy", format=film.format)
    if film.childrens:
        weekend = weekday in weekend_days
        low, high = instance.children_weekend if weekend else instance.children_weekday
        if not low <= minute < high:
            say("children_hours", f"a children's film must start between {low // 60:02d}:{low % 60:02d} and "
                                  f"{high // 60:02d}:{high % 60:02d} on {'weekend' if weekend else 'week'} days",
                from_=f"{low // 60:02d}:{low % 60:02d}", to=f"{high // 60:02d}:{high % 60:02d}")  # fmt: skip
    for band in instance.audience_bands:
        inside = band.start <= minute < band.end
        applies = (band.weekdays is None or weekday in band.weekdays) and (
            band.screens is None or screen.id in band.screens
        )
        if not (inside and applies):
            continue
        if film.audience.value > band.audience.value:
            say("audience", f"the slot admits {Audience(band.audience).name.lower()} audiences at most, the film "
                            f"is for a {film.audience.name.lower()} audience",
                audience=film.audience.name.lower(), ceiling=band.audience.name.lower())  # fmt: skip
        if band.max_age is not None and film.min_age > band.max_age:
            say("age", f"the slot admits films rated up to {band.max_age}+, the film is {film.min_age}+",
                max_age=band.max_age, min_age=film.min_age)  # fmt: skip
    if screening.qa_guest is not None:
        if not any(r.film == film.id and r.guest == screening.qa_guest for r in instance.qa_requests):
            say("qa_not_requested", f"no Q&A with {screening.qa_guest!r} is requested for this film",
                guest=screening.qa_guest)  # fmt: skip
        city = instance.city_of(screen.id)
        finish = start + _length(instance, screening)
        guest = next(g for g in instance.guests if g.id == screening.qa_guest)
        if not any(p.city == city and p.start <= start and finish <= p.end for p in guest.presence):
            say("guest_absent", f"{guest.id} is not in {city} from the start to the end of the Q&A",
                guest=guest.id, city=city)  # fmt: skip
    return found


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _pair_violations(instance: Instance, screenings: list[Screening], usable: list[int]) -> list[Violation]:
    found = []
    screens = {screen.id: screen for screen in instance.screens}
    for i, j in combinations(usable, 2):
        a, b = screenings[i], screenings[j]
        a_when = _clock(instance, a.start, screens[a.screen])
        b_when = _clock(instance, b.start, screens[b.screen])
        params = {"film": a.film, "other_film": b.film, "start": a_when, "other_start": b_when}
        if a.screen == b.screen:
            changeover = next(s.changeover for s in instance.screens if s.id == a.screen)
            a_end = a.start + _length(instance, a) + changeover
            b_end = b.start + _length(instance, b) + changeover
            if _overlap(a.start, a_end, b.start, b_end):
                found.append(Violation("screen_overlap", (i, j),
                                       f"{a.film} at {a_when} and {b.film} at {b_when} overlap on {a.screen} "
                                       "(the changeover included)", {**params, "screen": a.screen}))  # fmt: skip
        if a.film == b.film and instance.city_of(a.screen) == instance.city_of(b.screen):
            runtime = next(f.runtime for f in instance.films if f.id == a.film)
            if _overlap(a.start, a.start + runtime, b.start, b.start + runtime):
                city = instance.city_of(a.screen)
                found.append(Violation("city_overlap", (i, j),
                                       f"{a.film} plays twice at once in {city}: {a_when} and {b_when}",
                                       {**params, "city": city}))  # fmt: skip
        if (a.qa_guest is not None and a.qa_guest == b.qa_guest) and _overlap(
            a.start, a.start + _length(instance, a), b.start, b.start + _length(instance, b)
        ):
            found.append(Violation("guest_overlap", (i, j),
                                       f"{a.qa_guest} cannot host the Q&As at {a_when} and {b_when}: they overlap",
                                       {**params, "guest": a.qa_guest}))  # fmt: skip
    return found


def _count_violations(instance: Instance, screenings: list[Screening], complete: bool) -> list[Violation]:
    found = []
    for film in instance.films:
        shown = sum(1 for s in screenings if s.film == film.id)
        if shown > film.max_screenings:
            found.append(Violation("max_screenings", (), f"{film.id} is shown {shown} times, at most "
                                   f"{film.max_screenings} are allowed",
                                   {"film": film.id, "count": shown, "limit": film.max_screenings}))  # fmt: skip
        if complete and shown < film.min_screenings:
            found.append(Violation("min_screenings", (), f"{film.id} is shown {shown} times, at least "
                                   f"{film.min_screenings} are required",
                                   {"film": film.id, "count": shown, "limit": film.min_screenings}))  # fmt: skip
    for request in instance.qa_requests:
        held = sum(1 for s in screenings if s.film == request.film and s.qa_guest == request.guest)
        if request.max is not None and held > request.max:
            found.append(Violation("qa_max", (), f"{request.guest} hosts {held} Q&As of {request.film}, at most "
                                   f"{request.max} are asked for",
                                   {"film": request.film, "guest": request.guest, "count": held,
                                    "limit": request.max}))  # fmt: skip
        if complete and held < request.min:
            found.append(Violation("qa_min", (), f"{request.guest} hosts {held} Q&As of {request.film}, at least "
                                   f"{request.min} are asked for",
                                   {"film": request.film, "guest": request.guest, "count": held,
                                    "limit": request.min}))  # fmt: skip
    return found


def schedule_value(instance: Instance, screenings: Iterable[Screening]) -> int:
    """The objective of a schedule (docs/scheduling.md, "Demand model and objective"), computed here apart
    from the optimiser's code: each screening's expected attendance, min(seats, round(seats × appeal ×
    weekday factor × time-of-day factor × city factor)) with halves rounded up and the weekday and the
    time of day read on the screen's clock; the Q&A bonus per Q&A screening; the premiere bonus once per
    premiere film shown."""
    films = {film.id: film for film in instance.films}
    screens = {screen.id: screen for screen in instance.screens}
    city_of_venue = {venue.id: venue.city for venue in instance.venues}
    city_factor = {city.id: city.factor for city in instance.cities}
    total = 0
    premieres = set()
    for screening in screenings:
        film, screen = films[screening.film], screens[screening.screen]
        day, minute = _wall_clock(instance, screen, screening.start)
        band = 1.0
        for time_band in instance.time_bands:
            if time_band.start <= minute < time_band.end:
                band = time_band.factor
                break
        slot = instance.day_factors.get(day.isoweekday(), 1.0) * band
        factor = city_factor.get(city_of_venue.get(screen.venue, ""), 1.0)
        attendance = math.floor(screen.capacity * film.appeal * slot * factor + 0.5)
        total += min(screen.capacity, attendance)
        if screening.qa_guest is not None:
            total += instance.qa_bonus
        if film.premiere:
            premieres.add(film.id)
    return total + instance.premiere_bonus * len(premieres)
