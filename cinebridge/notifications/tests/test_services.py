"""Notifications are written in each recipient's language and e-mailed only once the change commits."""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from cinebridge.accounts.models import Role
from cinebridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of
from cinebridge.notifications.models import Notification
from cinebridge.notifications.services import (
    language_of,
    notification_mark_read,
    notify,
    notify_organisation,
)

pytestmark = pytest.mark.django_db

# Strings the fa catalogue already translates: they show that the override was active.
LICENSOR = gettext_lazy("Licensor")
FILM = gettext_lazy("Film")


def test_each_recipient_reads_the_notification_in_their_own_language():
    persian = UserFactory(preferred_language="fa")
    english = UserFactory(preferred_language="en")
    notify(recipients=[persian, english], kind="test.hello", subject=LICENSOR, body=FILM)
    by_user = {n.recipient_id: n for n in Notification.objects.all()}
    with translation.override("fa"):
        assert by_user[persian.pk].subject == str(LICENSOR) != "Licensor"
        assert by_user[persian.pk].body == str(FILM)
    assert (by_user[english.pk].subject, by_user[english.pk].body) == ("Licensor", "Film")


def test_parameters_and_lazy_parameters_are_rendered_in_the_recipients_language():
    persian = UserFactory(preferred_language="fa")
    (notification,) = notify(
        recipients=[persian],
        kind="test.params",
        subject=gettext_lazy("%(who)s: %(what)s"),
        body="",
        params={"who": "Farabi", "what": LICENSOR},
    )
    with translation.override("fa"):
        assert notification.subject == f"Farabi: {LICENSOR}"
    assert "Licensor" not in notification.subject


def test_a_link_callable_is_called_in_the_recipients_language_so_it_gets_their_prefix():
    persian, russian = UserFactory(preferred_language="fa"), UserFactory(preferred_language="ru")
    notify(
        recipients=[persian, russian],
        kind="test.link",
        subject="s",
        body="b",
        link=lambda: reverse("deals:list"),
    )
    links = dict(Notification.objects.values_list("recipient_id", "link"))
    assert links == {persian.pk: "/fa/deals/", russian.pk: "/ru/deals/"}


def test_an_unknown_or_missing_preference_falls_back_to_the_site_language(settings):
    assert language_of(UserFactory(preferred_language="")) == settings.LANGUAGE_CODE
    assert language_of(UserFactory(preferred_language="xx")) == settings.LANGUAGE_CODE
    assert language_of(UserFactory(preferred_language="be")) == "be"


def test_each_recipient_is_told_once_even_when_named_twice():
    user = UserFactory()
    assert len(notify(recipients=[user, user], kind="k", subject="s", body="b")) == 1


def test_the_email_goes_out_after_commit_and_is_recorded(django_capture_on_commit_callbacks):
    user = UserFactory(preferred_language="fa", email="reader@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = notify(
            recipients=[user], kind="k", subject=LICENSOR, body="Body", link=lambda: reverse("deals:list")
        )
        assert mail.outbox == []  # not before the transaction commits
    (message,) = mail.outbox
    assert message.to == ["reader@example.org"]
    with translation.override("fa"):
        assert message.subject == str(LICENSOR)
    assert "/fa/deals/" in message.body
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_nothing_is_emailed_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                notify(recipients=[user], kind="k", subject="s", body="b")
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_a_notification_is_emailed_once(django_capture_on_commit_callbacks):
    from cinebridge.notifications.tasks import send_email

    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = notify(recipients=[user], kind="k", subject="s", body="b")
    assert send_email(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1


def test_an_organisation_is_told_through_its_members_but_the_one_who_caused_it():
    organisation = OrganisationFactory()
    actor = member_of(organisation, Role.EDITOR)
    colleague = member_of(organisation, Role.VIEWER)
    inactive = member_of(organisation, Role.VIEWER, is_active=False)
    outsider = UserFactory()
    notify_organisation(organisation=organisation, exclude=actor, kind="k", subject="s", body="b")
    recipients = set(Notification.objects.values_list("recipient_id", flat=True))
    assert recipients == {colleague.pk}
    assert not {actor.pk, inactive.pk, outsider.pk} & recipients


def test_marking_read_touches_only_the_users_own_notifications():
    reader, other = UserFactory(), UserFactory()
    mine = notify(recipients=[reader], kind="k", subject="one", body="")
    notify(recipients=[reader], kind="k", subject="two", body="")
    (theirs,) = notify(recipients=[other], kind="k", subject="three", body="")
    assert notification_mark_read(user=reader, notification_ids=[mine[0].pk, theirs.pk]) == 1
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    assert Notification.objects.filter(recipient=reader, read_at__isnull=True).count() == 1
    assert notification_mark_read(user=reader) == 1
    assert not Notification.objects.filter(recipient=reader, read_at__isnull=True).exists()
