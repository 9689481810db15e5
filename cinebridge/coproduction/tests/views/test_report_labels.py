"""The eligibility report as people read it: every number and item of every rule's finding has a label in
the reader's language and a value formatted by what it is (a country's name, a post, a place, yes or no,
a date, a grouped amount), never the engine's code. The engine runs over every shipped rule set with a
project that passes, one that fails many ways, one whose currency has no rate to the rule set's, and kinds
of work a points table does not cover. On the pages: one missing exchange rate is one finding naming the
rate to record, a points rule without a table for the project's kind says so, and the overview gives the
budget only to those who see the project's private side."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import translation
from django.utils.html import strip_tags

from cinebridge.coproduction import display, explain
from cinebridge.coproduction.engine.eligibility import check, report_to_json
from cinebridge.coproduction.engine.project_json import project_from_json
from cinebridge.coproduction.engine.rulesets import rule_set_from_json
from cinebridge.coproduction.selectors.rulesets import shipped_rule_set_documents
from cinebridge.coproduction.tests.factories import coproduction_scene

from .helpers import as_user, content, url

AS_OF = date(2026, 6, 1)
RECENT = (AS_OF - timedelta(days=30)).isoformat()
OLD = (AS_OF - timedelta(days=400)).isoformat()


def _company(
    id_: str, name: str, country: str, *lines: tuple[str, bool, str | None], in_kind: str | None = None
) -> dict[str, Any]:
    return {
        "id": id_,
        "name": name,
        "country": country,
        "financing": [
            {"kind": "national_fund", "amount": amount, "confirmed": confirmed, "letter_date": letter}
            for amount, confirmed, letter in lines
        ],
        "in_kind": [{"category": "animation", "value": in_kind}] if in_kind else [],
        "artistic": [],
    }


def _creatives(*pairs: tuple[str, str]) -> list[dict[str, Any]]:
    return [{"role": role, "nationality": nationality, "days_worked": None} for role, nationality in pairs]


def _passing(currency: str = "EUR", kind: str = "feature") -> dict[str, Any]:
    """Iran and Belarus half and half, everything confirmed lately, the crew shared, the work done at home."""
    return {
        "kind": kind,
        "audience": "general",
        "runtime_minutes": 95,
        "currency": currency,
        "budget": "1000000",
        "support_requested": "100000",
        "as_of": AS_OF.isoformat(),
        "coproducers": [
            _company("1", "Farabi Cinema Foundation", "IR", ("500000", True, RECENT)),
            _company("2", "Belarusfilm", "BY", ("500000", True, RECENT)),
        ],
        "creatives": _creatives(
            ("director", "IR"),
            ("screenwriter", "BY"),
            ("composer", "IR"),
            ("director_of_photography", "BY"),
            ("editor", "IR"),
            ("sound", "BY"),
            ("lead_1", "IR"),
            ("lead_2", "BY"),
            ("lead_3", "IR"),
            ("production_designer", "BY"),
            ("costume_designer", "IR"),
        ),
        "shooting_countries": ["IR", "BY"],
        "post_countries": ["BY"],
        "animation_countries": ["IR"],
    }


def _failing(kind: str = "animation") -> dict[str, Any]:
    """Three countries, one outside the parties and bringing money only, two Belarusian companies, an
    old letter, unconfirmed money, a short runtime, a support above the caps, work done abroad."""
    return {
        "kind": kind,
        "audience": "children",
        "runtime_minutes": 60,
        "currency": "EUR",
        "budget": "2000000",
        "support_requested": "900000",
        "as_of": AS_OF.isoformat(),
        "coproducers": [
            _company("1", "Farabi Cinema Foundation", "IR", ("1200000", True, OLD), ("100000", False, None)),
            _company("2", "Belarusfilm", "BY", ("150000", False, None), in_kind="50000"),
            _company("3", "Minsk Animation", "BY", ("20000", True, RECENT)),
            _company("4", "Paris Films", "FR", ("300000", True, RECENT)),
        ],
        "creatives": _creatives(("director", "IR"), ("screenwriter", "BY"), ("composer", "IR")),
        "shooting_countries": ["FR"],
        "post_countries": ["IR", "FR"],
        "animation_countries": ["BY", "FR"],
    }


PROJECTS = {
    "passing": _passing(),
    "failing": _failing(),
    "missing-rate": _passing(currency="USD"),
    "no-table-documentary": _passing(kind="documentary"),
    "no-table-animation": _failing(kind="animation"),
}
LANGUAGES = ["en", "ru", "fa"]

# What a code looks like when it reaches the page: snake_case, a country's code, a Python
# literal, an ISO date, an amount not grouped.
RAW = [
    (re.compile(r"[a-z]_[a-z]"), "a snake_case code"),
    (re.compile(r"\b(IR|BY|FR)\b"), "a country code"),  # the projects' countries
    (re.compile(r"\b(True|False|None)\b"), "a Python literal"),
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "an ISO date"),
    (re.compile(r"\d{5,}"), "an amount not grouped"),
]


def _raw(text: str, original: Any = None) -> str | None:
    """Why `text` reads as a code, or None."""
    for pattern, why in RAW:
        if pattern.search(text):
            return why
    if isinstance(original, str) and original and not re.fullmatch(r"[\d.]+", original) and text == original:
        return "the engine's own word"
    return None


def _reports() -> list[tuple[str, str, dict[str, Any]]]:
    reports = []
    for name, document in sorted(shipped_rule_set_documents().items()):
        rule_set = rule_set_from_json(document)
        for label, data in PROJECTS.items():
            report = report_to_json(check(project_from_json(data), rule_set))
            reports.append((name, label, report))
    return reports


REPORTS = _reports()


def test_the_projects_reach_every_outcome_the_labels_must_cover():
    statuses = {rule["status"] for _n, _l, report in REPORTS for rule in report["rules"]}
    assert {"passed", "failed", "not_applicable"} <= statuses
    assert any(report["eligible"] for _n, _l, report in REPORTS)
    assert any("missing_rate" in rule["numbers"] for _n, _l, report in REPORTS for rule in report["rules"])
    assert any(
        rule["numbers"].get("reason") == "no_table" for _n, _l, report in REPORTS for rule in report["rules"]
    )
    # Every check a shipped rule set uses is measured (not only "does not apply") at least once.
    used = {rule["check"] for document in shipped_rule_set_documents().values() for rule in document["rules"]}
    measured = {
        rule["check"]
        for _n, _l, report in REPORTS
        for rule in report["rules"]
        if rule["status"] != "not_applicable" and "missing_rate" not in rule["numbers"]
    }
    assert used <= measured, used - measured


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_number_and_item_has_a_label_and_no_value_is_a_code(language):
    problems = []
    with translation.override(language):
        for name, project, report in REPORTS:
            currency = report["currency"]
            for rule in report["rules"]:
                where = f"{name} / {project} / {rule['code']}"
                check_kind = rule["check"]
                for key, value in rule["numbers"].items():
                    label = display.number_label(check_kind, key)
                    if label is None or _raw(label):
                        problems.append(f"{where}: number {key!r} has no label ({label!r})")
                    if value is None:
                        continue
                    shown = strip_tags(
                        display.number_value(
                            check_kind, key, value, numbers=rule["numbers"], currency=currency
                        )
                    )
                    if _raw(shown, value):
                        problems.append(f"{where}: number {key!r} shows {shown!r}: {_raw(shown, value)}")
                for item in rule["items"]:
                    label = display.item_label(check_kind, item)
                    if label is None or _raw(label, item["key"]):
                        problems.append(f"{where}: item {item['key']!r} has no label ({label!r})")
                    for which, text in (
                        ("value", display.item_value(check_kind, item)),
                        ("limit", display.item_limit(check_kind, item)),
                    ):
                        shown = strip_tags(text)
                        if _raw(shown, item.get(which)):
                            problems.append(f"{where}: item {item['key']!r} {which} shows {shown!r}")
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_rows_the_page_shows_read_without_codes(language):
    problems = []
    with translation.override(language):
        for name, project, report in REPORTS:
            originals = {rule["code"]: rule for rule in report["rules"]}
            for row in display.rule_rows(report, language):
                where = f"{name} / {project} / {row.code}"
                given = [v for v in originals[row.code]["numbers"].values() if v is not None]
                for (_label, value), original in zip(row.numbers, given, strict=False):
                    if _raw(strip_tags(value), original):
                        problems.append(f"{where}: {strip_tags(value)!r} is the engine's {original!r}")
                texts = [row.explanation, *(label for label, _v in row.numbers)]
                texts += [strip_tags(value) for _l, value in row.numbers]
                texts += [item["label"] for item in row.items]
                texts += [strip_tags(item["value"]) + " " + strip_tags(item["limit"]) for item in row.items]
                for text in texts:
                    why = _raw(text)
                    if why:
                        problems.append(f"{where}: {text!r} ({why})")
    assert problems == []


def test_a_raw_code_is_caught_by_the_check_itself():
    """The detector above would see the codes the page used to show."""
    assert _raw("post_production")
    assert _raw("BY, IR")
    assert _raw("True")
    assert _raw("2025-12-01")
    assert _raw("910000.00")
    assert _raw("country", "country")
    assert _raw("1,000,000.00 EUR") is None
    assert _raw("Belarus and Iran") is None


def test_a_key_nobody_named_has_no_label():
    assert display.number_label("share_min", "brand_new_number") is None
    assert display.item_label("runtime_min", {"key": "brand_new_item"}) is None


# --- one missing exchange rate -----------------------------------------------------------------------------


def _eurimages(data: dict[str, Any]) -> dict[str, Any]:
    document = shipped_rule_set_documents()["eurimages"]
    return report_to_json(check(project_from_json(data), rule_set_from_json(document)))


def test_a_missing_rate_names_the_rate_to_record_and_keeps_the_rules_failed():
    report = _eurimages(PROJECTS["missing-rate"])
    waiting = [rule for rule in report["rules"] if "missing_rate" in rule["numbers"]]
    assert len(waiting) == 4
    assert {rule["status"] for rule in waiting} == {"failed"}
    assert report["eligible"] is False

    with translation.override("en"):
        sentence = explain.rule_explanation(waiting[0])
    assert sentence == "No exchange rate from USD to EUR was given: record one under exchange rates."


def test_rules_excluding_each_other_that_wait_for_the_same_rate_are_one_row():
    report = _eurimages(PROJECTS["missing-rate"])

    with translation.override("en"):
        rows = display.rule_rows(report, "en")

    waiting = [row for row in rows if row.rate_url]
    # Below and above 5 M EUR, a minimum and a maximum: two rows, not four.
    assert [row.code for row in waiting] == ["art-2-3-1-bi-min", "art-2-3-1-bi-max"]
    assert all(len(row.also) == 1 for row in waiting)
    assert all(row.status == "failed" for row in waiting)
    assert "record one under exchange rates" in waiting[0].explanation
    assert "base=USD" in waiting[0].rate_url
    assert "quote=EUR" in waiting[0].rate_url
    assert {row.code for row in rows} == {
        rule["code"]
        for rule in report["rules"]
        if rule["code"] not in ("art-2-3-1-bi-large-min", "art-2-3-1-bi-large-max")
    }


def test_rules_that_may_both_apply_are_not_merged():
    base = {"check": "share_min", "status": "failed", "numbers": {"missing_rate": "EUR", "currency": "USD"}}
    below = {**base, "code": "a", "when": {"budget_below": "5000000"}}
    overlapping = {**base, "code": "b", "when": {"budget_at_least": "4000000"}}
    above = {**base, "code": "c", "when": {"budget_at_least": "5000000"}}
    other_check = {**base, "code": "d", "check": "share_max", "when": {"budget_at_least": "5000000"}}

    groups = explain.rule_groups([below, overlapping, above, other_check])

    assert [(first["code"], [o["code"] for o in others]) for first, others in groups] == [
        ("a", ["c"]),
        ("b", []),
        ("d", []),
    ]


def test_the_no_table_sentence_names_the_kind():
    rule = {
        "check": "points",
        "status": "failed",
        "numbers": {"reason": "no_table", "kind": "animation", "table": None},
        "items": [],
    }
    with translation.override("en"):
        assert (
            explain.rule_explanation(rule)
            == "The rule set has no verified points table for animation: the points cannot be checked."
        )


# --- the pages --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_shows_one_finding_for_a_missing_rate_with_a_link_to_record_it(client):
    scene = coproduction_scene(currency="USD")

    response = as_user(client, scene.ir_editor).get(
        url("project_eligibility", scene.project.slug, language="ru", query="rules=eurimages")
    )

    assert response.status_code == 200
    page = content(response)
    assert 'id="rule-art-2-3-1-bi-min"' in page
    assert 'id="rule-art-2-3-1-bi-large-min"' not in page
    assert "/exhibition/rates/?base=USD&amp;quote=EUR" in page
    rules = {rule["code"]: rule for rule in response.context["report"]["rules"]}
    assert rules["art-2-3-1-bi-large-min"]["status"] == "failed"


@pytest.mark.django_db
def test_the_page_says_when_a_points_table_is_missing_for_the_kind(client):
    scene = coproduction_scene()  # an animated feature: the 2017 convention's table for it is not encoded

    with translation.override("en"):
        response = as_user(client, scene.ir_editor).get(
            url("project_eligibility", scene.project.slug, query="rules=coe-2017")
        )

    page = content(response)
    assert "no verified points table for animation" in page
    assert "no_table" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru", "fa"])
def test_the_report_page_shows_no_engine_code(client, language):
    scene = coproduction_scene(currency="USD", support_requested=300000)

    for rules in ("iran-belarus", "eurimages", "coe-2017", "bilateral-template", "coe-1992"):
        response = as_user(client, scene.ir_editor).get(
            url("project_eligibility", scene.project.slug, language=language, query=f"rules={rules}")
        )
        assert response.status_code == 200
        assert "&lt;" not in content(response), rules  # formatted values stay markup, not escaped text
        report = strip_tags(
            content(response).split('id="eligibility-report"', 1)[1].split("</section>", 1)[0]
        )
        for code in ("post_production", "parties_only", "missing_rate", "True", "False", "lead_1"):
            assert code not in report, (rules, code)


@pytest.mark.django_db
def test_the_overview_gives_the_budget_only_to_those_who_see_the_private_side(client):
    scene = coproduction_scene(seeking_partners=True, support_requested=100000)

    outsider = as_user(client, scene.outsider).get(url("project_detail", scene.project.slug))
    assert outsider.status_code == 200
    assert "budget" not in outsider.context
    assert "support_requested" not in outsider.context

    editor = as_user(client, scene.ir_editor).get(url("project_detail", scene.project.slug))
    assert "1,000,000.00" in strip_tags(str(editor.context["budget"]))
    assert "100,000.00" in strip_tags(str(editor.context["support_requested"]))


def test_a_band_of_percentages_is_markup_not_escaped_text():
    item = {"key": "4", "name": "Paris Films", "country": "FR", "min": "10", "max": "25", "value": "15.00"}

    with translation.override("en"):
        band = display.item_limit("financial_only_share", item)

    assert "<bdi" in band
    assert "&lt;" not in band
    assert strip_tags(band) == "10\u00a0% to 25\u00a0%"
