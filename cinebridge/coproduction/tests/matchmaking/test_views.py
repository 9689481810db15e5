"""Matchmaking pages as real users of several organisations: the partners hub, profiles, a project's
partners and needs, meetings asked for and answered — and who is refused where. No page shows a
project's budget or financing, and meeting messages stay with the two parties."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cinebridge.accounts.models import User
from cinebridge.coproduction.models import CompanyProfile, MeetingRequest, PartnerNeed, RequestStatus
from cinebridge.coproduction.tests.factories import FinancingSourceFactory
from cinebridge.coproduction.tests.matchmaking.helpers import MatchmakingScene, matchmaking_scene, meeting

pytestmark = pytest.mark.django_db


def url(name: str, *args: Any, language: str = "en", query: str = "") -> str:
    with translation.override(language):
        return reverse(f"coproduction:{name}", args=args or None) + (f"?{query}" if query else "")


def as_user(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


@pytest.fixture
def scene() -> MatchmakingScene:
    scene = matchmaking_scene()
    lead_coproducer = scene.project.coproducers.get()
    FinancingSourceFactory.create(coproducer=lead_coproducer, name="Secret Fund", amount=Decimal("123456.78"))
    return scene


def assert_no_money_of_the_project(html: str) -> None:
    assert "Secret Fund" not in html
    assert "123,456.78" not in html
    assert "123456.78" not in html
    assert "1,000,000" not in html
    assert "1000000" not in html


def test_the_hub_shows_suggestions_both_ways_with_reasons(client: Client, scene: MatchmakingScene) -> None:
    html = as_user(client, scene.lead_editor).get(url("partners")).content.decode()
    assert 'data-project="little-crane"' in html
    assert 'data-suggestion="belanim"' in html
    assert "The project looks for a partner in Belarus, where the company is based." in html
    assert 'data-suggestion="tehran-post"' not in html
    assert 'data-suggestion="closed-by"' not in html
    assert_no_money_of_the_project(html)
    client.logout()
    html = as_user(client, scene.studio_editor).get(url("partners")).content.decode()
    assert 'data-company="belanim"' in html
    assert 'data-suggestion="little-crane"' in html
    assert "The company offers Animation studio, which the project needs." in html
    assert_no_money_of_the_project(html)


def test_the_hub_renders_in_persian_right_to_left(client: Client, scene: MatchmakingScene) -> None:
    response = as_user(client, scene.lead_editor).get(url("partners", language="fa"))
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


def test_the_hub_needs_a_signed_in_person(client: Client, scene: MatchmakingScene) -> None:
    assert client.get(url("partners")).status_code == 302


def test_a_project_s_partners_page_is_for_its_parties(client: Client, scene: MatchmakingScene) -> None:
    page = url("project_partners", scene.project.slug)
    response = as_user(client, scene.lead_editor).get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="need-add"' in html
    assert 'data-suggestion="belanim"' in html
    assert_no_money_of_the_project(html)
    client.logout()
    viewer_html = as_user(client, scene.lead_viewer).get(page).content.decode()
    assert 'id="need-add"' not in viewer_html
    client.logout()
    assert as_user(client, scene.studio_editor).get(page).status_code == 403


def test_needs_are_added_edited_and_removed_by_editors(client: Client, scene: MatchmakingScene) -> None:
    as_user(client, scene.lead_editor)
    response = client.post(
        url("need_add", scene.project.slug),
        {"country": "RU", "capabilities": ["sound"], "contribution_min": "10 000", "note": "Mixing"},
    )
    assert response.status_code == 302
    added = PartnerNeed.objects.get(country="RU")
    assert added.contribution_min == Decimal("10000")
    response = client.post(url("need_edit", added.pk), {"country": "", "capabilities": ["vfx"]})
    assert response.status_code == 302
    added.refresh_from_db()
    assert (added.country, added.capabilities) == ("", ["vfx"])
    assert client.post(url("need_delete", added.pk)).status_code == 302
    assert not PartnerNeed.objects.filter(pk=added.pk).exists()


def test_bad_need_input_is_shown_on_its_field(client: Client, scene: MatchmakingScene) -> None:
    response = as_user(client, scene.lead_editor).post(
        url("need_add", scene.project.slug),
        {"country": "BY", "contribution_min": "500", "contribution_max": "100"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_contribution_max_error"' in html
    assert "The upper end of the range is below its lower end." in html
    assert scene.project.needs.count() == 1


def test_others_may_not_change_needs(client: Client, scene: MatchmakingScene) -> None:
    existing = scene.project.needs.get()
    for user in (scene.studio_editor, scene.lead_viewer):
        as_user(client, user)
        assert client.get(url("need_add", scene.project.slug)).status_code in (403, 404)
        assert client.post(url("need_edit", existing.pk), {"country": "RU"}).status_code == 403
        assert client.post(url("need_delete", existing.pk)).status_code == 403
        client.logout()
    existing.refresh_from_db()
    assert existing.country == "BY"


def test_profile_view_and_edit(client: Client, scene: MatchmakingScene) -> None:
    as_user(client, scene.sound_editor)
    html = client.get(url("profile_detail", "belanim")).content.decode()
    assert "Animation studio" in html
    assert 'id="profile-edit"' not in html
    assert 'id="ask-meeting"' in html
    assert client.get(url("profile_edit", "belanim")).status_code == 403
    assert client.get(url("profile_edit", "rusound")).status_code == 200
    response = client.post(
        url("profile_edit", "rusound"),
        {
            "capabilities": ["sound", "dubbing"],
            "audiences": ["youth"],
            "languages": ["ru"],
            "contribution_min": "5000",
            "currency": "EUR",
            "description_en": "Foley, mixing and dubbing.",
            "is_open": "on",
        },
    )
    assert response.status_code == 302
    profile = CompanyProfile.objects.get(organisation=scene.sound)
    assert profile.capabilities == ["dubbing", "sound"]
    assert profile.descriptions == {"en": "Foley, mixing and dubbing."}
    html = client.get(url("profile_detail", "rusound")).content.decode()
    assert "Foley, mixing and dubbing." in html


def test_bad_profile_input_is_shown(client: Client, scene: MatchmakingScene) -> None:
    response = as_user(client, scene.sound_editor).post(
        url("profile_edit", "rusound"), {"contribution_min": "5000", "currency": ""}
    )
    assert response.status_code == 400
    assert "Give the currency of the usual contribution." in response.content.decode()


def test_a_meeting_is_asked_for_and_answered_through_the_pages(
    client: Client, scene: MatchmakingScene
) -> None:
    as_user(client, scene.lead_editor)
    form = client.get(url("meeting_request", query="to=belanim&project=little-crane"))
    assert form.status_code == 200
    response = client.post(
        url("meeting_request"),
        {
            "from_organisation": scene.lead.pk,
            "to_organisation": scene.studio.pk,
            "project": scene.project.pk,
            "message": "A private word about the crane",
        },
    )
    assert response.status_code == 302
    asked = MeetingRequest.objects.get()
    client.logout()
    as_user(client, scene.studio_editor)
    html = client.get(url("meeting_list")).content.decode()
    assert "A private word about the crane" in html
    assert 'value="accept"' in html
    response = client.post(url("meeting_answer", asked.pk), {"decision": "accept", "reply": "Yes, Tuesday"})
    assert response.status_code == 302
    asked.refresh_from_db()
    assert (asked.status, asked.reply) == (RequestStatus.ACCEPTED, "Yes, Tuesday")


def test_meeting_messages_stay_with_the_two_parties(client: Client, scene: MatchmakingScene) -> None:
    asked = meeting(
        from_organisation=scene.lead,
        to_organisation=scene.studio,
        by=scene.lead_editor,
        message="Confidential terms",
    )
    for outsider in (scene.sound_editor, scene.ir_film_body_member, scene.by_film_body_member):
        as_user(client, outsider)
        assert "Confidential terms" not in client.get(url("meeting_list")).content.decode()
        assert client.post(url("meeting_answer", asked.pk), {"decision": "accept"}).status_code == 404
        client.logout()
    # a viewer of the organisation asked reads it but may not answer
    as_user(client, scene.studio_viewer)
    html = client.get(url("meeting_list")).content.decode()
    assert "Confidential terms" in html
    assert 'value="accept"' not in html
    client.post(url("meeting_answer", asked.pk), {"decision": "accept"})
    asked.refresh_from_db()
    assert asked.status == RequestStatus.PENDING


def test_the_one_who_asked_withdraws_but_does_not_accept(client: Client, scene: MatchmakingScene) -> None:
    asked = meeting(from_organisation=scene.lead, to_organisation=scene.studio, by=scene.lead_editor)
    as_user(client, scene.lead_editor)
    client.post(url("meeting_answer", asked.pk), {"decision": "accept"})
    asked.refresh_from_db()
    assert asked.status == RequestStatus.PENDING
    client.post(url("meeting_answer", asked.pk), {"decision": "withdraw"})
    asked.refresh_from_db()
    assert asked.status == RequestStatus.WITHDRAWN


def test_viewers_may_not_ask_for_meetings(client: Client, scene: MatchmakingScene) -> None:
    assert as_user(client, scene.lead_viewer).get(url("meeting_request")).status_code == 403
