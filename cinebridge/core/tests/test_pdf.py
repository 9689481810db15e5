"""The PDF builder: shaping and direction of Persian, fonts per script, amounts, reproducible bytes."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pypdf
import pytest
from fpdf import FPDF

from cinebridge.core.pdf import (
    Column,
    PdfDocument,
    bdi,
    first_strong_direction,
    has_arabic_script,
    is_rtl,
    ltr,
    money_text,
    percent_text,
    strip_isolates,
    timestamp_text,
)

from .pdf_checks import (
    VAZIRMATN,
    embedded_fonts,
    file_id,
    has_number,
    metadata,
    normalise,
    page_lines,
    page_texts,
    pdf_text,
    shaping_changes,
    unshaped_words,
)

MOMENT = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)
PERSIAN_WORDS = ("قرارداد", "فروشنده", "تضمین", "بلاروس")


def sample(generated_at: datetime = MOMENT) -> bytes:
    """A document in Persian, then Russian, then English, with a table of amounts in each."""
    document = PdfDocument(
        title="یادداشت قرارداد",
        language="fa",
        generated_at=generated_at,
        footer=f"تولید شده در {timestamp_text(generated_at, 'fa')}",
        page_label="صفحه %(page)s از %(pages)s",
    )
    document.heading(f"یادداشت قرارداد {ltr('CB-2026-0007')}")
    document.paragraph("فیلم «فروشنده» برای اکران در بلاروس، با حداقل تضمین.")
    document.key_values([("حداقل تضمین", money_text(Decimal("20000"), "EUR", "fa"))])
    document.table(
        columns=[Column("هفته"), Column("سهم", numeric=True)],
        rows=[["۱", percent_text("50", "fa")], ["۲", percent_text("45", "fa")]],
    )
    document.start_section(
        language="ru",
        footer=f"Создано {timestamp_text(generated_at, 'ru')}",
        page_label="Стр. %(page)s из %(pages)s",
    )
    document.heading("Меморандум сделки CB-2026-0007")
    document.key_values([("Лицензиат", bdi("Сеть кинотеатров «Минск»"))])
    document.table(
        columns=[Column("Неделя"), Column("Сумма", numeric=True)],
        rows=[["1", money_text(Decimal("12345.6"), "EUR", "ru")]],
    )
    document.start_section(
        language="en",
        footer=f"Generated {timestamp_text(generated_at, 'en')}",
        page_label="Page %(page)s of %(pages)s",
    )
    document.heading("Deal memo CB-2026-0007")
    document.key_values([("Minimum guarantee", money_text(Decimal("20000"), "EUR", "en"))])
    return document.output()


def test_rtl_languages_come_from_djangos_language_table():
    assert is_rtl("fa")
    assert is_rtl("ar")
    assert not is_rtl("ru")
    assert not is_rtl("en")
    assert not is_rtl("xx")


def test_arabic_script_is_recognised_in_persian_and_not_in_cyrillic():
    assert has_arabic_script("فیلم")
    assert has_arabic_script("Film ۱۲")
    assert not has_arabic_script("Фильм 12")


def test_first_strong_direction_skips_isolated_runs():
    assert first_strong_direction(f"{ltr('CB-1')} قرارداد") == "rtl"
    assert first_strong_direction("Deal قرارداد") == "ltr"
    assert first_strong_direction(f"{bdi('Minsk')} ۱۲") is None


def test_money_text_has_the_currencys_minor_units_and_the_languages_digits():
    assert strip_isolates(money_text(Decimal("20000"), "EUR", "en")) == "20,000.00\u00a0EUR"
    assert strip_isolates(money_text(Decimal("1234"), "JPY", "en")) == "1,234\u00a0JPY"
    assert strip_isolates(money_text(Decimal("1.5"), "KWD", "en")) == "1.500\u00a0KWD"
    assert strip_isolates(money_text(Decimal("20000"), "EUR", "fa")) == "۲۰٬۰۰۰٫۰۰\u00a0EUR"
    assert strip_isolates(percent_text("12.50", "fa")) == "۱۲٫۵\u00a0%"


def test_persian_russian_and_english_text_and_amounts_are_in_the_pdf():
    text = pdf_text(sample())
    for word in (*PERSIAN_WORDS, "Меморандум сделки", "Сеть кинотеатров «Минск»", "Deal memo CB-2026-0007"):
        assert word in text, word
    persian, russian, english = page_texts(sample())
    assert "20,000.00 EUR" in english  # English grouping
    assert "12 345,60 EUR" in russian  # Russian grouping
    # Persian digits and separators (۲۰٬۰۰۰٫۰۰), read back as ASCII by normalise().
    assert has_number(persian, "20,000.00")
    assert "EUR" in persian
    assert has_number(persian, "50")
    assert has_number(persian, "45")


def test_persian_is_shaped_with_vazirmatn_and_the_rest_set_in_dejavu():
    data = sample()
    fonts = set(embedded_fonts(data))
    assert any("Vazirmatn" in name for name in fonts)
    assert any("DejaVuSans" in name for name in fonts)
    assert all(shaping_changes(word) for word in PERSIAN_WORDS)
    assert unshaped_words(data, PERSIAN_WORDS) == []


def test_the_shaping_check_fails_on_unshaped_text():
    pdf = FPDF()
    pdf.add_font("vazirmatn", "", str(VAZIRMATN[""]))
    pdf.add_page()
    pdf.set_font("vazirmatn", size=12)
    pdf.multi_cell(0, 8, " ".join(PERSIAN_WORDS))  # no set_text_shaping: isolated letters
    assert unshaped_words(bytes(pdf.output()), PERSIAN_WORDS) == list(PERSIAN_WORDS)


def _positions(data: bytes, page: int) -> dict[str, float]:
    """The x position of each piece of text on a page, by its normalised text."""
    positions: dict[str, float] = {}

    def visit(text, _cm, tm, _font, _size):
        key = normalise(text).strip()
        if key:
            positions.setdefault(key, tm[4])

    pypdf.PdfReader(io.BytesIO(data)).pages[page].extract_text(visitor_text=visit)
    return positions


def test_right_to_left_tables_start_at_the_right_and_left_to_right_ones_at_the_left():
    data = sample()
    persian = _positions(data, 0)
    assert persian["هفته"] > persian["سهم"]  # the first column stands at the right
    russian = _positions(data, 1)
    assert russian["Неделя"] < russian["Сумма"]


def test_persian_paragraphs_are_right_aligned():
    data = sample()
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    width = float(page.mediabox.width)
    persian = _positions(data, 0)
    russian = _positions(data, 1)
    heading = next(x for key, x in persian.items() if "یادداشت" in key or "CB-2026-0007" in key)
    assert heading > width / 3
    assert russian["Меморандум сделки CB-2026-0007"] < width / 6


def test_footer_has_the_page_numbers_and_the_timestamp():
    texts = page_texts(sample())
    assert len(texts) == 3
    assert "صفحه" in texts[0]
    assert "Стр. 2 из 3" in texts[1]
    assert "Page 3 of 3" in texts[2]
    assert "2026-03-01 12:30 UTC" in texts[2]
    assert "1404/12/10" in texts[0]  # the Solar Hijri date of 1 March 2026 in the Persian footer
    assert has_number(texts[0], "2026-03-01")


def test_same_content_and_timestamp_give_identical_bytes():
    assert sample() == sample()


def test_a_different_timestamp_changes_only_the_timestamp():
    first, second = sample(MOMENT), sample(MOMENT + timedelta(days=3, hours=2))
    assert first != second
    assert file_id(first) == file_id(second)  # derived from the content, not the clock
    first_meta, second_meta = metadata(first), metadata(second)
    assert first_meta.pop("/CreationDate") != second_meta.pop("/CreationDate")
    assert first_meta == second_meta
    assert first_meta["/Producer"] == "cinebridge"

    # Page by page, the lines are the same but the footer line with the timestamp.
    for first_page, second_page in zip(page_lines(first), page_lines(second), strict=True):
        differing = [(a, b) for a, b in zip(first_page, second_page, strict=True) if a != b]
        assert len(differing) == 1
        assert all("UTC" in a and "UTC" in b for a, b in differing)


def test_the_creation_date_is_the_moment_passed_in_utc():
    tehran = timezone(timedelta(hours=3, minutes=30))
    data = sample(MOMENT.astimezone(tehran))
    assert metadata(data)["/CreationDate"].startswith("D:20260301123000")
    assert data == sample(MOMENT)


def test_a_naive_timestamp_is_refused():
    with pytest.raises(ValueError, match="aware"):
        PdfDocument(title="x", language="en", generated_at=datetime(2026, 1, 1))  # noqa: DTZ001


def test_a_table_row_with_the_wrong_number_of_cells_is_refused():
    document = PdfDocument(title="x", language="en", generated_at=MOMENT)
    with pytest.raises(ValueError, match="row 2"):
        document.table(columns=[Column("a"), Column("b")], rows=[["1", "2"], ["3"]])


def test_a_language_babel_does_not_know_is_written_as_in_english():
    assert strip_isolates(money_text(Decimal("1234.5"), "EUR", "xx")) == "1,234.50\u00a0EUR"
