"""The catalogue's counts by kind and audience: one scan, the public part cached until the next write."""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q, QuerySet

from .models import Audience, Film, FilmKind

PUBLIC_COUNTS_KEY = "catalogue:public-counts:v1"
PUBLIC_COUNTS_SECONDS = 60 * 60  # an upper bound: every catalogue write forgets the counts at once


def count_films(films: QuerySet[Film]) -> dict[str, int]:
    """Films per kind, per audience (`audience_<code>`) and in total, in one pass over the rows."""
    aggregates = {kind: Count("pk", filter=Q(kind=kind)) for kind in FilmKind.values}
    aggregates |= {f"audience_{a}": Count("pk", filter=Q(audience=a)) for a in Audience.values}
    counts: dict[str, int] = films.aggregate(total=Count("pk"), **aggregates)
    return counts


def public_counts() -> dict[str, int]:
    """The counts of the published catalogue, as everyone sees it."""
    counts: dict[str, int] | None = cache.get(PUBLIC_COUNTS_KEY)
    if counts is None:
        counts = count_films(Film.objects.filter(is_published=True))
        cache.set(PUBLIC_COUNTS_KEY, counts, PUBLIC_COUNTS_SECONDS)
    return counts


def forget_public_counts() -> None:
    """Drop the cached counts now and again once the write commits (a read in between may cache old ones)."""
    cache.delete(PUBLIC_COUNTS_KEY)
    transaction.on_commit(lambda: cache.delete(PUBLIC_COUNTS_KEY))
