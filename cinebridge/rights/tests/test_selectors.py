"""Reading grants: confidentiality between organisations, history, conflict checks, avails from the index."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.catalogue.tests.factories import FilmFactory
from cinebridge.core.errors import ApplicationError
from cinebridge.rights import loader
from cinebridge.rights.engine.types import AvailsQuery, Direction, Exclusivity, Rule, Status, day
from cinebridge.rights.models import Grant
from cinebridge.rights.selectors import (
    avails_search_works,
    avails_work_detail,
    grant_audit_list,
    grant_conflicts_check,
    grant_get,
    grant_history_visible,
    grant_kinds,
    grant_kinds_for,
    grant_list,
    grant_may_edit,
    release_events_of,
)
from cinebridge.rights.services import grant_create, grant_update, release_event_record

from .factories import ReleaseEventFactory, exclusive_out, grant_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def minsk_cinemas():
    return OrganisationFactory(slug="minsk-cinemas", kind=OrganisationKind.EXHIBITOR, country="BY")


@pytest.fixture
def film(farabi):
    return FilmFactory(owner=farabi)


@pytest.fixture
def licence(film, editor, minsk_cinemas):
    """Farabi holds the world and licenses theatrical Belarus exclusively to a Minsk cinema network."""
    grant_create(actor=editor, data=grant_input(film))
    return grant_create(
        actor=editor,
        data=exclusive_out(film, media="THEATRICAL", counterparty_id=minsk_cinemas.pk),
    )


@pytest.fixture(autouse=True)
def _fresh_index():
    # Each test's rolled-back transaction may reach the same version again: start from nothing.
    loader.forget_current_index()
    yield
    loader.forget_current_index()


def test_the_holder_and_the_counterparty_see_the_licence_and_nobody_else(farabi, minsk_cinemas, licence):
    assert licence in grant_list(viewer=member_of(farabi, Role.VIEWER))
    assert list(grant_list(viewer=member_of(minsk_cinemas, Role.VIEWER))) == [licence]
    outsider = member_of(OrganisationFactory(kind=OrganisationKind.PLATFORM, country="BY"), Role.ADMIN)
    for viewer in (outsider, AnonymousUser(), None):
        assert not grant_list(viewer=viewer).exists()
        with pytest.raises(Http404):
            grant_get(viewer=viewer, pk=licence.pk)


def test_film_bodies_see_the_grants_of_their_country_parties(minsk_cinemas, licence):
    belarus = member_of(OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="BY"), Role.VIEWER)
    russia = member_of(OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="RU"), Role.VIEWER)
    assert list(grant_list(viewer=belarus)) == [licence]
    assert not grant_list(viewer=russia).exists()


def test_grants_are_filtered_by_work_holder_direction_and_status(farabi, film, editor, licence):
    viewer = member_of(farabi, Role.VIEWER)
    other = FilmFactory(owner=farabi)
    grant_create(actor=editor, data=grant_input(other))
    assert grant_list(viewer=viewer).count() == 3
    assert grant_list(viewer=viewer, work=film).count() == 2
    assert list(grant_list(viewer=viewer, work=film, direction=Direction.OUT)) == [licence]
    assert grant_list(viewer=viewer, holder=farabi, status=Status.ACTIVE).count() == 3
    assert not grant_list(viewer=viewer, status=Status.DRAFT).exists()


def test_the_history_is_the_holders_the_counterparty_sees_the_grant_as_it_stands(
    farabi, minsk_cinemas, film, editor, licence
):
    change = exclusive_out(film, media="THEATRICAL", end=date(2026, 7, 1), counterparty_id=minsk_cinemas.pk)
    grant_update(actor=editor, grant=licence, data=change)
    holder_side = member_of(farabi, Role.VIEWER)
    counterparty = member_of(minsk_cinemas, Role.VIEWER)
    history = list(grant_audit_list(viewer=holder_side, grant=licence))
    assert [a.action for a in history] == ["create", "update"]
    assert grant_history_visible(viewer=holder_side, grant=licence)
    assert not grant_history_visible(viewer=counterparty, grant=licence)
    assert not grant_audit_list(viewer=counterparty, grant=licence).exists()
    assert grant_get(viewer=counterparty, pk=licence.pk).end_date == date(2026, 7, 1)


def test_only_the_owners_editors_may_edit(farabi, minsk_cinemas, editor, licence):
    assert grant_may_edit(viewer=editor, grant=licence)
    assert not grant_may_edit(viewer=member_of(farabi, Role.VIEWER), grant=licence)
    assert not grant_may_edit(viewer=member_of(minsk_cinemas, Role.ADMIN), grant=licence)


def test_a_conflict_check_explains_and_writes_nothing(film, licence):
    count = Grant.objects.count()
    conflicts = grant_conflicts_check(data=exclusive_out(film, media="CINEMATIC"))
    assert [(c.rule, c.grant) for c in conflicts] == [(Rule.EXCLUSIVE_OVERLAP, licence.pk)]
    assert conflicts[0].where.media == {"THEATRICAL"}
    assert Grant.objects.count() == count
    assert grant_conflicts_check(data=exclusive_out(film, media="SVOD")) == []


def test_a_conflict_check_of_a_change_leaves_the_grant_itself_out(film, licence):
    change = exclusive_out(film, media="THEATRICAL", end=date(2027, 6, 1))
    assert grant_conflicts_check(data=change, exclude_grant_id=licence.pk) == []
    assert grant_conflicts_check(data=change) != []


def test_a_conflict_check_of_invalid_input_names_the_field(film):
    with pytest.raises(ApplicationError) as refused:
        grant_conflicts_check(data=exclusive_out(film, territories="Atlantis"))
    assert refused.value.field == "territories"
    with pytest.raises(ApplicationError) as refused:
        grant_conflicts_check(data=exclusive_out(film, work_id=0))
    assert refused.value.field == "work_id"


def test_grant_kinds_say_how_a_grant_blocks_and_whether_it_is_the_licensees_own(
    film, editor, farabi, minsk_cinemas, licence
):
    held = Grant.objects.get(work=film, direction=Direction.IN.value)
    holdback = grant_create(
        actor=editor,
        data=grant_input(film, direction=Direction.HOLDBACK.value, media="CULTURAL", territories="IR"),
    )
    ids = [licence.pk, held.pk, holdback.pk, 999_999]

    kinds = grant_kinds_for(ids, licensees=[minsk_cinemas.pk])
    assert kinds == {
        licence.pk: ("out", "exclusive", True),
        held.pk: ("in", "non_exclusive", False),  # a grant to the holder is no licence to anyone
        holdback.pk: ("holdback", "non_exclusive", False),
    }
    assert grant_kinds_for(ids, licensees=[farabi.pk])[licence.pk] == ("out", "exclusive", False)
    assert grant_kinds(ids) == {
        pk: (direction, exclusivity) for pk, (direction, exclusivity, _own) in kinds.items()
    }
    assert grant_kinds_for([]) == {}


def test_release_events_come_in_date_order(film):
    later = ReleaseEventFactory(work=film, kind="theatrical", territory="BY", date=date(2026, 9, 1))
    earlier = ReleaseEventFactory(work=film, kind="festival", territory="IR", date=date(2026, 2, 1))
    ReleaseEventFactory()
    assert list(release_events_of(film)) == [earlier, later]


def svod_in_belarus(**fields):
    values = {
        "media": frozenset({"SVOD"}),
        "territories": frozenset({"BY"}),
        "window": (day(date(2026, 1, 1)), day(date(2027, 1, 1))),
        "exclusive": True,
    }
    values.update(fields)
    return AvailsQuery(**values)


def test_avails_are_searched_by_members_of_an_organisation_in_the_fresh_index(
    farabi, minsk_cinemas, film, editor, licence
):
    viewer = member_of(minsk_cinemas, Role.VIEWER)
    assert avails_search_works(viewer=viewer, query=svod_in_belarus()) == [film.pk]
    assert avails_search_works(viewer=viewer, query=svod_in_belarus(media=frozenset({"THEATRICAL"}))) == []
    detail = avails_work_detail(
        viewer=viewer, query=svod_in_belarus(media=frozenset({"THEATRICAL"})), work_id=film.pk
    )
    assert not detail.available
    assert licence.pk in detail.regions[0].blocking
    # A new exclusive licence is seen by the next query.
    grant_create(actor=editor, data=exclusive_out(film))
    assert avails_search_works(viewer=viewer, query=svod_in_belarus()) == []
    for stranger in (None, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            avails_search_works(viewer=stranger, query=svod_in_belarus())


def test_a_release_event_frees_what_a_waiting_term_blocked(minsk_cinemas, film, editor):
    grant_create(actor=editor, data=grant_input(film))
    grant_create(
        actor=editor,
        data=exclusive_out(film, event="theatrical:BY", duration_months=6, start=None, end=None),
    )
    viewer = member_of(minsk_cinemas, Role.VIEWER)
    later = svod_in_belarus(window=(day(date(2028, 1, 1)), day(date(2029, 1, 1))))
    assert avails_search_works(viewer=viewer, query=later) == []
    release_event_record(actor=editor, work=film, kind="theatrical", territory="BY", on=date(2026, 3, 1))
    assert avails_search_works(viewer=viewer, query=later) == [film.pk]
    # Still licensed exclusively from March to September 2026.
    assert avails_search_works(viewer=viewer, query=svod_in_belarus(exclusive=False)) == []


def test_non_exclusive_licences_block_only_exclusive_requests(minsk_cinemas, film, editor):
    grant_create(actor=editor, data=grant_input(film))
    grant_create(actor=editor, data=exclusive_out(film, exclusivity=Exclusivity.NON_EXCLUSIVE))
    viewer = member_of(minsk_cinemas, Role.VIEWER)
    assert avails_search_works(viewer=viewer, query=svod_in_belarus()) == []
    assert avails_search_works(viewer=viewer, query=svod_in_belarus(exclusive=False)) == [film.pk]
