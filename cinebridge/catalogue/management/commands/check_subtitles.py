"""`python manage.py check_subtitles --input track.srt`: validate a subtitle file, as JSON."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cinebridge.catalogue.engine.interface import subtitles_report


class Command(BaseCommand):
    help = "Validate an SRT or WebVTT file and print its summary, or the error code and line, as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["input"]
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        report = subtitles_report(content, format_hint=path.suffix)
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        if not report["valid"]:
            raise CommandError(f"{path}: line {report['error']['line']}: {report['error']['code']}")
