"""`python manage.py eligibility --input entry.json`: whether a film may be entered to a festival's call,
and every rule it breaks, printed as JSON.

The input and output formats are in docs/engines.md; nothing is read from or written to the database.
`--input -` reads the standard input. The problems' messages are in `--language` (else the default).
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cinebridge.core.management.engine_command import run_engine_command
from cinebridge.events.eligibility_messages import problem_message
from cinebridge.events.engine.festival_json import FestivalInputError, eligibility_from_json
from cinebridge.events.festival_json_messages import festival_error_text


class Command(BaseCommand):
    help = (
        "Check a film's entry against a festival call's rules from JSON (docs/engines.md); prints whether "
        "it is eligible and every rule it breaks as JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, help="the entry (JSON); - for the standard input")
        parser.add_argument("--language", help="the language of messages (fa, ar, ru, be, en)")

    def handle(self, *args: Any, **options: Any) -> None:
        run_engine_command(
            self,
            options,
            compute=lambda payload: eligibility_from_json(payload, describe=problem_message),
            input_error=FestivalInputError,
            error_text=festival_error_text,
        )
