"""Box-office and usage reports by form, CSV and XLSX: good files are taken whole; a bad file names
every row, column and reason and saves nothing."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook

from cinebridge.exhibition import reports, services
from cinebridge.exhibition.models import BoxOfficeEntry, ReportUpload, UsageEntry
from cinebridge.exhibition.services import ReportRefused

from .factories import active_deal, booking_for, cinema_with_screens, editor_of, platform_org

pytestmark = pytest.mark.django_db

BOX_HEADER = ["cinema", "screen", "week_start", "admissions", "gross", "taxes", "levies"]
GOOD_BOX_ROWS = [
    ["Oktyabr", "Hall 1", "2026-01-01", "1200", "30000.00", "0", "600.00"],
    ["Oktyabr", "Hall 2", "2026-01-01", "800", "20000.00", "0", "400.00"],
    ["Oktyabr", "Hall 1", "2026-01-08", "1000", "25000.50", "0", "500.00"],
]
USAGE_HEADER = ["month", "territory", "media", "views", "minutes", "revenue", "currency"]


def sheet_datetime(year, month, day):
    """A date cell as openpyxl reads it back: a naive datetime at midnight."""
    return datetime(year, month, day)  # noqa: DTZ001 (spreadsheets know no time zones)


def csv_bytes(header, rows, *, delimiter=",", bom=False):
    text = "\r\n".join(delimiter.join(cells) for cells in [header, *rows]) + "\r\n"
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


def xlsx_bytes(header, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.create_sheet("Notes").append(["ignored"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def refusal(call, **kwargs):
    with pytest.raises(ReportRefused) as caught:
        call(**kwargs)
    return caught.value


def problems_of(error):
    return {(p.row, p.column) for p in error.problems}


def import_box_office(actor, deal, content, source="csv"):
    return services.box_office_import(
        actor=actor, deal=deal, source=source, content=content, filename=f"week.{source}"
    )


# --- box office: good files ---------------------------------------------------------------------


@pytest.mark.parametrize(("delimiter", "bom"), [(",", False), (";", True), (",", True)])
def test_a_csv_of_weekly_box_office_is_imported_whole(cinema_editor, deal, booking, delimiter, bom):
    content = csv_bytes(BOX_HEADER, GOOD_BOX_ROWS, delimiter=delimiter, bom=bom)
    upload = import_box_office(cinema_editor, deal, content)
    entries = list(upload.box_office_entries.order_by("row_number"))
    assert (upload.kind, upload.source, upload.row_count, upload.filename) == (
        "box_office",
        "csv",
        3,
        "week.csv",
    )
    assert [(e.row_number, e.screen.name, e.playing_week, e.admissions) for e in entries] == [
        (2, "Hall 1", 1, 1200),
        (3, "Hall 2", 1, 800),
        (4, "Hall 1", 2, 1000),
    ]
    assert entries[2].gross == Decimal("25000.50")
    assert {e.currency for e in entries} == {"BYN"}
    assert {e.booking_id for e in entries} == {booking.pk}


def test_an_xlsx_with_numbers_dates_and_shuffled_columns_is_imported(cinema_editor, deal, booking):
    header = ["Week_Start", "Cinema", "Screen", "Admissions", "Gross", "Taxes", "Levies", "Comment"]
    rows = [
        [sheet_datetime(2026, 1, 15), "oktyabr", "hall 2", 640, 16000.5, 0, 320, "snow"],
        [date(2026, 1, 22), "Oktyabr", "Hall 2", "۵۰۰", "۱۲۵۰۰٫۲۵", "0", "250", None],
        [None, None, None, None, None, None, None, None],
    ]
    upload = import_box_office(cinema_editor, deal, xlsx_bytes(header, rows), source="xlsx")
    entries = list(upload.box_office_entries.order_by("week_start"))
    assert [(e.playing_week, e.admissions, e.gross, e.levies) for e in entries] == [
        (3, 640, Decimal("16000.5"), Decimal("320")),
        (4, 500, Decimal("12500.25"), Decimal("250")),
    ]


def test_box_office_entered_in_a_form_counts_form_lines_as_rows(cinema_editor, deal, booking):
    upload = services.box_office_import(
        actor=cinema_editor,
        deal=deal,
        source="form",
        rows=[
            {
                "cinema": "Oktyabr",
                "screen": "Hall 1",
                "week_start": date(2026, 1, 1),
                "admissions": 10,
                "gross": Decimal("250.00"),
                "taxes": Decimal("0"),
                "levies": Decimal("5.00"),
            },
        ],
    )
    assert upload.source == "form"
    assert upload.box_office_entries.get().row_number == 1


# --- box office: bad files ----------------------------------------------------------------------


def test_a_wrong_header_names_the_missing_columns(cinema_editor, deal, booking):
    header = ["cinema", "hall", "week_start", "admissions", "gross", "taxes", "levies"]
    error = refusal(
        import_box_office, actor=cinema_editor, deal=deal, content=csv_bytes(header, GOOD_BOX_ROWS)
    )
    assert problems_of(error) == {(1, "screen")}
    assert "screen" in error.problems[0].message
    assert not ReportUpload.objects.exists()


@pytest.mark.parametrize("source", ["csv", "xlsx"])
def test_every_bad_cell_is_named_and_nothing_is_saved(cinema_editor, deal, booking, source):
    rows = [
        GOOD_BOX_ROWS[0],  # row 2: fine
        ["Oktyabr", "Hall 1", "2026-01-08", "many", "100", "0", "0"],  # 3: bad number
        ["Oktyabr", "Hall 2", "2026-01-08", "-5", "100", "0", "0"],  # 4: negative admissions
        ["Oktyabr", "Hall 2", "2026-01-15", "5", "-100", "0", "0"],  # 5: negative gross
        ["Oktyabr", "Hall 1", "2026-01-15", "5", "100", "60", "50"],  # 6: taxes + levies > gross
        ["Pobeda", "Hall 1", "2026-01-15", "5", "100", "0", "0"],  # 7: unknown cinema
        ["Oktyabr", "Hall 9", "2026-01-22", "5", "100", "0", "0"],  # 8: unknown screen
        ["Oktyabr", "Hall 1", "2026-02-05", "5", "100", "0", "0"],  # 9: after the booking
        ["Oktyabr", "Hall 1", "2026-01-09", "5", "100", "0", "0"],  # 10: not a film week's first day
        ["Oktyabr", "Hall 2", "2026-01-22", "5", "100.005", "0", "0"],  # 11: three decimals of BYN
        ["Oktyabr", "Hall 2", "2026-01-32", "5", "100", "0", "0"],  # 12: not a date
        ["Oktyabr", "Hall 1", "2026-01-01", "5", "100", "0", "0"],  # 13: repeats row 2
    ]
    content = csv_bytes(BOX_HEADER, rows) if source == "csv" else xlsx_bytes(BOX_HEADER, rows)
    error = refusal(import_box_office, actor=cinema_editor, deal=deal, content=content, source=source)
    assert problems_of(error) == {
        (3, "admissions"),
        (4, "admissions"),
        (5, "gross"),
        (6, "taxes"),
        (7, "cinema"),
        (8, "screen"),
        (9, "week_start"),
        (10, "week_start"),
        (11, "gross"),
        (12, "week_start"),
        (13, "week_start"),
    }
    messages = {(p.row, p.column): p.message for p in error.problems}
    assert "many" in messages[(3, "admissions")]
    assert "Pobeda" in messages[(7, "cinema")]
    assert "Hall 9" in messages[(8, "screen")]
    assert "BYN" in messages[(11, "gross")]
    assert "11" in error.message
    assert error.extra["problems"][0] == {
        "row": 3,
        "column": "admissions",
        "message": messages[(3, "admissions")],
    }
    assert not BoxOfficeEntry.objects.exists()
    assert not ReportUpload.objects.exists()


def test_a_week_already_reported_is_refused(cinema_editor, deal, booking):
    first = import_box_office(cinema_editor, deal, csv_bytes(BOX_HEADER, GOOD_BOX_ROWS[:1]))
    error = refusal(
        import_box_office, actor=cinema_editor, deal=deal, content=csv_bytes(BOX_HEADER, GOOD_BOX_ROWS)
    )
    assert problems_of(error) == {(2, "week_start")}
    assert f"#{first.pk}" in error.problems[0].message
    assert BoxOfficeEntry.objects.count() == 1


def test_a_currency_column_must_match_the_booking(cinema_editor, deal, booking):
    header = [*BOX_HEADER, "currency"]
    rows = [[*GOOD_BOX_ROWS[0], "BYN"], [*GOOD_BOX_ROWS[1], "EUR"], [*GOOD_BOX_ROWS[2], "BYR1"]]
    error = refusal(import_box_office, actor=cinema_editor, deal=deal, content=csv_bytes(header, rows))
    assert problems_of(error) == {(3, "currency"), (4, "currency")}


def test_a_file_that_is_not_what_it_claims_is_refused(cinema_editor, deal, booking):
    error = refusal(
        import_box_office, actor=cinema_editor, deal=deal, content=b"PK\x03\x04 not a zip", source="xlsx"
    )
    assert problems_of(error) == {(1, "")}
    error = refusal(
        import_box_office, actor=cinema_editor, deal=deal, content="cinema;screen\n".encode("utf-16")
    )
    assert problems_of(error) == {(1, "")}
    error = refusal(import_box_office, actor=cinema_editor, deal=deal, content=csv_bytes(BOX_HEADER, []))
    assert problems_of(error) == {(1, "")}


def test_a_refusal_lists_at_most_the_limit(cinema_editor, deal, booking):
    rows = [["Oktyabr", "Hall 1", "2026-01-01", "x", "y", "0", "0"]] * reports.MAX_PROBLEMS
    error = refusal(import_box_office, actor=cinema_editor, deal=deal, content=csv_bytes(BOX_HEADER, rows))
    assert len(error.problems) == reports.MAX_PROBLEMS
    assert error.truncated


def test_weeks_of_a_second_booking_in_the_same_cinema_find_their_booking(
    cinema_editor, deal, booking, cinema, version
):
    later = booking_for(deal=deal, cinema=cinema, version=version, first_day=date(2026, 3, 6), weeks=2)
    upload = import_box_office(
        cinema_editor,
        deal,
        csv_bytes(BOX_HEADER, [["Oktyabr", "Hall 1", "2026-03-13", "5", "100", "0", "0"]]),
    )
    entry = upload.box_office_entries.get()
    assert (entry.booking_id, entry.playing_week) == (later.pk, 2)


# --- usage --------------------------------------------------------------------------------------


@pytest.fixture
def platform_deal(film, farabi):
    return active_deal(
        film=film,
        licensor=farabi,
        licensee=platform_org(),
        media="ON_DEMAND excluding AVOD",
        territories="BY, KZ",
        language_uses="ru:subtitled",
        start=date(2026, 1, 15),
        end=date(2026, 7, 1),
        currency="USD",
    )


@pytest.fixture
def platform_editor(platform_deal):
    return editor_of(platform_deal.licensee)


def test_monthly_usage_is_imported_from_csv_and_xlsx(platform_editor, platform_deal):
    rows = [
        ["2026-01", "BY", "SVOD", "100", "9000", "1200.00", "BYN"],
        ["2026-02", "kz", "tvod", "۳۰", "۲۷۰۰", "15000", "KZT"],
    ]
    upload = services.usage_import(
        actor=platform_editor, deal=platform_deal, source="csv", content=csv_bytes(USAGE_HEADER, rows)
    )
    assert upload.row_count == 2
    entries = list(UsageEntry.objects.order_by("month"))
    assert [(e.month, e.territory, e.media, e.views, e.revenue, e.currency) for e in entries] == [
        (date(2026, 1, 1), "BY", "SVOD", 100, Decimal("1200.00"), "BYN"),
        (date(2026, 2, 1), "KZ", "TVOD", 30, Decimal("15000"), "KZT"),
    ]
    xlsx_rows = [[sheet_datetime(2026, 3, 1), "BY", "SVOD", 90, 8100, 1100.5, "BYN"]]
    services.usage_import(
        actor=platform_editor, deal=platform_deal, source="xlsx", content=xlsx_bytes(USAGE_HEADER, xlsx_rows)
    )
    assert UsageEntry.objects.get(month=date(2026, 3, 1)).revenue == Decimal("1100.5")


def test_bad_usage_rows_are_all_named_and_nothing_is_saved(platform_editor, platform_deal):
    rows = [
        ["2026-01", "BY", "SVOD", "100", "9000", "1200.00", "BYN"],  # 2: fine (the term starts mid-January)
        ["2025-12", "BY", "SVOD", "1", "1", "1", "BYN"],  # 3: before the term
        ["2026-07", "BY", "SVOD", "1", "1", "1", "BYN"],  # 4: after the term
        ["2026-02", "RU", "SVOD", "1", "1", "1", "BYN"],  # 5: territory not licensed
        ["2026-02", "BY", "AVOD", "1", "1", "1", "BYN"],  # 6: medium not licensed
        ["2026-02", "BY", "TVOD", "-1", "1", "1", "BYN"],  # 7: negative views
        ["2026-02", "BY", "EST", "1", "1", "1", "BYX"],  # 8: wrong currency code
        ["2026-03", "BY", "SVOD", "1", "1", "1.5", "JPY"],  # 9: JPY has no decimals
        ["2026-13", "BY", "SVOD", "1", "1", "1", "BYN"],  # 10: not a month
        ["2026-01", "BY", "SVOD", "1", "1", "1", "BYN"],  # 11: repeats row 2
        ["2026-04", "XX", "SVOD", "1", "x", "1", "BYN"],  # 12: not a country, bad minutes
    ]
    error = refusal(
        services.usage_import,
        actor=platform_editor,
        deal=platform_deal,
        source="csv",
        content=csv_bytes(USAGE_HEADER, rows),
    )
    assert problems_of(error) == {
        (3, "month"),
        (4, "month"),
        (5, "territory"),
        (6, "media"),
        (7, "views"),
        (8, "currency"),
        (9, "revenue"),
        (10, "month"),
        (11, "month"),
        (12, "territory"),
        (12, "minutes"),
    }
    assert not UsageEntry.objects.exists()
    assert not ReportUpload.objects.exists()


def test_a_month_already_reported_is_refused(platform_editor, platform_deal):
    row = [["2026-02", "BY", "SVOD", "1", "1", "1", "BYN"]]
    services.usage_import(
        actor=platform_editor, deal=platform_deal, source="csv", content=csv_bytes(USAGE_HEADER, row)
    )
    error = refusal(
        services.usage_import,
        actor=platform_editor,
        deal=platform_deal,
        source="csv",
        content=csv_bytes(USAGE_HEADER, row),
    )
    assert problems_of(error) == {(2, "month")}


# --- cell readers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"), [("1200", 1200), ("1 200", 1200), ("۱۲۰۰", 1200), ("١٢٠٠", 1200), ("0", 0)]
)
def test_counts_accept_persian_and_arabic_indic_digits(text, expected):
    assert reports.read_count(text) == expected


@pytest.mark.parametrize("text", ["", "-3", "1.5", "12a"])
def test_counts_are_whole_and_not_negative(text):
    with pytest.raises(reports.CellError):
        reports.read_count(text)


def test_dates_and_months_are_iso():
    assert reports.read_date("۲۰۲۶-۰۱-۰۸") == date(2026, 1, 8)
    assert reports.read_month("2026-02") == reports.read_month("2026-02-01") == date(2026, 2, 1)
    for bad in ("08.01.2026", "2026-02-30", ""):
        with pytest.raises(reports.CellError):
            reports.read_date(bad)
    with pytest.raises(reports.CellError):
        reports.read_month("2026-02-15")


def test_amounts_keep_to_the_currency_s_minor_units():
    assert reports.read_amount("1 234,50", currency="EUR") == Decimal("1234.50")
    assert reports.read_amount("۱۲۳۴٫۵", currency="EUR") == Decimal("1234.5")
    with pytest.raises(reports.CellError, match="decimals"):
        reports.read_amount("1.5", currency="JPY")
    with pytest.raises(reports.CellError):
        reports.read_amount("-1", currency="EUR")
    with pytest.raises(reports.CellError):
        reports.read_amount("NaN", currency="EUR")


def test_box_office_uploads_go_to_the_deal_only(cinema_editor, deal, booking, film, farabi, minsk_cinemas):
    # A second deal of the same licensee with its own cinema: the first deal's file cannot reach it.
    other = active_deal(film=film, licensor=farabi, licensee=minsk_cinemas, media="THEATRICAL")
    pobeda = cinema_with_screens(operator=minsk_cinemas, name="Pobeda")
    booking_for(deal=other, cinema=pobeda)
    error = refusal(
        import_box_office,
        actor=cinema_editor,
        deal=deal,
        content=csv_bytes(BOX_HEADER, [["Pobeda", "Hall 1", "2026-01-01", "5", "100", "0", "0"]]),
    )
    assert problems_of(error) == {(2, "cinema")}
