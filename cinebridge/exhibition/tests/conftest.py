"""The parties most exhibition tests need: Farabi licensing an Iranian film to a Minsk cinema network
under an active deal (theatrical + SVOD in Belarus for 2026, Russian subtitles licensed), the
network's cinema with two screens, a booking of both screens for four weeks, and their editors."""

from datetime import date

import pytest

from cinebridge.deals.tests import fixtures

from .factories import active_deal, booking_for, cinema_with_screens, film_of, version_of

# The two parties, with an editor each (shared by the deals and exhibition tests).
farabi = fixtures.farabi
minsk_cinemas = fixtures.minsk_cinemas
farabi_editor = fixtures.farabi_editor
cinema_editor = fixtures.cinema_editor


@pytest.fixture
def film(farabi):
    return film_of(farabi, original_language="fa")


@pytest.fixture
def deal(film, farabi, minsk_cinemas):
    return active_deal(
        film=film,
        licensor=farabi,
        licensee=minsk_cinemas,
        media="THEATRICAL, SVOD",
        territories="BY",
        language_uses="fa:original ru:subtitled",
        start=date(2026, 1, 1),
        end=date(2027, 1, 1),
        currency="EUR",
    )


@pytest.fixture
def cinema(minsk_cinemas):
    return cinema_with_screens(operator=minsk_cinemas)


@pytest.fixture
def hall_1(cinema):
    return cinema.screens.get(name="Hall 1")


@pytest.fixture
def hall_2(cinema):
    return cinema.screens.get(name="Hall 2")


@pytest.fixture
def version(film):
    """The Persian original with Russian subtitles."""
    return version_of(film, label="FA / RU subtitles", audio_language="fa", subtitles=("ru",))


@pytest.fixture
def booking(deal, cinema, version):
    """Both screens of Oktyabr, four film weeks from Thursday 2026-01-01, reported in BYN."""
    return booking_for(deal=deal, cinema=cinema, version=version, first_day=date(2026, 1, 1), weeks=4)
