"""Writes of the search index: documents rebuilt in batches from the catalogue's dirty flags."""

from collections.abc import Callable, Iterable, Mapping, Sequence

from django.db import connection, transaction

from cinebridge.catalogue import search_index as catalogue_index
from cinebridge.catalogue import selectors as catalogue_selectors
from cinebridge.core.db import analyze
from cinebridge.core.engine.text_keys import search_tokens, skeleton

from .models import DocumentKind, KeyKind, SearchDocument, SearchKey

BATCH_SIZE = 1000
MAX_KEY_LENGTH = 64
# After rebuilding this many documents the planner's statistics are stale enough to matter.
ANALYZE_AFTER = 5000

BatchCallback = Callable[[DocumentKind, int], None]


def _keys(names: Iterable[str]) -> set[tuple[str, str]]:
    keys: set[tuple[str, str]] = set()
    for name in names:
        for token in search_tokens(name):
            keys.add((KeyKind.WORD, token[:MAX_KEY_LENGTH]))
            if skel := skeleton(token):
                keys.add((KeyKind.SKELETON, skel[:MAX_KEY_LENGTH]))
    return keys


def _insert_keys(rows: list[tuple[int, str, str, str]]) -> None:
    """Insert key rows in one executemany: at millions of keys, model objects cost more than the insert."""
    ops = connection.ops
    columns = ", ".join(ops.quote_name(f) for f in ("document_id", "document_kind", "key_kind", "key"))
    sql = f"INSERT INTO {ops.quote_name(SearchKey._meta.db_table)} ({columns}) VALUES (%s, %s, %s, %s)"  # noqa: S608 - names from the model, values bound
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _write_documents(kind: DocumentKind, names_by_id: Mapping[int, Sequence[str]]) -> None:
    """Replace the documents of these objects with fresh ones."""
    if not names_by_id:
        return
    SearchDocument.objects.filter(kind=kind, object_id__in=list(names_by_id)).delete()
    documents = SearchDocument.objects.bulk_create(
        SearchDocument(kind=kind, object_id=object_id, names="\n".join(dict.fromkeys(names)))
        for object_id, names in names_by_id.items()
    )
    _insert_keys(
        [
            (doc.pk, kind.value, key_kind, key)
            for doc in documents
            for key_kind, key in _keys(names_by_id[doc.object_id])
        ]
    )


@transaction.atomic
def _rebuild_film_batch() -> int:
    titles = catalogue_selectors.film_names_for_indexing(limit=BATCH_SIZE)
    _write_documents(DocumentKind.FILM, titles)
    catalogue_index.films_mark_indexed(titles)
    return len(titles)


@transaction.atomic
def _rebuild_person_batch() -> int:
    names = catalogue_selectors.person_names_for_indexing(limit=BATCH_SIZE)
    _write_documents(DocumentKind.PERSON, names)
    catalogue_index.people_mark_indexed(names)
    return len(names)


def _refresh_statistics() -> None:
    """Let the query planner see the index's new size, so that lookups use the key index."""
    analyze(SearchDocument, SearchKey)


def search_rebuild_dirty(*, on_batch: BatchCallback | None = None) -> int:
    """Rebuild stale documents batch by batch (each batch its own transaction); returns the count."""
    total = 0
    batches = ((DocumentKind.FILM, _rebuild_film_batch), (DocumentKind.PERSON, _rebuild_person_batch))
    for kind, rebuild_batch in batches:
        while done := rebuild_batch():
            total += done
            if on_batch is not None:
                on_batch(kind, done)
    if total >= ANALYZE_AFTER:
        _refresh_statistics()
    return total
