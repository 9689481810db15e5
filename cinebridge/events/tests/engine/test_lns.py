"""The large-instance path (lns.py): its bounds are true upper bounds, an LNS step never worsens the
incumbent, and what it returns passes the independent checker with the locks kept."""

import random
import time

from hypothesis import HealthCheck, given, settings

from cinebridge.events.engine.checker import check_schedule
from cinebridge.events.engine.lns import _cell, improve, lp_bound, simple_bound, solve_large
from cinebridge.events.engine.scheduling import (
    _objective_of,
    candidates,
    greedy,
    schedule_objective,
    solve,
)
from cinebridge.events.tests.engine.test_properties import instances

EXAMPLES = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@EXAMPLES
@given(instances())
def test_the_bounds_are_above_the_proven_optimum(instance):
    result = solve(instance, seconds=5)
    if result.status != "optimal":
        return
    pool = candidates(instance)
    relaxed = lp_bound(instance, pool, seconds=5)
    assert relaxed is not None
    assert result.objective <= relaxed <= simple_bound(instance, pool)


@EXAMPLES
@given(instances())
def test_an_lns_step_never_worsens_and_passes_the_checker(instance):
    pool = candidates(instance)
    baseline = greedy(instance, pool)
    if baseline is None:
        return
    before = _objective_of(instance, baseline)
    cells = sorted({_cell(c) for c in pool})
    window = set(random.Random(1).sample(cells, max(1, len(cells) // 2))) if cells else set()
    after, _ = improve(instance, pool, baseline, window, seconds=2)
    screenings = [c.screening() for c in after]
    assert check_schedule(instance, screenings) == []
    assert _objective_of(instance, after) >= before
    locked = {(lock.film, lock.screen, lock.start, lock.qa_guest) for lock in instance.locked}
    assert locked <= {(s.film, s.screen, s.start, s.qa_guest) for s in screenings}


@EXAMPLES
@given(instances())
def test_solve_large_returns_a_valid_schedule_between_greedy_and_bound(instance):
    pool = candidates(instance)
    baseline = greedy(instance, pool)
    if baseline is None:
        return
    result = solve_large(instance, pool, baseline, began=time.monotonic(), seconds=4)
    screenings = list(result.screenings)
    assert check_schedule(instance, screenings) == []
    assert result.objective == schedule_objective(instance, screenings)
    assert result.greedy_objective <= result.objective <= result.bound
    kept = {(s.film, s.screen, s.start, s.qa_guest) for s in screenings if s.locked}
    assert kept == {(lock.film, lock.screen, lock.start, lock.qa_guest) for lock in instance.locked}
