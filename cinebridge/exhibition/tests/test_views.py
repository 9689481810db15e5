"""Exhibition pages as their users meet them: the licensee's editor books, requests keys, delivers and
reports; the licensor looks (read-only); a member of a third organisation is told nothing exists (404).
Report files are real CSV and XLSX bytes; KDM windows are typed and shown on the cinema's own clock."""

import csv
import io
import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.exhibition.models import (
    Booking,
    BookingStatus,
    BoxOfficeEntry,
    Cinema,
    Delivery,
    Expense,
    KdmRequest,
    Payment,
    ReportUpload,
    Screen,
    UsageEntry,
)
from cinebridge.exhibition.templatetags.exhibition import local_datetime_html, money_text

from .factories import (
    THUMBPRINT,
    active_deal,
    booking_for,
    box_office_weeks,
    cinema_with_screens,
    editor_of,
    exhibitor_org,
    film_of,
    licensor_org,
    version_of,
)

pytestmark = pytest.mark.django_db

BOX_OFFICE_HEADER = ["cinema", "screen", "week_start", "admissions", "gross", "taxes", "levies"]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"exhibition:{name}", args=args)


def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def farabi():
    return licensor_org(slug="farabi", name="Farabi Cinema Foundation")


@pytest.fixture
def minsk():
    return exhibitor_org(slug="minsk-cinemas", name="Minsk Cinemas")


@pytest.fixture
def deal(farabi, minsk):
    """Farabi licenses theatrical and SVOD in Belarus and Iran for 2026, in EUR."""
    film = film_of(farabi, slug="children-of-heaven", english_title="Children of Heaven")
    return active_deal(film=film, licensee=minsk, territories="BY, IR", currency="EUR")


@pytest.fixture
def version(deal):
    return version_of(deal.film, label="Persian original, Russian subtitles", subtitles=("ru",))


@pytest.fixture
def cinema(minsk):
    return cinema_with_screens(operator=minsk)


@pytest.fixture
def booking(deal, cinema, version):
    return booking_for(deal=deal, cinema=cinema, version=version, first_day=date(2026, 1, 1), weeks=4)


@pytest.fixture
def licensee_editor(minsk):
    return editor_of(minsk)


@pytest.fixture
def licensor_editor(farabi):
    return editor_of(farabi)


@pytest.fixture
def outsider():
    """An editor of a streaming platform in Russia: party to nothing here."""
    platform = OrganisationFactory(
        slug="kino", name="Kino Platform", kind=OrganisationKind.PLATFORM, country="RU"
    )
    return member_of(platform, Role.EDITOR)


def deal_pages(deal, booking):
    return [
        url("deal_exploitation", deal.reference),
        url("booking_create", deal.reference),
        url("delivery_create", deal.reference),
        url("report_upload", deal.reference),
        url("expenses", deal.reference),
        url("payments", deal.reference),
        url("booking_detail", booking.pk),
    ]


def csv_bytes(header, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(header, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload_file(client, deal, name, content, kind="box_office"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        url("report_upload", deal.reference),
        {"report": "file", "file-kind": kind, "file-file": SimpleUploadedFile(name, content)},
    )


def field_errors(html, field_id):
    """The error texts Bootstrap shows under one field (web/components/field.html)."""
    match = re.search(rf'id="{field_id}_error">(.*?)</div>\s*</div>', html, re.S)
    return re.sub(r"<[^>]+>", " ", match.group(1)) if match else ""


# --- confidentiality ------------------------------------------------------------------------------


def test_a_third_organisation_is_told_nothing_exists_on_every_deal_page(client, deal, booking, outsider):
    signed_in(client, outsider)
    for page in deal_pages(deal, booking):
        assert client.get(page).status_code == 404, page
    assert client.post(url("kdm_request", booking.pk), {}).status_code == 404
    assert client.post(url("booking_cancel", booking.pk)).status_code == 404
    assert client.post(url("expenses", deal.reference), {"description": "x"}).status_code == 404
    assert client.post(url("payments", deal.reference), {"amount": "1"}).status_code == 404
    assert not Expense.objects.exists()
    assert not Payment.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, deal, booking):
    for page in deal_pages(deal, booking):
        response = client.get(page)
        assert response.status_code == 302, page
        assert "/accounts/login/" in response["Location"], page


def test_the_licensor_sees_the_exploitation_read_only(client, deal, booking, licensor_editor):
    signed_in(client, licensor_editor)
    page = client.get(url("deal_exploitation", deal.reference)).content.decode()
    assert "Oktyabr" in page
    assert "Hall 1" in page
    assert url("booking_create", deal.reference) not in page
    reports_page = client.get(url("report_upload", deal.reference)).content.decode()
    assert 'id="report-file-form"' not in reports_page
    assert 'id="expense-form"' not in client.get(url("expenses", deal.reference)).content.decode()
    assert 'id="kdm-form"' not in client.get(url("booking_detail", booking.pk)).content.decode()
    assert client.get(url("booking_create", deal.reference)).status_code == 403
    assert client.post(url("kdm_request", booking.pk), {}).status_code == 403
    response = upload_file(client, deal, "week.csv", csv_bytes(BOX_OFFICE_HEADER, []))
    assert response.status_code == 403
    assert not ReportUpload.objects.exists()


def test_the_deal_page_adds_up_each_bookings_reported_weeks(client, deal, booking, licensor_editor):
    box_office_weeks(
        booking=booking, weeks=2, admissions=1000, gross=Decimal("30000.00"), decay=Decimal("0.5")
    )
    signed_in(client, licensor_editor)
    page = client.get(url("deal_exploitation", deal.reference)).content.decode()
    row = page.split(f'id="booking-{booking.pk}"')[1].split("</tr>")[0]
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    # Two screens × two weeks: 1000 + 1000 + 500 + 500 admissions, 30000 × 2 + 15000 × 2 gross.
    assert cells[4:7] == ["2", "3000", "90,000.00\u00a0BYN"]


def test_a_film_body_overseeing_the_licensee_sees_the_deal(client, deal, booking):
    belarus = OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="BY")
    viewer = member_of(belarus, Role.VIEWER)
    signed_in(client, viewer)
    assert client.get(url("deal_exploitation", deal.reference)).status_code == 200
    assert client.get(url("booking_detail", booking.pk)).status_code == 200


# --- cinemas ---------------------------------------------------------------------------------------


def test_the_licensee_adds_a_cinema_and_its_screens(client, minsk, licensee_editor):
    signed_in(client, licensee_editor)
    assert "Add a cinema" in client.get(url("cinema_list")).content.decode()
    response = client.post(
        url("cinema_create"),
        {
            "operator": minsk.pk,
            "name": "Pobeda",
            "city": "Minsk",
            "country": "BY",
            "time_zone": "Europe/Minsk",
        },
    )
    cinema = Cinema.objects.get(name="Pobeda")
    assert response.status_code == 302
    assert response["Location"] == url("cinema_detail", cinema.pk)
    response = client.post(
        url("screen_create", cinema.pk),
        {"name": "Big hall", "capacity": "۳۲۰", "certificate_thumbprint": THUMBPRINT},
    )
    assert response.status_code == 302
    screen = Screen.objects.get(cinema=cinema)
    assert (screen.name, screen.capacity, screen.certificate_thumbprint) == ("Big hall", 320, THUMBPRINT)
    page = client.get(url("cinema_detail", cinema.pk)).content.decode()
    assert "Big hall" in page
    assert THUMBPRINT in page
    assert "Pobeda" in client.get(url("cinema_list")).content.decode()


def test_a_cinema_with_a_taken_name_is_refused_at_the_name(client, minsk, cinema, licensee_editor):
    signed_in(client, licensee_editor)
    response = client.post(
        url("cinema_create"),
        {
            "operator": minsk.pk,
            "name": "Oktyabr",
            "city": "Minsk",
            "country": "BY",
            "time_zone": "Europe/Minsk",
        },
    )
    assert response.status_code == 200
    assert field_errors(response.content.decode(), "id_name")
    assert Cinema.objects.filter(name="Oktyabr").count() == 1


def test_others_see_a_cinema_but_only_its_operator_adds_screens(client, cinema, outsider):
    signed_in(client, outsider)
    page = client.get(url("cinema_detail", cinema.pk)).content.decode()
    assert "Hall 1" in page
    assert 'id="add-screen-heading"' not in page
    assert "Oktyabr" not in client.get(url("cinema_list")).content.decode()
    response = client.post(url("screen_create", cinema.pk), {"name": "Mine", "capacity": "10"})
    assert response.status_code == 403
    assert not Screen.objects.filter(name="Mine").exists()


# --- bookings ------------------------------------------------------------------------------------------


def booking_data(cinema, version, **changes):
    data = {
        "cinema": cinema.pk,
        "screens": [s.pk for s in cinema.screens.all()],
        "version": version.pk,
        "first_day": "2026-02-05",
        "last_day": "2026-03-04",
        "currency": "byn",
        "house_nut_per_week": "4 500,00",
    }
    data.update(changes)
    return data


def test_the_licensee_books_two_screens(client, deal, cinema, version, licensee_editor):
    signed_in(client, licensee_editor)
    page = client.get(url("booking_create", deal.reference)).content.decode()
    assert 'type="checkbox" name="screens"' in page
    assert "Hall 2" in page
    response = client.post(url("booking_create", deal.reference), booking_data(cinema, version))
    booking = Booking.objects.get(deal=deal)
    assert response.status_code == 302
    assert response["Location"] == url("booking_detail", booking.pk)
    assert sorted(s.name for s in booking.screens.all()) == ["Hall 1", "Hall 2"]
    assert (booking.currency, booking.house_nut_per_week) == ("BYN", Decimal("4500.00"))
    assert booking.first_day == date(2026, 2, 5)
    assert booking.last_day == date(2026, 3, 4)
    detail = client.get(response["Location"]).content.decode()
    assert "4,500.00" in detail
    assert "BYN" in detail


def test_a_cinema_outside_the_licensed_countries_is_refused_at_the_cinema(
    client, deal, minsk, version, licensee_editor
):
    moscow = cinema_with_screens(
        operator=minsk, name="Moskva", city="Moscow", country="RU", time_zone="Europe/Moscow"
    )
    signed_in(client, licensee_editor)
    response = client.post(url("booking_create", deal.reference), booking_data(moscow, version))
    assert response.status_code == 200
    assert "RU" in field_errors(response.content.decode(), "id_cinema")
    assert not Booking.objects.exists()


def test_days_beyond_the_licence_term_are_refused_at_the_last_day(
    client, deal, cinema, version, licensee_editor
):
    signed_in(client, licensee_editor)
    response = client.post(
        url("booking_create", deal.reference), booking_data(cinema, version, last_day="2027-01-10")
    )
    assert response.status_code == 200
    assert "31, 2026" in field_errors(response.content.decode(), "id_last_day")
    assert not Booking.objects.exists()


def test_a_version_in_an_unlicensed_language_is_refused_at_the_version(
    client, farabi, minsk, cinema, licensee_editor
):
    film = film_of(farabi)
    deal = active_deal(film=film, licensee=minsk, language_uses="ru:dubbed")
    persian = version_of(film, label="Persian original", subtitles=())
    signed_in(client, licensee_editor)
    response = client.post(url("booking_create", deal.reference), booking_data(cinema, persian))
    assert response.status_code == 200
    assert field_errors(response.content.decode(), "id_version")
    assert not Booking.objects.exists()


def test_an_unknown_currency_is_refused_at_the_currency(client, deal, cinema, version, licensee_editor):
    signed_in(client, licensee_editor)
    response = client.post(
        url("booking_create", deal.reference), booking_data(cinema, version, currency="XYZ")
    )
    assert "XYZ" in field_errors(response.content.decode(), "id_currency")
    assert not Booking.objects.exists()


# --- KDM requests on the cinema's clock -------------------------------------------------------------


def test_a_kdm_window_typed_in_minsk_time_is_stored_in_utc_and_shown_in_minsk_time(
    client, booking, licensee_editor
):
    signed_in(client, licensee_editor)
    hall = booking.screens.get(name="Hall 1")
    response = client.post(
        url("kdm_request", booking.pk),
        {"screen": hall.pk, "valid_from": "2026-01-01T10:00", "valid_until": "۲۰۲۶-۰۱-۲۸T۲۳:۳۰"},
    )
    assert response.status_code == 302
    kdm = KdmRequest.objects.get(booking=booking)
    assert kdm.valid_from == datetime(2026, 1, 1, 7, 0, tzinfo=UTC)
    assert kdm.valid_until == datetime(2026, 1, 28, 20, 30, tzinfo=UTC)
    page = client.get(url("booking_detail", booking.pk)).content.decode()
    assert 'title="2026-01-01 07:00 UTC"' in page
    assert "10:00" in page
    assert "23:30" in page
    assert "Europe/Minsk, UTC+03:00" in page


def test_the_same_local_time_in_tehran_is_another_moment(client, deal, minsk, version, licensee_editor):
    tehran = cinema_with_screens(
        operator=minsk, name="Azadi", city="Tehran", country="IR", time_zone="Asia/Tehran"
    )
    booking = booking_for(deal=deal, cinema=tehran, version=version, first_day=date(2026, 1, 1), weeks=1)
    signed_in(client, licensee_editor)
    response = client.post(
        url("kdm_request", booking.pk),
        {
            "screen": booking.screens.first().pk,
            "valid_from": "2026-01-01T10:00",
            "valid_until": "2026-01-07T23:59",
        },
    )
    assert response.status_code == 302
    kdm = KdmRequest.objects.get(booking=booking)
    assert kdm.valid_from == datetime(2026, 1, 1, 6, 30, tzinfo=UTC)
    page = client.get(url("booking_detail", booking.pk)).content.decode()
    assert "Asia/Tehran, UTC+03:30" in page
    assert 'title="2026-01-01 06:30 UTC"' in page


def test_a_kdm_window_outside_the_engagement_is_refused_at_the_field(client, booking, licensee_editor):
    signed_in(client, licensee_editor)
    response = client.post(
        url("kdm_request", booking.pk),
        {
            "screen": booking.screens.first().pk,
            "valid_from": "2025-12-31T23:00",  # the evening before the first day, in Minsk
            "valid_until": "2026-01-10T12:00",
        },
    )
    assert response.status_code == 200
    assert "Europe/Minsk" in field_errors(response.content.decode(), "id_valid_from")
    assert not KdmRequest.objects.exists()


def test_local_time_display_names_the_zone_and_keeps_utc_on_hover():
    moment = datetime(2026, 3, 1, 20, 15, tzinfo=UTC)
    minsk = str(local_datetime_html(moment, "Europe/Minsk"))
    tehran = str(local_datetime_html(moment, "Asia/Tehran"))
    assert "23:15" in minsk
    assert "Europe/Minsk, UTC+03:00" in minsk
    assert "23:45" in tehran
    assert "Asia/Tehran, UTC+03:30" in tehran
    assert 'title="2026-03-01 20:15 UTC"' in minsk
    assert 'title="2026-03-01 20:15 UTC"' in tehran
    with translation.override("fa"):
        persian = str(local_datetime_html(moment, "Asia/Tehran"))
    assert "۲۳:۴۵" in persian
    assert "Asia/Tehran, UTC+03:30" in persian


def test_money_has_the_currency_minor_units_and_the_language_digits():
    assert money_text(Decimal("1250.5"), "EUR") == "1,250.50\u00a0EUR"
    assert money_text(Decimal("1250"), "JPY") == "1,250\u00a0JPY"
    with translation.override("fa"):
        assert money_text(Decimal("1250.5"), "EUR") == "۱٬۲۵۰٫۵۰\u00a0EUR"


# --- deliveries ------------------------------------------------------------------------------------------


def test_a_delivery_without_a_licensed_language_is_flagged(client, farabi, minsk, licensee_editor):
    film = film_of(farabi)
    deal = active_deal(film=film, licensee=minsk, media="SVOD", language_uses="ru:subtitled be:subtitled")
    version = version_of(film, label="Persian, Russian subtitles", subtitles=("ru",))
    signed_in(client, licensee_editor)
    page = client.get(url("delivery_create", deal.reference)).content.decode()
    assert 'type="checkbox" name="subtitle_tracks"' in page
    response = client.post(
        url("delivery_create", deal.reference),
        {
            "version": version.pk,
            "subtitle_tracks": [version.subtitles.get().pk],
            "delivered_on": "2026-01-15",
        },
        follow=True,
    )
    delivery = Delivery.objects.get(deal=deal)
    assert delivery.missing_languages == "be"
    page = response.content.decode()
    assert "Belarusian" in page
    assert "cb-missing-languages" in page


# --- reports -----------------------------------------------------------------------------------------


def test_a_good_csv_is_accepted_with_its_row_count(client, deal, booking, licensee_editor):
    signed_in(client, licensee_editor)
    content = csv_bytes(
        BOX_OFFICE_HEADER,
        [
            ["Oktyabr", "Hall 1", "2026-01-01", "1200", "30000.00", "0.00", "600.00"],
            ["Oktyabr", "Hall 2", "2026-01-01", "800", "20000.00", "0", "400"],
        ],
    )
    response = upload_file(client, deal, "week1.csv", content)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="report-accepted"' in page
    assert "2 rows were imported" in page
    assert BoxOfficeEntry.objects.filter(booking=booking).count() == 2
    assert ReportUpload.objects.get().filename == "week1.csv"


def test_a_bad_csv_lists_every_problem_and_saves_nothing(client, deal, booking, licensee_editor):
    signed_in(client, licensee_editor)
    content = csv_bytes(
        BOX_OFFICE_HEADER,
        [
            ["Oktyabr", "Hall 1", "2026-01-01", "1200", "30000.00", "0.00", "600.00"],
            ["Oktyabr", "Hall 9", "2026-01-01", "800", "20000.00", "0", "400"],
            ["Oktyabr", "Hall 2", "2026-01-08", "many", "20000.001", "0", "400"],
        ],
    )
    response = upload_file(client, deal, "weeks.csv", content)
    page = response.content.decode()
    assert 'id="report-refused"' in page
    assert 'id="report-accepted"' not in page
    table = page.split('id="report-problems"')[1].split("</table>")[0]
    cells = [
        tuple(re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S))
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    ]
    where = {(row, column) for row, column, _reason in cells}
    assert {("3", "screen"), ("4", "admissions"), ("4", "gross")} <= where
    assert all(reason for _row, _column, reason in cells)
    assert not BoxOfficeEntry.objects.exists()
    assert not ReportUpload.objects.exists()


def test_an_xlsx_is_accepted_and_a_bad_one_refused(client, deal, booking, licensee_editor):
    signed_in(client, licensee_editor)
    good = xlsx_bytes(BOX_OFFICE_HEADER, [["Oktyabr", "Hall 1", "2026-01-08", 900, "25000.00", "0", "500"]])
    response = upload_file(client, deal, "week2.xlsx", good)
    assert "1 row was imported" in response.content.decode()
    assert BoxOfficeEntry.objects.get().playing_week == 2
    bad = xlsx_bytes(BOX_OFFICE_HEADER, [["Pobeda", "Hall 1", "2026-01-15", 900, "25000.00", "0", "500"]])
    response = upload_file(client, deal, "week3.xlsx", bad)
    page = response.content.decode()
    assert 'id="report-problems"' in page
    assert "Pobeda" in page
    assert BoxOfficeEntry.objects.count() == 1
    assert ReportUpload.objects.count() == 1


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused_at_the_file(client, deal, booking, licensee_editor):
    signed_in(client, licensee_editor)
    response = upload_file(client, deal, "week.pdf", b"%PDF-1.4")
    assert "CSV or XLSX" in field_errors(response.content.decode(), "id_file-file")
    assert not ReportUpload.objects.exists()


def test_one_week_reported_by_form(client, deal, booking, licensee_editor):
    signed_in(client, licensee_editor)
    row = {
        "report": "box_office",
        "bo-cinema": "Oktyabr",
        "bo-screen": "Hall 2",
        "bo-week_start": "2026-01-15",
        "bo-admissions": "۷۰۰",
        "bo-gross": "17 500,00",
        "bo-taxes": "0",
        "bo-levies": "350",
    }
    response = client.post(url("report_upload", deal.reference), row)
    assert "1 row was imported" in response.content.decode()
    entry = BoxOfficeEntry.objects.get()
    assert (entry.screen.name, entry.playing_week, entry.admissions, entry.gross) == (
        "Hall 2",
        3,
        700,
        Decimal("17500.00"),
    )
    row["bo-week_start"] = "2026-01-16"  # not the first day of a film week
    response = client.post(url("report_upload", deal.reference), row)
    assert field_errors(response.content.decode(), "id_bo-week_start")
    assert BoxOfficeEntry.objects.count() == 1


def test_the_box_office_form_waits_for_a_confirmed_booking(client, deal, cinema, version, licensee_editor):
    signed_in(client, licensee_editor)
    assert 'id="box-office-form"' not in client.get(url("report_upload", deal.reference)).content.decode()
    booking = booking_for(deal=deal, cinema=cinema, version=version, first_day=date(2026, 1, 1), weeks=1)
    page = client.get(url("report_upload", deal.reference)).content.decode()
    assert 'id="box-office-form"' in page
    assert '<option value="Oktyabr">' in page
    booking.status = BookingStatus.CANCELLED
    booking.save()
    assert 'id="box-office-form"' not in client.get(url("report_upload", deal.reference)).content.decode()


def test_usage_by_form_and_its_refusal_at_the_medium(client, deal, licensee_editor):
    signed_in(client, licensee_editor)
    row = {
        "report": "usage",
        "usage-month": "2026-02",
        "usage-territory": "BY",
        "usage-medium": "SVOD",
        "usage-views": "1200",
        "usage-minutes": "96000",
        "usage-revenue": "3600.00",
        "usage-currency": "BYN",
    }
    assert "1 row was imported" in client.post(url("report_upload", deal.reference), row).content.decode()
    assert UsageEntry.objects.get().revenue == Decimal("3600.00")
    row.update({"usage-month": "2026-03", "usage-medium": "AVOD"})
    response = client.post(url("report_upload", deal.reference), row)
    assert "AVOD" in field_errors(response.content.decode(), "id_usage-medium")
    assert UsageEntry.objects.count() == 1


# --- expenses and payments ----------------------------------------------------------------------------


def test_expenses_are_added_and_listed_with_their_currency(client, deal, licensee_editor, licensor_editor):
    signed_in(client, licensee_editor)
    data = {
        "incurred_on": "2026-01-05",
        "description": "Russian subtitles",
        "amount": "1250.5",
        "currency": "EUR",
    }
    response = client.post(url("expenses", deal.reference), data)
    assert response.status_code == 302
    assert Expense.objects.get().amount == Decimal("1250.50")
    response = client.post(url("expenses", deal.reference), {**data, "amount": "10.555"})
    assert "2 decimals" in field_errors(response.content.decode(), "id_amount")
    assert Expense.objects.count() == 1
    signed_in(client, licensor_editor)
    page = client.get(url("expenses", deal.reference)).content.decode()
    assert "Russian subtitles" in page
    assert "1,250.50\u00a0EUR" in page
    assert client.post(url("expenses", deal.reference), data).status_code == 403


def test_either_party_records_a_payment_in_the_deal_currency(client, deal, licensee_editor, licensor_editor):
    signed_in(client, licensee_editor)
    data = {"kind": "mg", "paid_on": "2026-01-02", "amount": "20000", "reference": "SWIFT 123"}
    assert client.post(url("payments", deal.reference), data).status_code == 302
    signed_in(client, licensor_editor)
    page = client.get(url("payments", deal.reference)).content.decode()
    assert "20,000.00\u00a0EUR" in page
    assert "SWIFT 123" in page
    assert client.post(url("payments", deal.reference), {**data, "kind": "flat_fee"}).status_code == 302
    assert Payment.objects.count() == 2


# --- the deal page, in Persian ---------------------------------------------------------------------


def test_the_exploitation_page_in_persian_is_right_to_left_with_persian_digits(
    client, deal, booking, licensee_editor
):
    KdmRequest.objects.create(
        booking=booking,
        screen=booking.screens.first(),
        valid_from=datetime(2026, 1, 1, 7, 0, tzinfo=UTC),
        valid_until=datetime(2026, 1, 2, 7, 0, tzinfo=UTC),
    )
    Expense.objects.create(
        deal=deal,
        incurred_on=date(2026, 1, 5),
        description="زیرنویس",
        amount=Decimal("1250.50"),
        currency="EUR",
    )
    signed_in(client, licensee_editor)
    page = client.get(url("deal_exploitation", deal.reference, language="fa")).content.decode()
    assert '<html lang="fa" dir="rtl">' in page
    assert "۱٬۲۵۰٫۵۰" in page
    assert "<bdi>Oktyabr</bdi>" in page
    detail = client.get(url("booking_detail", booking.pk, language="fa")).content.decode()
    assert 'dir="rtl"' in detail
    assert "۱۰:۰۰" in detail
    assert "Europe/Minsk, UTC+03:00" in detail


def test_the_licensee_cancels_a_booking_without_box_office(client, booking, licensee_editor, licensor_editor):
    signed_in(client, licensor_editor)
    assert "Cancel the booking" not in client.get(url("booking_detail", booking.pk)).content.decode()
    assert client.post(url("booking_cancel", booking.pk)).status_code == 403
    signed_in(client, licensee_editor)
    assert "Cancel the booking" in client.get(url("booking_detail", booking.pk)).content.decode()
    response = client.post(url("booking_cancel", booking.pk), follow=True)
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    page = response.content.decode()
    assert "Cancel the booking" not in page
    assert 'id="kdm-form"' not in page


def test_nothing_is_booked_under_a_deal_that_is_not_active(client, farabi, minsk, licensee_editor):
    deal = active_deal(film=film_of(farabi), licensee=minsk, status="offered")
    signed_in(client, licensee_editor)
    response = client.get(url("booking_create", deal.reference))
    assert response.status_code == 403
    page = client.get(url("deal_exploitation", deal.reference)).content.decode()
    assert url("booking_create", deal.reference) not in page


def test_the_deal_links_include_points_at_the_exploitation_page(deal):
    from django.template.loader import render_to_string

    html = render_to_string("exhibition/_deal_links.html", {"deal": deal})
    assert url("deal_exploitation", deal.reference) in html
    assert url("report_upload", deal.reference) in html


def test_a_second_exhibitor_cannot_book_on_someone_elses_deal(client, deal, cinema, version):
    other = member_of(exhibitor_org(), Role.EDITOR)
    signed_in(client, other)
    assert (
        client.post(url("booking_create", deal.reference), booking_data(cinema, version)).status_code == 404
    )
    assert not Booking.objects.exists()
