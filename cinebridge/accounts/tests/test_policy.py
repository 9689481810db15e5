"""The one permission policy, checked with real users of several organisations."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from cinebridge.accounts import policy
from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def farabi():
    return OrganisationFactory(slug="farabi", kind=OrganisationKind.RIGHTS_HOLDER, country="IR")


@pytest.fixture
def belarusfilm():
    return OrganisationFactory(slug="belarusfilm", kind=OrganisationKind.RIGHTS_HOLDER, country="BY")


@pytest.mark.parametrize(
    ("role", "own_org", "may_edit"),
    [
        (Role.ADMIN, True, True),
        (Role.EDITOR, True, True),
        (Role.VIEWER, True, False),
        (Role.ADMIN, False, False),
        (Role.EDITOR, False, False),
        (Role.VIEWER, False, False),
    ],
)
def test_catalogue_edit_needs_an_editing_role_in_the_owning_organisation(
    farabi, belarusfilm, role, own_org, may_edit
):
    user = member_of(farabi if own_org else belarusfilm, role)
    assert policy.can(user, policy.CATALOGUE_EDIT, farabi) is may_edit
    assert (farabi in policy.organisations_where(user, policy.CATALOGUE_EDIT)) is may_edit


@pytest.mark.parametrize("role", list(Role))
def test_every_member_may_see_their_own_private_catalogue_but_not_another_one(farabi, belarusfilm, role):
    user = member_of(farabi, role)
    assert policy.can(user, policy.CATALOGUE_VIEW_PRIVATE, farabi)
    assert not policy.can(user, policy.CATALOGUE_VIEW_PRIVATE, belarusfilm)


def test_anonymous_and_unattached_users_may_do_nothing_private(farabi):
    for viewer in (None, AnonymousUser(), UserFactory()):
        for action in policy.RULES:
            assert not policy.can(viewer, action, farabi)
        assert not policy.organisations_where(viewer, policy.CATALOGUE_VIEW_PRIVATE).exists()


def test_film_body_oversees_its_own_country_only_and_cannot_edit(farabi, belarusfilm):
    cinema_org = OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="IR")
    official = member_of(cinema_org, Role.VIEWER)
    assert policy.can(official, policy.CATALOGUE_VIEW_PRIVATE, farabi)
    assert policy.can(official, policy.ORGANISATION_VIEW_MEMBERS, farabi)
    assert not policy.can(official, policy.CATALOGUE_VIEW_PRIVATE, belarusfilm)
    assert not policy.can(official, policy.CATALOGUE_EDIT, farabi)


def test_only_rights_holders_and_film_bodies_keep_a_catalogue():
    cinema = OrganisationFactory(kind=OrganisationKind.EXHIBITOR, country="BY")
    admin = member_of(cinema, Role.ADMIN)
    assert not policy.can(admin, policy.CATALOGUE_EDIT, cinema)
    assert policy.can(admin, policy.ORGANISATION_MANAGE, cinema)


def test_observer_members_read_but_never_edit(farabi):
    embassy = OrganisationFactory(kind=OrganisationKind.OBSERVER, country="BY")
    diplomat = member_of(embassy, Role.ADMIN)
    assert policy.can(diplomat, policy.ORGANISATION_VIEW_MEMBERS, embassy)
    assert not policy.can(diplomat, policy.CATALOGUE_EDIT, embassy)
    assert not policy.can(diplomat, policy.CATALOGUE_VIEW_PRIVATE, farabi)


def test_only_admins_manage_an_organisation(farabi):
    assert policy.can(member_of(farabi, Role.ADMIN), policy.ORGANISATION_MANAGE, farabi)
    assert not policy.can(member_of(farabi, Role.EDITOR), policy.ORGANISATION_MANAGE, farabi)


def test_inactive_users_lose_every_permission(farabi):
    user = member_of(farabi, Role.ADMIN)
    user.is_active = False
    assert not policy.can(user, policy.ORGANISATION_MANAGE, farabi)


def test_superuser_may_do_anything_that_applies_to_the_kind(farabi):
    root = UserFactory(is_superuser=True, is_staff=True)
    assert policy.can(root, policy.CATALOGUE_EDIT, farabi)
    festival = OrganisationFactory(kind=OrganisationKind.FESTIVAL)
    assert not policy.can(root, policy.CATALOGUE_EDIT, festival)


def test_require_raises_permission_denied_naming_the_organisation(farabi, belarusfilm):
    outsider = member_of(belarusfilm, Role.ADMIN)
    with pytest.raises(PermissionDenied, match=farabi.name):
        policy.require(outsider, policy.CATALOGUE_EDIT, farabi)


def test_unknown_actions_are_a_programming_error(farabi):
    with pytest.raises(ValueError, match="Unknown action"):
        policy.can(member_of(farabi, Role.ADMIN), "catalogue.delete_everything", farabi)
