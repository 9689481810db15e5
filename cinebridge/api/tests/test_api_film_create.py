"""POST /api/v1/films: editors of the owner only, field errors in ninja's shape, nothing half-written."""

import json

import pytest

from cinebridge.accounts.models import Role
from cinebridge.accounts.tests.factories import TEST_PASSWORD, member_of
from cinebridge.api.tests.helpers import bearer
from cinebridge.catalogue.models import Film

pytestmark = pytest.mark.django_db

FILMS = "/api/v1/films"


def film_body(**changes: object) -> dict[str, object]:
    body = {
        "owner": "farabi",
        "original_title": "زنگ",
        "original_language": "fa",
        "kind": "feature",
        "audience": "children",
        "year": 2024,
        "runtime_minutes": 88,
        "translations": {
            "en": {"title": "The Bell", "synopsis": "A school bell goes missing."},
            "fa": {"title": "زنگ"},
        },
        "countries": ["IR", "BY"],
    }
    body.update(changes)
    return body


def post(client, body: dict[str, object], **headers):
    return client.post(FILMS, data=json.dumps(body), content_type="application/json", **headers)


def test_anonymous_caller_gets_401_and_nothing_is_saved(client, studio):
    response = post(client, film_body())
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json()["detail"]
    assert not Film.objects.exists()


def test_editor_of_another_organisation_gets_403(client, studio, other_editor):
    response = post(client, film_body(), **bearer(other_editor))
    assert response.status_code == 403
    assert "Farabi" in response.json()["detail"]
    assert not Film.objects.exists()


def test_viewer_of_the_owner_gets_403(client, studio, viewer):
    assert post(client, film_body(), **bearer(viewer)).status_code == 403
    assert not Film.objects.exists()


def test_editor_creates_the_film_and_gets_it_back_with_201(client, studio, editor):
    response = post(client, film_body(), **bearer(editor))

    assert response.status_code == 201, response.content
    body = response.json()
    film = Film.objects.get(slug=body["slug"])
    assert film.owner == studio
    assert body["title"] == "The Bell"
    assert body["translations"]["fa"] == {"title": "زنگ", "synopsis": ""}
    assert body["countries"] == ["IR", "BY"]
    assert body["audience"] == "children"


def test_admin_of_the_owner_may_create_too(client, studio):
    assert post(client, film_body(), **bearer(member_of(studio, Role.ADMIN))).status_code == 201


def test_missing_english_title_is_a_422_on_that_field_and_nothing_is_saved(client, studio, editor):
    response = post(client, film_body(translations={"fa": {"title": "زنگ"}}), **bearer(editor))

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "translations", "en", "title"]
    assert "English title" in error["msg"]
    assert not Film.objects.exists()


def test_bad_eidr_is_a_422_on_that_field_and_nothing_is_saved(client, studio, editor):
    response = post(client, film_body(eidr="10.5240/7791-8534-2C23-9030-8610-X"), **bearer(editor))

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "eidr"]
    assert "check character" in error["msg"]
    assert not Film.objects.exists()


def test_unknown_owner_is_a_422_on_the_owner_field(client, editor):
    response = post(client, film_body(owner="nobody"), **bearer(editor))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "owner"]


def test_unknown_country_is_a_422_on_the_countries_field(client, studio, editor):
    response = post(client, film_body(countries=["XX"]), **bearer(editor))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "countries"]
    assert not Film.objects.exists()


def test_body_validation_lists_every_bad_field(client, studio, editor):
    body = film_body(year=1700, kind="opera")
    del body["runtime_minutes"]

    response = post(client, body, **bearer(editor))

    assert response.status_code == 422
    errors = {tuple(error["loc"]): error["msg"] for error in response.json()["detail"]}
    locations = set(errors)
    assert locations == {
        ("body", "payload", "year"),
        ("body", "payload", "kind"),
        ("body", "payload", "runtime_minutes"),
    }


def test_signed_in_session_may_create_with_the_csrf_token(studio, editor):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.login(username=editor.username, password=TEST_PASSWORD)

    refused = post(browser, film_body())
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    secret = "a" * 32
    browser.cookies["csrftoken"] = secret
    assert post(browser, film_body(), HTTP_X_CSRFTOKEN=secret).status_code == 201
