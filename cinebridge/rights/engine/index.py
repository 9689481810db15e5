"""The grant index: every grant of the catalogue as columns, answering catalogue-wide avails at once.

Each grant is one row: work position, role, status, resolved start/end days, media as a 64-bit mask,
territories as four 64-bit words (ISO 3166-1 has 249 countries). A query is a handful of vectorised
numpy operations over the rows; the few works a single row cannot decide (several IN grants that
only together cover the query, language restrictions) go through the exact per-work computation
of `avails.work_avails`, so the answer is exactly the engine's semantics, only faster.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from . import avails
from .types import (
    FOREVER,
    AvailsQuery,
    Day,
    Direction,
    Exclusivity,
    Grant,
    Match,
    MediaLeaf,
    Status,
    TerritoryLeaf,
    WorkAvails,
    WorkId,
)

TERRITORY_WORDS = 4
MAX_MEDIA_LEAVES = 64
# Below this many works a restricted query is cheaper to answer work by work.
EXACT_WORKS_LIMIT = 2000

Mask = npt.NDArray[np.bool_]
STATUS_CODES = {status: code for code, status in enumerate(Status)}


class Role(enum.IntEnum):
    NONE = 0  # inactive or unresolved IN grants: they neither hold nor block
    HOLDS = 1
    EXCLUSIVE_OUT = 2  # exclusive and co-exclusive
    OUT = 3  # non-exclusive: blocks only exclusive requests
    HOLDBACK = 4


def _role(grant: Grant, resolved: bool) -> Role:
    if grant.direction is Direction.IN:
        return Role.HOLDS if avails.holds(grant) and resolved else Role.NONE
    if grant.direction is Direction.HOLDBACK:
        return Role.HOLDBACK
    return Role.OUT if grant.exclusivity is Exclusivity.NON_EXCLUSIVE else Role.EXCLUSIVE_OUT


class _Grown:
    """Numpy columns that grow by half when full; rows are appended and killed in place."""

    def __init__(self, dtypes: Mapping[str, type[np.generic]], capacity: int = 1024) -> None:
        self.size = 0
        self.columns = {name: np.zeros(capacity, dtype) for name, dtype in dtypes.items()}

    def __getitem__(self, name: str) -> npt.NDArray[Any]:
        return self.columns[name][: self.size]

    def append(self, values: Mapping[str, object]) -> int:
        row = self.size
        if row == len(next(iter(self.columns.values()))):
            for name, old in self.columns.items():
                grown = np.zeros(row + max(1024, row // 2), old.dtype)
                grown[:row] = old
                self.columns[name] = grown
        for name, value in values.items():
            self.columns[name][row] = value
        self.size = row + 1
        return row


# Rows that hold (active IN) and rows that may block (OUT, HOLDBACK) live apart: a query reads
# each only for what it can contribute. Dimensions are ids into tables of distinct sets, because
# grants share few distinct media and territory sets, and a query judges each set only once.
_ROW_COLUMNS: dict[str, type[np.generic]] = {
    "position": np.int32,
    "start": np.int32,
    "end": np.int32,
    "media": np.uint64,  # the media leaves as bits (at most 64): cheaper than a lookup per row
    "territories": np.int32,
    "all_languages": np.bool_,
    "role": np.int8,
    "status": np.int8,
}
_TERRITORY_COLUMNS: dict[str, type[np.generic]] = {f"w{i}": np.uint64 for i in range(TERRITORY_WORDS)}


class GrantIndex:
    def __init__(self) -> None:
        self._grants: dict[WorkId, tuple[Grant, ...]] = {}
        self._events: dict[WorkId, Mapping[str, Day]] = {}
        self._rows_of: dict[WorkId, list[tuple[_Grown, int]]] = {}
        self._position_of: dict[WorkId, int] = {}
        self._work_at: list[WorkId] = []
        self._work_ids = np.zeros(0, np.int64)
        self._media_bit: dict[MediaLeaf, int] = {}
        self._territory_bit: dict[TerritoryLeaf, int] = {}
        self._media_set_id: dict[frozenset[MediaLeaf], int] = {}
        self._territory_set_id: dict[frozenset[TerritoryLeaf], int] = {}
        self._media_sets = _Grown({"bits": np.uint64})
        self._territory_sets = _Grown(_TERRITORY_COLUMNS)
        self._holding = _Grown(_ROW_COLUMNS)
        self._blocking = _Grown(_ROW_COLUMNS)
        self._dead_rows = 0

    # --- building -----------------------------------------------------------------------
    @classmethod
    def build(
        cls, grants: Iterable[Grant], events: Mapping[WorkId, Mapping[str, Day]] | None = None
    ) -> GrantIndex:
        by_work: dict[WorkId, list[Grant]] = defaultdict(list)
        for grant in grants:
            by_work[grant.work].append(grant)
        events = events or {}
        index = cls()
        index.replace_works({work: (listed, events.get(work, {})) for work, listed in by_work.items()})
        return index

    def replace_works(self, changes: Mapping[WorkId, tuple[Sequence[Grant], Mapping[str, Day]]]) -> None:
        """Swap in the current grants (and release events) of the given works; in place."""
        for work, (grants, events) in changes.items():
            for table, row in self._rows_of.pop(work, ()):
                table.columns["start"][row] = table.columns["end"][row] = 0  # never overlaps again
                self._dead_rows += 1
            if grants:
                self._append_work(work, tuple(grants), events)
            else:
                self._grants.pop(work, None)
                self._events.pop(work, None)
        self._work_ids = np.asarray(self._work_at, np.int64)
        if self._dead_rows > max(4096, (self._holding.size + self._blocking.size) // 4):
            self._compact()

    def _append_work(self, work: WorkId, grants: tuple[Grant, ...], events: Mapping[str, Day]) -> None:
        # A work's rows are appended together, so they are consecutive in each table; per-work
        # reductions (`_territories_held`) rely on it.
        position = self._position_of.get(work)
        if position is None:
            position = self._position_of[work] = len(self._work_at)
            self._work_at.append(work)
        self._grants[work] = grants
        self._events[work] = events
        rows: list[tuple[_Grown, int]] = []
        for grant in grants:
            span = grant.term.resolve(events)
            role = _role(grant, span is not None)
            if role is Role.NONE:
                continue
            table = self._holding if role is Role.HOLDS else self._blocking
            start, end = span or avails.ALL_TIME
            row = table.append(
                {
                    "position": position,
                    "start": start,
                    "end": end,
                    "media": self._media_sets.columns["bits"][self._media_set(grant.media)],
                    "territories": self._territory_set(grant.territories),
                    "all_languages": grant.language_uses is None,
                    "role": role,
                    "status": STATUS_CODES[grant.status],
                }
            )
            rows.append((table, row))
        self._rows_of[work] = rows

    def _compact(self) -> None:
        survivors = [(work, self._grants[work], self._events[work]) for work in self._rows_of]
        self._holding = _Grown(_ROW_COLUMNS, max(1024, self._holding.size))
        self._blocking = _Grown(_ROW_COLUMNS, max(1024, self._blocking.size))
        self._rows_of.clear()
        self._dead_rows = 0
        for work, grants, events in survivors:
            self._append_work(work, grants, events)

    def _media_set(self, media: frozenset[MediaLeaf]) -> int:
        found = self._media_set_id.get(media)
        if found is None:
            bits = 0
            for leaf in media:
                bits |= 1 << self._bit(self._media_bit, leaf, MAX_MEDIA_LEAVES, "media leaves")
            found = self._media_set_id[media] = self._media_sets.append({"bits": bits})
        return found

    def _territory_set(self, territories: frozenset[TerritoryLeaf]) -> int:
        found = self._territory_set_id.get(territories)
        if found is None:
            words = [0] * TERRITORY_WORDS
            for leaf in territories:
                bit = self._bit(self._territory_bit, leaf, 64 * TERRITORY_WORDS, "territories")
                words[bit // 64] |= 1 << (bit % 64)
            found = self._territory_set_id[territories] = self._territory_sets.append(
                {f"w{i}": word for i, word in enumerate(words)}
            )
        return found

    @staticmethod
    def _bit(bits: dict[str, int], leaf: str, limit: int, what: str) -> int:
        bit = bits.get(leaf)
        if bit is None:
            if len(bits) >= limit:
                raise ValueError(f"the grant index holds at most {limit} {what}")
            bit = bits[leaf] = len(bits)
        return bit

    # --- reading ------------------------------------------------------------------------
    def grants_of(self, work: WorkId) -> tuple[Grant, ...]:
        return self._grants.get(work, ())

    def events_of(self, work: WorkId) -> Mapping[str, Day]:
        return self._events.get(work, {})

    @property
    def work_count(self) -> int:
        return len(self._grants)

    @property
    def grant_count(self) -> int:
        return sum(len(grants) for grants in self._grants.values())

    def memory_bytes(self) -> int:
        """The numpy columns' size (the grant objects themselves are not counted)."""
        tables = (self._holding, self._blocking, self._media_sets, self._territory_sets)
        return sum(column.nbytes for table in tables for column in table.columns.values())

    def detail(self, work: WorkId, query: AvailsQuery) -> WorkAvails:
        avails.validate_query(query)
        return avails.work_avails(work, self.grants_of(work), self.events_of(work), query)

    def search(self, query: AvailsQuery) -> list[WorkId]:
        """Sorted ids of the works that qualify for the query."""
        avails.validate_query(query)
        if query.works is not None and len(query.works) <= EXACT_WORKS_LIMIT:
            return sorted(
                w
                for w in query.works
                if w in self._grants and avails.work_available(self._grants[w], self._events[w], query)
            )
        if query.match is Match.COVER_ENTIRE and query.window[1] - query.window[0] < query.min_window_days:
            return []
        known_media = frozenset(m for m in query.media if m in self._media_bit)
        known_territories = frozenset(t for t in query.territories if t in self._territory_bit)
        if query.match is Match.COVER_ENTIRE and (
            known_media != query.media or known_territories != query.territories
        ):
            return []  # a leaf that no grant mentions is held nowhere
        if not known_media or not known_territories:
            return []
        sure, undecided = self._vectorised(query, known_media, known_territories)
        if query.works is not None:
            wanted = np.zeros(len(self._work_at), np.bool_)
            wanted[[self._position_of[w] for w in query.works if w in self._position_of]] = True
            sure &= wanted
            undecided &= wanted
        found = self._work_ids[sure]
        extra = [
            work
            for work in self._work_ids[undecided].tolist()
            if work in self._grants and avails.work_available(self._grants[work], self._events[work], query)
        ]
        if extra:
            found = np.concatenate([found, np.asarray(extra, np.int64)])
        result: list[WorkId] = np.sort(found).tolist()
        return result

    def _vectorised(
        self, query: AvailsQuery, media_leaves: frozenset[MediaLeaf], territories: frozenset[TerritoryLeaf]
    ) -> tuple[Mask, Mask]:
        """Per work position: surely available, and undecided (needs the exact computation)."""
        window_start, window_end = query.window
        media_wanted = np.uint64(self._media_mask(media_leaves))
        territory_touch, territory_cover = self._judge_territory_sets(territories)
        works = len(self._work_at)

        hold = self._holding
        start, end = hold["start"], hold["end"]
        holds_in_box = (
            ((hold["media"] & media_wanted) != 0)
            & territory_touch[hold["territories"]]
            & (start < window_end)
            & (end > window_start)
        )
        block = self._blocking
        blocks_in_box = (
            ((block["media"] & media_wanted) != 0)
            & territory_touch[block["territories"]]
            & (block["start"] < window_end)
            & (block["end"] > window_start)
            & self._status_in(query.blocking_statuses)
        )
        if not query.exclusive:
            blocks_in_box &= block["role"] != Role.OUT

        touched = _per_work(hold["position"], holds_in_box, works)
        if query.language_uses is None:
            blocked = _per_work(block["position"], blocks_in_box, works)
            uncertain = np.zeros(works, np.bool_)
            holds_certain = holds_in_box
        else:
            # Rows restricted to some languages are left to the exact computation.
            blocked = _per_work(block["position"], blocks_in_box & block["all_languages"], works)
            uncertain = _per_work(hold["position"], holds_in_box & ~hold["all_languages"], works)
            uncertain |= _per_work(block["position"], blocks_in_box & ~block["all_languages"], works)
            holds_certain = holds_in_box & hold["all_languages"]

        if query.match is Match.COVER_ENTIRE:
            positions = hold["position"]
            whole_window = holds_certain & (start <= window_start) & (end >= window_end)
            whole_box = (
                holds_certain
                & ((hold["media"] & media_wanted) == media_wanted)
                & territory_cover[hold["territories"]]
            )
            covered = self._territories_held(whole_window, media_leaves, territories, works)
            open_question = touched & ~blocked & ~covered
            if open_question.any():
                renewed = whole_box & open_question[positions]
                covered |= _time_held(positions, start, end, renewed, query.window, works)
            sure = covered & ~blocked & ~uncertain
            # Only rows partial both in time and in space can still piece together a cover, and only
            # where all the rows together reach every territory and every day.
            pieced = _per_work(positions, holds_certain & ~whole_window & ~whole_box, works)
            maybe = touched & ~blocked & ~sure & ~uncertain & pieced
            if maybe.any():
                rows = holds_certain & maybe[positions]
                maybe &= self._territories_held(rows, media_leaves, territories, works)
                maybe &= _time_held(positions, start, end, rows, query.window, works)
            undecided = maybe | (touched & ~blocked & uncertain)
        else:
            sure = self._free_somewhere(holds_certain, blocks_in_box, territories, query, works)
            undecided = touched & ~sure
        return sure, undecided

    def _free_somewhere(
        self,
        holding_rows: Mask,
        blocking_rows: Mask,
        territories: frozenset[TerritoryLeaf],
        query: AvailsQuery,
        works: int,
    ) -> Mask:
        """Works with a holding row that surely leaves a long enough free stretch (a sufficient test).

        Every blocking row in the box counts as blocking all of it, at every time between the first
        day any of them starts and the last day any of them ends: a holding row is then free in a
        territory no blocking row names, or before or after that span of time.
        """
        hold, block = self._holding, self._blocking
        window_start, window_end = query.window
        wanted = self._territory_words(territories)
        chosen = np.flatnonzero(blocking_rows)
        runs, run_positions = _runs(block["position"][chosen])
        blocked_words = []
        for i, value in enumerate(wanted):
            words = np.zeros(works, np.uint64)
            if value and len(chosen):
                named = self._territory_sets[f"w{i}"][block["territories"][chosen]] & np.uint64(value)
                words[run_positions] = np.bitwise_or.reduceat(named, runs)
            blocked_words.append(words)
        first_blocked = np.full(works, FOREVER, np.int32)
        last_blocked = np.zeros(works, np.int32)
        if len(chosen):
            first_blocked[run_positions] = np.minimum.reduceat(block["start"][chosen], runs)
            last_blocked[run_positions] = np.maximum.reduceat(block["end"][chosen], runs)

        rows = np.flatnonzero(holding_rows)
        positions = hold["position"][rows]
        start = np.maximum(hold["start"][rows], window_start)
        end = np.minimum(hold["end"][rows], window_end)
        long_enough = (end - start) >= query.min_window_days
        free = np.zeros(len(rows), np.bool_)
        for i, value in enumerate(wanted):
            if value:
                mine = self._territory_sets[f"w{i}"][hold["territories"][rows]] & np.uint64(value)
                free |= (mine & ~blocked_words[i][positions]) != 0
        before = np.minimum(end, first_blocked[positions]) - start
        after = end - np.maximum(start, last_blocked[positions])
        free |= (before >= query.min_window_days) | (after >= query.min_window_days)
        return _per_work(positions, long_enough & free, works)

    def _territories_held(
        self,
        rows: Mask,
        media_leaves: frozenset[MediaLeaf],
        territories: frozenset[TerritoryLeaf],
        works: int,
    ) -> Mask:
        """Works whose given rows together reach every cell (their territories OR-ed per medium)."""
        hold = self._holding
        wanted = self._territory_words(territories)
        covered = np.ones(works, np.bool_)
        for leaf in media_leaves:
            with_leaf = rows
            if len(media_leaves) > 1:
                bit = np.uint64(1 << self._media_bit[leaf])
                with_leaf = rows & ((hold["media"] & bit) != 0)
            chosen = np.flatnonzero(with_leaf)
            positions = hold["position"][chosen]
            sets = hold["territories"][chosen]
            # A work's rows are consecutive in the table: OR each run of equal positions at once.
            runs, run_positions = _runs(positions)
            for i, value in enumerate(wanted):
                if value:
                    gathered = np.zeros(works, np.uint64)
                    if len(chosen):
                        words = self._territory_sets[f"w{i}"][sets] & np.uint64(value)
                        gathered[run_positions] = np.bitwise_or.reduceat(words, runs)
                    covered &= gathered == np.uint64(value)
        return covered

    def _territory_words(self, leaves: frozenset[TerritoryLeaf]) -> list[int]:
        wanted = [0] * TERRITORY_WORDS
        for leaf in leaves:
            bit = self._territory_bit[leaf]
            wanted[bit // 64] |= 1 << (bit % 64)
        return wanted

    def _media_mask(self, leaves: frozenset[MediaLeaf]) -> int:
        wanted = 0
        for leaf in leaves:
            wanted |= 1 << self._media_bit[leaf]
        return wanted

    def _judge_territory_sets(self, leaves: frozenset[TerritoryLeaf]) -> tuple[Mask, Mask]:
        wanted = self._territory_words(leaves)
        sets = self._territory_sets
        touch = np.zeros(sets.size, np.bool_)
        cover = np.ones(sets.size, np.bool_)
        for i, value in enumerate(wanted):
            if value:
                common = sets[f"w{i}"] & np.uint64(value)
                touch |= common != 0
                cover &= common == np.uint64(value)
        return touch, cover

    def _status_in(self, statuses: frozenset[Status]) -> Mask:
        codes = self._blocking["status"]
        if statuses == {Status.ACTIVE}:
            active: Mask = codes == STATUS_CODES[Status.ACTIVE]
            return active
        wanted = np.zeros(len(STATUS_CODES), np.bool_)
        wanted[[STATUS_CODES[s] for s in statuses]] = True
        selected: Mask = wanted[codes]
        return selected


def _time_held(
    positions: npt.NDArray[np.int32],
    start: npt.NDArray[np.int32],
    end: npt.NDArray[np.int32],
    rows: Mask,
    window: tuple[Day, Day],
    works: int,
) -> Mask:
    """Works whose given rows together last the whole window (for rows covering every cell: renewals)."""
    chosen = np.flatnonzero(rows)
    if not len(chosen):
        return np.zeros(works, np.bool_)
    work = positions[chosen].astype(np.int64)
    first_day = np.maximum(start[chosen], window[0]).astype(np.int64)
    last_end = np.minimum(end[chosen], window[1]).astype(np.int64)
    order = np.lexsort((first_day, work))
    work, first_day, last_end = work[order], first_day[order], last_end[order]
    # Shift each work's days past the previous work's, so one running maximum serves every work.
    shift = work * (FOREVER + 1)
    reached = np.maximum.accumulate(last_end + shift) - shift
    opens = np.ones(len(work), np.bool_)
    opens[1:] = work[1:] != work[:-1]
    closes = np.ones(len(work), np.bool_)
    closes[:-1] = opens[1:]
    gap = np.zeros(len(work), np.bool_)
    gap[1:] = first_day[1:] > reached[:-1]
    gap[opens] = first_day[opens] > window[0]
    gap |= closes & (reached < window[1])
    covered = np.zeros(works, np.bool_)
    covered[work[opens]] = True
    covered[work[gap]] = False
    return covered


def _runs(positions: npt.NDArray[np.int32]) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.int32]]:
    """Where each run of equal work positions starts (a work's rows are consecutive), and its work."""
    if not len(positions):
        return np.zeros(0, np.intp), positions
    starts = np.flatnonzero(np.concatenate(([True], positions[1:] != positions[:-1])))
    return starts, positions[starts]


def _per_work(positions: npt.NDArray[np.int32], rows: Mask, works: int) -> Mask:
    flags = np.zeros(works, np.bool_)
    flags[positions[rows]] = True
    return flags


def avails_search(index: GrantIndex, query: AvailsQuery) -> list[WorkId]:
    """Works whose rights are free for the query (every cell, or some cell, by its match)."""
    return index.search(query)


def avails_detail(index: GrantIndex, query: AvailsQuery, work: WorkId) -> WorkAvails:
    """One work's answer for every cell of the query, with windows and reasons."""
    return index.detail(work, query)
