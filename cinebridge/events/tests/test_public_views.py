"""The public programme pages: who sees what, the five languages (RTL, Persian digits, Solar Hijri
dates), filters by city, day and venue, local times on each venue's clock, and bounded queries."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from cinebridge.catalogue.tests.factories import FilmFactory
from cinebridge.core.engine.calendars import format_jalali_long
from cinebridge.events.models import Programme, ProgrammeFilm, ProgrammeKind, Screening, Venue
from cinebridge.events.tests.public_scenario import (
    PASSPORT,
    SALESMAN_FA,
    iranian_film_week,
    organiser,
    outsider,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def week():
    return iranian_film_week()


@pytest.fixture
def draft():
    return iranian_film_week(published=False, slug="belarusian-film-week-draft")


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return str(response.content.decode())


def _text(html: str) -> str:
    """The page's text without tags, white space collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html)))


def _screening_ids(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'id="screening-(\d+)"', html)}


# --- who sees what ---------------------------------------------------------------------------------------


def test_the_index_lists_published_programmes_upcoming_first(client, week, draft):
    past = Programme.objects.create(
        kind=ProgrammeKind.FESTIVAL,
        slug="old-festival",
        names={"en": "An old festival"},
        host_country="BY",
        starts_on=date(2001, 11, 1),
        ends_on=date(2001, 11, 8),
        time_zone="Europe/Minsk",
        is_published=True,
        published_at=datetime(2001, 10, 1, tzinfo=UTC),
    )
    html = _page(client, "/en/events/")
    assert "Iranian Film Week" in html
    assert past.names["en"] in html
    assert html.index("Iranian Film Week") < html.index("An old festival")
    assert draft.programme.slug not in html


def test_a_published_programme_is_public_in_russian(client, week):
    html = _page(client, f"/ru/events/{week.programme.slug}/")
    assert '<html lang="ru" dir="ltr">' in html
    assert "Неделя иранского кино" in html
    assert "Коммивояжёр" in html
    assert "Белый шар" in html
    assert "Кинотеатр «Победа»" in html
    assert 'id="draft-banner"' not in html
    assert PASSPORT not in html


def test_a_published_programme_is_public_in_persian_right_to_left(client, week):
    html = _page(client, f"/fa/events/{week.programme.slug}/")
    assert '<html lang="fa" dir="rtl">' in html
    assert "هفتهٔ فیلم ایران" in html
    assert SALESMAN_FA in html
    text = _text(html)
    assert "۱۹:۰۰–۲۱:۰۵" in text  # Persian digits
    assert "تهران / +۰۳:۳۰" in text
    assert "مینسک / +۰۳:۰۰" in text
    assert format_jalali_long(date(2026, 5, 5)) in text  # the Solar Hijri date…
    assert "۲۰۲۶" in text  # …beside the Gregorian one


@pytest.mark.parametrize("language", ["en", "ar", "be"])
def test_the_programme_reads_in_every_language(client, week, language):
    html = _page(client, f"/{language}/events/{week.programme.slug}/")
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in html


def _programme_urls(scenario) -> list[str]:
    slug = scenario.programme.slug
    return [
        f"/en/events/{slug}/",
        f"/en/events/{slug}/films/{scenario.salesman.slug}/",
        f"/en/events/{slug}/venues/{scenario.pobeda.pk}/",
        f"/en/events/{slug}/booklet.pdf",
    ]


def test_an_unpublished_programme_is_not_found_for_the_public_or_another_organisation(client, draft):
    for url in _programme_urls(draft):
        assert client.get(url).status_code == 404, url
    client.force_login(outsider())
    for url in _programme_urls(draft):
        assert client.get(url).status_code == 404, url
    assert draft.programme.slug not in _page(client, "/en/events/")


def test_organisers_preview_a_draft_under_a_banner(client, draft):
    client.force_login(organiser(draft))
    for url in _programme_urls(draft)[:3]:
        html = _page(client, url)
        assert 'id="draft-banner"' in html, url
        assert "Draft – not public" in html
    booklet = client.get(_programme_urls(draft)[3])
    assert booklet.status_code == 200
    assert booklet["Content-Type"] == "application/pdf"


def test_a_cancelled_film_week_is_never_public_even_if_it_was_published(client, week):
    week.week.status = "cancelled"
    week.week.save()
    assert client.get(f"/en/events/{week.programme.slug}/").status_code == 404


def test_reserved_addresses_are_not_taken_for_programmes():
    for path in (
        "/en/events/festivals/",
        "/en/events/manage/",
        "/en/events/film-weeks/",
        "/en/events/propose/",
    ):
        try:
            match = resolve(path)
        except Resolver404:
            continue
        assert match.url_name != "programme", path
    assert resolve("/en/events/festivals-of-2026/").url_name == "programme"


# --- the schedule and its filters ------------------------------------------------------------------------


def test_the_schedule_is_grouped_by_day_then_city_then_venue(client, week):
    html = _page(client, f"/en/events/{week.programme.slug}/")
    schedule = html[html.index('id="schedule"') :]
    positions = [
        schedule.index(f'id="screening-{s.pk}"')
        for s in (week.minsk_evening, week.minsk_morning, week.tehran_evening, week.tehran_late)
    ]
    assert positions == sorted(positions)
    assert schedule.index('id="day-2026-05-05"') < positions[0] < schedule.index('id="day-2026-05-06"')
    # 20:45 UTC on 9 May is 00:15 on 10 May in Tehran: it is on the 10th there.
    assert schedule.index('id="day-2026-05-10"') < positions[3]
    text = _text(schedule)
    assert "19:00–21:05 Minsk / +03:00 The Salesman" in text
    assert "19:00–21:05 Tehran / +03:30 The Salesman" in text
    assert "00:15–01:40 Tehran / +03:30 The White Balloon" in text
    assert "Children's and youth" in text
    assert "Premiere" in text
    assert "Q&A with Asghar Farhadi" in text


def test_filtering_by_city(client, week):
    html = _page(client, f"/en/events/{week.programme.slug}/?city=tehran")
    assert _screening_ids(html) == {week.tehran_evening.pk, week.tehran_late.pk}


def test_filtering_by_a_local_day(client, week):
    html = _page(client, f"/en/events/{week.programme.slug}/?day=2026-05-10")
    assert _screening_ids(html) == {week.tehran_late.pk}
    html = _page(client, f"/en/events/{week.programme.slug}/?day=2026-05-09")
    assert _screening_ids(html) == {week.tehran_evening.pk}


def test_filtering_by_venue_and_combining_filters(client, week):
    html = _page(client, f"/en/events/{week.programme.slug}/?venue={week.moskva.pk}")
    assert _screening_ids(html) == {week.minsk_morning.pk}
    html = _page(client, f"/en/events/{week.programme.slug}/?city=minsk&day=2026-05-05")
    assert _screening_ids(html) == {week.minsk_evening.pk}
    html = _page(client, f"/en/events/{week.programme.slug}/?city=tehran&day=2026-05-05")
    assert _screening_ids(html) == set()
    assert 'id="no-screenings"' in html


def test_persian_digits_in_a_filter_are_understood(client, week):
    html = _page(client, f"/fa/events/{week.programme.slug}/?day=۲۰۲۶-۰۵-۱۰")
    assert _screening_ids(html) == {week.tehran_late.pk}


def test_a_value_not_of_the_programme_is_ignored(client, week):
    for query in ("city=paris", "day=2030-01-01", "day=nonsense", "venue=999999"):
        html = _page(client, f"/en/events/{week.programme.slug}/?{query}")
        assert len(_screening_ids(html)) == 4, query


def test_filter_links_keep_the_other_filters(client, week):
    html = _page(client, f"/en/events/{week.programme.slug}/?city=minsk&day=2026-05-05")
    days = html[html.index('id="filter-day"') : html.index('id="filter-venue"')]
    assert "?city=minsk&amp;day=2026-05-06" in days
    venues = html[html.index('id="filter-venue"') :]
    assert f"?city=minsk&amp;day=2026-05-05&amp;venue={week.pobeda.pk}" in venues
    cities = html[html.index('id="filter-city"') : html.index('id="filter-day"')]
    assert "?city=tehran&amp;day=2026-05-05" in cities
    assert 'href="?day=2026-05-05"' in cities  # "all cities" drops the city only


# --- film and venue pages ----------------------------------------------------------------------------------


def test_the_film_page_shows_its_screenings_on_each_venues_clock(client, week):
    html = _page(client, f"/en/events/{week.programme.slug}/films/{week.salesman.slug}/")
    text = _text(html)
    assert _screening_ids(html) == {week.minsk_evening.pk, week.tehran_evening.pk}
    assert "19:00–21:05 Minsk / +03:00 Pobeda cinema" in text
    assert "19:00–21:05 Tehran / +03:30 Charsou cinema" in text
    assert 'datetime="2026-05-05T19:00:00+03:00"' in html
    assert 'datetime="2026-05-09T19:00:00+03:30"' in html
    assert "Asghar Farhadi" in text  # the director
    assert "The Salesman: a synopsis." in text
    assert "125 minutes" in text
    assert "Rating Iran: 15+" in text  # the Iranian rating, in the words of its system
    assert f"/en/events/{week.programme.slug}/films/{week.salesman.slug}/calendar.ics" in html


def test_the_film_page_in_persian(client, week):
    html = _page(client, f"/fa/events/{week.programme.slug}/films/{week.salesman.slug}/")
    text = _text(html)
    assert "اصغر فرهادی" in text
    assert "۱۹:۰۰–۲۱:۰۵ تهران / +۰۳:۳۰" in text
    assert "۱۲۵" in text


def test_a_film_not_in_the_programme_is_not_found(client, week):
    other = FilmFactory.create()
    assert client.get(f"/en/events/{week.programme.slug}/films/{other.slug}/").status_code == 404


def test_the_venue_page_lists_what_plays_there(client, week):
    html = _page(client, f"/en/events/{week.programme.slug}/venues/{week.charsou.pk}/")
    assert _screening_ids(html) == {week.tehran_evening.pk, week.tehran_late.pk}
    text = _text(html)
    assert "Charsou cinema" in text
    assert "Salon 2" in text
    assert "Asia/Tehran" in text
    assert f"/en/events/{week.programme.slug}/venues/{week.charsou.pk}/calendar.ics" in html


def test_a_venue_without_screens_yet_is_listed_and_has_its_page(client, week):
    bare = Venue.objects.create(
        programme=week.programme,
        names={"en": "Mir cinema"},
        city_names={"en": "Minsk"},
        city_key="minsk",
        time_zone="Europe/Minsk",
    )

    html = _page(client, f"/en/events/{week.programme.slug}/")
    venues = html[html.index('id="filter-venue"') :]
    assert f"?venue={bare.pk}" in venues
    page = _text(_page(client, f"/en/events/{week.programme.slug}/venues/{bare.pk}/"))
    assert "Mir cinema" in page


def test_a_venue_of_another_programme_is_not_found(client, week):
    other = iranian_film_week(slug="another-week")
    assert client.get(f"/en/events/{week.programme.slug}/venues/{other.pobeda.pk}/").status_code == 404


def test_the_booklet_is_served_in_the_readers_language(client, week):
    response = client.get(f"/ru/events/{week.programme.slug}/booklet.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{week.programme.slug}.pdf"' in response["Content-Disposition"]
    from cinebridge.core.tests.pdf_checks import pdf_text

    assert "Неделя иранского кино" in pdf_text(response.content)


# --- queries -------------------------------------------------------------------------------------------


def _more_screenings(scenario, count: int) -> None:
    hall = scenario.minsk_evening.hall
    for number in range(count):
        film = FilmFactory.create()
        entry = ProgrammeFilm.objects.create(programme=scenario.programme, film=film)
        start = datetime(2026, 5, 7, 6, 0, tzinfo=UTC) + timedelta(hours=2 * number)
        Screening.objects.create(
            programme=scenario.programme,
            programme_film=entry,
            hall=hall,
            starts_at=start,
            ends_at=start + timedelta(minutes=90),
        )


@pytest.mark.parametrize(
    "path",
    ["/en/events/{slug}/", "/fa/events/{slug}/", "/en/events/{slug}/venues/{venue}/", "/en/events/"],
)
def test_queries_do_not_grow_with_the_programme(client, week, path):
    url = path.format(slug=week.programme.slug, venue=week.pobeda.pk)
    with CaptureQueriesContext(connection) as small:
        _page(client, url)
    _more_screenings(week, 6)
    with CaptureQueriesContext(connection) as large:
        html = _page(client, url)
    if "{slug}/" in path and "venues" not in path:
        assert len(_screening_ids(html)) == 10
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
    assert len(large) <= 12


def test_the_film_page_needs_a_bounded_number_of_queries(client, week, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        _page(client, f"/en/events/{week.programme.slug}/films/{week.salesman.slug}/")
