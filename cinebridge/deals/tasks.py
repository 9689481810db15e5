"""Periodic deal work for Celery beat: active deals whose term is over become expired (daily)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from .services import deals_expire as expire_deals

EXPIRE_TASK = "deals.expire"


@shared_task(name=EXPIRE_TASK)
def deals_expire() -> int:
    """Expire the deals whose licence term ended by today (in the server's time zone); returns how many."""
    return expire_deals(today=timezone.localdate())
