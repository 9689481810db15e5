"""Exhibition services: cinemas and screens, bookings inside the licence, keys inside the booking,
deliveries flagged for missing languages, expenses, payments and exchange rates."""

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from cinebridge.core.errors import ApplicationError
from cinebridge.core.models import ExchangeRate
from cinebridge.deals.models import DealStatus
from cinebridge.exhibition import services
from cinebridge.exhibition.models import Booking, BookingStatus, Delivery, KdmRequest, Payment, Screen

from .factories import (
    THUMBPRINT,
    active_deal,
    booking_for,
    box_office_weeks,
    cinema_with_screens,
    editor_of,
    exhibitor_org,
    film_of,
    subtitle_track,
    version_of,
)

pytestmark = pytest.mark.django_db

MINSK = ZoneInfo("Europe/Minsk")


def refused(call, **kwargs):
    with pytest.raises(ApplicationError) as caught:
        call(**kwargs)
    return caught.value


# --- cinemas and screens ------------------------------------------------------------------------


def test_an_operator_adds_a_cinema_and_its_screens(cinema_editor, minsk_cinemas):
    cinema = services.cinema_create(
        actor=cinema_editor,
        operator=minsk_cinemas,
        name=" Pobeda ",
        city="Minsk",
        country="by",
        time_zone="Europe/Minsk",
    )
    screen = services.screen_create(
        actor=cinema_editor, cinema=cinema, name="Hall A", capacity="۲۵۰", certificate_thumbprint=THUMBPRINT
    )
    assert (cinema.name, cinema.country) == ("Pobeda", "BY")
    assert (screen.capacity, screen.certificate_thumbprint) == (250, THUMBPRINT)


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("country", {"country": "XX"}),
        ("time_zone", {"time_zone": "Mars/Olympus"}),
        ("name", {"name": "  "}),
    ],
)
def test_a_cinema_needs_a_country_a_time_zone_and_a_name(cinema_editor, minsk_cinemas, field, values):
    data = {"name": "Pobeda", "city": "Minsk", "country": "BY", "time_zone": "Europe/Minsk"} | values
    error = refused(services.cinema_create, actor=cinema_editor, operator=minsk_cinemas, **data)
    assert error.field == field


def test_two_cinemas_of_one_operator_do_not_share_a_name(cinema_editor, minsk_cinemas, cinema):
    error = refused(
        services.cinema_create,
        actor=cinema_editor,
        operator=minsk_cinemas,
        name=cinema.name,
        city="Minsk",
        country="BY",
        time_zone="Europe/Minsk",
    )
    assert error.field == "name"
    assert cinema.name in error.message


@pytest.mark.parametrize(
    "thumbprint",
    [
        "not base64!",
        "jGgKxbp8mZf0sB7e3Vq1s0W9kP==",  # 28 characters, 19 bytes
        "jGgKxbp8mZf0sB7e3Vq1s0W9kPIjGgKx",  # 24 bytes
    ],
)
def test_a_thumbprint_is_the_base64_of_a_sha1_digest(cinema_editor, cinema, thumbprint):
    error = refused(
        services.screen_create,
        actor=cinema_editor,
        cinema=cinema,
        name="Hall 3",
        capacity=100,
        certificate_thumbprint=thumbprint,
    )
    assert error.field == "certificate_thumbprint"
    assert not Screen.objects.filter(name="Hall 3").exists()


def test_a_screen_has_seats_and_a_unique_name(cinema_editor, cinema):
    assert refused(
        services.screen_create, actor=cinema_editor, cinema=cinema, name="Hall 3", capacity=0
    ).field == ("capacity")
    assert refused(
        services.screen_create, actor=cinema_editor, cinema=cinema, name="Hall 1", capacity=5
    ).field == ("name")


def test_a_screen_gets_a_new_thumbprint_when_its_server_changes(cinema_editor, hall_1):
    new = "AAAAAAAAAAAAAAAAAAAAAAAAAAA="
    services.screen_update(actor=cinema_editor, screen=hall_1, certificate_thumbprint=new)
    hall_1.refresh_from_db()
    assert hall_1.certificate_thumbprint == new


def test_a_cinema_with_bookings_stays_in_its_country(cinema_editor, booking):
    error = refused(services.cinema_update, actor=cinema_editor, cinema=booking.cinema, country="RU")
    assert error.field == "country"
    services.cinema_update(actor=cinema_editor, cinema=booking.cinema, city="Minsk centre")
    booking.cinema.refresh_from_db()
    assert (booking.cinema.city, booking.cinema.country) == ("Minsk centre", "BY")


# --- bookings -----------------------------------------------------------------------------------


def book(actor, deal, cinema, version, **overrides):
    data = {
        "actor": actor,
        "deal": deal,
        "cinema": cinema,
        "screens": list(cinema.screens.all()),
        "version": version,
        "first_day": date(2026, 3, 5),
        "last_day": date(2026, 3, 25),
        "currency": "BYN",
        "house_nut_per_week": "4500.00",
    }
    data.update(overrides)
    return services.booking_create(**data)


def test_the_licensee_books_two_screens_inside_the_licence(cinema_editor, deal, cinema, version):
    booking = book(cinema_editor, deal, cinema, version)
    assert booking.status == BookingStatus.CONFIRMED
    assert sorted(s.name for s in booking.screens.all()) == ["Hall 1", "Hall 2"]
    assert (booking.currency, booking.house_nut_per_week) == ("BYN", Decimal("4500.00"))
    assert booking.created_by == cinema_editor


def test_a_booking_needs_an_active_deal(cinema_editor, deal, cinema, version):
    deal.status = DealStatus.EXPIRED
    deal.save()
    assert refused(book, actor=cinema_editor, deal=deal, cinema=cinema, version=version).field == "deal"
    assert not Booking.objects.exists()


def test_a_booking_needs_theatrical_rights(cinema_editor, film, farabi, minsk_cinemas, cinema, version):
    svod_only = active_deal(
        film=film, licensor=farabi, licensee=minsk_cinemas, media="SVOD", territories="BY"
    )
    error = refused(book, actor=cinema_editor, deal=svod_only, cinema=cinema, version=version)
    assert error.field == "deal"
    assert "SVOD" in error.message


def test_the_cinema_must_be_in_a_licensed_country(cinema_editor, deal, minsk_cinemas, version):
    moscow = cinema_with_screens(
        operator=minsk_cinemas, name="Moskva", city="Moscow", country="RU", time_zone="Europe/Moscow"
    )
    error = refused(book, actor=cinema_editor, deal=deal, cinema=moscow, version=version)
    assert error.field == "cinema"
    assert "RU" in error.message


def test_the_cinema_must_be_run_by_the_licensee(cinema_editor, deal, version):
    elsewhere = cinema_with_screens(operator=exhibitor_org(), name="Elsewhere")
    assert refused(book, actor=cinema_editor, deal=deal, cinema=elsewhere, version=version).field == "cinema"


def test_screens_belong_to_the_booked_cinema(cinema_editor, deal, cinema, minsk_cinemas, version):
    other = cinema_with_screens(operator=minsk_cinemas, name="Pobeda", screens=("Big",))
    error = refused(
        book,
        actor=cinema_editor,
        deal=deal,
        cinema=cinema,
        version=version,
        screens=list(other.screens.all()),
    )
    assert error.field == "screens"
    assert "Big" in error.message
    assert (
        refused(book, actor=cinema_editor, deal=deal, cinema=cinema, version=version, screens=[]).field
        == "screens"
    )


def test_the_version_must_be_of_the_deal_s_film(cinema_editor, deal, cinema, farabi):
    stranger = version_of(film_of(farabi))
    assert refused(book, actor=cinema_editor, deal=deal, cinema=cinema, version=stranger).field == "version"


def test_the_version_s_language_must_be_licensed(cinema_editor, deal, cinema, film):
    # Licensed: fa:original, ru:subtitled. A Belarusian dub with English subtitles is neither.
    dubbed = version_of(film, audio_language="be", subtitles=("en",))
    error = refused(book, actor=cinema_editor, deal=deal, cinema=cinema, version=dubbed)
    assert error.field == "version"
    assert "ru:subtitled" in error.message
    # The original with Russian subtitles, or a subtitled version of another audio, is licensed.
    assert book(cinema_editor, deal, cinema, version_of(film, audio_language="en", subtitles=("ru",)))


def test_with_no_language_uses_every_version_is_licensed(cinema_editor, film, farabi, minsk_cinemas, cinema):
    deal = active_deal(
        film=film, licensor=farabi, licensee=minsk_cinemas, media="THEATRICAL", language_uses=""
    )
    assert book(cinema_editor, deal, cinema, version_of(film, audio_language="be", subtitles=()))


@pytest.mark.parametrize(
    ("first_day", "last_day", "field"),
    [
        (date(2025, 12, 31), date(2026, 1, 20), "first_day"),
        (date(2026, 12, 24), date(2027, 1, 1), "last_day"),  # the licence ends before 2027-01-01
        (date(2026, 3, 5), date(2026, 3, 4), "last_day"),
    ],
)
def test_the_engagement_lies_inside_the_licence_term(
    cinema_editor, deal, cinema, version, first_day, last_day, field
):
    error = refused(
        book,
        actor=cinema_editor,
        deal=deal,
        cinema=cinema,
        version=version,
        first_day=first_day,
        last_day=last_day,
    )
    assert error.field == field


def test_the_last_day_of_the_term_may_be_booked(cinema_editor, deal, cinema, version):
    booking = book(
        cinema_editor, deal, cinema, version, first_day=date(2026, 12, 24), last_day=date(2026, 12, 31)
    )
    assert booking.last_day == date(2026, 12, 31)


def test_a_booking_reports_in_a_real_currency_and_a_house_nut_it_allows(cinema_editor, deal, cinema, version):
    assert refused(
        book, actor=cinema_editor, deal=deal, cinema=cinema, version=version, currency="BYX"
    ).field == ("currency")
    error = refused(
        book, actor=cinema_editor, deal=deal, cinema=cinema, version=version, house_nut_per_week="4500.001"
    )
    assert error.field == "house_nut_per_week"


def test_refusals_speak_the_user_s_language(cinema_editor, minsk_cinemas):
    data = {"name": " ", "city": "Minsk", "country": "BY", "time_zone": "Europe/Minsk"}
    with translation.override("ru"):
        error = refused(services.cinema_create, actor=cinema_editor, operator=minsk_cinemas, **data)
    assert (error.field, error.message) == ("name", "Обязательное поле.")


def test_a_booking_is_cancelled_only_before_box_office_is_reported(
    cinema_editor, booking, deal, cinema, version
):
    other = book(cinema_editor, deal, cinema, version)
    assert services.booking_cancel(actor=cinema_editor, booking=other).status == BookingStatus.CANCELLED
    box_office_weeks(booking=booking, weeks=1)
    assert refused(services.booking_cancel, actor=cinema_editor, booking=booking).field == "status"
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


@pytest.mark.django_db(transaction=True)
def test_a_booking_is_cancelled_outside_any_caller_transaction(cinema_editor, booking):
    # A view calls the service in autocommit (no ATOMIC_REQUESTS): its row lock needs its own transaction.
    assert services.booking_cancel(actor=cinema_editor, booking=booking).status == BookingStatus.CANCELLED
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


# --- keys ---------------------------------------------------------------------------------------


def test_a_key_window_inside_the_engagement_is_stored_in_utc(cinema_editor, booking, hall_1):
    # The engagement runs 2026-01-01 00:00 to 2026-01-29 00:00 Minsk time (UTC+3).
    kdm = services.kdm_request_create(
        actor=cinema_editor,
        booking=booking,
        screen=hall_1,
        valid_from=datetime(2026, 1, 1, 0, 0, tzinfo=MINSK),
        valid_until=datetime(2026, 1, 29, 0, 0, tzinfo=MINSK),
    )
    kdm.refresh_from_db()
    assert kdm.valid_from == datetime(2025, 12, 31, 21, 0, tzinfo=UTC)
    assert kdm.valid_from.utcoffset().total_seconds() == 0
    assert kdm.valid_until == datetime(2026, 1, 28, 21, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("valid_from", "valid_until", "field"),
    [
        # One minute before midnight in Minsk is still 31 December there.
        (datetime(2025, 12, 31, 23, 59, tzinfo=MINSK), datetime(2026, 1, 8, tzinfo=MINSK), "valid_from"),
        # 21:00 UTC on the 28th is midnight in Minsk: 21:01 is past the engagement.
        (datetime(2026, 1, 2, tzinfo=MINSK), datetime(2026, 1, 28, 21, 1, tzinfo=UTC), "valid_until"),
        (datetime(2026, 1, 5, tzinfo=MINSK), datetime(2026, 1, 5, tzinfo=MINSK), "valid_until"),
        (datetime(2026, 1, 5), datetime(2026, 1, 6, tzinfo=MINSK), "valid_from"),  # noqa: DTZ001 (naive on purpose)
    ],
)
def test_a_key_window_must_lie_inside_the_engagement(
    cinema_editor, booking, hall_1, valid_from, valid_until, field
):
    error = refused(
        services.kdm_request_create,
        actor=cinema_editor,
        booking=booking,
        screen=hall_1,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    assert error.field == field
    assert not KdmRequest.objects.exists()


def test_a_key_is_for_a_booked_screen_with_a_certificate(
    cinema_editor, deal, cinema, version, hall_1, hall_2
):
    booking = booking_for(deal=deal, cinema=cinema, version=version, screens=[hall_1])
    window = {
        "valid_from": datetime(2026, 1, 2, tzinfo=MINSK),
        "valid_until": datetime(2026, 1, 3, tzinfo=MINSK),
    }
    error = refused(
        services.kdm_request_create, actor=cinema_editor, booking=booking, screen=hall_2, **window
    )
    assert (error.field, "Hall 2" in error.message) == ("screen", True)
    hall_1.certificate_thumbprint = ""
    hall_1.save()
    error = refused(
        services.kdm_request_create, actor=cinema_editor, booking=booking, screen=hall_1, **window
    )
    assert error.field == "screen"
    assert "thumbprint" in error.message


def test_a_cancelled_booking_gets_no_keys(cinema_editor, booking, hall_1):
    services.booking_cancel(actor=cinema_editor, booking=booking)
    error = refused(
        services.kdm_request_create,
        actor=cinema_editor,
        booking=booking,
        screen=hall_1,
        valid_from=datetime(2026, 1, 2, tzinfo=MINSK),
        valid_until=datetime(2026, 1, 3, tzinfo=MINSK),
    )
    assert error.field == "booking"


def test_a_key_window_follows_the_cinema_s_own_time_zone(cinema_editor, film, farabi):
    platform_org = exhibitor_org(country="IR")
    deal = active_deal(
        film=film, licensor=farabi, licensee=platform_org, media="THEATRICAL", territories="IR"
    )
    tehran = cinema_with_screens(
        operator=platform_org, name="Azadi", city="Tehran", country="IR", time_zone="Asia/Tehran"
    )
    booking = booking_for(deal=deal, cinema=tehran, first_day=date(2026, 1, 1), weeks=1)
    editor = editor_of(platform_org)
    screen = tehran.screens.first()
    # Tehran is UTC+03:30: the engagement starts at 2025-12-31 20:30 UTC.
    kdm = services.kdm_request_create(
        actor=editor,
        booking=booking,
        screen=screen,
        valid_from=datetime(2025, 12, 31, 20, 30, tzinfo=UTC),
        valid_until=datetime(2026, 1, 2, tzinfo=UTC),
    )
    assert kdm.valid_from == datetime(2025, 12, 31, 20, 30, tzinfo=UTC)
    assert (
        refused(
            services.kdm_request_create,
            actor=editor,
            booking=booking,
            screen=screen,
            valid_from=datetime(2025, 12, 31, 20, 29, tzinfo=UTC),
            valid_until=datetime(2026, 1, 2, tzinfo=UTC),
        ).field
        == "valid_from"
    )


# --- deliveries ---------------------------------------------------------------------------------


def test_a_delivery_flags_licensed_languages_it_lacks(cinema_editor, deal, film):
    # Licensed: fa:original, ru:subtitled. Persian audio, English subtitles only: Russian is missing.
    version = version_of(film, audio_language="fa", subtitles=("en", "ru"))
    english = version.subtitles.get(language_code="en")
    delivery = services.delivery_create(
        actor=cinema_editor,
        deal=deal,
        version=version,
        subtitle_tracks=[english],
        delivered_on=date(2026, 2, 1),
    )
    assert delivery.missing_languages == "ru"
    complete = services.delivery_create(
        actor=cinema_editor,
        deal=deal,
        version=version,
        subtitle_tracks=list(version.subtitles.all()),
        delivered_on=date(2026, 2, 2),
    )
    assert complete.missing_languages == ""
    assert sorted(t.language_code for t in complete.subtitle_tracks.all()) == ["en", "ru"]


def test_a_delivery_is_of_the_deal_s_film_with_its_own_tracks(cinema_editor, deal, film, farabi):
    version = version_of(film, subtitles=())
    foreign_track = subtitle_track(version_of(film, subtitles=()), "ru")
    error = refused(
        services.delivery_create,
        actor=cinema_editor,
        deal=deal,
        version=version,
        subtitle_tracks=[foreign_track],
        delivered_on=date(2026, 2, 1),
    )
    assert error.field == "subtitle_tracks"
    error = refused(
        services.delivery_create,
        actor=cinema_editor,
        deal=deal,
        version=version_of(film_of(farabi)),
        subtitle_tracks=[],
        delivered_on=date(2026, 2, 1),
    )
    assert error.field == "version"
    assert not Delivery.objects.exists()


# --- money --------------------------------------------------------------------------------------


def test_expenses_are_positive_amounts_in_a_real_currency(cinema_editor, deal):
    expense = services.expense_record(
        actor=cinema_editor,
        deal=deal,
        incurred_on=date(2026, 1, 5),
        description="Russian subtitles",
        amount="۵۰۰٫۲۵",
        currency="eur",
    )
    assert (expense.amount, expense.currency) == (Decimal("500.25"), "EUR")
    base = {"actor": cinema_editor, "deal": deal, "incurred_on": date(2026, 1, 5), "description": "Posters"}
    assert refused(services.expense_record, **base, amount="0", currency="EUR").field == "amount"
    assert refused(services.expense_record, **base, amount="10.123", currency="EUR").field == "amount"
    assert refused(services.expense_record, **base, amount="10", currency="EURO").field == "currency"
    assert refused(
        services.expense_record, **(base | {"description": " "}), amount="10", currency="EUR"
    ).field == ("description")


def test_either_party_records_payments_in_the_deal_s_currency(cinema_editor, farabi_editor, deal):
    mg = services.payment_record(
        actor=cinema_editor,
        deal=deal,
        kind="mg",
        paid_on=date(2026, 1, 2),
        amount="20000.00",
        reference="SWIFT 1",
    )
    statement = services.payment_record(
        actor=farabi_editor, deal=deal, kind="statement", paid_on=date(2026, 4, 2), amount=Decimal("150.5")
    )
    assert (mg.amount, statement.amount) == (Decimal("20000.00"), Decimal("150.5"))
    assert (
        refused(
            services.payment_record,
            actor=cinema_editor,
            deal=deal,
            kind="mg",
            paid_on=date(2026, 1, 2),
            amount="1.001",
        ).field
        == "amount"
    )
    assert (
        refused(
            services.payment_record,
            actor=cinema_editor,
            deal=deal,
            kind="gift",
            paid_on=date(2026, 1, 2),
            amount="1",
        ).field
        == "kind"
    )
    assert Payment.objects.count() == 2


def test_payments_wait_for_a_signed_deal(cinema_editor, film, farabi, minsk_cinemas):
    open_deal = active_deal(film=film, licensor=farabi, licensee=minsk_cinemas, status=DealStatus.OFFERED)
    error = refused(
        services.payment_record,
        actor=cinema_editor,
        deal=open_deal,
        kind="mg",
        paid_on=date(2026, 1, 2),
        amount="1",
    )
    assert error.field == "deal"


def test_exchange_rates_are_positive_between_two_currencies_once_a_day(cinema_editor):
    rate = services.exchange_rate_record(
        actor=cinema_editor, base="byn", quote="EUR", on=date(2025, 12, 31), rate="0,28", source="NBRB"
    )
    assert (rate.base, rate.quote, rate.rate) == ("BYN", "EUR", Decimal("0.28"))
    day = {"actor": cinema_editor, "on": date(2025, 12, 31)}
    assert refused(services.exchange_rate_record, **day, base="BYN", quote="EUR", rate="0.29").field == "on"
    assert refused(services.exchange_rate_record, **day, base="BYN", quote="BYN", rate="1").field == "quote"
    assert refused(services.exchange_rate_record, **day, base="BYN", quote="USD", rate="0").field == "rate"
    assert refused(services.exchange_rate_record, **day, base="BYN", quote="USD", rate="-1").field == "rate"
    assert refused(services.exchange_rate_record, **day, base="BYN", quote="USD", rate="abc").field == "rate"
    assert refused(services.exchange_rate_record, **day, base="XXX", quote="USD", rate="1").field == "base"
    assert ExchangeRate.objects.count() == 1


def test_the_system_acts_without_an_actor(deal, cinema, version, hall_1):
    # Demo data and commands call the services with actor=None: the same checks, no one recorded.
    booking = book(None, deal, cinema, version)
    kdm = services.kdm_request_create(
        actor=None,
        booking=booking,
        screen=hall_1,
        valid_from=datetime(2026, 3, 5, 10, tzinfo=MINSK),
        valid_until=datetime(2026, 3, 6, 10, tzinfo=MINSK),
    )
    assert (booking.created_by, kdm.requested_by) == (None, None)
    assert (
        refused(book, actor=None, deal=deal, cinema=cinema, version=version, currency="XYZ").field
        == "currency"
    )
