"""Large instances of the schedule optimiser (docs/scheduling.md, "Large instances"): a large-neighbourhood
search from the greedy schedule, with the upper bound from a linear relaxation solved by GLOP.

On a 260,000-candidate film week CP-SAT does not finish its root LP within a minute, so it neither
improves the greedy schedule nor proves a useful bound. Here the two jobs are split: `lp_bound` solves a
relaxation whose optimum is a true upper bound, and `improve` frees a window of screen-days of the
incumbent and re-solves it exactly with the same CP-SAT model (`scheduling.build_model`), everything
else kept, accepting the result only when it is at least as good. Pure Python.
"""

from __future__ import annotations

import math
import random
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from cinebridge.events.engine.scheduling import (
    MINUTES_PER_DAY,
    Candidate,
    Instance,
    ProgressCallback,
    Schedule,
    Status,
    _key,
    _objective_of,
    _Placement,
    build_model,
)

__all__ = ["improve", "lp_bound", "simple_bound", "solve_large"]

Cell = tuple[str, int]  # (screen, day number counted from the first day)


def _cell(c: Candidate) -> Cell:
    return (c.screen, c.start // MINUTES_PER_DAY)


def simple_bound(instance: Instance, pool: Sequence[Candidate]) -> int:
    """Each film's `max_screenings` most valuable candidates and every premiere bonus, all conflicts
    ignored: weak, but an upper bound that needs no solver (the fallback of `lp_bound`)."""
    values: dict[str, list[int]] = defaultdict(list)
    for c in pool:
        values[c.film].append(c.value)
    total = 0
    for film in instance.films:
        best = sorted(values.get(film.id, ()), reverse=True)[: film.max_screenings]
        total += sum(best)
        if film.premiere and best:
            total += instance.premiere_bonus
    return total


def lp_bound(instance: Instance, pool: Sequence[Candidate], seconds: float) -> int | None:
    """An upper bound on every schedule's objective: the optimum of a linear relaxation, rounded down.

    The relaxation keeps each screen's "one screening at a time" as a unit of flow along the screen's
    grid points (a chosen candidate is an arc from its start to the first grid point of the screen's
    clock at or after the end of its changeover; starts lie on that grid, so this is exactly the
    no-overlap rule, and its LP is integral), each film's and Q&A request's maximum, and the premiere bonus as a variable at most the
    film's number of screenings and at most 1. It drops the city and guest rules, the minimums and the
    locks: dropping constraints can only raise the optimum, so the LP optimum bounds the real one. The
    objective is integral, so the bound is the LP value rounded down (after a 1e-3 allowance for the
    solver's tolerances). None when GLOP does not finish in `seconds`."""
    from ortools.linear_solver import pywraplp  # type: ignore[import-untyped]

    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:
        return None
    solver.SetTimeLimit(max(1, int(seconds * 1000)))
    infinity = solver.infinity()
    chosen = [solver.NumVar(0.0, 1.0, "") for _ in pool]
    objective = solver.Objective()
    objective.SetMaximization()
    leaving: dict[tuple[str, int], list[int]] = defaultdict(list)
    arriving: dict[tuple[str, int], list[int]] = defaultdict(list)
    points: dict[str, set[int]] = defaultdict(set)
    grid = instance.grid
    for i, c in enumerate(pool):
        objective.SetCoefficient(chosen[i], c.value)
        shift = instance.screen(c.screen).local_offset  # the screen's starts lie on its own clock's grid
        end = -(-(c.start + c.occupancy + shift) // grid) * grid - shift
        leaving[(c.screen, c.start)].append(i)
        arriving[(c.screen, end)].append(i)
        points[c.screen].update((c.start, end))
    for screen, found in points.items():
        ordered = sorted(found)
        idle = [solver.NumVar(0.0, 1.0, "") for _ in ordered[1:]]
        first = solver.Constraint(-infinity, 1.0)
        for i in leaving[(screen, ordered[0])]:
            first.SetCoefficient(chosen[i], 1.0)
        first.SetCoefficient(idle[0], 1.0)
        for k in range(1, len(ordered) - 1):
            row = solver.Constraint(0.0, 0.0)  # what arrives leaves
            for i in arriving[(screen, ordered[k])]:
                row.SetCoefficient(chosen[i], 1.0)
            row.SetCoefficient(idle[k - 1], 1.0)
            for i in leaving[(screen, ordered[k])]:
                row.SetCoefficient(chosen[i], -1.0)
            row.SetCoefficient(idle[k], -1.0)
    by_film: dict[str, list[int]] = defaultdict(list)
    by_qa: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(pool):
        by_film[c.film].append(i)
        if c.qa_guest is not None:
            by_qa[(c.film, c.qa_guest)].append(i)
    for film in instance.films:
        members = by_film.get(film.id, [])
        if not members:
            continue
        most = solver.Constraint(-infinity, float(film.max_screenings))
        for i in members:
            most.SetCoefficient(chosen[i], 1.0)
        if film.premiere:
            shown = solver.NumVar(0.0, 1.0, "")
            objective.SetCoefficient(shown, instance.premiere_bonus)
            row = solver.Constraint(-infinity, 0.0)  # shown <= screenings of the film
            row.SetCoefficient(shown, 1.0)
            for i in members:
                row.SetCoefficient(chosen[i], -1.0)
    for request in instance.qa_requests:
        if request.max is None or not by_qa.get((request.film, request.guest)):
            continue
        row = solver.Constraint(-infinity, float(request.max))
        for i in by_qa[(request.film, request.guest)]:
            row.SetCoefficient(chosen[i], 1.0)
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    value: float = solver.Objective().Value()
    return math.floor(value + 1e-3)


def improve(
    instance: Instance,
    pool: Sequence[Candidate],
    incumbent: Sequence[Candidate],
    window: set[Cell],
    *,
    seconds: float,
    workers: int = 2,
    seed: int = 0,
) -> tuple[list[Candidate], bool]:
    """Re-solve the incumbent's screenings in `window` (screen-days) with CP-SAT, the others and the
    locks kept. Returns a schedule at least as good as the incumbent (the incumbent itself when the
    solver finds nothing better) and whether the sub-problem was solved to optimality."""
    from ortools.sat.python import cp_model

    locked = {_key(lock) for lock in instance.locked}
    fixed = [c for c in incumbent if _cell(c) not in window or _key(c) in locked]
    fixed_keys = {_key(c) for c in fixed}
    freed = [c for c in incumbent if _key(c) not in fixed_keys]
    placement = _Placement(instance)
    for c in fixed:
        placement.add(c)
    # Only candidates that fit beside the kept screenings: the rules between the window and the rest
    # are then met, and what remains to decide is the window's own sub-problem.
    sub_pool = [c for c in pool if _cell(c) in window and _key(c) not in locked and placement.fits(c)]
    shown = placement.count
    films = tuple(
        replace(
            film,
            min_screenings=max(0, film.min_screenings - shown[film.id]),
            max_screenings=film.max_screenings - shown[film.id],
            premiere=film.premiere and shown[film.id] == 0,
        )
        for film in instance.films
    )
    held = placement.qa_count
    requests = tuple(
        replace(
            request,
            min=max(0, request.min - held[(request.film, request.guest)]),
            max=None if request.max is None else request.max - held[(request.film, request.guest)],
        )
        for request in instance.qa_requests
    )
    sub = replace(instance, films=films, qa_requests=requests, locked=())
    model, chosen = build_model(sub, sub_pool, freed)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return list(incumbent), False
    candidate = fixed + [c for i, c in enumerate(sub_pool) if solver.value(chosen[i])]
    if _objective_of(instance, candidate) < _objective_of(instance, incumbent):
        return list(incumbent), status == cp_model.OPTIMAL
    return candidate, status == cp_model.OPTIMAL


def _window(rng: random.Random, cells: Sequence[Cell], size: int) -> set[Cell]:
    """Half the time screen-days drawn at random over the whole schedule (moves a film's screening
    far away), half the time all screens of a few neighbouring days (local exchanges)."""
    if rng.random() < 0.5 or size >= len(cells):
        return set(rng.sample(list(cells), min(size, len(cells))))
    days = sorted({day for _, day in cells})
    screens = sorted({screen for screen, _ in cells})
    span = max(1, min(len(days), 2))
    first = rng.randrange(len(days) - span + 1)
    chosen_days = set(days[first : first + span])
    picked = rng.sample(screens, min(len(screens), max(1, size // span)))
    return {(screen, day) for screen in picked for day in chosen_days} & set(cells)


def solve_large(
    instance: Instance,
    pool: Sequence[Candidate],
    baseline: Sequence[Candidate],
    *,
    began: float,
    seconds: float,
    workers: int = 2,
    seed: int = 0,
    progress: ProgressCallback | None = None,
    rejections: dict[str, dict[str, int]] | None = None,
) -> Schedule:
    """The greedy schedule improved by LNS until `seconds` (counted from `began`) or the bound is met."""
    deadline = began + seconds
    left = deadline - time.monotonic()
    bound = lp_bound(instance, pool, seconds=max(1.0, 0.3 * left))
    if bound is None:
        bound = simple_bound(instance, pool)
    greedy_objective = _objective_of(instance, baseline)
    incumbent = list(baseline)
    value = greedy_objective
    rng = random.Random(seed)  # noqa: S311 - window choice, reproducible by seed
    cells = sorted({_cell(c) for c in pool})
    size = 12
    while value < bound:
        left = deadline - time.monotonic()
        if left < 1.5:
            break
        window = _window(rng, cells, size)
        incumbent, optimal = improve(
            instance, pool, incumbent, window, seconds=min(4.0, left - 1.0), workers=workers, seed=seed
        )
        # Grow the window while its sub-problems are solved to the end, shrink it when they are not.
        size = min(len(cells), size + 2) if optimal else max(4, size - 2)
        better = _objective_of(instance, incumbent)
        if better > value and progress is not None:
            progress(better, bound, time.monotonic() - began)
        value = better
    locked = {_key(lock) for lock in instance.locked}
    screenings = tuple(
        sorted(
            (c.screening(locked=_key(c) in locked) for c in incumbent),
            key=lambda s: (s.start, s.screen, s.film),
        )
    )
    status: Status = "optimal" if value >= bound else "feasible"
    return Schedule(
        status, screenings, value, bound, greedy_objective, time.monotonic() - began, (), rejections or {}
    )
