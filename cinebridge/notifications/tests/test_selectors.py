"""A person's inbox holds their own notifications only, newest first."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cinebridge.accounts.tests.factories import UserFactory
from cinebridge.notifications.selectors import inbox_list, unread_count
from cinebridge.notifications.services import notification_mark_read, notify

pytestmark = pytest.mark.django_db


def test_the_inbox_lists_the_users_own_notifications_newest_first():
    reader, other = UserFactory(), UserFactory()
    notify(recipients=[reader], kind="k", subject="first", body="")
    notify(recipients=[reader, other], kind="k", subject="second", body="")
    assert [n.subject for n in inbox_list(user=reader)] == ["second", "first"]
    assert [n.subject for n in inbox_list(user=other)] == ["second"]


def test_the_unread_count_drops_as_notifications_are_read():
    reader = UserFactory()
    first, _second = (notify(recipients=[reader], kind="k", subject=s, body="")[0] for s in ("a", "b"))
    assert unread_count(user=reader) == 2
    notification_mark_read(user=reader, notification_ids=[first.pk])
    assert unread_count(user=reader) == 1
    assert unread_count(user=AnonymousUser()) == 0
