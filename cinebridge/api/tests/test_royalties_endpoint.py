"""POST /api/v1/engines/royalties answers with the same JSON as the engine and the command."""

import pytest
from django.utils import translation

from cinebridge.exhibition.engine.jsonio import statement_from_json

pytestmark = pytest.mark.django_db

URL = "/api/v1/engines/royalties"
CASE = {
    "currency": "EUR",
    "terms": {"theatrical": {"percent_by_week": ["70", "60"], "over_nut_percent_by_week": ["95", "90"]}},
    "period": {"start": "2026-01-01", "end": "2026-03-31"},
    "bookings": [{"ref": "B1", "territory": "BY", "currency": "BYN", "house_nut_per_week": "4500.00"}],
    "box_office": [
        {"ref": "bo-1", "booking": "B1", "screen": "Hall 1", "week_start": "2026-01-01", "playing_week": 1,
         "admissions": 1200, "gross": "50000.00", "taxes": "0.00", "levies": "0.00"},
    ],
    "rates": [{"from": "BYN", "to": "EUR", "date": "2025-12-31", "rate": "0.28", "source": "NBRB"}],
}  # fmt: skip


def test_the_endpoint_answers_with_the_engine_s_statement(client):
    response = client.post(URL, CASE, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == statement_from_json(CASE)
    week = response.json()["weeks"][0]
    assert (week["film_rental"], week["conversion"]["amount"]) == ("43225.00", "12103.00")


def test_bad_input_is_a_422_naming_the_place_and_the_code(client):
    bad = {**CASE, "box_office": [{**CASE["box_office"][0], "gross": "50000.001"}]}
    response = client.post(URL, bad, content_type="application/json")
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "box_office", 0, "gross"]
    assert error["type"] == "amount"
    assert "50000.001" in error["msg"]


def test_a_missing_rate_is_a_422_naming_the_row(client):
    response = client.post(URL, {**CASE, "rates": []}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "box_office", 0]
    assert response.json()["detail"][0]["type"] == "rate_missing"


def test_a_body_that_is_not_an_object_is_refused(client):
    response = client.post(URL, [1, 2], content_type="application/json")
    assert response.status_code == 422


def test_error_messages_follow_accept_language(client, monkeypatch):
    seen = []
    real_gettext = translation.gettext

    def spying_gettext(message):
        seen.append(translation.get_language())
        return real_gettext(message)

    monkeypatch.setattr("cinebridge.exhibition.engine_messages._", spying_gettext)
    response = client.post(
        URL, {**CASE, "currency": "EURO"}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 422
    assert response["Content-Language"] == "ru"
    assert set(seen) == {"ru"}
