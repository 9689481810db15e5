"""Money as `Decimal` in ISO 4217 minor units: currencies, rounding and reading amounts. Pure Python.

An amount of a currency never has more decimals than the currency's minor units (EUR 2, JPY 0,
KWD 3). Computation may run at full precision; each statement line is rounded once with
`quantize` and the deal's `Rounding`.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from functools import cache

import iso4217

from .digits import to_ascii_digits

__all__ = [
    "MAX_AMOUNT",
    "AmountError",
    "Rounding",
    "format_amount",
    "is_currency",
    "minor_units",
    "parse_amount",
    "quantize",
    "unit",
]


# Amounts stay below 10^18: a product of one with a percentage or a rate is then exact at Decimal's
# precision, and every amount fits the database's NUMERIC(24, 4).
MAX_AMOUNT = Decimal(10) ** 18


class AmountError(ValueError):
    """Why a text is not an amount; `code` is not_amount, negative, decimals or too_large."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


class Rounding(StrEnum):
    HALF_UP = "half_up"
    HALF_EVEN = "half_even"
    DOWN = "down"


_DECIMAL_ROUNDING = {
    Rounding.HALF_UP: ROUND_HALF_UP,
    Rounding.HALF_EVEN: ROUND_HALF_EVEN,
    Rounding.DOWN: ROUND_DOWN,  # towards zero
}

_CODE = re.compile(r"[A-Z]{3}")


@cache
def minor_units(currency: str) -> int:
    """The ISO 4217 exponent of `currency` (EUR 2, JPY 0, KWD 3); ValueError for anything else."""
    if not isinstance(currency, str) or not _CODE.fullmatch(currency):
        raise ValueError(f"{currency!r} is not an ISO 4217 currency code")
    try:
        exponent = iso4217.Currency(currency).exponent
    except ValueError:
        raise ValueError(f"{currency!r} is not an ISO 4217 currency code") from None
    if exponent is None:  # gold, SDR, test codes: not money a deal is paid in
        raise ValueError(f"{currency!r} has no minor unit: it is not a currency for payments")
    return int(exponent)


def is_currency(code: object) -> bool:
    """Whether `code` is an ISO 4217 code of a currency with minor units."""
    if not isinstance(code, str):
        return False
    try:
        minor_units(code)
    except (ValueError, TypeError):
        return False
    return True


@cache
def unit(currency: str) -> Decimal:
    """The smallest amount of `currency`: Decimal("0.01") for EUR, Decimal("1") for JPY."""
    return Decimal(1).scaleb(-minor_units(currency))


def quantize(amount: Decimal, currency: str, rounding: Rounding) -> Decimal:
    """`amount` rounded to the minor unit of `currency` with `rounding`."""
    return amount.quantize(unit(currency), rounding=_DECIMAL_ROUNDING[Rounding(rounding)])


def format_amount(amount: Decimal, currency: str) -> str:
    """`amount` as a plain string with exactly the currency's minor units ("1234.50"); it must fit."""
    exact = amount.quantize(unit(currency))
    if exact != amount:
        raise ValueError(f"{amount} has more decimals than {currency} allows")
    return f"{exact:f}"


# Grouping characters people type between thousands: spaces of all kinds, the apostrophe (Swiss),
# the Arabic thousands separator.
_GROUPING = str.maketrans("", "", " \u00a0\u202f\u2009'\u066c")
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_GROUPED = re.compile(r"[0-9]{1,3}(?:X[0-9]{3})*")


def _plain_number(text: str) -> str:
    """ "1,234.50", "1.234,50", "1 234,50" → "1234.50": the rightmost separator is the decimal one
    when both kinds occur, or when one kind occurs once; a kind occurring several times groups."""
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal_mark = "." if text.rfind(".") > text.rfind(",") else ","
    elif dots == 1 or commas == 1:
        decimal_mark = "." if dots else ","
    else:
        decimal_mark = ""
    whole, _, fraction = text.rpartition(decimal_mark) if decimal_mark else (text, "", "")
    # The other kind groups thousands; with no decimal mark, whichever kind occurs.
    group_mark = {".": ",", ",": "."}.get(decimal_mark, "." if dots else ",")
    if decimal_mark and group_mark in fraction:
        raise AmountError(f"{text!r} is not an amount", code="not_amount")
    if (dots > 1 or commas > 1 or (dots and commas)) and not _GROUPED.fullmatch(
        whole.replace(group_mark, "X")
    ):
        raise AmountError(f"{text!r} is not an amount: thousands are grouped by three", code="not_amount")
    whole = whole.replace(group_mark, "")
    return f"{whole}.{fraction}" if decimal_mark else whole


def parse_amount(text: str | int | Decimal, *, currency: str, allow_negative: bool = False) -> Decimal:
    """An amount of `currency` from what a person or a file wrote: "1234.5", "1 234,50", "۱۲۳۴٫۵".

    Refuses (with an `AmountError`) more decimals than the currency's minor units, NaN, infinity,
    exponents, floats (binary fractions are not money), amounts of `MAX_AMOUNT` or more and, unless
    `allow_negative`, amounts below zero. The result keeps the
    decimals written; `quantize` gives it the currency's scale.
    """
    places = minor_units(currency)
    if isinstance(text, bool) or not isinstance(text, str | int | Decimal):
        raise AmountError(f"expected an amount as text, not {type(text).__name__}", code="not_amount")
    if isinstance(text, int):
        amount = Decimal(text)
    elif isinstance(text, Decimal):
        if not text.is_finite():
            raise AmountError(f"{text} is not an amount", code="not_amount")
        amount = text
    else:
        amount = _decimal_from_text(text)
    if abs(amount) >= MAX_AMOUNT:
        raise AmountError(f"{_shown(text)} is too large an amount", code="too_large")
    if amount < 0 and not allow_negative:
        raise AmountError(f"{_shown(text)} is below zero", code="negative")
    exponent = amount.as_tuple().exponent
    assert isinstance(exponent, int)  # noqa: S101 — finite, checked above
    if -exponent > places and amount != amount.quantize(unit(currency)):
        raise AmountError(
            f"{_shown(text)} has more than {places} decimals, the minor unit of {currency}", code="decimals"
        )
    if -exponent > places:  # "12.500" for EUR: trailing zeros only
        amount = amount.quantize(unit(currency))
    return amount + 0 if amount.is_zero() else amount  # -0 → 0


def _shown(text: str | int | Decimal) -> str:
    return text.strip() if isinstance(text, str) else str(text)


def _decimal_from_text(text: str) -> Decimal:
    cleaned = to_ascii_digits(text).replace("\u066b", ".").translate(_GROUPING)  # ٫ Arabic decimal
    cleaned = cleaned.replace("\u2212", "-")  # the minus sign of typesetting
    sign = ""
    if cleaned and cleaned[0] in "+-":
        sign, cleaned = ("-" if cleaned[0] == "-" else ""), cleaned[1:]
    if not _NUMBER.fullmatch(cleaned):
        raise AmountError(f"{text.strip()!r} is not an amount", code="not_amount")
    try:
        return Decimal(sign + _plain_number(cleaned))
    except InvalidOperation:
        raise AmountError(f"{text.strip()!r} is not an amount", code="not_amount") from None
