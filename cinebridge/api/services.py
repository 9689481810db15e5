"""Writes for API tokens: creation (the plain text is returned once), revocation, last use."""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cinebridge.accounts.models import User
from cinebridge.core.errors import ApplicationError

from .models import ApiToken

PREFIX_LENGTH = 8
TOKEN_BYTES = 32
# Recording every request's use would turn each read into a write; a minute is precise enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def api_token_hash(plaintext: str) -> str:
    """The stored form of a token: its SHA-256 in hexadecimal."""
    return hashlib.sha256(plaintext.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Issue a token for the user; the plain text is returned here and nowhere else."""
    name = name.strip()
    if not name:
        raise ApplicationError(
            _("Give the token a name, so that you can tell it apart."), extra={"field": "name"}
        )
    plaintext = secrets.token_urlsafe(TOKEN_BYTES)
    token = ApiToken(
        user=user, name=name, prefix=plaintext[:PREFIX_LENGTH], key_hash=api_token_hash(plaintext)
    )
    token.full_clean()
    token.save()
    return token, plaintext


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """Revoke a token for good; only its owner may, and revoking twice keeps the first date."""
    if token.user_id != actor.pk:
        raise PermissionDenied(_("Only the owner of a token can revoke it."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_mark_used(*, token: ApiToken) -> None:
    """Record that the token was just used, unless that was already recorded within the last minute."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
