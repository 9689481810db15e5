"""Exhibition reads: what a deal licenses, cinemas, bookings and their weeks, keys in local time, rates."""

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from cinebridge.core.models import ExchangeRate
from cinebridge.deals.models import DealStatus
from cinebridge.exhibition import selectors
from cinebridge.exhibition.models import BookingStatus, KdmRequest
from cinebridge.rights.engine.types import LanguageUse, Use

from .factories import (
    active_deal,
    booking_for,
    box_office_weeks,
    cinema_with_screens,
    editor_of,
    exhibitor_org,
)

pytestmark = pytest.mark.django_db


def test_a_deal_s_licence_comes_from_its_grants(deal):
    licence = selectors.deal_licence(deal=deal)
    assert licence.country_codes == ("BY",)
    assert licence.media_codes == ("SVOD", "THEATRICAL")
    assert licence.language_uses == frozenset(
        {LanguageUse("fa", Use.ORIGINAL), LanguageUse("ru", Use.SUBTITLED)}
    )
    assert licence.languages == ("fa", "ru")
    assert (licence.start, licence.end) == (date(2026, 1, 1), date(2027, 1, 1))
    assert licence.covers_country("BY")
    assert not licence.covers_country("RU")
    assert licence.covers_media_code("SVOD")
    assert not licence.covers_media_code("AVOD")
    assert not licence.covers_media_code("NOT_A_MEDIUM")


def test_an_unsigned_deal_s_licence_is_read_from_its_offer(film, farabi, minsk_cinemas):
    deal = active_deal(
        film=film,
        licensor=farabi,
        licensee=minsk_cinemas,
        media="ON_DEMAND excluding AVOD",
        territories="BY, KZ",
        status=DealStatus.OFFERED,
    )
    licence = selectors.deal_licence(deal=deal)
    assert licence.country_codes == ("BY", "KZ")
    assert licence.media_codes == ("EST", "FAST", "SVOD", "TVOD")
    assert licence.language_uses is None
    assert licence.languages == ()


def test_cinemas_are_public_but_edited_by_their_operator(cinema, cinema_editor, farabi_editor):
    other = cinema_with_screens(
        operator=exhibitor_org(country="IR"), name="Azadi", country="IR", time_zone="Asia/Tehran"
    )
    assert list(selectors.cinema_list(country="by")) == [cinema]
    assert set(selectors.cinema_list()) == {cinema, other}
    assert list(selectors.cinemas_of(viewer=cinema_editor)) == [cinema]
    assert list(selectors.cinemas_of(viewer=farabi_editor)) == []
    assert selectors.cinema_get(pk=cinema.pk) == cinema


def test_bookable_cinemas_are_the_licensee_s_in_licensed_countries(deal, cinema, minsk_cinemas):
    cinema_with_screens(operator=minsk_cinemas, name="Moskva", country="RU", time_zone="Europe/Moscow")
    cinema_with_screens(operator=exhibitor_org(), name="Elsewhere")
    assert list(selectors.bookable_cinemas(deal=deal)) == [cinema]


def test_booking_weeks_and_local_bounds(booking):
    assert selectors.booking_week_starts(booking) == [
        date(2026, 1, 1),
        date(2026, 1, 8),
        date(2026, 1, 15),
        date(2026, 1, 22),
    ]
    start, end = selectors.booking_local_bounds(booking)
    assert start.astimezone(UTC) == datetime(2025, 12, 31, 21, tzinfo=UTC)
    assert end.astimezone(UTC) == datetime(2026, 1, 28, 21, tzinfo=UTC)


def test_keys_are_shown_in_the_cinema_s_time(booking, hall_1):
    kdm = KdmRequest.objects.create(
        booking=booking,
        screen=hall_1,
        valid_from=datetime(2026, 1, 1, 7, tzinfo=UTC),
        valid_until=datetime(2026, 1, 2, 7, tzinfo=UTC),
    )
    assert list(selectors.kdm_requests_of(booking)) == [kdm]
    local_from, _ = selectors.kdm_local_window(kdm)
    assert (local_from.hour, local_from.tzinfo) == (10, ZoneInfo("Europe/Minsk"))


def test_box_office_of_cancelled_bookings_does_not_count(deal, booking, cinema, version):
    box_office_weeks(booking=booking, weeks=2)
    cancelled = booking_for(deal=deal, cinema=cinema, version=version, first_day=date(2026, 6, 4), weeks=1)
    box_office_weeks(booking=cancelled, weeks=1)
    cancelled.status = BookingStatus.CANCELLED
    cancelled.save()
    entries = list(selectors.box_office_entries(deal=deal))
    assert len(entries) == 4
    assert {e.booking_id for e in entries} == {booking.pk}
    assert len(selectors.box_office_entries(deal=deal, until=date(2026, 1, 7))) == 2


def test_exchange_rates_filter_by_pair_day_and_currencies():
    for day, rate in ((date(2025, 12, 31), "0.28"), (date(2026, 1, 31), "0.29")):
        ExchangeRate.objects.create(base="BYN", quote="EUR", on=day, rate=Decimal(rate))
    ExchangeRate.objects.create(base="USD", quote="EUR", on=date(2026, 1, 31), rate=Decimal("0.9"))
    assert [r.rate for r in selectors.exchange_rates(base="byn", quote="eur")] == [
        Decimal("0.29"),
        Decimal("0.28"),
    ]
    assert [r.on for r in selectors.exchange_rates(base="BYN", until=date(2026, 1, 1))] == [
        date(2025, 12, 31)
    ]
    assert {r.base for r in selectors.exchange_rates(currencies=["USD", "EUR"])} == {"USD"}


def test_deal_currency_is_the_signed_offer_s(deal):
    assert selectors.deal_currency(deal=deal) == "EUR"


def test_lists_follow_the_deal_s_visibility(deal, booking, cinema_editor, farabi_editor):
    stranger = editor_of(exhibitor_org())
    assert list(selectors.booking_list(viewer=cinema_editor, deal=deal)) == [booking]
    assert list(selectors.booking_list(viewer=farabi_editor)) == [booking]
    assert list(selectors.booking_list(viewer=stranger)) == []
    assert list(selectors.booking_list(viewer=cinema_editor, status=BookingStatus.CANCELLED)) == []
