"""Read EMA Avails spreadsheets (templates 1.7, 1.8, 1.9) into records, naming sheet, row and column. No Django.

An Avails sheet has two header rows (a group such as "AvailTrans" over a column name such as
"Territory"); rows from the third on hold one Transaction each, except rows whose EntryType cell is
empty or starts with "//" (notes, like the 1.9 template's "//REQ" row). Columns are found by name, so
the templates' different column orders and optional columns need no per-version table; the version
is read from cell A3 (1.9 writes it there) or inferred from the columns (1.8 added Director,
GroupIdentity, HDR and others; 1.7 has ALID but none of those).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO, Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from .codes import LanguageTagError, canonical_language_tag, is_country, is_m49_region
from .records import (
    AltId,
    AvailRecord,
    AvailsReadError,
    CellLocation,
    Problem,
    ReadResult,
    problem,
    warning,
)
from .rules import Vocabulary, load_rules
from .values import (
    AVAIL_TYPE_FOR_WORK_TYPE,
    IMMEDIATE,
    OPEN,
    UnreadableValueError,
    canonical_eidr,
    parse_date_time,
    parse_flag,
    parse_run_length,
    parse_year,
    split_list,
)

ProgressCallback = Callable[[int, int], None]
Source = str | Path | IO[bytes]

REQUIRED_COLUMNS = (
    "ALID",
    "EntryType",
    "WorkType",
    "LicenseType",
    "Territory",
    "Start",
    "End",
    "FormatProfile",
)
_V18_COLUMNS = frozenset({"Director", "GroupIdentity", "HDR", "WCG", "HFR", "NGAudio", "TitleStatus"})
_V19_COLUMNS = frozenset({"PackageLabel", "StoreType"})

# Spreadsheet alternative identifiers become AltIdentifier elements the way MovieLabs' converter writes
# them: namespace org:mddf, identifier "<column>:<value>". The column depends on the asset's work type.
MDDF_NAMESPACE = "org:mddf"
ALT_ID_COLUMN = {"Episode": "EpisodeAltID", "Season": "SeasonAltID", "Series": "SeriesAltID"}
DATE_TIME_CONDITIONS = ("Open", "Immediate", "ESTStart", "EST", "Broadcast", "Completed", "Theatrical", "TBD")


@dataclass
class _Sheet:
    name: str
    columns: dict[str, int]  # header → 0-based index (first occurrence)
    version: str
    rows: int


@dataclass
class _Row:
    sheet: _Sheet
    number: int
    values: tuple[Any, ...]
    problems: list[Problem] = field(default_factory=list)

    def where(self, column: str = "") -> CellLocation:
        index = self.sheet.columns.get(column)
        letter = get_column_letter(index + 1) if index is not None else ""
        return CellLocation(self.sheet.name, self.number, letter, column if index is not None else "")

    def raw(self, column: str) -> Any:
        index = self.sheet.columns.get(column)
        if index is None or index >= len(self.values):
            return None
        value = self.values[index]
        return value.strip() if isinstance(value, str) else value

    def text(self, *columns: str) -> str:
        """The first non-empty of `columns` as text (whole numbers without ".0")."""
        for column in columns:
            value = self.raw(column)
            if value is None or value == "":
                continue
            if isinstance(value, float) and value.is_integer():
                return str(int(value))
            if isinstance(value, datetime):
                return value.date().isoformat() if value.time() == time(0, 0) else value.isoformat()
            return str(value).strip()
        return ""

    def report(self, column: str, code: str, message: str, /, **params: object) -> None:
        self.problems.append(problem(self.where(column), code, message, **params))

    def warn(self, column: str, code: str, message: str, /, **params: object) -> None:
        self.problems.append(warning(self.where(column), code, message, **params))


def _version(first_rows: list[tuple[Any, ...]], columns: dict[str, int]) -> str:
    third = first_rows[2] if len(first_rows) > 2 else ()
    marker = third[0] if third else None
    if isinstance(marker, int | float) and not isinstance(marker, bool) and 1 <= marker < 2:
        return f"{marker:g}"
    if isinstance(marker, str) and marker.strip().lstrip("vV").replace(".", "").isdigit():
        return marker.strip().lstrip("vV")
    if _V19_COLUMNS & columns.keys():
        return "1.9"
    if _V18_COLUMNS & columns.keys():
        return "1.8"
    return "1.7"


def _sheets(workbook: Any) -> Iterator[tuple[Any, _Sheet]]:
    for worksheet in workbook.worksheets:
        first_rows = [tuple(row) for row in worksheet.iter_rows(min_row=1, max_row=3, values_only=True)]
        if len(first_rows) < 2:
            continue
        headers = [str(v).strip() if v is not None else "" for v in first_rows[1]]
        if "EntryType" not in headers:
            continue
        columns: dict[str, int] = {}
        for index, header in enumerate(headers):
            if header and header not in columns:
                columns[header] = index
        if "BundleALIDs" in columns and "BundledALIDs" not in columns:
            columns["BundledALIDs"] = columns["BundleALIDs"]
        rows = worksheet.max_row or 0
        yield worksheet, _Sheet(worksheet.title, columns, _version(first_rows, columns), rows)


def read_avails_xlsx(
    source: Source, *, schema_dir: Path | None, on_progress: ProgressCallback | None = None
) -> ReadResult:
    """Every record of an Avails spreadsheet with every problem found, or AvailsReadError if unreadable."""
    vocabulary: Vocabulary | None = None
    notes: list[str] = []
    if schema_dir is not None and schema_dir.is_dir():
        vocabulary = load_rules(schema_dir).vocabulary
    else:
        notes.append("No schema directory: MovieLabs vocabulary checks were skipped.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions it ignores
            workbook = load_workbook(source, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        raise AvailsReadError(
            "not_xlsx", "The file is not an Excel workbook (.xlsx): %(detail)s", detail=exc
        ) from exc
    try:
        return _read(workbook, vocabulary, notes, on_progress)
    finally:
        workbook.close()


def _read(
    workbook: Any, vocabulary: Vocabulary | None, notes: list[str], on_progress: ProgressCallback | None
) -> ReadResult:
    sheets = list(_sheets(workbook))
    if not sheets:
        raise AvailsReadError(
            "no_avails_sheet",
            "No sheet of this workbook has the Avails template's two header rows (an EntryType column "
            "in the second row).",
        )
    total = sum(sheet.rows for _, sheet in sheets)
    done = 0
    records: list[AvailRecord] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str], CellLocation] = {}
    versions = sorted({sheet.version for _, sheet in sheets})
    for worksheet, sheet in sheets:
        missing = [c for c in REQUIRED_COLUMNS if c not in sheet.columns]
        for column in missing:
            problems.append(
                problem(
                    CellLocation(sheet.name, 2, "", column),
                    "missing_column",
                    "The sheet has no %(column)s column.",
                    column=column,
                )
            )
        for number, values in enumerate(worksheet.iter_rows(min_row=3, values_only=True), start=3):
            done += 1
            row = _Row(sheet, number, tuple(values))
            entry_type = row.text("EntryType")
            if not entry_type or entry_type.startswith("//"):
                continue
            if missing:
                continue
            record = _record(row, vocabulary)
            if record.transaction_id:
                key = (record.alid, record.transaction_id)
                if key in seen:
                    row.report(
                        "AvailID",
                        "duplicate_transaction",
                        "Transaction %(id)s of ALID %(alid)s appears twice (first in %(first)s).",
                        id=record.transaction_id,
                        alid=record.alid,
                        first=seen[key],
                    )
                else:
                    seen[key] = row.where()
            records.append(record)
            problems.extend(row.problems)
            if on_progress is not None and done % 200 == 0:
                on_progress(done, max(total, done))
    if on_progress is not None:
        on_progress(max(total, done), max(total, done))
    return ReadResult(
        format="xlsx",
        version=versions[-1],
        records=tuple(records),
        problems=tuple(problems),
        notes=tuple(notes),
    )


# --- one row -------------------------------------------------------------------------------------------


def _languages(row: _Row, column: str) -> tuple[str, ...]:
    found: list[str] = []
    for tag in split_list(row.raw(column)):
        try:
            found.append(canonical_language_tag(tag))
        except LanguageTagError as exc:
            messages = {
                "malformed": "“%(tag)s” is not a well-formed BCP 47 language tag.",
                "unknown_language": "“%(tag)s” is not a valid language tag: there is no language “%(subtag)s”.",
                "unknown_script": "“%(tag)s” is not a valid language tag: there is no script “%(subtag)s”.",
                "unknown_region": "“%(tag)s” is not a valid language tag: “%(subtag)s” is not a country or "
                "UN M.49 area.",
            }
            row.report(column, f"language_{exc.code}", messages[exc.code], tag=tag, subtag=exc.subtag)
    return tuple(dict.fromkeys(found))


def _territories(row: _Row, column: str) -> tuple[str, ...]:
    found: list[str] = []
    raw = row.raw(column)
    items = (
        [f"{int(raw):03d}"] if isinstance(raw, int | float) and not isinstance(raw, bool) else split_list(raw)
    )
    for item in items:
        code = item.upper()
        if code.isdigit():
            code = code.zfill(3)
            if not is_m49_region(code):
                row.report(column, "region", "“%(code)s” is not a UN M.49 area we know.", code=item)
                continue
        elif not is_country(code):
            row.report(column, "country", "“%(code)s” is not an ISO 3166-1 country code.", code=item)
            continue
        found.append(code)
    return tuple(dict.fromkeys(found))


def _moment(row: _Row, column: str) -> tuple[date, time] | str | None:
    """A date (with its time) from a cell, a condition word, or None when empty or unreadable."""
    value = row.raw(column)
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date(), value.time()
    if isinstance(value, date):
        return value, time(0, 0)
    text = str(value).strip()
    for word in DATE_TIME_CONDITIONS:
        if text.casefold() == word.casefold():
            return word
    try:
        return parse_date_time(text)
    except UnreadableValueError:
        row.report(
            column,
            "date",
            "“%(value)s” is neither a date (YYYY-MM-DD) nor a condition such as Open.",
            value=text,
        )
        return None


def _day(row: _Row, column: str) -> date | None:
    moment = _moment(row, column)
    if isinstance(moment, str):
        row.report(column, "date", "“%(value)s” is not a date (YYYY-MM-DD).", value=moment)
        return None
    return moment[0] if moment is not None else None


def _term(row: _Row) -> dict[str, Any]:
    out: dict[str, Any] = {"start": None, "end": None, "start_condition": "", "end_condition": ""}
    start, end = _moment(row, "Start"), _moment(row, "End")
    if start is None and row.raw("Start") in (None, ""):
        row.report("Start", "required", "Start is required: a date or Immediate.")
    if end is None and row.raw("End") in (None, ""):
        row.report("End", "required", "End is required: a date or Open.")
    if isinstance(start, tuple):
        out["start"] = start[0]
    elif isinstance(start, str):
        out["start_condition"] = start
    if isinstance(end, tuple):
        # A spreadsheet End is the last day of the right: the exclusive end is the next day.
        out["end"] = end[0] + timedelta(days=1)
    elif isinstance(end, str):
        out["end_condition"] = end
    if out["start"] is not None and out["end"] is not None and out["start"] >= out["end"]:
        row.report(
            "End",
            "end_before_start",
            "The right ends (%(end)s) before it starts (%(start)s).",
            end=row.text("End"),
            start=row.text("Start"),
        )
    for column, word, value in (
        ("Start", IMMEDIATE, out["start_condition"]),
        ("End", OPEN, out["end_condition"]),
    ):
        if value and value not in (word, "TBD"):
            row.warn(
                column,
                "condition_open",
                "%(name)s “%(value)s” depends on an event this file does not date; it is imported as %(as)s.",
                name=column,
                value=value,
                **{"as": "an open start" if column == "Start" else "an open end"},
            )
    return out


def _eidr(row: _Row, column: str) -> str:
    text = row.text(column)
    if not text:
        return ""
    try:
        return canonical_eidr(text)
    except UnreadableValueError:
        row.report(column, "eidr", "“%(value)s” is not an EIDR content ID (10.5240/XXXX-…-C).", value=text)
        return ""


def _flag(row: _Row, column: str) -> bool | None:
    value = row.raw(column)
    if value is None or value == "":
        return None
    try:
        return parse_flag(value)
    except UnreadableValueError:
        row.report(column, "flag", "“%(value)s” must be Yes or No.", value=value)
        return None


def _asset(row: _Row, work_type: str) -> dict[str, Any]:
    titles = {
        "Episode": ("EpisodeTitleDisplayUnlimited", "EpisodeTitleInternalAlias"),
        "Season": ("SeasonTitleDisplayUnlimited", "SeasonTitleInternalAlias"),
        "Series": ("SeriesTitleDisplayUnlimited", "SeriesTitleInternalAlias"),
    }.get(work_type, ("TitleDisplayUnlimited", "TitleInternalAlias"))
    display = row.text(titles[0], "TitleDisplayUnlimited") if work_type == "Episode" else row.text(titles[0])
    alias = row.text(titles[1], "TitleInternalAlias") if work_type == "Episode" else row.text(titles[1])
    title_eidr_column, edit_eidr_column = {
        "Episode": ("EpisodeTitleID", "EpisodeID"),
        "Season": ("SeasonID", ""),
        "Series": ("SeriesID", ""),
    }.get(work_type, ("TitleID", "EditID"))
    alt_column = ALT_ID_COLUMN.get(work_type, "AltID")
    alt_value = row.text(alt_column)
    fields: dict[str, Any] = {
        "work_type": work_type,
        "title": display or alias,
        "title_internal_alias": alias or display,
        "title_eidr": _eidr(row, title_eidr_column),
        "edit_eidr": _eidr(row, edit_eidr_column) if edit_eidr_column else "",
        "alt_ids": (AltId(MDDF_NAMESPACE, f"{alt_column}:{alt_value}"),) if alt_value else (),
        "localization": row.text("LocalizationType"),
        "bundled_alids": tuple(split_list(row.raw("BundledALIDs"))),
    }
    year = row.raw("ReleaseYear")
    if year not in (None, ""):
        try:
            fields["release_year"] = parse_year(year)
        except UnreadableValueError:
            row.report("ReleaseYear", "year", "“%(value)s” is not a year.", value=year)
    run_time = row.raw("TotalRunTime")
    if run_time not in (None, ""):
        try:
            fields["run_length_seconds"] = parse_run_length(run_time)
        except UnreadableValueError:
            row.report(
                "TotalRunTime", "duration", "“%(value)s” is not a run time (HH:MM:SS).", value=run_time
            )
    if work_type == "Episode":
        fields["content_id"] = row.text("EpisodeContentID", "ContentID")
        fields["episode_number"] = row.text("EpisodeNumber")
    elif work_type == "Season":
        fields["content_id"] = row.text("ContentID", "SeasonContentID")
    elif work_type == "Series":
        fields["content_id"] = row.text("ContentID", "SeriesContentID")
    else:
        fields["content_id"] = row.text("ContentID")
    if work_type in ("Episode", "Season", "Volume"):
        fields["series_title"] = row.text("SeriesTitleDisplayUnlimited", "SeriesTitleInternalAlias")
        fields["season_number"] = row.text("SeasonNumber")
        fields["season_content_id"] = row.text("SeasonContentID")
    if work_type in ("Episode", "Season", "Volume", "Series"):
        fields["series_content_id"] = row.text("SeriesContentID")
    if work_type == "Volume":
        fields["volume_number"] = row.text("VolumeNumber")
    return fields


def _check_vocabulary(row: _Row, vocabulary: Vocabulary | None, record: AvailRecord) -> None:
    if vocabulary is None:
        return
    checks: Iterable[tuple[str, str, str, bool]] = (
        ("EntryType", "EntryType", record.entry_type, True),
        ("LicenseType", "LicenseType", record.license_type, True),
        ("LicenseRightsDescription", "LicenseRightsDescription", record.license_rights_description, True),
        ("FormatProfile", "FormatProfile", record.format_profile, True),
        ("LocalizationType", "LocalizationOffering", record.localization, True),
        ("HDR", "FormatProfile@HDR", row.text("HDR"), True),
        ("CaptionExemption", "USACaptionsExemptionReason", row.text("CaptionExemption"), True),
        ("TitleStatus", "@termName='TitleStatus'", row.text("TitleStatus"), True),
        ("PriceType", "Term@termName", row.text("PriceType"), False),
        ("Start", "DateTimeCondition", record.start_condition, True),
        ("End", "DateTimeCondition", record.end_condition, True),
    )
    for column, key, value, case_sensitive in checks:
        if value and not vocabulary.accepts(key, value, case_sensitive=case_sensitive):
            row.report(
                column,
                "vocabulary",
                "“%(value)s” is not an allowed %(field)s value.",
                value=value,
                field=column,
            )


_STRUCTURE = "%(detail)s (MovieLabs structure rule %(rule)s)."


def _check_structure(row: _Row, record: AvailRecord) -> None:
    """The MovieLabs structure rules that a spreadsheet row can break (the XML ones, cell by cell)."""
    broken: list[tuple[str, str, str, bool]] = []  # column, rule, message, only a warning
    if record.license_type == "POEST" and not row.text("SuppressionLiftDate"):
        broken.append(
            (
                "SuppressionLiftDate",
                "POEST",
                "One SuppressionLiftDate is required for LicenseType 'POEST'",
                False,
            )
        )
    if row.text("SpecialPreOrderFulfillDate") and record.license_type != "POEST":
        broken.append(
            (
                "SpecialPreOrderFulfillDate",
                "PreOrderFulfillDate",
                "PreOrderFulfillDate term is only allowed if LicenseType='POEST'",
                False,
            )
        )
    if record.bundled_alids and record.work_type != "Collection":
        broken.append(
            (
                "BundledALIDs",
                "BundledAsset",
                "Invalid Asset: BundledAsset only allowed when WorkType is 'Collection'",
                False,
            )
        )
    if record.work_type == "Episode" and not record.episode_number:
        broken.append(("EpisodeNumber", "Episode-WT", "WorkType requires an EpisodeNumber", False))
    if record.license_type != "SVOD" and len(record.asset_languages) > 1:
        broken.append(
            (
                "AssetLanguage",
                "SVOD-AssetLanguage",
                "A TVOD License limits Transaction to 1 AssetLanguage",
                False,
            )
        )
    if "TBD" in (record.start_condition, record.end_condition):
        column = "Start" if record.start_condition == "TBD" else "End"
        broken.append((column, "StartEndCondition", "Condition 'TBD' is only valid for OfferStatus", False))
    if record.license_type not in ("SVOD", "") and not (row.text("PriceType") and row.text("PriceValue")):
        broken.append(
            (
                "PriceType",
                "Trans-Price",
                "A TVOD-based LicenseType requires at least one term indicating pricing",
                True,
            )
        )
    for column, rule, detail, only_warning in broken:
        if only_warning:
            row.warn(column, "structure", _STRUCTURE, detail=detail, rule=rule)
        else:
            row.report(column, "structure", _STRUCTURE, detail=detail, rule=rule)


def _record(row: _Row, vocabulary: Vocabulary | None) -> AvailRecord:
    work_type = row.text("WorkType")
    territories = _territories(row, "Territory")
    if not territories and row.raw("Territory") in (None, ""):
        row.report("Territory", "required", "Territory is required.")
    record = AvailRecord(
        location=row.where(),
        alid=row.text("ALID"),
        transaction_id=row.text("AvailID"),
        entry_type=row.text("EntryType"),
        licensor=row.text("DisplayName"),
        service_provider=row.text("ServiceProvider"),
        licensee=row.text("Licensee"),
        avail_type=AVAIL_TYPE_FOR_WORK_TYPE.get(work_type, "single"),
        **_asset(row, work_type),
        license_type=row.text("LicenseType"),
        license_rights_description=row.text("LicenseRightsDescription"),
        format_profile=row.text("FormatProfile"),
        territories=territories,
        territories_excluded=_territories(row, "TerritoryExclusion"),
        allowed_languages=_languages(row, "AllowedLanguages"),
        asset_languages=_languages(row, "AssetLanguage"),
        holdback_languages=_languages(row, "HoldbackLanguage"),
        exclusive=_flag(row, "Exclusive"),
        suppression_lift_date=_day(row, "SuppressionLiftDate"),
        contract_id=row.text("ContractID"),
        reporting_id=row.text("ReportingID"),
        description=row.text("Description"),
        **_term(row),
    )
    for column in ("ALID", "WorkType", "LicenseType", "FormatProfile"):
        if not row.text(column):
            row.report(column, "required", "%(column)s is required.", column=column)
    _check_vocabulary(row, vocabulary, record)
    _check_structure(row, record)
    return record
