"""iCalendar feeds (RFC 5545) of a public programme: the whole programme, one venue, or one film.

One VEVENT per screening, from the film's start to its end, in the time zone of the screening's venue
(DTSTART/DTEND with TZID, and a VTIMEZONE for each zone used, made from the IANA database for the
programme's dates). The UID of a screening never changes ("screening-<pk>@cinebridge"), so a calendar
that subscribed to the feed updates a moved screening instead of duplicating it. DTSTAMP is the moment
the programme was published (its last change for an organiser's preview), never "now": the same
programme and screenings always give the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from icalendar import Calendar, Event

from cinebridge.events.listing import film_title, guest_name, names_text, reader_language
from cinebridge.events.models import Programme, Screening, Strand

PRODID = "-//cinebridge//Events programme//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def screening_uid(screening: Screening) -> str:
    """The screening's UID, the same in every feed and for ever."""
    return f"screening-{screening.pk}@cinebridge"


def calendar_stamp(programme: Programme) -> datetime:
    """The DTSTAMP of every event: when the programme was published (its last change while a draft)."""
    # iCalendar has no fractions of seconds: dropping them here makes the stamp what a reader parses back.
    return (programme.published_at or programme.updated_at).astimezone(UTC).replace(microsecond=0)


def programme_calendar(
    *,
    programme: Programme,
    screenings: Iterable[Screening],
    language: str | None = None,
    base_url: str | None = None,
    name: str = "",
) -> bytes:
    """The screenings as an iCalendar file: titles and places in `language` (the active one by default),
    each event's URL the public film page under `base_url` (settings.SITE_URL by default; no URL without
    one). `name` is the calendar's name (the programme's title by default)."""
    language = reader_language(language)
    base = (settings.SITE_URL if base_url is None else base_url).rstrip("/")
    screenings = list(screenings)
    with translation.override(language):
        title = names_text(programme.names, language) or programme.slug
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("name", name or title)  # RFC 7986
        calendar.add("x-wr-calname", name or title)
        stamp = calendar_stamp(programme)
        for screening in screenings:
            calendar.add_component(
                _event(screening, programme=programme, language=language, stamp=stamp, base=base)
            )
        first, last = _date_range(programme, screenings)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return bytes(calendar.to_ical())


def _event(screening: Screening, *, programme: Programme, language: str, stamp: datetime, base: str) -> Event:
    programme_film = screening.programme_film
    film = programme_film.film
    venue = screening.hall.venue
    zone = ZoneInfo(venue.time_zone)
    title = film_title(film, language)
    event = Event()
    event.add("uid", screening_uid(screening))
    event.add("dtstamp", stamp)
    event.add("dtstart", screening.starts_at.astimezone(zone))
    event.add("dtend", screening.ends_at.astimezone(zone))
    event.add("summary", title)
    event.add("location", _location(screening, language))
    details = [] if title == film.original_title else [film.original_title]
    details.append(_("%(year)s · %(minutes)s min") % {"year": film.year, "minutes": film.runtime_minutes})
    if programme_film.is_premiere:
        details.append(_("Premiere"))
    if programme_film.strand == Strand.CHILDREN:
        details.append(pgettext("strand", "Children's and youth"))
    if screening.qa_guest is not None:
        details.append(_("Q&A with %(guest)s") % {"guest": guest_name(screening.qa_guest, language)})
    event.add("description", "\n".join(details))
    if base:
        with translation.override(language):
            path = reverse("events:programme_film", kwargs={"slug": programme.slug, "film_slug": film.slug})
        event.add("url", f"{base}{path}")
    return event


def _location(screening: Screening, language: str) -> str:
    """ "Venue, Hall, City" in `language`."""
    venue = screening.hall.venue
    parts = [names_text(venue.names, language), screening.hall.name]
    if venue.address:
        parts.append(venue.address)
    parts.append(names_text(venue.city_names, language))
    return ", ".join(part for part in parts if part)


def _date_range(programme: Programme, screenings: list[Screening]) -> tuple[date, date]:
    """The days the VTIMEZONE definitions must cover: the programme and every screening, with a margin."""
    days = [programme.starts_on, programme.ends_on]
    days += [moment.astimezone(UTC).date() for s in screenings for moment in (s.starts_at, s.ends_at)]
    return min(days) - timedelta(days=2), max(days) + timedelta(days=2)
