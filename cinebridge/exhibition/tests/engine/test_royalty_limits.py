"""Inputs the validation accepts (or should refuse) must never crash the royalty engine.

Every input either gives a statement or a RoyaltyInputError naming the place; a bare
decimal.InvalidOperation escapes the command and the REST endpoint as a crash (500).
"""

from typing import Any

import pytest

from cinebridge.deals.engine.terms import TermsError, terms_from_json
from cinebridge.exhibition.engine.jsonio import RoyaltyInputError, statement_from_json


def _case(rate: str) -> dict[str, Any]:
    return {
        "currency": "EUR",
        "terms": {"theatrical": {"percent_by_week": ["50"]}},
        "period": {"start": "2026-01-01", "end": "2026-03-31"},
        "bookings": [{"ref": "B1", "currency": "BYN"}],
        "box_office": [
            {"ref": "bo-1", "booking": "B1", "screen": "Hall 1", "week_start": "2026-01-01",
             "playing_week": 1, "admissions": 10, "gross": "999999999999999999.99"},
        ],
        "rates": [{"from": "BYN", "to": "EUR", "date": "2025-12-31", "rate": rate}],
    }  # fmt: skip


@pytest.mark.parametrize("rate", ["1e100", "99999999999999999999e60"])
def test_a_huge_rate_is_refused_as_input_not_a_crash(rate):
    # The rate passes jsonio's check (finite, > 0, ≤ 20 significant digits); the converted amount
    # then needs more than the engine's 80 digits and quantize raises InvalidOperation.
    with pytest.raises(RoyaltyInputError):
        statement_from_json(_case(rate))


def test_terms_with_a_huge_amount_are_a_terms_error_not_a_crash():
    # parse_amount accepts 27 digits; quantize under the default 28-digit context then raises
    # decimal.InvalidOperation, which offer_checked (deals) and jsonio do not catch.
    with pytest.raises(TermsError):
        terms_from_json({"minimum_guarantee": "1" * 27}, currency="EUR")


def test_the_royalty_input_with_huge_terms_is_an_input_error():
    case = _case("0.28")
    case["terms"] = {"minimum_guarantee": "1" * 30}
    with pytest.raises(RoyaltyInputError):
        statement_from_json(case)
