"""POST /api/v1/engines/schedule answers with the same JSON as the engine and the command, for a
signed-in user or a token holder (an anonymous caller is a 401: a solve takes a worker for seconds)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from cinebridge.accounts.tests.factories import UserFactory
from cinebridge.api.tests.helpers import bearer
from cinebridge.events.tests.test_schedule_command import CASE

pytestmark = pytest.mark.django_db

URL = "/api/v1/engines/schedule"


@pytest.fixture
def client(client):
    """A client signed in through a session (the API docs page's way)."""
    client.force_login(UserFactory())
    return client


def _without_seconds(result):
    return {key: value for key, value in result.items() if key != "seconds"}


def test_the_endpoint_answers_as_the_command_prints(client, tmp_path):
    response = client.post(URL, CASE, content_type="application/json")
    assert response.status_code == 200
    case = tmp_path / "instance.json"
    case.write_text(json.dumps(CASE), encoding="utf-8")
    out = StringIO()
    call_command("schedule", "--input", str(case), stdout=out)
    assert _without_seconds(response.json()) == _without_seconds(json.loads(out.getvalue()))
    assert response.json()["status"] == "optimal"


def test_bad_input_is_a_422_naming_the_place_and_the_code(client):
    bad = {**CASE, "screens": [{**CASE["screens"][0], "hours": [["18:00", "17:00"]]}]}
    response = client.post(URL, bad, content_type="application/json")
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "screens", 0, "hours", 0]
    assert error["type"] == "order"
    assert error["msg"] == "The range ends before it starts."


def test_a_long_solve_is_refused_here(client):
    response = client.post(URL, {**CASE, "seconds": 120}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "seconds"]


def test_a_body_that_is_not_an_object_is_refused(client):
    assert client.post(URL, [1, 2], content_type="application/json").status_code == 422


def test_errors_are_worded_in_the_request_s_language(client):
    bad = {**CASE, "days": ["2026-05-09", "2026-05-08"]}
    response = client.post(URL, bad, content_type="application/json", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "days", 1]
    assert response.json()["detail"][0]["type"] == "days_order"


def test_an_anonymous_caller_is_refused_and_a_token_is_enough(client):
    client.logout()

    assert client.post(URL, CASE, content_type="application/json").status_code == 401
    assert client.post(URL, {**CASE, "seconds": 120}, content_type="application/json").status_code == 401
    with_token = client.post(URL, CASE, content_type="application/json", **bearer(UserFactory()))
    assert with_token.status_code == 200
    assert with_token.json()["status"] == "optimal"


def test_a_revoked_or_mistyped_token_is_a_401(client):
    client.logout()

    response = client.post(
        URL, CASE, content_type="application/json", HTTP_AUTHORIZATION="Bearer not-a-token"
    )

    assert response.status_code == 401
