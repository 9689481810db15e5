"""Two operators' editors accepting overlapping requests at the same moment cannot both take the days:
the accept locks the studio's row (select_for_update) and re-checks under it. Real concurrent
transactions need a database that locks rows: PostgreSQL (SQLite serialises whole transactions)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from cinebridge.accounts.models import Role
from cinebridge.accounts.tests.factories import member_of
from cinebridge.coproduction.models import Booking, RequestStatus
from cinebridge.coproduction.services import directory as services
from cinebridge.core.errors import ApplicationError

from .helpers import directory_scene

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_a_second_accept_waits_for_the_first_and_is_refused():
    scene = directory_scene()
    second_editor = member_of(scene.operator, Role.EDITOR)
    first = Booking.objects.create(
        studio=scene.studio,
        requester=scene.producer,
        starts_on=scene.day(10),
        ends_on=scene.day(15),
        requested_by=scene.producer_editor,
    )
    second = Booking.objects.create(
        studio=scene.studio,
        requester=scene.partner,
        starts_on=scene.day(15),
        ends_on=scene.day(20),
        requested_by=scene.partner_editor,
    )
    first_accepted = threading.Event()
    let_first_commit = threading.Event()
    outcome: dict[str, object] = {}

    def accept_first() -> None:
        try:
            with transaction.atomic():
                services.booking_accept(actor=scene.operator_editor, booking=first)
                first_accepted.set()
                let_first_commit.wait(timeout=10)  # hold the studio's lock, uncommitted
            outcome["first"] = "accepted"
        finally:
            connection.close()

    def accept_second() -> None:
        try:
            services.booking_accept(actor=second_editor, booking=second)
            outcome["second"] = "accepted"
        except ApplicationError as error:
            outcome["second"] = error.message
        finally:
            connection.close()

    one = threading.Thread(target=accept_first)
    one.start()
    assert first_accepted.wait(timeout=10)
    two = threading.Thread(target=accept_second)
    two.start()
    two.join(timeout=1.0)
    assert two.is_alive(), "the second accept must wait for the studio's lock"
    let_first_commit.set()
    one.join(timeout=10)
    two.join(timeout=10)
    assert outcome["first"] == "accepted"
    assert "already taken" in str(outcome["second"])
    statuses = dict(Booking.objects.values_list("pk", "status"))
    assert statuses == {first.pk: RequestStatus.ACCEPTED, second.pk: RequestStatus.PENDING}
