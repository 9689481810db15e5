"""Reading report files (CSV or XLSX) and their cells into text rows, with every problem named.

A report file has a header row naming its columns (in any order, any case) and one row per entry.
CSV is UTF-8 with or without a byte-order mark, separated by commas or semicolons (spreadsheets set
to a locale whose decimal mark is the comma write semicolons); XLSX is read from its first sheet.
Cells are text here: the services parse each into its value with the cell readers below, which
accept Persian and Arabic-Indic digits and ISO dates, and word each refusal in the user's language.
Nothing here touches the database.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from cinebridge.core.engine.digits import to_ascii_digits
from cinebridge.core.engine.money import AmountError, is_currency, minor_units, parse_amount

__all__ = [
    "BOX_OFFICE_COLUMNS",
    "MAX_PROBLEMS",
    "MAX_ROWS",
    "USAGE_COLUMNS",
    "CellError",
    "ReportProblem",
    "Table",
    "read_amount",
    "read_count",
    "read_currency",
    "read_date",
    "read_month",
    "read_table",
    "table_from_rows",
]

BOX_OFFICE_COLUMNS = ("cinema", "screen", "week_start", "admissions", "gross", "taxes", "levies")
BOX_OFFICE_OPTIONAL = ("currency",)
USAGE_COLUMNS = ("month", "territory", "media", "views", "minutes", "revenue", "currency")
# A refused file lists this many problems at most: enough to mend a whole file, not a wall of text.
MAX_PROBLEMS = 100
# Weekly box office of a whole circuit is a few thousand rows; anything far beyond is a wrong file.
MAX_ROWS = 50_000
HEADER_ROW = 1

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})(?:-(0?1))?")
_COUNT = re.compile(r"\d+")
_COUNT_GROUPING = str.maketrans("", "", " \u00a0\u202f\u2009'\u066c,")


@dataclass(frozen=True, slots=True)
class ReportProblem:
    """One reason a report was refused: the row (1-based, the header is row 1), the column, why."""

    row: int
    column: str
    message: str

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass(slots=True)
class Table:
    """A report's rows as text keyed by (lower-case) column name, each with its row number."""

    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    problems: list[ReportProblem] = field(default_factory=list)


class CellError(ValueError):
    """A cell that cannot be read; the message is in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- tables -------------------------------------------------------------------------------------


def read_table(content: bytes, *, source: str, columns: Sequence[str], optional: Sequence[str] = ()) -> Table:
    """The rows of a CSV or XLSX report (`source` "csv" or "xlsx"), or the problems of its header/format."""
    try:
        raw = _csv_rows(content) if source == "csv" else _xlsx_rows(content)
    except CellError as error:
        return Table(problems=[ReportProblem(HEADER_ROW, "", error.message)])
    return _table(raw, columns=columns, optional=optional)


def table_from_rows(
    rows: Sequence[Mapping[str, object]], *, columns: Sequence[str], optional: Sequence[str] = ()
) -> Table:
    """Rows entered in a form (row 1 is the form's first line): values become text as a file has them."""
    table = Table()
    known = (*columns, *optional)
    for number, row in enumerate(rows, start=1):
        values = {str(k).strip().lower(): _cell_text(v) for k, v in row.items()}
        if _blank(values.values()):
            continue
        for column in columns:
            values.setdefault(column, "")
        table.rows.append((number, {k: v for k, v in values.items() if k in known}))
    if not table.rows:
        table.problems.append(ReportProblem(1, "", _("The report has no rows.")))
    return table


def _table(raw: Iterable[Sequence[object]], *, columns: Sequence[str], optional: Sequence[str]) -> Table:
    table = Table()
    lines = iter(raw)
    header = next(lines, None)
    if header is None or _blank(_cell_text(c) for c in header):
        table.problems.append(
            ReportProblem(
                HEADER_ROW,
                "",
                _("The first row must name the columns: %(columns)s.") % {"columns": ", ".join(columns)},
            )
        )
        return table
    names = [_cell_text(c).lower() for c in header]
    table.problems.extend(_header_problems(names, columns))
    if table.problems:
        return table
    known = set(columns) | set(optional)
    for number, line in enumerate(lines, start=HEADER_ROW + 1):
        cells = [_cell_text(c) for c in line]
        if _blank(cells):
            continue
        if number > MAX_ROWS + HEADER_ROW:
            table.problems.append(
                ReportProblem(number, "", _("A report has at most %(count)d rows.") % {"count": MAX_ROWS})
            )
            return table
        values = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(names) if name in known}
        if len(cells) > len(names) and not _blank(cells[len(names) :]):
            table.problems.append(
                ReportProblem(number, "", _("This row has more cells than the header has columns."))
            )
        table.rows.append((number, values))
    if not table.rows and not table.problems:
        table.problems.append(ReportProblem(HEADER_ROW, "", _("The report has no rows below its header.")))
    return table


def _header_problems(names: Sequence[str], columns: Sequence[str]) -> list[ReportProblem]:
    problems = []
    seen: set[str] = set()
    for name in names:
        if name and name in seen:
            problems.append(
                ReportProblem(
                    HEADER_ROW, name, _("The column “%(column)s” appears twice.") % {"column": name}
                )
            )
        seen.add(name)
    for column in columns:
        if column not in seen:
            problems.append(
                ReportProblem(
                    HEADER_ROW,
                    column,
                    _("The column “%(column)s” is missing; the header must name %(columns)s.")
                    % {"column": column, "columns": ", ".join(columns)},
                )
            )
    return problems


def _blank(cells: Iterable[str]) -> bool:
    return all(not c for c in cells)


def _cell_text(value: object) -> str:
    """A cell as the text a person would read in it (XLSX numbers and dates included)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        # A spreadsheet keeps numbers as binary floats: write the shortest decimal that reads back.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value).strip()


def _csv_rows(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CellError(_("The file is not UTF-8 text; save it as “CSV UTF-8”.")) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise CellError(_("The file cannot be read as CSV.")) from None


def _xlsx_rows(content: bytes) -> list[tuple[object, ...]]:
    # openpyxl is imported here: only XLSX uploads need it, and it takes a while to load.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise CellError(_("The file cannot be read as an XLSX workbook.")) from None
    try:
        sheet = workbook.worksheets[0]
        rows: list[tuple[object, ...]] = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + HEADER_ROW + 1:
                break
            rows.append(tuple(row))
        return rows
    finally:
        workbook.close()


# --- cells --------------------------------------------------------------------------------------


def read_count(text: str) -> int:
    """A whole number ≥ 0 (admissions, views, minutes): "1200", "1 200", "۱۲۰۰"."""
    cleaned = to_ascii_digits(text).translate(_COUNT_GROUPING)
    if cleaned.startswith(("-", "\u2212")) and _COUNT.fullmatch(cleaned[1:]):
        raise CellError(_("“%(value)s” is below zero.") % {"value": text})
    if not _COUNT.fullmatch(cleaned):
        if not text:
            raise CellError(_("This cell is empty; write a whole number."))
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": text})
    return int(cleaned)


def read_date(text: str) -> date:
    """An ISO date, "2026-01-08" (Persian or Arabic-Indic digits accepted)."""
    match = _ISO_DATE.fullmatch(to_ascii_digits(text).strip())
    try:
        if match is None:
            raise ValueError(text)
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        if not text:
            raise CellError(_("This cell is empty; write a date such as 2026-01-08.")) from None
        raise CellError(_("“%(value)s” is not a date such as 2026-01-08.") % {"value": text}) from None


def read_month(text: str) -> date:
    """A month, "2026-01" (or the first day of it, as spreadsheets store typed months): its first day."""
    match = _ISO_MONTH.fullmatch(to_ascii_digits(text).strip())
    try:
        if match is None:
            raise ValueError(text)
        return date(int(match[1]), int(match[2]), 1)
    except ValueError:
        if not text:
            raise CellError(_("This cell is empty; write a month such as 2026-01.")) from None
        raise CellError(_("“%(value)s” is not a month such as 2026-01.") % {"value": text}) from None


def read_currency(text: str) -> str:
    """An ISO 4217 currency code with minor units ("EUR", "byn")."""
    code = text.strip().upper()
    if not is_currency(code):
        if not text:
            raise CellError(_("This cell is empty; write a currency code such as EUR."))
        raise CellError(_("“%(value)s” is not an ISO 4217 currency code.") % {"value": text})
    return code


def read_amount(text: str | Decimal | int, *, currency: str) -> Decimal:
    """An amount ≥ 0 of `currency`, with at most its minor units of decimals ("1 234,50", "۱۲۳۴٫۵")."""
    shown = text.strip() if isinstance(text, str) else str(text)
    if not shown:
        raise CellError(_("This cell is empty; write an amount."))
    try:
        amount = parse_amount(text, currency=currency, allow_negative=True)
    except AmountError as error:
        if error.code == "decimals":  # the refusal a person fixes by rounding gets its own sentence
            places = minor_units(currency)
            raise CellError(
                _("“%(value)s” has more decimals than %(currency)s allows (%(places)d).")
                % {"value": shown, "currency": currency, "places": places}
            ) from None
        if error.code == "too_large":
            raise CellError(_("“%(value)s” is too large an amount.") % {"value": shown}) from None
        raise CellError(_("“%(value)s” is not an amount.") % {"value": shown}) from None
    if amount < 0:
        raise CellError(_("“%(value)s” is below zero.") % {"value": shown})
    return amount
