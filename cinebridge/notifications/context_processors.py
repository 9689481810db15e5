"""The unread count for the inbox badge in the navigation of every page."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from cinebridge.accounts.models import User

from .selectors import unread_count


def inbox(request: HttpRequest) -> dict[str, Any]:
    """`unread_notifications`: counted only when a template shows it (pages without the nav pay nothing)."""
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user=user))}
