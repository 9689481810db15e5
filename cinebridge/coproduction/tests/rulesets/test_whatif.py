"""The what-if answers for every shipped rule set, re-checked by running the engine again on the project
changed as the answer says (changed here, in the project's JSON, not by the engine's own helper):
- the least contribution a country must add: with it every share rule passes, with a cent less the rule
  that failed still fails;
- the points options: giving the listed posts to nationals of the parties (and moving the listed places
  to them) reaches the threshold, and no smaller set of entries could."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from cinebridge.coproduction.engine.eligibility import check, report_to_json
from cinebridge.coproduction.engine.project_json import project_from_json
from cinebridge.coproduction.engine.rulesets import SHARE_CHECKS, rule_set_from_json
from cinebridge.coproduction.engine.whatif import minimum_contribution, points_options

from .helpers import AS_OF, CENT, LEAD_DAYS, document, every_rule, outsider, party_countries, report, rule_of
from .scenarios import FAILED, WAIVABLE, boundary_cases, groups

SHARE_RULES = [
    (name, code) for name, code in every_rule() if rule_of(document(name), code)["check"] in SHARE_CHECKS
]
POINTS_RULES = [
    (name, code) for name, code in every_rule() if rule_of(document(name), code)["check"] == "points"
]


def _failing_share_projects(name: str, code: str) -> list[dict[str, Any]]:
    doc = document(name)
    return [
        case.project.as_json() for case in boundary_cases(doc, rule_of(doc, code)) if case.expected == FAILED
    ]


def _with_addition(project: dict[str, Any], answer: Any, amount: Decimal) -> dict[str, Any]:
    changed = copy.deepcopy(project)
    line = {
        "kind": "coproducer",
        "amount": f"{amount:f}",
        "confirmed": True,
        "letter_date": AS_OF.isoformat(),
    }
    if answer.new_company:
        changed["coproducers"].append(
            {"id": answer.company, "name": "new", "country": answer.country, "financing": [line]}
        )
    else:
        company = next(c for c in changed["coproducers"] if c["id"] == answer.company)
        assert company["country"] == answer.country
        company["financing"].append(line)
    return changed


def _share_statuses(doc: dict[str, Any], project: dict[str, Any]) -> dict[str, str]:
    return {
        row["code"]: row["status"] for row in report(doc, project)["rules"] if row["check"] in SHARE_CHECKS
    }


@pytest.mark.parametrize(("name", "code"), SHARE_RULES, ids=[f"{n}/{c}" for n, c in SHARE_RULES])
def test_least_contribution_makes_the_shares_pass_and_a_cent_less_does_not(name: str, code: str) -> None:
    doc = document(name)
    checked = 0
    for project in _failing_share_projects(name, code):
        facts = project_from_json(project)
        full = report_to_json(check(facts, rule_set_from_json(doc)))
        assert full["what_if"]["contributions"], "a failing share rule names the countries that could add"
        for row in full["what_if"]["contributions"]:
            answer = minimum_contribution(facts, doc, country=row["country"])
            if answer is None:
                assert row["add"] is None
                continue
            assert row["add"] == f"{answer.add:f}"
            assert answer.add > 0
            assert answer.add == answer.add.quantize(CENT)
            after = _with_addition(project, answer, answer.add)
            statuses = _share_statuses(doc, after)
            assert FAILED not in statuses.values(), statuses
            assert report(doc, after)["eligible"] == answer.eligible_after
            short = _with_addition(project, answer, answer.add - CENT)
            assert FAILED in _share_statuses(doc, short).values(), "a cent less would do: not the least"
            checked += 1
    assert checked, f"{name}/{code}: no what-if answer was checked"


def test_what_if_for_the_minority_of_the_programme_in_numbers() -> None:
    """Iran–Belarus: Belarus at 19.99 % of 1,000,000 (199,900) must bring the share to 20 %: x with
    (199,900 + x) / (1,000,000 + x) = 1/5, that is x = 125.00."""
    doc = document("iran-belarus")
    project = next(
        case.project.as_json()
        for case in boundary_cases(doc, rule_of(doc, "ib-2-1-minority-min"))
        if case.expected == FAILED
    )
    answer = minimum_contribution(project_from_json(project), doc, country="BY")
    assert answer is not None
    assert answer.add == Decimal("125.00")


def test_no_addition_by_the_outsider_can_mend_its_own_excess() -> None:
    doc = document("coe-1992")
    countries = [*party_countries(doc, 2), outsider(doc)]
    project = next(
        case.project.as_json()
        for case in boundary_cases(doc, rule_of(doc, "art-2-2-b-non-party"))
        if case.expected == FAILED
    )
    assert [c["country"] for c in project["coproducers"]] == countries
    assert minimum_contribution(project_from_json(project), doc, country=countries[-1]) is None


def _apply_option(project: dict[str, Any], option: Any, national: str) -> dict[str, Any]:
    changed = copy.deepcopy(project)
    changed["creatives"] += [
        {"role": role, "nationality": national, "days_worked": LEAD_DAYS.get(role)} for role in option.roles
    ]
    fields = {
        "shooting": "shooting_countries",
        "post_production": "post_countries",
        "animation": "animation_countries",
    }
    for place in option.places:
        changed[fields[place]] = [national]
    return changed


def _fewest_actions(entries: list[dict[str, Any]], scoring: list[bool], needed: int) -> int:
    """How few posts or places (each scoring every entry that names it) can bring `needed` points."""
    missing = [entry for entry, scored in zip(entries, scoring, strict=True) if not scored]
    by_action = sorted((points for _kind, _name, points in groups(missing)), reverse=True)
    total = 0
    for count, points in enumerate(by_action, start=1):
        total += points
        if total >= needed:
            return count
    raise AssertionError("the threshold cannot be reached")


@pytest.mark.parametrize(("name", "code"), POINTS_RULES, ids=[f"{n}/{c}" for n, c in POINTS_RULES])
def test_points_options_reach_the_threshold_when_applied(name: str, code: str) -> None:
    doc = document(name)
    rule = rule_of(doc, code)
    threshold = rule["params"]["threshold"]
    checked = 0
    for case in boundary_cases(doc, rule):
        if case.expected not in (FAILED, WAIVABLE):
            continue
        project = case.project.as_json()
        before = next(row for row in report(doc, project)["rules"] if row["code"] == code)
        if before["numbers"].get("reason") == "no_table":
            # No post or place can mend a missing table: the report offers no points option for it.
            full = report_to_json(check(project_from_json(project), rule_set_from_json(doc)))
            assert [o for o in full["what_if"]["points"] if o["rule"] == code] == [], case.label
            continue
        options = points_options(project_from_json(project), doc)
        assert options, case.label
        full = report_to_json(check(project_from_json(project), rule_set_from_json(doc)))
        assert [o["entries"] for o in full["what_if"]["points"]] == [list(o.entries) for o in options]
        entries = rule["params"]["tables"][before["numbers"]["table"]]
        scoring = [item["passed"] for item in before["items"]]
        fewest = _fewest_actions(entries, scoring, threshold - before["numbers"]["points"])
        national = party_countries(doc, 1)[0]
        for option in options:
            assert option.rule == code
            assert len(option.roles) + len(option.places) == fewest, f"{case.label}: {option} is not smallest"
            after = next(
                row
                for row in report(doc, _apply_option(project, option, national))["rules"]
                if row["code"] == code
            )
            assert after["status"] == "passed", f"{case.label}: {option}"
            assert after["numbers"]["points"] == option.points_after >= threshold
            checked += 1
    assert checked
