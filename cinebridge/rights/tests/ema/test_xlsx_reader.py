import io
from datetime import date

import pytest
from openpyxl import Workbook

from cinebridge.rights.ema.records import AvailsReadError, CellLocation
from cinebridge.rights.ema.xlsx_reader import read_avails_xlsx

from .conftest import XLSX_SAMPLES, sample

BASIC = (
    "DisplayName", "EntryType", "ALID", "AvailID", "WorkType", "TitleDisplayUnlimited", "TitleInternalAlias",
    "LicenseType", "FormatProfile", "Territory", "TerritoryExclusion", "Start", "End", "AllowedLanguages",
    "AssetLanguage", "Exclusive", "PriceType", "PriceValue",
)  # fmt: skip


def _workbook(rows, *, columns=BASIC, third_row=(), sheet="Movies"):
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(["AvailTrans"] * len(columns))
    worksheet.append(list(columns))
    worksheet.append(list(third_row))
    for row in rows:
        worksheet.append([row.get(column) for column in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def _row(**changes):
    row = {
        "DisplayName": "Farabi Cinema Foundation",
        "EntryType": "Full Extract",
        "ALID": "md:alid:farabi.ir:children-of-heaven",
        "AvailID": "T1",
        "WorkType": "Movie",
        "TitleDisplayUnlimited": "Children of Heaven",
        "LicenseType": "SVOD",
        "FormatProfile": "HD",
        "Territory": "BY",
        "Start": "2026-01-01",
        "End": "2027-12-31",
        "AllowedLanguages": "ru, be",
        "AssetLanguage": "fa",
        "Exclusive": "Yes",
    }
    row.update(changes)
    return row


@pytest.mark.parametrize(
    ("name", "version", "count"), [(XLSX_SAMPLES[0], "1.8", 24), (XLSX_SAMPLES[1], "1.9", 26)]
)
def test_both_sample_spreadsheets_import(name, version, count, schema_dir):
    result = read_avails_xlsx(sample(name), schema_dir=schema_dir)
    assert result.ok, [str(p) for p in result.errors]
    assert (result.version, len(result.records)) == (version, count)


def test_the_records_of_a_spreadsheet_name_their_sheet_and_row(schema_dir):
    result = read_avails_xlsx(sample("Avails_noErrors_v2.3_v1.8.xlsx"), schema_dir=schema_dir)
    first = result.records[0]
    assert first.location == CellLocation("AllAvails", 4)
    assert (first.alid, first.transaction_id, first.title) == (
        "md:pseudoalid:wprid.fox.com:001143",
        "1431081",
        "THE BRAVADOS",
    )
    assert first.allowed_languages == ("ar", "cmn", "cs", "da", "de", "el")
    sith = next(r for r in result.records if r.alid == "33603_OV")
    assert (sith.start, sith.end) == (date(2017, 5, 5), date(2017, 12, 12))  # End 2017-12-11 is its last day
    season = result.records[-1]
    assert (season.work_type, season.avail_type, season.series_title) == (
        "Season",
        "season",
        "Jake and the Neverland Pirates",
    )


def test_the_1_9_template_reads_formulas_dates_and_conditions(schema_dir):
    result = read_avails_xlsx(sample("Movies_v1.9.xlsx"), schema_dir=schema_dir)
    first = result.records[0]
    assert first.exclusive is True  # =TRUE()
    assert (first.start, first.end_condition) == (date(2013, 6, 14), "Open")
    assert first.run_length_seconds == 6980
    pre_order = result.records[2]
    assert (pre_order.license_type, pre_order.end, pre_order.end_condition) == ("POEST", None, "ESTStart")
    assert pre_order.suppression_lift_date == date(2012, 12, 10)
    assert [w.location for w in result.warnings] == [
        CellLocation("Template-Movies", 6, "X", "End"),
        CellLocation("Template-Movies", 7, "X", "End"),
    ]


def test_errors_name_the_sheet_row_column_and_reason(schema_dir):
    source = _workbook(
        [
            _row(),
            _row(AvailID="T2", Territory="JJ", AllowedLanguages="ru, XYZ"),
            _row(AvailID="T3", Start="2027-01-01", End="2026-01-01", LicenseType="SVODD"),
            _row(AvailID="T1"),
        ]
    )
    result = read_avails_xlsx(source, schema_dir=schema_dir)
    found = {(p.location.row, p.location.column, p.location.header, p.code) for p in result.errors}
    assert found == {
        (5, "J", "Territory", "country"),
        (5, "N", "AllowedLanguages", "language_unknown_language"),
        (6, "M", "End", "end_before_start"),
        (6, "H", "LicenseType", "vocabulary"),
        (7, "D", "AvailID", "duplicate_transaction"),
    }
    assert all(p.location.sheet == "Movies" for p in result.errors)
    assert "first in sheet Movies, row 4" in next(
        p.message for p in result.errors if p.code == "duplicate_transaction"
    )


def test_a_sheet_without_a_required_column_is_refused_naming_it(schema_dir):
    columns = tuple(c for c in BASIC if c != "Territory")
    result = read_avails_xlsx(_workbook([_row()], columns=columns), schema_dir=schema_dir)
    assert [(p.code, p.location.header) for p in result.errors] == [("missing_column", "Territory")]


def test_note_rows_and_empty_rows_are_skipped(schema_dir):
    source = _workbook([_row(EntryType="//REQ"), {}, _row()], third_row=("1.9",))
    result = read_avails_xlsx(source, schema_dir=schema_dir)
    assert result.ok
    assert [r.location.row for r in result.records] == [6]
    assert result.version == "1.9"


@pytest.mark.parametrize(
    ("extra", "third", "version"),
    [((), (), "1.7"), (("Director",), (), "1.8"), (("PackageLabel",), (), "1.9"), ((), (1.9,), "1.9")],
)
def test_the_template_version_is_read_from_a3_or_inferred_from_the_columns(extra, third, version, schema_dir):
    result = read_avails_xlsx(
        _workbook([_row()], columns=BASIC + extra, third_row=third), schema_dir=schema_dir
    )
    assert result.version == version


def test_a_spreadsheet_row_maps_to_a_record(schema_dir):
    result = read_avails_xlsx(_workbook([_row(TerritoryExclusion="")]), schema_dir=schema_dir)
    (record,) = result.records
    assert record.exclusive is True
    assert record.exclusivity == "exclusive"
    assert record.territories == ("BY",)
    assert (record.start, record.end) == (date(2026, 1, 1), date(2028, 1, 1))
    assert record.language_uses == ("be:dubbed", "be:subtitled", "fa:original", "ru:dubbed", "ru:subtitled")


def test_what_is_not_a_workbook_or_has_no_avails_sheet_is_refused(schema_dir):
    with pytest.raises(AvailsReadError) as raised:
        read_avails_xlsx(io.BytesIO(b"not a workbook"), schema_dir=schema_dir)
    assert raised.value.code == "not_xlsx"
    workbook = Workbook()
    workbook.active.append(["Title", "Year"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    with pytest.raises(AvailsReadError) as raised:
        read_avails_xlsx(buffer, schema_dir=schema_dir)
    assert raised.value.code == "no_avails_sheet"


def test_progress_is_reported_by_rows(schema_dir):
    calls = []
    read_avails_xlsx(
        _workbook([_row(AvailID=f"T{i}") for i in range(450)]),
        schema_dir=schema_dir,
        on_progress=lambda done, total: calls.append((done, total)),
    )
    assert calls[-1][0] == calls[-1][1] >= 450
    assert len(calls) >= 3
