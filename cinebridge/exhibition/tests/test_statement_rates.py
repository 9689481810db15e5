"""A statement built from the database converts each week at the rate the engine's contract
names — the latest on or before the film week's LAST day — even when that day falls after the period's
end (a quarter ending mid-week), so that a week is converted the same way in every statement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from cinebridge.core.models import ExchangeRate
from cinebridge.exhibition import statement_selectors as selectors
from cinebridge.exhibition.engine.jsonio import statement_from_json
from cinebridge.exhibition.tests.factories import (
    active_deal,
    booking_for,
    box_office_weeks,
    cinema_with_screens,
    exhibitor_org,
    licensor_org,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def week_over_the_period_end():
    """One BYN film week from Thursday 2026-03-26 to Wednesday 2026-04-01; Q1 ends on 03-31."""
    deal = active_deal(
        film=None,
        licensor=licensor_org(country="IR"),
        licensee=exhibitor_org(country="BY"),
        currency="EUR",
        terms={"theatrical": {"percent_by_week": ["50"]}},
    )
    cinema = cinema_with_screens(operator=deal.licensee, screens=("Hall 1",))
    booking = booking_for(deal=deal, cinema=cinema, first_day=date(2026, 3, 26), weeks=1)
    box_office_weeks(booking=booking, weeks=1, gross=Decimal("10000.00"), levies=Decimal("0.00"))
    ExchangeRate.objects.create(base="BYN", quote="EUR", on=date(2026, 3, 25), rate=Decimal("0.25"))
    ExchangeRate.objects.create(base="BYN", quote="EUR", on=date(2026, 4, 1), rate=Decimal("0.30"))
    return deal


def test_the_week_converts_at_the_rate_of_its_last_day(week_over_the_period_end):
    deal = week_over_the_period_end
    document = selectors.statement_compute(
        selectors.statement_input(deal=deal, period_start=date(2026, 1, 1), period_end=date(2026, 3, 31))
    )
    (week,) = document["weeks"]
    # 50 % of 10,000 BYN = 5,000 BYN; the week ends on 04-01, whose rate is 0.30 → 1,500.00 EUR.
    assert week["conversion"]["date"] == "2026-04-01"
    assert week["conversion"]["amount"] == "1500.00"


def test_the_draft_agrees_with_the_engine_given_every_recorded_rate(week_over_the_period_end):
    deal = week_over_the_period_end
    data = selectors.statement_input(deal=deal, period_start=date(2026, 1, 1), period_end=date(2026, 3, 31))
    every_rate = {
        **data,
        "rates": [
            {"from": r.base, "to": r.quote, "date": r.on.isoformat(), "rate": f"{r.rate.normalize():f}",
             "source": r.source}
            for r in ExchangeRate.objects.order_by("on")
        ],
    }  # fmt: skip
    assert selectors.statement_compute(data)["totals"] == statement_from_json(every_rate)["totals"]
