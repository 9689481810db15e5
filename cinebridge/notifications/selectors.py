"""Reads of the inbox: a person sees only their own notifications."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from cinebridge.accounts.models import User

from .models import Notification


def inbox_list(*, user: User) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(*, user: User | AnonymousUser) -> int:
    """How many of the user's notifications are unread (the badge in the navigation)."""
    if not isinstance(user, User) or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
