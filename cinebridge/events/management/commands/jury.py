"""`python manage.py jury --input scores.json`: a jury's aggregate score of one submission, printed as
JSON.

The input and output formats are in docs/engines.md; nothing is read from or written to the database.
`--input -` reads the standard input.
"""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

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
        source = options["input"]
        with translation.override(options["language"] or translation.get_language()):
            try:
                text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
                payload = json.loads(text)
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise CommandError(f"{source}: {exc}") from exc
            try:
                result = jury_from_json(payload)
            except FestivalInputError as error:
                raise CommandError(f"{source}: {festival_error_text(error)}") from error
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
