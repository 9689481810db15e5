"""`python manage.py coproduction_check --input project.json --rules coe-2017 [--what-if IR]`: a
co-production checked against a rule set, every rule passed or failed with its numbers and article, and
the what-if answers, printed as JSON.

The formats are in docs/coproduction-eligibility.md. `--rules` names a shipped rule set or an editable
one of the database, or is the path of a rule-set JSON file; `--input -` reads the standard input. The
explanations and errors are in `--language` (else the default).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils import translation

from cinebridge.coproduction.engine.eligibility import check, report_to_json
from cinebridge.coproduction.engine.project_json import ProjectInputError, project_from_json
from cinebridge.coproduction.engine.rulesets import RuleSetDoc, RuleSetError, rule_set_from_json
from cinebridge.coproduction.explain import (
    explained_report,
    project_input_error_message,
    rule_set_error_message,
)
from cinebridge.coproduction.selectors.rulesets import rule_set_document_get
from cinebridge.core.engine.jsonin import JsonInputError
from cinebridge.core.management.engine_command import run_engine_command


def _error_text(error: JsonInputError) -> str:
    if isinstance(error, ProjectInputError):
        return project_input_error_message(error)
    if isinstance(error, RuleSetError):
        return rule_set_error_message(error)
    return str(error)


class Command(BaseCommand):
    help = (
        "Check a co-production project (JSON, docs/coproduction-eligibility.md) against a rule set; prints "
        "the report with every rule, its numbers and article, and the what-if answers as JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, help="the project (JSON); - for the standard input")
        parser.add_argument(
            "--rules", required=True, help="a rule set's name (coe-2017, eurimages …) or a rule-set JSON file"
        )
        parser.add_argument(
            "--what-if",
            action="append",
            default=None,
            help="a country (IR) whose least contribution to report; repeat or separate with commas",
        )
        parser.add_argument("--language", help="the language of explanations and errors (fa, ar, ru, be, en)")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options.get("language") or translation.get_language()):
            doc = self._rule_set(options["rules"])
        countries = None
        if options["what_if"]:
            countries = [
                code.strip().upper()
                for value in options["what_if"]
                for code in value.split(",")
                if code.strip()
            ]

        def compute(payload: Any) -> dict[str, Any]:
            report = check(project_from_json(payload), doc, what_if_countries=countries)
            return explained_report(report_to_json(report))

        run_engine_command(self, options, compute=compute, input_error=JsonInputError, error_text=_error_text)

    def _rule_set(self, name: str) -> RuleSetDoc:
        path = Path(name)
        try:
            if name.endswith(".json") or path.is_file():
                document = json.loads(path.read_text(encoding="utf-8"))
            else:
                document = rule_set_document_get(name=name)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"{name}: {exc}") from exc
        except Http404 as exc:
            raise CommandError(str(exc)) from exc
        try:
            return rule_set_from_json(document)
        except RuleSetError as error:
            raise CommandError(f"{name}: {rule_set_error_message(error)}") from error
