"""The engine's three doors give the same JSON: the Python functions, `manage.py coproduction_check` and
`POST /api/v1/engines/coproduction`; the explanations and errors are worded in the user's language and
name the place."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from cinebridge.accounts.tests.factories import UserFactory
from cinebridge.coproduction.engine.eligibility import check, evaluate, report_to_json
from cinebridge.coproduction.engine.project_json import ProjectInputError, project_from_json
from cinebridge.coproduction.engine.rulesets import RuleSetError, rule_set_from_json
from cinebridge.coproduction.explain import (
    explained_report,
    project_input_error_message,
    rule_explanation,
    rule_set_error_message,
    rule_title,
    status_label,
)
from cinebridge.coproduction.selectors.rulesets import RULE_SET_DIR

from .helpers import document, rule

URL = "/api/v1/engines/coproduction"

RULES = document(
    rule("share_min", {"percent": "10", "per": "country"}, code="minority"),
    rule("share_max", {"percent": "90", "per": "country"}, code="majority"),
    rule("runtime_min", {"minutes": 70}, code="runtime"),
)

PROJECT = {
    "kind": "animation",
    "audience": "children",
    "runtime_minutes": 80,
    "currency": "EUR",
    "budget": "100000.00",
    "as_of": "2026-06-01",
    "coproducers": [
        {"id": "tehran", "name": "Tehran Animation", "country": "IR",
         "financing": [{"kind": "coproducer", "amount": "90010.00", "confirmed": True, "letter_date": "2026-05-01"}]},
        {"id": "minsk", "name": "Belarusfilm", "country": "BY",
         "financing": [{"kind": "national_fund", "amount": "9990.00", "confirmed": True, "letter_date": "2026-05-01"}]},
    ],
    "creatives": [{"role": "director", "nationality": "IR", "days_worked": None}],
    "animation_countries": ["BY"],
}  # fmt: skip


def _files(tmp_path, project=PROJECT, rules=RULES):
    project_file = tmp_path / "project.json"
    project_file.write_text(json.dumps(project), encoding="utf-8")
    rules_file = tmp_path / "rules.json"
    rules_file.write_text(json.dumps(rules), encoding="utf-8")
    return str(project_file), str(rules_file)


def _run(*args):
    out = StringIO()
    call_command("coproduction_check", *args, stdout=out)
    return json.loads(out.getvalue())


def _expected(rules=RULES, what_if=None):
    with translation.override("en"):
        report = check(project_from_json(PROJECT), rule_set_from_json(rules), what_if_countries=what_if)
        return explained_report(report_to_json(report))


# --- explanations ----------------------------------------------------------------------------------


def test_failing_share_is_explained_with_the_numbers():
    report = report_to_json(evaluate(project_from_json(PROJECT), rule_set_from_json(RULES)))
    minority, majority, runtime = report["rules"]
    with translation.override("en"):
        assert rule_explanation(minority) == "Belarus contributes 9.99 %, below the minimum of 10 %."
        assert rule_explanation(majority) == "Iran contributes 90.01 %, above the maximum of 90 %."
        assert rule_explanation(runtime) == "The runtime of 80 minutes meets the minimum of 70 minutes."
        assert status_label("failed") == "Failed"
        assert rule_title(minority, "fa") == "The share_min rule"  # no Persian title: English
    with translation.override("fa"):
        assert "۹٫۹۹" in rule_explanation(minority) or "۹.۹۹" in rule_explanation(minority)


def test_every_rule_of_every_shipped_rule_set_gets_a_sentence():
    facts = project_from_json(PROJECT)
    for path in sorted(RULE_SET_DIR.glob("*.json")):
        report = report_to_json(
            check(facts, rule_set_from_json(json.loads(path.read_text(encoding="utf-8"))))
        )
        with translation.override("ru"):
            explained = explained_report(report)
        for row in explained["rules"]:
            assert row["explanation"], (path.name, row["code"])
            assert row["title"], (path.name, row["code"])
        for answer in explained["what_if"]["contributions"] + explained["what_if"]["points"]:
            assert answer["explanation"]


def test_input_errors_name_the_place_in_the_users_language():
    bad = {**PROJECT, "coproducers": [{**PROJECT["coproducers"][0], "country": "Iran"}]}
    with pytest.raises(ProjectInputError) as caught:
        project_from_json(bad)
    with translation.override("en"):
        assert project_input_error_message(caught.value) == (
            "coproducers[0].country: “Iran” is not a country code such as IR or BY."
        )
    broken = json.loads(json.dumps(RULES))
    broken["rules"][0]["params"]["percent"] = "ten"
    with pytest.raises(RuleSetError) as caught:
        rule_set_from_json(broken)
    with translation.override("en"):
        message = rule_set_error_message(caught.value)
    assert message.startswith("rules[0].params.percent: ")
    assert "ten" in message


# --- the management command -------------------------------------------------------------------------


@pytest.mark.django_db
def test_command_prints_the_report_of_a_rule_set_file(tmp_path):
    project_file, rules_file = _files(tmp_path)
    printed = _run("--input", project_file, "--rules", rules_file, "--language", "en")
    assert printed == _expected()
    assert printed["eligible"] is False
    # BY: (9990 + x) / (100000 + x) ≥ 1/10 from x = 100/9 = 11.11…, rounded up to the cent
    assert printed["what_if"]["contributions"][0]["add"] == "11.12"


@pytest.mark.django_db
def test_command_what_if_for_chosen_countries(tmp_path):
    project_file, rules_file = _files(tmp_path)
    printed = _run("--input", project_file, "--rules", rules_file, "--what-if", "IR,BY", "--language", "en")
    assert [a["country"] for a in printed["what_if"]["contributions"]] == ["IR", "BY"]
    assert printed["what_if"]["contributions"][0]["add"] is None  # the majority adding only makes it worse


@pytest.mark.django_db
def test_command_with_a_shipped_rule_set(tmp_path):
    project_file, _rules_file = _files(tmp_path)
    for name in ("coe-2017", "iran-belarus"):
        if not (RULE_SET_DIR / f"{name}.json").exists():
            pytest.skip(f"{name} is not shipped yet")
        printed = _run("--input", project_file, "--rules", name)
        assert printed["rule_set"]["id"] == name
        assert {row["status"] for row in printed["rules"]} <= {
            "passed",
            "failed",
            "waivable",
            "not_applicable",
        }


@pytest.mark.django_db
def test_command_refuses_bad_input_naming_the_place(tmp_path):
    bad = {**PROJECT, "budget": "12.345"}
    project_file, rules_file = _files(tmp_path, project=bad)
    with pytest.raises(CommandError, match=r"budget: “12.345” has more decimals than EUR allows"):
        _run("--input", project_file, "--rules", rules_file, "--language", "en")
    broken = json.loads(json.dumps(RULES))
    broken["rules"][1]["check"] = "share_maximum"
    project_file, rules_file = _files(tmp_path, rules=broken)
    with pytest.raises(CommandError, match=r"rules\[1\]\.check"):
        _run("--input", project_file, "--rules", rules_file, "--language", "en")
    with pytest.raises(CommandError, match="no-such-rules"):
        _run("--input", project_file, "--rules", "no-such-rules", "--language", "en")


# --- the endpoint ---------------------------------------------------------------------------------


@pytest.fixture
def user_client(client):
    """A signed-in client: a rule-set document (not a name) is for signed-in users and token holders."""
    client.force_login(UserFactory.create())
    return client


@pytest.mark.django_db
def test_endpoint_gives_what_the_command_prints(user_client, tmp_path):
    response = user_client.post(URL, {"rules": RULES, "project": PROJECT}, content_type="application/json",
                           HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    assert response.status_code == 200
    assert response.json() == _expected()
    project_file, rules_file = _files(tmp_path)
    assert _run("--input", project_file, "--rules", rules_file, "--language", "en") == response.json()


@pytest.mark.django_db
def test_endpoint_with_a_rule_set_name_and_what_if(client):
    if not (RULE_SET_DIR / "coe-2017.json").exists():
        pytest.skip("coe-2017 is not shipped yet")
    response = client.post(URL, {"rules": "coe-2017", "project": PROJECT, "what_if": ["BY"]},
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 200
    body = response.json()
    assert body["rule_set"]["id"] == "coe-2017"
    assert [a["country"] for a in body["what_if"]["contributions"]] == ["BY"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "loc", "code"),
    [
        ({"rules": RULES, "project": {**PROJECT, "as_of": "soon"}}, ["body", "project", "as_of"], "date"),
        (
            {"rules": RULES, "project": {**PROJECT, "coproducers": [{"id": "x", "country": "XXX"}]}},
            ["body", "project", "coproducers", 0, "country"],
            "country",
        ),
        (
            {"rules": {**RULES, "currency": "EU"}, "project": PROJECT},
            ["body", "rules", "currency"],
            "currency",
        ),
        ({"rules": "no-such-rules", "project": PROJECT}, ["body", "rules"], "rule_set"),
        ({"rules": 5, "project": PROJECT}, ["body", "rules"], "required"),
        ({"rules": RULES, "project": PROJECT, "what_if": ["Iran"]}, ["body", "what_if"], "country"),
        ({"rules": RULES, "project": PROJECT, "colour": 1}, ["body", "colour"], "unknown"),
    ],
)
def test_endpoint_refuses_bad_input_naming_the_place(user_client, body, loc, code):
    response = user_client.post(URL, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 422
    (detail,) = response.json()["detail"]
    assert (detail["loc"], detail["type"]) == (loc, code)
    assert detail["msg"]
