"""Statement pages: draft, issue, issued statement, holder's list, PDFs — and who may see them."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cinebridge.accounts.models import OrganisationKind, Role, User
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.core.models import ExchangeRate
from cinebridge.core.tests.pdf_checks import pdf_text
from cinebridge.deals.models import Deal
from cinebridge.exhibition import statement_services as services
from cinebridge.exhibition.models import Payment, PaymentKind, Statement
from cinebridge.exhibition.statement_views import quarter_of
from cinebridge.exhibition.tests.factories import (
    active_deal,
    booking_for,
    box_office_weeks,
    cinema_with_screens,
    exhibitor_org,
    licensor_org,
)

pytestmark = pytest.mark.django_db

PERIOD = {"start": "2026-01-01", "end": "2026-03-31"}


@pytest.fixture
def farabi():
    return licensor_org(slug="farabi", name="Farabi Cinema Foundation", country="IR")


@pytest.fixture
def minsk():
    return exhibitor_org(slug="minsk-cinemas", name="Minsk Cinemas", country="BY")


@pytest.fixture
def deal(farabi, minsk) -> Deal:
    deal = active_deal(licensor=farabi, licensee=minsk, currency="EUR")
    cinema = cinema_with_screens(operator=minsk)
    booking = booking_for(deal=deal, cinema=cinema, house_nut_per_week=Decimal("4500"))
    box_office_weeks(booking=booking, weeks=4)
    ExchangeRate.objects.create(
        base="BYN", quote="EUR", on=date(2025, 12, 31), rate=Decimal("0.28"), source="NBRB"
    )
    Payment.objects.create(
        deal=deal, kind=PaymentKind.MINIMUM_GUARANTEE, paid_on=date(2026, 1, 2), amount=1000
    )
    return deal


@pytest.fixture
def farabi_editor(farabi) -> User:
    return member_of(farabi, Role.EDITOR)


@pytest.fixture
def issued(deal, farabi_editor) -> Statement:
    return services.statement_issue(
        actor=farabi_editor, deal=deal, period_start=date(2026, 1, 1), period_end=date(2026, 3, 31)
    )


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _outsider() -> User:
    return member_of(exhibitor_org(country="BY"), Role.ADMIN)


def _film_body(country: str) -> User:
    body = OrganisationFactory.create(kind=OrganisationKind.FILM_BODY, country=country)
    return member_of(body, Role.VIEWER)


def _pages(deal: Deal, statement: Statement, holder_slug: str) -> list[str]:
    with translation.override("en"):
        return [
            reverse("exhibition:statement_preview", args=[deal.reference])
            + "?start=2026-01-01&end=2026-03-31",
            reverse("exhibition:statement_detail", args=[statement.pk]),
            reverse("exhibition:statement_pdf", args=[statement.pk]),
            reverse("exhibition:statement_draft_pdf", args=[deal.reference])
            + "?start=2026-01-01&end=2026-03-31",
            reverse("exhibition:holder_statements")
            + f"?holder={holder_slug}&start=2026-01-01&end=2026-03-31",
        ]


# --- confidentiality -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["outsider", "film body of another country", "anonymous"])
def test_every_statement_page_is_hidden_from_anyone_outside_the_deal(deal, issued, who) -> None:
    viewer = {"outsider": _outsider, "film body of another country": lambda: _film_body("RU")}.get(
        who, lambda: None
    )()
    for url in _pages(deal, issued, "farabi"):
        response = _client(viewer).get(url)
        expected = 302 if viewer is None else 404  # anonymous: to the sign-in page first
        assert response.status_code == expected, url


@pytest.mark.parametrize("who", ["licensor", "licensee", "film body of the licensor's country"])
def test_every_statement_page_is_shown_to_the_parties_and_their_film_bodies(deal, issued, who, minsk) -> None:
    viewer = {
        "licensor": lambda: member_of(deal.licensor, Role.VIEWER),
        "licensee": lambda: member_of(minsk, Role.VIEWER),
        "film body of the licensor's country": lambda: _film_body("IR"),
    }[who]()
    for url in _pages(deal, issued, "farabi"):
        response = _client(viewer).get(url)
        assert response.status_code == 200, url


def test_an_outsider_cannot_issue_a_statement_nor_learn_the_deal_exists(deal) -> None:
    url = reverse("exhibition:statement_issue", args=[deal.reference])
    response = _client(_outsider()).post(url, PERIOD)
    assert response.status_code == 404
    assert not Statement.objects.exists()


def test_a_film_body_may_read_but_not_issue(deal) -> None:
    url = reverse("exhibition:statement_issue", args=[deal.reference])
    response = _client(_film_body("IR")).post(url, PERIOD)
    assert response.status_code == 403
    assert not Statement.objects.exists()


# --- pages ---------------------------------------------------------------------------------------------


def test_the_draft_shows_the_computed_totals_and_issuing_it_keeps_them(deal, farabi_editor) -> None:
    client = _client(farabi_editor)
    preview_url = reverse("exhibition:statement_preview", args=[deal.reference])
    draft = client.get(preview_url, PERIOD)
    assert draft.status_code == 200
    document = draft.context["document"]
    assert document["currency"] == "EUR"
    assert "Issue statement" in draft.content.decode()

    response = client.post(reverse("exhibition:statement_issue", args=[deal.reference]), PERIOD)

    statement = Statement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("exhibition:statement_detail", args=[statement.pk])
    assert statement.document == document
    detail = client.get(response["Location"])
    assert detail.context["reproduced"] is True


def test_issuing_an_overlapping_period_is_refused_with_the_reason(deal, issued, farabi_editor) -> None:
    client = _client(farabi_editor)
    response = client.post(
        reverse("exhibition:statement_issue", args=[deal.reference]),
        {"start": "2026-03-01", "end": "2026-04-30"},
        follow=True,
    )
    assert Statement.objects.count() == 1
    assert "already covers the period" in response.content.decode()


def test_the_chart_data_travel_as_json_not_as_inline_script(deal, farabi_editor) -> None:
    response = _client(farabi_editor).get(
        reverse("exhibition:statement_preview", args=[deal.reference]), PERIOD
    )
    html = response.content.decode()
    assert 'id="statement-chart-data" type="application/json"' in html
    assert "exhibition/statement_chart.js" in html
    start = html.index('id="statement-chart-data" type="application/json">') + len(
        'id="statement-chart-data" type="application/json">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    assert data["weeks"]["admissions"] == [2000, 1600, 1280, 1024]
    assert data["territories"]["labels"] == ["Belarus"]


def test_each_week_line_names_its_box_office_rows(deal, farabi_editor) -> None:
    response = _client(farabi_editor).get(
        reverse("exhibition:statement_preview", args=[deal.reference]), PERIOD
    )
    html = response.content.decode()
    entry = deal.bookings.get().box_office.get(screen__name="Hall 2", playing_week=3)
    assert f"bo-{entry.pk}" in html
    assert f"#{entry.upload_id}" in html
    assert "Hall 2" in html
    assert "Week 3: 40% of the net box office" in html  # the step of the sliding scale it used


def test_persian_pages_use_persian_digits_and_read_right_to_left(deal, farabi_editor) -> None:
    with translation.override("fa"):
        url = reverse("exhibition:statement_preview", args=[deal.reference])
    response = _client(farabi_editor).get(url, PERIOD)
    html = response.content.decode()
    assert 'dir="rtl"' in html
    assert "۱۴۰۴" in html  # the period's first day in the Solar Hijri calendar
    assert "۱٬۰۰۰٫۰۰" in html  # the MG advance, previously reported


def test_the_pdf_is_a_pdf(deal, issued, farabi_editor) -> None:
    response = _client(farabi_editor).get(reverse("exhibition:statement_pdf", args=[issued.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_holder_page_lists_the_deal_with_its_issued_statement(deal, issued, farabi_editor) -> None:
    response = _client(farabi_editor).get(reverse("exhibition:holder_statements"), PERIOD)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row.deal for row in rows] == [deal]
    assert rows[0].statement == issued
    assert reverse("exhibition:statement_detail", args=[issued.pk]) in response.content.decode()


def test_the_default_period_is_the_current_quarter() -> None:
    assert quarter_of(date(2026, 2, 14)) == (date(2026, 1, 1), date(2026, 3, 31))
    assert quarter_of(date(2026, 12, 31)) == (date(2026, 10, 1), date(2026, 12, 31))
    assert quarter_of(date(2026, 4, 1)) == (date(2026, 4, 1), date(2026, 6, 30))


def test_after_an_issued_statement_the_draft_starts_the_day_after_it(deal, issued, farabi_editor) -> None:
    response = _client(farabi_editor).get(reverse("exhibition:statement_preview", args=[deal.reference]))
    assert response.context["period_start"] == date(2026, 4, 1)
    assert response.context["period_end"] == date(2026, 6, 30)


def test_the_holder_pdf_holds_the_overview_and_each_deals_statement(
    deal, issued, farabi, farabi_editor
) -> None:
    response = _client(farabi_editor).get(
        reverse("exhibition:holder_statements_pdf"), {**PERIOD, "holder": farabi.slug}
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    payable = issued.document["totals"]["payable"]
    # The overview and the deal's own statement both name the deal and its payable.
    assert text.count(deal.reference) >= 2
    assert f"{Decimal(payable):,.2f}" in text
    assert "Totals per currency" in text


def test_the_holder_pdf_is_not_found_by_an_outsider(deal, issued, farabi) -> None:
    response = _client(_outsider()).get(
        reverse("exhibition:holder_statements_pdf"), {**PERIOD, "holder": farabi.slug}
    )
    assert response.status_code == 404
