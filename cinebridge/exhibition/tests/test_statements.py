"""Royalty statements: the engine input built from a deal's records, drafts, issuing, holders' lists,
chart data, and who may see any of it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.core.errors import ApplicationError
from cinebridge.core.models import ExchangeRate
from cinebridge.deals.models import Deal, DealStatus
from cinebridge.exhibition import statement_selectors as selectors
from cinebridge.exhibition import statement_services
from cinebridge.exhibition.engine.jsonio import statement_from_json
from cinebridge.exhibition.models import (
    Booking,
    Expense,
    Payment,
    PaymentKind,
    ReportKind,
    ReportSource,
    ReportUpload,
    Statement,
    UsageEntry,
)
from cinebridge.exhibition.tests.factories import (
    active_deal,
    booking_for,
    box_office_weeks,
    cinema_with_screens,
    editor_of,
    exhibitor_org,
    licensor_org,
)

pytestmark = pytest.mark.django_db

Q1_START, Q1_END = date(2026, 1, 1), date(2026, 3, 31)
Q2_START, Q2_END = date(2026, 4, 1), date(2026, 6, 30)


@pytest.fixture
def farabi():
    return licensor_org(slug="farabi", name="Farabi Cinema Foundation", country="IR")


@pytest.fixture
def minsk():
    return exhibitor_org(slug="minsk-cinemas", name="Minsk Cinemas", country="BY")


@pytest.fixture
def deal(farabi, minsk) -> Deal:
    return active_deal(licensor=farabi, licensee=minsk, currency="EUR")


@pytest.fixture
def booking(deal) -> Booking:
    cinema = cinema_with_screens(operator=deal.licensee)
    return booking_for(deal=deal, cinema=cinema, house_nut_per_week=Decimal("4500.0000"))


@pytest.fixture
def rates() -> list[ExchangeRate]:
    """BYN→EUR on three days; the oldest is superseded before the first film week."""
    return [
        ExchangeRate.objects.create(base="BYN", quote="EUR", on=day, rate=Decimal(rate), source="NBRB")
        for day, rate in (
            (date(2025, 11, 30), "0.27"),
            (date(2025, 12, 31), "0.280000000000"),
            (date(2026, 2, 1), "0.29"),
            (date(2026, 7, 1), "0.31"),  # after Q1: never needed for it
        )
    ]


def _usage(deal: Deal, *, month: date, revenue: str, currency: str = "BYN") -> UsageEntry:
    upload = ReportUpload.objects.create(
        deal=deal, kind=ReportKind.USAGE, source=ReportSource.CSV, filename="usage.csv", row_count=1
    )
    return UsageEntry.objects.create(
        upload=upload,
        row_number=2,
        deal=deal,
        month=month,
        territory="BY",
        media="SVOD",
        views=100,
        minutes=9000,
        revenue=Decimal(revenue),
        currency=currency,
    )


def _statement(deal: Deal, *, number: int, start: date, end: date, payable: str) -> Statement:
    return Statement.objects.create(
        deal=deal,
        number=number,
        period_start=start,
        period_end=end,
        currency="EUR",
        payable=Decimal(payable),
        carried_forward=Decimal(0),
        document={},
        inputs={},
        inputs_digest="0" * 64,
    )


# --- statement_input ---------------------------------------------------------------------------------


def test_input_names_every_row_and_gives_amounts_in_minor_units(deal, booking, rates) -> None:
    box_office_weeks(booking=booking, weeks=2)
    data = selectors.statement_input(deal=deal, period_start=Q1_START, period_end=Q1_END)

    assert data["currency"] == "EUR"
    assert data["terms"] == deal.current_offer.terms
    assert data["period"] == {"start": "2026-01-01", "end": "2026-03-31"}
    assert data["bookings"] == [
        {
            "ref": f"B{booking.pk}",
            "territory": "BY",
            "currency": "BYN",
            "house_nut_per_week": "4500.00",
            "label": "Minsk, Oktyabr",
        }
    ]
    first = booking.box_office.get(screen__name="Hall 1", playing_week=1)
    assert data["box_office"][0] == {
        "ref": f"bo-{first.pk}",
        "booking": f"B{booking.pk}",
        "screen": "Hall 1",
        "week_start": "2026-01-01",
        "playing_week": 1,
        "admissions": 1000,
        "gross": "30000.00",
        "taxes": "0.00",
        "levies": "600.00",
    }
    assert [row["playing_week"] for row in data["box_office"]] == [1, 1, 2, 2]
    assert data["receipts"] == []


def test_input_leaves_out_rows_after_the_period(deal, booking, rates) -> None:
    box_office_weeks(booking=booking, weeks=4)
    Expense.objects.create(
        deal=deal,
        incurred_on=date(2026, 1, 5),
        description="Subtitles",
        amount=Decimal("500"),
        currency="EUR",
    )
    Expense.objects.create(
        deal=deal, incurred_on=date(2026, 2, 5), description="Posters", amount=Decimal("90"), currency="EUR"
    )
    january = _usage(deal, month=date(2026, 1, 1), revenue="1200.00")
    _usage(deal, month=date(2026, 2, 1), revenue="800.00")

    data = selectors.statement_input(deal=deal, period_start=date(2026, 1, 1), period_end=date(2026, 1, 31))

    assert {row["week_start"] for row in data["box_office"]} == {
        "2026-01-01",
        "2026-01-08",
        "2026-01-15",
        "2026-01-22",
    }
    assert [row["description"] for row in data["expenses"]] == ["Subtitles"]
    assert data["expenses"][0] == {
        "ref": data["expenses"][0]["ref"],
        "date": "2026-01-05",
        "amount": "500.00",
        "currency": "EUR",
        "description": "Subtitles",
    }
    assert data["usage"] == [
        {
            "ref": f"u-{january.pk}",
            "month": "2026-01-01",
            "territory": "BY",
            "media": "SVOD",
            "views": 100,
            "minutes": 9000,
            "revenue": "1200.00",
            "currency": "BYN",
        }
    ]


def test_input_carries_the_rates_the_engine_may_pick_and_no_others(deal, booking, rates) -> None:
    box_office_weeks(booking=booking, weeks=2)
    ExchangeRate.objects.create(
        base="EUR", quote="BYN", on=date(2026, 1, 10), rate=Decimal("3.5"), source="ECB"
    )
    ExchangeRate.objects.create(
        base="RUB", quote="EUR", on=date(2026, 1, 10), rate=Decimal("0.01"), source="CBR"
    )

    data = selectors.statement_input(deal=deal, period_start=Q1_START, period_end=Q1_END)

    # Two weeks from 1 January end on the 14th: the rate of 1 February cannot be picked.
    assert data["rates"] == [
        {"from": "BYN", "to": "EUR", "date": "2025-12-31", "rate": "0.28", "source": "NBRB"},
        {"from": "EUR", "to": "BYN", "date": "2026-01-10", "rate": "3.5", "source": "ECB"},
    ]


def test_input_needs_no_rates_when_everything_is_in_the_deal_currency(deal, rates) -> None:
    cinema = cinema_with_screens(operator=deal.licensee)
    booking = booking_for(deal=deal, cinema=cinema, currency="EUR")
    box_office_weeks(booking=booking, weeks=1)

    data = selectors.statement_input(deal=deal, period_start=Q1_START, period_end=Q1_END)

    assert data["rates"] == []
    assert "house_nut_per_week" not in data["bookings"][0]


def test_previously_reported_counts_advances_and_earlier_payables_up_to_the_period_end(deal) -> None:
    Payment.objects.create(
        deal=deal, kind=PaymentKind.MINIMUM_GUARANTEE, paid_on=date(2026, 1, 2), amount=20000
    )
    Payment.objects.create(deal=deal, kind=PaymentKind.FLAT_FEE, paid_on=date(2026, 5, 2), amount=1000)
    # A statement payment settles a payable already counted through its statement.
    Payment.objects.create(deal=deal, kind=PaymentKind.STATEMENT, paid_on=date(2026, 4, 20), amount=700)
    _statement(deal, number=1, start=Q1_START, end=Q1_END, payable="700.50")

    q1 = selectors.statement_input(deal=deal, period_start=Q1_START, period_end=Q1_END)
    q2 = selectors.statement_input(deal=deal, period_start=Q2_START, period_end=Q2_END)

    assert q1["previously_reported"] == "20000.00"
    assert q2["previously_reported"] == "21700.50"


def test_input_refuses_a_deal_not_signed_by_both_parties(farabi, minsk) -> None:
    offered = active_deal(licensor=farabi, licensee=minsk, status=DealStatus.OFFERED)
    with pytest.raises(ApplicationError, match="not been signed"):
        selectors.statement_input(deal=offered, period_start=Q1_START, period_end=Q1_END)


def test_input_refuses_a_period_ending_before_it_starts(deal) -> None:
    with pytest.raises(ApplicationError) as refused:
        selectors.statement_input(deal=deal, period_start=Q1_END, period_end=Q1_START)
    assert refused.value.field == "end"


def test_input_digest_is_stable_under_key_order() -> None:
    assert selectors.input_digest({"a": 1, "b": "ب"}) == selectors.input_digest({"b": "ب", "a": 1})
    assert selectors.input_digest({"a": 1}) != selectors.input_digest({"a": 2})


# --- computing and issuing ---------------------------------------------------------------------------


@pytest.fixture
def playing(deal, booking, rates):
    """Four weeks of box office in BYN at 50/45/40/35 %, an MG of 20,000 EUR of which 1,000 paid."""
    box_office_weeks(booking=booking, weeks=4)
    Payment.objects.create(
        deal=deal, kind=PaymentKind.MINIMUM_GUARANTEE, paid_on=date(2026, 1, 2), amount=1000
    )
    return deal


def _licensor_editor(deal: Deal):
    return editor_of(deal.licensor)


def test_the_draft_is_the_engines_statement_of_the_deals_records(playing) -> None:
    viewer = _licensor_editor(playing)
    document = selectors.statement_preview(
        viewer=viewer, deal=playing, period_start=Q1_START, period_end=Q1_END
    )

    week_one = document["weeks"][0]
    # Two screens of 30,000 BYN less 600 levies: NBO 58,800; 50 % in week 1 = 29,400 BYN at 0.28.
    assert week_one["net_box_office"] == "58800.00"
    assert week_one["film_rental"] == "29400.00"
    assert week_one["conversion"]["rate"] == "0.28"
    assert week_one["in_deal_currency"]["film_rental"] == "8232.00"
    assert document["totals"]["admissions"] == 2000 + 1600 + 1280 + 1024
    assert document["totals"]["previously_reported"] == "1000.00"


def test_a_draft_is_hidden_from_an_organisation_outside_the_deal(playing) -> None:
    outsider = member_of(
        OrganisationFactory.create(kind=OrganisationKind.EXHIBITOR, country="BY"), Role.ADMIN
    )
    with pytest.raises(Http404):
        selectors.statement_preview(viewer=outsider, deal=playing, period_start=Q1_START, period_end=Q1_END)


def test_a_missing_rate_is_refused_naming_the_box_office_row(deal, booking) -> None:
    box_office_weeks(booking=booking, weeks=1)
    entry = booking.box_office.order_by("screen__name").first()
    with pytest.raises(ApplicationError) as refused:
        selectors.statement_preview(
            viewer=_licensor_editor(deal), deal=deal, period_start=Q1_START, period_end=Q1_END
        )
    assert "BYN" in refused.value.message
    assert f"bo-{entry.pk}" in refused.value.message


def test_issuing_stores_the_document_its_input_and_the_inputs_digest(playing) -> None:
    editor = _licensor_editor(playing)
    statement = services_issue(editor, playing, Q1_START, Q1_END)

    assert statement.number == 1
    assert statement.currency == "EUR"
    assert statement.inputs == selectors.statement_input(
        deal=playing, period_start=Q1_START, period_end=Q1_END
    )
    assert statement.inputs_digest == selectors.input_digest(statement.inputs)
    assert statement.payable == Decimal(statement.document["totals"]["payable"])
    assert statement.carried_forward == Decimal(statement.document["totals"]["carried_forward"])


def test_recomputing_an_issued_statement_from_its_input_gives_the_same_document(playing) -> None:
    statement = services_issue(_licensor_editor(playing), playing, Q1_START, Q1_END)
    statement.refresh_from_db()  # through the JSON column and back

    assert statement_from_json(statement.inputs) == statement.document
    assert selectors.statement_reproduces(statement)
    statement.document["totals"]["payable"] = "0.00"
    assert not selectors.statement_reproduces(statement)


def test_the_next_statement_counts_the_last_payable_as_reported(playing, booking) -> None:
    editor = _licensor_editor(playing)
    first = services_issue(editor, playing, Q1_START, date(2026, 1, 14))
    second = services_issue(editor, playing, date(2026, 1, 15), Q1_END)

    assert second.number == 2
    reported = Decimal(second.document["totals"]["previously_reported"])
    assert reported == Decimal("1000.00") + first.payable
    # Cumulative: the entitlement to date never falls, and what the two statements make payable
    # adds up to the entitlement less the advance.
    assert Decimal(second.document["totals"]["entitlement"]) >= Decimal(
        first.document["totals"]["entitlement"]
    )
    assert first.payable + second.payable == Decimal(second.document["totals"]["entitlement"]) - Decimal(
        "1000.00"
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [(date(2025, 10, 1), date(2025, 12, 31)), (date(2026, 3, 1), date(2026, 4, 30)), (Q1_START, Q1_END)],
    ids=["before", "overlapping", "same"],
)
def test_a_period_ending_before_or_overlapping_the_last_statement_is_refused(playing, start, end) -> None:
    editor = _licensor_editor(playing)
    services_issue(editor, playing, Q1_START, Q1_END)
    with pytest.raises(ApplicationError, match="already covers"):
        services_issue(editor, playing, start, end)
    assert Statement.objects.count() == 1


@pytest.mark.parametrize("side", ["licensor", "licensee"])
def test_an_editor_of_either_party_may_issue(playing, side) -> None:
    editor = editor_of(getattr(playing, side))
    assert services_issue(editor, playing, Q1_START, Q1_END).issued_by == editor


@pytest.mark.parametrize("who", ["viewer of the licensor", "film body of the licensor's country", "outsider"])
def test_others_may_not_issue(playing, who) -> None:
    actor = {
        "viewer of the licensor": lambda: member_of(playing.licensor, Role.VIEWER),
        "film body of the licensor's country": lambda: member_of(
            OrganisationFactory.create(kind=OrganisationKind.FILM_BODY, country="IR"), Role.ADMIN
        ),
        "outsider": lambda: member_of(
            OrganisationFactory.create(kind=OrganisationKind.EXHIBITOR), Role.ADMIN
        ),
    }[who]()
    with pytest.raises(PermissionDenied):
        services_issue(actor, playing, Q1_START, Q1_END)
    assert not Statement.objects.exists()


# --- lists, sources, chart -------------------------------------------------------------------------


def test_holder_statements_list_each_visible_deal_with_its_issued_statement_or_a_draft(
    playing, farabi
) -> None:
    editor = _licensor_editor(playing)
    other = active_deal(licensor=farabi, currency="EUR", terms={"flat_fee": "5000.00"})
    not_farabis = active_deal(currency="EUR")
    statement = services_issue(editor, playing, Q1_START, Q1_END)

    rows = selectors.holder_statements(viewer=editor, holder=farabi, period_start=Q1_START, period_end=Q1_END)

    assert {row.deal for row in rows} == {playing, other}
    assert not_farabis not in {row.deal for row in rows}
    by_deal = {row.deal: row for row in rows}
    assert by_deal[playing].statement == statement
    assert by_deal[other].is_draft
    totals = selectors.holder_statement_totals(rows)
    assert [total.currency for total in totals] == ["EUR"]
    assert totals[0].deals == 2
    assert totals[0].payable == statement.payable + Decimal("5000.00")


def test_a_licensee_sees_only_its_own_deals_on_the_holders_list(playing, farabi) -> None:
    active_deal(licensor=farabi, currency="EUR", terms={"flat_fee": "5000.00"})
    licensee_viewer = member_of(playing.licensee, Role.VIEWER)
    rows = selectors.holder_statements(
        viewer=licensee_viewer, holder=farabi, period_start=Q1_START, period_end=Q1_END
    )
    assert [row.deal for row in rows] == [playing]


def test_sources_name_the_upload_row_and_screen_behind_each_reference(playing, booking) -> None:
    entry = booking.box_office.get(screen__name="Hall 2", playing_week=3)
    document = selectors.statement_preview(
        viewer=_licensor_editor(playing), deal=playing, period_start=Q1_START, period_end=Q1_END
    )
    refs = selectors.document_refs(document)
    assert f"bo-{entry.pk}" in refs

    sources = selectors.statement_sources(deal=playing, refs=refs)

    source = sources[f"bo-{entry.pk}"]
    assert (source.upload_id, source.row_number, source.playing_week) == (
        entry.upload_id,
        entry.row_number,
        3,
    )
    assert "Hall 2" in source.description
    assert "Oktyabr" in source.description
    other_deal = active_deal()
    assert selectors.statement_sources(deal=other_deal, refs=refs) == {}


def test_chart_data_sum_admissions_and_converted_gross_by_week_and_territory(playing) -> None:
    data = selectors.statement_chart_data(deal=playing, period_end=Q1_END)

    assert data["weeks"]["keys"] == ["2026-01-01", "2026-01-08", "2026-01-15", "2026-01-22"]
    assert data["weeks"]["admissions"] == [2000, 1600, 1280, 1024]
    # 60,000 BYN gross at 0.28 in the first week.
    assert data["weeks"]["revenue"][0] == "16800.00"
    assert data["territories"]["keys"] == ["BY"]
    assert data["territories"]["admissions"] == [5904]


def services_issue(actor: Any, deal: Deal, start: date, end: date) -> Statement:
    return statement_services.statement_issue(actor=actor, deal=deal, period_start=start, period_end=end)
