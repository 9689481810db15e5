"""The royalty rules one by one, on small statements whose numbers can be checked by hand."""

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from cinebridge.exhibition.engine.jsonio import RoyaltyInputError, statement_from_json
from cinebridge.exhibition.engine.royalties import input_from_json, statement, statement_to_json


def _input(**changes):
    data = {
        "currency": "EUR",
        "terms": {"theatrical": {"percent_by_week": ["50", "40"]}},
        "period": {"start": "2026-01-01", "end": "2026-03-31"},
        "bookings": [{"ref": "B1", "territory": "BY", "currency": "EUR", "label": "Minsk, Oktyabr"}],
        "box_office": [],
    }
    data.update(changes)
    return data


def _week(
    ref, week, gross, *, booking="B1", screen="Hall 1", start=None, taxes="0", levies="0", admissions=10
):
    starts = {1: "2026-01-01", 2: "2026-01-08", 3: "2026-01-15", 4: "2026-01-22"}
    return {
        "ref": ref,
        "booking": booking,
        "screen": screen,
        "week_start": start or starts[week],
        "playing_week": week,
        "admissions": admissions,
        "gross": gross,
        "taxes": taxes,
        "levies": levies,
    }


def _line(result, key):
    return next(line for line in result["lines"] if line["key"] == key)


def test_screens_of_one_week_are_summed_and_the_week_traces_its_rows():
    result = statement_from_json(
        _input(
            box_office=[
                _week("bo-1", 1, "1000.00", taxes="100.00", levies="50.00"),
                _week("bo-2", 1, "500.00", screen="Hall 2"),
            ]
        )
    )
    (week,) = result["weeks"]
    assert week["screens"] == ["Hall 1", "Hall 2"]
    assert week["sources"] == ["bo-1", "bo-2"]
    assert (week["gross"], week["taxes"], week["levies"], week["net_box_office"]) == (
        "1500.00",
        "100.00",
        "50.00",
        "1350.00",
    )
    assert (week["basis"], week["percent"], week["film_rental"], week["exhibitor_share"]) == (
        "percent",
        "50",
        "675.00",
        "675.00",
    )
    assert week["terms"] == ["theatrical.percent_by_week[0]"]
    assert week["admissions"] == 20
    assert week["conversion"] is None


def test_the_last_percent_of_the_scale_repeats_for_later_weeks():
    result = statement_from_json(_input(box_office=[_week(f"bo-{w}", w, "100.00") for w in (1, 2, 3)]))
    assert [w["film_rental"] for w in result["weeks"]] == ["50.00", "40.00", "40.00"]
    assert [w["terms"] for w in result["weeks"]][2] == ["theatrical.percent_by_week[1]"]


def test_over_the_nut_applies_only_with_both_the_term_and_a_house_nut():
    terms = {"theatrical": {"percent_by_week": ["50"], "over_nut_percent_by_week": ["90"]}}
    weeks = [_week("bo-1", 1, "10000.00")]
    without_nut = statement_from_json(_input(terms=terms, box_office=weeks))["weeks"][0]
    assert (without_nut["basis"], without_nut["film_rental"]) == ("percent", "5000.00")
    bookings = [{"ref": "B1", "territory": "BY", "currency": "EUR", "house_nut_per_week": "2000.00"}]
    with_nut = statement_from_json(_input(terms=terms, bookings=bookings, box_office=weeks))["weeks"][0]
    assert (with_nut["basis"], with_nut["percent"], with_nut["film_rental"]) == ("over_nut", "90", "7200.00")
    assert with_nut["terms"] == ["theatrical.percent_by_week[0]", "theatrical.over_nut_percent_by_week[0]"]
    assert with_nut["house_nut"] == "2000.00"
    no_over_term = statement_from_json(_input(bookings=bookings, box_office=weeks))["weeks"][0]
    assert no_over_term["basis"] == "percent"


def test_a_week_below_the_house_nut_pays_the_percentage():
    terms = {"theatrical": {"percent_by_week": ["25"], "over_nut_percent_by_week": ["90"]}}
    bookings = [{"ref": "B1", "territory": "BY", "currency": "EUR", "house_nut_per_week": "2000.00"}]
    week = statement_from_json(
        _input(terms=terms, bookings=bookings, box_office=[_week("bo-1", 1, "1500.00")])
    )["weeks"][0]
    assert (week["basis"], week["film_rental"]) == ("percent", "375.00")


@pytest.mark.parametrize(
    ("rounding", "rental"), [("half_up", "0.03"), ("half_even", "0.02"), ("down", "0.02")]
)
def test_each_line_is_rounded_with_the_terms_rounding(rounding, rental):
    terms = {"theatrical": {"percent_by_week": ["50"]}, "rounding": rounding}
    week = statement_from_json(_input(terms=terms, box_office=[_week("bo-1", 1, "0.05")]))["weeks"][0]
    assert week["film_rental"] == rental
    assert Decimal(week["exhibitor_share"]) + Decimal(week["film_rental"]) == Decimal("0.05")


def test_without_theatrical_terms_the_rental_is_zero_and_the_exhibitor_keeps_the_net():
    result = statement_from_json(_input(terms={}, box_office=[_week("bo-1", 1, "100.00")]))
    week = result["weeks"][0]
    assert (week["basis"], week["film_rental"], week["exhibitor_share"]) == ("none", "0.00", "100.00")
    assert _line(result, "receipts:THEATRICAL")["to_date"] == "0.00"


BYN_BOOKING = [{"ref": "B1", "territory": "BY", "currency": "BYN"}]


def test_a_week_is_converted_at_the_latest_rate_on_or_before_its_last_day():
    rates = [
        {"from": "BYN", "to": "EUR", "date": "2025-12-31", "rate": "0.25", "source": "NBRB"},
        {"from": "BYN", "to": "EUR", "date": "2026-01-07", "rate": "0.30", "source": "NBRB"},
        {"from": "BYN", "to": "EUR", "date": "2026-01-08", "rate": "0.99", "source": "NBRB"},
    ]
    result = statement_from_json(
        _input(bookings=BYN_BOOKING, rates=rates, box_office=[_week("bo-1", 1, "1000.00", taxes="100.00")])
    )
    week = result["weeks"][0]
    assert week["currency"] == "BYN"
    assert week["film_rental"] == "450.00"
    assert week["conversion"] == {
        "from": "BYN",
        "to": "EUR",
        "rate": "0.30",
        "inverse": False,
        "date": "2026-01-07",
        "source": "NBRB",
        "amount": "135.00",
    }
    assert week["in_deal_currency"] == {
        "gross": "300.00",
        "taxes": "30.00",
        "levies": "0.00",
        "net_box_office": "270.00",
        "film_rental": "135.00",
        "exhibitor_share": "135.00",
    }
    assert result["totals"]["film_rental"] == "135.00"
    assert result["totals"]["box_office_gross"] == "300.00"


def test_a_rate_quoted_the_other_way_is_divided_and_a_direct_rate_wins_a_tie():
    inverse_only = [{"from": "EUR", "to": "BYN", "date": "2026-01-01", "rate": "3", "source": "ECB"}]
    result = statement_from_json(
        _input(bookings=BYN_BOOKING, rates=inverse_only, box_office=[_week("bo-1", 1, "100.00")])
    )
    conversion = result["weeks"][0]["conversion"]
    assert (conversion["inverse"], conversion["amount"]) == (True, "16.67")  # 50 / 3
    both = [
        *inverse_only,
        {"from": "BYN", "to": "EUR", "date": "2026-01-01", "rate": "0.5", "source": "NBRB"},
    ]
    conversion = statement_from_json(
        _input(bookings=BYN_BOOKING, rates=both, box_office=[_week("bo-1", 1, "100.00")])
    )["weeks"][0]["conversion"]
    assert (conversion["inverse"], conversion["source"], conversion["amount"]) == (False, "NBRB", "25.00")
    reversed_order = list(reversed(both))
    again = statement_from_json(
        _input(bookings=BYN_BOOKING, rates=reversed_order, box_office=[_week("bo-1", 1, "100.00")])
    )
    assert again["weeks"][0]["conversion"]["source"] == "NBRB"


def test_a_missing_rate_names_the_row_that_needs_it():
    rates = [{"from": "BYN", "to": "EUR", "date": "2026-01-20", "rate": "0.3"}]
    with pytest.raises(RoyaltyInputError) as error:
        statement_from_json(
            _input(
                bookings=BYN_BOOKING,
                rates=rates,
                box_office=[_week("bo-1", 3, "1.00"), _week("bo-2", 1, "1.00")],
            )
        )
    assert (error.value.path, error.value.code) == ("box_office[1]", "rate_missing")
    assert error.value.params == {"from": "BYN", "to": "EUR", "date": "2026-01-07"}


def test_rows_after_the_period_need_no_rate_and_do_not_count():
    result = statement_from_json(
        _input(
            bookings=BYN_BOOKING,
            period={"start": "2026-01-01", "end": "2026-01-10"},
            rates=[{"from": "BYN", "to": "EUR", "date": "2026-01-01", "rate": "0.3"}],
            box_office=[_week("bo-1", 1, "100.00"), _week("bo-3", 3, "100.00")],
            expenses=[{"ref": "e-1", "date": "2026-02-01", "amount": "50", "currency": "USD"}],
        )
    )
    assert [w["id"] for w in result["weeks"]] == ["B1:w1"]
    assert result["expenses"] == []


def test_usage_is_converted_at_the_month_s_last_day_and_shared():
    result = statement_from_json(
        _input(
            terms={"on_demand": {"revenue_share_percent": "50"}, "distribution_fee_percent": {"SVOD": "10"}},
            bookings=[],
            usage=[
                {"ref": "u-1", "month": "2026-02", "territory": "BY", "media": "SVOD", "views": 3, "minutes": 300,
                 "revenue": "1000.00", "currency": "BYN"},
            ],
            rates=[
                {"from": "BYN", "to": "EUR", "date": "2026-02-28", "rate": "0.3"},
                {"from": "BYN", "to": "EUR", "date": "2026-03-01", "rate": "0.9"},
            ],
        )
    )  # fmt: skip
    (usage,) = result["usage"]
    assert usage["month"] == "2026-02-01"
    assert (usage["conversion"]["date"], usage["revenue_in_deal_currency"], usage["share"]) == (
        "2026-02-28",
        "300.00",
        "150.00",
    )
    assert usage["terms"] == ["on_demand.revenue_share_percent"]
    assert _line(result, "receipts:SVOD")["to_date"] == "150.00"
    assert _line(result, "distribution_fee:SVOD") == {
        "key": "distribution_fee:SVOD",
        "period": "15.00",
        "to_date": "15.00",
        "sources": [],
        "terms": ["distribution_fee_percent.SVOD"],
        "lines": ["receipts:SVOD"],
    }


def test_the_period_column_is_the_change_since_the_day_before_the_period():
    data = _input(
        terms={"theatrical": {"percent_by_week": ["50"]}, "minimum_guarantee": "30.00", "flat_fee": "5.00"},
        period={"start": "2026-01-08", "end": "2026-01-31"},
        box_office=[_week("bo-1", 1, "100.00"), _week("bo-2", 2, "100.00"), _week("bo-3", 3, "40.00")],
        previously_reported="35.00",
    )
    result = statement_from_json(data)
    assert [w["in_period"] for w in result["weeks"]] == [False, True, True]
    receipts = _line(result, "receipts:THEATRICAL")
    assert (receipts["period"], receipts["to_date"]) == ("70.00", "120.00")
    assert receipts["sources"] == ["B1:w1", "B1:w2", "B1:w3"]
    assert receipts["terms"] == ["theatrical"]
    mg = _line(result, "mg_recouped")
    assert (mg["period"], mg["to_date"]) == ("0.00", "30.00")
    overage = _line(result, "overage")
    assert (overage["period"], overage["to_date"]) == ("70.00", "90.00")
    entitlement = _line(result, "entitlement")
    assert (entitlement["period"], entitlement["to_date"]) == ("70.00", "125.00")
    assert _line(result, "payable") == {
        "key": "payable",
        "period": None,
        "to_date": "90.00",
        "sources": [],
        "terms": [],
        "lines": ["entitlement", "previously_reported"],
    }


def test_expenses_are_recouped_up_to_the_cap_and_never_beyond_the_receipts():
    def totals(cap, receipts):
        terms = {"distribution_fee_percent": {"EST": "20"}}
        if cap is not None:
            terms["expenses_cap"] = cap
        return statement_from_json(
            _input(
                terms=terms,
                receipts=[
                    {
                        "ref": "r-1",
                        "date": "2026-01-10",
                        "media": "EST",
                        "amount": receipts,
                        "currency": "EUR",
                    }
                ],
                expenses=[
                    {
                        "ref": "e-1",
                        "date": "2026-01-05",
                        "amount": "500.00",
                        "currency": "EUR",
                        "description": "Subtitles",
                    }
                ],
            )
        )["totals"]

    assert totals(None, "1000.00")["expenses_recouped"] == "500.00"
    assert totals("300.00", "1000.00")["expenses_recouped"] == "300.00"
    assert totals("300.00", "1000.00")["expenses_unrecouped"] == "200.00"
    assert totals("0", "1000.00")["expenses_recouped"] == "0.00"
    assert totals(None, "250.00")["expenses_recouped"] == "200.00"  # 250 less the 20 % fee
    assert totals(None, "250.00")["entitlement"] == "0.00"


def test_over_payment_carries_forward_and_nothing_is_payable():
    totals = statement_from_json(
        _input(terms={"minimum_guarantee": "1000.00"}, previously_reported="1500.00")
    )["totals"]
    assert (totals["entitlement"], totals["payable"], totals["carried_forward"]) == (
        "1000.00",
        "0.00",
        "500.00",
    )
    assert (totals["mg_recouped"], totals["mg_unrecouped"]) == ("0.00", "1000.00")


def test_amounts_are_written_with_the_deal_currency_s_minor_units():
    result = statement_from_json(
        {
            "currency": "JPY",
            "terms": {"flat_fee": "100000"},
            "period": {"start": "2026-01-01", "end": "2026-12-31"},
            "receipts": [
                {"ref": "r-1", "date": "2026-05-01", "media": "EST", "amount": "10.005", "currency": "KWD"}
            ],
            "rates": [{"from": "KWD", "to": "JPY", "date": "2026-04-30", "rate": "480.5", "source": "BOJ"}],
        }
    )
    assert (result["currency"], result["minor_units"]) == ("JPY", 0)
    assert result["receipts"][0]["amount"] == "10.005"
    assert result["receipts"][0]["amount_in_deal_currency"] == "4807"  # 4807.4025
    assert result["totals"]["entitlement"] == "104807"


def test_the_python_api_gives_the_same_as_the_json_function():
    data = _input(box_office=[_week("bo-1", 1, "100.00")])
    assert statement_to_json(statement(input_from_json(data))) == statement_from_json(data)


def test_the_output_has_the_documented_shape():
    result = statement_from_json(_input(box_office=[_week("bo-1", 1, "100.00")]))
    assert list(result) == [
        "engine",
        "format",
        "currency",
        "minor_units",
        "rounding",
        "period",
        "weeks",
        "usage",
        "receipts",
        "expenses",
        "lines",
        "totals",
    ]
    assert (result["engine"], result["format"], result["rounding"]) == ("royalties", 1, "half_up")
    assert set(result["totals"]) == {
        "box_office_gross", "taxes", "levies", "net_box_office", "film_rental", "exhibitor_share", "admissions",
        "gross_receipts", "distribution_fee", "expenses_incurred", "expenses_recouped", "expenses_unrecouped",
        "minimum_guarantee", "mg_recouped", "mg_unrecouped", "overage", "flat_fee", "entitlement",
        "previously_reported", "payable", "carried_forward",
    }  # fmt: skip
    assert [line["key"] for line in result["lines"]] == [
        "receipts:THEATRICAL", "gross_receipts", "distribution_fee:THEATRICAL", "distribution_fee",
        "expenses_incurred", "expenses_recouped", "remaining", "minimum_guarantee", "mg_recouped", "overage",
        "flat_fee", "entitlement", "previously_reported", "payable", "carried_forward",
    ]  # fmt: skip


def test_the_documented_example_is_what_the_engine_computes():
    text = (Path(__file__).resolve().parents[4] / "docs" / "royalties.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", text, flags=re.DOTALL)
    example_input, documented = json.loads(blocks[0]), json.loads(blocks[2])
    result = statement_from_json(example_input)
    assert result["totals"] == documented["totals"]
    assert result["weeks"][0] == documented["weeks"][0]
    assert result["usage"] == documented["usage"]
    assert result["receipts"] == documented["receipts"]
    assert result["expenses"] == documented["expenses"]
    for line in documented["lines"]:
        assert _line(result, line["key"]) == line
    table = re.findall(r"^\| `([a-z_:A-Z]+)` \| ([\d.—]+) \| ([\d.]+) \|$", text, flags=re.MULTILINE)
    assert [(key, period, to_date) for key, period, to_date in table] == [
        (line["key"], line["period"] or "—", line["to_date"]) for line in result["lines"]
    ]


def test_rows_dated_on_the_period_s_first_and_last_days_count_in_the_period():
    data = _input(
        period={"start": "2026-01-08", "end": "2026-01-15"},
        box_office=[_week("bo-1", 1, "100.00"), _week("bo-2", 2, "100.00"), _week("bo-3", 3, "100.00")],
        receipts=[{"ref": "r-1", "date": "2026-01-15", "media": "EST", "amount": "1.00", "currency": "EUR"}],
        expenses=[{"ref": "e-1", "date": "2026-01-08", "amount": "1.00", "currency": "EUR"}],
    )
    result = statement_from_json(data)
    assert [(w["id"], w["in_period"]) for w in result["weeks"]] == [
        ("B1:w1", False),
        ("B1:w2", True),
        ("B1:w3", True),
    ]
    assert [r["in_period"] for r in result["receipts"]] == [True]
    assert [e["in_period"] for e in result["expenses"]] == [True]
    assert _line(result, "receipts:THEATRICAL")["period"] == "80.00"
