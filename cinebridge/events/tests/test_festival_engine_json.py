"""The eligibility and jury engines over JSON: the Python function, `manage.py eligibility|jury --input`
and `POST /api/v1/engines/eligibility|jury` give the same JSON; bad input names the place."""

import copy
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from cinebridge.accounts.models import Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.api.tests.helpers import bearer
from cinebridge.events.eligibility_messages import problem_message
from cinebridge.events.engine.eligibility import RULES, Problem, check_eligibility
from cinebridge.events.engine.festival_json import (
    FestivalInputError,
    eligibility_from_json,
    eligibility_input_from_json,
    jury_from_json,
)
from cinebridge.events.festival_json_messages import festival_error_message

pytestmark = pytest.mark.django_db

ELIGIBILITY_URL = "/api/v1/engines/eligibility"
JURY_URL = "/api/v1/engines/jury"

# Eligible as it stands: each rule case below breaks the call in one way.
ENTRY = {
    "film": {"kind": "feature", "audience": "children", "year": 2026, "runtime": 83, "countries": ["IR", "FR"],
             "festival_years": []},
    "call": {"kinds": ["feature", "documentary"], "min_runtime": 70, "max_runtime": 120, "min_year": 2025,
             "premiere": "national", "countries": ["IR", "BY"], "audiences": ["children", "youth"],
             "opens_on": "2026-09-16", "deadline": "2027-03-15"},
    "premiere": "international",
    "on": "2026-11-01",
}  # fmt: skip

SCORES = {
    "scores": [
        {"member": 1, "score": 9},
        {"member": 2, "score": 9, "conflicted": False},
        {"member": 3, "score": 8},
        {"member": 4, "score": None},
        {"member": 5, "score": 10, "conflicted": True},
    ]
}


def _with(base, **changes):
    """A deep copy of `base` with `changes` applied: {"film__runtime": 40} sets base["film"]["runtime"]."""
    data = copy.deepcopy(base)
    for key, value in changes.items():
        *parents, last = key.split("__")
        target = data
        for parent in parents:
            target = target[int(parent)] if isinstance(target, list) else target[parent]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value
    return data


# One case per rule code, breaking that rule only.
RULE_CASES = {
    "not_open": {"on": "2026-09-15"},
    "deadline_passed": {"on": "2027-03-16"},
    "kind": {"film__kind": "short"},
    "runtime_short": {"film__runtime": 69},
    "runtime_long": {"film__runtime": 121},
    "year": {"film__year": 2024},
    "country": {"film__countries": ["FR"]},
    "audience": {"film__audience": "general"},
    "premiere": {"premiere": "none"},
    "premiere_history": {"film__festival_years": [2025, 2026]},
}


def _command(tmp_path, name, payload, *options):
    source = tmp_path / f"{name}.json"
    source.write_text(payload if isinstance(payload, str) else json.dumps(payload), encoding="utf-8")
    out = StringIO()
    call_command(name, "--input", str(source), *options, stdout=out)
    return json.loads(out.getvalue())


def _post(client, url, payload, **headers):
    return client.post(url, payload, content_type="application/json", **headers)


# --- the three ways agree --------------------------------------------------------------------
def test_eligibility_the_endpoint_answers_as_the_command_prints_and_the_function_returns(client, tmp_path):
    entry = _with(ENTRY, film__runtime=140, premiere="none", on="2027-04-01")
    response = _post(client, ELIGIBILITY_URL, entry)
    assert response.status_code == 200
    printed = _command(tmp_path, "eligibility", entry)
    assert response.json() == printed
    assert printed == json.loads(json.dumps(eligibility_from_json(entry, describe=problem_message)))
    assert printed["eligible"] is False
    assert [problem["rule"] for problem in printed["problems"]] == [
        "deadline_passed",
        "runtime_long",
        "premiere",
    ]


def test_an_eligible_entry_has_no_problems(client, tmp_path):
    expected = {"engine": "eligibility", "format": 1, "eligible": True, "problems": []}
    assert _command(tmp_path, "eligibility", ENTRY) == expected
    assert _post(client, ELIGIBILITY_URL, ENTRY).json() == expected


def test_the_problems_are_worded_in_the_request_s_language_the_same_way(client, tmp_path):
    entry = _with(ENTRY, film__year=2019)
    answered = _post(client, ELIGIBILITY_URL, entry, HTTP_ACCEPT_LANGUAGE="fa").json()
    printed = _command(tmp_path, "eligibility", entry, "--language", "fa")
    assert answered == printed
    with translation.override("fa"):
        persian = problem_message(Problem("year", {"year": 2019, "min_year": 2025}))
    with translation.override("en"):
        english = problem_message(Problem("year", {"year": 2019, "min_year": 2025}))
    assert persian != english
    assert [problem["message"] for problem in printed["problems"]] == [persian]


def test_jury_the_endpoint_answers_as_the_command_prints_and_the_function_returns(client, tmp_path):
    response = _post(client, JURY_URL, SCORES)
    assert response.status_code == 200
    printed = _command(tmp_path, "jury", SCORES)
    assert response.json() == printed == jury_from_json(SCORES)
    assert printed == {
        "engine": "jury",
        "format": 1,
        "mean": "8.67",
        "counted": 3,
        "abstained": 1,
        "excluded_for_conflict": 1,
        "flagged": True,
    }


@pytest.mark.parametrize(
    ("scores", "mean"),
    [([], None), ([{"member": 7, "score": None}], None), ([{"member": 7, "score": 9}], "9.00"),
     ([{"member": 1, "score": 10}, {"member": 2, "score": 10}], "10.00"),
     ([{"member": 1, "score": 1}, {"member": 2, "score": 1}, {"member": 3, "score": 2}], "1.33")],
)  # fmt: skip
def test_the_mean_is_a_decimal_string_with_two_places_or_null(client, scores, mean):
    assert _post(client, JURY_URL, {"scores": scores}).json()["mean"] == mean


def test_the_endpoints_take_the_schedule_s_auth_anonymous_or_a_valid_token_but_not_a_bad_one(client):
    editor = member_of(OrganisationFactory(country="BY"), Role.EDITOR)
    assert _post(client, JURY_URL, SCORES).status_code == 200
    assert _post(client, JURY_URL, SCORES, **bearer(editor)).status_code == 200
    assert _post(client, ELIGIBILITY_URL, ENTRY, **bearer(editor)).status_code == 200
    bad = {"HTTP_AUTHORIZATION": "Bearer not-a-token"}
    assert _post(client, ELIGIBILITY_URL, ENTRY, **bad).status_code == 401
    assert _post(client, JURY_URL, SCORES, **bad).status_code == 401


# --- every problem code round-trips ------------------------------------------------------------
def test_every_rule_has_a_case():
    assert set(RULE_CASES) == set(RULES)


@pytest.mark.parametrize("rule", RULES)
def test_every_problem_round_trips_through_the_json(client, tmp_path, rule):
    entry = _with(ENTRY, **RULE_CASES[rule])
    film, rules, premiere, on = eligibility_input_from_json(entry)
    (engine_problem,) = check_eligibility(film, rules, premiere=premiere, on=on)
    assert engine_problem.rule == rule
    for language in ("en", "ru"):
        answered = _post(client, ELIGIBILITY_URL, entry, HTTP_ACCEPT_LANGUAGE=language).json()
        assert answered == _command(tmp_path, "eligibility", entry, "--language", language)
        (problem,) = answered["problems"]
        assert answered["eligible"] is False
        # The JSON gives the engine's problem back, and a stored one is worded as the fresh one.
        assert Problem(problem["rule"], problem["params"]) == engine_problem
        with translation.override(language):
            assert problem["message"] == problem_message(engine_problem) == problem_message(problem)


# --- bad input names the place --------------------------------------------------------------
ELIGIBILITY_ERRORS = [
    (_with(ENTRY, film__runtime="long"), ["body", "film", "runtime"], "number"),
    (_with(ENTRY, film__runtime=0), ["body", "film", "runtime"], "number"),
    (_with(ENTRY, film__year=True), ["body", "film", "year"], "number"),
    (_with(ENTRY, film__kind=""), ["body", "film", "kind"], "text"),
    (_with(ENTRY, film__colour="bw"), ["body", "film", "colour"], "unknown"),
    (_with(ENTRY, film__festival_years=[2020, "2021"]), ["body", "film", "festival_years", 1], "number"),
    (_with(ENTRY, film__countries="IR"), ["body", "film", "countries"], "list"),
    (_with(ENTRY, call__countries=["IR", "by"]), ["body", "call", "countries", 1], "country"),
    (_with(ENTRY, call__kinds=["feature", 3]), ["body", "call", "kinds", 1], "text"),
    (_with(ENTRY, call__max_runtime=60), ["body", "call", "max_runtime"], "min_max"),
    (_with(ENTRY, call__deadline="2026-09-15"), ["body", "call", "deadline"], "order"),
    (_with(ENTRY, call__opens_on="16/09/2026"), ["body", "call", "opens_on"], "date"),
    (_with(ENTRY, call__premiere="global"), ["body", "call", "premiere"], "choice"),
    (_with(ENTRY, call="rules"), ["body", "call"], "object"),
    (_with(ENTRY, premiere="world-ish"), ["body", "premiere"], "choice"),
    (_with(ENTRY, on=None), ["body", "on"], "required"),
    ({key: value for key, value in ENTRY.items() if key != "film"}, ["body", "film"], "required"),
    ({**ENTRY, "today": "2026-11-01"}, ["body", "today"], "unknown"),
]
JURY_ERRORS = [
    (_with(SCORES, scores__1__member=1), ["body", "scores", 1, "member"], "unique"),
    (_with(SCORES, scores__0__member=-1), ["body", "scores", 0, "member"], "number"),
    (_with(SCORES, scores__2__score=0), ["body", "scores", 2, "score"], "number"),
    (_with(SCORES, scores__2__score=11), ["body", "scores", 2, "score"], "number"),
    (_with(SCORES, scores__2__score=8.5), ["body", "scores", 2, "score"], "number"),
    (_with(SCORES, scores__4__conflicted="yes"), ["body", "scores", 4, "conflicted"], "boolean"),
    (_with(SCORES, scores__3={"member": 4, "note": "late"}), ["body", "scores", 3, "note"], "unknown"),
    (_with(SCORES, scores__0=9), ["body", "scores", 0], "object"),
    ({"scores": {"member": 1}}, ["body", "scores"], "list"),
    ({"votes": []}, ["body", "votes"], "unknown"),
]


@pytest.mark.parametrize(
    ("name", "url", "payload", "loc", "code"),
    [("eligibility", ELIGIBILITY_URL, *case) for case in ELIGIBILITY_ERRORS]
    + [("jury", JURY_URL, *case) for case in JURY_ERRORS],
)
def test_bad_input_is_refused_naming_the_place_in_the_endpoint_and_the_command(
    client, tmp_path, name, url, payload, loc, code
):
    response = _post(client, url, payload)
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == loc
    assert error["type"] == code
    with pytest.raises(FestivalInputError) as raised:
        eligibility_from_json(payload, describe=problem_message) if name == "eligibility" else jury_from_json(
            payload
        )
    # The sentence is the code's own, not the reader's English fallback.
    assert error["msg"] == festival_error_message(raised.value) != raised.value.message
    path = raised.value.path
    with pytest.raises(CommandError) as refused:
        _command(tmp_path, name, payload)
    assert str(refused.value) == f"{tmp_path / f'{name}.json'}: {path}: {error['msg']}"


def test_refusals_are_worded_in_the_request_s_language(client, tmp_path):
    bad = _with(SCORES, scores__2__score=11)
    english = _post(client, JURY_URL, bad).json()["detail"][0]
    russian = _post(client, JURY_URL, bad, HTTP_ACCEPT_LANGUAGE="ru").json()["detail"][0]
    assert english["msg"] == "Enter a whole number from 1 to 10."
    assert russian["loc"] == english["loc"]
    assert russian["msg"] != english["msg"]
    with pytest.raises(CommandError) as refused:
        _command(tmp_path, "jury", bad, "--language", "ru")
    assert str(refused.value).endswith(f"scores[2].score: {russian['msg']}")


def test_a_body_that_is_not_an_object_is_refused(client):
    assert _post(client, ELIGIBILITY_URL, [1, 2]).status_code == 422
    assert _post(client, JURY_URL, [1, 2]).status_code == 422


def test_unreadable_json_and_a_missing_file_are_refused_naming_the_file(tmp_path):
    with pytest.raises(CommandError, match=r"eligibility\.json"):
        _command(tmp_path, "eligibility", "{not json")
    with pytest.raises(CommandError, match=r"absent\.json"):
        call_command("jury", "--input", str(tmp_path / "absent.json"), stdout=StringIO())
