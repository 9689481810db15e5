"""GET /api/v1/films and /films/{slug}: the catalogue's filters, search, pagination and visibility."""

import uuid

import pytest

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.api.tests.helpers import bearer
from cinebridge.catalogue.models import (
    Audience,
    Credit,
    CreditRole,
    FestivalEntry,
    FilmCountry,
    FilmKind,
    FilmRating,
    FilmTranslation,
    FilmVersion,
    SubtitleTrack,
)
from cinebridge.catalogue.tests.factories import FilmFactory, PersonFactory
from cinebridge.search.services import search_rebuild_dirty

pytestmark = pytest.mark.django_db

FILMS = "/api/v1/films"


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["items"]]


def test_list_filters_like_the_catalogue(client, studio, other_studio):
    animation = FilmFactory(owner=studio, kind=FilmKind.ANIMATION, audience=Audience.CHILDREN, year=2019)
    FilmCountry.objects.create(film=animation, country="IR")
    feature = FilmFactory(owner=other_studio, kind=FilmKind.FEATURE, year=2023)
    FilmCountry.objects.create(film=feature, country="BY")

    assert slugs(client.get(FILMS, {"kind": "animation"})) == [animation.slug]
    assert slugs(client.get(FILMS, {"audience": "children"})) == [animation.slug]
    assert slugs(client.get(FILMS, {"year_from": 2020})) == [feature.slug]
    assert slugs(client.get(FILMS, {"year_to": 2020})) == [animation.slug]
    assert slugs(client.get(FILMS, {"country": "by"})) == [feature.slug]
    assert slugs(client.get(FILMS, {"owner": "farabi"})) == [animation.slug]
    assert slugs(client.get(FILMS)) == [feature.slug, animation.slug]  # newest first


def test_list_filters_by_original_language_and_subtitles(client, studio):
    persian = FilmFactory(owner=studio, original_language="fa")
    russian = FilmFactory(owner=studio, original_language="ru")
    version = FilmVersion.objects.create(film=russian, label="Original", audio_language="ru")
    SubtitleTrack.objects.create(
        version=version,
        language_code="fa",
        format="srt",
        file="subtitles/x.srt",
        cue_count=3,
        last_cue_end_ms=9000,
    )

    assert slugs(client.get(FILMS, {"language": "fa"})) == [persian.slug]
    assert slugs(client.get(FILMS, {"subtitles": "fa"})) == [russian.slug]


def test_list_rejects_an_unknown_kind_with_field_details(client):
    response = client.get(FILMS, {"kind": "opera"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "kind"]


def test_list_is_paginated_by_page_and_page_size(client, studio):
    made = [FilmFactory(owner=studio, year=2000 + i) for i in range(5)]
    newest_first = [film.slug for film in reversed(made)]

    first = client.get(FILMS, {"page_size": 2}).json()
    third = client.get(FILMS, {"page_size": 2, "page": 3}).json()

    assert first["count"] == 5
    assert [item["slug"] for item in first["items"]] == newest_first[:2]
    assert [item["slug"] for item in third["items"]] == newest_first[4:]


def test_page_size_is_capped_at_a_hundred(client, studio):
    for _i in range(101):
        FilmFactory(owner=studio)
    body = client.get(FILMS, {"page_size": 500}).json()
    assert body["count"] == 101
    assert len(body["items"]) == 100


def test_list_queries_do_not_grow_with_the_page(client, studio, django_assert_max_num_queries):
    for _i in range(30):
        FilmCountry.objects.create(film=FilmFactory(owner=studio), country="IR")
    with django_assert_max_num_queries(5):  # count, page, translations, countries (+ savepoint slack)
        assert len(client.get(FILMS, {"page_size": 30}).json()["items"]) == 30


def test_title_is_given_in_the_requested_language_else_english(client, studio):
    film = FilmFactory(owner=studio, english_title="The Bell")
    FilmTranslation.objects.create(film=film, language_code="ru", title="Колокол")

    assert client.get(FILMS, {"lang": "ru"}).json()["items"][0]["title"] == "Колокол"
    assert client.get(FILMS, {"lang": "be"}).json()["items"][0]["title"] == "The Bell"
    assert client.get(FILMS, HTTP_ACCEPT_LANGUAGE="ru").json()["items"][0]["title"] == "Колокол"


def test_q_searches_titles_across_scripts_best_match_first(client, studio):
    bell = FilmFactory(owner=studio, original_title="زنگ", english_title="The Bell")
    tower = FilmFactory(owner=studio, english_title="The Bell Tower")
    FilmFactory(owner=studio, english_title="Sea of Grass")
    search_rebuild_dirty()

    assert slugs(client.get(FILMS, {"q": "bell"}))[0] == bell.slug
    assert slugs(client.get(FILMS, {"q": "bell tower"}))[0] == tower.slug
    assert slugs(client.get(FILMS, {"q": "زنگ"})) == [bell.slug]
    assert slugs(client.get(FILMS, {"q": "xylophone"})) == []


def test_q_combines_with_filters(client, studio):
    FilmFactory(owner=studio, english_title="The Bell", kind=FilmKind.FEATURE)
    short = FilmFactory(owner=studio, english_title="The Bell Tower", kind=FilmKind.SHORT)
    search_rebuild_dirty()

    assert slugs(client.get(FILMS, {"q": "bell", "kind": "short"})) == [short.slug]


def test_unpublished_film_is_invisible_to_anonymous_callers(client, studio):
    hidden = FilmFactory(owner=studio, is_published=False)

    assert slugs(client.get(FILMS)) == []
    assert client.get(f"{FILMS}/{hidden.slug}").status_code == 404


def test_unpublished_film_is_invisible_to_another_organisations_token(client, studio, other_editor):
    hidden = FilmFactory(owner=studio, is_published=False)
    headers = bearer(other_editor)

    assert slugs(client.get(FILMS, **headers)) == []
    assert client.get(f"{FILMS}/{hidden.slug}", **headers).status_code == 404


def test_unpublished_film_is_visible_to_its_own_organisations_token(client, studio, viewer):
    hidden = FilmFactory(owner=studio, is_published=False)
    headers = bearer(viewer)

    assert slugs(client.get(FILMS, **headers)) == [hidden.slug]
    detail = client.get(f"{FILMS}/{hidden.slug}", **headers)
    assert detail.status_code == 200
    assert detail.json()["is_published"] is False


def test_unpublished_film_is_visible_to_its_countrys_film_body(client, studio):
    film_body = OrganisationFactory(kind=OrganisationKind.FILM_BODY, country=studio.country)
    hidden = FilmFactory(owner=studio, is_published=False)

    assert slugs(client.get(FILMS, **bearer(member_of(film_body, Role.VIEWER)))) == [hidden.slug]


def test_detail_returns_the_whole_record(client, studio):
    film = FilmFactory(owner=studio, english_title="The Bell", eidr="10.5240/7791-8534-2C23-9030-8610-5")
    FilmTranslation.objects.create(film=film, language_code="fa", title="زنگ", synopsis="داستان")
    FilmCountry.objects.create(film=film, country="IR", position=0)
    FilmCountry.objects.create(film=film, country="BY", position=1)
    director = PersonFactory(slug="khazaei", names={"en": "Khazaei", "fa": "خزاعی"})
    Credit.objects.create(film=film, person=director, role=CreditRole.DIRECTOR)
    cpl = uuid.uuid4()
    version = FilmVersion.objects.create(film=film, label="Persian DCP", audio_language="fa", dcp_cpl_id=cpl)
    SubtitleTrack.objects.create(
        version=version,
        language_code="ru",
        format="vtt",
        file="subtitles/x.vtt",
        cue_count=12,
        last_cue_end_ms=60000,
    )
    FilmRating.objects.create(film=film, country="IR", rating_code="+12", permit_number="1234")
    FestivalEntry.objects.create(
        film=film, festival_name="Listapad", edition_year=2024, result="won", award="Grand Prix"
    )

    body = client.get(f"{FILMS}/{film.slug}", {"lang": "fa"}).json()

    assert body["title"] == "زنگ"
    assert body["translations"]["fa"] == {"title": "زنگ", "synopsis": "داستان"}
    assert body["translations"]["en"]["title"] == "The Bell"
    assert body["countries"] == ["IR", "BY"]
    assert body["owner"] == "farabi"
    assert body["credits"] == [
        {
            "person": "khazaei",
            "name": "خزاعی",
            "names": {"en": "Khazaei", "fa": "خزاعی"},
            "role": "director",
            "character": "",
        }
    ]
    assert body["versions"][0]["dcp_cpl_id"] == str(cpl)
    assert body["versions"][0]["subtitles"][0]["language"] == "ru"
    assert body["ratings"] == [
        {"country": "IR", "rating": "+12", "permit_number": "1234", "permit_date": None}
    ]
    assert body["identifiers"] == {"eidr": film.eidr, "isan": None, "imdb_id": None}
    assert body["festival_entries"][0]["award"] == "Grand Prix"


def test_unknown_film_is_a_json_404(client):
    response = client.get(f"{FILMS}/no-such-film")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["detail"]
