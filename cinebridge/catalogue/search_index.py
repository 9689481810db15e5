"""The catalogue's side of search indexing: flags raised on write, read and lowered by the search app."""

from collections.abc import Iterable

from cinebridge.core.jobs import run_after_commit

from .counts import forget_public_counts
from .models import Film, Person

REBUILD_TASK = "search.rebuild_dirty"


def mark_films_dirty(film_ids: Iterable[int]) -> None:
    """Flag films for re-indexing and schedule the rebuild after commit."""
    Film.objects.filter(pk__in=list(film_ids)).update(search_index_dirty=True)
    forget_public_counts()
    run_after_commit(REBUILD_TASK)


def mark_people_dirty(person_ids: Iterable[int]) -> None:
    """Flag people for re-indexing and schedule the rebuild after commit."""
    Person.objects.filter(pk__in=list(person_ids)).update(search_index_dirty=True)
    run_after_commit(REBUILD_TASK)


def films_mark_indexed(film_ids: Iterable[int]) -> None:
    Film.objects.filter(pk__in=list(film_ids)).update(search_index_dirty=False)


def people_mark_indexed(person_ids: Iterable[int]) -> None:
    Person.objects.filter(pk__in=list(person_ids)).update(search_index_dirty=False)
