"""A film week in the browser, as its two film bodies and a visitor each see it in their own language:
the Cinema Organization of Iran (Persian pages) proposes an Iranian Film Week in Minsk, the Belarusian
Ministry of Culture (Russian pages) agrees, the Cinema Organization's curator picks six of Farabi's
films — one is refused, its festival rights in Belarus being licensed exclusively to someone else that
week, and the page says so — runs the optimiser from the schedule page, locks a screening, runs it
again (the locked screening stays where it was, the others are placed anew), and publishes; a visitor
then reads the programme in Russian and in Persian.

The venue and its two screens are prepared through the services (the venue pages are not what is
tested here); everything else is done through the pages."""

import os
import re
from collections.abc import Callable
from datetime import date, time
from pathlib import Path

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from cinebridge.accounts.models import Organisation, OrganisationKind, Role, User
from cinebridge.accounts.services import organisation_create
from cinebridge.catalogue.models import Film
from cinebridge.catalogue.services import FilmData, FilmText, film_create
from cinebridge.events.models import FilmWeek, FilmWeekStatus, Programme, ProgrammeFilm, Screening, Strand
from cinebridge.events.selectors.programmes import curation_check, programme_violations, screening_local_start
from cinebridge.events.services import programmes as services
from cinebridge.rights.engine.types import Direction, Exclusivity
from cinebridge.rights.services import GrantInput, grant_create
from cinebridge.web.demo.programme import FILMS, FilmSpec

pytestmark = pytest.mark.browser

SLUG = "iranian-film-week-minsk-2027"
FIRST_DAY, LAST_DAY = date(2027, 4, 15), date(2027, 4, 21)
TITLES = {
    "en": "Iranian Film Week in Minsk",
    "ru": "Неделя иранского кино в Минске",
    "fa": "هفته فیلم ایران در مینسک",
}
# The six films the curator picks (English titles of the demo programme), the children's ones, and the
# one whose rights are licensed exclusively to another party during the week.
CHOSEN = ("A Separation", "Children of Heaven", "The White Balloon", "Bashu, the Little Stranger",
          "The Runner", "The Color of Paradise")  # fmt: skip
CHILDREN = frozenset({"Children of Heaven", "The White Balloon"})
REFUSED = "The Color of Paradise"
# Long enough for the optimiser's shortest run (the page offers 10 seconds at least) and the redirect.
SOLVE_TIMEOUT_MS = 60_000
WARM_UP_TIMEOUT_MS = 60_000
# Set to save a screenshot of every step into test-results/ (to look at the pages in each language).
SCREENSHOT_EVERY_STEP = os.environ.get("CB_SCREENSHOT_STEPS") == "1"


def _film_body(slug: str, name: str, country: str, translations: dict[str, tuple[str, str]]) -> Organisation:
    return organisation_create(
        slug=slug, name=name, kind=OrganisationKind.FILM_BODY, country=country, translations=translations
    )


def _farabi_film(spec: FilmSpec, owner: Organisation) -> Film:
    """One of the demo programme's Farabi films, held by Farabi everywhere in every medium."""
    film = film_create(
        owner=owner,
        data=FilmData(
            original_title=spec.original_title,
            original_language=spec.original_language,
            kind=spec.kind,
            audience=spec.audience,
            year=spec.year,
            runtime_minutes=spec.runtime_minutes,
            translations={lang: FilmText(title) for lang, (title, _synopsis) in spec.texts.items()},
            countries=list(spec.countries),
        ),
        actor=None,
    )
    grant_create(
        actor=None,
        data=GrantInput(
            work_id=film.pk,
            holder_id=owner.pk,
            direction=Direction.IN,
            territories="WORLD",
            media="ALL_MEDIA",
            sublicensable=True,
        ),
    )
    return film


@pytest.fixture
def cinema_organization(transactional_db: None) -> Organisation:
    return _film_body(
        "cinema-organization-of-iran",
        "Cinema Organization of Iran",
        "IR",
        {"fa": ("سازمان سینمایی", ""), "ru": ("Организация кинематографии Ирана", "")},
    )


@pytest.fixture
def ministry(transactional_db: None) -> Organisation:
    return _film_body(
        "belarus-ministry-of-culture",
        "Ministry of Culture of the Republic of Belarus",
        "BY",
        {"ru": ("Министерство культуры Республики Беларусь", ""), "fa": ("وزارت فرهنگ جمهوری بلاروس", "")},
    )


@pytest.fixture
def curator(make_member: Callable[..., User], cinema_organization: Organisation) -> User:
    return make_member(cinema_organization, "curator", Role.EDITOR, preferred_language="fa")


@pytest.fixture
def ministry_editor(make_member: Callable[..., User], ministry: Organisation) -> User:
    return make_member(ministry, "ministry", Role.EDITOR, preferred_language="ru")


@pytest.fixture
def farabi_films(rights_holder: Organisation) -> dict[str, Film]:
    """Farabi's films by English title; Listapad holds exclusive festival and cultural rights in
    Belarus for one of them throughout April 2027."""
    films = {
        spec.texts["en"][0]: _farabi_film(spec, rights_holder) for spec in FILMS if spec.owner == "farabi"
    }
    grant_create(
        actor=None,
        data=GrantInput(
            work_id=films[REFUSED].pk,
            holder_id=rights_holder.pk,
            direction=Direction.OUT,
            territories="BY",
            media="FESTIVAL + CULTURAL",
            exclusivity=Exclusivity.EXCLUSIVE,
            start=date(2027, 4, 1),
            end=date(2027, 5, 1),
            counterparty_name="Listapad",
        ),
    )
    return films


def _prepare_the_venue(programme: Programme, host: User) -> None:
    """The Ministry's cinema and its two screens (through the services)."""
    venue = services.venue_create(
        actor=host,
        programme=programme,
        names={"ru": "Кинотеатр «Центральный»", "en": "Tsentralny Cinema", "fa": "سینما تسنترالنی"},
        city_names={"ru": "Минск", "en": "Minsk", "fa": "مینسک"},
        city_key="minsk",
        time_zone="Europe/Minsk",
        address="пр. Независимости, 13",
    )
    for name, seats in (("Зал 1", 320), ("Зал 2", 90)):
        services.hall_create(
            actor=host, venue=venue, name=name, capacity=seats, opens_at=time(10), closes_at=time(23),
            projection="both",
        )  # fmt: skip


def _snapshot(page: Page, directory: Path, name: str) -> None:
    if SCREENSHOT_EVERY_STEP:
        page.screenshot(path=directory / f"issue5-{name}.png", full_page=True)


def _expect_language(page: Page, language: str) -> None:
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", "rtl" if language in ("fa", "ar") else "ltr")


def _title(film: Film, language: str) -> str:
    return film.translations.get(language_code=language).title


# --- the steps ----------------------------------------------------------------------------------------


def _propose(page: Page, ministry: Organisation) -> None:
    page.goto("/fa/events/film-weeks/propose/")
    _expect_language(page, "fa")
    for language, title in TITLES.items():
        page.locator(f"#id_title_{language}").fill(title)
    page.locator("#id_partner").select_option(str(ministry.pk))
    expect(page.locator("#id_guest_country")).to_have_value("IR")  # the proposer's country
    page.locator("#id_host_country").select_option("BY")
    page.locator("#id_slug").fill(SLUG)
    page.locator("#id_starts_on").fill(FIRST_DAY.isoformat())
    page.locator("#id_ends_on").fill(LAST_DAY.isoformat())
    page.locator("#id_time_zone").select_option("Europe/Minsk")
    page.locator("#id_note").fill("هفت روز سینمای ایران در مینسک، با بخش کودک و نوجوان.")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/fa/events/film-weeks/{SLUG}/$"))
    expect(page.locator("#film-week-status")).to_have_class(re.compile(r"text-bg-warning"))


def _agree(page: Page) -> None:
    expect(page.locator("#film-week-status")).to_have_class(re.compile(r"text-bg-warning"))
    page.locator("#agree_note").fill("Министерство согласно и предоставляет кинотеатр «Центральный».")
    page.locator("form[action$='/agree/'] button[type=submit]").click()
    expect(page.locator("#film-week-status")).to_have_class(re.compile(r"text-bg-success"))


def _select(page: Page, film: Film, *, children: bool) -> None:
    """Add one film from the curation page (as a children's and youth film when `children`)."""
    row = page.locator(f"#film-{film.pk}")
    form = row.locator("form.curation-add")
    if children:
        form.locator("select[name='add-strand']").select_option(Strand.CHILDREN.value)
    form.locator("button[type=submit]").click()
    expect(page.locator(f"#film-{film.pk}")).to_have_count(0)  # in the programme: no longer a candidate


def _curate(page: Page, films: dict[str, Film]) -> list[str]:
    """Pick the six films; returns the reasons shown for the refused one."""
    page.goto(f"/fa/events/manage/{SLUG}/curation/")
    expect(page.locator("#curation-results .curation-result")).to_have_count(len(films))
    refused = page.locator(f"#film-{films[REFUSED].pk}")
    expect(refused.locator(".rights-refused")).to_be_visible()
    reasons = [text.strip() for text in refused.locator(".rights-reasons li").all_inner_texts()]
    assert reasons
    for title in CHOSEN:
        if title == REFUSED:
            refused.locator("form.curation-add button[type=submit]").click()
            # The page comes back with the refusal under the film, giving the reasons it listed.
            refusal = page.locator(f"#film-{films[REFUSED].pk} .refusal")
            expect(refusal).to_be_visible()
            for reason in reasons:
                expect(refusal).to_contain_text(reason)
            continue
        _select(page, films[title], children=title in CHILDREN)
    return reasons


def _optimise(page: Page) -> None:
    """Run the optimiser from the schedule page and wait for its job to end."""
    page.locator("#optimise-form select[name='seconds']").select_option("10")
    page.locator("#optimise-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/schedule/\?job=[0-9a-f]+$"), timeout=SOLVE_TIMEOUT_MS)
    job = page.locator("#schedule-job")
    expect(job).to_have_attribute("data-running", "0")
    expect(job.locator(".text-success")).to_be_visible()
    expect(page.locator("#schedule-summary")).to_be_visible()


def _publish(page: Page) -> None:
    page.goto(f"/fa/events/manage/{SLUG}/")
    page.locator("#publish-form button[type=submit]").click()
    expect(page.locator("#publish-form input[name='publish']")).to_have_count(0)  # now "take it off"


def _read_as_visitor(page: Page, language: str, shown: list[Film], refused: Film) -> None:
    page.goto(f"/{language}/events/{SLUG}/")
    _expect_language(page, language)
    expect(page.locator("main h1")).to_have_text(TITLES[language])
    films = page.locator("#films")
    for film in shown:
        expect(films).to_contain_text(_title(film, language))
    expect(films).not_to_contain_text(_title(refused, language))
    expect(page.locator("#schedule li.screening").first).to_be_visible()


# --- the test --------------------------------------------------------------------------------------------


def test_an_iranian_film_week_in_minsk_is_proposed_agreed_curated_scheduled_and_published(
    open_as, page, cinema_organization, ministry, curator, ministry_editor, farabi_films, results_dir
):
    # The first page of a fresh live server (translations, templates and static files read cold) may
    # take longer than a step may on a loaded machine: the visitor's browser opens one first.
    page.goto("/fa/accounts/login/", timeout=WARM_UP_TIMEOUT_MS)

    # 1. The Cinema Organization of Iran proposes the week to the Belarusian ministry.
    organiser = open_as(curator, "/fa/events/film-weeks/propose/")
    _propose(organiser, ministry)
    _snapshot(organiser, results_dir, "1-proposed-fa")
    week = FilmWeek.objects.select_related("programme").get(programme__slug=SLUG)
    assert (week.proposed_by, week.partner, week.status) == (cinema_organization, ministry, "proposed")
    assert (week.guest_country, week.programme.host_country) == ("IR", "BY")

    # 2. The ministry agrees, in Russian; it then offers a cinema (through the services).
    host = open_as(ministry_editor, f"/ru/events/film-weeks/{SLUG}/")
    _expect_language(host, "ru")
    _agree(host)
    _snapshot(host, results_dir, "2-agreed-ru")
    week.refresh_from_db()
    assert week.status == FilmWeekStatus.AGREED
    _prepare_the_venue(week.programme, ministry_editor)

    # 3. The curator picks six films; the rights refuse one, and the page says why.
    reasons = _curate(organiser, farabi_films)
    _snapshot(organiser, results_dir, "3-curated-fa")
    programme = Programme.objects.get(slug=SLUG)
    selected = {entry.film_id: entry for entry in ProgrammeFilm.objects.filter(programme=programme)}
    assert set(selected) == {farabi_films[title].pk for title in CHOSEN if title != REFUSED}
    assert {entry.film_id for entry in selected.values() if entry.strand == Strand.CHILDREN} == {
        farabi_films[title].pk for title in CHILDREN
    }
    with translation.override("fa"):  # the reasons the page gave are the curation's, in Persian
        assert (
            reasons
            == curation_check(viewer=curator, programme=programme, film=farabi_films[REFUSED]).rights_reasons
        )

    # 4. The optimiser schedules them from the schedule page, as a background job.
    organiser.goto(f"/fa/events/manage/{SLUG}/schedule/")
    _optimise(organiser)
    _snapshot(organiser, results_dir, "4-optimised-fa")
    first_run = list(Screening.objects.filter(programme=programme).order_by("starts_at", "pk"))
    assert len(first_run) >= len(selected)
    assert {s.programme_film_id for s in first_run} == {entry.pk for entry in selected.values()}
    expect(organiser.locator("#schedule-grid .screening")).to_have_count(len(first_run))

    # 5. The curator locks one screening and optimises again: it stays where it was, the rest is new.
    locked = first_run[len(first_run) // 2]
    box = organiser.locator(f"#screening-{locked.pk}")
    box.locator("form[action$='/lock/'] button[type=submit]").click()
    expect(organiser.locator(f"#screening-{locked.pk} .screening-lock")).to_have_count(1)
    _optimise(organiser)
    _snapshot(organiser, results_dir, "5-reoptimised-fa")
    second_run = list(Screening.objects.filter(programme=programme).order_by("starts_at", "pk"))
    kept = next(s for s in second_run if s.pk == locked.pk)
    assert (kept.hall_id, kept.starts_at, kept.ends_at, kept.is_locked) == (
        locked.hall_id, locked.starts_at, locked.ends_at, True,
    )  # fmt: skip
    assert {s.pk for s in second_run} & {s.pk for s in first_run} == {locked.pk}
    expect(organiser.locator(f"#screening-{locked.pk} .screening-lock")).to_have_count(1)
    assert programme_violations(programme=programme) == []

    # 6. The curator publishes the programme.
    _publish(organiser)
    programme.refresh_from_db()
    assert programme.is_published

    # 7. A visitor reads it in Russian, then in Persian (right to left), the locked screening included.
    shown = [farabi_films[title] for title in CHOSEN if title != REFUSED]
    for language in ("ru", "fa"):
        _read_as_visitor(page, language, shown, farabi_films[REFUSED])
        _snapshot(page, results_dir, f"6-public-{language}")
    start = page.locator(f"#screening-{locked.pk} time")
    expect(start).to_have_attribute("datetime", screening_local_start(kept).isoformat())
