"""`python manage.py check_identifiers --input ids.json`: validate EIDR, ISAN and IMDb identifiers."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cinebridge.catalogue.engine.interface import identifiers_report


class Command(BaseCommand):
    help = 'Check {"eidr": [...], "isan": [...], "imdb": [...]} and print one result per identifier as JSON.'

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            payload = json.loads(options["input"].read_text(encoding="utf-8"))
            report = identifiers_report(payload)
        except (OSError, ValueError, AttributeError, TypeError) as exc:
            raise CommandError(f"{options['input']}: {exc}") from exc
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
