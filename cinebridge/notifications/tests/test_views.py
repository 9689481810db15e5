"""The inbox as its owner and as other people: unread first, marking read (one, all), following a
notification's link, the unread badge in the navigation, and a deal's move arriving in the inbox."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cinebridge.accounts.models import Role
from cinebridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of
from cinebridge.deals.tests.factories import deal_parties, requested_deal
from cinebridge.notifications.models import Notification
from cinebridge.notifications.services import notify
from cinebridge.rights import loader

pytestmark = pytest.mark.django_db


def url(name, language="en"):
    with translation.override(language):
        return reverse(f"notifications:{name}")


@pytest.fixture
def person():
    return UserFactory(preferred_language="en")


@pytest.fixture
def stranger():
    return UserFactory()


def tell(user, subject, *, link="", kind="test.note"):
    [notification] = notify(
        recipients=[user], kind=kind, subject=subject, body="Body of " + subject, link=link
    )
    return notification


@pytest.fixture
def inbox_of_person(person):
    """Three notifications, the oldest still unread, the newest already read."""
    old_unread = tell(person, "Old and unread")
    middle = tell(person, "Middle and read")
    newest = tell(person, "Newest and read", link="/en/deals/")
    now = timezone.now()
    Notification.objects.filter(pk=old_unread.pk).update(created_at=now - timedelta(days=3))
    Notification.objects.filter(pk=middle.pk).update(created_at=now - timedelta(days=2), read_at=now)
    Notification.objects.filter(pk=newest.pk).update(read_at=now)
    return old_unread, middle, newest


def test_the_inbox_lists_unread_first_then_newest(client, person, inbox_of_person):
    old_unread, middle, newest = inbox_of_person
    client.force_login(person)

    response = client.get(url("inbox"))

    assert response.status_code == 200
    assert list(response.context["notifications"]) == [old_unread, newest, middle]
    assert response.context["unread"] == 1


def test_nobody_sees_someone_elses_notifications(client, stranger, inbox_of_person):
    client.force_login(stranger)

    response = client.get(url("inbox"))

    assert list(response.context["notifications"]) == []
    assert "Old and unread" not in response.content.decode()


def test_someone_else_cannot_mark_my_notifications_read(client, stranger, inbox_of_person):
    old_unread, _middle, _newest = inbox_of_person
    client.force_login(stranger)

    client.post(url("mark_read"), {"id": [old_unread.pk]})
    client.post(url("mark_read"), {"all": "1"})

    old_unread.refresh_from_db()
    assert old_unread.read_at is None


def test_marking_one_read_leaves_the_others(client, person):
    first, second = tell(person, "First"), tell(person, "Second")
    client.force_login(person)

    response = client.post(url("mark_read"), {"id": [first.pk]})

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None
    assert second.read_at is None


def test_marking_all_read_empties_the_badge(client, person):
    tell(person, "First")
    tell(person, "Second")
    client.force_login(person)
    page = client.get(url("inbox")).content.decode()
    assert 'id="nav-unread"' in page
    assert ">2<" in page.split('id="nav-unread"')[1][:5]

    client.post(url("mark_read"), {"all": "1"})

    assert not Notification.objects.filter(recipient=person, read_at__isnull=True).exists()
    assert 'id="nav-unread"' not in client.get(url("inbox")).content.decode()


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, person):
    note = tell(person, "Go to deals", link="/en/deals/")
    client.force_login(person)

    response = client.post(url("mark_read"), {"id": [note.pk], "next": note.link})

    assert response.status_code == 302
    assert response["Location"] == "/en/deals/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_a_link_to_another_site_is_not_followed(client, person):
    note = tell(person, "Phishing")
    client.force_login(person)

    response = client.post(url("mark_read"), {"id": [note.pk], "next": "https://evil.example/"})

    assert response["Location"] == url("inbox")


def test_signed_out_visitors_are_sent_to_sign_in(client):
    assert client.get(url("inbox")).status_code == 302
    assert client.post(url("mark_read"), {"all": "1"}).status_code == 302


def test_the_badge_shows_persian_digits_and_the_page_is_rtl_in_fa(client, person):
    for number in range(3):
        tell(person, f"Note {number}")
    client.force_login(person)

    html = client.get(url("inbox", language="fa")).content.decode()

    assert '<html lang="fa" dir="rtl">' in html
    assert "۳" in html.split('id="nav-unread"')[1][:10]


def test_a_deal_request_arrives_in_the_licensors_inbox_with_its_link(client):
    loader.forget_current_index()
    parties = deal_parties()
    colleague = member_of(parties.licensor, Role.EDITOR)
    outsider = member_of(OrganisationFactory(), Role.EDITOR)
    deal = requested_deal(parties)

    client.force_login(colleague)
    response = client.get(url("inbox"))
    [notification] = response.context["notifications"]
    assert notification.kind == "deal.requested"
    assert deal.reference in notification.subject + notification.body
    assert notification.link == reverse("deals:detail", args=[deal.reference])
    assert client.get(notification.link).status_code == 200

    client.force_login(outsider)
    assert list(client.get(url("inbox")).context["notifications"]) == []
    loader.forget_current_index()
