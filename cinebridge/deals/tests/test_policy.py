"""Confidentiality: a deal is seen by the members of its two parties and by the film bodies of their
countries; a third organisation's people and other countries' film bodies never see it."""

import pytest
from django.http import Http404

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of
from cinebridge.deals import selectors

from .factories import offered_deal

pytestmark = pytest.mark.django_db


@pytest.fixture
def deal(parties):
    return offered_deal(parties)


def visible(person, deal):
    listed = deal in selectors.deal_list(viewer=person)
    try:
        selectors.deal_get(viewer=person, reference=deal.reference)
        got = True
    except Http404:
        got = False
    assert listed == got
    return got


@pytest.mark.parametrize("role", list(Role))
def test_every_member_of_either_party_sees_the_deal(deal, role):
    assert visible(member_of(deal.licensor, role), deal)
    assert visible(member_of(deal.licensee, role), deal)


@pytest.mark.parametrize("kind", [k for k in OrganisationKind if k != OrganisationKind.FILM_BODY])
def test_people_of_a_third_organisation_never_see_the_deal(deal, kind):
    for country in ("IR", "BY", "RU"):
        outsider = member_of(OrganisationFactory(kind=kind, country=country), Role.ADMIN)
        assert not visible(outsider, deal)


def test_the_film_bodies_of_either_partys_country_see_the_deal(deal):
    iran = OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="IR")
    belarus = OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="BY")
    assert visible(member_of(iran, Role.VIEWER), deal)
    assert visible(member_of(belarus, Role.VIEWER), deal)


def test_film_bodies_of_other_countries_never_see_the_deal(deal):
    russia = OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="RU")
    assert not visible(member_of(russia, Role.ADMIN), deal)


def test_anonymous_and_unaffiliated_people_see_no_deal(deal):
    assert not visible(None, deal)
    assert not visible(UserFactory(), deal)


def test_a_deactivated_member_sees_nothing(deal):
    assert not visible(member_of(deal.licensee, Role.EDITOR, is_active=False), deal)
