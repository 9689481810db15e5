"""Who the API thinks is calling: bearer tokens, sessions, and refusals that say why, in the caller's language."""

import pytest
from django.utils import translation

from cinebridge.accounts.tests.factories import TEST_PASSWORD
from cinebridge.api.services import api_token_create, api_token_revoke
from cinebridge.catalogue.tests.factories import FilmFactory

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"


def test_me_requires_authentication(client):
    response = client.get(ME)
    assert response.status_code == 401
    assert response.json()["detail"]


def test_me_shows_the_tokens_user_and_memberships(client, studio, editor):
    _token, plaintext = api_token_create(user=editor, name="sync")

    body = client.get(ME, HTTP_AUTHORIZATION=f"Bearer {plaintext}").json()

    assert body["username"] == editor.username
    assert body["memberships"] == [
        {
            "organisation": {"slug": "farabi", "name": studio.name},
            "kind": "rights_holder",
            "country": "IR",
            "role": "editor",
        }
    ]


def test_me_accepts_a_signed_in_session(client, editor):
    client.login(username=editor.username, password=TEST_PASSWORD)
    assert client.get(ME).json()["username"] == editor.username


def test_bad_token_is_refused_even_where_anonymous_callers_are_welcome(client):
    response = client.get("/api/v1/films", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert response.status_code == 401
    assert "not valid" in response.json()["detail"]


def test_another_authorization_scheme_is_refused_not_ignored(client):
    response = client.get("/api/v1/films", HTTP_AUTHORIZATION="Token abc")
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


def test_revoked_token_is_refused(client, editor):
    token, plaintext = api_token_create(user=editor, name="sync")
    api_token_revoke(token=token, actor=editor)

    assert client.get(ME, HTTP_AUTHORIZATION=f"Bearer {plaintext}").status_code == 401
    assert client.get("/api/v1/films", HTTP_AUTHORIZATION=f"Bearer {plaintext}").status_code == 401


def test_using_a_token_records_its_last_use(client, editor):
    token, plaintext = api_token_create(user=editor, name="sync")
    client.get(ME, HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_error_messages_follow_accept_language(client, monkeypatch):
    seen = []
    real_gettext = translation.gettext

    def spying_gettext(message):
        seen.append(translation.get_language())
        return real_gettext(message)

    monkeypatch.setattr("cinebridge.api.api._", spying_gettext)

    response = client.get("/api/v1/films/no-such-film", HTTP_ACCEPT_LANGUAGE="ru")

    assert response.status_code == 404
    assert response["Content-Language"] == "ru"
    assert seen == ["ru"]


def test_unknown_api_address_is_a_json_404(client):
    response = client.get("/api/v2/nothing-here", HTTP_ACCEPT_LANGUAGE="fa")
    assert response.status_code == 404
    assert response["Content-Language"] == "fa"
    assert response.json()["detail"]


def test_a_write_to_an_unknown_api_address_is_a_json_404_too(client):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/nothing-here", data="{}", content_type="application/json"
    )
    assert response.status_code == 404
    assert response.json()["detail"]


def test_anonymous_reads_need_no_credentials(client):
    film = FilmFactory()
    assert client.get(f"/api/v1/films/{film.slug}").status_code == 200
