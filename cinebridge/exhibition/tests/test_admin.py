"""The exhibition admin shows every table and changes nothing (changes go through the services)."""

from datetime import date

import pytest
from django.urls import reverse

from cinebridge.accounts.tests.factories import UserFactory
from cinebridge.exhibition import services
from cinebridge.exhibition.models import (
    Booking,
    Cinema,
    Delivery,
    Expense,
    Payment,
    ReportUpload,
)

from .factories import box_office_weeks

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def rows(booking, deal, version):
    box_office_weeks(booking=booking, weeks=1)
    services.delivery_create(
        actor=None, deal=deal, version=version, subtitle_tracks=[], delivered_on=date(2026, 1, 2)
    )
    services.expense_record(
        actor=None,
        deal=deal,
        incurred_on=date(2026, 1, 2),
        description="Posters",
        amount="10",
        currency="EUR",
    )
    services.payment_record(actor=None, deal=deal, kind="mg", paid_on=date(2026, 1, 2), amount="10")


@pytest.mark.parametrize("model", [Cinema, Booking, Delivery, ReportUpload, Expense, Payment])
def test_every_exhibition_table_is_shown_and_none_is_editable(operator, rows, model):
    obj = model.objects.order_by("pk").first()
    name = f"admin:exhibition_{model._meta.model_name}"
    assert operator.get(reverse(f"{name}_changelist")).status_code == 200
    assert operator.get(reverse(f"{name}_changelist"), {"q": "1"}).status_code == 200
    page = operator.get(reverse(f"{name}_change", args=[obj.pk]))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
