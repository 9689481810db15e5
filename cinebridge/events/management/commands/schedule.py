"""`python manage.py schedule --input instance.json [--seconds N]`: the best schedule of a festival's or
film week's screenings, printed as JSON.

The input and output formats are in docs/scheduling.md; nothing is read from or written to the
database. `--input -` reads the standard input.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cinebridge.core.management.engine_command import run_engine_command
from cinebridge.events.engine.jsonio import MAX_SECONDS, ScheduleInputError, schedule_from_json
from cinebridge.events.engine_messages import schedule_error_text


class Command(BaseCommand):
    help = (
        "Schedule screenings from a JSON instance (docs/scheduling.md) with the CP-SAT optimiser; prints "
        "the schedule, its objective, the proven bound and the greedy baseline's objective as JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, help="the instance (JSON); - for the standard input")
        parser.add_argument(
            "--seconds", type=float, help="the solver's time limit (default: the instance's, else 10)"
        )
        parser.add_argument("--language", help="the language of error messages (fa, ar, ru, be, en)")

    def handle(self, *args: Any, **options: Any) -> None:
        seconds = options["seconds"]
        if seconds is not None and not 0 < seconds <= MAX_SECONDS:
            raise CommandError(f"--seconds: expected a number above 0 and at most {MAX_SECONDS:g}")
        run_engine_command(
            self,
            options,
            compute=lambda payload: schedule_from_json(payload, seconds=seconds),
            input_error=ScheduleInputError,
            error_text=schedule_error_text,
        )
