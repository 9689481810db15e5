"""Reads of the search index: candidates found by key lookups, then ranked by the text-keys engine."""

from collections import Counter

from django.db.models import Q

from cinebridge.core.engine.text_keys import document_keys, match_score, query_keys, search_tokens, skeleton

from .models import DocumentKind, KeyKind, SearchDocument, SearchKey

CANDIDATE_LIMIT = 500
PREFIX_MIN_LENGTH = 3
# A key shared by more documents than this (a common word) adds only this many candidates: rarer
# words of the same query find the rest, and ranking sorts them out.
KEY_HIT_CAP = 2000


def _key_conditions(query: str) -> list[Q]:
    """Exact words and skeletons of every query token, and a prefix of the last (search as you type)."""
    tokens = search_tokens(query)
    conditions: list[Q] = []
    for i, token in enumerate(tokens):
        conditions.append(Q(key_kind=KeyKind.WORD, key=token))
        if skel := skeleton(token):
            conditions.append(Q(key_kind=KeyKind.SKELETON, key=skel))
        if i == len(tokens) - 1 and len(token) >= PREFIX_MIN_LENGTH:
            # A range rather than LIKE: it uses the key index on every backend.
            conditions.append(Q(key_kind=KeyKind.WORD, key__gt=token, key__lt=token + "\U0010ffff"))
    return conditions


def _candidates(kind: DocumentKind, query: str) -> list[int]:
    """Document ids matched by the most query keys, each key contributing at most KEY_HIT_CAP."""
    hits: Counter[int] = Counter()
    for condition in _key_conditions(query):
        matched = SearchKey.objects.filter(condition, document_kind=kind).values_list(
            "document_id", flat=True
        )
        hits.update(set(matched[:KEY_HIT_CAP]))
    return [doc_id for doc_id, _n in hits.most_common(CANDIDATE_LIMIT)]


def search_ids(*, kind: DocumentKind, query: str, limit: int = 50) -> list[int]:
    """Ids of the objects of `kind` best matching `query`, best first."""
    if not search_tokens(query):
        return []
    keys = query_keys(query)
    scored = [
        (match_score(keys, document_keys(doc.names.split("\n"))), doc.object_id)
        for doc in SearchDocument.objects.filter(pk__in=_candidates(kind, query)).only("object_id", "names")
    ]
    ranked = sorted((pair for pair in scored if pair[0] > 0), key=lambda pair: (-pair[0], pair[1]))
    return [object_id for _score, object_id in ranked[:limit]]
