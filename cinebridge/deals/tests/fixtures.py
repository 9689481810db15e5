"""The two parties of most deals and exhibition tests, as pytest fixtures: Farabi, an Iranian rights
holder, and Minsk Cinemas, a Belarusian exhibitor, with an editor each. A conftest brings them in by
importing them."""

import pytest

from cinebridge.accounts.models import Role
from cinebridge.accounts.tests.factories import member_of

from .factories import exhibitor, rights_holder


@pytest.fixture
def farabi():
    return rights_holder(slug="farabi", name="Farabi Cinema Foundation")


@pytest.fixture
def minsk_cinemas():
    return exhibitor(slug="minsk-cinemas", name="Minsk Cinemas")


@pytest.fixture
def farabi_editor(farabi):
    return member_of(farabi, Role.EDITOR)


@pytest.fixture
def cinema_editor(minsk_cinemas):
    return member_of(minsk_cinemas, Role.EDITOR)
