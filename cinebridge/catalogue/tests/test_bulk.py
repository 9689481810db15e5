"""Bulk imports: many rows in batches, each row checked, all or nothing, errors naming the row."""

from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.catalogue.bulk import (
    BulkCredit,
    BulkFilm,
    BulkPerson,
    credits_bulk_import,
    films_bulk_import,
    people_bulk_import,
)
from cinebridge.catalogue.models import Credit, Film, FilmTranslation, Person, PersonName
from cinebridge.catalogue.services import FilmText
from cinebridge.catalogue.tests.factories import FilmFactory, PersonFactory
from cinebridge.core.errors import ApplicationError
from cinebridge.search.models import DocumentKind
from cinebridge.search.selectors import search_ids
from cinebridge.search.services import search_rebuild_dirty

pytestmark = pytest.mark.django_db


def _film(n: int, **changes: object) -> BulkFilm:
    film = BulkFilm(
        slug=f"imported-{n}", original_title=f"فیلم {n}", original_language="fa", kind="short", audience="children",
        year=2020, runtime_minutes=12, countries=("IR", "BY"), genre_codes=("family",),
        translations={"en": FilmText(f"Film {n}", "A short."), "ru": FilmText(f"Фильм {n}")},
    )  # fmt: skip
    return replace(film, **changes)  # type: ignore[arg-type]


@pytest.fixture
def owner():
    return OrganisationFactory(kind=OrganisationKind.RIGHTS_HOLDER)


def test_films_are_added_with_their_translations_countries_and_genres(owner):
    added = films_bulk_import(owner=owner, rows=[_film(1), _film(2)])

    assert added == 2
    film = Film.objects.get(slug="imported-2")
    assert (film.owner, film.kind, film.audience, film.runtime_minutes) == (owner, "short", "children", 12)
    assert dict(film.translations.values_list("language_code", "title")) == {"en": "Film 2", "ru": "Фильм 2"}
    assert list(film.countries.values_list("country", flat=True)) == ["IR", "BY"]
    assert list(film.genres.values_list("code", flat=True)) == ["family"]
    assert film.search_index_dirty


def test_progress_is_reported_after_every_batch(owner):
    seen: list[int] = []
    films_bulk_import(owner=owner, rows=(_film(n) for n in range(5)), batch_size=2, on_batch=seen.append)
    assert seen == [2, 4, 5]


@pytest.mark.parametrize(
    ("bad", "field", "words"),
    [
        ({"countries": ("IR", "XX")}, "countries", "XX"),
        ({"kind": "trailer"}, "kind", "trailer"),
        ({"audience": "adults"}, "audience", "adults"),
        ({"original_language": "klingon"}, "original_language", "klingon"),
        ({"year": 1700}, "year", "1700"),
        ({"runtime_minutes": 0}, "runtime_minutes", "runtime"),
        ({"genre_codes": ("western",)}, "genres", "western"),
        ({"translations": {"ru": FilmText("Фильм")}}, "title_en", "English"),
        ({"original_title": "  "}, "original_title", "original title"),
        ({"slug": "not a slug"}, "slug", "not a slug"),
        ({"slug": "imported-1"}, "slug", "twice"),
    ],
)
def test_a_bad_row_is_refused_by_its_number_and_nothing_is_saved(owner, bad, field, words):
    rows = [_film(1), _film(2), _film(3), _film(4, **bad), _film(5)]

    with pytest.raises(ApplicationError) as refused:
        films_bulk_import(owner=owner, rows=rows, batch_size=2)

    assert refused.value.extra == {"field": field, "row": 4}
    assert refused.value.message.startswith("Row 4:")
    assert words in refused.value.message
    assert not Film.objects.exists()
    assert not FilmTranslation.objects.exists()


def test_an_address_already_in_the_catalogue_is_refused_by_row(owner):
    FilmFactory(slug="imported-2")
    with pytest.raises(ApplicationError, match="Row 2: the address “imported-2” is already taken"):
        films_bulk_import(owner=owner, rows=[_film(1), _film(2)])
    assert Film.objects.count() == 1


def test_an_actor_must_be_allowed_to_edit_the_owners_catalogue(owner):
    outsider = member_of(OrganisationFactory(kind=OrganisationKind.RIGHTS_HOLDER), Role.ADMIN)
    with pytest.raises(PermissionDenied):
        films_bulk_import(owner=owner, rows=[_film(1)], actor=outsider)
    editor = member_of(owner, Role.EDITOR)
    assert films_bulk_import(owner=owner, rows=[_film(1)], actor=editor) == 1


def test_imported_films_are_found_by_search_after_the_rebuild(owner):
    films_bulk_import(owner=owner, rows=[_film(1, translations={"en": FilmText("Kite Runner of Yazd")})])
    search_rebuild_dirty()
    film = Film.objects.get(slug="imported-1")
    assert search_ids(kind=DocumentKind.FILM, query="yazd") == [film.pk]


def _person(n: int, **changes: object) -> BulkPerson:
    person = BulkPerson(
        slug=f"p-{n}", names={"en": f"Person {n}", "fa": f"شخص {n}"}, birth_year=1970, country="IR"
    )
    return replace(person, **changes)  # type: ignore[arg-type]


def test_people_are_added_with_their_names():
    assert people_bulk_import(rows=[_person(1), _person(2)]) == 2
    person = Person.objects.get(slug="p-2")
    assert dict(person.names.values_list("language_code", "name")) == {"en": "Person 2", "fa": "شخص 2"}
    assert (person.birth_year, person.country, person.search_index_dirty) == (1970, "IR", True)


@pytest.mark.parametrize(
    ("bad", "words"),
    [({"country": "ZZ"}, "ZZ"), ({"names": {}}, "at least one"), ({"names": {"xx-yy": "X"}}, "xx-yy")],
)
def test_a_bad_person_row_is_refused_by_its_number_and_nothing_is_saved(bad, words):
    with pytest.raises(ApplicationError) as refused:
        people_bulk_import(rows=[_person(1), _person(2), _person(3, **bad)], batch_size=2)
    assert refused.value.extra["row"] == 3
    assert words in refused.value.message
    assert not Person.objects.exists()
    assert not PersonName.objects.exists()


def test_credits_name_films_and_people_by_address(owner):
    films_bulk_import(owner=owner, rows=[_film(1)])
    people_bulk_import(rows=[_person(1), _person(2)])
    existing = PersonFactory(slug="known")

    added = credits_bulk_import(rows=[
        BulkCredit("imported-1", "p-1", "director"),
        BulkCredit("imported-1", "p-2", "actor", "Mother", position=1),
        BulkCredit("imported-1", "known", "actor", "Son", position=2),
    ])  # fmt: skip

    assert added == 3
    credits = Credit.objects.filter(film__slug="imported-1").order_by("position")
    assert [(c.person.slug, c.role, c.character) for c in credits] == [
        ("p-1", "director", ""), ("p-2", "actor", "Mother"), (existing.slug, "actor", "Son"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        (BulkCredit("imported-1", "nobody", "director"), "person"),
        (BulkCredit("no-such-film", "p-1", "director"), "film"),
        (BulkCredit("imported-1", "p-1", "catering"), "role"),
        (BulkCredit("imported-1", "p-1", "actor"), "person"),  # the same credit twice
    ],
)
def test_a_bad_credit_row_is_refused_by_its_number_and_nothing_is_saved(owner, bad, field):
    films_bulk_import(owner=owner, rows=[_film(1)])
    people_bulk_import(rows=[_person(1)])
    rows = [BulkCredit("imported-1", "p-1", "actor"), BulkCredit("imported-1", "p-1", "director"), bad]

    with pytest.raises(ApplicationError) as refused:
        credits_bulk_import(rows=rows, batch_size=2)

    assert refused.value.extra == {"field": field, "row": 3}
    assert not Credit.objects.exists()
