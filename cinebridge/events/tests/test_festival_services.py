"""Festival services: editions and calls, entries checked against the call, every step of an entry's
lifecycle (permitted or refused) with the applicant told in their language, optimistic versions,
juries and their aggregate, awards in the film's festival history."""

from datetime import date, timedelta
from itertools import product

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from cinebridge.accounts.models import Role
from cinebridge.accounts.tests.factories import UserFactory, member_of
from cinebridge.catalogue.models import FestivalEntry, FilmTranslation
from cinebridge.core.errors import ApplicationError
from cinebridge.events.models import (
    Award,
    Call,
    Edition,
    JuryScore,
    PremiereStatus,
    Programme,
    ProgrammeFilm,
    ProgrammeKind,
    Strand,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
)
from cinebridge.events.selectors.festivals import jury_aggregates, jury_conflict
from cinebridge.events.services.festivals import (
    SUBMISSION_TRANSITIONS,
    StaleSubmission,
    SubmissionIneligible,
    SubmissionRefused,
    award_give,
    call_set,
    edition_create,
    edition_update,
    festival_create,
    jury_member_add,
    jury_member_remove,
    jury_score_record,
    section_create,
    submission_create,
    submission_decide,
    submission_decided_by,
)
from cinebridge.notifications.models import Notification

from .factories import (
    FestivalFactory,
    JuryMemberFactory,
    SectionFactory,
    SubmissionFactory,
    festival_film,
    festival_organisation,
    festival_scene,
    film_body,
    rights_holder,
)

pytestmark = pytest.mark.django_db

S = SubmissionStatus
TODAY = timezone.localdate()


@pytest.fixture
def scene():
    return festival_scene()


def kinds_for(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def submission_at(scene, status, **fields):
    values = {"call": scene.call, "film": scene.film, "applicant": scene.rights_holder, **fields}
    return SubmissionFactory.create(status=status, **values)


def started(scene):
    """The edition began yesterday (an entry can be marked screened)."""
    programme = scene.edition.programme
    programme.starts_on, programme.ends_on = TODAY - timedelta(days=1), TODAY + timedelta(days=8)
    programme.save()


# --- festivals, editions, sections, calls --------------------------------------------------------


def test_a_festival_editor_creates_a_festival_of_their_organisation():
    organisation = festival_organisation()
    editor = member_of(organisation, Role.EDITOR)
    festival = festival_create(
        actor=editor, organisation=organisation, slug="listapad", names={"en": "Listapad", "be": " Лістапад "}
    )
    assert (festival.slug, festival.names) == ("listapad", {"en": "Listapad", "be": "Лістапад"})


def test_a_rights_holder_cannot_create_a_festival():
    holder = rights_holder()
    with pytest.raises(PermissionDenied):
        festival_create(actor=member_of(holder), organisation=holder, slug="x", names={"en": "X"})


def test_a_festival_needs_a_name_and_a_free_address():
    organisation = festival_organisation()
    editor = member_of(organisation)
    with pytest.raises(ApplicationError) as empty:
        festival_create(actor=editor, organisation=organisation, slug="fajr", names={"en": "  "})
    assert empty.value.field == "names"
    FestivalFactory.create(slug="fajr")
    with pytest.raises(ApplicationError) as taken:
        festival_create(actor=editor, organisation=organisation, slug="fajr", names={"en": "Fajr"})
    assert taken.value.field == "slug"


def edition_args(festival, **fields):
    values = {
        "festival": festival,
        "year": 2026,
        "slug": "listapad-2026",
        "names": {"en": "Listapad 2026", "ru": "Листапад 2026"},
        "host_country": "by",
        "time_zone": "Europe/Minsk",
        "starts_on": date(2026, 11, 6),
        "ends_on": date(2026, 11, 13),
        "number": 33,
    }
    values.update(fields)
    return values


def test_an_edition_gets_its_own_festival_programme(scene):
    edition = edition_create(actor=scene.festival_editor, **edition_args(scene.festival))
    programme = Programme.objects.get(pk=edition.programme_id)
    assert programme.kind == ProgrammeKind.FESTIVAL
    assert (programme.slug, programme.host_country, programme.starts_on) == (
        "listapad-2026",
        "BY",
        date(2026, 11, 6),
    )
    assert (edition.year, edition.number) == (2026, 33)


@pytest.mark.parametrize("slug", ["festivals", "manage", "film-weeks", "propose"])
def test_an_edition_cannot_take_a_reserved_address(scene, slug):
    with pytest.raises(ApplicationError) as refused:
        edition_create(actor=scene.festival_editor, **edition_args(scene.festival, slug=slug))
    assert refused.value.field == "slug"
    assert not Programme.objects.filter(slug=slug).exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"ends_on": date(2026, 11, 1)}, "ends_on"),
        ({"year": 2025}, "year"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"host_country": "XX"}, "host_country"),
        ({"names": {}}, "names"),
    ],
)
def test_an_edition_with_wrong_data_is_refused_naming_the_field(scene, fields, field):
    before = Programme.objects.count()
    with pytest.raises(ApplicationError) as refused:
        edition_create(actor=scene.festival_editor, **edition_args(scene.festival, **fields))
    assert refused.value.field == field
    assert Programme.objects.count() == before


def test_a_festival_has_one_edition_a_year(scene):
    edition_create(actor=scene.festival_editor, **edition_args(scene.festival))
    with pytest.raises(ApplicationError) as refused:
        edition_create(actor=scene.festival_editor, **edition_args(scene.festival, slug="other"))
    assert refused.value.field == "year"


def test_an_edition_is_changed_but_keeps_its_year_and_address(scene):
    edition = edition_create(actor=scene.festival_editor, **edition_args(scene.festival))
    edition_update(
        actor=scene.festival_editor,
        edition=edition,
        names={"en": "33rd Listapad"},
        host_country="BY",
        time_zone="Europe/Minsk",
        starts_on=date(2026, 11, 7),
        ends_on=date(2026, 11, 15),
        number=33,
    )
    programme = Programme.objects.get(pk=edition.programme_id)
    assert (programme.names, programme.starts_on, programme.ends_on, programme.slug) == (
        {"en": "33rd Listapad"},
        date(2026, 11, 7),
        date(2026, 11, 15),
        "listapad-2026",
    )
    with pytest.raises(ApplicationError) as other_year:
        edition_update(
            actor=scene.festival_editor,
            edition=edition,
            names={"en": "X"},
            host_country="BY",
            time_zone="Europe/Minsk",
            starts_on=date(2027, 11, 7),
            ends_on=date(2027, 11, 15),
        )
    assert other_year.value.field == "starts_on"
    with pytest.raises(PermissionDenied):
        edition_update(
            actor=scene.applicant_editor,
            edition=edition,
            names={"en": "X"},
            host_country="BY",
            time_zone="Europe/Minsk",
            starts_on=date(2026, 11, 7),
            ends_on=date(2026, 11, 15),
        )


def test_an_edition_cannot_end_before_a_calls_deadline(scene):
    edition = edition_create(actor=scene.festival_editor, **edition_args(scene.festival))
    section = section_create(
        actor=scene.festival_editor, edition=edition, code="shorts", names={"en": "Shorts"}
    )
    call_set(
        actor=scene.festival_editor, section=section, opens_on=date(2026, 6, 1), deadline=date(2026, 11, 10)
    )
    with pytest.raises(ApplicationError) as refused:
        edition_update(
            actor=scene.festival_editor,
            edition=edition,
            names={"en": "Listapad"},
            host_country="BY",
            time_zone="Europe/Minsk",
            starts_on=date(2026, 11, 6),
            ends_on=date(2026, 11, 9),
        )
    assert refused.value.field == "ends_on"
    assert Programme.objects.get(pk=edition.programme_id).ends_on == date(2026, 11, 13)


def test_only_the_festivals_editors_create_its_editions(scene):
    other_festival_editor = member_of(festival_organisation())
    for actor in (
        other_festival_editor,
        scene.applicant_editor,
        member_of(scene.festival.organisation, Role.VIEWER),
    ):
        with pytest.raises(PermissionDenied):
            edition_create(actor=actor, **edition_args(scene.festival))
    assert not Edition.objects.filter(
        year=2026, festival=scene.festival, programme__slug="listapad-2026"
    ).exists()


def test_sections_have_unique_codes_in_an_edition(scene):
    section = section_create(
        actor=scene.festival_editor,
        edition=scene.edition,
        code="children",
        names={"en": "Children's competition"},
        strand=Strand.CHILDREN,
    )
    assert section.strand == Strand.CHILDREN
    with pytest.raises(ApplicationError) as refused:
        section_create(actor=scene.festival_editor, edition=scene.edition, code="children", names={"en": "X"})
    assert refused.value.field == "code"


def test_a_call_is_set_then_changed_in_place(scene):
    section = SectionFactory.create(edition=scene.edition)
    call = call_set(
        actor=scene.festival_editor,
        section=section,
        opens_on=TODAY,
        deadline=TODAY + timedelta(days=10),
        kinds=["short", "animation", "short"],
        max_runtime=30,
        countries=["by", "ir"],
        audiences=["children"],
        premiere=PremiereStatus.NATIONAL,
    )
    assert (call.kinds, call.countries, call.audiences) == (
        ["animation", "short"],
        ["BY", "IR"],
        ["children"],
    )
    again = call_set(
        actor=scene.festival_editor, section=section, opens_on=TODAY, deadline=TODAY, max_runtime=40
    )
    assert again.pk == call.pk
    assert (again.max_runtime, again.kinds) == (40, [])
    assert Call.objects.filter(section=section).count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kinds": ["opera"]}, "kinds"),
        ({"audiences": ["adults"]}, "audiences"),
        ({"countries": ["ZZ"]}, "countries"),
        ({"min_runtime": 60, "max_runtime": 30}, "max_runtime"),
        ({"deadline": TODAY - timedelta(days=1)}, "deadline"),
        ({"deadline": TODAY + timedelta(days=400)}, "deadline"),
        ({"premiere": "galactic"}, "premiere"),
        ({"min_year": 1700}, "min_year"),
    ],
)
def test_a_call_with_wrong_rules_is_refused_naming_the_field(scene, fields, field):
    section = SectionFactory.create(edition=scene.edition)
    values = {"opens_on": TODAY, "deadline": TODAY + timedelta(days=10), **fields}
    with pytest.raises(ApplicationError) as refused:
        call_set(actor=scene.festival_editor, section=section, **values)
    assert refused.value.field == field
    assert not Call.objects.filter(section=section).exists()


# --- entering films ------------------------------------------------------------------------------


def test_an_eligible_film_is_entered_and_both_sides_are_told(scene):
    colleague = member_of(scene.rights_holder, Role.VIEWER)
    festival_viewer = member_of(scene.festival.organisation, Role.VIEWER)
    submission = submission_create(
        actor=scene.applicant_editor,
        call=scene.call,
        film=scene.film,
        applicant=scene.rights_holder,
        premiere=PremiereStatus.INTERNATIONAL,
        note=" Director available for Q&A ",
    )
    assert (submission.status, submission.version, submission.submitted_by) == (
        S.SUBMITTED,
        1,
        scene.applicant_editor,
    )
    assert submission.note == "Director available for Q&A"
    event = SubmissionEvent.objects.get(submission=submission)
    assert (event.from_status, event.to_status, event.actor) == ("", S.SUBMITTED, scene.applicant_editor)
    # The receipt reaches every member of the applicant, the one who entered it included.
    assert kinds_for(scene.applicant_editor) == ["submission.received"]
    assert kinds_for(colleague) == ["submission.received"]
    assert kinds_for(scene.festival_editor) == ["submission.new"]
    assert kinds_for(festival_viewer) == ["submission.new"]
    new = Notification.objects.get(recipient=scene.festival_editor)
    assert "Farabi Cinema Foundation" in new.subject
    assert f"Film {scene.film.pk}" in new.subject
    assert "Director available for Q&A" in new.body


def test_an_ineligible_film_is_refused_with_every_problem_listed_and_nothing_written(scene):
    scene.call.kinds, scene.call.max_runtime, scene.call.countries = ["short"], 90, ["BY"]
    scene.call.save()
    film = festival_film(owner=scene.rights_holder, runtime_minutes=95)
    with pytest.raises(SubmissionIneligible) as refused:
        submission_create(
            actor=scene.applicant_editor,
            call=scene.call,
            film=film,
            applicant=scene.rights_holder,
            premiere=PremiereStatus.NONE,
        )
    problems = refused.value.extra["problems"]
    assert [p["rule"] for p in problems] == ["kind", "runtime_long", "country"]
    assert problems[1]["params"] == {"runtime": 95, "max_runtime": 90}
    assert problems[1]["message"] == "Runtime 95 minutes is longer than the call's limit of 90 minutes."
    assert "Runtime 95 minutes is longer than the call's limit of 90 minutes." in refused.value.message
    assert "Short" in problems[0]["message"]
    assert "Belarus" in problems[2]["message"]
    assert not Submission.objects.exists()
    assert not SubmissionEvent.objects.exists()
    assert not Notification.objects.exists()


def test_an_entry_after_the_deadline_is_refused(scene):
    scene.call.opens_on = TODAY - timedelta(days=20)
    scene.call.deadline = TODAY - timedelta(days=1)
    scene.call.save()
    with pytest.raises(SubmissionIneligible) as refused:
        submission_create(
            actor=scene.applicant_editor,
            call=scene.call,
            film=scene.film,
            applicant=scene.rights_holder,
            premiere=PremiereStatus.NONE,
        )
    assert [p["rule"] for p in refused.value.extra["problems"]] == ["deadline_passed"]


def test_a_world_premiere_cannot_be_claimed_for_a_film_with_festival_history(scene):
    FestivalEntry.objects.create(film=scene.film, festival_name="Fajr", edition_year=TODAY.year - 1)
    with pytest.raises(SubmissionIneligible) as refused:
        submission_create(
            actor=scene.applicant_editor,
            call=scene.call,
            film=scene.film,
            applicant=scene.rights_holder,
            premiere=PremiereStatus.WORLD,
        )
    assert [p["rule"] for p in refused.value.extra["problems"]] == ["premiere_history"]


def test_a_film_is_entered_once_per_call(scene):
    args = {"call": scene.call, "film": scene.film, "applicant": scene.rights_holder, "premiere": "none"}
    submission_create(actor=scene.applicant_editor, **args)
    with pytest.raises(ApplicationError) as refused:
        submission_create(actor=scene.applicant_editor, **args)
    assert refused.value.field == "film"
    assert Submission.objects.count() == 1


def test_a_rights_holder_enters_only_its_own_films(scene):
    other_film = festival_film(owner=rights_holder())
    with pytest.raises(ApplicationError) as refused:
        submission_create(
            actor=scene.applicant_editor,
            call=scene.call,
            film=other_film,
            applicant=scene.rights_holder,
            premiere="none",
        )
    assert refused.value.field == "film"


def test_a_film_body_enters_films_of_its_own_country_only(scene):
    iran = film_body(country="IR")
    belarus = film_body(country="BY")
    submission = submission_create(
        actor=member_of(iran), call=scene.call, film=scene.film, applicant=iran, premiere="none"
    )
    assert submission.applicant == iran
    with pytest.raises(ApplicationError):
        submission_create(
            actor=member_of(belarus),
            call=scene.call,
            film=festival_film(owner=scene.rights_holder),
            applicant=belarus,
            premiere="none",
        )


@pytest.mark.parametrize("role", [Role.VIEWER])
def test_only_editors_enter_films(scene, role):
    with pytest.raises(PermissionDenied):
        submission_create(
            actor=member_of(scene.rights_holder, role),
            call=scene.call,
            film=scene.film,
            applicant=scene.rights_holder,
            premiere="none",
        )
    with pytest.raises(PermissionDenied):
        submission_create(
            actor=member_of(rights_holder()),
            call=scene.call,
            film=scene.film,
            applicant=scene.rights_holder,
            premiere="none",
        )


# --- the lifecycle -------------------------------------------------------------------------------

DECIDABLE = [s for s in S.values if s not in (S.AWARDED, S.SUBMITTED)]


@pytest.mark.parametrize(("source", "target"), list(product(S.values, S.values)))
def test_every_step_of_the_lifecycle_is_permitted_or_refused_as_the_table_says(scene, source, target):
    started(scene)
    submission = submission_at(scene, source)
    actor = scene.applicant_editor if target == S.WITHDRAWN else scene.festival_editor
    permitted = target in SUBMISSION_TRANSITIONS[source] and target != S.AWARDED
    if permitted:
        submission_decide(
            actor=actor,
            submission=submission,
            to_status=target,
            expected_version=1,
            message="See you in Minsk",
        )
        submission.refresh_from_db()
        assert (submission.status, submission.version) == (target, 2)
        event = submission.events.get()
        assert (event.from_status, event.to_status, event.actor, event.message) == (
            source,
            target,
            actor,
            "See you in Minsk",
        )
        told = Notification.objects.filter(kind=f"submission.{target}")
        assert told.filter(recipient=scene.applicant_editor).exists() == (target != S.WITHDRAWN)
        assert all("See you in Minsk" in n.body for n in told)
    else:
        with pytest.raises((SubmissionRefused, ApplicationError)):
            submission_decide(actor=actor, submission=submission, to_status=target, expected_version=1)
        submission.refresh_from_db()
        assert (submission.status, submission.version) == (source, 1)
        assert not submission.events.exists()
        assert not Notification.objects.exists()


def test_the_table_matches_the_issue_lifecycle():
    assert {
        S.SUBMITTED: {S.IN_REVIEW, S.WITHDRAWN},
        S.IN_REVIEW: {S.SELECTED, S.NOT_SELECTED, S.WITHDRAWN},
        S.SELECTED: {S.SCREENED, S.AWARDED},
        S.SCREENED: {S.AWARDED},
        S.NOT_SELECTED: set(),
        S.AWARDED: set(),
        S.WITHDRAWN: set(),
    } == SUBMISSION_TRANSITIONS
    assert {s: submission_decided_by(s) for s in DECIDABLE} == {
        S.IN_REVIEW: "festival",
        S.SELECTED: "festival",
        S.NOT_SELECTED: "festival",
        S.SCREENED: "festival",
        S.WITHDRAWN: "applicant",
    }


@pytest.mark.parametrize(
    ("source", "target"),
    [(S.SUBMITTED, S.IN_REVIEW), (S.IN_REVIEW, S.SELECTED), (S.IN_REVIEW, S.NOT_SELECTED)],
)
def test_the_applicant_cannot_take_the_festivals_decisions(scene, source, target):
    submission = submission_at(scene, source)
    with pytest.raises(PermissionDenied):
        submission_decide(
            actor=scene.applicant_editor, submission=submission, to_status=target, expected_version=1
        )
    submission.refresh_from_db()
    assert submission.status == source


def test_the_festival_cannot_withdraw_an_entry_and_outsiders_cannot_decide(scene):
    submission = submission_at(scene, S.SUBMITTED)
    with pytest.raises(PermissionDenied):
        submission_decide(
            actor=scene.festival_editor, submission=submission, to_status=S.WITHDRAWN, expected_version=1
        )
    for outsider in (member_of(festival_organisation()), member_of(scene.festival.organisation, Role.VIEWER)):
        with pytest.raises(PermissionDenied):
            submission_decide(
                actor=outsider, submission=submission, to_status=S.IN_REVIEW, expected_version=1
            )
    submission.refresh_from_db()
    assert submission.status == S.SUBMITTED


def test_an_entry_is_marked_screened_only_once_the_edition_has_begun(scene):
    submission = submission_at(scene, S.SELECTED)
    with pytest.raises(SubmissionRefused):
        submission_decide(
            actor=scene.festival_editor, submission=submission, to_status=S.SCREENED, expected_version=1
        )
    started(scene)
    submission_decide(
        actor=scene.festival_editor, submission=submission, to_status=S.SCREENED, expected_version=1
    )
    assert Submission.objects.get(pk=submission.pk).status == S.SCREENED


def test_a_decision_on_a_version_already_changed_is_refused_as_stale(scene):
    submission = submission_at(scene, S.SUBMITTED)
    stale_copy = Submission.objects.get(pk=submission.pk)
    submission_decide(
        actor=scene.festival_editor, submission=submission, to_status=S.IN_REVIEW, expected_version=1
    )
    with pytest.raises(StaleSubmission) as refused:
        submission_decide(
            actor=scene.applicant_editor, submission=stale_copy, to_status=S.WITHDRAWN, expected_version=1
        )
    assert refused.value.extra == {"field": "expected_version", "version": 2}
    stale_copy.refresh_from_db()
    assert (stale_copy.status, stale_copy.version) == (S.IN_REVIEW, 2)
    assert stale_copy.events.count() == 1


def test_withdrawal_tells_the_festival_and_the_applicants_other_members(scene):
    colleague = member_of(scene.rights_holder, Role.VIEWER)
    submission = submission_at(scene, S.IN_REVIEW)
    submission_decide(
        actor=scene.applicant_editor, submission=submission, to_status=S.WITHDRAWN, expected_version=1
    )
    assert kinds_for(scene.festival_editor) == ["submission.withdrawn"]
    assert kinds_for(colleague) == ["submission.withdrawn"]
    assert kinds_for(scene.applicant_editor) == []


def test_every_applicant_member_is_told_in_their_own_language(scene):
    FilmTranslation.objects.create(film=scene.film, language_code="fa", title="بچه‌های آسمان")
    FilmTranslation.objects.create(film=scene.film, language_code="ru", title="Дети небес")
    persian = member_of(scene.rights_holder, Role.VIEWER, preferred_language="fa")
    russian = member_of(scene.rights_holder, Role.VIEWER, preferred_language="ru")
    submission = submission_at(scene, S.IN_REVIEW)
    submission_decide(
        actor=scene.festival_editor, submission=submission, to_status=S.SELECTED, expected_version=1
    )
    by_reader = {n.recipient_id: n for n in Notification.objects.filter(kind="submission.selected")}
    assert set(by_reader) == {scene.applicant_editor.pk, persian.pk, russian.pk}
    english, farsi, rus = by_reader[scene.applicant_editor.pk], by_reader[persian.pk], by_reader[russian.pk]
    assert (
        english.subject
        == f"“\u2068Film {scene.film.pk}\u2069” is selected for \u2068Edition {scene.edition.programme.slug}\u2069"
    )
    assert "بچه‌های آسمان" in farsi.subject
    assert "Дети небес" in rus.subject
    assert "Выпуск" in rus.subject  # the edition's Russian name
    # The sentence itself is in the reader's language, not English.
    assert "is selected for" not in farsi.subject
    assert "انتخاب" in farsi.subject
    assert "is selected for" not in rus.subject
    assert "Congratulations" not in farsi.body


def test_the_notification_links_to_the_entry_in_the_readers_language(scene):
    persian = member_of(scene.rights_holder, Role.VIEWER, preferred_language="fa")
    submission = submission_at(scene, S.SUBMITTED)
    submission_decide(
        actor=scene.festival_editor, submission=submission, to_status=S.IN_REVIEW, expected_version=1
    )
    with translation.override("fa"):
        expected = reverse("events:submission_detail", kwargs={"pk": submission.pk})
    assert expected.startswith("/fa/")
    assert Notification.objects.get(recipient=persian).link == expected


def test_selection_puts_the_film_in_the_programme_and_its_festival_history(scene):
    children = SectionFactory.create(
        edition=scene.edition, code="children", names={"en": "Children's competition"}, strand=Strand.CHILDREN
    )
    call = Call.objects.create(section=children, opens_on=TODAY, deadline=TODAY)
    submission = SubmissionFactory.create(
        call=call,
        film=scene.film,
        applicant=scene.rights_holder,
        status=S.IN_REVIEW,
        premiere=PremiereStatus.INTERNATIONAL,
    )
    submission_decide(
        actor=scene.festival_editor, submission=submission, to_status=S.SELECTED, expected_version=1
    )
    entry = ProgrammeFilm.objects.get(programme=scene.edition.programme, film=scene.film)
    assert (entry.section, entry.submission, entry.strand, entry.is_premiere, entry.added_by) == (
        children,
        submission,
        Strand.CHILDREN,
        True,
        scene.festival_editor,
    )
    history = FestivalEntry.objects.get(film=scene.film)
    assert (history.festival_name, history.edition_year, history.section, history.result) == (
        "Listapad",
        scene.edition.year,
        "Children's competition",
        "selected",
    )


def test_selection_adopts_a_programme_film_added_by_hand(scene):
    by_hand = ProgrammeFilm.objects.create(programme=scene.edition.programme, film=scene.film)
    submission = submission_at(scene, S.IN_REVIEW)
    submission_decide(
        actor=scene.festival_editor, submission=submission, to_status=S.SELECTED, expected_version=1
    )
    by_hand.refresh_from_db()
    assert (by_hand.submission, by_hand.section) == (submission, scene.section)
    assert ProgrammeFilm.objects.count() == 1


def test_no_other_step_touches_the_programme_or_the_history(scene):
    submission = submission_at(scene, S.IN_REVIEW)
    submission_decide(
        actor=scene.festival_editor, submission=submission, to_status=S.NOT_SELECTED, expected_version=1
    )
    assert not ProgrammeFilm.objects.exists()
    assert not FestivalEntry.objects.exists()


# --- juries --------------------------------------------------------------------------------------


def test_the_festival_seats_a_jury_and_tells_each_member(scene):
    juror = UserFactory.create(preferred_language="ru")
    member = jury_member_add(
        actor=scene.festival_editor, section=scene.section, user=juror, is_president=True
    )
    assert member.is_president
    note = Notification.objects.get(recipient=juror)
    assert note.kind == "jury.appointed"
    assert "Основной конкурс" in note.subject
    with pytest.raises(ApplicationError) as twice:
        jury_member_add(actor=scene.festival_editor, section=scene.section, user=juror)
    assert twice.value.field == "user"
    with pytest.raises(ApplicationError) as second_president:
        jury_member_add(
            actor=scene.festival_editor, section=scene.section, user=UserFactory(), is_president=True
        )
    assert second_president.value.field == "is_president"
    with pytest.raises(PermissionDenied):
        jury_member_add(actor=scene.applicant_editor, section=scene.section, user=UserFactory())


def test_a_member_leaves_the_jury_only_before_scoring(scene):
    idle = JuryMemberFactory.create(section=scene.section)
    jury_member_remove(actor=scene.festival_editor, member=idle)
    busy = JuryMemberFactory.create(section=scene.section)
    jury_score_record(actor=busy.user, submission=submission_at(scene, S.IN_REVIEW), score=6)
    with pytest.raises(ApplicationError):
        jury_member_remove(actor=scene.festival_editor, member=busy)
    with pytest.raises(PermissionDenied):
        jury_member_remove(actor=scene.applicant_editor, member=busy)


def test_a_juror_scores_changes_the_score_and_may_abstain(scene):
    member = JuryMemberFactory.create(section=scene.section)
    submission = submission_at(scene, S.IN_REVIEW)
    jury_score_record(actor=member.user, submission=submission, score=6, private_note=" slow middle ")
    row = jury_score_record(actor=member.user, submission=submission, score=None, private_note="undecided")
    assert JuryScore.objects.get() == row
    assert (row.score, row.private_note, row.conflict_declared) == (None, "undecided", False)


@pytest.mark.parametrize("score", [0, 11])
def test_a_score_outside_one_to_ten_is_refused(scene, score):
    member = JuryMemberFactory.create(section=scene.section)
    with pytest.raises(ApplicationError) as refused:
        jury_score_record(actor=member.user, submission=submission_at(scene, S.IN_REVIEW), score=score)
    assert refused.value.field == "score"
    assert not JuryScore.objects.exists()


def test_only_the_sections_jury_scores_and_only_entries_under_consideration(scene):
    submission = submission_at(scene, S.IN_REVIEW)
    other_jury = JuryMemberFactory.create(section=SectionFactory.create(edition=scene.edition))
    for outsider in (scene.festival_editor, scene.applicant_editor, other_jury.user):
        with pytest.raises(PermissionDenied):
            jury_score_record(actor=outsider, submission=submission, score=5)
    member = JuryMemberFactory.create(section=scene.section)
    for status in (S.SUBMITTED, S.NOT_SELECTED, S.WITHDRAWN, S.SCREENED, S.AWARDED):
        Submission.objects.filter(pk=submission.pk).update(status=status)
        with pytest.raises(SubmissionRefused):
            jury_score_record(actor=member.user, submission=submission, score=5)
    assert not JuryScore.objects.exists()


def test_the_aggregate_leaves_out_declared_and_found_conflicts(scene):
    submission = submission_at(scene, S.IN_REVIEW)
    plain = [JuryMemberFactory.create(section=scene.section) for _ in range(2)]
    declared = JuryMemberFactory.create(section=scene.section)
    # A juror who works for the applicant: the platform finds the conflict without being told.
    insider = JuryMemberFactory.create(
        section=scene.section, user=member_of(scene.rights_holder, Role.VIEWER)
    )
    abstaining = JuryMemberFactory.create(section=scene.section)
    jury_score_record(actor=plain[0].user, submission=submission, score=8)
    jury_score_record(actor=plain[1].user, submission=submission, score=5)
    jury_score_record(actor=declared.user, submission=submission, score=1, conflict_declared=True)
    jury_score_record(actor=insider.user, submission=submission, score=10)
    jury_score_record(actor=abstaining.user, submission=submission, score=None)
    ((entry, result),) = jury_aggregates(viewer=scene.festival_editor, section=scene.section)
    assert entry == submission
    assert (
        str(result.mean),
        result.counted,
        result.abstained,
        result.excluded_for_conflict,
        result.flagged,
    ) == (
        "6.50",
        2,
        1,
        2,
        True,
    )
    assert [jury_conflict(m, submission) for m in (*plain, declared, insider, abstaining)] == [
        False,
        False,
        True,
        True,
        False,
    ]


def test_a_juror_of_the_films_owner_or_of_the_applicant_film_body_is_in_conflict(scene):
    iran = film_body(country="IR")
    submission = submission_at(scene, S.IN_REVIEW, applicant=iran)
    owner_side = JuryMemberFactory.create(
        section=scene.section, user=member_of(scene.rights_holder, Role.VIEWER)
    )
    body_side = JuryMemberFactory.create(section=scene.section, user=member_of(iran, Role.VIEWER))
    neutral = JuryMemberFactory.create(section=scene.section, user=member_of(rights_holder(), Role.EDITOR))
    assert jury_conflict(owner_side, submission)
    assert jury_conflict(body_side, submission)
    assert not jury_conflict(neutral, submission)


def test_a_found_conflict_shows_even_before_the_conflicted_juror_scores(scene):
    submission = submission_at(scene, S.IN_REVIEW)
    scorer = JuryMemberFactory.create(section=scene.section)
    JuryMemberFactory.create(section=scene.section, user=member_of(scene.rights_holder, Role.VIEWER))
    JuryMemberFactory.create(section=scene.section)  # has not scored: neither counted nor abstaining
    jury_score_record(actor=scorer.user, submission=submission, score=7)
    ((_entry, result),) = jury_aggregates(viewer=scene.festival_editor, section=scene.section)
    assert (result.counted, result.abstained, result.excluded_for_conflict, result.flagged) == (1, 0, 1, True)


# --- awards --------------------------------------------------------------------------------------


def test_an_award_marks_the_entry_awarded_tells_the_applicant_and_lands_in_the_history(scene):
    submission = submission_at(scene, S.SELECTED)
    award = award_give(
        actor=scene.festival_editor,
        submission=submission,
        names={"ru": "Гран-при", "en": "Grand Prix"},
    )
    assert Award.objects.get() == award
    assert (award.section, award.awarded_by) == (scene.section, scene.festival_editor)
    submission.refresh_from_db()
    assert (submission.status, submission.version) == (S.AWARDED, 2)
    event = submission.events.get()
    assert (event.from_status, event.to_status) == (S.SELECTED, S.AWARDED)
    won = FestivalEntry.objects.get(result="won")
    assert (won.festival_name, won.award, won.edition_year, won.section) == (
        "Listapad",
        "Grand Prix",
        scene.edition.year,
        "Main competition",
    )
    note = Notification.objects.get(recipient=scene.applicant_editor)
    assert note.kind == "submission.awarded"
    assert "Grand Prix" in note.subject


def test_a_screened_entry_may_win_and_an_awarded_one_may_win_again(scene):
    started(scene)
    submission = submission_at(scene, S.SCREENED)
    award_give(actor=scene.festival_editor, submission=submission, names={"en": "Best director"})
    award_give(actor=scene.festival_editor, submission=submission, names={"ru": "Приз зрительских симпатий"})
    submission.refresh_from_db()
    assert (submission.status, submission.version) == (S.AWARDED, 3)
    assert sorted(FestivalEntry.objects.values_list("award", flat=True)) == [
        "Best director",
        "Приз зрительских симпатий",
    ]


@pytest.mark.parametrize("status", [S.SUBMITTED, S.IN_REVIEW, S.NOT_SELECTED, S.WITHDRAWN])
def test_only_a_selected_entry_wins(scene, status):
    submission = submission_at(scene, status)
    with pytest.raises(SubmissionRefused):
        award_give(actor=scene.festival_editor, submission=submission, names={"en": "Grand Prix"})
    assert not Award.objects.exists()
    assert not FestivalEntry.objects.exists()
    assert not Notification.objects.exists()


def test_only_the_festivals_editors_give_awards(scene):
    submission = submission_at(scene, S.SELECTED)
    juror = JuryMemberFactory.create(section=scene.section, is_president=True)
    for outsider in (scene.applicant_editor, juror.user, member_of(festival_organisation())):
        with pytest.raises(PermissionDenied):
            award_give(actor=outsider, submission=submission, names={"en": "Grand Prix"})
    with pytest.raises(ApplicationError) as nameless:
        award_give(actor=scene.festival_editor, submission=submission, names={"en": ""})
    assert nameless.value.field == "names"
    assert not Award.objects.exists()
