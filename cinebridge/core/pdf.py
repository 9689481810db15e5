"""PDF documents (deal memos, royalty statements) built over fpdf2, in every language we serve.

Text is shaped by HarfBuzz (fpdf2's `set_text_shaping`), so Persian and Arabic letters join and
paragraphs in fa/ar run right to left with fpdf2's Unicode bidi algorithm. Fonts are vendored TTFs
(`cinebridge/core/fonts/`, see its VERSIONS.md): Vazirmatn for any text with Arabic-script letters,
DejaVu Sans for the rest (Latin, Cyrillic); each is the other's fallback for the glyphs it lacks
(Vazirmatn has no Cyrillic).

Output is reproducible: the same content and `generated_at` give the same bytes. The creation date
is the `generated_at` passed in (never "now"), the producer is fixed, fpdf2's font subsets carry no
timestamp, and the file identifier is a digest of the body content, so two renders of the same
content at different moments differ only where the timestamp is written (metadata and footer).
"""

from __future__ import annotations

import hashlib
import logging
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal
from django.http import HttpResponse
from django.utils import formats, translation
from django.utils.translation import get_language_info
from fpdf import FPDF, FontFace
from fpdf.enums import TableBordersLayout, XPos, YPos

from cinebridge.core.engine.calendars import format_jalali, format_jalali_long
from cinebridge.core.engine.digits import localize_digits
from cinebridge.core.engine.money import minor_units

FONTS_DIR = Path(__file__).resolve().parent / "fonts"

# fontTools reports every table of every font subset at INFO: dozens of lines per PDF in the logs.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)
PRODUCER = "cinebridge"

# Unicode's directional isolates: a run between them is laid out on its own, so an amount with its
# currency code ("20,000.00 EUR") keeps its order inside a right-to-left sentence (LRI), and a Russian
# name keeps its punctuation where it belongs inside Persian text (FSI: direction of its first letter).
_LRI, _FSI, _PDI = "\u2066", "\u2068", "\u2069"

# Family names as registered with fpdf2 (lower case: fpdf2 keys fonts by lower-cased family).
ARABIC_SCRIPT_FAMILY = "vazirmatn"
DEFAULT_FAMILY = "dejavu"
_FONT_FILES = {
    (ARABIC_SCRIPT_FAMILY, ""): "vazirmatn/Vazirmatn-Regular.ttf",
    (ARABIC_SCRIPT_FAMILY, "B"): "vazirmatn/Vazirmatn-Bold.ttf",
    (DEFAULT_FAMILY, ""): "dejavu-fonts-ttf/DejaVuSans.ttf",
    (DEFAULT_FAMILY, "B"): "dejavu-fonts-ttf/DejaVuSans-Bold.ttf",
}

# Arabic, Arabic Supplement, Arabic Extended-A/B, and the presentation forms.
_ARABIC_SCRIPT_RANGES = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x0870, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)

BODY_SIZE = 9.5
LINE_HEIGHT = 5.2
_HEADING_SIZES = {1: 16.0, 2: 12.5, 3: 10.5}


def is_rtl(language: str) -> bool:
    """Whether `language` is written right to left (fa, ar, …), from Django's language table."""
    try:
        return bool(get_language_info(language.split("-")[0])["bidi"])
    except KeyError:
        return False


def has_arabic_script(text: str) -> bool:
    """Whether `text` has a letter or digit of the Arabic script (Persian, Arabic, Urdu, …)."""
    return any(low <= ord(char) <= high for char in text for low, high in _ARABIC_SCRIPT_RANGES)


def first_strong_direction(text: str) -> Literal["ltr", "rtl"] | None:
    """The direction of the first letter of `text` outside isolated runs (Unicode rules P2/P3), or None."""
    depth = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("LRI", "RLI", "FSI"):
            depth += 1
        elif kind == "PDI" and depth:
            depth -= 1
        elif depth == 0 and kind in ("R", "AL"):
            return "rtl"
        elif depth == 0 and kind == "L":
            return "ltr"
    return None


def ltr(text: str) -> str:
    """`text` isolated as a left-to-right run: references, codes, amounts inside right-to-left text."""
    return f"{_LRI}{text}{_PDI}" if text else ""


def bdi(text: str) -> str:
    """`text` isolated in the direction of its first letter, like HTML's <bdi>: names and titles."""
    return f"{_FSI}{text}{_PDI}" if text else ""


def strip_isolates(text: str) -> str:
    """`text` without the directional isolate marks `ltr` and `bdi` add (for comparisons and logs)."""
    return text.replace(_LRI, "").replace(_FSI, "").replace(_PDI, "")


def _number_locale(language: str) -> str:
    # Babel knows the digits grouping of every language we serve; anything else is written as in English.
    code = language.split("-")[0]
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return "en"
    return code


def money_text(amount: Decimal | str, currency: str, language: str) -> str:
    """An amount with exactly its currency's minor units, grouped as `language` groups digits, with
    the currency code after it, isolated left to right ("20,000.00 EUR"; Persian digits in fa)."""
    value = Decimal(str(amount))
    try:
        places = minor_units(currency)
    except ValueError:
        places = max(0, -int(value.as_tuple().exponent))
    value = value.quantize(Decimal(1).scaleb(-places))
    pattern = "#,##0" + ("." + "0" * places if places else "")
    text = format_decimal(value, format=pattern, locale=_number_locale(language), numbering_system="default")
    return ltr(f"{localize_digits(text, language)}\u00a0{currency}")


def percent_text(percent: Decimal | str, language: str) -> str:
    """A percent without trailing zeros ("12.5 %"), in the language's digits, isolated left to right."""
    value = Decimal(str(percent)).normalize()
    places = max(0, -int(value.as_tuple().exponent))
    pattern = "0" + ("." + "0" * places if places else "")
    text = format_decimal(value, format=pattern, locale=_number_locale(language), numbering_system="default")
    return ltr(f"{localize_digits(text, language)}\u00a0%")


def number_text(value: int | Decimal | str, language: str) -> str:
    """A count or plain number in the language's digits, isolated left to right."""
    return ltr(localize_digits(str(value), language))


def date_text(day: date, language: str) -> str:
    """A date as readers of `language` write it; in fa the Solar Hijri date with the Gregorian beside it."""
    with translation.override(language):
        gregorian = formats.date_format(day, "DATE_FORMAT")
    if language.split("-")[0] == "fa":
        return f"{format_jalali_long(day)} ({localize_digits(gregorian, 'fa')})"
    return gregorian


def timestamp_text(moment: datetime, language: str) -> str:
    """A moment in UTC, "2026-03-01 12:00 UTC"; in fa the Solar Hijri date first."""
    utc = moment.astimezone(UTC)
    iso = utc.strftime("%Y-%m-%d %H:%M UTC")
    if language.split("-")[0] == "fa":
        return f"{format_jalali(utc.date())} {ltr(localize_digits(iso, 'fa'))}"
    return ltr(iso)


class Align(StrEnum):
    START = "start"  # left in left-to-right text, right in right-to-left text
    END = "end"
    CENTER = "center"


@dataclass(frozen=True, slots=True)
class Column:
    """A data table column: its heading, relative width, and whether it holds amounts (aligned at the end)."""

    title: str
    width: float = 1.0
    numeric: bool = False


class _Fpdf(FPDF):
    """fpdf2 with our footer and a file identifier derived from the content, not from the clock."""

    def __init__(self, owner: PdfDocument, orientation: Literal["portrait", "landscape"]) -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self._owner = owner

    def footer(self) -> None:
        self._owner._draw_footer()

    def file_id(self) -> str:
        digest = self._owner.content_digest()[:32].upper()
        return f"<{digest}><{digest}>"


class PdfDocument:
    """A document of headings, paragraphs and tables, in one or several languages one after another.

    `generated_at` is written as the creation date and in every page's footer together with
    `footer` (for instance the deal reference). `start_section` switches the language (and with it
    the direction) for what follows, on a new page.
    """

    def __init__(
        self,
        *,
        title: str,
        language: str,
        generated_at: datetime,
        footer: str = "",
        page_label: str = "%(page)s / %(pages)s",
        author: str = PRODUCER,
        orientation: Literal["portrait", "landscape"] = "portrait",
    ) -> None:
        if generated_at.tzinfo is None:
            raise ValueError("generated_at must be an aware datetime")
        self.generated_at = generated_at
        self.language = language
        self._footer = footer
        self._page_label = page_label
        self._digest = hashlib.sha256()
        self._pdf = _Fpdf(self, orientation)
        pdf = self._pdf
        for (family, style), filename in _FONT_FILES.items():
            pdf.add_font(family, style, str(FONTS_DIR / filename))
        pdf.set_fallback_fonts([DEFAULT_FAMILY, ARABIC_SCRIPT_FAMILY], exact_match=False)
        pdf.set_creation_date(generated_at.astimezone(UTC))
        pdf.set_producer(PRODUCER)
        pdf.set_creator(PRODUCER)
        pdf.set_author(author)
        pdf.set_title(strip_isolates(title))
        pdf.set_lang(language)
        pdf.set_margins(left=16, top=16, right=16)
        pdf.set_auto_page_break(auto=True, margin=18)
        self._record("document", title, language, orientation)
        pdf.add_page()
        self._use_direction()

    # --- content ------------------------------------------------------------------------------

    def start_section(
        self, *, language: str, footer: str | None = None, page_label: str | None = None
    ) -> None:
        """Continue in `language` on a new page; `footer`/`page_label` replace the footer texts for it."""
        self._record("section", language)
        if self._has_content():
            self._pdf.add_page()  # closes the previous page, with the previous section's footer
        self.language = language
        if footer is not None:
            self._footer = footer
        if page_label is not None:
            self._page_label = page_label
        self._use_direction()

    def heading(self, text: str, *, level: int = 1) -> None:
        """A heading; level 1 is the document title, 2 a section, 3 a subsection."""
        self._record("heading", str(level), text)
        size = _HEADING_SIZES.get(level, _HEADING_SIZES[3])
        pdf = self._pdf
        if level > 1 and pdf.get_y() > pdf.page_break_trigger - 30:
            pdf.add_page()  # keep a heading with what follows it
        pdf.ln(2 if level > 1 else 0)
        self._set_font(text, bold=True, size=size)
        with self._direction_of(text):
            pdf.multi_cell(
                0, size * 0.5, text, align=self._align(Align.START), new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
        if level == 1:
            pdf.set_draw_color(120)
            pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
            pdf.ln(3)
        else:
            pdf.ln(1)

    def paragraph(self, text: str, *, bold: bool = False, size: float = BODY_SIZE) -> None:
        """A paragraph in the section's direction, wrapped to the page width."""
        self._record("paragraph", text, str(bold), str(size))
        self._set_font(text, bold=bold, size=size)
        with self._direction_of(text):
            self._pdf.multi_cell(
                0, LINE_HEIGHT, text, align=self._align(Align.START), new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
        self._pdf.ln(1)

    def key_values(self, rows: Sequence[tuple[str, str]], *, label_width: float = 0.34) -> None:
        """Label–value pairs as a two-column table, the label at the start of the line."""
        if not rows:
            return
        self._record("key_values", *(part for row in rows for part in row))
        widths = (label_width, 1 - label_width)
        self._table(
            rows=[[label, value] for label, value in rows],
            widths=widths,
            aligns=(Align.START, Align.START),
            header=None,
            bold_first_column=True,
            borders=TableBordersLayout.HORIZONTAL_LINES,
        )

    def table(
        self, *, columns: Sequence[Column], rows: Sequence[Sequence[str]], size: float = BODY_SIZE
    ) -> None:
        """A data table with a heading row; amounts (numeric columns) aligned at the end of their cell."""
        self._record("table", str(size), *(c.title for c in columns), *(cell for row in rows for cell in row))
        for number, row in enumerate(rows, start=1):
            if len(row) != len(columns):
                raise ValueError(f"table row {number} has {len(row)} cells, expected {len(columns)}")
        self._table(
            rows=[list(row) for row in rows],
            widths=tuple(c.width for c in columns),
            aligns=tuple(Align.END if c.numeric else Align.START for c in columns),
            header=[c.title for c in columns],
            bold_first_column=False,
            borders=TableBordersLayout.SINGLE_TOP_LINE,
            size=size,
        )

    def spacer(self, height: float = 3) -> None:
        self._pdf.ln(height)

    def output(self) -> bytes:
        """The PDF file."""
        return bytes(self._pdf.output())

    def content_digest(self) -> str:
        """A hex digest of everything written to the body (not the footer's timestamp)."""
        return self._digest.hexdigest()

    # --- internals ----------------------------------------------------------------------------

    def _record(self, kind: str, *parts: str) -> None:
        # Length-prefixed, so that ("ab", "c") and ("a", "bc") digest differently.
        for part in (kind, *parts):
            data = str(part).encode("utf-8")
            self._digest.update(len(data).to_bytes(8, "big") + data)

    def _has_content(self) -> bool:
        return self._pdf.get_y() > self._pdf.t_margin + 0.01

    def _rtl(self) -> bool:
        return is_rtl(self.language)

    def _use_direction(self, direction: Literal["ltr", "rtl"] | None = None) -> None:
        # The paragraph direction; fpdf2's bidi algorithm orders the runs inside it (a Latin title
        # or an isolated amount inside Persian text, and back).
        if direction is None:
            direction = "rtl" if self._rtl() else "ltr"
        self._pdf.set_text_shaping(use_shaping_engine=True, direction=direction)

    @contextmanager
    def _direction_of(self, text: str) -> Iterator[None]:
        # A paragraph reads in the direction of its first letter (isolated names, references and
        # amounts skipped), so that a sentence not yet translated into Persian still reads left to
        # right; it stays aligned with its section.
        self._use_direction(first_strong_direction(text))
        try:
            yield
        finally:
            self._use_direction()

    def _align(self, align: Align) -> Literal["L", "R", "C"]:
        if align is Align.CENTER:
            return "C"
        at_start = align is Align.START
        return "R" if at_start == self._rtl() else "L"

    @staticmethod
    def _family_for(text: str) -> str:
        return ARABIC_SCRIPT_FAMILY if has_arabic_script(text) else DEFAULT_FAMILY

    def _set_font(self, text: str, *, bold: bool = False, size: float = BODY_SIZE) -> None:
        self._pdf.set_font(self._family_for(text), "B" if bold else "", size)

    def _table(
        self,
        *,
        rows: list[list[str]],
        widths: Sequence[float],
        aligns: Sequence[Align],
        header: list[str] | None,
        bold_first_column: bool,
        borders: TableBordersLayout,
        size: float = BODY_SIZE,
    ) -> None:
        pdf = self._pdf
        rtl = self._rtl()

        # Right to left, the first column stands at the right: lay every row out reversed.
        def ordered(count: int) -> list[int]:
            positions = list(range(count))
            return positions[::-1] if rtl else positions

        total = sum(widths)
        col_widths = tuple(float(widths[position]) / total for position in ordered(len(widths)))
        pdf.set_font(DEFAULT_FAMILY, "", size)
        pdf.set_draw_color(170)
        table_rows = ([header] if header is not None else []) + rows
        with pdf.table(
            col_widths=col_widths,
            first_row_as_headings=header is not None,
            headings_style=FontFace(emphasis="BOLD"),
            borders_layout=borders,
            line_height=LINE_HEIGHT * size / BODY_SIZE,
            padding=(1.2, 1.5),
            text_align="LEFT",
            v_align="TOP",
            width=pdf.epw,
        ) as table:
            for row_number, cells in enumerate(table_rows):
                row = table.row()
                is_header = header is not None and row_number == 0
                for position in ordered(len(cells)):
                    text = cells[position]
                    bold = is_header or (bold_first_column and position == 0)
                    row.cell(
                        bdi(text),  # each cell reads in its own text's direction, placed by the table's
                        align=self._align(aligns[position]),
                        style=FontFace(
                            family=self._family_for(text), emphasis="BOLD" if bold else None, size_pt=size
                        ),
                    )
        pdf.ln(2)

    def _draw_footer(self) -> None:
        pdf = self._pdf
        pdf.set_y(-12)
        pdf.set_draw_color(170)
        pdf.line(pdf.l_margin, pdf.get_y() - 1, pdf.w - pdf.r_margin, pdf.get_y() - 1)
        page = self._page_label % {"page": pdf.page_no(), "pages": "{nb}"}
        width = pdf.epw
        y = pdf.get_y()
        # The footer text at the start of the line (the right, right to left), the page number at its end.
        text_width, page_width = width * 0.8, width * 0.2
        text_x, page_x = (
            (pdf.l_margin + page_width, pdf.l_margin)
            if self._rtl()
            else (pdf.l_margin, pdf.l_margin + text_width)
        )
        pdf.set_text_color(90)
        pdf.set_xy(text_x, y)
        self._set_font(self._footer, size=7.5)
        pdf.multi_cell(text_width, 4, self._footer, align=self._align(Align.START))
        pdf.set_xy(page_x, y)
        self._set_font(page, size=7.5)
        pdf.multi_cell(page_width, 4, page, align=self._align(Align.END))
        pdf.set_text_color(0)


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    """A PDF shown in the browser (inline), saved under `filename` when downloaded."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
