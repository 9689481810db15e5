"""Long schedule solves as background jobs: started over REST, polled, visible only to who started them.

The test settings run Celery eagerly, so a job has finished when the POST that started it answers.
"""

import pytest
from django.core.cache import cache

from cinebridge.accounts.tests.factories import UserFactory
from cinebridge.api.tests.helpers import bearer
from cinebridge.core.jobs import JobState
from cinebridge.events.tasks import schedule_job_get, schedule_job_start, schedule_solve
from cinebridge.events.tests.test_schedule_command import CASE

pytestmark = pytest.mark.django_db

JOBS = "/api/v1/engines/schedule/jobs"


@pytest.fixture
def curator():
    return UserFactory()


@pytest.fixture
def stranger():
    return UserFactory()


def _without_seconds(result):
    return {key: value for key, value in result.items() if key != "seconds"}


def _start(client, user, payload, **headers):
    return client.post(JOBS, payload, content_type="application/json", **bearer(user), **headers)


def test_a_job_solves_the_instance_as_the_synchronous_endpoint_does(client, curator):
    started = _start(client, curator, CASE)

    assert started.status_code == 202
    body = started.json()
    assert body["url"] == f"{JOBS}/{body['id']}"
    polled = client.get(body["url"], **bearer(curator))
    assert polled.status_code == 200
    job = polled.json()
    assert job["state"] == JobState.DONE
    assert job["error"] == ""
    synchronous = client.post(
        "/api/v1/engines/schedule", CASE, content_type="application/json", **bearer(curator)
    ).json()
    assert _without_seconds(job["result"]) == _without_seconds(synchronous)
    assert job["result"]["status"] == "optimal"


def test_the_solver_s_progress_is_recorded(client, curator):
    job_id = _start(client, curator, CASE).json()["id"]

    job = client.get(f"{JOBS}/{job_id}", **bearer(curator)).json()
    progress = job["progress"]
    assert progress is not None, "the solver's progress hook never reached the job"
    assert set(progress) == {"objective", "bound", "gap", "seconds"}
    assert progress["bound"] >= progress["objective"] > 0
    # The last report is the schedule returned: the optimum, proven.
    assert progress["objective"] == job["result"]["objective"]
    assert progress["gap"] == pytest.approx((progress["bound"] - progress["objective"]) / progress["bound"])
    assert 0 <= progress["seconds"] <= 30


def test_another_user_cannot_see_the_job(client, curator, stranger):
    job_id = _start(client, curator, CASE).json()["id"]

    assert client.get(f"{JOBS}/{job_id}", **bearer(stranger)).status_code == 404
    assert client.get(f"{JOBS}/{'0' * 32}", **bearer(curator)).status_code == 404
    assert schedule_job_get(job_id=job_id, actor=stranger) is None
    assert schedule_job_get(job_id=job_id, actor=curator) is not None


def test_a_bad_instance_is_a_422_naming_the_place_and_starts_no_job(client, curator):
    bad = {**CASE, "screens": [{**CASE["screens"][0], "hours": [["18:00", "17:00"]]}]}
    cache.clear()

    response = _start(client, curator, bad)

    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "screens", 0, "hours", 0]
    assert error["type"] == "order"
    assert error["msg"] == "The range ends before it starts."
    assert not [key for key in cache._cache if "schedule-solve" in key], "a job was recorded"


def test_errors_are_worded_in_the_request_s_language(client, curator):
    bad = {**CASE, "days": ["2026-05-09", "2026-05-08"]}
    english = _start(client, curator, bad).json()["detail"][0]["msg"]

    response = _start(client, curator, bad, HTTP_ACCEPT_LANGUAGE="ru")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "days", 1]
    assert response.json()["detail"][0]["msg"] != english


def test_a_job_may_run_longer_than_a_request_but_not_without_limit(client, curator):
    synchronous = client.post(
        "/api/v1/engines/schedule", {**CASE, "seconds": 120}, content_type="application/json",
        **bearer(curator),
    )  # fmt: skip
    assert synchronous.status_code == 422
    assert _start(client, curator, {**CASE, "seconds": 120}).status_code == 202
    assert _start(client, curator, {**CASE, "seconds": 600}).status_code == 202

    refused = _start(client, curator, {**CASE, "seconds": 601})

    assert refused.status_code == 422
    (error,) = refused.json()["detail"]
    assert error["loc"] == ["body", "seconds"]
    assert error["type"] == "seconds"
    assert "600" in error["msg"]


def test_anonymous_callers_are_refused(client, curator):
    job_id = _start(client, curator, CASE).json()["id"]

    assert client.post(JOBS, CASE, content_type="application/json").status_code == 401
    assert client.get(f"{JOBS}/{job_id}").status_code == 401
    assert client.post("/api/v1/engines/schedule", CASE, content_type="application/json").status_code == 401


def test_a_failed_solve_is_stored_as_a_message(curator):
    job_id = schedule_job_start(actor=curator, data=CASE, seconds=5, language="en")
    # The worker receives something the engine cannot read (as a worker of another version might).
    schedule_solve.apply(kwargs={"job_id": job_id, "data": {"days": "soon"}, "seconds": 5, "language": "en"})

    job = schedule_job_get(job_id=job_id, actor=curator)
    assert job is not None
    assert job["state"] == JobState.FAILED
    assert job["error"] == "The schedule could not be computed: the solver failed unexpectedly."
    assert job["result"] is None
