"""`python manage.py deals_expire [--today YYYY-MM-DD]`: active deals whose term is over become expired.

The same as the daily Celery task `deals.expire`, for cron or a one-off run; prints how many expired.
"""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from cinebridge.deals.services import deals_expire


class Command(BaseCommand):
    help = "Expire the active deals whose licence term ended on or before today."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="the day to expire against (YYYY-MM-DD); default: today")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError(f"--today: {options['today']!r} is not a date such as 2026-12-31") from exc
        expired = deals_expire(today=today)
        self.stdout.write(f"{expired} deal(s) expired")
