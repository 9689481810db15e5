"""Freshness across processes: an index sees every change committed elsewhere on its next use.

Two `IndexLoader`s stand for two processes; the writes run in another thread with its own database
connection and commit, as another process's would.
"""

import threading
from datetime import date

import pytest
from django.db import connections

from cinebridge.catalogue.tests.factories import FilmFactory
from cinebridge.rights import loader
from cinebridge.rights.engine.types import Status, day
from cinebridge.rights.loader import IndexLoader
from cinebridge.rights.models import RightsState
from cinebridge.rights.services import grant_create, grant_set_status, grants_import, release_event_record

from .factories import exclusive_out, grant_input

pytestmark = pytest.mark.django_db(transaction=True)


def elsewhere(work):
    """Run `work` in another thread with its own connection, committing, and return its result."""
    outcome = {}

    def run():
        try:
            outcome["value"] = work()
        except BaseException as error:
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture
def film(farabi):
    return FilmFactory(owner=farabi)


def ids(index, film):
    return sorted(g.id for g in index.grants_of(film.pk))


def test_two_loaders_see_each_others_committed_changes_on_the_next_query(film, editor):
    first, second = IndexLoader(), IndexLoader()
    assert first.index().grants_of(film.pk) == () == second.index().grants_of(film.pk)

    held = elsewhere(lambda: grant_create(actor=editor, data=grant_input(film)))
    licence = elsewhere(lambda: grant_create(actor=editor, data=exclusive_out(film)))
    assert ids(first.index(), film) == [held.pk, licence.pk] == ids(second.index(), film)

    elsewhere(lambda: grant_set_status(actor=editor, grant=licence, status=Status.TERMINATED))
    assert ids(first.index(), film) == [held.pk] == ids(second.index(), film)
    assert first.reloaded_works >= 1
    assert second.reloaded_works >= 1


def test_the_process_index_sees_the_writes_of_its_own_process_too(film, editor):
    loader.forget_current_index()
    assert loader.current_index().grants_of(film.pk) == ()
    grant = grant_create(actor=editor, data=grant_input(film))
    with loader.index_reading() as fresh:
        assert [g.id for g in fresh.grants_of(film.pk)] == [grant.pk]
    licence = grant_create(actor=editor, data=exclusive_out(film))
    assert ids(loader.current_index(), film) == [grant.pk, licence.pk]
    loader.forget_current_index()


def test_release_events_reach_the_index(film, editor):
    reader = IndexLoader()
    elsewhere(lambda: grant_create(actor=editor, data=grant_input(film)))
    assert reader.index().events_of(film.pk) == {}
    elsewhere(
        lambda: release_event_record(
            actor=editor, work=film, kind="theatrical", territory="BY", on=date(2026, 3, 1)
        )
    )
    assert reader.index().events_of(film.pk) == {"theatrical:BY": day(date(2026, 3, 1))}


def test_an_unchanged_version_costs_one_query(film, editor, django_assert_num_queries):
    grant_create(actor=editor, data=grant_input(film))
    reader = IndexLoader()
    reader.index()
    with django_assert_num_queries(1):
        reader.index()


def test_only_the_changed_works_are_reloaded_until_very_many_change(farabi, editor):
    films = FilmFactory.create_batch(3, owner=farabi)
    elsewhere(lambda: grant_create(actor=editor, data=grant_input(films[0])))
    reader = IndexLoader(rebuild_works=2)
    reader.index()
    assert reader.rebuilds == 1
    elsewhere(lambda: grant_create(actor=editor, data=grant_input(films[1])))
    assert ids(reader.index(), films[1]) != []
    assert (reader.rebuilds, reader.reloaded_works) == (1, 1)
    elsewhere(lambda: grants_import(actor=editor, items=[grant_input(f) for f in films]))
    index = reader.index()
    assert reader.rebuilds == 2
    assert [len(index.grants_of(f.pk)) for f in films] == [2, 2, 1]


def test_another_history_at_the_same_version_is_rebuilt_from_scratch(film, editor):
    grant_create(actor=editor, data=grant_input(film))
    reader = IndexLoader()
    reader.index()
    # As after restoring a backup: the same version number, another history behind it.
    RightsState.objects.update(stamp="restored")
    reader.index()
    assert reader.rebuilds == 2
    RightsState.objects.update(version=0)
    reader.index()
    assert reader.rebuilds == 3


def test_a_worker_builds_its_index_in_the_background_before_the_first_query(film, editor):
    held = grant_create(actor=editor, data=grant_input(film))
    warming = IndexLoader()
    loader.warm_in_background(warming).join(timeout=60)
    assert warming.rebuilds == 1
    assert ids(warming.index(), film) == [held.pk]
    assert warming.rebuilds == 1  # the query found the index built, fresh
