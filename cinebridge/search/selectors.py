"""Reads of the search index: candidates found by key lookups, then ranked by the text-keys engine."""

from collections import Counter

from django.db.models import Q

from cinebridge.core.engine.text_keys import document_keys, match_score, query_keys, search_tokens, skeleton

from .models import DocumentKind, KeyKind, SearchDocument, SearchKey

CANDIDATE_LIMIT = 500
PREFIX_MIN_LENGTH = 3


def _key_condition(query: str) -> Q:
    """Exact words and skeletons of every query token, and a prefix of the last (search as you type)."""
    tokens = search_tokens(query)
    condition = Q(pk__in=[])
    for i, token in enumerate(tokens):
        condition |= Q(key_kind=KeyKind.WORD, key=token)
        if skel := skeleton(token):
            condition |= Q(key_kind=KeyKind.SKELETON, key=skel)
        if i == len(tokens) - 1 and len(token) >= PREFIX_MIN_LENGTH:
            # A range rather than LIKE: it uses the (key_kind, key) index on every backend.
            condition |= Q(key_kind=KeyKind.WORD, key__gte=token, key__lt=token + "\U0010ffff")
    return condition


def search_ids(*, kind: DocumentKind, query: str, limit: int = 50) -> list[int]:
    """Ids of the objects of `kind` best matching `query`, best first."""
    if not search_tokens(query):
        return []
    hits = Counter(
        SearchKey.objects.filter(_key_condition(query), document__kind=kind).values_list(
            "document_id", flat=True
        )
    )
    keys = query_keys(query)
    candidate_ids = [doc_id for doc_id, _n in hits.most_common(CANDIDATE_LIMIT)]
    scored = [
        (match_score(keys, document_keys(doc.names.split("\n"))), doc.object_id)
        for doc in SearchDocument.objects.filter(pk__in=candidate_ids).only("object_id", "names")
    ]
    ranked = sorted((pair for pair in scored if pair[0] > 0), key=lambda pair: (-pair[0], pair[1]))
    return [object_id for _score, object_id in ranked[:limit]]
