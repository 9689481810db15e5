"""`python manage.py schedule --input instance.json [--seconds N]`: the best schedule of a festival's or
film week's screenings, printed as JSON.

The input and output formats are in docs/scheduling.md; nothing is read from or written to the
database. `--input -` reads the standard input.
"""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

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
        source = options["input"]
        seconds = options["seconds"]
        if seconds is not None and not 0 < seconds <= MAX_SECONDS:
            raise CommandError(f"--seconds: expected a number above 0 and at most {MAX_SECONDS:g}")
        with translation.override(options["language"] or translation.get_language()):
            try:
                text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
                payload = json.loads(text)
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise CommandError(f"{source}: {exc}") from exc
            try:
                result = schedule_from_json(payload, seconds=seconds)
            except ScheduleInputError as error:
                raise CommandError(f"{source}: {schedule_error_text(error)}") from error
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
