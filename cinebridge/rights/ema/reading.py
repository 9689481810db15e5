"""Read an EMA Avails file of either kind, told apart by its first bytes. No Django import."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from .records import AvailsReadError, ReadResult
from .xlsx_reader import read_avails_xlsx
from .xml_reader import ProgressCallback, read_avails_xml

Source = str | Path | IO[bytes]

_ZIP = b"PK\x03\x04"  # an .xlsx workbook is a zip archive


def _head(source: Source) -> bytes:
    if isinstance(source, str | Path):
        with open(source, "rb") as handle:
            return handle.read(64)
    position = source.tell()
    head = source.read(64)
    source.seek(position)
    return head


def detect_format(source: Source) -> str:
    """ "xlsx" or "xml"; AvailsReadError for anything else (an old .xls, a PDF, an empty file)."""
    head = _head(source)
    if head.startswith(_ZIP):
        return "xlsx"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        return "xml"
    if not head:
        raise AvailsReadError("empty", "The file is empty.")
    raise AvailsReadError(
        "unknown_format", "This is neither an Avails XML file nor an Avails spreadsheet (.xlsx)."
    )


def read_avails(
    source: Source, *, schema_dir: Path | None, on_progress: ProgressCallback | None = None
) -> ReadResult:
    """Every record of an Avails file (XML or XLSX) with every problem found in it."""
    if detect_format(source) == "xlsx":
        return read_avails_xlsx(source, schema_dir=schema_dir, on_progress=on_progress)
    return read_avails_xml(source, schema_dir=schema_dir, on_progress=on_progress)
