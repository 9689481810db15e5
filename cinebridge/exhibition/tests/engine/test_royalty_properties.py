"""Property tests: the engine agrees with a naive oracle, conserves money, is idempotent and monotone."""

import copy
import json
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cinebridge.exhibition.engine.jsonio import input_from_json, input_to_json, statement_from_json

from .oracle import oracle

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CURRENCIES = ["EUR", "BYN", "JPY"]
EXPONENT = {"EUR": 2, "BYN": 2, "JPY": 0}
FIRST_MONDAY = date(2026, 1, 5)


def _amount(draw, currency, maximum=100_000):
    places = EXPONENT[currency]
    return str(draw(st.decimals(min_value=0, max_value=maximum, places=places)))


percents = st.decimals(min_value=0, max_value=100, places=2).map(str)


@st.composite
def terms(draw):
    data = {}
    if draw(st.booleans()):
        data["flat_fee"] = _amount(draw, "EUR", 50_000)
    if draw(st.booleans()):
        data["minimum_guarantee"] = _amount(draw, "EUR", 200_000)
    if draw(st.integers(0, 4)):
        theatrical = {"percent_by_week": draw(st.lists(percents, min_size=1, max_size=4))}
        if draw(st.booleans()):
            theatrical["over_nut_percent_by_week"] = draw(st.lists(percents, min_size=1, max_size=4))
        data["theatrical"] = theatrical
    if draw(st.booleans()):
        data["on_demand"] = {"revenue_share_percent": draw(percents)}
    data["distribution_fee_percent"] = draw(
        st.dictionaries(st.sampled_from(["THEATRICAL", "SVOD", "TVOD"]), percents)
    )
    if draw(st.booleans()):
        data["expenses_cap"] = _amount(draw, "EUR", 20_000)
    data["rounding"] = draw(st.sampled_from(["half_up", "half_even", "down"]))
    return data


@st.composite
def rates(draw):
    """BYN and JPY into EUR, each from before every row, some quoted the other way round."""
    rows = []
    for currency, low, high in (("BYN", "0.2", "0.4"), ("JPY", "0.005", "0.008")):
        days = sorted(draw(st.sets(st.integers(0, 200), min_size=1, max_size=4)))
        days[0] = -10  # a rate before the first row
        for offset in days:
            rate = draw(st.decimals(min_value=Decimal(low), max_value=Decimal(high), places=6))
            on = (FIRST_MONDAY + timedelta(days=offset)).isoformat()
            if draw(st.booleans()):
                rows.append({"from": currency, "to": "EUR", "date": on, "rate": str(rate), "source": "test"})
            else:
                inverse = (1 / rate).quantize(Decimal("0.0001"))
                rows.append(
                    {"from": "EUR", "to": currency, "date": on, "rate": str(inverse), "source": "test"}
                )
    return rows


@st.composite
def inputs(draw):
    bookings = []
    box_office = []
    for b in range(draw(st.integers(0, 3))):
        currency = draw(st.sampled_from(CURRENCIES))
        booking = {"ref": f"B{b}", "territory": "BY", "currency": currency}
        if draw(st.booleans()):
            booking["house_nut_per_week"] = _amount(draw, currency, 20_000)
        bookings.append(booking)
        first = FIRST_MONDAY + timedelta(weeks=draw(st.integers(0, 12)))
        for week in range(1, draw(st.integers(1, 6)) + 1):
            for screen in range(draw(st.integers(1, 2))):
                gross = Decimal(_amount(draw, currency))
                taxes = draw(st.decimals(min_value=0, max_value=gross, places=EXPONENT[currency]))
                levies = draw(st.decimals(min_value=0, max_value=gross - taxes, places=EXPONENT[currency]))
                box_office.append(
                    {
                        "ref": f"bo-{b}-{week}-{screen}",
                        "booking": f"B{b}",
                        "screen": f"Hall {screen}",
                        "week_start": (first + timedelta(weeks=week - 1)).isoformat(),
                        "playing_week": week,
                        "admissions": draw(st.integers(0, 5000)),
                        "gross": str(gross),
                        "taxes": str(taxes),
                        "levies": str(levies),
                    }
                )
    usage = [
        {
            "ref": f"u-{i}",
            "month": f"2026-{draw(st.integers(1, 8)):02d}-01",
            "territory": "BY",
            "media": draw(st.sampled_from(["SVOD", "TVOD"])),
            "views": draw(st.integers(0, 1000)),
            "minutes": draw(st.integers(0, 100000)),
            "revenue": _amount(draw, currency := draw(st.sampled_from(CURRENCIES))),
            "currency": currency,
        }
        for i in range(draw(st.integers(0, 4)))
    ]
    receipts = [
        {
            "ref": f"r-{i}",
            "date": (FIRST_MONDAY + timedelta(days=draw(st.integers(0, 200)))).isoformat(),
            "media": draw(st.sampled_from(["THEATRICAL", "SVOD", "EST"])),
            "amount": _amount(draw, currency := draw(st.sampled_from(CURRENCIES))),
            "currency": currency,
        }
        for i in range(draw(st.integers(0, 3)))
    ]
    expenses = [
        {
            "ref": f"e-{i}",
            "date": (FIRST_MONDAY + timedelta(days=draw(st.integers(0, 200)))).isoformat(),
            "amount": _amount(draw, currency := draw(st.sampled_from(CURRENCIES)), 30_000),
            "currency": currency,
            "description": "prints",
        }
        for i in range(draw(st.integers(0, 3)))
    ]
    start = FIRST_MONDAY + timedelta(days=draw(st.integers(0, 150)))
    end = start + timedelta(days=draw(st.integers(0, 120)))
    return {
        "currency": "EUR",
        "terms": draw(terms()),
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "bookings": bookings,
        "box_office": box_office,
        "usage": usage,
        "receipts": receipts,
        "expenses": expenses,
        "rates": draw(rates()),
        "previously_reported": _amount(draw, "EUR", 300_000),
    }


def _totals(result):
    return {k: (v if isinstance(v, int) else Decimal(v)) for k, v in result["totals"].items()}


@SETTINGS
@given(inputs())
def test_engine_agrees_with_the_naive_oracle(data):
    result = statement_from_json(data)
    expected = oracle(data)
    totals = _totals(result)
    for name, value in expected["totals"].items():
        assert totals[name] == value, name
    rentals = {(w["booking"], w["playing_week"]): Decimal(w["film_rental"]) for w in result["weeks"]}
    assert rentals == expected["rentals"]
    lines = {line["key"]: line for line in result["lines"]}
    for media, amount in expected["now"]["media"].items():
        assert Decimal(lines[f"receipts:{media}"]["to_date"]) == amount
        period = amount - expected["before"]["media"].get(media, Decimal(0))
        assert Decimal(lines[f"receipts:{media}"]["period"]) == period
    assert (
        Decimal(lines["entitlement"]["period"])
        == expected["now"]["entitlement"] - expected["before"]["entitlement"]
    )


@SETTINGS
@given(inputs())
def test_money_is_conserved_in_every_week_and_in_the_waterfall(data):
    result = statement_from_json(data)
    for week in result["weeks"]:
        own = [Decimal(week[k]) for k in ("gross", "taxes", "levies", "exhibitor_share", "film_rental")]
        assert own[0] == sum(own[1:])
        assert Decimal(week["net_box_office"]) == Decimal(week["film_rental"]) + Decimal(
            week["exhibitor_share"]
        )
        deal = {k: Decimal(v) for k, v in week["in_deal_currency"].items()}
        assert deal["gross"] == deal["taxes"] + deal["levies"] + deal["exhibitor_share"] + deal["film_rental"]
        assert Decimal(week["film_rental"]) >= 0
        assert Decimal(week["exhibitor_share"]) >= 0
    t = _totals(result)
    assert t["box_office_gross"] == t["taxes"] + t["levies"] + t["exhibitor_share"] + t["film_rental"]
    assert (
        t["gross_receipts"]
        == t["distribution_fee"] + t["expenses_recouped"] + t["mg_recouped"] + t["overage"]
    )
    for key in ("period", "to_date"):
        lines = {line["key"]: Decimal(line[key]) for line in result["lines"] if line[key] is not None}
        assert lines["gross_receipts"] == (
            lines["distribution_fee"] + lines["expenses_recouped"] + lines["mg_recouped"] + lines["overage"]
        )
        assert lines["gross_receipts"] == sum(v for k, v in lines.items() if k.startswith("receipts:"))
        assert lines["distribution_fee"] == sum(
            v for k, v in lines.items() if k.startswith("distribution_fee:")
        )


@SETTINGS
@given(inputs())
def test_payable_is_never_negative_and_over_payments_carry_forward(data):
    t = _totals(statement_from_json(data))
    assert t["payable"] >= 0
    assert t["carried_forward"] >= 0
    assert t["payable"] * t["carried_forward"] == 0
    assert t["payable"] - t["carried_forward"] == t["entitlement"] - t["previously_reported"]
    assert t["entitlement"] == t["flat_fee"] + max(t["minimum_guarantee"], t["mg_recouped"] + t["overage"])


@SETTINGS
@given(inputs())
def test_recomputing_is_idempotent_also_from_the_canonical_input(data):
    first = statement_from_json(data)
    assert json.dumps(statement_from_json(copy.deepcopy(data)), sort_keys=True) == json.dumps(
        first, sort_keys=True
    )
    canonical = input_to_json(input_from_json(data))
    assert statement_from_json(canonical) == first
    assert input_to_json(input_from_json(canonical)) == canonical


@st.composite
def input_and_more_receipts(draw):
    data = draw(inputs())
    more = copy.deepcopy(data)
    rows = more["box_office"]
    if rows and draw(st.booleans()):
        row = rows[draw(st.integers(0, len(rows) - 1))]
        currency = next(b["currency"] for b in more["bookings"] if b["ref"] == row["booking"])
        row["gross"] = str(Decimal(row["gross"]) + Decimal(_amount(draw, currency, 50_000)))
    elif more["bookings"]:
        booking = more["bookings"][draw(st.integers(0, len(more["bookings"]) - 1))]
        weeks = [r for r in rows if r["booking"] == booking["ref"]]
        last = max(weeks, key=lambda r: r["playing_week"])
        rows.append(
            {
                **last,
                "ref": "bo-added",
                "playing_week": last["playing_week"] + 1,
                "week_start": (date.fromisoformat(last["week_start"]) + timedelta(weeks=1)).isoformat(),
                "gross": _amount(draw, booking["currency"]),
                "taxes": "0",
                "levies": "0",
            }
        )
    else:
        more["receipts"].append(
            {
                "ref": "r-added",
                "date": more["period"]["start"],
                "media": "THEATRICAL",
                "amount": "10.00",
                "currency": "EUR",
            }
        )
    return data, more


@SETTINGS
@given(input_and_more_receipts())
def test_cumulative_entitlement_never_falls_when_receipts_grow(pair):
    data, more = pair
    before, after = _totals(statement_from_json(data)), _totals(statement_from_json(more))
    assert after["entitlement"] >= before["entitlement"]
    assert after["gross_receipts"] >= before["gross_receipts"]
    assert after["payable"] >= before["payable"]


@SETTINGS
@given(inputs())
def test_a_later_period_end_never_lowers_the_cumulative_entitlement(data):
    data["expenses"] = []  # expenses lower the entitlement, as they should: receipts alone here
    later = copy.deepcopy(data)
    later["period"]["end"] = (date.fromisoformat(data["period"]["end"]) + timedelta(days=60)).isoformat()
    assert (
        _totals(statement_from_json(later))["entitlement"]
        >= _totals(statement_from_json(data))["entitlement"]
    )
