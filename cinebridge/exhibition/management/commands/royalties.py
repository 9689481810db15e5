"""`python manage.py royalties --input case.json`: compute a royalty statement and print it as JSON.

The input and output formats are in docs/royalties.md; nothing is read from or written to the
database. `--input -` reads the standard input.
"""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

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
        source = options["input"]
        with translation.override(options["language"] or translation.get_language()):
            try:
                text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
                payload = json.loads(text)
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise CommandError(f"{source}: {exc}") from exc
            try:
                result = statement_from_json(payload)
            except RoyaltyInputError as error:
                raise CommandError(f"{source}: {royalty_error_text(error)}") from error
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
