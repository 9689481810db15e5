"""The organisations and people most rights tests need: a rights holder, its editor, a licensee."""

import pytest

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of


@pytest.fixture
def farabi():
    return OrganisationFactory(
        slug="farabi", name="Farabi Cinema Foundation", kind=OrganisationKind.RIGHTS_HOLDER, country="IR"
    )


@pytest.fixture
def editor(farabi):
    return member_of(farabi, Role.EDITOR)


@pytest.fixture
def minsk_cinemas():
    return OrganisationFactory(
        slug="minsk-cinemas", name="Minsk Cinemas", kind=OrganisationKind.EXHIBITOR, country="BY"
    )


@pytest.fixture
def licensee(minsk_cinemas):
    return member_of(minsk_cinemas, Role.VIEWER)
