"""The royalty statement PDF: the engine's document in the reader's language, every line traceable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from cinebridge.core.tests.pdf_checks import (
    embedded_fonts,
    has_number,
    page_lines,
    pdf_text,
    unshaped_words,
)
from cinebridge.exhibition.documents import statement_pdf
from cinebridge.exhibition.engine.royalties import statement_from_json
from cinebridge.exhibition.tests.factories import (
    active_deal,
    booking_for,
    cinema_with_screens,
    exhibitor_org,
    film_of,
    licensor_org,
)

pytestmark = pytest.mark.django_db

MOMENT = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
TERMS: dict[str, Any] = {
    "minimum_guarantee": "1000.00",
    "theatrical": {"percent_by_week": ["50", "45"], "over_nut_percent_by_week": ["90"]},
    "on_demand": {"revenue_share_percent": "50"},
    "distribution_fee_percent": {"THEATRICAL": "25", "SVOD": "30"},
    "expenses_cap": "300.00",
    "rounding": "half_up",
}


@pytest.fixture
def deal():
    farabi = licensor_org(name="بنیاد سینمایی فارابی")
    film = film_of(farabi, original_title="فروشنده")
    return active_deal(film=film, licensee=exhibitor_org(name="Сеть кинотеатров «Минск»"), terms=TERMS)


@pytest.fixture
def document(deal) -> dict[str, Any]:
    """The engine's statement for January 2026: two weeks of box office in BYN (the first pays 90 %
    over the nut, the second 45 % of net), platform usage in BYN, a receipt and an expense in EUR,
    one BYN→EUR rate."""
    booking = booking_for(deal=deal, cinema=cinema_with_screens(operator=deal.licensee), weeks=2)
    ref = f"B{booking.pk}"
    return statement_from_json(
        {
            "currency": "EUR",
            "terms": TERMS,
            "period": {"start": "2026-01-01", "end": "2026-01-31"},
            "bookings": [{"ref": ref, "territory": "BY", "currency": "BYN", "house_nut_per_week": "4500.00"}],
            "box_office": [
                {"ref": "bo-1", "booking": ref, "screen": "Hall 1", "week_start": "2026-01-01", "playing_week": 1,
                 "admissions": 1200, "gross": "30000.00", "taxes": "0.00", "levies": "600.00"},
                {"ref": "bo-2", "booking": ref, "screen": "Hall 1", "week_start": "2026-01-08", "playing_week": 2,
                 "admissions": 300, "gross": "6000.00", "taxes": "0.00", "levies": "0.00"},
            ],
            "usage": [{"ref": "u-1", "month": "2026-01-01", "territory": "BY", "media": "SVOD", "views": 100,
                       "minutes": 9000, "revenue": "1200.00", "currency": "BYN"}],
            "receipts": [{"ref": "r-1", "date": "2026-01-20", "media": "THEATRICAL", "amount": "400.00",
                          "currency": "EUR"}],
            "expenses": [{"ref": "e-1", "date": "2026-01-05", "amount": "500.00", "currency": "EUR",
                          "description": "Subtitles"}],
            "rates": [{"from": "BYN", "to": "EUR", "date": "2025-12-31", "rate": "0.28", "source": "NBRB"}],
            "previously_reported": "1000.00",
        }
    )  # fmt: skip


def test_the_english_statement_has_totals_lines_weeks_and_conversions(deal, document):
    text = pdf_text(statement_pdf(deal=deal, document=document, language="en", generated_at=MOMENT))
    totals = document["totals"]
    for key in (
        "gross_receipts",
        "distribution_fee",
        "expenses_recouped",
        "overage",
        "entitlement",
        "payable",
    ):
        amount = f"{int(float(totals[key])):,}" + totals[key][-3:]
        assert f"{amount} EUR" in text, key
    assert "Payable for this statement" in text
    assert "Distribution fee: " in text
    # Each week: net box office and film rental in BYN, the basis, the rate with its date and source.
    assert "29,400.00 BYN" in text
    assert "22,410.00 BYN" in text
    assert "90 % over the house nut of 4,500.00 BYN" in text
    assert "45 % of net box office" in text
    assert "1 BYN = 0.28 EUR (Dec. 31, 2025, NBRB)" in text
    assert "6,274.80 EUR" in text  # the first week's rental converted
    assert "Minsk, Oktyabr" in text  # the booking's cinema
    # Traceability: input references and term paths.
    for ref in ("bo-1", "bo-2", "u-1", "r-1", "e-1"):
        assert ref in text, ref
    unbroken = text.replace(" ", "")  # a long term path may wrap inside its cell
    assert "theatrical.over_nut_percent_by_week[0]" in unbroken
    assert "theatrical.percent_by_week[1]" in unbroken
    assert "expenses_cap" in text


def test_the_russian_statement_uses_russian_grouping_and_names(deal, document):
    text = pdf_text(statement_pdf(deal=deal, document=document, language="ru", generated_at=MOMENT))
    payable = document["totals"]["payable"]
    assert f"{int(float(payable)):,}".replace(",", " ") + "," + payable[-2:] + " EUR" in text
    assert "22 410,00 BYN" in text
    assert "Сеть кинотеатров «Минск»" in text
    assert "Беларусь" in text  # the usage territory, named in Russian


def test_the_persian_statement_is_right_to_left_shaped_and_has_the_amounts(deal, document):
    data = statement_pdf(deal=deal, document=document, language="fa", generated_at=MOMENT)
    text = pdf_text(data)
    assert any("Vazirmatn" in name for name in embedded_fonts(data))
    assert unshaped_words(data, ["بنیاد", "فارابی", "فروشنده"]) == []
    assert "فروشنده" in text
    assert "بلاروس" in text
    payable = document["totals"]["payable"]
    assert has_number(text, f"{int(float(payable)):,}.{payable[-2:]}")
    assert has_number(text, "22,410.00")
    assert "1404/10/10" in text or "دی" in text  # 31 Dec 2025 as a Solar Hijri date (10 Dey 1404)


def test_the_same_statement_and_moment_give_the_same_bytes(deal, document):
    first = statement_pdf(deal=deal, document=document, language="fa", generated_at=MOMENT)
    assert first == statement_pdf(deal=deal, document=document, language="fa", generated_at=MOMENT)
    later = statement_pdf(
        deal=deal, document=document, language="fa", generated_at=MOMENT + timedelta(hours=5)
    )
    assert later != first
    for first_page, later_page in zip(page_lines(first), page_lines(later), strict=True):
        differing = [(a, b) for a, b in zip(first_page, later_page, strict=True) if a != b]
        assert len(differing) == 1  # the footer's timestamp


def test_a_statement_without_box_office_leaves_the_weekly_table_out(deal):
    document = statement_from_json(
        {
            "currency": "EUR",
            "terms": {"flat_fee": "5000.00"},
            "period": {"start": "2026-01-01", "end": "2026-01-31"},
            "previously_reported": "0.00",
        }
    )
    text = pdf_text(statement_pdf(deal=deal, document=document, language="en", generated_at=MOMENT))
    assert "5,000.00 EUR" in text
    assert "Box office and film rental by week" not in text
