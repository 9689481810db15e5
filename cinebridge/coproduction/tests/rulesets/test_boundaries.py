"""Every rule of every shipped rule set, on both sides of its boundary: a project exactly at the limit and
one just across it (10 % passes and 9.99 % fails a 10 % minimum; 70 minutes passes and 69 fails; the
threshold's points pass and one fewer is waivable or fails; the waiver's floor and one point under it),
and every `when` condition switching its rule on and off at its edges. The projects are built from the
files' own numbers (scenarios.py): edit a number in a file and the boundary moves with it."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from .helpers import document, every_rule, rule_of, status
from .scenarios import FAILED, NOT_APPLICABLE, PASSED, Case, boundary_cases, when_cases

RULES = list(every_rule())
RULES_WITH_WHEN = [(name, code) for name, code in RULES if rule_of(document(name), code).get("when")]


def _mismatches(doc: dict[str, Any], code: str, cases: list[Case]) -> list[str]:
    wrong = []
    for case in cases:
        got = status(doc, case.project, code)
        if got != case.expected:
            wrong.append(f"{case.label}: expected {case.expected}, the engine says {got}")
    return wrong


@pytest.mark.parametrize(("name", "code"), RULES, ids=[f"{name}/{code}" for name, code in RULES])
def test_rule_at_its_boundary_and_just_across(name: str, code: str) -> None:
    doc = document(name)
    cases = boundary_cases(doc, rule_of(doc, code))
    expected = {case.expected for case in cases}
    assert PASSED in expected, "each rule has a project that passes at the boundary"
    assert expected & {FAILED, "waivable"}, "each rule has a project just across the boundary"
    assert _mismatches(doc, code, cases) == []


@pytest.mark.parametrize(
    ("name", "code"), RULES_WITH_WHEN, ids=[f"{name}/{code}" for name, code in RULES_WITH_WHEN]
)
def test_when_switches_the_rule_on_and_off_at_its_edges(name: str, code: str) -> None:
    doc = document(name)
    cases = when_cases(doc, rule_of(doc, code))
    assert {case.expected for case in cases} >= {PASSED, NOT_APPLICABLE}
    assert _mismatches(doc, code, cases) == []


def test_the_when_conditions_shipped_are_all_exercised() -> None:
    keys = {key for name, code in RULES_WITH_WHEN for key in rule_of(document(name), code)["when"]}
    assert keys == {"countries", "kinds", "audiences", "budget_at_least", "budget_below"}


def test_an_edited_number_moves_the_boundary() -> None:
    """The Iran–Belarus minority minimum raised from 20 % to 25 %: the project that passed at exactly
    20 % now fails, and the new boundary (25 % / 24.99 %) is where the tests look."""
    doc = document("iran-belarus")
    rule = rule_of(doc, "ib-2-1-minority-min")
    old = boundary_cases(doc, rule)
    edited = copy.deepcopy(doc)
    rule_of(edited, "ib-2-1-minority-min")["params"]["percent"] = "25"
    new = boundary_cases(edited, rule_of(edited, "ib-2-1-minority-min"))
    at_old_limit = next(case for case in old if case.expected == PASSED)
    assert status(edited, at_old_limit.project, rule["code"]) == FAILED
    assert _mismatches(edited, rule["code"], new) == []
    assert any(Decimal("24.99") == Decimal(case.label.split()[-2]) for case in new if case.expected == FAILED)
