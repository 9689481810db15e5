"""The JSON readers: a project and a rule set read back what was written, and bad input names its place."""

import copy
import json
from decimal import Decimal

import pytest

from cinebridge.coproduction.engine.project_json import ProjectInputError, project_from_json, project_to_json
from cinebridge.coproduction.engine.rulesets import (
    CHECKS,
    RuleSetError,
    document_with_params,
    editable_params,
    rule_set_from_json,
)
from cinebridge.coproduction.selectors.rulesets import RULE_SET_DIR

from .helpers import document, rule

PROJECT = {
    "kind": "animation",
    "audience": "children",
    "runtime_minutes": 80,
    "currency": "EUR",
    "budget": "1000000.00",
    "support_requested": "100000",
    "as_of": "2026-06-01",
    "parties": ["IR", "BY"],
    "rates": {"USD": "1.08"},
    "coproducers": [
        {"id": "bf", "name": "Belarusfilm", "country": "BY",
         "financing": [{"kind": "national_fund", "amount": "800000.00", "confirmed": True, "letter_date": "2026-04-01"}],
         "in_kind": [{"category": "animation", "value": "50000"}], "artistic": []},
        {"id": "th", "name": "Tehran", "country": "IR",
         "financing": [{"kind": "pre_sale", "amount": "150000", "confirmed": False, "letter_date": None}],
         "in_kind": [], "artistic": ["screenplay"]},
    ],
    "creatives": [{"role": "director", "nationality": "IR", "days_worked": 40}],
    "shooting_countries": [],
    "post_countries": ["BY"],
    "animation_countries": ["BY", "IR"],
}  # fmt: skip


def _with(path, value):
    data = copy.deepcopy(PROJECT)
    *parents, last = path
    target = data
    for key in parents:
        target = target[key]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return data


def test_project_round_trips():
    facts = project_from_json(PROJECT)
    assert facts.companies[0].amount == Decimal("850000")
    assert project_from_json(project_to_json(facts)) == facts
    assert project_from_json(json.loads(json.dumps(project_to_json(facts)))) == facts


@pytest.mark.parametrize(
    ("path", "value", "where", "code"),
    [
        (("budget",), 1000.5, "budget", "amount"),
        (("budget",), "12.345", "budget", "amount_decimals"),
        (("budget",), "-1", "budget", "amount_negative"),
        (("currency",), "EURO", "currency", "currency"),
        (("as_of",), "2026-13-01", "as_of", "date"),
        (("kind",), KeyError, "kind", "required"),
        (("runtime_minutes",), 0, "runtime_minutes", "number"),
        (("parties",), ["IR", "by"], "parties[1]", "country"),
        (("rates",), {"EUR": "0"}, "rates.EUR", "rate"),
        (("rates",), {"XX": "1"}, "rates.XX", "currency"),
        (("coproducers", 1, "country"), "Iran", "coproducers[1].country", "country"),
        (("coproducers", 1, "id"), "bf", "coproducers[1].id", "unique"),
        (
            ("coproducers", 0, "financing", 0, "amount"),
            "abc",
            "coproducers[0].financing[0].amount",
            "amount_not_amount",
        ),
        (
            ("coproducers", 0, "financing", 0, "letter_date"),
            None,
            "coproducers[0].financing[0].letter_date",
            "letter",
        ),
        (
            ("coproducers", 0, "financing", 0, "confirmed"),
            "yes",
            "coproducers[0].financing[0].confirmed",
            "boolean",
        ),
        (
            ("coproducers", 0, "in_kind", 0, "value"),
            "1.001",
            "coproducers[0].in_kind[0].value",
            "amount_decimals",
        ),
        (("coproducers", 0, "colour"), "red", "coproducers[0].colour", "unknown"),
        (("creatives", 0, "days_worked"), -1, "creatives[0].days_worked", "number"),
        (("creatives",), {"role": "x"}, "creatives", "list"),
        (("animation_countries",), ["IRN"], "animation_countries[0]", "country"),
    ],
)
def test_bad_project_input_names_the_place(path, value, where, code):
    with pytest.raises(ProjectInputError) as caught:
        project_from_json(_with(path, value))
    assert (caught.value.path, caught.value.code) == (where, code)


def test_a_project_must_be_an_object():
    with pytest.raises(ProjectInputError) as caught:
        project_from_json([])
    assert caught.value.code == "object"


# --- rule sets --------------------------------------------------------------------------------------


def test_every_shipped_rule_set_is_valid():
    files = sorted(RULE_SET_DIR.glob("*.json"))
    for path in files:
        doc = rule_set_from_json(json.loads(path.read_text(encoding="utf-8")))
        assert doc.id == path.stem
        assert all(rule.check in CHECKS for rule in doc.rules)


def _rules_with(*, at, value):
    data = document(rule("share_min", {"percent": "10", "per": "country"}),
                    rule("points", {"tables": {"*": [{"role": "director", "points": 3}]}, "threshold": 3}))  # fmt: skip
    target = data
    *parents, last = at
    for key in parents:
        target = target[key]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return data


@pytest.mark.parametrize(
    ("at", "value", "where", "code"),
    [
        (("format",), 2, "format", "format"),
        (("id",), "Bad Id", "id", "id"),
        (("currency",), "ZZZ", "currency", "currency"),
        (("parties",), "everyone", "parties", "parties"),
        (("parties",), ["IR", "Belarus"], "parties[1]", "country"),
        (("names",), {"fa": "x"}, "names.en", "required"),
        (("source", "date"), "yesterday", "source.date", "date"),
        (("rules",), [], "rules", "empty"),
        (("rules", 0, "check"), "share_minimum", "rules[0].check", "choice"),
        (("rules", 0, "params", "percent"), "10.5%", "rules[0].params.percent", "percent"),
        (("rules", 0, "params", "percent"), "100.01", "rules[0].params.percent", "percent"),
        (("rules", 0, "params", "percent"), 10.5, "rules[0].params.percent", "percent"),
        (("rules", 0, "params", "per"), "region", "rules[0].params.per", "choice"),
        (("rules", 0, "params", "extra"), 1, "rules[0].params.extra", "unknown"),
        (("rules", 0, "severity"), "optional", "rules[0].severity", "choice"),
        (("rules", 0, "when"), {"countries": {"min": 3, "max": 2}}, "rules[0].when.countries.max", "min_max"),
        (("rules", 0, "when"), {"budget_below": "lots"}, "rules[0].when.budget_below", "rule_amount"),
        (("rules", 1, "code"), "share_min", "rules[1].code", "unique"),
        (("rules", 1, "params", "threshold"), KeyError, "rules[1].params.threshold", "required"),
        (("rules", 1, "params", "waiver_min"), 4, "rules[1].params.waiver_min", "min_max"),
        (
            ("rules", 1, "params", "tables", "*", 0),
            {"place": "moon", "points": 1},
            "rules[1].params.tables.*[0].place",
            "choice",
        ),
    ],
)
def test_bad_rule_set_names_the_place(at, value, where, code):
    with pytest.raises(RuleSetError) as caught:
        rule_set_from_json(_rules_with(at=at, value=value))
    assert (caught.value.path, caught.value.code) == (where, code)


def test_financial_band_and_support_cap_need_sensible_params():
    with pytest.raises(RuleSetError) as caught:
        rule_set_from_json(document(rule("financial_only_share", {"min_percent": "25", "max_percent": "10"})))
    assert caught.value.path == "rules[0].params.max_percent"
    with pytest.raises(RuleSetError) as caught:
        rule_set_from_json(document(rule("support_max", {})))
    assert caught.value.code == "required"


def test_editable_params_and_writing_them():
    data = document(rule("share_min", {"percent": "10", "per": "country"}, code="min"),
                    rule("points", {"tables": {"*": [{"role": "director", "points": 3}]}, "threshold": 3},
                         code="pts"))  # fmt: skip
    doc = rule_set_from_json(data)
    assert [tuple(p) for p in editable_params(doc)] == [
        ("min", "percent", "percent"),
        ("pts", "threshold", "integer"),
    ]
    changed = document_with_params(data, {"min": {"percent": "12.5"}, "pts": {"threshold": "2"}})
    assert changed["rules"][0]["params"]["percent"] == "12.5"
    assert changed["rules"][1]["params"]["threshold"] == 2
    assert data["rules"][0]["params"]["percent"] == "10"  # the original is untouched
    for values, where in [
        ({"min": {"per": "company"}}, "rules[0].params.per"),
        ({"min": {"percent": "101"}}, "rules[0].params.percent"),
        ({"pts": {"threshold": "two"}}, "rules[1].params.threshold"),
        ({"nope": {"percent": "1"}}, "rules"),
    ]:
        with pytest.raises(RuleSetError) as caught:
            document_with_params(data, values)
        assert caught.value.path == where
