"""Long schedule solves run by Celery workers, with the solver's progress kept in the cache.

The same pattern as the rights import job (cinebridge/rights/tasks.py): the job's state — queued,
running with the best objective and bound found so far, done with the schedule JSON, or failed with a
message in the requester's language — lives in the cache, which every app server and worker shares, for
the client that polls it. The instance travels to the worker in the task's arguments (it is JSON
already). In the embedded default Celery runs the task at once, inside the request.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

from celery import shared_task
from django.utils.translation import gettext as _
from django.utils.translation import override

from cinebridge.accounts.models import User
from cinebridge.core.jobs import CachedJobs, JobState

from .engine.jsonio import input_from_json, schedule_from_json, seconds_error

logger = logging.getLogger(__name__)

JOBS = CachedJobs("events:schedule-solve")

SCHEDULE_TASK = "events.schedule_solve"
# A background solve may run this long; a request waits at most SCHEDULE_MAX_SECONDS (api/engines.py).
JOB_MAX_SECONDS = 600.0
# The solver may report many better solutions a second; the cache is written at most this often.
_PROGRESS_INTERVAL_SECONDS = 1.0


def solve_job_create(jobs: CachedJobs, *, actor: User, seconds: float, **details: Any) -> str:
    """Record a queued solve for `actor` (and `details`, such as the programme) in `jobs`; its id."""
    job_id = uuid.uuid4().hex
    jobs.create(
        job_id,
        {
            "id": job_id,
            "user": actor.pk,
            **details,
            "state": JobState.QUEUED,
            "seconds": seconds,
            "progress": None,
            "result": None,
            "error": "",
        },
    )
    return job_id


def schedule_job_start(*, actor: User, data: Any, seconds: float | None = None, language: str = "en") -> str:
    """Record a queued solve of `data` for `actor` and hand it to a worker; returns the job's id.

    `seconds` overrides the instance's own time limit. The instance is read first, so that a bad one,
    or a limit above JOB_MAX_SECONDS, raises `ScheduleInputError` (naming the place) here, in the
    request, and no job is created for it.
    """
    _instance, instance_seconds, _clock = input_from_json(data)
    seconds = seconds or instance_seconds
    if seconds > JOB_MAX_SECONDS:
        raise seconds_error(f"{seconds:g}", JOB_MAX_SECONDS)
    job_id = solve_job_create(JOBS, actor=actor, seconds=seconds)
    schedule_solve.apply_async(
        kwargs={"job_id": job_id, "data": data, "seconds": seconds, "language": language}
    )
    return job_id


def schedule_job_get(*, job_id: str, actor: User) -> dict[str, Any] | None:
    """The job's state as the cache has it, or None when it is unknown or another person's."""
    return JOBS.get_for(job_id, actor.pk)


class _ProgressWriter:
    """The solver's progress hook: keeps the latest report, writes it to the job at most once a second."""

    def __init__(self, job_id: str, jobs: CachedJobs = JOBS) -> None:
        self.job_id = job_id
        self.jobs = jobs
        self.latest: dict[str, Any] | None = None
        self.written_at: float | None = None

    def __call__(self, objective: int, bound: int, seconds: float) -> None:
        self.latest = {
            "objective": objective,
            "bound": bound,
            "gap": round((bound - objective) / max(1, abs(bound)), 6),
            "seconds": round(seconds, 3),
        }
        now = time.monotonic()
        if self.written_at is None or now - self.written_at >= _PROGRESS_INTERVAL_SECONDS:
            self.flush()
            self.written_at = now

    def flush(self) -> None:
        if self.latest is not None:
            self.jobs.update(self.job_id, progress=self.latest)


def _run_solve(
    jobs: CachedJobs,
    job_id: str,
    language: str,
    solve: Callable[[_ProgressWriter], Any],
    *,
    refusals: tuple[type[Exception], ...] = (),
) -> bool:
    """Run `solve` for the job, its progress written as it comes: the job ends done with what it returns,
    or failed with a message in `language` — a refusal's own (one of `refusals`), else a general one."""
    progress = _ProgressWriter(job_id, jobs)
    with override(language):
        jobs.update(job_id, state=JobState.RUNNING)
        try:
            result = solve(progress)
        except refusals as error:
            progress.flush()
            message = getattr(error, "message", None) or str(error)
            jobs.update(job_id, state=JobState.FAILED, result=None, error=message)
            return False
        except Exception:
            logger.exception("Schedule job %s failed", job_id)
            progress.flush()
            jobs.update(
                job_id,
                state=JobState.FAILED,
                result=None,
                error=_("The schedule could not be computed: the solver failed unexpectedly."),
            )
            return False
        # The last better solution may have come less than a second after the last write.
        progress.flush()
        jobs.update(job_id, state=JobState.DONE, result=result)
        return True


@shared_task(name=SCHEDULE_TASK)
def schedule_solve(*, job_id: str, data: Any, seconds: float, language: str) -> bool:
    """Solve one instance, telling its progress through the cache; returns whether a schedule was stored."""
    return _run_solve(
        JOBS, job_id, language, lambda progress: schedule_from_json(data, seconds=seconds, progress=progress)
    )


# --- a programme's schedule, solved in the background ------------------------------------------------

PROGRAMME_JOBS = CachedJobs("events:programme-schedule")
PROGRAMME_SCHEDULE_TASK = "events.programme_schedule"


@shared_task(name=PROGRAMME_SCHEDULE_TASK)
def programme_schedule(
    *, job_id: str, programme_id: int, user_id: int, seconds: float, language: str
) -> bool:
    """Solve a programme's schedule for the person who asked (services.programmes.programme_schedule_start),
    telling its progress through the cache; the job ends with the summary, or a message in their language."""
    from django.core.exceptions import PermissionDenied

    from cinebridge.core.errors import ApplicationError

    from .models import Programme
    from .services.programmes import programme_schedule_solve  # the services start this task

    def solve(progress: _ProgressWriter) -> Any:
        actor = User.objects.get(pk=user_id)
        programme = Programme.objects.get(pk=programme_id)
        return programme_schedule_solve(actor=actor, programme=programme, seconds=seconds, progress=progress)

    return _run_solve(PROGRAMME_JOBS, job_id, language, solve, refusals=(ApplicationError, PermissionDenied))
