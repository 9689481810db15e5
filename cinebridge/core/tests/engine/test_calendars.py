from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cinebridge.core.engine.calendars import (
    format_jalali,
    format_jalali_long,
    jalali_month_name,
    jalali_to_gregorian,
    to_jalali,
)

KNOWN_PAIRS = [
    (date(2026, 11, 26), (1405, 9, 5)),
    (date(2025, 3, 21), (1404, 1, 1)),  # Nowruz 1404
    (date(2024, 3, 20), (1403, 1, 1)),  # Nowruz 1403
    (date(2025, 3, 20), (1403, 12, 30)),  # 1403 is a leap year
    (date(2021, 3, 20), (1399, 12, 30)),  # so is 1399
    (date(1979, 2, 11), (1357, 11, 22)),
    (date(2000, 1, 1), (1378, 10, 11)),
]


@pytest.mark.parametrize(("gregorian", "jalali"), KNOWN_PAIRS)
def test_known_dates_convert_both_ways(gregorian, jalali):
    assert to_jalali(gregorian) == jalali
    assert jalali_to_gregorian(*jalali) == gregorian


def test_esfand_30_does_not_exist_in_a_common_year():
    with pytest.raises(ValueError):
        jalali_to_gregorian(1404, 12, 30)


def test_numeric_format_uses_persian_digits_by_default():
    assert format_jalali(date(2026, 11, 26)) == "۱۴۰۵/۰۹/۰۵"
    assert format_jalali(date(2026, 11, 26), persian_digits=False) == "1405/09/05"


def test_long_format_names_the_month():
    assert format_jalali_long(date(2026, 11, 26)) == "۵ آذر ۱۴۰۵"
    assert format_jalali_long(date(2025, 3, 21), persian_digits=False) == "1 فروردین 1404"


def test_month_names_run_from_farvardin_to_esfand():
    assert [jalali_month_name(m) for m in (1, 7, 9, 12)] == ["فروردین", "مهر", "آذر", "اسفند"]


@pytest.mark.parametrize("month", [0, 13])
def test_month_name_rejects_months_outside_the_year(month):
    with pytest.raises(ValueError):
        jalali_month_name(month)


wide_dates = st.dates(min_value=date(1700, 1, 1), max_value=date(2500, 12, 31))


@given(wide_dates)
def test_gregorian_dates_round_trip_through_jalali(d):
    assert jalali_to_gregorian(*to_jalali(d)) == d


@given(wide_dates)
def test_the_next_gregorian_day_is_the_next_jalali_day(d):
    year, month, day = to_jalali(d)
    following = to_jalali(d + timedelta(days=1))
    assert following in {(year, month, day + 1), (year, month + 1, 1), (year + 1, 1, 1)}
    assert following > (year, month, day)
