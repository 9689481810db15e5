"""`python manage.py search_keys --input texts.json`: the search keys of each text, as JSON."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cinebridge.core.engine.interface import search_keys_report


class Command(BaseCommand):
    help = 'Print the normalised form, tokens and cross-script skeletons of {"texts": [...]} as JSON.'

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, type=Path, help='a JSON file: {"texts": ["..."]}')

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            texts = json.loads(options["input"].read_text(encoding="utf-8"))["texts"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise CommandError(
                f'{options["input"]}: expected a JSON object {{"texts": [...]}} ({exc})'
            ) from exc
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            raise CommandError('"texts" must be a list of strings')
        self.stdout.write(json.dumps(search_keys_report(texts), ensure_ascii=False, indent=2))
