"""Background work scheduled after the current transaction commits (DESIGN.md §2)."""

from collections.abc import Callable

from celery import current_app
from django.db import connection, transaction

_senders: dict[str, Callable[[], None]] = {}


def run_after_commit(task_name: str) -> None:
    """Queue the named Celery task once, however many writes in this transaction ask for it.

    In the embedded default Celery runs tasks eagerly, so the work happens in-process right after
    the commit; in production a worker picks it up. A rolled-back transaction queues nothing.
    """
    sender = _senders.setdefault(task_name, lambda: current_app.tasks[task_name].apply_async())
    if connection.in_atomic_block and any(entry[1] is sender for entry in connection.run_on_commit):
        return
    transaction.on_commit(sender)
