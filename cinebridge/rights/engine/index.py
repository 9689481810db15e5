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

import numpy as np
import numpy.typing as npt

from . import avails
from .types import (
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
    NONE = 0  # dead rows, inactive or unresolved IN grants: they neither hold nor block
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


class _Columns:
    """Growable numpy columns; rows are appended, and killed in place when their work changes."""

    def __init__(self, capacity: int = 1024) -> None:
        self.size = 0
        self.position = np.zeros(capacity, np.int32)
        self.role = np.zeros(capacity, np.int8)
        self.status = np.zeros(capacity, np.int8)
        self.start = np.zeros(capacity, np.int32)
        self.end = np.zeros(capacity, np.int32)
        self.media = np.zeros(capacity, np.uint64)
        self.words = [np.zeros(capacity, np.uint64) for _ in range(TERRITORY_WORDS)]
        self.all_languages = np.zeros(capacity, np.bool_)

    def _arrays(self) -> list[str]:
        return ["position", "role", "status", "start", "end", "media", "all_languages"]

    def reserve(self, extra: int) -> None:
        needed = self.size + extra
        capacity = len(self.position)
        if needed <= capacity:
            return
        capacity = max(needed, capacity + capacity // 2)
        for name in self._arrays():
            old = getattr(self, name)
            grown = np.zeros(capacity, old.dtype)
            grown[: self.size] = old[: self.size]
            setattr(self, name, grown)
        for i, old in enumerate(self.words):
            grown = np.zeros(capacity, old.dtype)
            grown[: self.size] = old[: self.size]
            self.words[i] = grown

    def kill(self, rows: Sequence[int]) -> None:
        self.role[rows] = Role.NONE
        self.start[rows] = 0
        self.end[rows] = 0


class GrantIndex:
    def __init__(self) -> None:
        self._grants: dict[WorkId, tuple[Grant, ...]] = {}
        self._events: dict[WorkId, Mapping[str, Day]] = {}
        self._rows_of: dict[WorkId, list[int]] = {}
        self._position_of: dict[WorkId, int] = {}
        self._work_at: list[WorkId] = []
        self._media_bit: dict[MediaLeaf, int] = {}
        self._territory_bit: dict[TerritoryLeaf, int] = {}
        self._media_masks: dict[frozenset[MediaLeaf], int] = {}
        self._territory_masks: dict[frozenset[TerritoryLeaf], tuple[int, ...]] = {}
        self._columns = _Columns()
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
        columns = self._columns
        for work in changes:
            old_rows = self._rows_of.pop(work, None)
            if old_rows:
                columns.kill(old_rows)
                self._dead_rows += len(old_rows)
        fresh = [(work, grants, events) for work, (grants, events) in changes.items() if grants]
        columns.reserve(sum(len(grants) for _, grants, _ in fresh))
        for work, grants, events in fresh:
            self._append_work(work, tuple(grants), events)
        for work, (grants, _) in changes.items():
            if not grants:
                self._grants.pop(work, None)
                self._events.pop(work, None)
        if self._dead_rows > max(1024, columns.size // 4):
            self._compact()

    def _append_work(self, work: WorkId, grants: tuple[Grant, ...], events: Mapping[str, Day]) -> None:
        position = self._position_of.get(work)
        if position is None:
            position = self._position_of[work] = len(self._work_at)
            self._work_at.append(work)
        self._grants[work] = grants
        self._events[work] = events
        columns = self._columns
        first = columns.size
        for offset, grant in enumerate(grants):
            row = first + offset
            span = grant.term.resolve(events)
            columns.position[row] = position
            columns.role[row] = _role(grant, span is not None)
            columns.status[row] = STATUS_CODES[grant.status]
            start, end = span or avails.ALL_TIME
            columns.start[row] = start
            columns.end[row] = end
            columns.media[row] = self._media_mask(grant.media)
            for word, value in zip(columns.words, self._territory_mask(grant.territories), strict=True):
                word[row] = value
            columns.all_languages[row] = grant.language_uses is None
        columns.size = first + len(grants)
        self._rows_of[work] = list(range(first, columns.size))

    def _compact(self) -> None:
        survivors = [(work, self._grants[work], self._events[work]) for work in self._rows_of]
        self._columns = _Columns(max(1024, sum(len(g) for _, g, _ in survivors)))
        self._rows_of.clear()
        self._dead_rows = 0
        for work, grants, events in survivors:
            self._append_work(work, grants, events)

    def _media_mask(self, media: frozenset[MediaLeaf]) -> int:
        mask = self._media_masks.get(media)
        if mask is None:
            mask = 0
            for leaf in media:
                mask |= 1 << self._bit(self._media_bit, leaf, MAX_MEDIA_LEAVES, "media leaves")
            self._media_masks[media] = mask
        return mask

    def _territory_mask(self, territories: frozenset[TerritoryLeaf]) -> tuple[int, ...]:
        words = self._territory_masks.get(territories)
        if words is None:
            values = [0] * TERRITORY_WORDS
            for leaf in territories:
                bit = self._bit(self._territory_bit, leaf, 64 * TERRITORY_WORDS, "territories")
                values[bit // 64] |= 1 << (bit % 64)
            words = self._territory_masks[territories] = tuple(values)
        return words

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
        return sum(len(rows) for rows in self._rows_of.values())

    def memory_bytes(self) -> int:
        """The numpy columns' size (the grant objects themselves are not counted)."""
        columns = self._columns
        arrays = [getattr(columns, name) for name in columns._arrays()] + columns.words
        return sum(array.nbytes for array in arrays)

    def detail(self, work: WorkId, query: AvailsQuery) -> WorkAvails:
        avails.validate_query(query)
        return avails.work_avails(work, self.grants_of(work), self.events_of(work), query)

    def search(self, query: AvailsQuery) -> list[WorkId]:
        """Sorted ids of the works that qualify for the query."""
        avails.validate_query(query)
        if query.works is not None and len(query.works) <= EXACT_WORKS_LIMIT:
            return sorted(w for w in query.works if w in self._grants and self.detail(w, query).available)
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
        work_at = self._work_at
        found = [work_at[p] for p in np.flatnonzero(sure).tolist()]
        for position in np.flatnonzero(undecided).tolist():
            work = work_at[position]
            if work in self._grants and self.detail(work, query).available:
                found.append(work)
        found.sort()
        return found

    def _vectorised(
        self, query: AvailsQuery, media_leaves: frozenset[MediaLeaf], territories: frozenset[TerritoryLeaf]
    ) -> tuple[Mask, Mask]:
        """Per work position: surely available, and undecided (needs the exact computation)."""
        columns = self._columns
        size = columns.size
        media = columns.media[:size]
        start = columns.start[:size]
        end = columns.end[:size]
        role = columns.role[:size]
        window_start, window_end = query.window
        media_mask = np.uint64(self._query_media_mask(media_leaves))
        territory_words = self._query_territory_mask(territories)

        touches_media = (media & media_mask) != 0
        touches_territory = np.zeros(size, np.bool_)
        for word, wanted in zip(columns.words, territory_words, strict=True):
            if wanted:
                touches_territory |= (word[:size] & np.uint64(wanted)) != 0
        in_box = touches_media & touches_territory & (start < window_end) & (end > window_start)

        holding = role == Role.HOLDS
        blocking = (role == Role.EXCLUSIVE_OUT) | (role == Role.HOLDBACK)
        if query.exclusive:
            blocking |= role == Role.OUT
        blocking &= self._status_in(query.blocking_statuses, size)
        blocking &= in_box
        holding_in_box = holding & in_box

        if query.language_uses is None:
            certain_rows = np.ones(size, np.bool_)
        else:
            certain_rows = columns.all_languages[:size]

        positions = columns.position[:size]
        works = len(self._work_at)
        touched = self._per_work(positions, holding_in_box, works)
        blocked = self._per_work(positions, blocking & certain_rows, works)
        uncertain = self._per_work(positions, (blocking | holding_in_box) & ~certain_rows, works)

        if query.match is Match.COVER_ENTIRE:
            covers = holding_in_box & certain_rows & ((media & media_mask) == media_mask)
            covers &= (start <= window_start) & (end >= window_end)
            for word, wanted in zip(columns.words, territory_words, strict=True):
                if wanted:
                    covers &= (word[:size] & np.uint64(wanted)) == np.uint64(wanted)
            covered = self._per_work(positions, covers, works)
            sure = covered & ~blocked & ~uncertain
            undecided = touched & ~blocked & ~sure
        else:
            long_enough = (np.minimum(end, window_end) - np.maximum(start, window_start)) >= (
                query.min_window_days
            )
            held_long = self._per_work(positions, holding_in_box & certain_rows & long_enough, works)
            anything_blocks = self._per_work(positions, blocking, works)
            sure = held_long & ~anything_blocks & ~uncertain
            undecided = touched & ~sure
        return sure, undecided

    @staticmethod
    def _per_work(positions: npt.NDArray[np.int32], rows: Mask, works: int) -> Mask:
        flags = np.zeros(works, np.bool_)
        flags[positions[rows]] = True
        return flags

    def _status_in(self, statuses: frozenset[Status], size: int) -> Mask:
        codes = self._columns.status[:size]
        if statuses == {Status.ACTIVE}:
            active: Mask = codes == STATUS_CODES[Status.ACTIVE]
            return active
        wanted = np.zeros(len(STATUS_CODES), np.bool_)
        wanted[[STATUS_CODES[s] for s in statuses]] = True
        selected: Mask = wanted[codes]
        return selected

    def _query_media_mask(self, media: frozenset[MediaLeaf]) -> int:
        mask = 0
        for leaf in media:
            mask |= 1 << self._media_bit[leaf]
        return mask

    def _query_territory_mask(self, territories: frozenset[TerritoryLeaf]) -> list[int]:
        words = [0] * TERRITORY_WORDS
        for leaf in territories:
            bit = self._territory_bit[leaf]
            words[bit // 64] |= 1 << (bit % 64)
        return words


def avails_search(index: GrantIndex, query: AvailsQuery) -> list[WorkId]:
    """Works whose rights are free for the query (every cell, or some cell, by its match)."""
    return index.search(query)


def avails_detail(index: GrantIndex, query: AvailsQuery, work: WorkId) -> WorkAvails:
    """One work's answer for every cell of the query, with windows and reasons."""
    return index.detail(work, query)
