"""The rights admin shows everything and changes nothing (changes go through the services)."""

from datetime import date

import pytest
from django.urls import reverse

from cinebridge.accounts.tests.factories import UserFactory
from cinebridge.catalogue.tests.factories import FilmFactory
from cinebridge.rights.models import Grant, GrantAudit, ReleaseEvent, RightsState
from cinebridge.rights.services import grant_create, release_event_record

from .factories import exclusive_out, grant_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def rows():
    film = FilmFactory()
    grant_create(actor=None, data=grant_input(film))
    grant_create(actor=None, data=exclusive_out(film, event="theatrical:BY", start=None, end=None))
    release_event_record(actor=None, work=film, kind="theatrical", territory="BY", on=date(2026, 3, 1))


@pytest.mark.parametrize("model", [Grant, ReleaseEvent, GrantAudit, RightsState])
def test_every_rights_table_is_shown_and_none_is_editable(operator, rows, model):
    obj = model.objects.order_by("pk").first()
    name = f"admin:rights_{model._meta.model_name}"
    assert operator.get(reverse(f"{name}_changelist")).status_code == 200
    assert operator.get(reverse(f"{name}_changelist"), {"q": "1"}).status_code == 200
    page = operator.get(reverse(f"{name}_change", args=[obj.pk]))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert operator.get(reverse(f"{name}_add")).status_code == 403
    assert operator.post(reverse(f"{name}_delete", args=[obj.pk]), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()


def test_a_grant_page_shows_its_history(operator, rows):
    grant = Grant.objects.filter(direction="out").get()
    page = operator.get(reverse("admin:rights_grant_change", args=[grant.pk])).content.decode()
    assert "theatrical:BY" in page
    assert "Term resolved by a release event" in page
    assert GrantAudit.objects.filter(grant=grant).count() == 2
