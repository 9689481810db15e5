"""The search index end to end: catalogue writes → dirty flags → batch rebuild → ranked lookups."""

import json

import pytest

from cinebridge.accounts.tests.factories import OrganisationFactory
from cinebridge.catalogue import services as catalogue
from cinebridge.catalogue.models import Film, Person
from cinebridge.catalogue.tests.factories import FilmFactory, PersonFactory
from cinebridge.search import services
from cinebridge.search.models import DocumentKind, SearchDocument
from cinebridge.search.selectors import search_ids
from conftest import shared_data_file

pytestmark = pytest.mark.django_db


def test_every_cross_script_query_finds_its_person_in_the_top_ten():
    data = json.loads(shared_data_file("cross-script-names.json").read_text(encoding="utf-8"))
    person_ids = {}
    for entry in data["people"]:
        person_ids[entry["id"]] = catalogue.person_create(names=entry["stored"]).pk
    # Unrelated people around them, so that a match is a match and not the only row there is.
    for i, name in enumerate(
        ["Mohsen Makhmalbaf", "Bahram Beyzaie", "Svetlana Alexievich", "Rakhshan Bani-Etemad"]
    ):
        catalogue.person_create(names={"en": name, "ru": f"Человек {i}"})
    services.search_rebuild_dirty()

    misses = []
    for entry in data["people"]:
        for query in entry["queries"]:
            found = search_ids(kind=DocumentKind.PERSON, query=query, limit=10)
            if person_ids[entry["id"]] not in found:
                misses.append((entry["id"], query))
    assert misses == []


def test_a_film_is_found_by_any_of_its_titles_and_by_a_cyrillic_transliteration():
    owner = OrganisationFactory()
    film = catalogue.film_create(
        owner=owner,
        actor=None,
        data=catalogue.FilmData(
            original_title="بچه‌های آسمان",
            original_language="fa",
            kind="feature",
            audience="children",
            year=1997,
            runtime_minutes=89,
            translations={
                "en": catalogue.FilmText("Children of Heaven"),
                "ru": catalogue.FilmText("Дети небес"),
            },
        ),
    )
    FilmFactory(english_title="Heaven Can Wait")
    services.search_rebuild_dirty()
    for query in (
        "Children of Heaven",
        "дети небес",
        "بچه های آسمان",
        "بچه‌های آسمان",
        "Бачеха-йе асеман",
        "childr",
    ):
        assert search_ids(kind=DocumentKind.FILM, query=query)[:1] == [film.pk], query


def test_rebuild_clears_the_dirty_flags_and_replaces_stale_keys():
    film = FilmFactory(english_title="The Runner")
    services.search_rebuild_dirty()
    assert not Film.objects.get(pk=film.pk).search_index_dirty
    assert search_ids(kind=DocumentKind.FILM, query="runner") == [film.pk]

    film.translations.filter(language_code="en").update(title="The Wind Will Carry Us")
    Film.objects.filter(pk=film.pk).update(search_index_dirty=True)
    assert services.search_rebuild_dirty() == 1
    assert search_ids(kind=DocumentKind.FILM, query="runner") == []
    assert search_ids(kind=DocumentKind.FILM, query="wind carry") == [film.pk]
    assert SearchDocument.objects.filter(kind=DocumentKind.FILM, object_id=film.pk).count() == 1


def test_rebuild_works_in_batches_larger_than_one(monkeypatch):
    monkeypatch.setattr(services, "BATCH_SIZE", 3)
    people = [PersonFactory(names={"en": f"Name{i} Surname"}) for i in range(7)]
    assert services.search_rebuild_dirty() == 7
    assert not Person.objects.filter(search_index_dirty=True).exists()
    assert set(search_ids(kind=DocumentKind.PERSON, query="surname")) == {p.pk for p in people}


def test_writes_schedule_the_rebuild_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        catalogue.person_create(names={"en": "Elem Klimov"})
        catalogue.person_create(names={"en": "Larisa Shepitko"})
    assert len(callbacks) == 1  # two writes, one scheduled rebuild
    assert len(search_ids(kind=DocumentKind.PERSON, query="Klimov")) == 1


def test_empty_or_punctuation_only_queries_find_nothing():
    FilmFactory(english_title="Bashu")
    services.search_rebuild_dirty()
    assert search_ids(kind=DocumentKind.FILM, query="") == []
    assert search_ids(kind=DocumentKind.FILM, query=" ؟!… ") == []


def test_a_common_word_does_not_crowd_out_the_rare_one(monkeypatch):
    from cinebridge.search import selectors

    monkeypatch.setattr(selectors, "KEY_HIT_CAP", 5)
    for i in range(12):
        FilmFactory(english_title=f"Story number{i}")
    wanted = FilmFactory(english_title="Story of Bashu")
    services.search_rebuild_dirty()
    assert len(selectors._candidates(DocumentKind.FILM, "story")) == 5  # the cap holds for a common word
    assert search_ids(kind=DocumentKind.FILM, query="story bashu")[:1] == [wanted.pk]


def test_rebuild_reports_each_batch_and_analyses_after_a_large_one(monkeypatch):
    monkeypatch.setattr(services, "BATCH_SIZE", 2)
    monkeypatch.setattr(services, "ANALYZE_AFTER", 3)
    for i in range(3):
        PersonFactory(names={"en": f"Person{i}"})
    batches = []
    analysed = []
    monkeypatch.setattr(services, "_refresh_statistics", lambda: analysed.append(True))
    assert services.search_rebuild_dirty(on_batch=lambda kind, n: batches.append((kind, n))) == 3
    assert batches == [(DocumentKind.PERSON, 2), (DocumentKind.PERSON, 1)]
    assert analysed == [True]


def test_refreshing_statistics_is_valid_sql_on_this_database():
    services._refresh_statistics()


def test_a_rebuild_with_nothing_stale_touches_no_table():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    FilmFactory()
    services.search_rebuild_dirty()
    with CaptureQueriesContext(connection) as queries:
        assert services.search_rebuild_dirty() == 0
    assert [q["sql"] for q in queries.captured_queries if "search_search" in q["sql"]] == []
