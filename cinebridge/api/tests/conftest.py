"""Fixtures for the API tests: organisations in two countries and the people in them."""

import pytest

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of


@pytest.fixture
def studio():
    """A rights holder in Iran."""
    return OrganisationFactory(slug="farabi", name="Farabi Cinema Foundation", country="IR")


@pytest.fixture
def other_studio():
    """A rights holder in Belarus, unrelated to `studio`."""
    return OrganisationFactory(slug="belarusfilm", name="Belarusfilm", country="BY")


@pytest.fixture
def festival():
    return OrganisationFactory(slug="listapad", name="Listapad", kind=OrganisationKind.FESTIVAL, country="BY")


@pytest.fixture
def editor(studio):
    return member_of(studio, Role.EDITOR)


@pytest.fixture
def viewer(studio):
    return member_of(studio, Role.VIEWER)


@pytest.fixture
def other_editor(other_studio):
    return member_of(other_studio, Role.EDITOR)
