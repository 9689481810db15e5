"""The deal memo PDF: made from the signed offer, in the parties' languages and English, reproducible."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import translation
from django.utils.translation import gettext

from cinebridge.accounts.tests.factories import member_of
from cinebridge.catalogue.models import FilmTranslation
from cinebridge.core.engine.calendars import format_jalali_long
from cinebridge.core.errors import ApplicationError
from cinebridge.core.pdf import date_text
from cinebridge.core.tests.pdf_checks import (
    embedded_fonts,
    file_id,
    has_number,
    normalise,
    page_lines,
    page_texts,
    pdf_text,
    unshaped_words,
)
from cinebridge.deals.documents import deal_memo_pdf, memo_languages, party_language
from cinebridge.deals.models import DealStatus
from cinebridge.deals.tests.factories import (
    THEATRICAL_TERMS,
    active_deal,
    exhibitor,
    licensable_film,
    offered_deal,
    rights_holder,
)

pytestmark = pytest.mark.django_db

MOMENT = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)
FARABI = "بنیاد سینمایی فارابی"
MINSK = "Сеть кинотеатров «Минск»"
ORIGINAL_TITLE = "فروشنده"


@pytest.fixture
def signed_deal():
    """Farabi (IR) licenses «فروشنده» to a Minsk cinema network (BY): MG, sliding scale, 90/10, fee."""
    farabi = rights_holder(name=FARABI, country="IR")
    minsk = exhibitor(name=MINSK, country="BY")
    film = licensable_film(owner=farabi, original_title=ORIGINAL_TITLE, original_language="fa")
    FilmTranslation.objects.update_or_create(
        film=film, language_code="en", defaults={"title": "The Salesman"}
    )
    FilmTranslation.objects.update_or_create(film=film, language_code="ru", defaults={"title": "Коммивояжёр"})
    return active_deal(
        film=film,
        licensee=minsk,
        licensor_editor=member_of(farabi, first_name="Reza", last_name="Karimi"),
        licensee_editor=member_of(minsk, first_name="Olga", last_name="Ivanova"),
        terms=THEATRICAL_TERMS,
    )


def _sections(data: bytes, deal) -> dict[str, str]:
    """The memo's text per language: a section starts on a page whose first line is its title."""
    languages = iter(memo_languages(deal))
    sections: dict[str, list[str]] = {}
    current = ""
    for lines in page_lines(data):
        if lines and deal.reference in lines[0]:
            current = next(languages)
        sections.setdefault(current, []).append(" ".join(lines))
    return {language: "\n".join(pages) for language, pages in sections.items()}


def test_a_partys_language_is_its_countrys_main_language():
    assert party_language(rights_holder(country="IR")) == "fa"
    assert party_language(exhibitor(country="BY")) == "ru"
    assert party_language(exhibitor(country="DE")) == "en"


def test_the_memo_is_in_the_licensors_then_the_licensees_language_then_english(signed_deal):
    assert memo_languages(signed_deal) == ["fa", "ru", "en"]
    both_iranian = active_deal(licensee=exhibitor(country="IR"))
    assert memo_languages(both_iranian) == ["fa", "en"]


def test_each_section_is_in_its_language(signed_deal):
    data = deal_memo_pdf(deal=signed_deal, generated_at=MOMENT)
    sections = _sections(data, signed_deal)
    assert list(sections) == ["fa", "ru", "en"]
    for language, text in sections.items():
        with translation.override(language):
            labels = [gettext("Licensor"), gettext("Licensee"), gettext("Minimum guarantee"), gettext("Film")]
        for label in labels:
            assert normalise(label) in text, (language, label)
    # Labels the catalogue of translations already has, so that the check above is not English thrice.
    assert "Лицензиар" in sections["ru"]
    assert "Licensor" not in sections["ru"]


def test_the_memo_names_parties_film_rights_and_terms(signed_deal):
    data = deal_memo_pdf(deal=signed_deal, generated_at=MOMENT)
    sections = _sections(data, signed_deal)
    text = pdf_text(data)
    for expected in (FARABI, MINSK, ORIGINAL_TITLE, "The Salesman", "Коммивояжёр", signed_deal.reference):
        assert expected in text, expected
    english = sections["en"]
    assert "20,000.00 EUR" in english  # the MG
    for percent in ("50 %", "45 %", "40 %", "35 %", "90 %", "25 %"):  # scale, over the nut, fee
        assert percent in english, percent
    assert "Belarus" in english
    assert "non-exclusive" in english
    # The term's last day, not the stored exclusive end.
    assert f"{date_text(date(2026, 1, 1), 'en')} to {date_text(date(2026, 12, 31), 'en')}" in english
    assert date_text(date(2027, 1, 1), "en") not in english
    assert "20 000,00 EUR" in sections["ru"]
    assert "Беларусь" in sections["ru"]
    assert has_number(sections["fa"], "20,000.00")


def test_signatures_name_who_signed_and_when_with_the_solar_hijri_date_in_persian(signed_deal):
    data = deal_memo_pdf(deal=signed_deal, generated_at=MOMENT)
    sections = _sections(data, signed_deal)
    signed_on = signed_deal.licensee_signed_at.astimezone(UTC)
    for text in sections.values():
        assert "Reza Karimi" in text
        assert "Olga Ivanova" in text
    assert signed_on.strftime("%Y-%m-%d") in sections["en"]
    jalali_day = normalise(format_jalali_long(signed_on.date()).split(" ")[1])  # the Jalali month name
    assert jalali_day in sections["fa"]


def test_persian_is_set_in_vazirmatn_and_shaped(signed_deal):
    data = deal_memo_pdf(deal=signed_deal, generated_at=MOMENT)
    assert any("Vazirmatn" in name for name in embedded_fonts(data))
    assert any("DejaVuSans" in name for name in embedded_fonts(data))
    assert unshaped_words(data, ["بنیاد", "سینمایی", "فارابی", ORIGINAL_TITLE]) == []


def test_the_same_deal_and_moment_give_the_same_bytes(signed_deal):
    assert deal_memo_pdf(deal=signed_deal, generated_at=MOMENT) == deal_memo_pdf(
        deal=signed_deal, generated_at=MOMENT
    )


def test_another_moment_changes_only_the_timestamp(signed_deal):
    first = deal_memo_pdf(deal=signed_deal, generated_at=MOMENT)
    second = deal_memo_pdf(deal=signed_deal, generated_at=MOMENT + timedelta(days=40))
    assert first != second
    assert file_id(first) == file_id(second)
    assert len(page_texts(first)) == len(page_texts(second))
    for first_page, second_page in zip(page_lines(first), page_lines(second), strict=True):
        differing = [(a, b) for a, b in zip(first_page, second_page, strict=True) if a != b]
        assert len(differing) == 1  # the footer
        assert all("UTC" in a for a, _b in differing)


def test_a_deal_not_signed_yet_has_no_memo():
    deal = offered_deal()
    assert deal.status == DealStatus.OFFERED
    with pytest.raises(ApplicationError) as refusal:
        deal_memo_pdf(deal=deal, generated_at=MOMENT)
    assert refusal.value.extra["field"] == "status"
    assert deal.reference in refusal.value.message
