"""This process's grant index, never stale: built from the database once, then kept up to date.

Every grant-changing transaction raises `RightsState.version` (with a new `stamp`) and writes audit
rows carrying both. Before each use the loader reads the version (one cheap query); if another
process (or this one) committed since, it reloads only the works named by the newer audit rows and
swaps them into the index in place, or rebuilds when very many changed. When the history it built
on is gone (the same or a lower version with another stamp: a database restored from a backup, a
test's rolled-back transaction) it rebuilds.

The index is shared by the threads of the process: `index_reading()` holds the loader's lock while a
query runs, so that no refresh changes the index under it.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError, connections

from .convert import ENGINE_FIELDS, engine_grant_from_values, event_days
from .engine.index import GrantIndex
from .engine.types import Day, Grant, Status, WorkId
from .models import Grant as GrantRow
from .models import GrantAudit, ReleaseEvent, RightsState

logger = logging.getLogger(__name__)

# Draft, expired and terminated grants neither hold nor block anything the avails queries ask about.
INDEXED_STATUSES = (Status.PENDING.value, Status.ACTIVE.value)
# Above this many changed works one rebuild is cheaper than reloading them one by one.
REBUILD_WORKS = 5000
_CHUNK = 2000


def read_state() -> tuple[int, str]:
    """(version, stamp) of the rights ledgers as committed now; (0, "") before the first write."""
    row = RightsState.objects.filter(pk=RightsState.SINGLETON_ID).values_list("version", "stamp").first()
    return row if row is not None else (0, "")


def _grants(work_ids: list[WorkId] | None) -> Iterator[Grant]:
    qs = GrantRow.objects.filter(status__in=INDEXED_STATUSES)
    if work_ids is not None:
        qs = qs.filter(work_id__in=work_ids)
    for values in qs.order_by().values_list(*ENGINE_FIELDS).iterator(chunk_size=_CHUNK):
        yield engine_grant_from_values(values)


def _events(work_ids: list[WorkId] | None) -> dict[WorkId, dict[str, Day]]:
    qs = ReleaseEvent.objects.all()
    if work_ids is not None:
        qs = qs.filter(work_id__in=work_ids)
    return event_days(qs.order_by().values_list("work_id", "kind", "territory", "date").iterator())


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while an index is built or refreshed.

    A build makes millions of long-lived objects (grants, terms, sets, columns) and no garbage
    cycles; left running, the collector walks everything alive again and again as they accumulate
    (a large share of a catalogue-wide build). Reference counting still frees what is dropped.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_index() -> GrantIndex:
    """A new index of every pending and active grant in the database."""
    with _without_cycle_collection():
        index = GrantIndex.build(_grants(None), _events(None))
    # The index's millions of objects live as long as the process: moved out of the collector's
    # sight, a full collection (half a second at a million grants) cannot land on a query.
    gc.freeze()
    return index


def works_changes(work_ids: list[WorkId]) -> dict[WorkId, tuple[list[Grant], dict[str, Day]]]:
    """The current grants and events of these works, as `GrantIndex.replace_works` takes them."""
    changes: dict[WorkId, tuple[list[Grant], dict[str, Day]]] = {}
    for start in range(0, len(work_ids), _CHUNK):
        chunk = work_ids[start : start + _CHUNK]
        events = _events(chunk)
        for work in chunk:
            changes[work] = ([], events.get(work, {}))
        for grant in _grants(chunk):
            changes[grant.work][0].append(grant)
    return changes


class IndexLoader:
    """Holds one GrantIndex and refreshes it from the database before each use (thread-safe)."""

    def __init__(self, *, rebuild_works: int = REBUILD_WORKS) -> None:
        self.rebuild_works = rebuild_works
        self._lock = threading.RLock()
        self._index: GrantIndex | None = None
        self._version = 0
        self._stamp = ""
        self.rebuilds = 0  # how often it built from scratch (for tests and the benchmark)
        self.reloaded_works = 0  # how many works it reloaded one by one

    def index(self) -> GrantIndex:
        """The index, fresh as of now. Another thread may refresh it later: see `reading()`."""
        with self._lock:
            return self._refresh()

    @contextmanager
    def reading(self) -> Iterator[GrantIndex]:
        """The fresh index, unchanged by other threads until the block ends."""
        with self._lock:
            yield self._refresh()

    def forget(self) -> None:
        """Drop the index: the next use builds it again."""
        with self._lock:
            self._index = None

    def _refresh(self) -> GrantIndex:
        # The state is read first: whatever is read after it is at least as new (READ COMMITTED), and
        # anything newer still is named again by audit rows above the version kept.
        version, stamp = read_state()
        index = self._index
        if index is None or version < self._version or (version == self._version and stamp != self._stamp):
            return self._rebuild(version, stamp)
        if version == self._version:
            return index
        if not self._history_intact():
            return self._rebuild(version, stamp)
        changed = list(
            GrantAudit.objects.filter(version__gt=self._version)
            .order_by()
            .values_list("work_id", flat=True)
            .distinct()[: self.rebuild_works + 1]
        )
        if len(changed) > self.rebuild_works:
            return self._rebuild(version, stamp)
        with _without_cycle_collection():
            index.replace_works(works_changes(sorted(changed)))
        self.reloaded_works += len(changed)
        self._version, self._stamp = version, stamp
        return index

    def _history_intact(self) -> bool:
        """Whether the version this index was built at is still the one in the database's history."""
        if self._version == 0:
            return False  # nothing to recognise it by: rebuild (cheap while the ledgers are empty)
        return GrantAudit.objects.filter(version=self._version, stamp=self._stamp).exists()

    def _rebuild(self, version: int, stamp: str) -> GrantIndex:
        self._index = None  # let the old index go before the new one is built
        index = build_index()
        self._index, self._version, self._stamp = index, version, stamp
        self.rebuilds += 1
        return index


_loader = IndexLoader()


def current_index() -> GrantIndex:
    """This process's index of every grant, fresh: it sees every change committed before the call."""
    return _loader.index()


@contextmanager
def index_reading() -> Iterator[GrantIndex]:
    """This process's fresh index, held unchanged (the loader's lock) while the block runs a query."""
    with _loader.reading() as index:
        yield index


def warm_in_background(loader: IndexLoader | None = None) -> threading.Thread:
    """Build this process's index now, on a thread of its own, so the first avails query need not.

    An app server calls it when a worker starts (`config/gunicorn_conf.py`); a query that comes
    meanwhile waits for the build on the loader's lock instead of starting a second one.
    """

    def build() -> None:
        try:
            (loader or _loader).index()
        except DatabaseError:
            # The first query builds it then; the app server must start even when the database is late.
            logger.warning("The rights index could not be built in advance", exc_info=True)
        finally:
            connections.close_all()  # the thread's own database connection

    thread = threading.Thread(target=build, name="rights-index-warm-up", daemon=True)
    thread.start()
    return thread


def forget_current_index() -> None:
    """Drop this process's index (tests whose rows bypassed the services, which raise the version)."""
    _loader.forget()
