"""`python manage.py jury --input scores.json`: a jury's aggregate score of one submission, printed as
JSON.

The input and output formats are in docs/engines.md; nothing is read from or written to the database.
`--input -` reads the standard input.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cinebridge.core.management.engine_command import run_engine_command
from cinebridge.events.engine.festival_json import FestivalInputError, jury_from_json
from cinebridge.events.festival_json_messages import festival_error_text


class Command(BaseCommand):
    help = (
        "Aggregate a jury's scores from JSON (docs/engines.md); prints the mean of the counted scores, the "
        "abstentions and the scores set aside for a conflict of interest as JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, help="the scores (JSON); - for the standard input")
        parser.add_argument("--language", help="the language of error messages (fa, ar, ru, be, en)")

    def handle(self, *args: Any, **options: Any) -> None:
        run_engine_command(
            self,
            options,
            compute=jury_from_json,
            input_error=FestivalInputError,
            error_text=festival_error_text,
        )
