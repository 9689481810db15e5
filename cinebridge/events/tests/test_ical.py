"""iCal feeds: valid RFC 5545 calendars, each screening at its instant on its venue's clock, stable
UIDs, reproducible bytes, titles in the reader's language; served per programme, venue and film."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from cinebridge.events.ical import CONTENT_TYPE, PRODID, programme_calendar, screening_uid
from cinebridge.events.models import Screening
from cinebridge.events.tests.public_scenario import PUBLISHED_AT, iranian_film_week, organiser, outsider

pytestmark = pytest.mark.django_db

BASE = "https://cinebridge.example.org"


@pytest.fixture
def week():
    return iranian_film_week()


def _screenings(programme):
    return list(
        Screening.objects.filter(programme=programme)
        .select_related("programme_film__film", "hall__venue", "qa_guest")
        .prefetch_related("programme_film__film__translations")
        .order_by("starts_at")
    )


def _calendar(week, language="en", **kwargs) -> Calendar:
    data = programme_calendar(
        programme=week.programme,
        screenings=_screenings(week.programme),
        language=language,
        base_url=BASE,
        **kwargs,
    )
    return Calendar.from_ical(data)


def _by_uid(calendar: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_calendar_has_the_properties_rfc_5545_requires(week):
    data = programme_calendar(
        programme=week.programme, screenings=_screenings(week.programme), language="en", base_url=BASE
    )
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in data.split(b"\r\n")), "content lines are folded at 75 octets"
    calendar = Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == PRODID
    events = calendar.walk("VEVENT")
    assert len(events) == 4
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "URL"):
            assert required in event, required
        assert event.decoded("DTSTAMP") == PUBLISHED_AT
        assert event.decoded("DTSTART") < event.decoded("DTEND")


def test_each_event_starts_and_ends_at_the_screenings_instant_on_its_venues_clock(week):
    events = _by_uid(_calendar(week))
    for screening in _screenings(week.programme):
        event = events[screening_uid(screening)]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert start == screening.starts_at
        assert end == screening.ends_at
        assert event["DTSTART"].params["TZID"] == screening.hall.venue.time_zone
        assert (
            start.utcoffset()
            == screening.starts_at.astimezone(ZoneInfo(screening.hall.venue.time_zone)).utcoffset()
        )

    minsk = events[screening_uid(week.minsk_evening)]
    tehran = events[screening_uid(week.tehran_evening)]
    # Both at 19:00 on their own clock, half an hour apart in UTC.
    assert minsk.decoded("DTSTART").strftime("%H:%M %z") == "19:00 +0300"
    assert tehran.decoded("DTSTART").strftime("%H:%M %z") == "19:00 +0330"
    assert tehran.decoded("DTSTART").astimezone(UTC) == datetime(2026, 5, 9, 15, 30, tzinfo=UTC)
    assert b"DTSTART;TZID=Asia/Tehran:20260509T190000" in _calendar(week).to_ical()
    late = events[screening_uid(week.tehran_late)]
    assert late.decoded("DTSTART").strftime("%Y-%m-%d %H:%M") == "2026-05-10 00:15"


def test_every_zone_used_has_its_vtimezone(week):
    calendar = _calendar(week)
    zones = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    assert zones == {"Europe/Minsk", "Asia/Tehran"}
    used = {str(event["DTSTART"].params["TZID"]) for event in calendar.walk("VEVENT")}
    assert used == zones


def test_summary_and_location_are_in_the_readers_language(week):
    english = _by_uid(_calendar(week, "en"))[screening_uid(week.minsk_evening)]
    russian = _by_uid(_calendar(week, "ru"))[screening_uid(week.minsk_evening)]
    persian = _by_uid(_calendar(week, "fa"))[screening_uid(week.tehran_evening)]
    assert str(english["SUMMARY"]) == "The Salesman"
    assert str(russian["SUMMARY"]) == "Коммивояжёр"
    assert str(persian["SUMMARY"]) == "فروشنده"
    assert str(english["LOCATION"]) == "Pobeda cinema, Hall 1, Internatsionalnaya 20, Minsk"
    assert str(russian["LOCATION"]) == "Кинотеатр «Победа», Hall 1, Internatsionalnaya 20, Минск"
    assert str(persian["LOCATION"]) == "پردیس سینمایی چارسو, Salon 2, تهران"
    assert "Asghar Farhadi" in str(english["DESCRIPTION"])
    assert str(russian["URL"]) == f"{BASE}/ru/events/{week.programme.slug}/films/{week.salesman.slug}/"


def test_uids_are_stable_and_the_bytes_reproducible(week):
    first = programme_calendar(
        programme=week.programme, screenings=_screenings(week.programme), language="ru", base_url=BASE
    )
    again = programme_calendar(
        programme=week.programme, screenings=_screenings(week.programme), language="ru", base_url=BASE
    )
    assert first == again
    assert set(_by_uid(Calendar.from_ical(first))) == {
        f"screening-{s.pk}@cinebridge" for s in _screenings(week.programme)
    }
    # A moved screening keeps its UID, so a subscribed calendar moves it instead of adding a copy.
    Screening.objects.filter(pk=week.minsk_morning.pk).update(
        starts_at=week.minsk_morning.starts_at.replace(hour=9),
        ends_at=week.minsk_morning.ends_at.replace(hour=10),
    )
    moved = _by_uid(_calendar(week, "ru"))[screening_uid(week.minsk_morning)]
    assert moved.decoded("DTSTART").strftime("%H:%M") == "12:00"


def test_without_a_site_address_events_have_no_url(week, settings):
    settings.SITE_URL = ""
    data = programme_calendar(programme=week.programme, screenings=_screenings(week.programme), language="en")
    assert all("URL" not in event for event in Calendar.from_ical(data).walk("VEVENT"))


# --- the feeds ----------------------------------------------------------------------------------------


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == CONTENT_TYPE
    return response, Calendar.from_ical(response.content)


def test_the_programme_feed_has_every_screening(client, week):
    response, calendar = _get(client, f"/en/events/{week.programme.slug}/calendar.ics")
    assert f'filename="{week.programme.slug}.ics"' in response["Content-Disposition"]
    assert len(calendar.walk("VEVENT")) == 4
    url = str(calendar.walk("VEVENT")[0]["URL"])
    assert url.startswith("http://testserver/en/events/iranian-film-week-2026/films/")


def test_the_venue_feed_has_the_venues_screenings_only(client, week):
    _response, calendar = _get(
        client, f"/en/events/{week.programme.slug}/venues/{week.charsou.pk}/calendar.ics"
    )
    assert set(_by_uid(calendar)) == {screening_uid(week.tehran_evening), screening_uid(week.tehran_late)}
    assert {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")} == {"Asia/Tehran"}


def test_the_film_feed_has_the_films_screenings_in_the_request_language(client, week):
    _response, calendar = _get(
        client, f"/ru/events/{week.programme.slug}/films/{week.salesman.slug}/calendar.ics"
    )
    events = _by_uid(calendar)
    assert set(events) == {screening_uid(week.minsk_evening), screening_uid(week.tehran_evening)}
    assert {str(event["SUMMARY"]) for event in events.values()} == {"Коммивояжёр"}


def test_a_drafts_feeds_are_for_its_organisers_only(client, week):
    week.programme.is_published = False
    week.programme.published_at = None
    week.programme.save()
    urls = [
        f"/en/events/{week.programme.slug}/calendar.ics",
        f"/en/events/{week.programme.slug}/venues/{week.pobeda.pk}/calendar.ics",
        f"/en/events/{week.programme.slug}/films/{week.salesman.slug}/calendar.ics",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    client.force_login(outsider())
    for url in urls:
        assert client.get(url).status_code == 404, url
    client.force_login(organiser(week))
    for url in urls:
        _response, calendar = _get(client, url)
        # A draft has no publication moment: its events are stamped with its last change.
        stamp = calendar.walk("VEVENT")[0].decoded("DTSTAMP")
        assert stamp == week.programme.updated_at.replace(microsecond=0)


def test_a_venue_of_another_programme_is_not_found(client, week):
    other = iranian_film_week(slug="another-week")
    assert (
        client.get(f"/en/events/{week.programme.slug}/venues/{other.pobeda.pk}/calendar.ics").status_code
        == 404
    )
    assert client.get(f"/en/events/{week.programme.slug}/films/no-such-film/calendar.ics").status_code == 404
