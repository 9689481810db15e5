"""The bounds that keep one check quick work whatever the input: the size of a rule set and of a project
(refused at the boundary with `too_many`, naming the place), the points what-if that looks at the sets
best first and re-runs the rules a bounded number of times, and the endpoint, which takes a rule-set
document only from a signed-in user or a token holder and a bounded `what_if`."""

from __future__ import annotations

import json
from itertools import combinations
from typing import Any

import pytest
from django.utils import translation

from cinebridge.accounts.tests.factories import UserFactory
from cinebridge.api.tests.helpers import bearer
from cinebridge.coproduction.engine import whatif
from cinebridge.coproduction.engine.eligibility import evaluate
from cinebridge.coproduction.engine.project_json import (
    MAX_COPRODUCERS,
    MAX_CREATIVES,
    MAX_LINES,
    ProjectInputError,
    project_from_json,
)
from cinebridge.coproduction.engine.rulesets import MAX_ENTRIES, MAX_RULES, RuleSetError, rule_set_from_json
from cinebridge.coproduction.explain import project_input_error_message, rule_set_error_message

from .helpers import document, rule

URL = "/api/v1/engines/coproduction"
COUNTRIES = [a + b for a in "ABCDEFGHIJ" for b in "ABCDEFGHIJ"]
ROLES = [f"role_{index}" for index in range(MAX_ENTRIES + 1)]


def _points_rule(entries: int, *, code: str = "pts", threshold: int | None = None) -> dict[str, Any]:
    table = [{"role": role, "points": 1} for role in ROLES[:entries]]
    return rule("points", {"tables": {"*": table}, "threshold": threshold or entries}, code=code)


def _company(index: int, country: str, amount: str = "1000.00") -> dict[str, Any]:
    return {
        "id": f"c{index}",
        "name": f"Company {index}",
        "country": country,
        "financing": [
            {"kind": "coproducer", "amount": amount, "confirmed": True, "letter_date": "2026-05-01"}
        ],
    }


def _project(companies: int = 2, creatives: int = 0, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "feature",
        "audience": "general",
        "runtime_minutes": 90,
        "currency": "EUR",
        "budget": "100000.00",
        "as_of": "2026-06-01",
        "coproducers": [_company(index, COUNTRIES[index]) for index in range(companies)],
        "creatives": [
            {"role": ROLES[index % MAX_ENTRIES], "nationality": "ZZ", "days_worked": None}
            for index in range(creatives)
        ],
    }
    data.update(changes)
    return data


# --- the rule set ------------------------------------------------------------------------------------


def test_a_rule_set_has_at_most_max_rules() -> None:
    rules = [rule("runtime_min", {"minutes": 70}, code=f"r{index}") for index in range(MAX_RULES + 1)]
    assert len(rule_set_from_json(document(*rules[:MAX_RULES])).rules) == MAX_RULES
    with pytest.raises(RuleSetError) as caught:
        rule_set_from_json(document(*rules))
    assert (caught.value.path, caught.value.code) == ("rules", "too_many")
    assert caught.value.params == {"maximum": MAX_RULES, "count": MAX_RULES + 1}
    with translation.override("en"):
        assert rule_set_error_message(caught.value) == "rules: Send at most 100 items here, not 101."


def test_a_points_table_has_at_most_max_entries() -> None:
    doc = rule_set_from_json(document(_points_rule(MAX_ENTRIES)))
    assert len(doc.rules[0].params["tables"]["*"]) == MAX_ENTRIES
    with pytest.raises(RuleSetError) as caught:
        rule_set_from_json(document(_points_rule(MAX_ENTRIES + 1)))
    assert (caught.value.path, caught.value.code) == ("rules[0].params.tables.*", "too_many")
    assert caught.value.params["maximum"] == MAX_ENTRIES


def test_a_creative_rule_names_at_most_max_entries_posts() -> None:
    def posts(count: int) -> dict[str, Any]:
        return rule("creative_proportional", {"tolerance": "10", "posts": dict.fromkeys(ROLES[:count], 1)})

    assert len(rule_set_from_json(document(posts(MAX_ENTRIES))).rules[0].params["posts"]) == MAX_ENTRIES
    with pytest.raises(RuleSetError) as caught:
        rule_set_from_json(document(posts(MAX_ENTRIES + 1)))
    assert (caught.value.path, caught.value.code) == ("rules[0].params.posts", "too_many")


# --- the project -------------------------------------------------------------------------------------


def test_a_project_has_at_most_max_coproducers() -> None:
    assert len(project_from_json(_project(companies=MAX_COPRODUCERS)).companies) == MAX_COPRODUCERS
    with pytest.raises(ProjectInputError) as caught:
        project_from_json(_project(companies=MAX_COPRODUCERS + 1))
    assert (caught.value.path, caught.value.code) == ("coproducers", "too_many")
    with translation.override("en"):
        assert project_input_error_message(caught.value) == "coproducers: Send at most 30 items here, not 31."


def test_a_project_has_at_most_max_creatives() -> None:
    assert len(project_from_json(_project(creatives=MAX_CREATIVES)).creatives) == MAX_CREATIVES
    with pytest.raises(ProjectInputError) as caught:
        project_from_json(_project(creatives=MAX_CREATIVES + 1))
    assert (caught.value.path, caught.value.code) == ("creatives", "too_many")
    assert caught.value.params == {"maximum": MAX_CREATIVES, "count": MAX_CREATIVES + 1}


@pytest.mark.parametrize("key", ["financing", "in_kind", "artistic"])
def test_a_coproducers_lists_have_at_most_max_lines(key: str) -> None:
    line = {
        "financing": {"kind": "coproducer", "amount": "1.00", "confirmed": False, "letter_date": None},
        "in_kind": {"category": "studio", "value": "1.00"},
        "artistic": "music",
    }[key]
    data = _project()
    data["coproducers"][1][key] = [line] * MAX_LINES
    assert project_from_json(data).companies[1].amount >= 0
    data["coproducers"][1][key] = [line] * (MAX_LINES + 1)
    with pytest.raises(ProjectInputError) as caught:
        project_from_json(data)
    assert (caught.value.path, caught.value.code) == (f"coproducers[1].{key}", "too_many")


# --- the points what-if ------------------------------------------------------------------------------


def test_sets_come_best_first_in_the_order_of_sorting_every_combination() -> None:
    points = [3, 1, 2, 2, 0, 3, 1, 2, 1, 3, 2]
    actions: list[whatif.Action] = [
        ("role", f"r{index}", value, (index,)) for index, value in enumerate(points)
    ]
    for needed in (1, 4, 7, 9, 12, 17, 18):
        size = next(
            (
                size
                for size in range(1, len(actions) + 1)
                if sum(sorted(points, reverse=True)[:size]) >= needed
            ),
            None,
        )
        expected = (
            []
            if size is None
            else sorted(
                (chosen for chosen in combinations(actions, size) if sum(a[2] for a in chosen) >= needed),
                key=lambda chosen: -sum(a[2] for a in chosen),
            )
        )
        assert list(whatif._smallest_sets(actions, needed)) == expected, needed


def _count_calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count the engine runs and the sets the points what-if looks at (the real functions still run)."""
    counts = {"evaluate": 0, "sets": 0}
    smallest_sets = whatif._smallest_sets

    def counting_evaluate(*args: Any, **kwargs: Any) -> Any:
        counts["evaluate"] += 1
        return evaluate(*args, **kwargs)

    def counting_sets(*args: Any, **kwargs: Any) -> Any:
        for chosen in smallest_sets(*args, **kwargs):
            counts["sets"] += 1
            yield chosen

    monkeypatch.setattr(whatif, "evaluate", counting_evaluate)
    monkeypatch.setattr(whatif, "_smallest_sets", counting_sets)
    return counts


def test_a_points_test_costs_limit_re_runs_when_its_first_sets_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    # 20 of 40 entries needed: C(40, 20) ≈ 1.4·10¹¹ sets qualify, only the first five are looked at.
    doc = rule_set_from_json(document(_points_rule(MAX_ENTRIES, threshold=20), parties="coproducers"))
    counts = _count_calls(monkeypatch)
    options = whatif.points_options(project_from_json(_project()), doc, limit=5)
    assert len(options) == 5
    assert all(option.points_after == 20 for option in options)
    assert options[0].roles == tuple(ROLES[:20])  # table order among equal points
    assert counts == {"evaluate": 1 + 5, "sets": 5}


def test_the_worst_rule_set_does_bounded_work(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = [_points_rule(MAX_ENTRIES, code=f"p{index}", threshold=20) for index in range(MAX_RULES)]
    doc = rule_set_from_json(document(*rules, parties="coproducers"))
    counts = _count_calls(monkeypatch)
    options = whatif.points_options(project_from_json(_project(creatives=MAX_CREATIVES)), doc, limit=5)
    assert counts["evaluate"] == 1 + whatif.MAX_COMBINATIONS  # the report, then the bounded re-runs
    assert counts["sets"] == whatif.MAX_COMBINATIONS
    assert len(options) == whatif.MAX_COMBINATIONS  # five for each of the first ten tests
    assert {option.rule for option in options} == {f"p{index}" for index in range(10)}


# --- the endpoint ------------------------------------------------------------------------------------

RULES = document(
    rule("share_min", {"percent": "10", "per": "country"}, code="minority"), parties="coproducers"
)


def _post(client: Any, body: dict[str, Any], **headers: Any) -> Any:
    return client.post(
        URL, json.dumps(body), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en", **headers
    )


@pytest.mark.django_db
def test_a_rule_set_document_needs_a_signed_in_user_or_a_token(client: Any) -> None:
    body = {"rules": RULES, "project": _project()}
    response = _post(client, body)
    assert response.status_code == 401
    assert response.json()["detail"]
    assert _post(client, body, **bearer(UserFactory.create())).status_code == 200
    client.force_login(UserFactory.create())
    assert _post(client, body).status_code == 200


@pytest.mark.django_db
def test_a_rule_set_by_name_stays_open(client: Any) -> None:
    response = _post(client, {"rules": "bilateral-template", "project": _project()})
    assert response.status_code == 200
    assert response.json()["rule_set"]["id"] == "bilateral-template"


@pytest.mark.django_db
def test_what_if_asks_at_most_the_projects_countries(client: Any) -> None:
    client.force_login(UserFactory.create())
    two = _project(companies=2)
    response = _post(client, {"rules": RULES, "project": two, "what_if": ["AA", "AB", "AA"]})
    assert response.status_code == 200
    assert [a["country"] for a in response.json()["what_if"]["contributions"]] == ["AA", "AB"]
    response = _post(client, {"rules": RULES, "project": two, "what_if": ["AA", "AB", "FR"]})
    assert response.status_code == 422
    (detail,) = response.json()["detail"]
    assert (detail["loc"], detail["type"]) == (["body", "what_if"], "too_many")
    assert "2" in detail["msg"]


@pytest.mark.django_db
def test_what_if_asks_at_most_five_countries(client: Any) -> None:
    client.force_login(UserFactory.create())
    six = _project(companies=6)
    assert _post(client, {"rules": RULES, "project": six, "what_if": COUNTRIES[:5]}).status_code == 200
    response = _post(client, {"rules": RULES, "project": six, "what_if": COUNTRIES[:6]})
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "too_many"


@pytest.mark.django_db
def test_without_what_if_the_endpoint_answers_for_the_first_five_countries(client: Any) -> None:
    client.force_login(UserFactory.create())
    # A big first company leaves each of the six others below 10 %: all six could mend it.
    companies = [_company(0, "AA", "900000.00")] + [_company(i, COUNTRIES[i]) for i in range(1, 7)]
    response = _post(client, {"rules": RULES, "project": _project(coproducers=companies)})
    assert response.status_code == 200
    asked = [a["country"] for a in response.json()["what_if"]["contributions"]]
    assert asked == COUNTRIES[1:6]


@pytest.mark.django_db
def test_the_endpoint_names_the_place_of_a_list_too_long(client: Any) -> None:
    client.force_login(UserFactory.create())
    rules = [rule("runtime_min", {"minutes": 70}, code=f"r{index}") for index in range(MAX_RULES + 1)]
    response = client.post(
        URL,
        json.dumps({"rules": document(*rules), "project": _project()}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 422
    (detail,) = response.json()["detail"]
    assert (detail["loc"], detail["type"]) == (["body", "rules", "rules"], "too_many")
    assert "101" in detail["msg"]
    response = _post(client, {"rules": RULES, "project": _project(companies=MAX_COPRODUCERS + 1)})
    (detail,) = response.json()["detail"]
    assert (detail["loc"], detail["type"]) == (["body", "project", "coproducers"], "too_many")
