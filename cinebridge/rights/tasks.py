"""Long rights jobs run by Celery workers: an EMA Avails import, with its progress kept in the cache.

The uploaded file is kept in the default storage until the worker has read it (workers are other
processes, possibly other machines); the job's state — queued, running with the part done, finished
with its report, or failed — lives in the cache, which every app server and worker shares, for the
page that polls it. In the embedded default Celery runs the task at once, inside the request.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import asdict
from typing import Any

from celery import shared_task
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import override

from cinebridge.accounts.models import Organisation, User
from cinebridge.core.jobs import CachedJobs, JobState

from .ema.importing import PROGRESS_TOTAL, avails_file_import

logger = logging.getLogger(__name__)

JOBS = CachedJobs("rights:avails-import")

IMPORT_TASK = "rights.avails_import"
# The cache is written at most this often (in thousandths of the job), not for every element read.
_PROGRESS_STEP = 5


def import_job_start(
    *,
    user: User,
    holder: Organisation,
    upload: UploadedFile,
    direction: str,
    create_missing_works: bool,
    language: str,
) -> str:
    """Keep the file, record a queued job for `user` and hand it to a worker; returns the job's id."""
    job_id = uuid.uuid4().hex
    name = get_valid_filename(upload.name or "avails") or "avails"
    path = default_storage.save(f"rights-imports/{job_id}/{name}", upload)
    JOBS.create(
        job_id,
        {
            "id": job_id,
            "user": user.pk,
            "holder": holder.pk,
            "file_name": upload.name or name,
            "state": JobState.QUEUED,
            "done": 0,
            "total": PROGRESS_TOTAL,
            "report": None,
            "error": "",
        },
    )
    avails_import.apply_async(
        kwargs={
            "job_id": job_id,
            "user_id": user.pk,
            "holder_id": holder.pk,
            "path": path,
            "direction": direction,
            "create_missing_works": create_missing_works,
            "language": language,
        }
    )
    return job_id


def import_job_get(*, job_id: str, user: User) -> dict[str, Any] | None:
    """The job's state as the cache has it, or None when it is unknown or another person's."""
    return JOBS.get_for(job_id, user.pk)


@shared_task(name=IMPORT_TASK)
def avails_import(
    *,
    job_id: str,
    user_id: int,
    holder_id: int,
    path: str,
    direction: str,
    create_missing_works: bool,
    language: str,
) -> bool:
    """Run one import job, telling its progress through the cache; returns whether grants were written."""
    shown = -_PROGRESS_STEP

    def progress(done: int, total: int) -> None:
        nonlocal shown
        if done - shown >= _PROGRESS_STEP or done >= total:
            shown = done
            JOBS.update(job_id, done=done, total=total)

    with override(language):
        JOBS.update(job_id, state=JobState.RUNNING)
        try:
            user = User.objects.get(pk=user_id)
            holder = Organisation.objects.get(pk=holder_id)
            with default_storage.open(path, "rb") as handle:
                report = avails_file_import(
                    actor=user,
                    holder=holder,
                    file=handle,
                    direction=direction,
                    create_missing_works=create_missing_works,
                    on_progress=progress,
                )
        except PermissionDenied:
            JOBS.update(
                job_id, state=JobState.FAILED, error=_("You may not import rights for this organisation.")
            )
            return False
        except Exception:
            logger.exception("Avails import %s failed", job_id)
            JOBS.update(
                job_id, state=JobState.FAILED, error=_("The import failed unexpectedly; nothing was written.")
            )
            return False
        finally:
            default_storage.delete(path)
        JOBS.update(
            job_id, state=JobState.DONE, done=PROGRESS_TOTAL, total=PROGRESS_TOTAL, report=asdict(report)
        )
        return report.ok
