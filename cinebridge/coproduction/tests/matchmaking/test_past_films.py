"""A company profile's past co-productions never reveal a film the catalogue keeps private: the page shows
each film only to those who may see it in the catalogue, the form offers only the organisation's own
published films, and the service refuses a film the actor may not see or the organisation does not own."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cinebridge.catalogue.models import Film
from cinebridge.catalogue.tests.factories import FilmFactory
from cinebridge.coproduction.models import CompanyProfile
from cinebridge.coproduction.selectors import matchmaking as selectors
from cinebridge.coproduction.services import matchmaking as services
from cinebridge.coproduction.tests.factories import producer
from cinebridge.coproduction.tests.matchmaking.helpers import MatchmakingScene, matchmaking_scene
from cinebridge.core.errors import ApplicationError

pytestmark = pytest.mark.django_db


def url(name: str, *args: Any) -> str:
    with translation.override("en"):
        return reverse(f"coproduction:{name}", args=args or None)


@pytest.fixture
def scene() -> MatchmakingScene:
    return matchmaking_scene()


def _films(scene: MatchmakingScene) -> tuple[Film, Film]:
    """A published and an unpublished film of the Russian sound company, both listed on its profile."""
    shown = FilmFactory.create(
        owner=scene.sound, original_title="Open Sky", year=2019, english_title="Open Sky"
    )
    hidden = FilmFactory.create(
        owner=scene.sound,
        original_title="Secret Cut",
        year=2024,
        is_published=False,
        english_title="Secret Cut",
    )
    CompanyProfile.objects.get(organisation=scene.sound).past_coproductions.set([shown, hidden])
    return shown, hidden


def _set(scene: MatchmakingScene, films: list[Film], **changes: Any) -> CompanyProfile:
    values: dict[str, Any] = {
        "actor": scene.sound_editor,
        "organisation": scene.sound,
        "capabilities": ["sound"],
        "audiences": [],
        "languages": [],
        "past_coproductions": films,
    }
    values.update(changes)
    return services.profile_set(**values)


# --- the page -----------------------------------------------------------------------------------------


def test_another_organisations_member_does_not_see_an_unpublished_film(
    client: Client, scene: MatchmakingScene
) -> None:
    _films(scene)
    client.force_login(scene.studio_editor)  # Belarus Animation: another organisation
    html = client.get(url("profile_detail", "rusound")).content.decode()
    assert "Open Sky" in html
    assert "Secret Cut" not in html
    assert "2024" not in html


def test_the_owners_members_see_their_unpublished_film(client: Client, scene: MatchmakingScene) -> None:
    _films(scene)
    client.force_login(scene.sound_editor)
    html = client.get(url("profile_detail", "rusound")).content.decode()
    assert "Open Sky" in html
    assert "Secret Cut" in html


def test_past_films_selector_filters_by_the_catalogues_visibility(scene: MatchmakingScene) -> None:
    shown, hidden = _films(scene)
    profile = CompanyProfile.objects.get(organisation=scene.sound)
    assert selectors.profile_past_films(viewer=scene.studio_editor, profile=profile) == [shown]
    assert selectors.profile_past_films(viewer=scene.lead_viewer, profile=profile) == [shown]
    assert selectors.profile_past_films(viewer=scene.sound_editor, profile=profile) == [hidden, shown]
    assert selectors.profile_past_films(viewer=scene.studio_editor, profile=None) == []


def test_suggestions_count_only_published_films_as_experience(scene: MatchmakingScene) -> None:
    _films(scene)
    profile = selectors.profile_get(viewer=scene.studio_editor, organisation=scene.sound)
    assert profile is not None
    assert selectors.company_facts(scene.sound, profile).past_coproductions == 1


# --- the form -----------------------------------------------------------------------------------------


def test_the_form_offers_only_the_organisations_own_published_films(
    client: Client, scene: MatchmakingScene
) -> None:
    shown, _hidden = _films(scene)
    FilmFactory.create(owner=scene.studio, original_title="Not Ours", english_title="Not Ours")
    assert list(selectors.profile_film_choices(organisation=scene.sound)) == [shown]
    client.force_login(scene.sound_editor)
    html = client.get(url("profile_edit", "rusound")).content.decode()
    assert "Open Sky" in html
    assert "Secret Cut" not in html
    assert "Not Ours" not in html


def test_the_form_refuses_a_film_it_does_not_offer(client: Client, scene: MatchmakingScene) -> None:
    shown, hidden = _films(scene)
    other = FilmFactory.create(owner=scene.studio, original_title="Not Ours")
    client.force_login(scene.sound_editor)
    for film in (hidden, other):
        response = client.post(
            url("profile_edit", "rusound"),
            {"capabilities": ["sound"], "past_coproductions": [str(film.pk)], "is_open": "on"},
        )
        assert response.status_code == 400
        assert 'name="past_coproductions"' in response.content.decode()
    assert set(CompanyProfile.objects.get(organisation=scene.sound).past_coproductions.all()) == {
        shown,
        hidden,
    }


# --- the service --------------------------------------------------------------------------------------


def test_the_service_refuses_a_film_the_actor_may_not_see(scene: MatchmakingScene) -> None:
    # An unpublished film of another producer: the sound company's editor may not see it.
    stranger = producer(slug="stranger", country="AM")
    secret = FilmFactory.create(owner=stranger, original_title="Their Secret", is_published=False)
    with pytest.raises(ApplicationError) as caught:
        _set(scene, [secret])
    assert caught.value.extra["field"] == "past_coproductions"
    assert "Their Secret" not in str(caught.value.message)  # its title is not told either
    assert not CompanyProfile.objects.get(organisation=scene.sound).past_coproductions.exists()


def test_the_service_refuses_a_published_film_of_another_organisation(scene: MatchmakingScene) -> None:
    theirs = FilmFactory.create(owner=scene.studio, original_title="Their Film")
    with pytest.raises(ApplicationError) as caught:
        _set(scene, [theirs], capabilities=["vfx"])
    assert caught.value.extra["field"] == "past_coproductions"
    assert "Their Film" in str(caught.value.message)
    profile = CompanyProfile.objects.get(organisation=scene.sound)
    assert profile.capabilities == ["sound"]  # nothing written
    assert not profile.past_coproductions.exists()


def test_the_service_accepts_the_organisations_own_films(scene: MatchmakingScene) -> None:
    published = FilmFactory.create(owner=scene.sound)
    unpublished = FilmFactory.create(owner=scene.sound, is_published=False)
    profile = _set(scene, [published, unpublished, published])
    assert set(profile.past_coproductions.all()) == {published, unpublished}
