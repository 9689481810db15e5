"""The demo's co-productions: the Iran–Belarus programme rule set edited by both film bodies, one
children's animated feature that qualifies and one that does not yet (with what Iran must add), the
partners' profiles, needs and meeting request, and a directory of studios, locations and specialists in
both countries — loaded once and only once, made through the services, private where it must be."""

import re
from decimal import Decimal
from io import BytesIO, StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from cinebridge.accounts.models import User
from cinebridge.catalogue.models import Credit
from cinebridge.coproduction.models import (
    Booking,
    Closure,
    CompanyProfile,
    Contribution,
    CoProducer,
    Creative,
    FinancingKind,
    FinancingSource,
    Invitation,
    Location,
    LocationPhoto,
    MeetingRequest,
    PartnerNeed,
    Project,
    RequestStatus,
    RuleSet,
    RuleSetRevision,
    Specialist,
    Stage,
    Studio,
)
from cinebridge.coproduction.selectors import access
from cinebridge.coproduction.selectors import projects as project_selectors
from cinebridge.coproduction.services.projects import financing_source_add
from cinebridge.core.pdf import money_text, strip_isolates
from cinebridge.notifications.models import Notification
from cinebridge.web.demo import coproduction as demo
from cinebridge.web.demo.programme import LOGINS, ORGANISATIONS

pytestmark = pytest.mark.django_db

COPRODUCTION_MODELS = (RuleSet, RuleSetRevision, Project, CoProducer, FinancingSource, Contribution, Creative,
                       PartnerNeed, CompanyProfile, MeetingRequest, Studio, Stage, Closure, Location,
                       LocationPhoto, Specialist, Booking, Invitation)  # fmt: skip
RULES = demo.RULE_SET_SLUG


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COPRODUCTION_MODELS}


@pytest.fixture
def seeded() -> None:
    _seed()


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _project(spec: demo.ProjectSpec) -> Project:
    return Project.objects.get(lead__slug=spec.lead, titles__en=spec.titles["en"])


def _report(spec: demo.ProjectSpec, viewer: str = "kanoon") -> dict[str, Any]:
    return project_selectors.project_eligibility(
        viewer=_user(viewer), project=_project(spec), rule_set=RULES, as_of=timezone.localdate()
    )


def _status(report: dict[str, Any], code_part: str) -> str:
    return next(str(rule["status"]) for rule in report["rules"] if code_part in rule["code"])


def test_seeding_twice_adds_no_coproduction_the_second_time():
    first_output = _seed()
    first = _counts()
    second_output = _seed()

    assert "1 rule sets, 2 co-production projects" in first_output
    assert "already loaded, nothing changed" in second_output
    assert _counts() == first
    assert first["Project"] == len(demo.PROJECTS)
    assert first["Studio"] == len(demo.STUDIOS)
    assert first["Location"] == len(demo.LOCATIONS)
    assert first["Specialist"] == len(demo.SPECIALISTS)
    assert first["LocationPhoto"] == sum(len(location.photos) for location in demo.LOCATIONS)
    assert (first["Booking"], first["Invitation"], first["MeetingRequest"]) == (1, 1, 1)
    assert first["CompanyProfile"] == len(demo.PROFILES)
    assert first["RuleSetRevision"] == 2


def test_the_programme_rule_set_is_made_from_the_template_and_edited_by_both_film_bodies(seeded):
    rule_set = RuleSet.objects.get(slug=RULES)
    assert set(rule_set.editors.values_list("slug", flat=True)) == set(demo.RULE_SET_EDITORS)
    assert rule_set.document["id"] == RULES
    assert rule_set.version == 2
    editors = [
        revision.edited_by.memberships.get().organisation.slug
        for revision in rule_set.revisions.order_by("version")
    ]
    assert editors == list(demo.RULE_SET_EDITORS)
    for body in demo.RULE_SET_EDITORS:
        assert access.rule_set_may_edit(viewer=_user(demo.LOGIN_OF[body]), rule_set=rule_set)
    assert not access.rule_set_may_edit(viewer=_user("belarusfilm"), rule_set=rule_set)


def test_the_white_stork_qualifies_under_the_programme_rules(seeded):
    report = _report(demo.WHITE_STORK)

    assert report["eligible"] is True
    assert report["rule_set"]["id"] == RULES
    shares = {row["country"]: row["percent"] for row in report["shares"]["by_country"]}
    assert shares == {"IR": "60.00", "BY": "40.00"}
    assert {rule["status"] for rule in report["rules"]} <= {"passed", "not_applicable"}
    project = _project(demo.WHITE_STORK)
    assert (project.kind, project.audience) == ("animation", "children")
    assert {c.organisation.slug for c in project.coproducers.all()} == {"kanoon", "belarusfilm"}


def test_tales_of_the_pushcha_fails_and_the_what_if_amount_really_makes_it_pass(seeded):
    report = _report(demo.PUSHCHA, viewer="belarusfilm")
    assert report["eligible"] is False
    assert _status(report, "minority-min") == "failed"
    answers = {answer["country"]: answer for answer in report["what_if"]["contributions"]}
    iran = answers["IR"]
    assert (Decimal(iran["add"]), iran["currency"], iran["eligible_after"]) == (
        Decimal("150000.00"),
        "EUR",
        True,
    )

    # Kanoon adds exactly that, confirmed: the programme's rules now pass.
    project = _project(demo.PUSHCHA)
    kanoon = project.coproducers.get(organisation__slug="kanoon")
    financing_source_add(
        actor=_user("kanoon"),
        coproducer=kanoon,
        kind=FinancingKind.NATIONAL_FUND,
        name="Farabi Cinema Foundation",
        amount=Decimal(iran["add"]),
        is_confirmed=True,
        letter_date=timezone.localdate(),
    )
    after = _report(demo.PUSHCHA)
    assert after["eligible"] is True
    assert {row["country"]: row["percent"] for row in after["shares"]["by_country"]} == {
        "BY": "80.00",
        "IR": "20.00",
    }


def test_only_the_coproducers_and_their_film_bodies_see_the_financing(seeded):
    stork, pushcha = _project(demo.WHITE_STORK), _project(demo.PUSHCHA)
    for username in ("kanoon", "belarusfilm", "cinema-org", "minculture"):
        assert access.project_may_view_private(viewer=_user(username), project=stork), username
    for username in ("farabi", "kinoprokat", "embassy", "school-minsk"):
        assert not access.project_may_view_private(viewer=_user(username), project=stork), username
    # The project looking for partners shows its card to every signed-in person, never its financing.
    outsider = _user("kinoprokat")
    assert access.project_may_view(viewer=outsider, project=pushcha)
    assert not access.project_may_view(viewer=outsider, project=stork)
    with pytest.raises(Exception, match="co-producers"):
        project_selectors.project_eligibility(viewer=outsider, project=pushcha, rule_set=RULES)


def test_the_partners_profiles_needs_and_meeting_request_are_there(seeded):
    profiles = {p.organisation.slug: p for p in CompanyProfile.objects.select_related("organisation")}
    assert set(profiles) == {spec.organisation for spec in demo.PROFILES}
    assert "animation_studio" in profiles["belarusfilm"].capabilities
    assert [f.slug for f in profiles["belarusfilm"].past_coproductions.all()] == ["come-and-see-1985"]
    need = PartnerNeed.objects.get(project=_project(demo.PUSHCHA))
    assert (need.country, need.contribution_min, need.contribution_max) == (
        "IR",
        Decimal(100_000),
        Decimal(250_000),
    )
    meeting = MeetingRequest.objects.get()
    assert (meeting.from_organisation.slug, meeting.to_organisation.slug, meeting.status) == (
        "belarusfilm", "farabi", RequestStatus.PENDING,
    )  # fmt: skip
    assert meeting.project == _project(demo.PUSHCHA)
    assert meeting.proposed_at is not None
    assert meeting.proposed_at > timezone.now()
    assert Notification.objects.filter(recipient__username="farabi", kind="meeting.requested").exists()
    # Belarusfilm was told it co-produces the White Stork.
    assert Notification.objects.filter(
        recipient__username="belarusfilm", kind="coproduction.coproducer_added"
    ).exists()


def test_the_directory_has_studios_locations_and_specialists_in_both_countries(seeded):
    studios = {s.slug: s for s in Studio.objects.prefetch_related("stages")}
    assert {s.country for s in studios.values()} == {"IR", "BY"}
    minsk = studios["belarusfilm-minsk"]
    assert (minsk.organisation.slug, minsk.city) == ("belarusfilm", "Minsk")
    assert "animation_studio" in minsk.capabilities
    assert len(minsk.stages.all()) == 3
    assert minsk.closures.count() == 1
    assert {loc.country for loc in Location.objects.all()} == {"IR", "BY"}
    for photo in LocationPhoto.objects.all():
        with photo.image.open("rb") as handle, Image.open(handle) as image:
            assert image.format in ("JPEG", "PNG")
            assert min(image.size) >= 100
    specialists = {s.slug: s for s in Specialist.objects.select_related("person")}
    assert {s.country for s in specialists.values()} == {"IR", "BY"}
    linked = [s for s in specialists.values() if s.person is not None]
    assert {s.slug for s in linked} == {"mahmoud-kalari", "elena-borzova"}
    for specialist in linked:  # their credits come from the catalogue
        assert Credit.objects.filter(person=specialist.person).exists()


def test_the_booking_and_the_invitation_await_their_answer(seeded):
    booking = Booking.objects.select_related("studio", "stage", "requester", "project").get()
    assert (booking.studio.slug, booking.stage.name, booking.requester.slug) == (
        "belarusfilm-minsk", "Стоп-моушен", "kanoon",
    )  # fmt: skip
    assert booking.project == _project(demo.WHITE_STORK)
    assert booking.status == RequestStatus.PENDING
    assert booking.starts_on > timezone.localdate()
    invitation = Invitation.objects.select_related("specialist", "project").get()
    assert (invitation.specialist.slug, invitation.project, invitation.status) == (
        "andrei-zhuk", _project(demo.WHITE_STORK), RequestStatus.PENDING,
    )  # fmt: skip
    assert invitation.specialist.available_from <= invitation.starts_on
    assert invitation.ends_on <= invitation.specialist.available_until
    assert Notification.objects.filter(
        recipient__username="belarusfilm", kind="coproduction.booking.requested"
    ).exists()


def test_the_projects_eligibility_pages_read_in_persian_and_russian(seeded, client):
    stork = _project(demo.WHITE_STORK)
    client.force_login(_user("kanoon"))
    persian = client.get(f"/fa/coproduction/projects/{stork.slug}/eligibility/?rules={RULES}")
    assert persian.status_code == 200
    assert 'dir="rtl"' in persian.text
    assert demo.WHITE_STORK.titles["fa"] in persian.text

    pushcha = _project(demo.PUSHCHA)
    client.force_login(_user("belarusfilm"))
    russian = client.get(f"/ru/coproduction/projects/{pushcha.slug}/eligibility/?rules={RULES}")
    assert russian.status_code == 200
    assert demo.PUSHCHA.titles["ru"] in russian.text
    page = re.sub(r"[\s\u00a0\u202f]+", " ", strip_isolates(russian.text))
    what_if = re.sub(r"[\s\u00a0\u202f]+", " ", strip_isolates(money_text(Decimal(150_000), "EUR", "ru")))
    assert what_if in page  # how much Iran must add


def test_the_demo_acts_only_as_existing_demo_logins_and_organisations():
    assert demo.logins_needed() <= {login.username for login in LOGINS}
    slugs = {spec.slug for spec in ORGANISATIONS}
    used = {spec.lead for spec in demo.PROJECTS} | {
        c.organisation for p in demo.PROJECTS for c in p.coproducers
    }
    used |= {s.organisation for s in demo.STUDIOS} | {s.organisation for s in demo.LOCATIONS}
    used |= {s.organisation for s in demo.SPECIALISTS}
    assert used <= slugs
    assert set(demo.LOGIN_OF) <= slugs


def test_the_demo_photos_are_small_real_images():
    for location in demo.LOCATIONS:
        for number, spec in enumerate(location.photos):
            data = demo.photo_bytes(spec, seed=number)
            assert data == demo.photo_bytes(spec, seed=number)  # the same picture every load
            assert len(data) < 60_000
            with Image.open(BytesIO(data)) as image:
                assert image.format == spec.image_format
