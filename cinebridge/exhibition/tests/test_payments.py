"""Payments count in statements on the licensor's word: one the licensee records waits for the licensor
to confirm receiving it; one the licensor records is confirmed by that."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.exhibition import services
from cinebridge.exhibition.statement_selectors import previously_reported
from cinebridge.notifications.models import Notification

pytestmark = pytest.mark.django_db

PERIOD_END = date(2026, 3, 31)


def mg(actor, deal, amount="5000.00"):
    return services.payment_record(actor=actor, deal=deal, kind="mg", paid_on=date(2026, 1, 2), amount=amount)


def test_a_payment_the_licensee_records_counts_once_the_licensor_confirms_it(
    deal, cinema_editor, farabi_editor
):
    payment = mg(cinema_editor, deal)
    assert payment.awaiting_confirmation
    assert previously_reported(deal=deal, period_end=PERIOD_END) == 0
    assert Notification.objects.filter(recipient=farabi_editor, kind="payment.recorded").exists()

    services.payment_confirm(actor=farabi_editor, payment=payment)

    payment.refresh_from_db()
    assert (payment.awaiting_confirmation, payment.confirmed_by) == (False, farabi_editor)
    assert previously_reported(deal=deal, period_end=PERIOD_END) == Decimal("5000.00")


def test_a_payment_the_licensor_records_counts_at_once(deal, farabi_editor):
    payment = mg(farabi_editor, deal, amount="7000.00")
    assert not payment.awaiting_confirmation
    assert previously_reported(deal=deal, period_end=PERIOD_END) == Decimal("7000.00")


def test_only_the_licensor_confirms(deal, cinema_editor):
    payment = mg(cinema_editor, deal)
    outsider = member_of(
        OrganisationFactory.create(kind=OrganisationKind.EXHIBITOR, country="BY"), Role.EDITOR
    )
    for who in (cinema_editor, outsider):
        with pytest.raises(PermissionDenied):
            services.payment_confirm(actor=who, payment=payment)
    payment.refresh_from_db()
    assert payment.awaiting_confirmation


def test_the_licensor_confirms_on_the_payments_page_and_the_licensee_may_not(
    client, deal, cinema_editor, farabi_editor
):
    payment = mg(cinema_editor, deal)
    confirm = reverse("exhibition:payment_confirm", args=[deal.reference, payment.pk])

    client.force_login(cinema_editor)
    assert (
        f'id="confirm-payment-{payment.pk}"'
        not in client.get(reverse("exhibition:payments", args=[deal.reference])).content.decode()
    )
    assert client.post(confirm).status_code == 403

    client.force_login(farabi_editor)
    assert (
        f'id="confirm-payment-{payment.pk}"'
        in client.get(reverse("exhibition:payments", args=[deal.reference])).content.decode()
    )
    assert client.post(confirm).status_code == 302
    payment.refresh_from_db()
    assert not payment.awaiting_confirmation
