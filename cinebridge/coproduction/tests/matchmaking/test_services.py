"""Matchmaking services: profiles and needs changed only by their editors, meetings asked, answered and
withdrawn by the right party, each step told to the other party in its members' languages."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from cinebridge.accounts.models import Role
from cinebridge.accounts.tests.factories import member_of
from cinebridge.catalogue.tests.factories import FilmFactory
from cinebridge.coproduction.models import CompanyProfile, MeetingRequest, PartnerNeed, RequestStatus
from cinebridge.coproduction.services import matchmaking as services
from cinebridge.coproduction.tests.factories import ProjectFactory
from cinebridge.coproduction.tests.matchmaking.helpers import MatchmakingScene, matchmaking_scene, meeting
from cinebridge.core.errors import ApplicationError
from cinebridge.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene() -> MatchmakingScene:
    return matchmaking_scene()


# --- profiles -----------------------------------------------------------------------------------------


def test_an_editor_sets_the_profile_of_the_company(scene: MatchmakingScene) -> None:
    film = FilmFactory.create(owner=scene.sound, kind="animation")
    profile = services.profile_set(
        actor=scene.sound_editor,
        organisation=scene.sound,
        capabilities=["vfx", "sound", "sound"],
        audiences=["youth"],
        languages=["RU", "en"],
        contribution_min="1 000,50",
        contribution_max="2000",
        currency="usd",
        descriptions={"en": " Foley and mixing ", "ru": ""},
        past_coproductions=[film],
        is_open=True,
    )
    profile.refresh_from_db()
    assert profile.capabilities == ["sound", "vfx"]
    assert profile.languages == ["en", "ru"]
    assert profile.contribution_min == Decimal("1000.50")
    assert profile.currency == "USD"
    assert profile.descriptions == {"en": "Foley and mixing"}
    assert list(profile.past_coproductions.all()) == [film]
    assert CompanyProfile.objects.filter(organisation=scene.sound).count() == 1


@pytest.mark.parametrize("who", ["studio_editor", "lead_viewer", "by_film_body_member", "sound_editor"])
def test_nobody_but_its_editors_sets_a_profile(scene: MatchmakingScene, who: str) -> None:
    actor = getattr(scene, who)
    if who == "sound_editor":
        actor = member_of(scene.lead, Role.VIEWER)
    with pytest.raises(PermissionDenied):
        services.profile_set(
            actor=actor, organisation=scene.lead, capabilities=[], audiences=[], languages=[]
        )
    assert not CompanyProfile.objects.filter(organisation=scene.lead).exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"capabilities": ["teleportation"]}, "capabilities"),
        ({"audiences": ["pets"]}, "audiences"),
        ({"languages": ["klingon"]}, "languages"),
        ({"contribution_min": "100"}, "currency"),
        ({"contribution_min": "100", "currency": "XYZ"}, "currency"),
        ({"contribution_min": "abc", "currency": "EUR"}, "contribution_min"),
        ({"contribution_min": "1.001", "currency": "EUR"}, "contribution_min"),
        ({"contribution_min": "200", "contribution_max": "100", "currency": "EUR"}, "contribution_max"),
    ],
)
def test_bad_profile_input_names_the_field_and_writes_nothing(
    scene: MatchmakingScene, fields: dict[str, object], field: str
) -> None:
    values: dict[str, object] = {"capabilities": [], "audiences": [], "languages": []}
    values.update(fields)
    with pytest.raises(ApplicationError) as refused:
        services.profile_set(actor=scene.lead_editor, organisation=scene.lead, **values)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert not CompanyProfile.objects.filter(organisation=scene.lead).exists()


# --- needs --------------------------------------------------------------------------------------------


def test_a_coproducers_editor_adds_updates_and_deletes_a_need(scene: MatchmakingScene) -> None:
    need = services.partner_need_add(
        actor=scene.lead_editor,
        project=scene.project,
        country="ru",
        capabilities=["sound"],
        contribution_min="۵۰۰۰۰",
        note=" Sound for the forest scenes ",
    )
    assert (need.country, need.capabilities, need.contribution_min, need.note) == (
        "RU",
        ["sound"],
        Decimal("50000"),
        "Sound for the forest scenes",
    )
    need = services.partner_need_update(actor=scene.lead_editor, need=need, country="", capabilities=["vfx"])
    need.refresh_from_db()
    assert (need.country, need.capabilities, need.contribution_min) == ("", ["vfx"], None)
    services.partner_need_delete(actor=scene.lead_editor, need=need)
    assert not PartnerNeed.objects.filter(pk=need.pk).exists()


@pytest.mark.parametrize("who", ["lead_viewer", "studio_editor", "ir_film_body_member", "sound_editor"])
def test_only_the_coproducers_editors_change_needs(scene: MatchmakingScene, who: str) -> None:
    actor = getattr(scene, who)
    existing = scene.project.needs.get()
    with pytest.raises(PermissionDenied):
        services.partner_need_add(actor=actor, project=scene.project, country="BY")
    with pytest.raises(PermissionDenied):
        services.partner_need_update(actor=actor, need=existing, country="RU")
    with pytest.raises(PermissionDenied):
        services.partner_need_delete(actor=actor, need=existing)
    existing.refresh_from_db()
    assert existing.country == "BY"
    assert scene.project.needs.count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"country": "XX"}, "country"),
        ({}, "capabilities"),
        ({"capabilities": ["nope"]}, "capabilities"),
        ({"country": "BY", "contribution_min": "10", "contribution_max": "9.99"}, "contribution_max"),
        ({"country": "BY", "contribution_max": "-5"}, "contribution_max"),
    ],
)
def test_bad_need_input_names_the_field(
    scene: MatchmakingScene, fields: dict[str, object], field: str
) -> None:
    with pytest.raises(ApplicationError) as refused:
        services.partner_need_add(actor=scene.lead_editor, project=scene.project, **fields)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert scene.project.needs.count() == 1


# --- meetings -----------------------------------------------------------------------------------------


def test_a_meeting_is_asked_for_and_the_other_party_told_in_its_language(scene: MatchmakingScene) -> None:
    when = timezone.now() + timedelta(days=10)
    asked = services.meeting_request(
        actor=scene.lead_editor,
        from_organisation=scene.lead,
        to_organisation=scene.studio,
        project=scene.project,
        message="Would you animate our crane?",
        proposed_at=when,
    )
    assert asked.status == RequestStatus.PENDING
    assert asked.requested_by == scene.lead_editor
    told = Notification.objects.filter(kind="meeting.requested")
    assert {n.recipient for n in told} == {scene.studio_editor, scene.studio_viewer}
    to_editor = told.get(recipient=scene.studio_editor)
    assert to_editor.link == "/ru/coproduction/meetings/"
    assert "Pars Film" in to_editor.subject
    assert "The Little Crane" in to_editor.body
    # nobody of the asking side, the film bodies or anyone else is told
    assert not Notification.objects.exclude(recipient__in=[scene.studio_editor, scene.studio_viewer]).exists()


def test_accepting_tells_the_party_that_asked_with_the_reply(scene: MatchmakingScene) -> None:
    asked = meeting(from_organisation=scene.lead, to_organisation=scene.studio, by=scene.lead_editor)
    accepted = services.meeting_accept(actor=scene.studio_editor, meeting=asked, reply="Gladly, Tuesday?")
    assert (accepted.status, accepted.reply, accepted.answered_by) == (
        RequestStatus.ACCEPTED,
        "Gladly, Tuesday?",
        scene.studio_editor,
    )
    told = Notification.objects.get(kind="meeting.accepted", recipient=scene.lead_editor)
    assert told.link == "/fa/coproduction/meetings/"
    assert "Gladly, Tuesday?" in told.body
    assert set(Notification.objects.values_list("recipient", flat=True)) == {
        scene.lead_editor.pk,
        scene.lead_viewer.pk,
    }


def test_declining_and_withdrawing(scene: MatchmakingScene) -> None:
    first = meeting(from_organisation=scene.lead, to_organisation=scene.studio, by=scene.lead_editor)
    services.meeting_decline(actor=scene.studio_editor, meeting=first)
    assert MeetingRequest.objects.get(pk=first.pk).status == RequestStatus.DECLINED
    assert Notification.objects.filter(kind="meeting.declined", recipient=scene.lead_editor).exists()
    second = meeting(from_organisation=scene.lead, to_organisation=scene.sound, by=scene.lead_editor)
    services.meeting_withdraw(actor=scene.lead_editor, meeting=second, reply="We found a partner.")
    assert MeetingRequest.objects.get(pk=second.pk).status == RequestStatus.WITHDRAWN
    assert Notification.objects.filter(kind="meeting.withdrawn", recipient=scene.sound_editor).exists()


def test_an_answered_request_is_not_answered_again(scene: MatchmakingScene) -> None:
    asked = meeting(from_organisation=scene.lead, to_organisation=scene.studio, by=scene.lead_editor)
    services.meeting_accept(actor=scene.studio_editor, meeting=asked)
    with pytest.raises(ApplicationError):
        services.meeting_decline(actor=scene.studio_editor, meeting=asked)
    with pytest.raises(ApplicationError):
        services.meeting_withdraw(actor=scene.lead_editor, meeting=asked)
    assert MeetingRequest.objects.get(pk=asked.pk).status == RequestStatus.ACCEPTED


@pytest.mark.parametrize("who", ["lead_editor", "studio_viewer", "sound_editor", "by_film_body_member"])
def test_only_the_editors_asked_accept_or_decline(scene: MatchmakingScene, who: str) -> None:
    asked = meeting(from_organisation=scene.lead, to_organisation=scene.studio, by=scene.lead_editor)
    with pytest.raises(PermissionDenied):
        services.meeting_accept(actor=getattr(scene, who), meeting=asked)
    with pytest.raises(PermissionDenied):
        services.meeting_decline(actor=getattr(scene, who), meeting=asked)
    assert MeetingRequest.objects.get(pk=asked.pk).status == RequestStatus.PENDING
    assert not Notification.objects.exists()


@pytest.mark.parametrize("who", ["studio_editor", "lead_viewer", "ir_film_body_member"])
def test_only_the_editors_that_asked_withdraw(scene: MatchmakingScene, who: str) -> None:
    asked = meeting(from_organisation=scene.lead, to_organisation=scene.studio, by=scene.lead_editor)
    with pytest.raises(PermissionDenied):
        services.meeting_withdraw(actor=getattr(scene, who), meeting=asked)
    assert MeetingRequest.objects.get(pk=asked.pk).status == RequestStatus.PENDING


def test_a_meeting_is_asked_only_on_behalf_of_ones_own_organisation(scene: MatchmakingScene) -> None:
    for actor in (scene.studio_editor, scene.lead_viewer, scene.ir_film_body_member):
        with pytest.raises(PermissionDenied):
            services.meeting_request(
                actor=actor, from_organisation=scene.lead, to_organisation=scene.sound, message="Hello"
            )
    assert not MeetingRequest.objects.exists()


def test_bad_meeting_requests_name_the_field(scene: MatchmakingScene) -> None:
    hidden = ProjectFactory.create(lead=scene.iranian, seeking_partners=False)
    others = ProjectFactory.create(lead=scene.iranian, seeking_partners=True)
    cases: list[tuple[dict[str, object], str]] = [
        ({"to_organisation": scene.lead}, "to_organisation"),
        ({"message": "  "}, "message"),
        ({"proposed_at": timezone.now() - timedelta(hours=1)}, "proposed_at"),
        ({"project": hidden}, "project"),  # not visible to the one asking
        ({"project": others}, "project"),  # neither party co-produces it
    ]
    for fields, field in cases:
        values: dict[str, object] = {"to_organisation": scene.studio, "message": "Hello"}
        values.update(fields)
        with pytest.raises(ApplicationError) as refused:
            services.meeting_request(actor=scene.lead_editor, from_organisation=scene.lead, **values)  # type: ignore[arg-type]
        assert refused.value.field == field, fields
    assert not MeetingRequest.objects.exists()


def test_a_second_pending_request_to_the_same_party_is_refused(scene: MatchmakingScene) -> None:
    services.meeting_request(
        actor=scene.lead_editor, from_organisation=scene.lead, to_organisation=scene.studio, message="One"
    )
    with pytest.raises(ApplicationError):
        services.meeting_request(
            actor=scene.lead_editor, from_organisation=scene.lead, to_organisation=scene.studio, message="Two"
        )
    assert MeetingRequest.objects.count() == 1
