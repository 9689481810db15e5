"""Avails: which cells of a work are free, when, and if not, why. Pure Python.

available = (⋃ IN ∩ window) − ⋃ blocking, cell by cell, where blocking = exclusive (and co-exclusive)
OUTs, holdbacks, every OUT when the request is exclusive, in the statuses the query names.

A cell's answer depends only on which grants touch it, so cells are grouped by that set (a bitmask
over the work's grants) and each group is computed once: a work with a dozen grants answers all
media × all territories in well under a millisecond.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from . import intervals
from .types import (
    BEGINNING,
    FOREVER,
    AvailsQuery,
    Day,
    Direction,
    Exclusivity,
    Grant,
    GrantId,
    LanguageUse,
    Match,
    MediaLeaf,
    Region,
    Status,
    TerritoryLeaf,
    Window,
    WorkAvails,
    WorkId,
)

ALL_TIME: Window = (BEGINNING, FOREVER)


class QueryError(ValueError):
    """A query that cannot be answered (empty window, no media or territories)."""


def validate_query(query: AvailsQuery) -> None:
    if not query.media:
        raise QueryError("media: choose at least one medium")
    if not query.territories:
        raise QueryError("territories: choose at least one territory")
    if query.window[0] >= query.window[1]:
        raise QueryError("window: the end must come after the start")
    if query.min_window_days < 1:
        raise QueryError("min_window_days: must be at least 1")
    if query.language_uses is not None and not query.language_uses:
        raise QueryError("language_uses: leave it out, or name at least one")


def holds(grant: Grant) -> bool:
    """IN grants hold rights only while active."""
    return grant.direction is Direction.IN and grant.status is Status.ACTIVE


def blocks(grant: Grant, query: AvailsQuery) -> bool:
    if grant.status not in query.blocking_statuses:
        return False
    if grant.direction is Direction.HOLDBACK:
        return True
    return grant.direction is Direction.OUT and (
        query.exclusive or grant.exclusivity is not Exclusivity.NON_EXCLUSIVE
    )


def holding_span(grant: Grant, events: Mapping[str, Day]) -> Window | None:
    """When an IN grant holds: an unresolved event-relative term holds nothing yet."""
    return grant.term.resolve(events)


def blocking_span(grant: Grant, events: Mapping[str, Day]) -> Window:
    """When a grant blocks: an unresolved event-relative term blocks at every time."""
    return grant.term.resolve(events) or ALL_TIME


def applies_to_language(grant: Grant, language_use: LanguageUse | None) -> bool:
    return language_use is None or grant.language_uses is None or language_use in grant.language_uses


@dataclass(frozen=True, slots=True)
class Outcome:
    available: bool
    windows: tuple[Window, ...]
    blocking: tuple[GrantId, ...]
    not_held: bool


def judge(held: list[Window], blocked: list[tuple[GrantId, Window]], query: AvailsQuery) -> Outcome:
    """The answer for one cell, from what is held there and what blocks there."""
    held = intervals.union(held)
    free = intervals.subtract(held, intervals.union(span for _, span in blocked))
    window = query.window
    windows = tuple(f for f in free if intervals.overlap_days(f, window) >= query.min_window_days)
    if query.match is Match.COVER_ENTIRE:
        available = intervals.covers(list(windows), window)
    else:
        available = bool(windows)
    reasons = tuple(sorted({grant for grant, span in blocked if intervals.overlaps(span, window)}))
    return Outcome(available, windows, reasons, not intervals.covers(held, window))


# A row: media leaves that share one territory partition, for one language use (None: not asked).
Row = tuple[frozenset[MediaLeaf], LanguageUse | None, Mapping[Outcome, frozenset[TerritoryLeaf]]]


def canonical_regions(rows: Iterable[Row]) -> tuple[Region, ...]:
    """The one way answers are grouped: territories by outcome, then media, then language uses."""
    media_of: dict[tuple[LanguageUse | None, frozenset[TerritoryLeaf], Outcome], set[MediaLeaf]]
    media_of = defaultdict(set)
    for media, language_use, partition in rows:
        for outcome, territories in partition.items():
            media_of[(language_use, territories, outcome)] |= media
    uses_of: dict[tuple[frozenset[MediaLeaf], frozenset[TerritoryLeaf], Outcome], set[LanguageUse | None]]
    uses_of = defaultdict(set)
    for (language_use, territories, outcome), media_set in media_of.items():
        uses_of[(frozenset(media_set), territories, outcome)].add(language_use)
    regions = [
        Region(
            media=media,
            territories=territories,
            language_uses=None if None in uses else frozenset(u for u in uses if u is not None),
            available=outcome.available,
            windows=outcome.windows,
            blocking=outcome.blocking,
            not_held=outcome.not_held,
        )
        for (media, territories, outcome), uses in uses_of.items()
    ]
    regions.sort(key=_region_order)
    return tuple(regions)


def _region_order(region: Region) -> tuple[bool, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    uses = () if region.language_uses is None else tuple(sorted(map(str, region.language_uses)))
    return (not region.available, tuple(sorted(region.media)), tuple(sorted(region.territories)), uses)


class LeafBits:
    """Leaves as bits of one Python int, so that cells are grouped with integer operations.

    One registry per dimension for the process; a set's mask is remembered (grants share few sets).
    """

    CACHE_LIMIT = 200_000

    def __init__(self) -> None:
        self._bit: dict[str, int] = {}
        self._leaf: list[str] = []
        self._masks: dict[frozenset[str], int] = {}

    def mask(self, leaves: frozenset[str]) -> int:
        found = self._masks.get(leaves)
        if found is None:
            found = 0
            for leaf in leaves:
                bit = self._bit.get(leaf)
                if bit is None:
                    bit = self._bit[leaf] = len(self._leaf)
                    self._leaf.append(leaf)
                found |= 1 << bit
            if len(self._masks) >= self.CACHE_LIMIT:
                self._masks.clear()
            self._masks[leaves] = found
        return found

    def leaves(self, mask: int) -> frozenset[str]:
        found = []
        while mask:
            low = mask & -mask
            found.append(self._leaf[low.bit_length() - 1])
            mask ^= low
        return frozenset(found)


MEDIA_BITS = LeafBits()
TERRITORY_BITS = LeafBits()


def atoms(universe: int, sets: Sequence[int]) -> dict[int, int]:
    """Split `universe` by the sets: {which sets (a bitmask over them): the leaves in exactly those}."""
    found = {0: universe}
    for position, members in enumerate(sets):
        split: dict[int, int] = {}
        for signature, leaves in found.items():
            inside = leaves & members
            if inside:
                split[signature | 1 << position] = inside
            if leaves & ~members:
                split[signature] = leaves & ~members
        found = split
    return found


class _Work:
    """One work's grants that matter to a query, and the cells of the query grouped by them."""

    def __init__(self, grants: Sequence[Grant], events: Mapping[str, Day], query: AvailsQuery) -> None:
        self.query = query
        self.relevant: list[Grant] = []
        self.spans: list[Window] = []
        for grant in grants:
            if holds(grant) and (span := holding_span(grant, events)) is not None:
                self.relevant.append(grant)
                self.spans.append(span)
        self.holding_count = len(self.relevant)
        for grant in grants:
            if blocks(grant, query):
                self.relevant.append(grant)
                self.spans.append(blocking_span(grant, events))
        self.media = atoms(MEDIA_BITS.mask(query.media), [MEDIA_BITS.mask(g.media) for g in self.relevant])
        self.territories = atoms(
            TERRITORY_BITS.mask(query.territories),
            [TERRITORY_BITS.mask(g.territories) for g in self.relevant],
        )
        everything = (1 << len(self.relevant)) - 1
        self.languages: list[tuple[LanguageUse | None, int]]
        if query.language_uses is None:
            self.languages = [(None, everything)]
        else:
            self.languages = [
                (use, sum(1 << i for i, g in enumerate(self.relevant) if applies_to_language(g, use)))
                for use in sorted(query.language_uses)
            ]
        self._outcomes: dict[int, Outcome] = {}

    def outcome(self, grants_mask: int) -> Outcome:
        found = self._outcomes.get(grants_mask)
        if found is None:
            held = [self.spans[i] for i in range(self.holding_count) if grants_mask >> i & 1]
            blocked = [
                (self.relevant[i].id, self.spans[i])
                for i in range(self.holding_count, len(self.relevant))
                if grants_mask >> i & 1
            ]
            found = self._outcomes[grants_mask] = judge(held, blocked, self.query)
        return found

    def cells(self) -> Iterator[tuple[int, int, LanguageUse | None, int]]:
        """(media signature, territory signature, language use, the grants touching those cells)."""
        for media_signature in self.media:
            for use, language_signature in self.languages:
                for territory_signature in self.territories:
                    yield (
                        media_signature,
                        territory_signature,
                        use,
                        (media_signature & territory_signature & language_signature),
                    )


def work_available(grants: Sequence[Grant], events: Mapping[str, Day], query: AvailsQuery) -> bool:
    """Whether the work qualifies for the query (what `work_avails(...).available` says, faster)."""
    work = _Work(grants, events, query)
    verdicts = (work.outcome(touching).available for _, _, _, touching in work.cells())
    return all(verdicts) if query.match is Match.COVER_ENTIRE else any(verdicts)


def work_avails(
    work: WorkId, grants: Sequence[Grant], events: Mapping[str, Day], query: AvailsQuery
) -> WorkAvails:
    """The exact answer for one work: every cell of the query, grouped into regions."""
    computed = _Work(grants, events, query)
    partitions: dict[tuple[int, LanguageUse | None], dict[Outcome, int]] = defaultdict(
        lambda: defaultdict(int)
    )
    for media_signature, territory_signature, use, touching in computed.cells():
        partition = partitions[(media_signature, use)]
        partition[computed.outcome(touching)] |= computed.territories[territory_signature]
    rows: list[Row] = [
        (
            MEDIA_BITS.leaves(computed.media[media_signature]),
            use,
            {outcome: TERRITORY_BITS.leaves(mask) for outcome, mask in partition.items()},
        )
        for (media_signature, use), partition in partitions.items()
    ]
    regions = canonical_regions(rows)
    if query.match is Match.COVER_ENTIRE:
        available = all(region.available for region in regions)
    else:
        available = any(region.available for region in regions)
    return WorkAvails(work=work, available=available, regions=regions)
