"""The worked cases of ../shared/data/royalty-cases.json come out exactly, through the JSON interface."""

import json
from datetime import date, timedelta
from typing import Any

import pytest

from cinebridge.exhibition.engine.jsonio import statement_from_json
from conftest import shared_data_file


def _cases() -> dict[str, dict[str, Any]]:
    data = json.loads(shared_data_file("royalty-cases.json").read_text(encoding="utf-8"))
    return {case["id"]: case for case in data["cases"]}


def _sliding_scale_input(case: dict[str, Any]) -> dict[str, Any]:
    """Case 1 as one booking: the weeks' net box office reported as gross with no taxes or levies."""
    terms = case["terms"]
    first_day = date(2026, 1, 1)
    return {
        "currency": "EUR",
        "terms": {
            "theatrical": {
                "percent_by_week": terms["gross_percent_by_week"],
                "over_nut_percent_by_week": terms["over_nut_percent_by_week"],
            }
        },
        "period": {"start": "2026-01-01", "end": "2026-03-31"},
        "bookings": [
            {
                "ref": "B1",
                "territory": "BY",
                "currency": "EUR",
                "house_nut_per_week": terms["house_nut_per_week"],
            }
        ],
        "box_office": [
            {
                "ref": f"bo-{week}",
                "booking": "B1",
                "screen": "Hall 1",
                "week_start": (first_day + timedelta(weeks=week - 1)).isoformat(),
                "playing_week": week,
                "admissions": 100,
                "gross": nbo,
                "taxes": "0",
                "levies": "0",
            }
            for week, nbo in enumerate(case["weeks_nbo"], start=1)
        ],
    }


def _mg_input(case: dict[str, Any]) -> dict[str, Any]:
    """Case 2: receipts reported directly, expenses, the MG already paid, a fee on the one medium."""
    terms = case["terms"]
    return {
        "currency": "EUR",
        "terms": {
            "minimum_guarantee": terms["minimum_guarantee"],
            "distribution_fee_percent": {"THEATRICAL": terms["distribution_fee_percent"]},
            "expenses_cap": terms["expenses_cap"],
        },
        "period": {"start": "2026-01-01", "end": "2026-03-31"},
        "receipts": [
            {
                "ref": "r-1",
                "date": "2026-02-01",
                "media": "THEATRICAL",
                "amount": case["gross_receipts"],
                "currency": "EUR",
            }
        ],
        "expenses": [
            {
                "ref": "e-1",
                "date": "2026-01-05",
                "amount": case["expenses_incurred"],
                "currency": "EUR",
                "description": "P&A",
            }
        ],
        "previously_reported": terms["minimum_guarantee"],  # the MG, paid as an advance
    }


def _figures(amounts: list[str]) -> list[str]:
    return [f"{int(a)}.00" for a in amounts]


def test_sliding_scale_against_house_nut_comes_out_exactly():
    case = _cases()["sliding-scale-vs-house-nut"]
    result = statement_from_json(_sliding_scale_input(case))
    assert [w["film_rental"] for w in result["weeks"]] == _figures(case["expected"]["film_rental_by_week"])
    assert [w["basis"] for w in result["weeks"]] == ["over_nut", "over_nut", "percent", "percent"]
    assert result["totals"]["film_rental"] == f"{case['expected']['film_rental_total']}.00"
    assert result["totals"]["gross_receipts"] == f"{case['expected']['film_rental_total']}.00"


def test_minimum_guarantee_with_overage_comes_out_exactly():
    case = _cases()["mg-with-overage"]
    expected = case["expected"]
    totals = statement_from_json(_mg_input(case))["totals"]
    assert totals["gross_receipts"] == f"{case['gross_receipts']}.00"
    assert totals["distribution_fee"] == f"{expected['distribution_fee']}.00"
    assert totals["expenses_recouped"] == f"{expected['expenses_recouped']}.00"
    assert totals["mg_recouped"] == f"{expected['mg_recouped']}.00"
    assert totals["overage"] == f"{expected['overage_payable']}.00"
    assert totals["payable"] == f"{expected['overage_payable']}.00"
    assert totals["carried_forward"] == "0.00"


@pytest.mark.parametrize("case_id", ["sliding-scale-vs-house-nut", "mg-with-overage"])
def test_each_case_conserves_money(case_id):
    case = _cases()[case_id]
    build = _sliding_scale_input if case_id.startswith("sliding") else _mg_input
    totals = {
        k: v if isinstance(v, int) else __import__("decimal").Decimal(v)
        for k, v in statement_from_json(build(case))["totals"].items()
    }
    assert totals["gross_receipts"] == (
        totals["distribution_fee"] + totals["expenses_recouped"] + totals["mg_recouped"] + totals["overage"]
    )
