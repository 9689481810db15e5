"""Fixtures of the deals tests: two parties with an editor each, a film the licensor holds the rights of."""

import pytest

from cinebridge.deals.tests import fixtures

from .factories import Parties, deal_parties, licensable_film

# The two parties, with an editor each (shared by the deals and exhibition tests).
farabi = fixtures.farabi
minsk_cinemas = fixtures.minsk_cinemas
farabi_editor = fixtures.farabi_editor
cinema_editor = fixtures.cinema_editor


@pytest.fixture
def film(farabi):
    return licensable_film(owner=farabi)


@pytest.fixture
def parties(film, minsk_cinemas, farabi_editor, cinema_editor) -> Parties:
    return deal_parties(
        film=film, licensee=minsk_cinemas, licensor_editor=farabi_editor, licensee_editor=cinema_editor
    )
