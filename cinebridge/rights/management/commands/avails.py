"""`python manage.py avails --input scenario.json`: answer avails queries and conflict checks as JSON.

With `grants` in the scenario the answers come from those grants alone; without, from the database.
Either way nothing is written. The formats are in docs/rights-json.md.
"""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from cinebridge.rights.engine.index import GrantIndex
from cinebridge.rights.engine.jsonio import JsonInputError, answer_scenario, read_scenario
from cinebridge.rights.loader import index_reading


class Command(BaseCommand):
    help = 'Answer {"grants": [...], "queries": [...], "checks": [...]} with the avails engine; prints JSON.'

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, type=Path, help="the scenario file (JSON)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            payload = json.loads(Path(options["input"]).read_text(encoding="utf-8"))
            scenario = read_scenario(payload, today=timezone.localdate())
        except (OSError, json.JSONDecodeError, JsonInputError) as exc:
            raise CommandError(f"{options['input']}: {exc}") from exc
        if scenario.grants is not None:
            answers = answer_scenario(scenario, GrantIndex.build(scenario.grants, scenario.events))
        else:
            with index_reading() as index:
                answers = answer_scenario(scenario, index)
        self.stdout.write(json.dumps(answers, ensure_ascii=False, indent=2))
