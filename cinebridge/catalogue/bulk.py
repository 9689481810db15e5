"""Bulk imports into the catalogue: many films, people and credits at once, all or nothing.

The per-row services (`services.film_create` …) validate through `full_clean()` and write a few rows
per call; an import of a whole national catalogue (tens of thousands of films) would take hours that
way. These services check each row's codes against in-memory vocabularies instead, write with
`bulk_create` in batches, and run in one transaction, so a bad row (reported by its number) leaves
nothing behind. The rows are created with their search flag raised; the caller runs the rebuild.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar

from django.db import transaction
from django.db.models import Field, Model
from django.utils.translation import gettext as _

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation, User
from cinebridge.core.errors import ApplicationError
from cinebridge.core.vocabularies import is_country_code, is_language_code

from .counts import forget_public_counts
from .models import (
    FIRST_FILM_YEAR,
    LAST_PLAUSIBLE_YEAR,
    Audience,
    Credit,
    CreditRole,
    Film,
    FilmCountry,
    FilmKind,
    FilmTranslation,
    Genre,
    Person,
    PersonName,
)
from .services import REQUIRED_TITLE_LANGUAGE, FilmText

T = TypeVar("T")

DEFAULT_BATCH_SIZE = 2000
# The model fields' limits, checked here because bulk_create skips full_clean().
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def _max_length(model: type[Model], field_name: str) -> int:
    field = model._meta.get_field(field_name)
    length = field.max_length if isinstance(field, Field) else None
    if length is None:
        raise TypeError(f"{model.__name__}.{field_name} has no max_length")
    return length


_SLUG_MAX = _max_length(Film, "slug")
_TITLE_MAX = _max_length(FilmTranslation, "title")
_NAME_MAX = _max_length(PersonName, "name")
_CHARACTER_MAX = _max_length(Credit, "character")
_LANGUAGE_MAX = _max_length(FilmTranslation, "language_code")
_RUNTIME_MAX = 32767  # PositiveSmallIntegerField's ceiling on every backend

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class BulkFilm:
    """One film of an import, with its translations (English required), countries and genres."""

    slug: str
    original_title: str
    original_language: str
    kind: str
    audience: str
    year: int
    runtime_minutes: int
    translations: Mapping[str, FilmText]
    countries: Sequence[str] = ()
    genre_codes: Sequence[str] = ()
    is_published: bool = True


@dataclass(frozen=True, slots=True)
class BulkPerson:
    """One person of an import, with their name in one or more languages."""

    slug: str
    names: Mapping[str, str]
    birth_year: int | None = None
    country: str = ""


@dataclass(frozen=True, slots=True)
class BulkCredit:
    """A person's role on a film, both named by their slugs (created earlier or in the same import)."""

    film_slug: str
    person_slug: str
    role: str
    character: str = ""
    position: int = 0


@dataclass
class _Seen:
    """Slugs already taken by earlier rows of the same import."""

    slugs: set[str] = field(default_factory=set)


def _batches(rows: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def _row_error(row: int, message: str, field_name: str) -> ApplicationError:
    return ApplicationError(
        _("Row %(row)d: %(problem)s") % {"row": row, "problem": message},
        extra={"field": field_name, "row": row},
    )


def _check_language(row: int, code: str, field_name: str) -> None:
    if len(code) > _LANGUAGE_MAX or not is_language_code(code):
        raise _row_error(row, _("unknown language code “%(code)s”.") % {"code": code}, field_name)


def _check_country(row: int, code: str, field_name: str) -> None:
    if not is_country_code(code):
        raise _row_error(row, _("unknown country code “%(code)s”.") % {"code": code}, field_name)


def _check_slug(row: int, slug: str, seen: _Seen) -> None:
    if not _SLUG.fullmatch(slug) or len(slug) > _SLUG_MAX:
        raise _row_error(
            row, _("“%(slug)s” is not a valid address (letters, digits, hyphens).") % {"slug": slug}, "slug"
        )
    if slug in seen.slugs:
        raise _row_error(
            row, _("the address “%(slug)s” appears twice in the import.") % {"slug": slug}, "slug"
        )
    seen.slugs.add(slug)


def _check_text(row: int, text: str, limit: int, field_name: str, label: str) -> None:
    if not text.strip():
        raise _row_error(row, _("the %(field)s is empty.") % {"field": label}, field_name)
    if len(text) > limit:
        raise _row_error(
            row,
            _("the %(field)s is longer than %(max)d characters.") % {"field": label, "max": limit},
            field_name,
        )


def _check_film(row: int, film: BulkFilm, seen: _Seen, genres: frozenset[str]) -> None:
    """Raise an ApplicationError naming the row and field when the film breaks a catalogue rule."""
    _check_slug(row, film.slug, seen)
    _check_text(row, film.original_title, _TITLE_MAX, "original_title", _("original title"))
    _check_language(row, film.original_language, "original_language")
    if film.kind not in FilmKind.values:
        raise _row_error(row, _("unknown kind “%(code)s”.") % {"code": film.kind}, "kind")
    if film.audience not in Audience.values:
        raise _row_error(row, _("unknown audience “%(code)s”.") % {"code": film.audience}, "audience")
    if not FIRST_FILM_YEAR <= film.year <= LAST_PLAUSIBLE_YEAR:
        raise _row_error(row, _("the year %(year)d is not plausible.") % {"year": film.year}, "year")
    if not 1 <= film.runtime_minutes <= _RUNTIME_MAX:
        raise _row_error(row, _("the runtime must be a positive number of minutes."), "runtime_minutes")
    for code in film.countries:
        _check_country(row, code, "countries")
    for code in film.genre_codes:
        if code not in genres:
            raise _row_error(row, _("unknown genre “%(code)s”.") % {"code": code}, "genres")
    for language, text in film.translations.items():
        _check_language(row, language, "translations")
        _check_text(
            row,
            text.title,
            _TITLE_MAX,
            f"title_{language}",
            _("title in %(language)s") % {"language": language},
        )
    if REQUIRED_TITLE_LANGUAGE not in film.translations:
        raise _row_error(row, _("an English title is required."), f"title_{REQUIRED_TITLE_LANGUAGE}")


def _check_person(row: int, person: BulkPerson, seen: _Seen) -> None:
    _check_slug(row, person.slug, seen)
    if not person.names:
        raise _row_error(row, _("a person needs a name in at least one language."), "names")
    for language, name in person.names.items():
        _check_language(row, language, "names")
        _check_text(
            row, name, _NAME_MAX, f"name_{language}", _("name in %(language)s") % {"language": language}
        )
    if person.country:
        _check_country(row, person.country, "country")


def _taken(model: type[Film] | type[Person], slugs: list[str]) -> str | None:
    """The first of these slugs already in the database, if any."""
    return model.objects.filter(slug__in=slugs).order_by("slug").values_list("slug", flat=True).first()


def _refuse_taken(model: type[Film] | type[Person], first_row: int, slugs: list[str]) -> None:
    taken = _taken(model, slugs)
    if taken is not None:
        row = first_row + slugs.index(taken)
        raise _row_error(row, _("the address “%(slug)s” is already taken.") % {"slug": taken}, "slug")


@transaction.atomic
def films_bulk_import(
    *,
    owner: Organisation,
    rows: Iterable[BulkFilm],
    actor: User | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: Progress | None = None,
) -> int:
    """Add many films to the owner's catalogue in one transaction; returns how many were added."""
    if actor is not None:
        policy.require(actor, policy.CATALOGUE_EDIT, owner)
    seen = _Seen()
    genres = dict(Genre.objects.values_list("code", "pk"))
    known_genres = frozenset(genres)
    total = 0
    for batch in _batches(rows, batch_size):
        for offset, film in enumerate(batch):
            _check_film(total + offset + 1, film, seen, known_genres)
        _refuse_taken(Film, total + 1, [film.slug for film in batch])
        _write_films(owner, batch, genres)
        total += len(batch)
        if on_batch is not None:
            on_batch(total)
    forget_public_counts()
    return total


def _write_films(owner: Organisation, batch: list[BulkFilm], genres: Mapping[str, int]) -> None:
    """Insert one checked batch of films with their translations, countries and genres."""
    films = Film.objects.bulk_create(
        Film(
            owner=owner,
            slug=f.slug,
            original_title=f.original_title.strip(),
            original_language=f.original_language,
            kind=f.kind,
            audience=f.audience,
            year=f.year,
            runtime_minutes=f.runtime_minutes,
            is_published=f.is_published,
        )
        for f in batch
    )
    FilmTranslation.objects.bulk_create(
        FilmTranslation(
            film=film, language_code=lang, title=text.title.strip(), synopsis=text.synopsis.strip()
        )
        for film, row in zip(films, batch, strict=True)
        for lang, text in row.translations.items()
    )
    FilmCountry.objects.bulk_create(
        FilmCountry(film=film, country=code, position=i)
        for film, row in zip(films, batch, strict=True)
        for i, code in enumerate(dict.fromkeys(row.countries))
    )
    through = Film.genres.through
    through.objects.bulk_create(
        through(film_id=film.pk, genre_id=genres[code])
        for film, row in zip(films, batch, strict=True)
        for code in dict.fromkeys(row.genre_codes)
    )


@transaction.atomic
def people_bulk_import(
    *,
    rows: Iterable[BulkPerson],
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: Progress | None = None,
) -> int:
    """Record many people with their names in one transaction; returns how many were added."""
    seen = _Seen()
    total = 0
    for batch in _batches(rows, batch_size):
        for offset, person in enumerate(batch):
            _check_person(total + offset + 1, person, seen)
        _refuse_taken(Person, total + 1, [person.slug for person in batch])
        people = Person.objects.bulk_create(
            Person(slug=p.slug, birth_year=p.birth_year, country=p.country) for p in batch
        )
        PersonName.objects.bulk_create(
            PersonName(person=person, language_code=lang, name=name.strip())
            for person, row in zip(people, batch, strict=True)
            for lang, name in row.names.items()
        )
        total += len(batch)
        if on_batch is not None:
            on_batch(total)
    return total


@transaction.atomic
def credits_bulk_import(
    *,
    rows: Iterable[BulkCredit],
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: Progress | None = None,
) -> int:
    """Add many credits, naming films and people by slug, in one transaction; returns how many were added."""
    total = 0
    seen: set[tuple[str, str, str, str]] = set()
    for batch in _batches(rows, batch_size):
        film_ids = dict(Film.objects.filter(slug__in={c.film_slug for c in batch}).values_list("slug", "pk"))
        person_ids = dict(
            Person.objects.filter(slug__in={c.person_slug for c in batch}).values_list("slug", "pk")
        )
        for offset, credit in enumerate(batch):
            _check_credit(total + offset + 1, credit, film_ids, person_ids, seen)
        Credit.objects.bulk_create(
            Credit(
                film_id=film_ids[c.film_slug],
                person_id=person_ids[c.person_slug],
                role=c.role,
                character=c.character.strip(),
                position=c.position,
            )
            for c in batch
        )
        total += len(batch)
        if on_batch is not None:
            on_batch(total)
    return total


def _check_credit(
    row: int,
    credit: BulkCredit,
    film_ids: Mapping[str, int],
    person_ids: Mapping[str, int],
    seen: set[tuple[str, str, str, str]],
) -> None:
    if credit.role not in CreditRole.values:
        raise _row_error(row, _("unknown role “%(role)s”.") % {"role": credit.role}, "role")
    if credit.film_slug not in film_ids:
        raise _row_error(row, _("no film has the address “%(slug)s”.") % {"slug": credit.film_slug}, "film")
    if credit.person_slug not in person_ids:
        raise _row_error(
            row, _("no person has the address “%(slug)s”.") % {"slug": credit.person_slug}, "person"
        )
    if len(credit.character) > _CHARACTER_MAX:
        raise _row_error(
            row, _("the character is longer than %(max)d characters.") % {"max": _CHARACTER_MAX}, "character"
        )
    key = (credit.film_slug, credit.person_slug, credit.role, credit.character.strip())
    if key in seen:
        raise _row_error(row, _("this credit appears twice in the import."), "person")
    seen.add(key)
