"""Who may edit and see rights: the policy's rights actions, with real users of several organisations."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cinebridge.accounts import policy
from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def minsk_cinemas():
    return OrganisationFactory(slug="minsk-cinemas", kind=OrganisationKind.EXHIBITOR, country="BY")


@pytest.mark.parametrize(
    ("role", "may_edit"), [(Role.ADMIN, True), (Role.EDITOR, True), (Role.VIEWER, False)]
)
def test_rights_are_edited_by_editors_and_admins_of_the_owner(farabi, role, may_edit):
    user = member_of(farabi, role)
    assert policy.can(user, policy.RIGHTS_EDIT, farabi) is may_edit


def test_nobody_edits_the_rights_of_another_organisation(farabi):
    other = member_of(OrganisationFactory(kind=OrganisationKind.RIGHTS_HOLDER, country="IR"), Role.ADMIN)
    assert not policy.can(other, policy.RIGHTS_EDIT, farabi)


def test_a_film_body_edits_its_own_rights_but_only_sees_those_of_its_country(farabi):
    cinema_org = OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="IR")
    official = member_of(cinema_org, Role.EDITOR)
    assert policy.can(official, policy.RIGHTS_EDIT, cinema_org)
    assert not policy.can(official, policy.RIGHTS_EDIT, farabi)
    assert policy.can(official, policy.RIGHTS_VIEW, farabi)


def test_exhibitors_and_platforms_keep_no_rights_ledger(minsk_cinemas):
    admin = member_of(minsk_cinemas, Role.ADMIN)
    assert not policy.can(admin, policy.RIGHTS_EDIT, minsk_cinemas)
    assert policy.can(admin, policy.RIGHTS_VIEW, minsk_cinemas)


def test_rights_terms_stay_with_the_parties_and_their_film_bodies(farabi, minsk_cinemas):
    belarus_ministry = OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="BY")
    other_country_body = OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="RU")
    outsider = OrganisationFactory(kind=OrganisationKind.PLATFORM, country="BY")
    assert policy.can(member_of(minsk_cinemas, Role.VIEWER), policy.RIGHTS_VIEW, minsk_cinemas)
    assert policy.can(member_of(belarus_ministry, Role.VIEWER), policy.RIGHTS_VIEW, minsk_cinemas)
    assert not policy.can(member_of(belarus_ministry, Role.VIEWER), policy.RIGHTS_VIEW, farabi)
    assert not policy.can(member_of(other_country_body, Role.ADMIN), policy.RIGHTS_VIEW, minsk_cinemas)
    assert not policy.can(member_of(outsider, Role.ADMIN), policy.RIGHTS_VIEW, minsk_cinemas)


def test_any_member_of_an_organisation_may_search_avails(minsk_cinemas):
    assert policy.can_anywhere(member_of(minsk_cinemas, Role.VIEWER), policy.AVAILS_SEARCH)
    for viewer in (None, AnonymousUser(), UserFactory()):
        assert not policy.can_anywhere(viewer, policy.AVAILS_SEARCH)
        assert not policy.can_anywhere(viewer, policy.RIGHTS_VIEW)
