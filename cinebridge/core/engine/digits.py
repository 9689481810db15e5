"""Conversion between ASCII, Persian and Arabic-Indic digits."""

from __future__ import annotations

_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_ASCII_DIGITS = "0123456789"

_TO_ASCII = str.maketrans(_PERSIAN_DIGITS + _ARABIC_INDIC_DIGITS, _ASCII_DIGITS * 2)
_TO_PERSIAN = str.maketrans(_ASCII_DIGITS, _PERSIAN_DIGITS)


def to_ascii_digits(s: str) -> str:
    """Replace Persian and Arabic-Indic digits with ASCII digits, leaving everything else as it is."""
    return s.translate(_TO_ASCII)


def to_persian_digits(s: str) -> str:
    """Replace ASCII digits with Persian digits, leaving everything else as it is."""
    return s.translate(_TO_PERSIAN)


def localize_digits(s: str, language_code: str) -> str:
    """Write the digits of `s` as readers of `language_code` expect them: Persian digits for "fa" only."""
    # Arabic keeps Western digits on purpose: the demo uses them, as most Arab film trade documents
    # (contracts, festival catalogues, box-office reports) do.
    if language_code.split("-")[0].lower() == "fa":
        return to_persian_digits(s)
    return s
