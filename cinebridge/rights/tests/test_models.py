"""The database's own guard of the grant invariants (rows written around the services)."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from cinebridge.rights.models import Grant, ReleaseEvent, RightsState, TermKind

from .factories import GrantFactory, ReleaseEventFactory

pytestmark = pytest.mark.django_db


def refused(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        GrantFactory(**fields)


def test_a_valid_grant_row_is_stored_with_its_keys():
    grant = GrantFactory(territories_entered="BY", media_entered="SVOD")
    assert grant.territory_keys == "112"
    assert grant.media_keys == "13"
    assert grant.vocabulary_version


def test_a_term_ends_after_it_starts():
    refused(start_date=date(2026, 1, 1), end_date=date(2026, 1, 1))
    refused(start_date=date(2026, 1, 2), end_date=date(2026, 1, 1))
    GrantFactory(start_date=date(2026, 1, 1), end_date=date(2026, 1, 2))
    GrantFactory(start_date=None, end_date=None)


def test_a_fixed_term_names_no_event_and_a_relative_term_names_one():
    refused(term_kind=TermKind.FIXED, event="theatrical:BY")
    refused(term_kind=TermKind.FIXED, start_after_months=6)
    refused(term_kind=TermKind.FIXED, duration_months=1, duration_days=0)
    refused(term_kind=TermKind.RELATIVE, event="", start_date=None)
    GrantFactory(term_kind=TermKind.RELATIVE, event="theatrical:BY", start_after_months=6, start_date=None)


def test_a_relative_term_waiting_for_its_event_has_no_end_either():
    refused(term_kind=TermKind.RELATIVE, event="theatrical:BY", start_date=None, end_date=date(2027, 1, 1))
    GrantFactory(
        term_kind=TermKind.RELATIVE,
        event="theatrical:BY",
        duration_months=12,
        duration_days=0,
        start_date=date(2026, 9, 1),
        end_date=date(2027, 9, 1),
    )


def test_a_duration_is_given_whole_or_not_at_all():
    refused(term_kind=TermKind.RELATIVE, event="theatrical:BY", start_date=None, duration_months=3)


def test_only_a_co_exclusive_grant_has_a_group_and_it_always_has_one():
    refused(exclusivity="exclusive", co_exclusive_group="festival-partners")
    refused(exclusivity="co_exclusive", co_exclusive_group="")
    GrantFactory(exclusivity="co_exclusive", co_exclusive_group="festival-partners")


def test_licensing_until_belongs_to_acquired_rights_only():
    refused(direction="out", licensing_until=date(2030, 1, 1), sublicensable=False)
    GrantFactory(direction="in", licensing_until=date(2030, 1, 1))


def test_choices_and_dimensions_are_checked_by_the_database():
    refused(direction="sideways")
    refused(status="forgotten")
    refused(exclusivity="mostly")
    refused(source="rumour")
    refused(territory_keys="")
    refused(media_keys="")


def test_an_event_is_recorded_once_per_work_kind_and_country():
    event = ReleaseEventFactory(kind="theatrical", territory="BY")
    assert event.key == "theatrical:BY"
    with pytest.raises(IntegrityError), transaction.atomic():
        ReleaseEvent.objects.create(work=event.work, kind="theatrical", territory="BY", date=date(2027, 1, 1))
    ReleaseEvent.objects.create(work=event.work, kind="theatrical", territory="RU", date=date(2027, 1, 1))


def test_the_rights_state_is_one_row():
    # Made by migration 0002 (a flushed test database may have lost it: the services make it again).
    RightsState.objects.get_or_create(pk=RightsState.SINGLETON_ID)
    with pytest.raises(IntegrityError), transaction.atomic():
        RightsState.objects.create(id=2)


def test_a_waiting_grant_says_so():
    waiting = GrantFactory(term_kind=TermKind.RELATIVE, event="theatrical:BY", start_date=None)
    assert waiting.is_waiting
    assert not GrantFactory().is_waiting
    assert Grant.objects.count() == 2
