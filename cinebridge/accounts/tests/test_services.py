"""Account services: organisations, people and memberships."""

import pytest
from django.core.exceptions import PermissionDenied

from cinebridge.accounts import policy, services
from cinebridge.accounts.models import Membership, OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of
from cinebridge.core.errors import ApplicationError

pytestmark = pytest.mark.django_db


def test_organisation_create_keeps_names_in_several_languages():
    org = services.organisation_create(
        slug="belarusfilm",
        name="Беларусьфільм",
        kind=OrganisationKind.RIGHTS_HOLDER,
        country="by",
        translations={"en": ("Belarusfilm", "National film studio"), "fa": ("بلاروس‌فیلم", "")},
    )
    assert org.country == "BY"
    assert {t.language_code: t.name for t in org.translations.all()} == {
        "en": "Belarusfilm",
        "fa": "بلاروس‌فیلم",
    }


def test_organisation_create_refuses_unknown_countries():
    with pytest.raises(ApplicationError) as excinfo:
        services.organisation_create(slug="x", name="X", kind=OrganisationKind.SCHOOL, country="QQ")
    assert excinfo.value.field == "country"


def test_user_create_lowercases_the_email_and_can_leave_the_password_to_a_reset():
    user = services.user_create(username="guest", email="Guest@Example.org", password=None)
    assert user.email == "guest@example.org"
    assert not user.has_usable_password()


def test_only_admins_change_memberships_and_the_cache_follows():
    org = OrganisationFactory()
    admin, editor, newcomer = member_of(org, Role.ADMIN), member_of(org, Role.EDITOR), UserFactory()
    with pytest.raises(PermissionDenied):
        services.membership_set(user=newcomer, organisation=org, role=Role.VIEWER, actor=editor)
    assert not policy.can(newcomer, policy.CATALOGUE_EDIT, org)
    services.membership_set(user=newcomer, organisation=org, role=Role.EDITOR, actor=admin)
    assert policy.can(newcomer, policy.CATALOGUE_EDIT, org)


def test_the_last_administrator_cannot_be_removed():
    org = OrganisationFactory()
    admin = member_of(org, Role.ADMIN)
    membership = Membership.objects.get(user=admin)
    with pytest.raises(ApplicationError):
        services.membership_remove(membership=membership, actor=admin)
    second = member_of(org, Role.ADMIN)
    services.membership_remove(membership=membership, actor=second)
    assert not Membership.objects.filter(user=admin).exists()
