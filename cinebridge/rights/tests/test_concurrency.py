"""Two writers at once on PostgreSQL: exactly one exclusive licence of the same cells wins.

The per-work lock (the film row, SELECT … FOR UPDATE) makes the second writer wait and then see the
first one's grant; the exclusion constraint holds even for writers that skip the lock or the rules.
SQLite has neither row locks nor exclusion constraints (and one writer at a time): skipped there.
"""

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from cinebridge.catalogue.tests.factories import FilmFactory
from cinebridge.core.tests.concurrency import race
from cinebridge.rights import selectors, services
from cinebridge.rights.engine.types import Rule, Status
from cinebridge.rights.models import Grant
from cinebridge.rights.services import GrantConflict, grant_create

from .factories import GrantFactory, exclusive_out, grant_input

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks and the exclusion constraint are PostgreSQL's (SQLite has one writer at a time)",
    ),
]


@pytest.fixture
def film(farabi, editor):
    film = FilmFactory(owner=farabi)
    grant_create(actor=editor, data=grant_input(film))
    return film


def winner_and_loser(outcomes):
    winners = [o for o in outcomes if isinstance(o, Grant)]
    losers = [o for o in outcomes if isinstance(o, GrantConflict)]
    assert (len(winners), len(losers)) == (1, 1), outcomes
    return winners[0], losers[0]


def test_two_writers_licensing_the_same_cells_exclusively_one_wins(film, editor):
    outcomes = race(
        lambda: grant_create(actor=editor, data=exclusive_out(film, territories="BY, RU")),
        lambda: grant_create(
            actor=editor, data=exclusive_out(film, territories="BY, KZ", start=date(2026, 6, 1))
        ),
    )
    winner, loser = winner_and_loser(outcomes)
    assert [(c.rule, c.grant) for c in loser.conflicts] == [(Rule.EXCLUSIVE_OVERLAP, winner.pk)]
    assert Grant.objects.filter(direction="out").count() == 1


def test_the_work_lock_orders_writers_where_the_database_has_no_constraint(film, editor):
    # Exclusive licences of one language use: the exclusion constraint covers every-language ones
    # only, so here the per-work lock alone makes the second writer see the first one's grant.
    dubbed = {"language_uses": "ru:dubbed"}
    outcomes = race(
        lambda: grant_create(actor=editor, data=exclusive_out(film, **dubbed)),
        lambda: grant_create(actor=editor, data=exclusive_out(film, territories="World", **dubbed)),
    )
    winner, loser = winner_and_loser(outcomes)
    assert [(c.rule, c.grant) for c in loser.conflicts] == [(Rule.EXCLUSIVE_OVERLAP, winner.pk)]


def test_without_the_lock_and_the_rules_the_exclusion_constraint_still_lets_one_win(
    film, editor, monkeypatch
):
    # Writers that skip both the per-work lock and the engine's rules: only the database stands.
    monkeypatch.setattr(
        services, "film_lock", lambda *, pk: type(film).objects.select_related("owner").get(pk=pk)
    )
    monkeypatch.setattr(selectors, "work_conflicts", lambda grant, **kwargs: [])
    outcomes = race(
        lambda: grant_create(actor=editor, data=exclusive_out(film)),
        lambda: grant_create(actor=editor, data=exclusive_out(film, media="ON_DEMAND")),
    )
    winner, loser = winner_and_loser(outcomes)
    (conflict,) = loser.conflicts
    assert (conflict.rule, conflict.grant) == (Rule.EXCLUSIVE_OVERLAP, winner.pk)
    assert conflict.where.media == {"SVOD"}


def exclusive_row(film, **fields):
    values = {
        "work": film,
        "direction": "out",
        "exclusivity": "exclusive",
        "sublicensable": False,
        "territories_entered": "BY",
        "media_entered": "SVOD",
        "start_date": date(2026, 1, 1),
        "end_date": date(2027, 1, 1),
    }
    values.update(fields)
    return GrantFactory(**values)


def refused(film, **fields):
    with pytest.raises(IntegrityError, match=services.EXCLUSIVE_OUT_CONSTRAINT), transaction.atomic():
        exclusive_row(film, **fields)


def test_the_exclusion_constraint_refuses_overlapping_rows_written_directly(film):
    exclusive_row(film)
    refused(film)
    refused(
        film,
        territories_entered="World",
        media_entered="ON_DEMAND",
        start_date=date(2026, 12, 31),
        end_date=None,
    )
    refused(film, start_date=None, end_date=date(2026, 1, 2))


def test_the_exclusion_constraint_leaves_other_cells_times_and_grants_alone(film):
    exclusive_row(film)
    exclusive_row(film, start_date=date(2027, 1, 1), end_date=None)  # half-open: they meet, not overlap
    exclusive_row(film, territories_entered="RU")
    exclusive_row(film, media_entered="TVOD")
    exclusive_row(film, exclusivity="non_exclusive")
    exclusive_row(film, status=Status.PENDING.value)
    exclusive_row(film, language_uses="ru:dubbed")
    exclusive_row(film, direction="holdback")
    exclusive_row(FilmFactory(owner=film.owner))


def test_a_term_waiting_for_its_event_is_unbounded_for_the_constraint(film):
    exclusive_row(film, term_kind="relative", event="theatrical:BY", start_date=None, end_date=None)
    refused(film, start_date=date(2040, 1, 1), end_date=date(2041, 1, 1))
    refused(film, start_date=date(1990, 1, 1), end_date=date(1991, 1, 1))


def test_an_import_the_exclusion_constraint_refuses_names_the_grant_and_writes_nothing(
    film, editor, monkeypatch
):
    existing = exclusive_row(film)
    before = Grant.objects.count()
    # Blind the import's own rules, as a concurrent writer would be: the constraint must still hold.
    monkeypatch.setattr(services, "_binding_grants_of_works", lambda work_ids: {})
    items = [grant_input(film)] * 3000 + [exclusive_out(film)] + [grant_input(film)] * 3000
    with pytest.raises(services.ImportRefused) as refused:
        services.grants_import(actor=editor, items=items)
    (problem,) = refused.value.problems
    assert (problem.index, problem.field) == (3000, "conflict")
    assert f"#{existing.pk}" in problem.message
    assert Grant.objects.count() == before


def test_an_items_own_problem_is_named_before_the_constraint_and_the_connection_stays_usable(
    film, editor, monkeypatch
):
    exclusive_row(film)
    monkeypatch.setattr(services, "_binding_grants_of_works", lambda work_ids: {})
    items = [grant_input(film)] * 3000 + [exclusive_out(film), grant_input(film, territories="Narnia")]
    with pytest.raises(services.ImportRefused) as refused:
        services.grants_import(actor=editor, items=items)
    assert [(p.index, p.field) for p in refused.value.problems] == [(3001, "territories")]
    assert services.grants_import(actor=editor, items=[grant_input(film)])
