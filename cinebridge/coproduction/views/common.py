"""What every co-production view module needs: the signed-in person, and a service call whose refusal
lands on the form at the field it names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest

from cinebridge.accounts.models import User
from cinebridge.core.errors import ApplicationError
from cinebridge.core.forms import add_service_error

__all__ = ["attempt", "signed_in"]

T = TypeVar("T")


def signed_in(request: HttpRequest) -> User:
    """The person making the request (the views are behind `login_required`)."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def attempt(form: Any, call: Callable[[], T]) -> T | None:
    """What the service `call` returned, or None with its refusal put on the form at the field it names."""
    try:
        return call()
    except (ApplicationError, ValidationError) as error:
        add_service_error(form, error)
        return None
