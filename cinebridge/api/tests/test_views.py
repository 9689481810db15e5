"""The API token page: list, create (plain text shown once), revoke; for signed-in people only."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from cinebridge.accounts.tests.factories import UserFactory
from cinebridge.api.models import ApiToken
from cinebridge.api.selectors import api_token_authenticate
from cinebridge.api.services import api_token_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def test_page_requires_sign_in(client):
    response = client.get(reverse("api_tokens:list"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_page_lists_only_your_tokens(signed_in, user):
    api_token_create(user=user, name="festival sync")
    api_token_create(user=UserFactory(), name="someone else's")

    html = signed_in.get(reverse("api_tokens:list")).content.decode()

    assert "festival sync" in html
    assert "someone else" not in html


def test_creating_shows_the_plaintext_once(signed_in, user):
    response = signed_in.post(reverse("api_tokens:list"), {"name": "festival sync"})

    assert response.status_code == 200
    plaintext = response.context["plaintext"]
    assert plaintext in response.content.decode()
    assert api_token_authenticate(plaintext=plaintext) == user
    assert "no-store" in response["Cache-Control"]
    assert plaintext not in signed_in.get(reverse("api_tokens:list")).content.decode()


def test_the_plaintext_is_not_kept_in_the_database(signed_in):
    plaintext = signed_in.post(reverse("api_tokens:list"), {"name": "festival sync"}).context["plaintext"]

    token = ApiToken.objects.get()
    assert plaintext not in {str(value) for value in ApiToken.objects.values().get(pk=token.pk).values()}
    assert plaintext.startswith(token.prefix)
    assert not any(plaintext in session.session_data for session in Session.objects.all())


def test_creating_without_a_name_shows_the_error_and_creates_nothing(signed_in):
    response = signed_in.post(reverse("api_tokens:list"), {"name": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert response.context["plaintext"] is None
    assert not ApiToken.objects.exists()


def test_revoking_your_token(signed_in, user):
    token, plaintext = api_token_create(user=user, name="festival sync")

    response = signed_in.post(reverse("api_tokens:revoke", args=[token.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("api_tokens:list")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api_token_authenticate(plaintext=plaintext) is None


def test_someone_elses_token_cannot_be_revoked(signed_in):
    token, _plaintext = api_token_create(user=UserFactory(), name="theirs")

    assert signed_in.post(reverse("api_tokens:revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_needs_a_post(signed_in, user):
    token, _plaintext = api_token_create(user=user, name="festival sync")
    assert signed_in.get(reverse("api_tokens:revoke", args=[token.pk])).status_code == 405


def test_page_renders_in_persian_right_to_left(signed_in, user):
    api_token_create(user=user, name="festival sync")
    response = signed_in.get("/fa/api-tokens/")
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()
