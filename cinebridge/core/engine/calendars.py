"""Solar Hijri (Jalali) dates for display: Gregorian dates are stored, Jalali ones only shown or parsed."""

from __future__ import annotations

from datetime import date

import jdatetime

from cinebridge.core.engine.digits import to_persian_digits

# Written out rather than taken from jdatetime, whose locale tables have changed between releases.
JALALI_MONTH_NAMES: tuple[str, ...] = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)


def to_jalali(d: date) -> tuple[int, int, int]:
    """The Jalali (year, month, day) of a Gregorian date."""
    j = jdatetime.date.fromgregorian(date=d)
    return int(j.year), int(j.month), int(j.day)


def jalali_to_gregorian(year: int, month: int, day: int) -> date:
    """The Gregorian date of a Jalali date; ValueError when the Jalali date does not exist."""
    g = jdatetime.date(year, month, day).togregorian()
    return date(g.year, g.month, g.day)


def jalali_month_name(month: int) -> str:
    """The Persian name of a Jalali month, 1 (Farvardin) to 12 (Esfand)."""
    if not 1 <= month <= len(JALALI_MONTH_NAMES):
        raise ValueError(f"Jalali month must be between 1 and 12, not {month}.")
    return JALALI_MONTH_NAMES[month - 1]


def format_jalali(d: date, *, persian_digits: bool = True) -> str:
    """A Gregorian date written as a numeric Jalali date, e.g. ۱۴۰۵/۰۹/۰۵."""
    year, month, day = to_jalali(d)
    text = f"{year:04d}/{month:02d}/{day:02d}"
    return to_persian_digits(text) if persian_digits else text


def format_jalali_long(d: date, *, persian_digits: bool = True) -> str:
    """A Gregorian date written as a Jalali date with the month's name, e.g. ۵ آذر ۱۴۰۵."""
    year, month, day = to_jalali(d)
    text = f"{day} {jalali_month_name(month)} {year}"
    return to_persian_digits(text) if persian_digits else text
