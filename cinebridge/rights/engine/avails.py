"""Avails: which cells of a work are free, when, and if not, why. Pure Python.

available = (⋃ IN ∩ window) − ⋃ blocking, cell by cell, where blocking = exclusive (and co-exclusive)
OUTs, holdbacks, every OUT when the request is exclusive, in the statuses the query names.

A cell's answer depends only on which grants touch it, so cells are grouped by that set (a bitmask
over the work's grants) and each group is computed once: a work with a dozen grants answers all
media × all territories in well under a millisecond.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
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


def _signatures(grants: Sequence[Grant], members: Iterable[str], attribute: str) -> dict[int, set[str]]:
    """Group media or territory leaves by the set of grants (a bitmask) that include them."""
    groups: dict[int, set[str]] = defaultdict(set)
    sets = [getattr(grant, attribute) for grant in grants]
    for leaf in members:
        mask = 0
        for position, leaves in enumerate(sets):
            if leaf in leaves:
                mask |= 1 << position
        groups[mask].add(leaf)
    return groups


def work_avails(
    work: WorkId, grants: Sequence[Grant], events: Mapping[str, Day], query: AvailsQuery
) -> WorkAvails:
    """The exact answer for one work: every cell of the query, grouped into regions."""
    relevant: list[Grant] = []
    spans: list[Window] = []
    holding_count = 0
    for grant in grants:
        if holds(grant) and (span := holding_span(grant, events)) is not None:
            relevant.append(grant)
            spans.append(span)
    holding_count = len(relevant)
    for grant in grants:
        if blocks(grant, query):
            relevant.append(grant)
            spans.append(blocking_span(grant, events))

    media_groups = _signatures(relevant, query.media, "media")
    territory_groups = _signatures(relevant, query.territories, "territories")
    language_groups: list[tuple[LanguageUse | None, int]]
    if query.language_uses is None:
        language_groups = [(None, (1 << len(relevant)) - 1)]
    else:
        language_groups = [
            (use, sum(1 << i for i, g in enumerate(relevant) if applies_to_language(g, use)))
            for use in sorted(query.language_uses)
        ]

    outcomes: dict[int, Outcome] = {}

    def outcome_of(mask: int) -> Outcome:
        found = outcomes.get(mask)
        if found is None:
            held = [spans[i] for i in range(holding_count) if mask >> i & 1]
            blocked = [
                (relevant[i].id, spans[i]) for i in range(holding_count, len(relevant)) if mask >> i & 1
            ]
            found = outcomes[mask] = judge(held, blocked, query)
        return found

    rows: list[Row] = []
    for media_mask, media in media_groups.items():
        for language_use, language_mask in language_groups:
            partition: dict[Outcome, set[TerritoryLeaf]] = defaultdict(set)
            for territory_mask, territories in territory_groups.items():
                partition[outcome_of(media_mask & territory_mask & language_mask)] |= territories
            rows.append((frozenset(media), language_use, {o: frozenset(t) for o, t in partition.items()}))
    regions = canonical_regions(rows)
    if query.match is Match.COVER_ENTIRE:
        available = all(region.available for region in regions)
    else:
        available = any(region.available for region in regions)
    return WorkAvails(work=work, available=available, regions=regions)
