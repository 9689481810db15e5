"""GET /api/v1/people and /organisations: public profiles; credits and members only as the policy allows."""

import pytest

from cinebridge.accounts.models import OrganisationKind, OrganisationTranslation, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.api.tests.helpers import bearer
from cinebridge.catalogue.models import Credit, CreditRole
from cinebridge.catalogue.tests.factories import FilmFactory, PersonFactory
from cinebridge.search.services import search_rebuild_dirty

pytestmark = pytest.mark.django_db


def test_people_search_meets_names_across_scripts(client):
    khazaei = PersonFactory(names={"en": "Khazaei", "fa": "خزاعی"})
    PersonFactory(names={"en": "Ivanova"})
    search_rebuild_dirty()

    body = client.get("/api/v1/people", {"q": "خزاعی", "lang": "en"}).json()

    assert body["count"] == 1
    assert body["items"][0]["slug"] == khazaei.slug
    assert body["items"][0]["name"] == "Khazaei"
    assert body["items"][0]["names"] == {"en": "Khazaei", "fa": "خزاعی"}


def test_people_list_is_paginated(client):
    for _i in range(3):
        PersonFactory()
    body = client.get("/api/v1/people", {"page_size": 2}).json()
    assert body["count"] == 3
    assert len(body["items"]) == 2


def test_person_credits_show_only_visible_films(client, studio, viewer):
    person = PersonFactory(slug="khazaei", names={"en": "Khazaei"})
    public = FilmFactory(owner=studio, english_title="The Bell")
    hidden = FilmFactory(owner=studio, is_published=False)
    Credit.objects.create(film=public, person=person, role=CreditRole.DIRECTOR)
    Credit.objects.create(film=hidden, person=person, role=CreditRole.SCREENWRITER)

    anonymous = client.get("/api/v1/people/khazaei").json()
    member = client.get("/api/v1/people/khazaei", **bearer(viewer)).json()

    assert anonymous["credits"] == [
        {"film": public.slug, "title": "The Bell", "year": 2020, "role": "director", "character": ""}
    ]
    assert {c["film"] for c in member["credits"]} == {public.slug, hidden.slug}


def test_unknown_person_is_a_json_404(client):
    assert client.get("/api/v1/people/nobody").status_code == 404


def test_organisations_filter_by_kind_and_country(client, studio, other_studio, festival):
    def slugs(**params):
        return [item["slug"] for item in client.get("/api/v1/organisations", params).json()["items"]]

    assert slugs(kind="festival") == ["listapad"]
    assert slugs(country="by") == ["belarusfilm", "listapad"]
    assert slugs(kind="rights_holder", country="IR") == ["farabi"]


def test_organisation_name_follows_accept_language(client, studio):
    OrganisationTranslation.objects.create(
        organisation=studio, language_code="fa", name="بنیاد سینمایی فارابی"
    )

    body = client.get("/api/v1/organisations/farabi", HTTP_ACCEPT_LANGUAGE="fa").json()

    assert body["name"] == "بنیاد سینمایی فارابی"
    assert body["own_name"] == "Farabi Cinema Foundation"


def test_organisation_members_are_absent_for_the_public_and_outsiders(client, studio, editor, other_editor):
    assert "members" not in client.get("/api/v1/organisations/farabi").json()
    assert "members" not in client.get("/api/v1/organisations/farabi", **bearer(other_editor)).json()


def test_organisation_members_are_listed_for_its_members_and_its_countrys_film_body(client, studio, editor):
    film_body = OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="IR")

    own = client.get("/api/v1/organisations/farabi", **bearer(editor)).json()
    overseer = client.get("/api/v1/organisations/farabi", **bearer(member_of(film_body, Role.VIEWER))).json()

    assert own["members"] == [{"username": editor.username, "full_name": "", "role": "editor"}]
    assert overseer["members"] == own["members"]
