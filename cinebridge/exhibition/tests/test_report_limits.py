"""Box office of a cinema that has two bookings of the deal's film running at once (one per
screen, the second added a week later) is reported against the booking that holds the screen."""

from datetime import date

import pytest

from cinebridge.core.errors import ApplicationError
from cinebridge.exhibition import services
from cinebridge.exhibition.models import ReportSource

from .factories import booking_for

pytestmark = pytest.mark.django_db


def test_a_screen_of_an_overlapping_second_booking_finds_its_booking(
    cinema_editor, deal, cinema, hall_1, hall_2, version
):
    booking_for(deal=deal, cinema=cinema, screens=[hall_1], version=version, first_day=date(2026, 1, 1))
    second = booking_for(
        deal=deal, cinema=cinema, screens=[hall_2], version=version, first_day=date(2026, 1, 8), weeks=2
    )
    row = {
        "cinema": "Oktyabr", "screen": "Hall 2", "week_start": "2026-01-08",
        "admissions": "100", "gross": "1000.00", "taxes": "0", "levies": "0",
    }  # fmt: skip
    # The first booking whose days hold the week would be Hall 1's: the row's screen decides.
    try:
        upload = services.box_office_import(
            actor=cinema_editor, deal=deal, source=ReportSource.FORM, rows=[row]
        )
    except services.ReportRefused as refused:
        pytest.fail(str([(p.row, p.column, p.message) for p in refused.problems]))
    entry = upload.box_office_entries.get()
    assert (entry.booking_id, entry.playing_week) == (second.pk, 1)


@pytest.mark.parametrize("gross", ["1000000000000000000", "1" * 25])
def test_a_gross_too_large_for_the_statement_is_refused_on_its_cell(cinema_editor, deal, booking, gross):
    # 10^18 would make every later statement fail in the engine; 25 digits would overflow the
    # NUMERIC(24, 4) column on PostgreSQL.
    row = {
        "cinema": "Oktyabr", "screen": "Hall 1", "week_start": "2026-01-01",
        "admissions": "1", "gross": gross, "taxes": "0", "levies": "0",
    }  # fmt: skip
    with pytest.raises(services.ReportRefused) as refused:
        services.box_office_import(actor=cinema_editor, deal=deal, source=ReportSource.FORM, rows=[row])
    assert [(p.row, p.column) for p in refused.value.problems] == [(1, "gross")]


def test_a_screen_is_not_booked_twice_for_the_deal_at_once(cinema_editor, deal, cinema, hall_1, version):
    booking_for(deal=deal, cinema=cinema, screens=[hall_1], version=version, first_day=date(2026, 1, 1))
    with pytest.raises(ApplicationError) as refused:
        services.booking_create(
            actor=cinema_editor,
            deal=deal,
            cinema=cinema,
            screens=[hall_1],
            version=version,
            first_day=date(2026, 1, 15),
            last_day=date(2026, 1, 28),
            currency="BYN",
        )
    assert refused.value.field == "screens"
    assert "2026-01-01" in refused.value.message
