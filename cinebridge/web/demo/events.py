"""The demo's festivals and film weeks: an Iranian Film Week in Minsk, and Listapad with Iranian entries.

**The film week.** The Cinema Organization of Iran proposes an Iranian Film Week in Minsk for April
2027; the Belarusian Ministry of Culture agrees and adds two Minsk cinemas: the Tsentralny's two
screens in the evenings (the large one plays DCPs only, the small one files) and the Pioneer
children's cinema by day. The Cinema Organization curates six of Farabi's films, three of them in the
children's and youth strand; The Runner comes as a file. The seventh, The Color of Paradise, is
refused: Listapad holds exclusive festival and cultural-screening rights for it in Belarus that month
(demo/rights.py), which the curation page explains. Majid Majidi comes for a Q&A after Children of
Heaven and a delegation member travels with the week; the opening night is placed by hand (so
locked), the optimiser places the rest, and the programme is published. The week lies in the future,
so no attendance is entered.

**Listapad.** The festival's coming edition — the one whose call for entries is open on the day the
demo is loaded, so that the entries pass the services' checks on any date — with a main competition
(whose rules no classic qualifies for: the entry form shows why), the Listapadzik children's and youth
competition, and Farabi's entries to it at every stage: submitted, in review and scored by the jury
(one member declaring a conflict of interest), not selected, selected, and selected then awarded,
which lands in the film's festival history. Nothing has been screened yet: the edition is to come.

Demo data, not real events: the dates, the schedule, the entries, the jury's scores and the award
are made up; the delegation member is fictional and the guests' passport numbers are placeholders
marked DEMO. The cinemas are real Minsk cinemas, the films and the director real.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.http import Http404
from django.utils import timezone

from cinebridge.accounts.models import Organisation, User
from cinebridge.catalogue.models import Audience, Film, FilmKind
from cinebridge.core.engine.digits import localize_digits
from cinebridge.events.models import (
    CopyFormat,
    FilmWeek,
    PremiereStatus,
    Programme,
    ProgrammeFilm,
    Projection,
    Section,
    Strand,
    SubmissionStatus,
)
from cinebridge.events.selectors import festivals as festival_selectors
from cinebridge.events.selectors import programmes as programme_selectors
from cinebridge.events.services import festivals as festival_services
from cinebridge.events.services import programmes as programme_services

MINSK = "Europe/Minsk"

# --- the Iranian Film Week in Minsk -------------------------------------------------------------------


@dataclass(frozen=True)
class HallSpec:
    name: str
    capacity: int
    opens_at: time
    closes_at: time
    projection: Projection = Projection.BOTH


@dataclass(frozen=True)
class VenueSpec:
    key: str  # how the other specs name it
    names: Mapping[str, str]
    address: str
    halls: tuple[HallSpec, ...]
    city_key: str = "minsk"
    city_names: Mapping[str, str] = field(
        default_factory=lambda: {"ru": "Минск", "be": "Мінск", "en": "Minsk", "fa": "مینسک", "ar": "مينسك"}
    )
    time_zone: str = MINSK


@dataclass(frozen=True)
class WeekFilmSpec:
    film: str  # the film's English title, as in programme.FILMS
    strand: Strand = Strand.GENERAL
    min_screenings: int = 1
    max_screenings: int = 2
    appeal: int = 50
    is_premiere: bool = False
    min_age: int = 0
    copy_format: CopyFormat = CopyFormat.DCP


@dataclass(frozen=True)
class GuestSpec:
    full_name: str
    names: Mapping[str, str]
    role: str
    nationality: str
    arrives_at: datetime
    departs_at: datetime
    passport_number: str
    birth_date: date | None = None
    delegation: str = ""
    qa_films: tuple[str, ...] = ()  # English titles
    city_key: str = "minsk"


@dataclass(frozen=True)
class ScreeningSpec:
    """A screening the curator places by hand (it is locked: the optimiser keeps it)."""

    film: str
    venue: str
    hall: str
    starts_at: datetime  # on the venue's clock


@dataclass(frozen=True)
class FilmWeekSpec:
    slug: str
    proposed_by: str  # organisation slugs
    partner: str
    proposer_login: str  # usernames of the demo logins acting for them
    partner_login: str
    host_country: str
    guest_country: str
    names: Mapping[str, str]
    starts_on: date
    ends_on: date
    time_zone: str
    note: str
    answer: str
    venues: tuple[VenueSpec, ...]
    films: tuple[WeekFilmSpec, ...]
    refused: str  # the film curation refuses (demo/rights.py makes it so; the demo's tests check it)
    guests: tuple[GuestSpec, ...]
    opening: ScreeningSpec
    solve_seconds: float


def _minsk(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(MINSK))


FILM_WEEK = FilmWeekSpec(
    slug="iranian-film-week-minsk-2027",
    proposed_by="cinema-organization-of-iran",
    partner="belarus-ministry-of-culture",
    proposer_login="cinema-org",
    partner_login="minculture",
    host_country="BY",
    guest_country="IR",
    names={
        "en": "Iranian Film Week in Minsk",
        "ru": "Неделя иранского кино в Минске",
        "be": "Тыдзень іранскага кіно ў Мінску",
        "fa": "هفته فیلم ایران در مینسک",
        "ar": "أسبوع السينما الإيرانية في مينسك",
    },
    starts_on=date(2027, 4, 15),
    ends_on=date(2027, 4, 21),
    time_zone=MINSK,
    note="Seven days of Iranian cinema in Minsk under the cultural cooperation programme, with a "
    "children's strand for school audiences and a Q&A with a director.",
    answer="The Ministry agrees and offers the Tsentralny and Pioneer cinemas.",
    venues=(
        VenueSpec(
            "tsentralny",
            {
                "ru": "Кинотеатр «Центральный»",
                "be": "Кінатэатр «Цэнтральны»",
                "en": "Tsentralny Cinema",
                "fa": "سینما تسنترالنی",
                "ar": "سينما تسينترالني",
            },
            "пр. Независимости, 13, Минск",
            (
                HallSpec("Зал 1", 320, time(18), time(23, 30), Projection.DCP),
                HallSpec("Зал 2", 90, time(18), time(23), Projection.FILE),
            ),
        ),
        VenueSpec(
            "pioneer",
            {
                "ru": "Кинотеатр «Пионер»",
                "be": "Кінатэатр «Піянер»",
                "en": "Pioneer Cinema",
                "fa": "سینما پیونر",
                "ar": "سينما بيونير",
            },
            "ул. Энгельса, 20, Минск",
            (HallSpec("Зал", 180, time(9, 30), time(18, 30)),),
        ),
    ),
    films=(
        WeekFilmSpec("A Separation", min_screenings=2, max_screenings=3, appeal=85, min_age=15),
        WeekFilmSpec("Children of Heaven", Strand.CHILDREN, 2, 4, appeal=75),
        WeekFilmSpec("The White Balloon", Strand.CHILDREN, 2, 3, appeal=60),
        WeekFilmSpec("Where Is the Friend's House?", Strand.CHILDREN, 1, 3, appeal=55),
        WeekFilmSpec("Bashu, the Little Stranger", max_screenings=3, appeal=55, min_age=12),
        WeekFilmSpec("The Runner", max_screenings=3, appeal=50, min_age=12, copy_format=CopyFormat.FILE),
    ),
    refused="The Color of Paradise",
    guests=(
        GuestSpec(
            "Majid Majidi",
            {"fa": "مجید مجیدی", "ru": "Маджид Маджиди", "be": "Маджыд Маджыдзі"},
            "Director of Children of Heaven",
            "IR",
            _minsk(2027, 4, 15, 9),
            _minsk(2027, 4, 18, 20),
            passport_number="DEMO-IR-0001",
            qa_films=("Children of Heaven",),
        ),
        GuestSpec(
            "Reza Karimi",
            {"fa": "رضا کریمی", "ru": "Реза Карими", "be": "Рэза Карымі"},
            "Head of the delegation (fictional, for the demo)",
            "IR",
            _minsk(2027, 4, 14, 18),
            _minsk(2027, 4, 21, 22),
            passport_number="DEMO-IR-0002",
            birth_date=date(1975, 3, 2),
            delegation="Cinema Organization of Iran",
        ),
    ),
    opening=ScreeningSpec("A Separation", "tsentralny", "Зал 1", _minsk(2027, 4, 15, 19)),
    solve_seconds=5.0,
)


def _programme(slug: str) -> Programme | None:
    try:
        return programme_selectors.programme_get(slug=slug)
    except Http404:
        return None


def film_week_load(
    *,
    spec: FilmWeekSpec = FILM_WEEK,
    organisations: Mapping[str, Organisation],
    users: Mapping[str, User],
    films: Mapping[str, Film],
) -> FilmWeek | None:
    """Make the film week through the services, from proposal to published schedule; None when its
    programme is already there (or a film it needs is missing)."""
    if _programme(spec.slug) is not None or any(f.film not in films for f in spec.films):
        return None
    curator, host = users[spec.proposer_login], users[spec.partner_login]
    week = programme_services.film_week_propose(
        actor=curator,
        proposed_by=organisations[spec.proposed_by],
        partner=organisations[spec.partner],
        host_country=spec.host_country,
        guest_country=spec.guest_country,
        slug=spec.slug,
        names=spec.names,
        starts_on=spec.starts_on,
        ends_on=spec.ends_on,
        time_zone=spec.time_zone,
        note=spec.note,
    )
    week = programme_services.film_week_agree(actor=host, film_week=week, note=spec.answer)
    programme = week.programme
    halls = {}
    for venue_spec in spec.venues:
        venue = programme_services.venue_create(
            actor=host,
            programme=programme,
            names=venue_spec.names,
            city_names=venue_spec.city_names,
            city_key=venue_spec.city_key,
            time_zone=venue_spec.time_zone,
            address=venue_spec.address,
        )
        for hall in venue_spec.halls:
            halls[venue_spec.key, hall.name] = programme_services.hall_create(
                actor=host,
                venue=venue,
                name=hall.name,
                capacity=hall.capacity,
                opens_at=hall.opens_at,
                closes_at=hall.closes_at,
                projection=hall.projection,
            )
    entries: dict[str, ProgrammeFilm] = {}
    for film_spec in spec.films:
        entries[film_spec.film] = programme_services.programme_film_add(
            actor=curator,
            programme=programme,
            film=films[film_spec.film],
            strand=film_spec.strand,
            min_screenings=film_spec.min_screenings,
            max_screenings=film_spec.max_screenings,
            appeal=film_spec.appeal,
            is_premiere=film_spec.is_premiere,
            min_age=film_spec.min_age,
            copy_format=film_spec.copy_format,
        )
    for guest in spec.guests:
        programme_services.guest_create(
            actor=curator,
            programme=programme,
            full_name=guest.full_name,
            names=guest.names,
            role=guest.role,
            delegation=guest.delegation,
            nationality=guest.nationality,
            passport_number=guest.passport_number,
            birth_date=guest.birth_date,
            arrives_at=guest.arrives_at,
            departs_at=guest.departs_at,
            city_key=guest.city_key,
            qa_films=[entries[title] for title in guest.qa_films],
        )
    programme.refresh_from_db()
    opening = spec.opening
    programme_services.screening_add(
        actor=curator,
        programme=programme,
        programme_film=entries[opening.film],
        hall=halls[opening.venue, opening.hall],
        starts_at=opening.starts_at,
        expected_version=programme.version,
    )
    summary = programme_services.programme_schedule_solve(
        actor=curator, programme=programme, seconds=spec.solve_seconds
    )
    if summary["status"] not in ("optimal", "feasible") or summary["unscheduled"]:
        raise RuntimeError(f"The demo film week's schedule should place every film, not {summary}")
    programme_services.programme_publish(actor=curator, programme=programme)
    return week


# --- Listapad -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CallSpec:
    kinds: tuple[str, ...] = ()
    min_runtime: int | None = None
    max_runtime: int | None = None
    min_year_before: int | None = None  # the oldest production year, as years before the edition's
    premiere: str = PremiereStatus.NONE
    countries: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    rules_text: str = ""


@dataclass(frozen=True)
class SectionSpec:
    code: str
    names: Mapping[str, str]
    call: CallSpec
    strand: Strand = Strand.GENERAL
    is_competition: bool = True


@dataclass(frozen=True)
class JurySpec:
    section: str  # section code
    login: str
    is_president: bool = False


@dataclass(frozen=True)
class ScoreSpec:
    login: str
    score: int | None
    private_note: str = ""
    conflict_declared: bool = False


@dataclass(frozen=True)
class EntrySpec:
    """An entry and how far it has come: every status it passes through after "submitted"."""

    film: str
    section: str
    premiere: str = PremiereStatus.NONE
    note: str = ""
    steps: tuple[str, ...] = ()
    scores: tuple[ScoreSpec, ...] = ()  # given while the entry is in review
    award: Mapping[str, str] | None = None


@dataclass(frozen=True)
class FestivalSpec:
    slug: str
    organisation: str
    login: str  # the festival's editor
    applicant: str  # the organisation entering the films, and its login
    applicant_login: str
    names: Mapping[str, str]
    website: str
    first_year: int  # of the first edition: the edition number counts from it
    city: Mapping[str, str]
    time_zone: str
    # The edition's days in November, and the day after which next year's call opens (mid-September).
    first_day: int
    last_day: int
    call_closes: tuple[int, int]  # (month, day)
    sections: tuple[SectionSpec, ...]
    jury: tuple[JurySpec, ...]
    entries: tuple[EntrySpec, ...]


S = SubmissionStatus

LISTAPAD = FestivalSpec(
    slug="listapad",
    organisation="listapad",
    login="listapad",
    applicant="farabi",
    applicant_login="farabi",
    names={
        "en": "Listapad Minsk International Film Festival",
        "ru": "Минский международный кинофестиваль «Лістапад»",
        "be": "Мінскі міжнародны кінафестываль «Лістапад»",
        "fa": "جشنواره بین‌المللی فیلم مینسک «لیستاپاد»",
        "ar": "مهرجان مينسك السينمائي الدولي «ليستاباد»",
    },
    website="https://listapad.com/",
    first_year=1994,
    city={"en": "Minsk", "ru": "Минск", "be": "Мінск", "fa": "مینسک", "ar": "مينسك"},
    time_zone=MINSK,
    first_day=19,
    last_day=26,
    call_closes=(9, 15),
    sections=(
        SectionSpec(
            "main-competition",
            {
                "en": "Main competition",
                "ru": "Основной конкурс",
                "be": "Асноўны конкурс",
                "fa": "بخش مسابقه اصلی",
                "ar": "المسابقة الرئيسية",
            },
            CallSpec(
                kinds=(FilmKind.FEATURE,),
                min_runtime=70,
                min_year_before=1,
                premiere=PremiereStatus.NATIONAL,
                rules_text="Feature films completed in the last two years, not yet shown in Belarus.",
            ),
        ),
        SectionSpec(
            "listapadzik",
            {
                "en": "Listapadzik: children's and youth competition",
                "ru": "«Листападик»: конкурс фильмов для детей и юношества",
                "be": "«Лістападзік»: конкурс фільмаў для дзяцей і юнацтва",
                "fa": "«لیستاپادزیک»: مسابقه فیلم‌های کودک و نوجوان",
                "ar": "«ليستابادزيك»: مسابقة أفلام الأطفال والشباب",
            },
            CallSpec(
                kinds=(FilmKind.FEATURE, FilmKind.ANIMATION),
                min_runtime=60,
                max_runtime=120,
                audiences=(Audience.CHILDREN, Audience.YOUTH),
                rules_text="Films for audiences aged 6 to 16, of any year; a jury of film professionals and "
                "a children's jury award them.",
            ),
            strand=Strand.CHILDREN,
        ),
    ),
    jury=(
        JurySpec("listapadzik", "school-minsk", is_president=True),
        JurySpec("listapadzik", "belarusfilm"),
        JurySpec("listapadzik", "school-tehran"),
    ),
    entries=(
        EntrySpec(
            "Children of Heaven",
            "listapadzik",
            note="A new restoration, with Russian subtitles.",
            steps=(S.IN_REVIEW, S.SELECTED),
            scores=(
                ScoreSpec("school-minsk", 9, "Simple and universal; children will follow it without effort."),
                ScoreSpec("belarusfilm", 9),
                ScoreSpec("school-tehran", 8),
            ),
            award={
                "en": "Best film of the Listapadzik competition",
                "ru": "Лучший фильм конкурса «Листападик»",
                "be": "Лепшы фільм конкурсу «Лістападзік»",
                "fa": "بهترین فیلم مسابقه «لیستاپادزیک»",
                "ar": "أفضل فيلم في مسابقة «ليستابادزيك»",
            },
        ),
        EntrySpec(
            "The White Balloon",
            "listapadzik",
            steps=(S.IN_REVIEW, S.SELECTED),
            scores=(ScoreSpec("school-minsk", 8), ScoreSpec("belarusfilm", 7), ScoreSpec("school-tehran", 8)),
        ),
        EntrySpec(
            "Where Is the Friend's House?",
            "listapadzik",
            steps=(S.IN_REVIEW, S.NOT_SELECTED),
            scores=(
                ScoreSpec("school-minsk", 6, "Slow for the youngest of the audience."),
                ScoreSpec("belarusfilm", 7),
                ScoreSpec("school-tehran", None, "Abstaining: shown at our school this year."),
            ),
        ),
        EntrySpec(
            "Bashu, the Little Stranger",
            "listapadzik",
            steps=(S.IN_REVIEW,),
            scores=(
                ScoreSpec("school-minsk", 8),
                ScoreSpec(
                    "school-tehran", 9, "I restored this print with our students.", conflict_declared=True
                ),
            ),
        ),
        EntrySpec("The Runner", "listapadzik"),
    ),
)


def listapad_year(today: date, spec: FestivalSpec = LISTAPAD) -> int:
    """The edition whose call is open on `today`: this year's until its call closes, then next year's
    (each call opens the day after the one before it closes)."""
    month, day = spec.call_closes
    return today.year if today <= date(today.year, month, day) else today.year + 1


def _in_persian_digits(year: int) -> str:
    return localize_digits(str(year), "fa")


def edition_names(year: int) -> dict[str, str]:
    return {
        "en": f"Listapad {year}",
        "ru": f"«Лістапад» {year}",
        "be": f"«Лістапад» {year}",
        "fa": f"لیستاپاد {_in_persian_digits(year)}",
        "ar": f"ليستاباد {year}",
    }


def _festival_exists(slug: str) -> bool:
    return festival_selectors.festival_list().filter(slug=slug).exists()


def festival_load(
    *,
    spec: FestivalSpec = LISTAPAD,
    organisations: Mapping[str, Organisation],
    users: Mapping[str, User],
    films: Mapping[str, Film],
) -> bool:
    """Make the festival, its coming edition, sections, calls, jury and Farabi's entries through the
    services; False when the festival is already there."""
    if _festival_exists(spec.slug):
        return False
    # The services check the entries against the host's today: the edition is the one open to them.
    year = listapad_year(timezone.localtime(timezone.now(), ZoneInfo(spec.time_zone)).date(), spec)
    editor = users[spec.login]
    festival = festival_services.festival_create(
        actor=editor,
        organisation=organisations[spec.organisation],
        slug=spec.slug,
        names=spec.names,
        website=spec.website,
    )
    edition = festival_services.edition_create(
        actor=editor,
        festival=festival,
        year=year,
        slug=f"{spec.slug}-{year}",
        names=edition_names(year),
        host_country="BY",
        time_zone=spec.time_zone,
        starts_on=date(year, 11, spec.first_day),
        ends_on=date(year, 11, spec.last_day),
        number=year - spec.first_year + 1,
    )
    month, day = spec.call_closes
    sections: dict[str, Section] = {}
    for position, section_spec in enumerate(spec.sections):
        section = festival_services.section_create(
            actor=editor,
            edition=edition,
            code=section_spec.code,
            names=section_spec.names,
            strand=section_spec.strand,
            is_competition=section_spec.is_competition,
            position=position,
        )
        rules = section_spec.call
        festival_services.call_set(
            actor=editor,
            section=section,
            opens_on=date(year - 1, month, day) + timedelta(days=1),
            deadline=date(year, month, day),
            kinds=rules.kinds,
            min_runtime=rules.min_runtime,
            max_runtime=rules.max_runtime,
            min_year=None if rules.min_year_before is None else year - rules.min_year_before,
            premiere=rules.premiere,
            countries=rules.countries,
            audiences=rules.audiences,
            rules_text=rules.rules_text,
        )
        sections[section_spec.code] = section
    for seat in spec.jury:
        festival_services.jury_member_add(
            actor=editor,
            section=sections[seat.section],
            user=users[seat.login],
            is_president=seat.is_president,
        )
    for entry in spec.entries:
        _entry(entry, spec, sections, organisations, users, films)
    return True


def _entry(
    entry: EntrySpec,
    spec: FestivalSpec,
    sections: Mapping[str, Section],
    organisations: Mapping[str, Organisation],
    users: Mapping[str, User],
    films: Mapping[str, Film],
) -> None:
    """One entry, taken through its steps; the jury scores it while it is in review."""
    editor = users[spec.login]
    submission = festival_services.submission_create(
        actor=users[spec.applicant_login],
        call=sections[entry.section].call,
        film=films[entry.film],
        applicant=organisations[spec.applicant],
        premiere=entry.premiere,
        note=entry.note,
    )
    for step in entry.steps:
        submission = festival_services.submission_decide(
            actor=editor, submission=submission, to_status=step, expected_version=submission.version
        )
        if step == S.IN_REVIEW:
            for score in entry.scores:
                festival_services.jury_score_record(
                    actor=users[score.login],
                    submission=submission,
                    score=score.score,
                    private_note=score.private_note,
                    conflict_declared=score.conflict_declared,
                )
    if entry.award is not None:
        festival_services.award_give(actor=editor, submission=submission, names=entry.award)


def logins_needed(week: FilmWeekSpec = FILM_WEEK, festival: FestivalSpec = LISTAPAD) -> set[str]:
    """The demo logins these events act as."""
    return {
        week.proposer_login,
        week.partner_login,
        festival.login,
        festival.applicant_login,
        *(seat.login for seat in festival.jury),
    }
