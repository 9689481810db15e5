"""Matchmaking reads: suggestions both ways from the database (with exchange rates), who sees them, a
sentence for every reason in every UI language, and meetings seen only by the two parties."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone, translation

from cinebridge.coproduction.engine import matchmaking as engine
from cinebridge.coproduction.selectors import matchmaking as selectors
from cinebridge.coproduction.tests.factories import CoProducerFactory, ProjectFactory
from cinebridge.coproduction.tests.matchmaking.helpers import (
    MatchmakingScene,
    matchmaking_scene,
    meeting,
    need,
    profile,
)
from cinebridge.core.models import ExchangeRate

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene() -> MatchmakingScene:
    return matchmaking_scene()


def test_partners_for_a_project_are_ranked_with_their_reasons(scene: MatchmakingScene) -> None:
    found = selectors.partner_suggestions_for_project(viewer=scene.lead_editor, project=scene.project)
    assert [s.organisation for s in found] == [scene.studio, scene.sound]
    studio = found[0]
    assert [r.code for r in studio.reasons] == [
        engine.COUNTRY_WANTED,
        engine.CAPABILITIES,
        engine.CONTRIBUTION_OVERLAP,
        engine.AUDIENCE,
        engine.LANGUAGES,
    ]
    assert studio.score == 30 + 10 + 15 + 10 + 5 == sum(r.weight for r in studio.reasons)
    assert studio.need == scene.project.needs.get()
    texts = [r.text for r in studio.reasons]
    assert texts[0] == "The project looks for a partner in Belarus, where the company is based."
    assert texts[1] == "The company offers Animation studio, which the project needs."
    assert "250,000.00\u00a0EUR" in texts[2]
    assert "400,000.00\u00a0EUR" in texts[2]
    # the lead's own country (Tehran Post) and the closed profile are never suggested
    assert scene.iranian not in [s.organisation for s in found]
    assert scene.closed not in [s.organisation for s in found]


def test_a_company_already_coproducing_is_not_suggested(scene: MatchmakingScene) -> None:
    CoProducerFactory.create(project=scene.project, organisation=scene.studio)
    found = selectors.partner_suggestions_for_project(viewer=scene.lead_editor, project=scene.project)
    assert [s.organisation for s in found] == [scene.sound]


def test_a_need_for_the_leads_country_lets_its_companies_in(scene: MatchmakingScene) -> None:
    need(scene.project, country="IR", capabilities=["animation_studio"])
    found = selectors.partner_suggestions_for_project(viewer=scene.lead_editor, project=scene.project)
    assert scene.iranian in [s.organisation for s in found]


def test_ranges_in_other_currencies_use_the_latest_rate_or_say_they_cannot_be_compared(
    scene: MatchmakingScene,
) -> None:
    studio_profile = scene.studio.coproduction_profile
    studio_profile.currency = "BYN"
    studio_profile.contribution_min, studio_profile.contribution_max = Decimal("700000"), Decimal("900000")
    studio_profile.save()
    found = selectors.partner_suggestions_for_project(viewer=scene.lead_editor, project=scene.project)
    reasons = {r.code: r for r in found[0].reasons}
    assert engine.CONTRIBUTION_NOT_COMPARABLE in reasons
    assert reasons[engine.CONTRIBUTION_NOT_COMPARABLE].text == (
        "The contribution ranges could not be compared: no exchange rate between BYN and EUR is recorded."
    )
    today = timezone.localdate()
    ExchangeRate.objects.create(base="EUR", quote="BYN", on=today - timedelta(days=30), rate=Decimal("10"))
    ExchangeRate.objects.create(base="EUR", quote="BYN", on=today - timedelta(days=1), rate=Decimal("3.5"))
    ExchangeRate.objects.create(base="EUR", quote="BYN", on=today + timedelta(days=5), rate=Decimal("100"))
    found = selectors.partner_suggestions_for_project(viewer=scene.lead_editor, project=scene.project)
    reasons = {r.code: r for r in found[0].reasons}
    # 700,000 BYN at 3.5 BYN a euro = 200,000 EUR: inside the 200,000–400,000 EUR wanted
    assert engine.CONTRIBUTION_OVERLAP in reasons
    assert "200,000.00\u00a0EUR" in reasons[engine.CONTRIBUTION_OVERLAP].text
    assert "Converted from BYN" in reasons[engine.CONTRIBUTION_OVERLAP].text


def test_projects_for_a_company_are_only_those_looking_for_partners(scene: MatchmakingScene) -> None:
    quiet = ProjectFactory.create(lead=scene.lead, seeking_partners=False)
    need(quiet, country="BY", capabilities=["animation_studio"])
    found = selectors.project_suggestions_for_organisation(
        viewer=scene.studio_editor, organisation=scene.studio
    )
    assert [s.project for s in found] == [scene.project]
    assert found[0].score == 70
    # a project the company co-produces is not suggested to it
    CoProducerFactory.create(project=scene.project, organisation=scene.studio)
    assert (
        selectors.project_suggestions_for_organisation(viewer=scene.studio_editor, organisation=scene.studio)
        == []
    )


def test_suggestions_are_for_the_parties_only(scene: MatchmakingScene) -> None:
    for outsider in (scene.studio_editor, scene.sound_editor):
        with pytest.raises(PermissionDenied):
            selectors.partner_suggestions_for_project(viewer=outsider, project=scene.project)
    # the film body of a co-producer's country sees them, as it sees the project's private side
    assert selectors.partner_suggestions_for_project(viewer=scene.ir_film_body_member, project=scene.project)
    for outsider in (scene.lead_editor, scene.by_film_body_member):
        with pytest.raises(PermissionDenied):
            selectors.project_suggestions_for_organisation(viewer=outsider, organisation=scene.studio)


SAMPLE_REASONS = [
    engine.Reason(engine.COUNTRY_WANTED, 30, {"country": "BY"}),
    engine.Reason(engine.CAPABILITIES, 20, {"capabilities": ("animation_studio", "sound")}),
    engine.Reason(
        engine.CONTRIBUTION_OVERLAP,
        15,
        {
            "currency": "EUR",
            "wanted_min": "1000",
            "wanted_max": None,
            "offered_min": None,
            "offered_max": "2000.5",
            "offered_currency": "USD",
            "converted": True,
        },
    ),
    engine.Reason(
        engine.CONTRIBUTION_NOT_COMPARABLE, 0, {"wanted_currency": "EUR", "offered_currency": "BYN"}
    ),
    engine.Reason(engine.AUDIENCE, 10, {"audience": "children"}),
    engine.Reason(engine.LANGUAGES, 10, {"languages": ("fa", "ru")}),
    engine.Reason(engine.KIND_EXPERIENCE, 5, {"kind": "animation", "count": 3}),
    engine.Reason(engine.PAST_COPRODUCTIONS, 2, {"count": 1}),
]


def test_every_reason_code_has_a_sample() -> None:
    assert {r.code for r in SAMPLE_REASONS} == set(engine.REASON_CODES) == set(engine.WEIGHTS)


@pytest.mark.parametrize("language", ["en", "fa", "ru", "ar", "be"])
def test_every_reason_is_said_in_a_sentence_in_every_language(language: str) -> None:
    with translation.override(language):
        for reason in SAMPLE_REASONS:
            text = selectors.reason_sentence(reason)
            assert text, reason.code
            assert "%(" not in text, (reason.code, text)


def test_reason_sentences_carry_their_numbers() -> None:
    texts = {r.code: selectors.reason_sentence(r) for r in SAMPLE_REASONS}
    assert texts[engine.CAPABILITIES] == (
        "The company offers Animation studio and Sound and music, all of which the project needs."
    )
    assert texts[engine.CONTRIBUTION_OVERLAP].replace("\u2066", "").replace("\u2069", "") == (
        "The company usually contributes up to 2,000.50\u00a0EUR and the project hopes for at least "
        "1,000.00\u00a0EUR: the two ranges meet. (Converted from USD at the latest recorded exchange rate.)"
    )
    assert texts[engine.LANGUAGES] == "The company works in Persian and Russian, languages of the project."
    assert texts[engine.KIND_EXPERIENCE] == "The company has co-produced 3 films of this kind (Animation)."
    assert texts[engine.PAST_COPRODUCTIONS] == "The company has 1 past co-production."
    with translation.override("fa"):
        assert "۳" in selectors.reason_sentence(SAMPLE_REASONS[6])
    with pytest.raises(ValueError):
        selectors.reason_sentence(engine.Reason("unknown", 1, {}))


def test_meetings_are_seen_by_the_two_parties_only(scene: MatchmakingScene) -> None:
    asked = meeting(from_organisation=scene.lead, to_organisation=scene.studio, by=scene.lead_editor)
    assert selectors.meetings_of_viewer(viewer=scene.lead_viewer).outgoing == [asked]
    assert selectors.meetings_of_viewer(viewer=scene.studio_viewer).incoming == [asked]
    assert selectors.meeting_get_for_viewer(viewer=scene.studio_viewer, pk=asked.pk) == asked
    for outsider in (scene.sound_editor, scene.ir_film_body_member, scene.by_film_body_member):
        lists = selectors.meetings_of_viewer(viewer=outsider)
        assert lists.incoming == []
        assert lists.outgoing == []
        with pytest.raises(Http404):
            selectors.meeting_get_for_viewer(viewer=outsider, pk=asked.pk)


def test_a_company_without_a_profile_is_matched_by_its_country(scene: MatchmakingScene) -> None:
    from cinebridge.coproduction.tests.factories import producer

    bare = producer(country="BY")
    from cinebridge.accounts.tests.factories import member_of

    found = selectors.project_suggestions_for_organisation(viewer=member_of(bare), organisation=bare)
    assert [(s.project, s.score) for s in found] == [(scene.project, 30)]
    profile(bare, is_open=False)
    assert selectors.project_suggestions_for_organisation(viewer=member_of(bare), organisation=bare) == []
