"""Reading generated PDFs back in tests: their text, their metadata, and whether Persian was shaped.

Shaping is checked on the glyphs themselves, not on the extracted text (a PDF's ToUnicode map turns
shaped glyphs back into the letters they came from, so text extraction cannot tell). For a Persian
word, HarfBuzz shapes it with the vendored Vazirmatn font into positional forms (initial, medial,
final, ligatures); the outlines of those glyphs must be among the glyphs embedded in the PDF. A PDF
written without shaping embeds the letters' isolated forms only and fails the check (see
test_pdf.test_the_shaping_check_fails_on_unshaped_text).
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Any

import pypdf
import uharfbuzz as hb  # type: ignore[import-untyped]
from fontTools.pens.recordingPen import DecomposingRecordingPen  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from cinebridge.core.engine.digits import to_ascii_digits
from cinebridge.core.pdf import FONTS_DIR

VAZIRMATN = {
    "": FONTS_DIR / "vazirmatn" / "Vazirmatn-Regular.ttf",
    "B": FONTS_DIR / "vazirmatn" / "Vazirmatn-Bold.ttf",
}
_ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))
Outline = tuple[Any, ...]


def normalise(text: str) -> str:
    """Extracted text comparable with what was written: presentation forms folded (NFKC), isolate
    marks dropped, ASCII digits, every run of white space (no-break spaces too) one space."""
    text = unicodedata.normalize("NFKC", text).translate(_ISOLATES)
    text = to_ascii_digits(text).replace("\u066c", ",").replace("\u066b", ".")
    return re.sub(r"\s+", " ", text)


def page_texts(data: bytes) -> list[str]:
    return [normalise(page.extract_text() or "") for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def page_lines(data: bytes) -> list[list[str]]:
    """Each page's text lines, normalised."""
    return [
        [normalise(line) for line in (page.extract_text() or "").splitlines()]
        for page in pypdf.PdfReader(io.BytesIO(data)).pages
    ]


def has_number(text: str, number: str) -> bool:
    """Whether `number` ("20,000.00") is in `text`. On right-to-left pages pypdf returns a number
    isolated left to right with its characters reversed ("00.000,02"), so either order counts; the
    digits must still be all there and in one of the two orders."""
    return number in text or number[::-1] in text


def pdf_text(data: bytes) -> str:
    return "\n".join(page_texts(data))


def metadata(data: bytes) -> dict[str, str]:
    info: Any = pypdf.PdfReader(io.BytesIO(data)).metadata or {}
    return {str(key): str(value) for key, value in info.items()}


def file_id(data: bytes) -> Any:
    return pypdf.PdfReader(io.BytesIO(data)).trailer.get("/ID")


def embedded_fonts(data: bytes) -> dict[str, TTFont]:
    """The embedded TrueType subsets by base font name ("MPDFAA+Vazirmatn" → its TTFont)."""
    fonts: dict[str, TTFont] = {}
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        resources: Any = page["/Resources"]
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            for descendant in font.get("/DescendantFonts") or []:
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                if "/FontFile2" in descriptor:
                    stream = descriptor["/FontFile2"].get_object().get_data()
                    fonts[str(font["/BaseFont"])] = TTFont(io.BytesIO(stream))
    return fonts


def _outline(glyph_set: Any, name: str) -> Outline:
    pen = DecomposingRecordingPen(glyph_set)
    glyph_set[name].draw(pen)
    return tuple((operator, tuple(tuple(point) for point in points)) for operator, points in pen.value)


def outlines(font: TTFont) -> set[Outline]:
    glyph_set = font.getGlyphSet()
    return {_outline(glyph_set, name) for name in font.getGlyphOrder()}


@cache
def _vazirmatn(style: str) -> tuple[bytes, TTFont]:
    path = VAZIRMATN[style]
    return path.read_bytes(), TTFont(path)


def shaped_outlines(text: str, style: str = "") -> list[Outline]:
    """The outlines HarfBuzz picks for `text` in Vazirmatn (blank glyphs such as spaces left out)."""
    data, font = _vazirmatn(style)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(hb.Font(hb.Face(data)), buffer, {})
    order, glyph_set = font.getGlyphOrder(), font.getGlyphSet()
    shaped = [_outline(glyph_set, order[info.codepoint]) for info in buffer.glyph_infos]
    return [outline for outline in shaped if outline]


def nominal_outlines(text: str, style: str = "") -> list[Outline]:
    """The outlines of `text`'s letters in their isolated forms: what an unshaped PDF would show."""
    _data, font = _vazirmatn(style)
    cmap, glyph_set = font.getBestCmap(), font.getGlyphSet()
    nominal = [_outline(glyph_set, cmap[ord(char)]) for char in text if ord(char) in cmap]
    return [outline for outline in nominal if outline]


def unshaped_words(data: bytes, words: Iterable[str]) -> list[str]:
    """The words among `words` whose shaped glyphs are not all embedded in the PDF's Vazirmatn fonts."""
    embedded: set[Outline] = set()
    for name, font in embedded_fonts(data).items():
        if "Vazirmatn" in name:
            embedded |= outlines(font)
    missing = []
    for word in words:
        shaped = set(shaped_outlines(word))
        shaped_bold = set(shaped_outlines(word, "B"))
        # A word is shaped if its regular or its bold shaping is there in full.
        if not (shaped <= embedded or shaped_bold <= embedded):
            missing.append(word)
    return missing


def shaping_changes(word: str) -> bool:
    """Whether shaping `word` gives other glyphs than its isolated letters (so the check means something)."""
    return set(shaped_outlines(word)) != set(nominal_outlines(word))
