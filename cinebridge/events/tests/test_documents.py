"""The programme booklet and the visa invitation letter: what they say, in which language, shaped
Persian, and the same bytes for the same data."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext

from cinebridge.accounts.models import OrganisationKind
from cinebridge.accounts.tests.factories import OrganisationFactory
from cinebridge.core.errors import ApplicationError
from cinebridge.core.pdf import date_text
from cinebridge.core.tests.pdf_checks import (
    embedded_fonts,
    metadata,
    normalise,
    page_lines,
    pdf_text,
    unshaped_words,
)
from cinebridge.events.documents import (
    booklet_pdf,
    host_language,
    host_organiser,
    invitation_letter_pdf,
    letter_languages,
)
from cinebridge.events.models import Edition, Festival, Programme, ProgrammeKind
from cinebridge.events.tests.public_scenario import (
    BALLOON_FA,
    CINEMA_ORGANIZATION_FA,
    FARHADI_FA,
    PASSPORT,
    SALESMAN_FA,
    iranian_film_week,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def week():
    return iranian_film_week()


def _day(day: date, language: str) -> str:
    with translation.override(language):
        return normalise(date_text(day, language))


# --- the booklet --------------------------------------------------------------------------------------


def test_the_booklet_has_the_cover_the_schedule_the_films_and_the_guests(week):
    text = pdf_text(booklet_pdf(programme=week.programme, language="en"))
    for expected in (
        "Iranian Film Week",
        "Films of Iran in Belarus",
        _day(date(2026, 5, 5), "en"),
        _day(date(2026, 5, 11), "en"),
        "Minsk",
        "Tehran",
        "Cinema Organization of Iran",
        "Ministry of Culture of Belarus",
        "Pobeda cinema",
        "Charsou cinema",
        "19:00–21:05",  # The Salesman, 125 minutes, in Minsk and in Tehran
        "11:00–12:25",  # The White Balloon in the morning, 85 minutes
        "The Salesman",
        "The White Balloon",
        SALESMAN_FA,  # the original title on the film's page
        "Asghar Farhadi",
        "The Salesman: a synopsis.",
        "2016",
        "125 minutes",
        "Q&A with Asghar Farhadi",
        "Children's and youth",
        "Premiere",
        "Minsk / +03:00",
        "Tehran / +03:30",
    ):
        assert normalise(expected) in text, expected


def test_the_booklet_never_prints_passport_data(week):
    text = pdf_text(booklet_pdf(programme=week.programme, language="en"))
    assert PASSPORT not in text
    assert "1972" not in text


def test_a_screening_after_midnight_is_on_the_next_day_at_its_venue(week):
    lines = [
        line for page in page_lines(booklet_pdf(programme=week.programme, language="en")) for line in page
    ]
    text = "\n".join(lines)
    ninth, tenth = _day(date(2026, 5, 9), "en"), _day(date(2026, 5, 10), "en")
    schedule = text[text.index("Schedule") :]
    late = schedule.index("00:15–01:40")
    assert schedule.index(tenth) < late  # 20:45 UTC on 9 May is 00:15 on 10 May in Tehran
    assert schedule.index(ninth) < schedule.index(tenth)


def test_the_booklet_in_russian(week):
    text = pdf_text(booklet_pdf(programme=week.programme, language="ru"))
    for expected in (
        "Неделя иранского кино",
        "Коммивояжёр",
        "Белый шар",
        "Минск",
        "Тегеран",
        "Асгар Фархади",
    ):
        assert expected in text, expected


def test_the_booklet_in_persian_is_shaped_with_solar_hijri_dates(week):
    data = booklet_pdf(programme=week.programme, language="fa")
    text = pdf_text(data)
    assert any("Vazirmatn" in name for name in embedded_fonts(data))
    assert unshaped_words(data, ["هفتهٔ", "فیلم", "ایران", SALESMAN_FA, "بادکنک", "تهران", "فرهادی"]) == []
    assert "اردیبهشت" in text  # 5 May 2026 is 15 Ordibehesht 1405
    assert metadata(data)["/Title"] == "هفتهٔ فیلم ایران"
    assert BALLOON_FA.split()[0] in text


def test_the_same_programme_gives_the_same_booklet(week):
    assert booklet_pdf(programme=week.programme, language="fa") == booklet_pdf(
        programme=week.programme, language="fa"
    )
    assert booklet_pdf(programme=week.programme, language="en") != booklet_pdf(
        programme=week.programme, language="ru"
    )


def test_a_drafts_booklet_says_so(week):
    week.programme.is_published = False
    week.programme.published_at = None
    week.programme.save()
    text = pdf_text(booklet_pdf(programme=week.programme, language="en"))
    assert "Draft – not public" in text
    assert "draft – not public" in text  # every page's footer


# --- the invitation letter ----------------------------------------------------------------------------


def _sections(data: bytes, headings: list[str]) -> list[str]:
    """The letter's text per language: a section starts on a page whose first line is its letterhead."""
    sections: list[list[str]] = []
    for lines in page_lines(data):
        if lines and any(heading in lines[0] for heading in headings):
            sections.append([])
        sections[-1].append(" ".join(lines))
    return ["\n".join(pages) for pages in sections]


def test_the_host_organiser_is_the_film_body_of_the_host_country(week):
    assert host_organiser(week.programme) == week.belarus
    week.programme.host_country = "IR"
    assert host_organiser(week.programme) == week.iran
    week.programme.host_country = "DE"  # neither: the proposer invites
    assert host_organiser(week.programme) == week.iran


def test_a_festival_invites_on_behalf_of_its_organisation():
    organisation = OrganisationFactory.create(kind=OrganisationKind.FESTIVAL, country="BY", name="Listapad")
    programme = Programme.objects.create(
        kind=ProgrammeKind.FESTIVAL,
        slug="listapad-2026",
        names={"en": "Listapad 2026"},
        host_country="BY",
        starts_on=date(2026, 11, 6),
        ends_on=date(2026, 11, 13),
        time_zone="Europe/Minsk",
    )
    festival = Festival.objects.create(organisation=organisation, slug="listapad", names={"en": "Listapad"})
    Edition.objects.create(festival=festival, programme=programme, year=2026)
    assert host_organiser(programme) == organisation


def test_the_letter_is_in_the_host_language_then_english():
    assert host_language("IR") == "fa"
    assert host_language("by") == "ru"
    assert host_language("DE") == "en"


def test_the_letter_names_the_guest_the_passport_the_purpose_and_the_stay(week):
    assert letter_languages(week.programme) == ["ru", "en"]
    data = invitation_letter_pdf(guest=week.guest, language="en")
    russian, english = _sections(data, ["Министерство культуры", "Ministry of Culture of Belarus"])
    for text, language in ((russian, "ru"), (english, "en")):
        assert PASSPORT in text
        assert "Asghar Farhadi" in text
        with translation.override(language):
            labels = [gettext("Passport number"), gettext("Date of birth"), gettext("Nationality")]
        for label in labels:
            assert normalise(label) in text, (language, label)
    assert "Министерство культуры Республики Беларусь" in russian
    assert "Ministry of Culture of Belarus" in english
    assert "To the consular section of the embassy of Belarus" in english
    assert "Iran" in english  # nationality
    assert _day(date(1972, 5, 7), "en") in english
    # Arrival at 22:30 UTC on 4 May is 01:30 on 5 May in Minsk, where the guest stays.
    stay = f"{_day(date(2026, 5, 5), 'en')} to {_day(date(2026, 5, 8), 'en')}"
    assert stay in english
    assert "Iranian Film Week" in english
    assert "Minsk" in english
    assert "Неделя иранского кино" in russian
    assert _day(date(1972, 5, 7), "ru") in russian
    assert "Иран" in russian
    assert "Signature" in english


def test_a_letter_for_a_week_in_iran_is_in_shaped_persian_then_english(week):
    week.programme.host_country = "IR"
    week.programme.save()
    week.guest.nationality = "BY"
    week.guest.save()
    data = invitation_letter_pdf(guest=week.guest, language="fa")
    persian, english = _sections(data, [CINEMA_ORGANIZATION_FA, "Cinema Organization of Iran"])
    assert CINEMA_ORGANIZATION_FA in persian
    assert PASSPORT in persian
    assert "Cinema Organization of Iran" in english
    assert "To the consular section of the embassy of Iran" in english
    assert unshaped_words(data, ["سازمان", "سینمایی", "هفتهٔ", "ایران"]) == []
    assert FARHADI_FA not in english


def test_the_same_guest_gives_the_same_letter(week):
    assert invitation_letter_pdf(guest=week.guest, language="en") == invitation_letter_pdf(
        guest=week.guest, language="en"
    )


def test_there_is_no_letter_without_a_passport_number(week):
    week.guest.passport_number = ""
    week.guest.save()
    with pytest.raises(ApplicationError) as refusal:
        invitation_letter_pdf(guest=week.guest, language="en")
    assert refusal.value.extra["field"] == "passport_number"
    assert "Asghar Farhadi" in refusal.value.message
