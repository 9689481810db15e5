"""Helpers for the API tests."""

from cinebridge.accounts.models import User
from cinebridge.api.services import api_token_create


def bearer(user: User) -> dict[str, str]:
    """Request headers carrying a fresh token of `user`."""
    _token, plaintext = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}
