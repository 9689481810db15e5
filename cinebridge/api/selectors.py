"""Reads for API tokens: a person's tokens, and the user a presented token stands for."""

from django.db.models import F, QuerySet
from django.http import Http404

from cinebridge.accounts.models import User

from .models import ApiToken
from .services import api_token_hash, api_token_mark_used


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """The user's tokens, active ones first, newest first."""
    return ApiToken.objects.filter(user=user).order_by(
        F("revoked_at").asc(nulls_first=True), "-created_at", "-pk"
    )


def api_token_get_own(*, user: User, pk: int) -> ApiToken:
    """One of the user's own tokens; 404 for anyone else's (we do not confirm it exists)."""
    try:
        return ApiToken.objects.get(user=user, pk=pk)
    except ApiToken.DoesNotExist:
        raise Http404 from None


def api_token_authenticate(*, plaintext: str) -> User | None:
    """The active user an unrevoked token belongs to, or None; notes the token's use."""
    try:
        token = ApiToken.objects.select_related("user").get(
            key_hash=api_token_hash(plaintext), revoked_at__isnull=True, user__is_active=True
        )
    except ApiToken.DoesNotExist:
        return None
    api_token_mark_used(token=token)
    return token.user
