"""Writes of the search index: documents rebuilt in batches from the catalogue's dirty flags."""

from collections.abc import Iterable, Sequence

from django.db import transaction

from cinebridge.catalogue import search_index as catalogue_index
from cinebridge.catalogue import selectors as catalogue_selectors
from cinebridge.core.engine.text_keys import search_tokens, skeleton

from .models import DocumentKind, KeyKind, SearchDocument, SearchKey

BATCH_SIZE = 1000
MAX_KEY_LENGTH = 64


def _keys(names: Iterable[str]) -> set[tuple[str, str]]:
    keys: set[tuple[str, str]] = set()
    for name in names:
        for token in search_tokens(name):
            keys.add((KeyKind.WORD, token[:MAX_KEY_LENGTH]))
            if skel := skeleton(token):
                keys.add((KeyKind.SKELETON, skel[:MAX_KEY_LENGTH]))
    return keys


def _write_documents(kind: DocumentKind, names_by_id: dict[int, Sequence[str]]) -> None:
    """Replace the documents of these objects with fresh ones."""
    SearchDocument.objects.filter(kind=kind, object_id__in=list(names_by_id)).delete()
    documents = SearchDocument.objects.bulk_create(
        SearchDocument(kind=kind, object_id=object_id, names="\n".join(dict.fromkeys(names)))
        for object_id, names in names_by_id.items()
    )
    SearchKey.objects.bulk_create(
        (
            SearchKey(document=doc, key_kind=key_kind, key=key)
            for doc in documents
            for key_kind, key in _keys(names_by_id[doc.object_id])
        ),
        batch_size=5000,
    )


@transaction.atomic
def _rebuild_film_batch() -> int:
    films = catalogue_selectors.films_for_indexing(limit=BATCH_SIZE)
    _write_documents(
        DocumentKind.FILM,
        {film.pk: [film.original_title, *(t.title for t in film.translations.all())] for film in films},
    )
    catalogue_index.films_mark_indexed(film.pk for film in films)
    return len(films)


@transaction.atomic
def _rebuild_person_batch() -> int:
    people = catalogue_selectors.people_for_indexing(limit=BATCH_SIZE)
    _write_documents(
        DocumentKind.PERSON, {person.pk: [n.name for n in person.names.all()] for person in people}
    )
    catalogue_index.people_mark_indexed(person.pk for person in people)
    return len(people)


def search_rebuild_dirty() -> int:
    """Rebuild stale documents batch by batch (each batch its own transaction); returns the count."""
    total = 0
    for rebuild_batch in (_rebuild_film_batch, _rebuild_person_batch):
        while done := rebuild_batch():
            total += done
    return total
