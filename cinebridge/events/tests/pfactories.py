"""Programmes — film weeks, venues, screens, programme films, guests, screenings — straight to the models
(the services are tested on their own), rights built through the rights services, and one scene most
programme tests start from.

    scene = week_scene()     # "Iranian Film Week" in Minsk, 3–9 May 2027 (Monday to Sunday), agreed:
                             # Iran's film body proposed it, Belarus's agreed; an editor of each, a viewer
                             # of Belarus's, an editor of an unrelated film body; a venue in Minsk with
                             # one screen open 10:00–23:30, DCP and files; a rights holder (IR)
    film = scene.film(...)   # an Iranian film of that holder, holding the world's rights from 2020
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import factory

from cinebridge.accounts.models import Organisation, OrganisationKind, Role, User
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.catalogue.models import Film, FilmCountry, FilmVersion, SubtitleTrack
from cinebridge.catalogue.tests.factories import FilmFactory
from cinebridge.events.models import (
    FilmWeek,
    FilmWeekStatus,
    Guest,
    Hall,
    Programme,
    ProgrammeFilm,
    ProgrammeKind,
    Projection,
    Screening,
    Venue,
)
from cinebridge.rights.convert import GrantInput
from cinebridge.rights.engine.types import Direction, Exclusivity
from cinebridge.rights.services import grant_create

MINSK = ZoneInfo("Europe/Minsk")
TEHRAN = ZoneInfo("Asia/Tehran")
WEEK_START = date(2027, 5, 3)  # a Monday
WEEK_END = date(2027, 5, 9)  # a Sunday


def film_body(country: str, name: str) -> Organisation:
    return OrganisationFactory.create(kind=OrganisationKind.FILM_BODY, country=country, name=name)


def at(day: date, hour: int, minute: int = 0, zone: ZoneInfo = MINSK) -> datetime:
    """An aware datetime: a wall-clock time of a day in a zone (Minsk unless said)."""
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


class FilmWeekProgrammeFactory(factory.django.DjangoModelFactory[Programme]):
    class Meta:
        model = Programme

    kind = ProgrammeKind.FILM_WEEK
    slug = factory.Sequence(lambda n: f"film-week-{n}")
    names = factory.LazyAttribute(
        lambda o: {"en": f"Iranian Film Week {o.slug}", "ru": "Неделя иранского кино"}
    )
    host_country = "BY"
    starts_on = WEEK_START
    ends_on = WEEK_END
    time_zone = "Europe/Minsk"


class VenueFactory(factory.django.DjangoModelFactory[Venue]):
    class Meta:
        model = Venue

    names = factory.Sequence(lambda n: {"en": f"Cinema {n}", "ru": f"Кинотеатр {n}"})
    city_names = factory.LazyFunction(lambda: {"en": "Minsk", "ru": "Минск", "fa": "مینسک"})
    city_key = "minsk"
    time_zone = "Europe/Minsk"


class HallFactory(factory.django.DjangoModelFactory[Hall]):
    class Meta:
        model = Hall

    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"Hall {n}")
    capacity = 300
    opens_at = time(10, 0)
    closes_at = time(23, 30)
    projection = Projection.BOTH


class ProgrammeFilmFactory(factory.django.DjangoModelFactory[ProgrammeFilm]):
    class Meta:
        model = ProgrammeFilm

    film = factory.SubFactory(FilmFactory)
    min_screenings = 1
    max_screenings = 2
    appeal = 50


class GuestFactory(factory.django.DjangoModelFactory[Guest]):
    class Meta:
        model = Guest
        skip_postgeneration_save = True

    full_name = factory.Sequence(lambda n: f"Guest Number {n}")
    nationality = "IR"
    passport_number = factory.Sequence(lambda n: f"P{n:08d}")
    birth_date = date(1972, 5, 7)
    arrives_at = factory.LazyAttribute(lambda o: at(o.programme.starts_on, 8))
    departs_at = factory.LazyAttribute(lambda o: at(o.programme.ends_on, 23, 59))
    city_key = "minsk"

    @factory.post_generation
    def qa_films(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.qa_films.set(extracted)


def screening(entry: ProgrammeFilm, hall: Hall, starts_at: datetime, **fields: Any) -> Screening:
    """A screening row of a programme film (its end from the film's runtime)."""
    return Screening.objects.create(
        programme=entry.programme,
        programme_film=entry,
        hall=hall,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=entry.film.runtime_minutes),
        **fields,
    )


def hold_rights(film: Film, **fields: Any) -> None:
    """An IN grant of the film's owner (by default every medium, worldwide, from 2020, perpetual)."""
    values: dict[str, Any] = {
        "work_id": film.pk,
        "holder_id": film.owner_id,
        "direction": Direction.IN,
        "territories": "World",
        "media": "ALL_MEDIA",
        "sublicensable": True,
        "start": date(2020, 1, 1),
        "contract_date": date(2024, 1, 1),
    }
    values.update(fields)
    grant_create(actor=None, data=GrantInput(**values))


def license_out(film: Film, *, to: Organisation, exclusive: bool = True, **fields: Any) -> None:
    """An OUT licence of festival and cultural screenings in Belarus for 2027 to `to`."""
    values: dict[str, Any] = {
        "direction": Direction.OUT,
        "exclusivity": Exclusivity.EXCLUSIVE if exclusive else Exclusivity.NON_EXCLUSIVE,
        "territories": "BY",
        "media": "FESTIVAL, CULTURAL",
        "sublicensable": False,
        "start": date(2027, 1, 1),
        "end": date(2028, 1, 1),
        "counterparty_id": to.pk,
    }
    values.update(fields)
    hold_rights(film, **values)


def subtitled_version(film: Film, *languages: str, audio: str = "fa", label: str = "") -> FilmVersion:
    """A version of the film with subtitle tracks in these languages."""
    version = FilmVersion.objects.create(
        film=film, label=label or f"{audio} {'+'.join(languages)}", audio_language=audio
    )
    for language in languages:
        SubtitleTrack.objects.create(
            version=version,
            language_code=language,
            format="srt",
            file=f"subtitles/{film.pk}-{language}.srt",
            cue_count=10,
            last_cue_end_ms=60_000,
        )
    return version


@dataclass
class WeekScene:
    programme: Programme
    week: FilmWeek
    iran: Organisation
    belarus: Organisation
    iran_editor: User
    belarus_editor: User
    belarus_viewer: User
    outsider: Organisation
    outsider_editor: User
    holder: Organisation
    venue: Venue
    hall: Hall
    entries: list[ProgrammeFilm] = field(default_factory=list)

    def film(self, *, rights: bool = True, runtime: int = 100, **fields: Any) -> Film:
        """An Iranian film of the scene's rights holder (holding the world's rights unless told not to)."""
        film = FilmFactory.create(owner=self.holder, runtime_minutes=runtime, **fields)
        FilmCountry.objects.create(film=film, country="IR")
        if rights:
            hold_rights(film)
        return film

    def entry(self, film: Film | None = None, **fields: Any) -> ProgrammeFilm:
        """A programme film (a new 100-minute film unless given)."""
        row = ProgrammeFilmFactory.create(
            programme=self.programme, film=film or self.film(rights=False), **fields
        )
        self.entries.append(row)
        return row


def week_scene(
    *, starts_on: date = WEEK_START, ends_on: date = WEEK_END, status: str = FilmWeekStatus.AGREED
) -> WeekScene:
    iran = film_body("IR", "Cinema Organization")
    belarus = film_body("BY", "Ministry of Culture")
    outsider = film_body("AM", "National Cinema Centre")
    programme = FilmWeekProgrammeFactory.create(starts_on=starts_on, ends_on=ends_on)
    week = FilmWeek.objects.create(
        programme=programme, proposed_by=iran, partner=belarus, guest_country="IR", status=status
    )
    venue = VenueFactory.create(programme=programme, names={"en": "Pobeda", "ru": "Победа"})
    hall = HallFactory.create(venue=venue, name="Hall 1")
    return WeekScene(
        programme=programme,
        week=week,
        iran=iran,
        belarus=belarus,
        iran_editor=member_of(iran, Role.EDITOR),
        belarus_editor=member_of(belarus, Role.EDITOR),
        belarus_viewer=member_of(belarus, Role.VIEWER),
        outsider=outsider,
        outsider_editor=member_of(outsider, Role.EDITOR),
        holder=OrganisationFactory.create(kind=OrganisationKind.RIGHTS_HOLDER, country="IR", name="Farabi"),
        venue=venue,
        hall=hall,
    )


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)
