"""A published programme with venues on two clocks, for the public pages, the iCal feeds and the PDFs.

"Iranian Film Week" (proposed by Iran's Cinema Organization, agreed by Belarus's Ministry of Culture),
hosted in Belarus, with two venues in Minsk (UTC+03:00) and, for its closing days, one in Tehran
(UTC+03:30): the same film plays at 19:00 on both clocks, which are 30 minutes apart in UTC. A late
screening in Tehran starts at 00:15 local time, on the next day there but the previous day in UTC.
Rows are made straight in the models: the services are tested on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from cinebridge.accounts.models import Organisation, OrganisationKind, OrganisationTranslation, User
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.catalogue.models import Credit, CreditRole, Film, FilmCountry, FilmRating, FilmTranslation
from cinebridge.catalogue.tests.factories import FilmFactory, PersonFactory
from cinebridge.events.models import (
    FilmWeek,
    FilmWeekStatus,
    Guest,
    Hall,
    Programme,
    ProgrammeFilm,
    ProgrammeKind,
    Screening,
    Strand,
    Venue,
)

PUBLISHED_AT = datetime(2026, 4, 20, 9, 0, tzinfo=UTC)
SALESMAN_FA = "فروشنده"
BALLOON_FA = "بادکنک سفید"
PASSPORT = "K98765432"
FARHADI_FA = "اصغر فرهادی"
CINEMA_ORGANIZATION_FA = "سازمان سینمایی"


@dataclass
class Scenario:
    programme: Programme
    week: FilmWeek
    iran: Organisation
    belarus: Organisation
    pobeda: Venue  # Minsk
    moskva: Venue  # Minsk
    charsou: Venue  # Tehran
    salesman: Film
    balloon: Film
    salesman_entry: ProgrammeFilm
    balloon_entry: ProgrammeFilm
    minsk_evening: Screening  # 19:00 Minsk = 16:00 UTC, with a Q&A
    tehran_evening: Screening  # 19:00 Tehran on 9 May = 15:30 UTC
    minsk_morning: Screening  # the children's film at 11:00
    tehran_late: Screening  # 00:15 Tehran on 10 May = 20:45 UTC on 9 May
    guest: Guest


def _utc(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def _film(title_fa: str, en: str, ru: str, *, owner: Organisation, minutes: int, **fields: object) -> Film:
    film = FilmFactory.create(
        owner=owner, original_title=title_fa, runtime_minutes=minutes, english_title=en, **fields
    )
    FilmTranslation.objects.filter(film=film, language_code="en").update(synopsis=f"{en}: a synopsis.")
    FilmTranslation.objects.create(film=film, language_code="ru", title=ru, synopsis=f"{ru}: синопсис.")
    FilmTranslation.objects.create(
        film=film, language_code="fa", title=title_fa, synopsis="خلاصهٔ داستان فیلم"
    )
    FilmCountry.objects.create(film=film, country="IR")
    return film


def _screening(entry: ProgrammeFilm, hall: Hall, start: datetime, **fields: object) -> Screening:
    return Screening.objects.create(
        programme=entry.programme,
        programme_film=entry,
        hall=hall,
        starts_at=start,
        ends_at=start + timedelta(minutes=entry.film.runtime_minutes),
        **fields,
    )


def iranian_film_week(*, published: bool = True, slug: str = "iranian-film-week-2026") -> Scenario:
    iran = OrganisationFactory.create(
        name="Cinema Organization of Iran", kind=OrganisationKind.FILM_BODY, country="IR"
    )
    OrganisationTranslation.objects.create(organisation=iran, language_code="fa", name=CINEMA_ORGANIZATION_FA)
    belarus = OrganisationFactory.create(
        name="Министерство культуры Республики Беларусь", kind=OrganisationKind.FILM_BODY, country="BY"
    )
    OrganisationTranslation.objects.create(
        organisation=belarus, language_code="en", name="Ministry of Culture of Belarus"
    )
    programme = Programme.objects.create(
        kind=ProgrammeKind.FILM_WEEK,
        slug=slug,
        names={"en": "Iranian Film Week", "ru": "Неделя иранского кино", "fa": "هفتهٔ فیلم ایران"},
        host_country="BY",
        starts_on=date(2026, 5, 5),
        ends_on=date(2026, 5, 11),
        time_zone="Europe/Minsk",
        is_published=published,
        published_at=PUBLISHED_AT if published else None,
    )
    week = FilmWeek.objects.create(
        programme=programme,
        proposed_by=iran,
        partner=belarus,
        guest_country="IR",
        status=FilmWeekStatus.AGREED,
    )
    pobeda = Venue.objects.create(
        programme=programme,
        names={"en": "Pobeda cinema", "ru": "Кинотеатр «Победа»"},
        city_names={"en": "Minsk", "ru": "Минск", "fa": "مینسک"},
        city_key="minsk",
        address="Internatsionalnaya 20",
        time_zone="Europe/Minsk",
    )
    moskva = Venue.objects.create(
        programme=programme,
        names={"en": "Moskva cinema", "ru": "Кинотеатр «Москва»"},
        city_names={"en": "Minsk", "ru": "Минск", "fa": "مینسک"},
        city_key="minsk",
        time_zone="Europe/Minsk",
    )
    charsou = Venue.objects.create(
        programme=programme,
        names={"en": "Charsou cinema", "fa": "پردیس سینمایی چارسو"},
        city_names={"en": "Tehran", "ru": "Тегеран", "fa": "تهران"},
        city_key="tehran",
        time_zone="Asia/Tehran",
    )
    halls = {
        venue.pk: Hall.objects.create(
            venue=venue, name=name, capacity=250, opens_at="00:00", closes_at="23:59", projection="both"
        )
        for venue, name in ((pobeda, "Hall 1"), (moskva, "Big hall"), (charsou, "Salon 2"))
    }
    farabi = OrganisationFactory.create(name="Farabi Cinema Foundation", country="IR")
    salesman = _film(SALESMAN_FA, "The Salesman", "Коммивояжёр", owner=farabi, minutes=125, year=2016)
    balloon = _film(BALLOON_FA, "The White Balloon", "Белый шар", owner=farabi, minutes=85, year=1995)
    director = PersonFactory.create(names={"en": "Asghar Farhadi", "fa": FARHADI_FA, "ru": "Асгар Фархади"})
    Credit.objects.create(film=salesman, person=director, role=CreditRole.DIRECTOR)
    FilmRating.objects.create(film=salesman, country="IR", rating_code="+15")
    salesman_entry = ProgrammeFilm.objects.create(programme=programme, film=salesman, is_premiere=True)
    balloon_entry = ProgrammeFilm.objects.create(programme=programme, film=balloon, strand=Strand.CHILDREN)
    guest = Guest.objects.create(
        programme=programme,
        full_name="Asghar Farhadi",
        names={"fa": FARHADI_FA, "ru": "Асгар Фархади"},
        role="Director",
        nationality="IR",
        passport_number=PASSPORT,
        birth_date=date(1972, 5, 7),
        arrives_at=_utc(2026, 5, 4, 22, 30),  # 5 May 01:30 in Minsk
        departs_at=_utc(2026, 5, 8, 6, 0),
        city_key="minsk",
    )
    guest.qa_films.add(salesman_entry)
    return Scenario(
        programme=programme,
        week=week,
        iran=iran,
        belarus=belarus,
        pobeda=pobeda,
        moskva=moskva,
        charsou=charsou,
        salesman=salesman,
        balloon=balloon,
        salesman_entry=salesman_entry,
        balloon_entry=balloon_entry,
        minsk_evening=_screening(salesman_entry, halls[pobeda.pk], _utc(2026, 5, 5, 16, 0), qa_guest=guest),
        tehran_evening=_screening(salesman_entry, halls[charsou.pk], _utc(2026, 5, 9, 15, 30)),
        minsk_morning=_screening(balloon_entry, halls[moskva.pk], _utc(2026, 5, 6, 8, 0)),
        tehran_late=_screening(balloon_entry, halls[charsou.pk], _utc(2026, 5, 9, 20, 45)),
        guest=guest,
    )


def organiser(scenario: Scenario) -> User:
    """An editor of the proposing film body."""
    return member_of(scenario.iran)


def outsider() -> User:
    """An editor of another organisation (an Iranian rights holder, not an organiser)."""
    return member_of(OrganisationFactory.create(name="Another studio", country="IR"))
