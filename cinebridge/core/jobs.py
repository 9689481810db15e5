"""Background work: Celery tasks scheduled after the current transaction commits (DESIGN.md §2), and
the states of long jobs kept in the cache for the pages that poll them."""

from collections.abc import Callable
from typing import Any

from celery import current_app
from django.core.cache import cache
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


class JobState:
    """Where a long job stands, as the pages and the API that poll it read it."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


# A job's state stays readable for a day after it was last written.
JOB_TTL_SECONDS = 24 * 60 * 60


class CachedJobs:
    """The states of one kind of long job, kept in the cache every app server and worker shares."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix  # "rights:avails-import"

    def key(self, job_id: str) -> str:
        return f"{self.prefix}:{job_id}"

    def create(self, job_id: str, state: dict[str, Any]) -> None:
        cache.set(self.key(job_id), state, JOB_TTL_SECONDS)

    def get(self, job_id: str) -> dict[str, Any] | None:
        job: dict[str, Any] | None = cache.get(self.key(job_id))
        return job

    def get_for(self, job_id: str, user_pk: object) -> dict[str, Any] | None:
        """The job's state, or None when it is unknown, expired or another person's."""
        job = self.get(job_id)
        if job is None or job.get("user") != user_pk:
            return None
        return job

    def update(self, job_id: str, **changes: Any) -> None:
        job = self.get(job_id) or {}
        job.update(changes)
        cache.set(self.key(job_id), job, JOB_TTL_SECONDS)
