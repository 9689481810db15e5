"""The pack's eligibility parts say what the eligibility page says, in the page's words: the report's rows
and the numbers and items of every finding labelled and formatted by `display` (countries by name, posts
and places by label, dates as the reader writes them, amounts grouped), never the engine's code; a points
rule without a table for the project's kind has its sentence instead of an empty "0 of 0 points" table;
the points table's threshold and points are the report's; the rules a missing exchange rate leaves
undecided are one finding, its sentence said once for them."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from cinebridge.coproduction import display, explain
from cinebridge.coproduction.documents import dossier_pdf
from cinebridge.coproduction.selectors.rulesets import rule_set_document_get, shipped_rule_set_documents
from cinebridge.coproduction.tests.dossier.helpers import (
    MOMENT,
    dossier_scene,
    report_for,
    sections,
    today,
)
from cinebridge.core.tests.pdf_checks import normalise

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "ru")


def _table_heading(language: str) -> str:
    """The points table's column heading as the pack writes it in `language`."""
    with translation.override(language):
        return _("Post or place")


@dataclass(frozen=True)
class Rendered:
    text: dict[str, str]  # by section language
    report: dict[str, Any]


def _render(scene: Any, rules: str, report: dict[str, Any] | None = None) -> Rendered:
    report = report or report_for(scene, rules)
    data = dossier_pdf(
        project=scene.project,
        report=report,
        rule_set=rule_set_document_get(name=rules),
        as_of=today(),
        generated_at=MOMENT,
    )
    return Rendered(sections(data), report)


# The packs the scan reads: the Iran–Belarus animation against every shipped rule set, the same project in
# US dollars (no rate to the euro) against Eurimages, and a documentary against the 2017 convention (no
# points table for documentaries).
CASES: list[tuple[str, str, dict[str, Any]]] = [
    *((f"animation/{name}", name, {}) for name in sorted(shipped_rule_set_documents())),
    ("usd/eurimages", "eurimages", {"currency": "USD", "support_requested": Decimal("300000")}),
    ("documentary/coe-2017", "coe-2017", {"kind": "documentary"}),
]


@pytest.fixture(scope="module")
def packs(django_db_setup, django_db_blocker) -> dict[str, Rendered]:
    """Every case's pack, rendered once (the scenes are rolled back)."""
    made = {}
    with django_db_blocker.unblock():
        for label, rules, fields in CASES:
            with transaction.atomic():
                made[label] = _render(dossier_scene(**fields).scene, rules)
                transaction.set_rollback(True)
    return made


def _flat(text: str) -> str:
    return normalise(text).replace("\n", " ")


# --- a points rule without a table --------------------------------------------------------------------------


def test_a_documentary_checked_against_coe_2017_has_the_no_table_sentence_and_no_points_table(packs):
    pack = packs["documentary/coe-2017"]
    points = next(rule for rule in pack.report["rules"] if rule["check"] == "points")
    assert points["numbers"] == {"reason": "no_table", "kind": "documentary", "table": None}
    for language in LANGUAGES:
        text = _flat(pack.text[language])
        with translation.override(language):
            sentence = normalise(explain.rule_explanation(points))
        assert "documentaries" in sentence or language != "en"
        # In the points part and in the report's row.
        assert text.count(sentence) == 2, language
        assert _table_heading(language) not in text, language
    en = _flat(pack.text["en"])
    assert "0 of 0 points" not in en
    assert "Earned" not in en
    assert "Points table used" not in en


def test_the_same_documentary_against_a_rule_set_with_a_table_for_every_kind_has_the_table():
    # The control: the Iran–Belarus programme scores every kind on one table.
    pack = _render(dossier_scene(kind="documentary").scene, "iran-belarus")
    en = _flat(pack.text["en"])
    assert _table_heading("en") in en
    assert "Points table used Every kind" in en
    assert "no verified points table" not in en


# --- the points table is the report's ---------------------------------------------------------------------


def test_the_points_tables_total_threshold_and_points_are_the_reports():
    scene = dossier_scene().scene
    report = copy.deepcopy(report_for(scene, "iran-belarus"))
    points = next(rule for rule in report["rules"] if rule["check"] == "points")
    points["numbers"].update({"threshold": 17, "points": 8, "maximum": 23, "waiver_min": 13})

    en = _flat(_render(scene, "iran-belarus", report).text["en"])

    assert "Total 17 needed 23 8" in en
    assert "Waiver from (points) 13" in en
    assert "The project scores 8 of 23 points; 17 are needed." in en


def test_a_points_rule_without_threshold_or_points_in_the_report_has_no_table_not_zeros():
    # A rule that does not apply reports no numbers; its entries alone must not make a table whose total
    # says "0 needed".
    scene = dossier_scene().scene
    report = copy.deepcopy(report_for(scene, "iran-belarus"))
    points = next(rule for rule in report["rules"] if rule["check"] == "points")
    assert points["items"]
    points.update({"status": "not_applicable", "numbers": {}})

    en = _flat(_render(scene, "iran-belarus", report).text["en"])

    part = en.split("Eligibility report")[0].split(explain.rule_title(points, "en"))[-1]
    assert "This rule does not apply to this project." in part
    assert _table_heading("en") not in en
    assert "needed" not in part


# --- one missing exchange rate -----------------------------------------------------------------------------


def test_a_usd_project_without_a_rate_to_the_euro_says_so_once_for_each_group(packs):
    pack = packs["usd/eurimages"]
    waiting = [
        rule for rule in pack.report["rules"] if "missing_rate" in rule["numbers"] and not rule["items"]
    ]
    assert len(waiting) == 4  # below and above 5 M EUR, a minimum and a maximum
    groups = [
        (first, others) for first, others in explain.rule_groups(pack.report["rules"]) if first in waiting
    ]
    assert [len(others) for _first, others in groups] == [1, 1]
    for language in LANGUAGES:
        text = _flat(pack.text[language])
        with translation.override(language):
            sentence = normalise(explain.rule_explanation(waiting[0]))
            undecided = [normalise(explain.undecided_sentence([f, *o], language)) for f, o in groups]
        assert text.count(sentence) == 2, language
        for words in undecided:
            assert text.count(words) == 1, (language, words)
    en = _flat(pack.text["en"])
    assert "No exchange rate from USD to EUR was given: record one under exchange rates." in en
    # The findings name the rate as the page does.
    assert en.count("Exchange rate needed to Euro") == 2


# --- the page's rows, labels and values --------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_rows_numbers_and_items_are_in_the_pack_as_the_page_shows_them(packs, language):
    problems = []
    for label, pack in packs.items():
        text = _flat(pack.text[language])
        points = {rule["code"] for rule in pack.report["rules"] if rule["check"] == "points"}
        with translation.override(language):
            rows = display.rule_rows(pack.report, language)
        for row in rows:
            shown = [row.explanation]
            if row.code not in points:
                if row.items:
                    shown += [item["label"] for item in row.items]
                    shown += [strip_tags(item["value"]) for item in row.items if item["value"]]
                    shown += [strip_tags(item["limit"]) for item in row.items if item["limit"]]
                else:
                    shown += [f"{name} {strip_tags(value)}" for name, value in row.numbers]
            for words in shown:
                if normalise(words) not in text:
                    problems.append(f"{label} / {row.code}: {words!r}")
    assert problems == []


# --- no raw code -------------------------------------------------------------------------------------------

# What a code looks like when it reaches the pack: snake_case, a country's code, a Python literal, an ISO
# date, an amount not grouped, markup.
RAW = [
    (re.compile(r"[a-z]_[a-z]"), "a snake_case code"),
    (re.compile(r"\b(IR|BY|FR)\b"), "a country code"),  # the projects' countries
    (re.compile(r"\b(True|False|None)\b"), "a Python literal"),
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "an ISO date"),
    (re.compile(r"\d{5,}"), "an amount not grouped"),
    (re.compile(r"<[a-z/]|&(lt|gt|amp|quot);"), "markup"),
]


def _verbatim(value: str) -> re.Pattern[str]:
    """`value` as the PDF may wrap it (a space or line break anywhere in it)."""
    return re.compile(r"\s?".join(re.escape(character) for character in value))


def _raw_codes(text: str, rules: str) -> list[str]:
    """The raw codes in a section's text, once the rule set's own references are set aside: its version
    (an identifier the rules pages show as it is) and the address of its source."""
    document = rule_set_document_get(name=rules)
    for value in (str((document.get("source") or {}).get("url") or ""), str(document.get("version") or "")):
        if value:
            text = _verbatim(value).sub(" ", text)
    found = []
    for pattern, why in RAW:
        for match in pattern.finditer(text):
            found.append(f"{why}: …{text[max(0, match.start() - 40) : match.end() + 40]}…")
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pack_shows_no_engine_code(packs, language):
    problems = []
    for (label, rules, _fields), pack in zip(CASES, packs.values(), strict=True):
        problems += [f"{label}: {why}" for why in _raw_codes(_flat(pack.text[language]), rules)]
    assert problems == []


def test_the_scan_sees_the_codes_the_pack_used_to_show():
    rules = "iran-belarus"
    for old in (
        "Post-production post_production",
        "Countries BY, IR",
        "Only the parties count True",
        "Oldest letter date accepted 2025-12-01",
        "Support requested 910000.00 EUR",
        "generated 2026-03-01 12:00 UTC",
        'Cap on the amount <bdi dir="ltr">500,000.00 EUR</bdi>',
    ):
        assert _raw_codes(old, rules), old
    assert _raw_codes("Belarus and Iran · 1,000,000.00 EUR · March 1, 2026", rules) == []
    version = str(rule_set_document_get(name=rules)["version"])
    assert _raw_codes(f"Checked against the programme (version {version})", rules) == []
