from hypothesis import given
from hypothesis import strategies as st

from cinebridge.core.engine.digits import localize_digits, to_ascii_digits, to_persian_digits


def test_persian_and_arabic_indic_digits_become_ascii():
    assert to_ascii_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert to_ascii_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"


def test_mixed_text_keeps_everything_but_the_digits():
    assert to_ascii_digits("سال ۱۴۰۵ / عام ٢٠٢٦ / 1999") == "سال 1405 / عام 2026 / 1999"


def test_ascii_digits_become_persian():
    assert to_persian_digits("Room 12, 1405/09/05") == "Room ۱۲, ۱۴۰۵/۰۹/۰۵"


def test_only_persian_gets_persian_digits():
    assert localize_digits("2026", "fa") == "۲۰۲۶"
    for language in ("ar", "ru", "be", "en"):
        assert localize_digits("2026", language) == "2026"


def test_a_regional_persian_code_still_gets_persian_digits():
    assert localize_digits("7", "fa-IR") == "۷"


@given(st.text())
def test_persian_digits_round_trip_to_ascii(text):
    ascii_text = to_ascii_digits(text)
    assert to_ascii_digits(to_persian_digits(ascii_text)) == ascii_text


@given(st.text())
def test_ascii_conversion_leaves_no_eastern_digits(text):
    assert not set(to_ascii_digits(text)) & set("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩")
