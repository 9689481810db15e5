"""Background work scheduled after commit: once per transaction, never after a rollback."""

import pytest
from celery import shared_task
from django.db import transaction

from cinebridge.core.jobs import run_after_commit

pytestmark = pytest.mark.django_db(transaction=True)

calls: list[str] = []


@shared_task(name="tests.record_call")
def record_call() -> None:
    calls.append("ran")


@pytest.fixture(autouse=True)
def _reset_calls():
    calls.clear()


def test_many_requests_in_one_transaction_run_the_task_once_after_commit():
    with transaction.atomic():
        for _ in range(5):
            run_after_commit("tests.record_call")
        assert calls == []
    assert calls == ["ran"]


def test_a_rolled_back_transaction_runs_nothing_and_blocks_nothing_later():
    def write_then_fail() -> None:
        with transaction.atomic():
            run_after_commit("tests.record_call")
            raise RuntimeError("roll back")

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert calls == []
    with transaction.atomic():
        run_after_commit("tests.record_call")
    assert calls == ["ran"]


def test_outside_a_transaction_the_task_runs_at_once():
    run_after_commit("tests.record_call")
    assert calls == ["ran"]
