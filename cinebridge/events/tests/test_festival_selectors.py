"""Festival selectors: what each real user of each organisation may read. A submission is seen by its
applicant (and the applicant's film body), the festival and the section's jury; scores by the festival's
editors and the jury only, private notes by their author only; nobody else gets anything."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from cinebridge.accounts.models import Role
from cinebridge.accounts.tests.factories import UserFactory, member_of
from cinebridge.catalogue.models import FestivalEntry
from cinebridge.events.engine.eligibility import CallRules, FilmFacts
from cinebridge.events.models import JuryScore, SubmissionStatus
from cinebridge.events.selectors.festivals import (
    call_rules,
    edition_get,
    edition_may_manage,
    edition_sections,
    edition_submissions,
    editions_open,
    festival_list,
    festivals_with_editions,
    film_facts,
    films_submittable,
    jury_aggregates,
    jury_may_see_scores,
    jury_scores,
    jury_seats,
    jury_sheet,
    submission_check,
    submission_get,
    submission_sides,
    submissions_of_viewer,
)

from .factories import (
    CallFactory,
    EditionFactory,
    JuryMemberFactory,
    SectionFactory,
    SubmissionFactory,
    festival_film,
    festival_organisation,
    festival_scene,
    film_body,
    observer,
    rights_holder,
)

pytestmark = pytest.mark.django_db

S = SubmissionStatus
TODAY = timezone.localdate()


@pytest.fixture
def scene():
    return festival_scene()


@pytest.fixture
def entry(scene):
    return SubmissionFactory.create(
        call=scene.call, film=scene.film, applicant=scene.rights_holder, status=S.IN_REVIEW
    )


@pytest.fixture
def jury(scene, entry):
    """Two jurors of the section who scored the entry, each with a private note."""
    first = JuryMemberFactory.create(section=scene.section, is_president=True)
    second = JuryMemberFactory.create(section=scene.section)
    JuryScore.objects.create(member=first, submission=entry, score=9, private_note="first's secret")
    JuryScore.objects.create(member=second, submission=entry, score=6, private_note="second's secret")
    return first, second


def outsiders(scene):
    """Real users of organisations with nothing to do with the entry."""
    other_festival = festival_organisation(name="Fajr")
    return {
        "another rights holder": member_of(rights_holder(name="Other Films")),
        "another festival's editor": member_of(other_festival, Role.EDITOR),
        "another festival's admin": member_of(other_festival, Role.ADMIN),
        "an observer": member_of(observer(name="Embassy")),
        "a foreign film body": member_of(film_body(country="BY")),
        "a juror of another section": JuryMemberFactory.create(
            section=SectionFactory.create(edition=scene.edition)
        ).user,
        "a person of no organisation": UserFactory.create(),
    }


# --- one submission ------------------------------------------------------------------------------


def test_the_applicant_its_film_body_the_festival_and_the_jury_see_the_entry(scene, entry):
    juror = JuryMemberFactory.create(section=scene.section).user
    readers = {
        "applicant editor": (scene.applicant_editor, {"applicant"}),
        "applicant viewer": (member_of(scene.rights_holder, Role.VIEWER), {"applicant"}),
        "the applicant country's film body": (member_of(film_body(country="IR"), Role.VIEWER), {"applicant"}),
        "festival editor": (scene.festival_editor, {"festival", "festival_editor"}),
        "festival viewer": (member_of(scene.festival.organisation, Role.VIEWER), {"festival"}),
        "juror": (juror, {"jury"}),
    }
    for who, (user, sides) in readers.items():
        assert submission_get(viewer=user, pk=entry.pk) == entry, who
        assert submission_sides(viewer=user, submission=entry) == sides, who


def test_nobody_else_gets_the_entry(scene, entry):
    for who, user in {**outsiders(scene), "anonymous": AnonymousUser()}.items():
        with pytest.raises(PermissionDenied):
            submission_get(viewer=user, pk=entry.pk)
        assert submission_sides(viewer=user, submission=entry) == frozenset(), who


def test_an_entry_that_does_not_exist_is_not_found(scene):
    with pytest.raises(Http404):
        submission_get(viewer=scene.festival_editor, pk=999_999)


def test_the_jury_sees_only_the_entries_it_judges(scene):
    juror = JuryMemberFactory.create(section=scene.section).user
    for status in (S.SUBMITTED, S.NOT_SELECTED, S.WITHDRAWN):
        pending = SubmissionFactory.create(call=scene.call, status=status)
        with pytest.raises(PermissionDenied):
            submission_get(viewer=juror, pk=pending.pk)


def test_each_applicant_lists_only_its_own_entries(scene, entry):
    other_holder = rights_holder()
    theirs = SubmissionFactory.create(call=scene.call, film=festival_film(owner=other_holder))
    assert list(submissions_of_viewer(viewer=scene.applicant_editor)) == [entry]
    assert list(submissions_of_viewer(viewer=member_of(other_holder, Role.VIEWER))) == [theirs]
    # A film body oversees its country's organisations, both of them Iranian here.
    assert set(submissions_of_viewer(viewer=member_of(film_body(country="IR")))) == {entry, theirs}
    for who, user in outsiders(scene).items():
        assert list(submissions_of_viewer(viewer=user)) == [], who


def test_the_festivals_members_list_the_editions_entries_and_nobody_else_does(scene, entry):
    other_section = SectionFactory.create(edition=scene.edition, position=1)
    elsewhere = SubmissionFactory.create(call=CallFactory.create(section=other_section), status=S.SUBMITTED)
    viewer = member_of(scene.festival.organisation, Role.VIEWER)
    assert list(edition_submissions(viewer=viewer, edition=scene.edition)) == [entry, elsewhere]
    assert list(edition_submissions(viewer=viewer, edition=scene.edition, section=other_section)) == [
        elsewhere
    ]
    assert list(edition_submissions(viewer=viewer, edition=scene.edition, status=S.IN_REVIEW)) == [entry]
    for who, user in {**outsiders(scene), "applicant": scene.applicant_editor}.items():
        with pytest.raises(PermissionDenied):
            edition_submissions(viewer=user, edition=scene.edition)
        assert not edition_may_manage(viewer=user, edition=scene.edition), who
    assert edition_may_manage(viewer=scene.festival_editor, edition=scene.edition)
    assert not edition_may_manage(viewer=viewer, edition=scene.edition)


# --- scores --------------------------------------------------------------------------------------


def test_festival_editors_see_every_score_but_no_private_note(scene, entry, jury):
    rows = jury_scores(viewer=scene.festival_editor, submission=entry)
    assert [(r.member, r.score, r.private_note) for r in rows] == [(jury[0], 9, ""), (jury[1], 6, "")]
    ((listed, result),) = jury_aggregates(viewer=scene.festival_editor, section=scene.section)
    assert (listed, str(result.mean)) == (entry, "7.50")


def test_a_juror_reads_their_own_private_note_and_not_the_others(scene, entry, jury):
    first, second = jury
    rows = {r.member: r.private_note for r in jury_scores(viewer=first.user, submission=entry)}
    assert rows == {first: "first's secret", second: ""}
    rows = {r.member: r.private_note for r in jury_scores(viewer=second.user, submission=entry)}
    assert rows == {first: "", second: "second's secret"}
    assert jury_sheet(user=second.user, section=scene.section) == [
        (entry, JuryScore.objects.get(member=second))
    ]


def test_applicants_festival_viewers_and_outsiders_never_see_scores(scene, entry, jury):
    denied = {
        **outsiders(scene),
        "applicant editor": scene.applicant_editor,
        "applicant's film body": member_of(film_body(country="IR")),
        "festival viewer": member_of(scene.festival.organisation, Role.VIEWER),
        "anonymous": AnonymousUser(),
    }
    for who, user in denied.items():
        assert not jury_may_see_scores(viewer=user, section=scene.section), who
        with pytest.raises(PermissionDenied):
            jury_scores(viewer=user, submission=entry)
        with pytest.raises(PermissionDenied):
            jury_aggregates(viewer=user, section=scene.section)


def test_only_a_juror_has_a_sheet_and_it_holds_only_their_own_scores(scene, entry, jury):
    newcomer = JuryMemberFactory.create(section=scene.section)
    assert jury_sheet(user=newcomer.user, section=scene.section) == [(entry, None)]
    for user in (scene.festival_editor, scene.applicant_editor, UserFactory.create()):
        with pytest.raises(PermissionDenied):
            jury_sheet(user=user, section=scene.section)


def test_a_conflicted_juror_does_not_see_how_others_scored_the_entry(scene, entry, jury):
    insider = JuryMemberFactory.create(
        section=scene.section, user=member_of(scene.rights_holder, Role.VIEWER)
    )
    other = SubmissionFactory.create(call=scene.call, status=S.SELECTED)
    with pytest.raises(PermissionDenied):
        jury_scores(viewer=insider.user, submission=entry)
    assert [s for s, _aggregate in jury_aggregates(viewer=insider.user, section=scene.section)] == [other]
    assert jury_scores(viewer=insider.user, submission=other)


def test_jury_seats_list_the_persons_own_seats(scene):
    seat = JuryMemberFactory.create(section=scene.section)
    JuryMemberFactory.create(section=scene.section)
    assert jury_seats(user=seat.user) == [seat]
    assert jury_seats(user=scene.festival_editor) == []


# --- festivals, editions, eligibility ------------------------------------------------------------


def test_editions_open_are_those_with_a_call_open_today(scene):
    closed = EditionFactory.create()
    CallFactory.create(
        section=SectionFactory.create(edition=closed),
        opens_on=TODAY - timedelta(days=20),
        deadline=TODAY - timedelta(days=1),
    )
    EditionFactory.create()  # no call at all
    assert list(editions_open(today=TODAY)) == [scene.edition]
    assert list(editions_open(today=TODAY - timedelta(days=5))) == [scene.edition, closed]


def test_an_edition_is_found_by_its_programmes_address(scene):
    assert edition_get(slug=scene.edition.programme.slug) == scene.edition
    with pytest.raises(Http404):
        edition_get(slug="no-such-edition")
    assert list(festival_list()) == [scene.festival]


def test_festivals_come_with_their_editions_newest_first(scene, django_assert_num_queries):
    later = EditionFactory.create(festival=scene.festival, year=scene.edition.year + 1)
    EditionFactory.create()  # another festival's

    festivals = list(festivals_with_editions(festival_list().filter(pk=scene.festival.pk)))

    with django_assert_num_queries(0):
        editions = list(festivals[0].editions.all())
        slugs = [edition.programme.slug for edition in editions]
    assert editions == [later, scene.edition]
    assert slugs == [later.programme.slug, scene.edition.programme.slug]


def test_sections_come_with_their_jury_when_asked(scene, django_assert_num_queries):
    member = JuryMemberFactory.create(section=scene.section)

    sections = list(edition_sections(edition=scene.edition, with_jury=True))

    with django_assert_num_queries(0):
        seats = [(m.pk, m.user.pk) for section in sections for m in section.jury.all()]
    assert (member.pk, member.user_id) in seats


def test_the_engine_reads_the_film_and_the_call_as_they_are_recorded(scene):
    film = festival_film(owner=scene.rights_holder, countries=("IR", "BY"), runtime_minutes=75, year=2025)
    FestivalEntry.objects.create(film=film, festival_name="Fajr", edition_year=2025)
    FestivalEntry.objects.create(film=film, festival_name="Berlinale", edition_year=2025)
    assert film_facts(film) == FilmFacts(
        kind="feature",
        audience="general",
        year=2025,
        runtime=75,
        countries=("IR", "BY"),
        festival_years=(2025,),
    )
    scene.call.kinds, scene.call.countries, scene.call.max_runtime = ["feature"], ["by"], 70
    scene.call.save()
    assert call_rules(scene.call) == CallRules(
        kinds=frozenset({"feature"}),
        min_runtime=None,
        max_runtime=70,
        min_year=None,
        premiere="none",
        countries=frozenset({"BY"}),
        audiences=frozenset(),
        opens_on=scene.call.opens_on,
        deadline=scene.call.deadline,
    )
    problems = submission_check(call=scene.call, film=film, premiere="world", today=TODAY)
    assert [p.rule for p in problems] == ["runtime_long", "premiere_history"]


def test_each_editor_may_enter_the_films_of_their_organisation_or_country(scene):
    iranian = scene.film
    other_iranian = festival_film(owner=rights_holder(country="IR"))
    belarusian = festival_film(owner=rights_holder(country="BY"), countries=("BY",))
    assert list(films_submittable(viewer=scene.applicant_editor)) == [iranian]
    assert set(films_submittable(viewer=member_of(film_body(country="IR")))) == {iranian, other_iranian}
    assert list(films_submittable(viewer=member_of(film_body(country="BY")))) == [belarusian]
    for user in (
        member_of(scene.rights_holder, Role.VIEWER),
        scene.festival_editor,
        member_of(observer()),
        AnonymousUser(),
    ):
        assert list(films_submittable(viewer=user)) == []
