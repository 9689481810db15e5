"""The demo's events: the Iranian Film Week in Minsk, published with an optimised schedule that breaks no
rule, and Listapad's coming edition with Farabi's entries at every stage — loaded once and only once."""

from datetime import date
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from cinebridge.accounts.models import User
from cinebridge.catalogue.models import FestivalEntry, Film
from cinebridge.events.models import (
    Award,
    Call,
    Edition,
    Festival,
    FilmWeek,
    FilmWeekStatus,
    Guest,
    Hall,
    JuryMember,
    JuryScore,
    Programme,
    ProgrammeFilm,
    Screening,
    Section,
    Strand,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
    Venue,
)
from cinebridge.events.selectors import festivals as festival_selectors
from cinebridge.events.selectors import programmes as programme_selectors
from cinebridge.events.services.programmes import CurationRefused, programme_film_add
from cinebridge.notifications.models import Notification
from cinebridge.web.demo import events as demo_events
from cinebridge.web.demo.events import FILM_WEEK, LISTAPAD, listapad_year

pytestmark = pytest.mark.django_db

EVENT_MODELS = (Programme, FilmWeek, Venue, Hall, ProgrammeFilm, Guest, Screening, Festival, Edition, Section,
                Call, Submission, SubmissionEvent, JuryMember, JuryScore, Award)  # fmt: skip
MINSK = ZoneInfo("Europe/Minsk")


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in EVENT_MODELS}


@pytest.fixture
def seeded() -> None:
    _seed()


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _film(title: str) -> Film:
    return Film.objects.get(translations__language_code="en", translations__title=title)


def _week() -> Programme:
    return Programme.objects.get(slug=FILM_WEEK.slug)


def _listapadzik() -> Section:
    return Section.objects.get(edition__festival__slug=LISTAPAD.slug, code="listapadzik")


def test_seeding_twice_adds_no_event_the_second_time():
    first_output = _seed()
    first = _counts()
    second_output = _seed()

    assert "1 film weeks, 1 festivals" in first_output
    assert "already loaded, nothing changed" in second_output
    assert _counts() == first
    assert first["FilmWeek"] == 1
    assert first["Edition"] == 1
    assert first["Submission"] == len(LISTAPAD.entries)


def test_the_film_week_is_agreed_published_and_its_optimised_schedule_breaks_no_rule(seeded):
    programme = _week()
    week = programme.film_week
    assert (week.proposed_by.slug, week.partner.slug, week.status) == (
        FILM_WEEK.proposed_by, FILM_WEEK.partner, FilmWeekStatus.AGREED,
    )  # fmt: skip
    assert programme.is_published
    assert programme_selectors.programme_violations(programme=programme) == []
    summary = programme.schedule_summary
    assert summary["status"] in ("optimal", "feasible")
    assert summary["objective"] >= summary["greedy_objective"]
    entries = list(programme_selectors.programme_films(programme=programme))
    assert {e.film.translations.get(language_code="en").title for e in entries} == {
        f.film for f in FILM_WEEK.films
    }
    assert sum(e.strand == Strand.CHILDREN for e in entries) == 3
    screenings = programme_selectors.programme_screenings(programme=programme)
    for entry in entries:
        shown = sum(s.programme_film_id == entry.pk for s in screenings)
        assert entry.min_screenings <= shown <= entry.max_screenings, entry.film.slug
    assert {s.hall.venue_id for s in screenings} == set(programme.venues.values_list("pk", flat=True))
    assert all(s.attendance is None for s in screenings)  # the week is still to come


def test_the_opening_night_is_the_one_locked_screening_where_the_curator_put_it(seeded):
    screenings = programme_selectors.programme_screenings(programme=_week())
    locked = [s for s in screenings if s.is_locked]
    assert len(locked) == 1
    opening = locked[0]
    assert opening.programme_film.film == _film(FILM_WEEK.opening.film)
    assert (opening.hall.venue.names["en"], opening.hall.name) == (
        "Tsentralny Cinema",
        FILM_WEEK.opening.hall,
    )
    assert opening.starts_at == FILM_WEEK.opening.starts_at
    assert programme_selectors.screening_local_start(opening).hour == 19


def test_the_director_holds_his_qa_while_he_is_in_minsk(seeded):
    majidi = Guest.objects.get(programme=_week(), full_name="Majid Majidi")
    qa = list(Screening.objects.filter(qa_guest=majidi))
    assert qa
    assert {s.programme_film.film for s in qa} == {_film("Children of Heaven")}
    assert all(majidi.arrives_at <= s.starts_at and s.ends_at <= majidi.departs_at for s in qa)


def test_curation_refuses_the_color_of_paradise_and_says_why(seeded):
    curator = _user(FILM_WEEK.proposer_login)
    programme = _week()
    refused = _film(FILM_WEEK.refused)
    with translation.override("en"):
        check = programme_selectors.curation_check(viewer=curator, programme=programme, film=refused)
        with pytest.raises(CurationRefused) as error:
            programme_film_add(actor=curator, programme=programme, film=refused)
    assert not check.rights_ok
    assert "licensed to or held back by another party" in check.rights_reasons[0]
    assert error.value.extra["reasons"] == check.rights_reasons
    for entry in programme_selectors.programme_films(programme=programme):
        assert programme_selectors.curation_check(
            viewer=curator, programme=programme, film=entry.film
        ).rights_ok


def test_a_visitor_reads_the_week_in_russian_and_persian_without_the_guests_passports(seeded, client):
    russian = client.get(f"/ru/events/{FILM_WEEK.slug}/")
    persian = client.get(f"/fa/events/{FILM_WEEK.slug}/")

    assert russian.status_code == persian.status_code == 200
    assert FILM_WEEK.names["ru"] in russian.text
    assert FILM_WEEK.names["fa"] in persian.text
    assert 'dir="rtl"' in persian.text
    assert _film("Children of Heaven").translations.get(language_code="fa").title in persian.text
    for guest in FILM_WEEK.guests:
        assert guest.passport_number not in russian.text + persian.text
    outsider = _user("kinoprokat")
    shown = programme_selectors.programme_guests(viewer=outsider, programme=_week())
    assert {g.passport_number for g in shown} == {""}
    organiser = programme_selectors.programme_guests(viewer=_user(FILM_WEEK.partner_login), programme=_week())
    assert {g.passport_number for g in organiser} == {g.passport_number for g in FILM_WEEK.guests}


def test_listapads_coming_edition_takes_entries_today():
    today = timezone.localtime(timezone.now(), MINSK).date()
    _seed()
    edition = Edition.objects.get(festival__slug=LISTAPAD.slug)
    assert edition.year == listapad_year(today)
    assert edition.number == edition.year - 1993
    assert {s.code for s in edition.sections.all()} == {"main-competition", "listapadzik"}
    for call in Call.objects.filter(section__edition=edition):
        assert call.opens_on <= today <= call.deadline <= edition.programme.ends_on


def test_farabis_entries_stand_at_every_stage_and_the_award_is_in_the_films_history(seeded):
    statuses = {s.film.translations.get(language_code="en").title: s.status for s in Submission.objects.all()}
    assert statuses == {
        "Children of Heaven": SubmissionStatus.AWARDED,
        "The White Balloon": SubmissionStatus.SELECTED,
        "Where Is the Friend's House?": SubmissionStatus.NOT_SELECTED,
        "Bashu, the Little Stranger": SubmissionStatus.IN_REVIEW,
        "The Runner": SubmissionStatus.SUBMITTED,
    }
    year = Edition.objects.get(festival__slug=LISTAPAD.slug).year
    won = FestivalEntry.objects.get(film=_film("Children of Heaven"), edition_year=year, result="won")
    assert won.award == "Best film of the Listapadzik competition"
    assert won.festival_name == LISTAPAD.names["en"]
    selected = set(
        FestivalEntry.objects.filter(edition_year=year, result="selected").values_list(
            "film__slug", flat=True
        )
    )
    assert selected == {"children-of-heaven-1997", "the-white-balloon-1995"}
    # Farabi was told at every step.
    kinds = set(Notification.objects.filter(recipient__username="farabi").values_list("kind", flat=True))
    assert {"submission.received", "submission.in_review", "submission.selected", "submission.not_selected",
            "submission.awarded"} <= kinds  # fmt: skip


def test_the_jury_aggregate_leaves_out_the_declared_conflict(seeded):
    section = _listapadzik()
    aggregates = {
        s.film.translations.get(language_code="en").title: a
        for s, a in festival_selectors.jury_aggregates(viewer=_user(LISTAPAD.login), section=section)
    }
    assert aggregates["Children of Heaven"].mean == Decimal("8.67")
    bashu = aggregates["Bashu, the Little Stranger"]
    assert (bashu.mean, bashu.counted, bashu.excluded_for_conflict, bashu.flagged) == (
        Decimal("8.00"),
        1,
        1,
        True,
    )
    white_balloon = aggregates["The White Balloon"]
    assert (white_balloon.mean, white_balloon.counted, white_balloon.flagged) == (Decimal("7.67"), 3, False)
    # The entry not selected has left the jury's table; its scores stay, the abstention among them.
    assert "Where Is the Friend's House?" not in aggregates
    friend = JuryScore.objects.filter(submission__film=_film("Where Is the Friend's House?"))
    assert sorted((row.score or 0) for row in friend) == [0, 6, 7]


def test_the_main_competition_tells_farabi_why_a_classic_does_not_qualify(seeded):
    call = Call.objects.get(section__edition__festival__slug=LISTAPAD.slug, section__code="main-competition")
    problems = festival_selectors.submission_check(
        call=call, film=_film("A Separation"), premiere="national", today=call.opens_on
    )
    assert "year" in {p.rule for p in problems}


@pytest.mark.parametrize(
    ("today", "year"),
    [(date(2026, 1, 1), 2026), (date(2026, 9, 15), 2026), (date(2026, 9, 16), 2027), (date(2026, 11, 27), 2027),
     (date(2026, 12, 31), 2027)],
)  # fmt: skip
def test_the_demo_edition_is_the_one_whose_call_is_open(today, year):
    assert listapad_year(today) == year


def test_the_demo_acts_only_as_existing_demo_logins():
    from cinebridge.web.demo.programme import LOGINS

    assert demo_events.logins_needed() <= {login.username for login in LOGINS}
