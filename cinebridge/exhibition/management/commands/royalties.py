"""`python manage.py royalties --input case.json`: compute a royalty statement and print it as JSON.

The input and output formats are in docs/royalties.md; nothing is read from or written to the
database. `--input -` reads the standard input.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cinebridge.core.management.engine_command import run_engine_command
from cinebridge.exhibition.engine.jsonio import RoyaltyInputError, statement_from_json
from cinebridge.exhibition.engine_messages import royalty_error_text


class Command(BaseCommand):
    help = (
        "Compute a royalty statement from its JSON input (docs/royalties.md); prints the statement as JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--input", required=True, help="the statement input (JSON); - for the standard input"
        )
        parser.add_argument("--language", help="the language of error messages (fa, ar, ru, be, en)")

    def handle(self, *args: Any, **options: Any) -> None:
        run_engine_command(
            self,
            options,
            compute=statement_from_json,
            input_error=RoyaltyInputError,
            error_text=royalty_error_text,
        )
