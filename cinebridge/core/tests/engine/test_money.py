from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cinebridge.core.engine.money import (
    Rounding,
    format_amount,
    is_currency,
    minor_units,
    parse_amount,
    quantize,
    unit,
)


@pytest.mark.parametrize(
    ("code", "units"), [("EUR", 2), ("USD", 2), ("BYN", 2), ("RUB", 2), ("IRR", 2), ("JPY", 0), ("KWD", 3)]
)
def test_minor_units_come_from_iso_4217(code, units):
    assert minor_units(code) == units
    assert unit(code) == Decimal(1).scaleb(-units)


@pytest.mark.parametrize("code", ["ZZZ", "eur", "EURO", "", "XAU"])
def test_unknown_codes_lowercase_and_metals_are_not_currencies(code):
    assert not is_currency(code)
    with pytest.raises(ValueError):
        minor_units(code)


def test_is_currency_refuses_what_is_not_text():
    assert not is_currency(None)
    assert not is_currency(978)
    assert is_currency("EUR")


@pytest.mark.parametrize(
    ("rounding", "expected"),
    [
        (Rounding.HALF_UP, ["2.35", "2.34", "-2.35"]),
        (Rounding.HALF_EVEN, ["2.34", "2.34", "-2.34"]),
        (Rounding.DOWN, ["2.34", "2.34", "-2.34"]),
    ],
)
def test_quantize_rounds_with_the_mode_asked(rounding, expected):
    amounts = [Decimal("2.345"), Decimal("2.3449"), Decimal("-2.345")]
    assert [str(quantize(a, "EUR", rounding)) for a in amounts] == expected


def test_quantize_to_a_currency_without_decimals():
    assert quantize(Decimal("1234.5"), "JPY", Rounding.HALF_UP) == Decimal("1235")
    assert str(quantize(Decimal("1234.5"), "JPY", Rounding.HALF_EVEN)) == "1234"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234.5", "1234.5"),
        ("1 234,50", "1234.50"),
        ("1\u00a0234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("1.234.567,5", "1234567.5"),
        ("1,234,567", "1234567"),
        ("۱۲۳۴٫۵", "1234.5"),
        ("١٬٢٣٤٫٥٠", "1234.50"),
        ("12.500", "12.50"),
        ("  7 ", "7"),
        ("+5", "5"),
        ("-0", "0"),
        (12, "12"),
        (Decimal("3.10"), "3.10"),
    ],
)
def test_parse_amount_reads_what_people_write(text, expected):
    assert str(parse_amount(text, currency="EUR")) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "nan",
        "NaN",
        "inf",
        "Infinity",
        "1e3",
        "1.005",
        "1,234",
        "12,34.5",
        "1.2.3,4,5",
        "٫5",
        "5.",
        Decimal("NaN"),
        Decimal("Infinity"),
    ],
)
def test_parse_amount_refuses_what_is_not_an_amount_of_euros(text):
    with pytest.raises(ValueError):
        parse_amount(text, currency="EUR")


def test_parse_amount_refuses_floats_and_booleans():
    with pytest.raises(ValueError, match="float"):
        parse_amount(1.5, currency="EUR")
    with pytest.raises(ValueError):
        parse_amount(True, currency="EUR")


def test_parse_amount_refuses_negative_amounts_unless_allowed():
    with pytest.raises(ValueError, match="below zero"):
        parse_amount("-5", currency="EUR")
    assert parse_amount("-5.25", currency="EUR", allow_negative=True) == Decimal("-5.25")
    assert parse_amount("\u221212", currency="EUR", allow_negative=True) == Decimal(-12)


def test_parse_amount_follows_the_currency_s_minor_units():
    assert parse_amount("1.234", currency="KWD") == Decimal("1.234")
    with pytest.raises(ValueError, match="0 decimals"):
        parse_amount("100.5", currency="JPY")
    with pytest.raises(ValueError):
        parse_amount("1", currency="XXX")


def test_format_amount_writes_exactly_the_minor_units():
    assert format_amount(Decimal(5), "EUR") == "5.00"
    assert format_amount(Decimal("5.1"), "KWD") == "5.100"
    assert format_amount(Decimal(5), "JPY") == "5"
    with pytest.raises(ValueError):
        format_amount(Decimal("5.123"), "EUR")


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_a_formatted_amount_reads_back_the_same(amount):
    assert parse_amount(format_amount(amount, "EUR"), currency="EUR") == amount
