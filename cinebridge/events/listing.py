"""The public programme as readers see it: screenings on their venue's clock, grouped by day, city and
venue, with titles and names in the reader's language. Shared by the public pages, the iCal feeds and
the printed booklet, so that all three say the same thing.

A screening belongs to the calendar day it starts on at its venue (a 00:15 screening in Tehran is on
the next day there, whatever the UTC date), and its times are shown with the zone they are in
("Minsk / +03:00", "Tehran / +03:30"): a programme may span venues in several zones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import get_timezone_location
from django.conf import settings
from django.utils import translation

from cinebridge.catalogue.models import Film
from cinebridge.core.engine.digits import localize_digits
from cinebridge.core.i18n import text_in, translated_text
from cinebridge.events.models import Guest, Hall, ProgrammeFilm, Screening, Strand, Venue


def reader_language(language: str | None = None) -> str:
    """`language`, else the active one, without a region suffix."""
    return (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def names_text(names: Mapping[str, str] | None, language: str | None = None) -> str:
    """A {language: text} label in `language` (else English, else the first language it has)."""
    if not names:
        return ""
    return text_in(names, reader_language(language)) or next((text for text in names.values() if text), "")


def film_title(film: Film, language: str | None = None) -> str:
    """The film's title in `language`, else English, else its original title (translations prefetched)."""
    return translated_text(film.translations.all(), "title", film.original_title, reader_language(language))


def guest_name(guest: Guest, language: str | None = None) -> str:
    """A guest's name as readers of `language` write it, else as in the passport (not in a third script)."""
    return text_in(guest.names or {}, reader_language(language)) or guest.full_name


@dataclass(frozen=True)
class ZoneLabel:
    """A time zone as a reader recognises it: the zone's city and the offset from UTC at a moment."""

    city: str  # "Minsk", "تهران"
    offset: str  # "+03:00", "+۰۳:۳۰"

    def __str__(self) -> str:
        return f"{self.city} / {self.offset}"


def zone_label(zone: str, moment: datetime, language: str | None = None) -> ZoneLabel:
    """The IANA zone `zone` at `moment`, its city named in `language` ("Minsk / +03:00", and in fa
    "تهران / +۰۳:۳۰")."""
    language = reader_language(language)
    try:
        city = str(get_timezone_location(zone, locale=language, return_city=True))
    except (LookupError, ValueError):
        city = zone.rsplit("/", 1)[-1].replace("_", " ")
    offset = moment.astimezone(ZoneInfo(zone)).strftime("%z")
    return ZoneLabel(city=city, offset=localize_digits(f"{offset[:3]}:{offset[3:]}", language))


def clock(moment: datetime, language: str | None = None) -> str:
    """A local time of day, "19:30", in the language's digits."""
    return localize_digits(f"{moment:%H:%M}", reader_language(language))


def local_day(screening: Screening) -> date:
    """The calendar day a screening starts on at its venue."""
    return screening.starts_at.astimezone(ZoneInfo(screening.hall.venue.time_zone)).date()


@dataclass(frozen=True)
class ScreeningRow:
    """One screening as a reader sees it, on its venue's clock."""

    screening: Screening
    start: datetime  # in the venue's zone
    end: datetime
    zone: ZoneLabel  # "Minsk / +03:00"
    title: str
    guest: str  # the Q&A guest's name, or ""

    @property
    def programme_film(self) -> ProgrammeFilm:
        return self.screening.programme_film

    @property
    def film(self) -> Film:
        return self.screening.programme_film.film

    @property
    def hall(self) -> Hall:
        return self.screening.hall

    @property
    def venue(self) -> Venue:
        return self.screening.hall.venue

    @property
    def day(self) -> date:
        return self.start.date()

    @property
    def is_premiere(self) -> bool:
        return self.screening.programme_film.is_premiere

    @property
    def is_children(self) -> bool:
        return self.screening.programme_film.strand == Strand.CHILDREN

    def times(self, language: str | None = None) -> str:
        """ "19:30–21:05" in the language's digits."""
        return f"{clock(self.start, language)}–{clock(self.end, language)}"


def screening_row(screening: Screening, language: str | None = None) -> ScreeningRow:
    zone = screening.hall.venue.time_zone
    start = screening.starts_at.astimezone(ZoneInfo(zone))
    return ScreeningRow(
        screening=screening,
        start=start,
        end=screening.ends_at.astimezone(ZoneInfo(zone)),
        zone=zone_label(zone, start, language),
        title=film_title(screening.programme_film.film, language),
        guest=guest_name(screening.qa_guest, language) if screening.qa_guest is not None else "",
    )


@dataclass
class VenueGroup:
    venue: Venue
    name: str
    rows: list[ScreeningRow] = field(default_factory=list)


@dataclass
class CityGroup:
    key: str
    name: str
    venues: list[VenueGroup] = field(default_factory=list)


@dataclass
class DayGroup:
    day: date
    cities: list[CityGroup] = field(default_factory=list)


def schedule_by_day(screenings: Iterable[Screening], language: str | None = None) -> list[DayGroup]:
    """The screenings grouped by local day, then city, then venue; days in order, cities and venues in
    the programme's venue order (city code, then when the venue was added), screenings by start."""
    rows = sorted(
        (screening_row(screening, language) for screening in screenings),
        key=lambda row: (
            row.day,
            row.venue.city_key,
            row.venue.pk,
            row.start,
            row.hall.name,
            row.screening.pk,
        ),
    )
    days: list[DayGroup] = []
    for row in rows:
        if not days or days[-1].day != row.day:
            days.append(DayGroup(day=row.day))
        cities = days[-1].cities
        if not cities or cities[-1].key != row.venue.city_key:
            cities.append(CityGroup(key=row.venue.city_key, name=names_text(row.venue.city_names, language)))
        venues = cities[-1].venues
        if not venues or venues[-1].venue.pk != row.venue.pk:
            venues.append(VenueGroup(venue=row.venue, name=names_text(row.venue.names, language)))
        venues[-1].rows.append(row)
    return days
