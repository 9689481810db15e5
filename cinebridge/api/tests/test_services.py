"""API tokens: issued once in plain text, stored only as a hash, revoked by their owner alone."""

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from cinebridge.accounts.tests.factories import UserFactory
from cinebridge.api.models import ApiToken
from cinebridge.api.selectors import api_token_authenticate, api_token_list
from cinebridge.api.services import api_token_create, api_token_revoke
from cinebridge.core.errors import ApplicationError

pytestmark = pytest.mark.django_db


def test_token_is_stored_only_as_its_sha256():
    token, plaintext = api_token_create(user=UserFactory(), name="sync")

    stored = ApiToken.objects.values().get(pk=token.pk)
    assert stored["key_hash"] == hashlib.sha256(plaintext.encode()).hexdigest()
    assert plaintext not in {str(value) for value in stored.values()}
    assert stored["prefix"] == plaintext[:8]


def test_each_token_is_a_new_random_secret():
    user = UserFactory()
    plaintexts = {api_token_create(user=user, name=f"t{i}")[1] for i in range(5)}
    assert len(plaintexts) == 5
    assert all(len(p) >= 40 for p in plaintexts)


def test_a_token_needs_a_name():
    with pytest.raises(ApplicationError) as excinfo:
        api_token_create(user=UserFactory(), name="   ")
    assert excinfo.value.field == "name"
    assert not ApiToken.objects.exists()


def test_the_plaintext_authenticates_its_user():
    user = UserFactory()
    _token, plaintext = api_token_create(user=user, name="sync")
    assert api_token_authenticate(plaintext=plaintext) == user


def test_an_unknown_token_authenticates_nobody():
    api_token_create(user=UserFactory(), name="sync")
    assert api_token_authenticate(plaintext="not-a-token") is None


def test_a_revoked_token_authenticates_nobody():
    user = UserFactory()
    token, plaintext = api_token_create(user=user, name="sync")
    api_token_revoke(token=token, actor=user)
    assert api_token_authenticate(plaintext=plaintext) is None


def test_a_token_of_a_deactivated_user_authenticates_nobody():
    user = UserFactory()
    _token, plaintext = api_token_create(user=user, name="sync")
    user.is_active = False
    user.save()
    assert api_token_authenticate(plaintext=plaintext) is None


def test_only_the_owner_may_revoke_a_token():
    token, _plaintext = api_token_create(user=UserFactory(), name="sync")
    with pytest.raises(PermissionDenied):
        api_token_revoke(token=token, actor=UserFactory())
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_twice_keeps_the_first_date():
    user = UserFactory()
    token, _plaintext = api_token_create(user=user, name="sync")
    api_token_revoke(token=token, actor=user)
    first = ApiToken.objects.get(pk=token.pk).revoked_at
    api_token_revoke(token=ApiToken.objects.get(pk=token.pk), actor=user)
    assert ApiToken.objects.get(pk=token.pk).revoked_at == first


def test_use_is_recorded_at_most_once_a_minute(django_assert_num_queries):
    user = UserFactory()
    token, plaintext = api_token_create(user=user, name="sync")

    api_token_authenticate(plaintext=plaintext)
    first_use = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first_use is not None
    with django_assert_num_queries(1):  # the lookup only: no write within the minute
        api_token_authenticate(plaintext=plaintext)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first_use

    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(minutes=2))
    api_token_authenticate(plaintext=plaintext)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first_use


def test_token_list_shows_only_the_users_tokens_active_first():
    user = UserFactory()
    revoked, _p = api_token_create(user=user, name="old")
    api_token_revoke(token=revoked, actor=user)
    active, _p = api_token_create(user=user, name="new")
    api_token_create(user=UserFactory(), name="someone else's")

    assert list(api_token_list(user=user)) == [active, revoked]
