"""Fixtures of the deals tests: two parties with an editor each, a film the licensor holds the rights of."""

import pytest

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of

from .factories import Parties, deal_parties, licensable_film


@pytest.fixture
def farabi():
    return OrganisationFactory(
        slug="farabi", name="Farabi Cinema Foundation", kind=OrganisationKind.RIGHTS_HOLDER, country="IR"
    )


@pytest.fixture
def minsk_cinemas():
    return OrganisationFactory(
        slug="minsk-cinemas", name="Minsk Cinemas", kind=OrganisationKind.EXHIBITOR, country="BY"
    )


@pytest.fixture
def farabi_editor(farabi):
    return member_of(farabi, Role.EDITOR)


@pytest.fixture
def cinema_editor(minsk_cinemas):
    return member_of(minsk_cinemas, Role.EDITOR)


@pytest.fixture
def film(farabi):
    return licensable_film(owner=farabi)


@pytest.fixture
def parties(film, minsk_cinemas, farabi_editor, cinema_editor) -> Parties:
    return deal_parties(
        film=film, licensee=minsk_cinemas, licensor_editor=farabi_editor, licensee_editor=cinema_editor
    )
