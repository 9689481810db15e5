"""Exhibition over REST: cinemas, bookings inside the licence, KDM windows in the cinema's time, reports
all-or-nothing with every problem named, expenses, payments and statements equal to the engine's."""

import io
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.api.tests.helpers import bearer
from cinebridge.deals.models import Deal
from cinebridge.deals.tests.factories import active_deal, exhibitor
from cinebridge.exhibition import services, statement_selectors
from cinebridge.exhibition.models import (
    Booking,
    BoxOfficeEntry,
    Cinema,
    Expense,
    KdmRequest,
    Payment,
    ReportUpload,
    Screen,
    Statement,
    UsageEntry,
)
from cinebridge.rights import loader

from .factories import THUMBPRINT, cinema_with_screens, version_of

pytestmark = pytest.mark.django_db

API = "/api/v1/exhibition"
BOX_OFFICE_HEADER = "cinema,screen,week_start,admissions,gross,taxes,levies\n"


@pytest.fixture(autouse=True)
def _fresh_index():
    loader.forget_current_index()
    yield
    loader.forget_current_index()


@pytest.fixture
def deal() -> Deal:
    """Farabi-like IR licensor → BY exhibitor: theatrical and SVOD in Belarus for 2026, MG + sliding scale."""
    return active_deal(media="THEATRICAL, SVOD")


@pytest.fixture
def cinema_editor(deal):
    return deal.licensee_signed_by


@pytest.fixture
def licensor_editor(deal):
    return deal.licensor_signed_by


@pytest.fixture
def cinema(deal) -> Cinema:
    return cinema_with_screens(operator=deal.licensee)


@pytest.fixture
def version(deal):
    return version_of(deal.film, audio_language="fa", subtitles=("ru",))


@pytest.fixture
def booking(deal, cinema, version, cinema_editor) -> Booking:
    return services.booking_create(
        actor=cinema_editor,
        deal=deal,
        cinema=cinema,
        screens=list(cinema.screens.all()),
        version=version,
        first_day=date(2026, 1, 1),
        last_day=date(2026, 1, 28),
        currency="BYN",
        house_nut_per_week=Decimal("4500.00"),
    )


@pytest.fixture
def outsider():
    """An administrator of a Russian cinema network: party to nothing here."""
    return member_of(OrganisationFactory(kind=OrganisationKind.EXHIBITOR, country="RU"), Role.ADMIN)


def _post(client, url: str, user, body: dict[str, Any]):
    return client.post(url, body, content_type="application/json", **bearer(user))


def _csv(text: str, name: str = "week.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


# --- cinemas -------------------------------------------------------------------------------------


def test_an_exhibitor_adds_a_cinema_and_a_screen_which_everyone_may_list(client, deal, cinema_editor):
    created = _post(
        client,
        f"{API}/cinemas",
        cinema_editor,
        {
            "operator": deal.licensee.slug,
            "name": "Pobeda",
            "city": "Hrodna",
            "country": "by",
            "time_zone": "Europe/Minsk",
        },
    )
    assert created.status_code == 201, created.content
    cinema_id = created.json()["id"]

    screen = _post(
        client,
        f"{API}/cinemas/{cinema_id}/screens",
        cinema_editor,
        {"name": "Hall 1", "capacity": 180, "certificate_thumbprint": THUMBPRINT},
    )
    assert screen.status_code == 201, screen.content

    listed = client.get(f"{API}/cinemas", {"country": "BY"}).json()
    assert listed["count"] == 1
    assert listed["items"][0]["country"] == "BY"
    assert [s["name"] for s in listed["items"][0]["screens"]] == ["Hall 1"]
    assert client.get(f"{API}/cinemas/{cinema_id}").json()["time_zone"] == "Europe/Minsk"


def test_a_cinema_is_refused_with_the_field_at_fault(client, deal, cinema_editor):
    response = _post(
        client,
        f"{API}/cinemas",
        cinema_editor,
        {
            "operator": deal.licensee.slug,
            "name": "Pobeda",
            "city": "Hrodna",
            "country": "BY",
            "time_zone": "Mars/Olympus",
        },
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "time_zone"]
    assert not Cinema.objects.exists()


def test_only_the_operators_editors_add_screens(client, cinema, outsider):
    response = _post(
        client, f"{API}/cinemas/{cinema.pk}/screens", outsider, {"name": "Hall 9", "capacity": 50}
    )

    assert response.status_code == 403
    assert not Screen.objects.filter(name="Hall 9").exists()


# --- bookings and KDM requests -------------------------------------------------------------------


def test_the_licensee_books_two_screens_inside_the_licence(client, deal, cinema, version, cinema_editor):
    screens = [s.pk for s in cinema.screens.all()]

    response = _post(
        client,
        f"{API}/bookings",
        cinema_editor,
        {
            "deal": deal.reference,
            "cinema": cinema.pk,
            "screens": screens,
            "version": version.pk,
            "first_day": "2026-01-01",
            "last_day": "2026-01-28",
            "currency": "BYN",
            "house_nut_per_week": "4500.00",
        },
    )

    assert response.status_code == 201, response.content
    booking = response.json()
    assert booking["deal"] == deal.reference
    assert sorted(s["id"] for s in booking["screens"]) == sorted(screens)
    assert booking["house_nut_per_week"] == "4500.00"
    assert booking["kdm_requests"] == []
    assert booking["box_office"] == []


def test_a_booking_outside_the_licence_term_is_refused(client, deal, cinema, version, cinema_editor):
    response = _post(
        client,
        f"{API}/bookings",
        cinema_editor,
        {
            "deal": deal.reference,
            "cinema": cinema.pk,
            "screens": [s.pk for s in cinema.screens.all()],
            "version": version.pk,
            "first_day": "2026-12-20",
            "last_day": "2027-01-10",
            "currency": "BYN",
        },
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "last_day"]
    assert not Booking.objects.exists()


def test_screens_of_another_cinema_are_refused_on_the_screens_field(
    client, deal, cinema, version, cinema_editor
):
    elsewhere = cinema_with_screens(operator=deal.licensee, name="Pobeda", screens=("Hall 7",))

    response = _post(
        client,
        f"{API}/bookings",
        cinema_editor,
        {
            "deal": deal.reference,
            "cinema": cinema.pk,
            "screens": [elsewhere.screens.get().pk],
            "version": version.pk,
            "first_day": "2026-01-01",
            "last_day": "2026-01-28",
            "currency": "BYN",
        },
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "screens"]


def test_a_kdm_window_without_an_offset_is_the_cinemas_local_time(client, booking, cinema_editor):
    screen = booking.screens.order_by("name").first()

    response = _post(
        client,
        f"{API}/bookings/{booking.pk}/kdm-requests",
        cinema_editor,
        {"screen": screen.pk, "valid_from": "2026-01-01T00:00:00", "valid_until": "2026-01-08T00:00:00"},
    )

    assert response.status_code == 201, response.content
    kdm = KdmRequest.objects.get()
    # Minsk is UTC+3: local midnight is 21:00 UTC the day before.
    assert kdm.valid_from == datetime(2025, 12, 31, 21, 0, tzinfo=UTC)
    assert response.json()["valid_from_local"].startswith("2026-01-01T00:00:00+03:00")
    detail = client.get(f"{API}/bookings/{booking.pk}", **bearer(cinema_editor)).json()
    assert [k["id"] for k in detail["kdm_requests"]] == [kdm.pk]


def test_a_kdm_window_outside_the_engagement_is_refused(client, booking, cinema_editor):
    screen = booking.screens.order_by("name").first()

    response = _post(
        client,
        f"{API}/bookings/{booking.pk}/kdm-requests",
        cinema_editor,
        {
            "screen": screen.pk,
            "valid_from": "2026-01-20T10:00:00+03:00",
            "valid_until": "2026-02-05T10:00:00+03:00",
        },
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][1] in {"valid_from", "valid_until"}
    assert not KdmRequest.objects.exists()


def test_bookings_are_listed_for_the_parties_and_hidden_from_others(
    client, booking, licensor_editor, outsider
):
    theirs = client.get(f"{API}/bookings", {"deal": booking.deal.reference}, **bearer(licensor_editor)).json()
    others = client.get(f"{API}/bookings", **bearer(outsider)).json()

    assert [b["id"] for b in theirs["items"]] == [booking.pk]
    assert others == {"items": [], "count": 0}
    assert client.get(f"{API}/bookings/{booking.pk}", **bearer(outsider)).status_code == 404
    assert (
        client.get(f"{API}/bookings", {"deal": booking.deal.reference}, **bearer(outsider)).status_code == 404
    )


# --- deliveries ----------------------------------------------------------------------------------


def test_a_delivery_flags_the_licensed_languages_it_lacks(client):
    deal = active_deal(media="SVOD", language_uses="fa:original ru:subtitled be:subtitled")
    editor = deal.licensee_signed_by
    version = version_of(deal.film, audio_language="fa", subtitles=("ru",))

    response = _post(
        client,
        f"{API}/deals/{deal.reference}/deliveries",
        editor,
        {
            "version": version.pk,
            "subtitle_tracks": [t.pk for t in version.subtitles.all()],
            "delivered_on": "2026-01-05",
        },
    )

    assert response.status_code == 201, response.content
    assert response.json()["missing_languages"] == ["be"]
    listed = client.get(f"{API}/deals/{deal.reference}/deliveries", **bearer(editor)).json()
    assert [d["id"] for d in listed] == [response.json()["id"]]


# --- reports -------------------------------------------------------------------------------------


def test_box_office_in_a_csv_file_is_imported(client, booking, cinema_editor):
    content = BOX_OFFICE_HEADER + (
        "Oktyabr,Hall 1,2026-01-01,1200,30000.00,0.00,600.00\n"
        "Oktyabr,Hall 2,2026-01-01,800,20000.00,0.00,400.00\n"
    )

    response = client.post(
        f"{API}/deals/{booking.deal.reference}/reports/box-office",
        {"file": _csv(content)},
        **bearer(cinema_editor),
    )

    assert response.status_code == 201, response.content
    assert response.json()["source"] == "csv"
    assert response.json()["row_count"] == 2
    assert BoxOfficeEntry.objects.count() == 2
    detail = client.get(f"{API}/bookings/{booking.pk}", **bearer(cinema_editor)).json()
    assert sorted(e["gross"] for e in detail["box_office"]) == ["20000.00", "30000.00"]


def test_a_bad_box_office_file_imports_nothing_and_names_each_row_and_column(client, booking, cinema_editor):
    content = BOX_OFFICE_HEADER + (
        "Oktyabr,Hall 1,2026-01-01,1200,30000.00,0.00,600.00\n"
        "Oktyabr,Hall 1,2026-01-08,many,25000.005,0.00,500.00\n"
    )

    response = client.post(
        f"{API}/deals/{booking.deal.reference}/reports/box-office",
        {"file": _csv(content)},
        **bearer(cinema_editor),
    )

    assert response.status_code == 422
    body = response.json()
    assert isinstance(body["detail"], str)
    assert body["detail"]
    assert {(p["row"], p["column"]) for p in body["problems"]} >= {(3, "admissions"), (3, "gross")}
    assert not BoxOfficeEntry.objects.exists()
    assert not ReportUpload.objects.exists()


def test_box_office_rows_may_be_sent_as_json(client, booking, cinema_editor):
    rows = [
        {
            "cinema": "Oktyabr",
            "screen": "Hall 1",
            "week_start": "2026-01-08",
            "admissions": 900,
            "gross": "22500.00",
            "taxes": "0",
            "levies": "450.00",
        },
    ]

    response = _post(
        client, f"{API}/deals/{booking.deal.reference}/reports/box-office", cinema_editor, {"rows": rows}
    )

    assert response.status_code == 201, response.content
    assert response.json()["source"] == "form"
    entry = BoxOfficeEntry.objects.get()
    assert (entry.playing_week, entry.admissions, entry.gross) == (2, 900, Decimal("22500.00"))


def test_a_report_of_another_kind_is_refused(client, booking, cinema_editor):
    reference = booking.deal.reference
    wrong_file = client.post(
        f"{API}/deals/{reference}/reports/box-office",
        {"file": SimpleUploadedFile("week.pdf", b"%PDF-1.7", content_type="application/pdf")},
        **bearer(cinema_editor),
    )
    wrong_type = client.post(
        f"{API}/deals/{reference}/reports/box-office",
        "cinema,screen",
        content_type="text/csv",
        **bearer(cinema_editor),
    )

    assert wrong_file.status_code == 422
    assert wrong_file.json()["detail"][0]["loc"] == ["body", "file"]
    assert wrong_type.status_code == 415
    assert not ReportUpload.objects.exists()


def test_usage_is_reported_in_an_xlsx_file(client, deal, cinema_editor):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["month", "territory", "media", "views", "minutes", "revenue", "currency"])
    sheet.append(["2026-01", "BY", "SVOD", 100, 9000, "1200.00", "BYN"])
    data = io.BytesIO()
    workbook.save(data)
    upload = SimpleUploadedFile("january.xlsx", data.getvalue())

    response = client.post(
        f"{API}/deals/{deal.reference}/reports/usage", {"file": upload}, **bearer(cinema_editor)
    )

    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "usage"
    assert response.json()["source"] == "xlsx"
    entry = UsageEntry.objects.get()
    assert (entry.month, entry.views, entry.revenue) == (date(2026, 1, 1), 100, Decimal("1200.00"))
    listed = client.get(f"{API}/deals/{deal.reference}/reports", **bearer(cinema_editor)).json()
    assert [r["kind"] for r in listed] == ["usage"]


def test_an_outsider_cannot_report_on_a_deal_it_cannot_see(client, booking, outsider):
    content = BOX_OFFICE_HEADER + "Oktyabr,Hall 1,2026-01-01,1200,30000.00,0.00,600.00\n"

    response = client.post(
        f"{API}/deals/{booking.deal.reference}/reports/box-office",
        {"file": _csv(content)},
        **bearer(outsider),
    )

    assert response.status_code == 404
    assert not BoxOfficeEntry.objects.exists()


# --- expenses, payments, statements --------------------------------------------------------------


def test_expenses_and_payments_are_recorded_and_listed(client, deal, cinema_editor, licensor_editor):
    expense = _post(
        client,
        f"{API}/deals/{deal.reference}/expenses",
        cinema_editor,
        {"incurred_on": "2026-01-05", "description": "Subtitles", "amount": "۵۰۰٫۰۰", "currency": "EUR"},
    )
    payment = _post(
        client,
        f"{API}/deals/{deal.reference}/payments",
        cinema_editor,
        {"kind": "mg", "paid_on": "2026-01-02", "amount": "20000", "reference": "SWIFT 1"},
    )

    assert expense.status_code == 201, expense.content
    assert expense.json()["amount"] == "500.00"
    assert payment.status_code == 201, payment.content
    paid = payment.json()
    assert (paid["kind"], paid["amount"], paid["currency"], paid["reference"]) == (
        "mg",
        "20000.00",
        "EUR",
        "SWIFT 1",
    )
    for user in (cinema_editor, licensor_editor):
        assert [
            e["description"]
            for e in client.get(f"{API}/deals/{deal.reference}/expenses", **bearer(user)).json()
        ] == ["Subtitles"]
        assert [
            p["amount"] for p in client.get(f"{API}/deals/{deal.reference}/payments", **bearer(user)).json()
        ] == ["20000.00"]


def test_an_amount_with_more_decimals_than_the_currency_allows_is_refused(client, deal, cinema_editor):
    response = _post(
        client,
        f"{API}/deals/{deal.reference}/expenses",
        cinema_editor,
        {"incurred_on": "2026-01-05", "description": "Posters", "amount": "10.005", "currency": "EUR"},
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "amount"]
    assert not Expense.objects.exists()
    assert not Payment.objects.exists()


def _four_weeks(client, booking, editor) -> None:
    rows = [
        {
            "cinema": "Oktyabr",
            "screen": screen,
            "week_start": week,
            "admissions": "1000",
            "gross": "30000.00",
            "taxes": "0.00",
            "levies": "600.00",
        }
        for week in ("2026-01-01", "2026-01-08", "2026-01-15", "2026-01-22")
        for screen in ("Hall 1", "Hall 2")
    ]
    response = _post(
        client, f"{API}/deals/{booking.deal.reference}/reports/box-office", editor, {"rows": rows}
    )
    assert response.status_code == 201, response.content


def _rate(editor) -> None:
    services.exchange_rate_record(
        actor=editor, base="BYN", quote="EUR", on=date(2025, 12, 31), rate=Decimal("0.28"), source="NBRB"
    )


def test_the_draft_statement_is_the_engines_output(client, booking, cinema_editor, licensor_editor):
    _four_weeks(client, booking, cinema_editor)
    _rate(licensor_editor)
    deal = booking.deal

    response = client.get(
        f"{API}/deals/{deal.reference}/statement",
        {"start": "2026-01-01", "end": "2026-03-31"},
        **bearer(licensor_editor),
    )

    assert response.status_code == 200, response.content
    expected = statement_selectors.statement_compute(
        statement_selectors.statement_input(
            deal=deal, period_start=date(2026, 1, 1), period_end=date(2026, 3, 31)
        )
    )
    assert response.json() == expected
    assert response.json()["engine"] == "royalties"
    assert Decimal(response.json()["totals"]["film_rental"]) > 0


def test_a_period_that_ends_before_it_starts_is_refused(client, deal, licensor_editor):
    response = client.get(
        f"{API}/deals/{deal.reference}/statement",
        {"start": "2026-03-01", "end": "2026-01-31"},
        **bearer(licensor_editor),
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "end"]


def test_an_issued_statement_keeps_its_document_and_input(client, booking, cinema_editor, licensor_editor):
    _four_weeks(client, booking, cinema_editor)
    _rate(licensor_editor)
    reference = booking.deal.reference

    issued = _post(
        client,
        f"{API}/deals/{reference}/statements",
        licensor_editor,
        {"start": "2026-01-01", "end": "2026-01-31"},
    )

    assert issued.status_code == 201, issued.content
    statement = Statement.objects.get()
    body = issued.json()
    assert (body["id"], body["number"], body["deal"]) == (statement.pk, 1, reference)
    assert body["document"] == statement.document
    assert body["inputs_digest"] == statement_selectors.input_digest(body["inputs"])
    assert client.get(f"{API}/statements/{statement.pk}", **bearer(cinema_editor)).json() == body
    listed = client.get(f"{API}/deals/{reference}/statements", **bearer(cinema_editor)).json()
    assert [s["id"] for s in listed] == [statement.pk]
    pdf = client.get(f"{API}/statements/{statement.pk}.pdf", {"lang": "ru"}, **bearer(cinema_editor))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def test_an_outsider_can_neither_read_nor_issue_statements(
    client, booking, cinema_editor, licensor_editor, outsider
):
    _four_weeks(client, booking, cinema_editor)
    _rate(licensor_editor)
    reference = booking.deal.reference
    statement = _post(
        client,
        f"{API}/deals/{reference}/statements",
        licensor_editor,
        {"start": "2026-01-01", "end": "2026-01-31"},
    ).json()

    assert client.get(f"{API}/statements/{statement['id']}", **bearer(outsider)).status_code == 404
    assert client.get(f"{API}/statements/{statement['id']}.pdf", **bearer(outsider)).status_code == 404
    refused = _post(
        client, f"{API}/deals/{reference}/statements", outsider, {"start": "2026-01-01", "end": "2026-02-28"}
    )
    assert refused.status_code == 404
    assert Statement.objects.count() == 1


def test_an_exhibitor_of_the_same_country_sees_nothing_of_the_deal(client, booking):
    neighbour = member_of(exhibitor(), Role.ADMIN)  # another Belarusian cinema network
    reference = booking.deal.reference

    for url in (
        f"{API}/deals/{reference}/expenses",
        f"{API}/deals/{reference}/payments",
        f"{API}/deals/{reference}/reports",
        f"{API}/deals/{reference}/deliveries",
        f"{API}/deals/{reference}/statements",
    ):
        assert client.get(url, **bearer(neighbour)).status_code == 404, url
