"""Plain data the rights engines work on: days, terms, grants, queries, answers. No Django import.

Time is counted in whole days (`date.toordinal()`), in half-open ranges `[start, end)`. `BEGINNING`
and `FOREVER` stand for an open start and an open end (perpetuity), so every range is two ints.
"""

from __future__ import annotations

import calendar
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

Day = int
BEGINNING: Day = 1  # date.min
FOREVER: Day = date.max.toordinal() + 1  # an end that never comes

WorkId = int
GrantId = int
MediaLeaf = str  # a leaf code of the media tree, e.g. "SVOD"
TerritoryLeaf = str  # an ISO 3166-1 alpha-2 country code, e.g. "BY"


def day(value: date) -> Day:
    return value.toordinal()


def to_date(value: Day) -> date | None:
    """The date of a day, or None for BEGINNING/FOREVER."""
    if value <= BEGINNING or value >= FOREVER:
        return None
    return date.fromordinal(value)


class Direction(enum.StrEnum):
    IN = "in"  # acquired or held
    OUT = "out"  # licensed to someone
    HOLDBACK = "holdback"  # a promise not to exploit


class Exclusivity(enum.StrEnum):
    EXCLUSIVE = "exclusive"
    NON_EXCLUSIVE = "non_exclusive"
    CO_EXCLUSIVE = "co_exclusive"  # exclusive, shared with the other members of its group


class Status(enum.StrEnum):
    DRAFT = "draft"
    PENDING = "pending"
    ACTIVE = "active"
    EXPIRED = "expired"
    TERMINATED = "terminated"


class Use(enum.StrEnum):
    ORIGINAL = "original"
    SUBTITLED = "subtitled"
    DUBBED = "dubbed"
    VOICE_OVER = "voice_over"
    SDH = "sdh"


@dataclass(frozen=True, slots=True, order=True)
class LanguageUse:
    language: str  # BCP 47 / ISO 639 code, lower case: "fa", "ru", "be"
    use: Use

    def __str__(self) -> str:
        return f"{self.language}:{self.use.value}"

    @classmethod
    def parse(cls, text: str) -> LanguageUse:
        """`"ru:dubbed"` → LanguageUse("ru", DUBBED); raises ValueError naming what is wrong."""
        language, _, use = text.strip().partition(":")
        if not language or not use:
            raise ValueError(f"{text!r}: expected language:use, e.g. ru:dubbed")
        return cls(language.lower(), Use(use.lower()))


def add_months(value: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(value.day, last))


@dataclass(frozen=True, slots=True)
class Offset:
    months: int = 0
    days: int = 0

    def after(self, start: Day) -> Day:
        shifted = add_months(date.fromordinal(start), self.months) if self.months else date.fromordinal(start)
        return shifted.toordinal() + self.days


@dataclass(frozen=True, slots=True)
class FixedTerm:
    """[start, end) in days; BEGINNING/FOREVER for open ends (perpetuity is end=FOREVER)."""

    start: Day = BEGINNING
    end: Day = FOREVER

    def resolve(self, events: Mapping[str, Day]) -> tuple[Day, Day] | None:
        return (self.start, self.end)


@dataclass(frozen=True, slots=True)
class RelativeTerm:
    """Starts `start_after` an event ("theatrical:BY"), lasts `duration` (None: open end).

    Unresolved (the event not yet recorded) it resolves to None, and the engines treat the grant as
    blocking at every time (OUT, HOLDBACK) or as holding nothing (IN).
    """

    event: str
    start_after: Offset = field(default_factory=Offset)
    duration: Offset | None = None

    def resolve(self, events: Mapping[str, Day]) -> tuple[Day, Day] | None:
        happened = events.get(self.event)
        if happened is None:
            return None
        start = self.start_after.after(happened)
        end = FOREVER if self.duration is None else self.duration.after(start)
        return (start, end)


Term = FixedTerm | RelativeTerm


@dataclass(frozen=True, slots=True)
class Grant:
    """One contract line for one work, its dimensions already normalised to leaves.

    `language_uses` None means every language use (no restriction).
    """

    id: GrantId
    work: WorkId
    direction: Direction
    media: frozenset[MediaLeaf]
    territories: frozenset[TerritoryLeaf]
    term: Term = field(default_factory=FixedTerm)
    language_uses: frozenset[LanguageUse] | None = None
    exclusivity: Exclusivity = Exclusivity.NON_EXCLUSIVE
    co_exclusive_group: str = ""
    status: Status = Status.ACTIVE
    sublicensable: bool = False
    licensing_until: Day | None = None  # last day on which the holder may still license out (IN only)


class Match(enum.StrEnum):
    COVER_ENTIRE = "cover_entire"  # every cell free for the whole window
    OVERLAP = "overlap"  # some cell free for part of the window (at least min_window_days)


@dataclass(frozen=True, slots=True)
class AvailsQuery:
    media: frozenset[MediaLeaf]
    territories: frozenset[TerritoryLeaf]
    window: tuple[Day, Day]
    exclusive: bool = False
    match: Match = Match.COVER_ENTIRE
    language_uses: frozenset[LanguageUse] | None = None  # None: the language dimension is not asked
    works: frozenset[WorkId] | None = None  # None: the whole catalogue
    min_window_days: int = 1
    blocking_statuses: frozenset[Status] = frozenset({Status.ACTIVE})


Window = tuple[Day, Day]


@dataclass(frozen=True, slots=True, order=True)
class Region:
    """A box of cells (media × territories × language uses) that share one answer.

    `windows` are the maximal free ranges that meet the query window (unclipped, so "from 2027-03-01"
    stays open-ended); `blocking` the grants that take away some of the window there; `not_held` that
    no IN grant holds some of it. `language_uses` None: the query did not ask about languages.
    """

    media: frozenset[MediaLeaf]
    territories: frozenset[TerritoryLeaf]
    language_uses: frozenset[LanguageUse] | None
    available: bool
    windows: tuple[Window, ...] = ()
    blocking: tuple[GrantId, ...] = ()
    not_held: bool = False


@dataclass(frozen=True, slots=True)
class WorkAvails:
    work: WorkId
    available: bool
    regions: tuple[Region, ...]


class Rule(enum.StrEnum):
    """The conflict rules checked when a grant is saved (docs/rights.md explains each)."""

    EXCLUSIVE_OVERLAP = "exclusive_overlap"  # two exclusive OUTs in the same cells and time
    TOUCHES_EXCLUSIVE = "touches_exclusive"  # an OUT inside someone's exclusive OUT
    TOUCHES_HOLDBACK = "touches_holdback"  # an OUT inside a holdback
    EXCLUSIVE_OVER_LICENSED = "exclusive_over_licensed"  # an exclusive OUT over an existing OUT
    NOT_HELD = "not_held"  # licensing out what no IN grant holds
    NOT_SUBLICENSABLE = "not_sublicensable"  # held, but not with the right to license on
    LICENSING_PERIOD_OVER = "licensing_period_over"  # held, but past its "licensing until"
    LANGUAGE_NOT_ACQUIRED = "language_not_acquired"  # a language use no IN grant holds


@dataclass(frozen=True, slots=True)
class Conflict:
    """One refusal: the rule, the existing grant it collides with (None for a missing holding), where."""

    rule: Rule
    grant: GrantId | None
    where: Region
