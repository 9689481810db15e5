"""Racing writers in tests: several writes started at the same moment, each in its own thread and
database connection (for the row locks and constraints of PostgreSQL; tests need transaction=True)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections


def race(*writes: Callable[[], Any]) -> list[Any]:
    """Start every write at the same moment, each in its own thread and connection; their outcomes."""
    barrier = threading.Barrier(len(writes))
    outcomes: list[Any] = [None] * len(writes)

    def run(position: int, write: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[position] = write()
        except Exception as error:
            outcomes[position] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, w)) for i, w in enumerate(writes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes
