"""The avails engine agrees exactly with a brute-force day-grid oracle on random grants."""

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from cinebridge.rights.engine.avails import Outcome, Row, canonical_regions
from cinebridge.rights.engine.index import GrantIndex, avails_detail, avails_search
from cinebridge.rights.engine.types import (
    BEGINNING,
    FOREVER,
    AvailsQuery,
    Day,
    Direction,
    Exclusivity,
    FixedTerm,
    Grant,
    LanguageUse,
    Match,
    Offset,
    RelativeTerm,
    Status,
    Term,
    Use,
    WorkAvails,
    WorkId,
)

BASE = date(2027, 1, 1).toordinal()
HORIZON = 200  # every finite day of a scenario lies inside (BASE, BASE + HORIZON - 1)
MEDIA = ("THEATRICAL", "SVOD", "TVOD")
TERRITORIES = ("IR", "BY", "RU")
LANGUAGE_USES = (LanguageUse("fa", Use.ORIGINAL), LanguageUse("ru", Use.DUBBED))
EVENTS = ("theatrical:BY", "theatrical:IR")
WORKS = (1, 2, 3)


@dataclass(frozen=True)
class Scenario:
    grants: list[Grant]
    events: dict[WorkId, dict[str, Day]]
    queries: list[AvailsQuery]


def days(low: int, high: int) -> st.SearchStrategy[Day]:
    """Days between BASE+low and BASE+high, often on a coarse grid so that boundaries meet."""
    marks = [BASE + d for d in range(low, high + 1) if d % 10 == 0]
    return (
        st.sampled_from(marks) | st.integers(BASE + low, BASE + high)
        if marks
        else st.integers(BASE + low, BASE + high)
    )


def subsets(items: Sequence[str]) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from(items), min_size=1)


def language_sets() -> st.SearchStrategy[frozenset[LanguageUse] | None]:
    return st.none() | st.frozensets(st.sampled_from(LANGUAGE_USES), min_size=1)


@st.composite
def terms(draw: st.DrawFn) -> Term:
    if draw(st.booleans()):
        start = draw(st.just(BEGINNING) | days(1, 80))
        first = max(start, BASE + 1) - BASE
        end = draw(st.just(FOREVER) | days(first + 1, first + 80))
        return FixedTerm(start, end)
    offsets = st.builds(Offset, months=st.integers(0, 1), days=st.integers(0, 20))
    duration = st.none() | st.builds(Offset, months=st.integers(0, 1), days=st.integers(1, 20))
    return RelativeTerm(draw(st.sampled_from(EVENTS)), draw(offsets), draw(duration))


@st.composite
def grants(draw: st.DrawFn, grant_id: int) -> Grant:
    exclusivity = draw(st.sampled_from(Exclusivity))
    direction = draw(
        st.sampled_from([Direction.IN, Direction.IN, Direction.OUT, Direction.OUT, Direction.HOLDBACK])
    )
    # Broad holdings (everything, always) are common in life and make the other grants matter.
    broad = direction is Direction.IN and draw(st.booleans())
    return Grant(
        id=grant_id,
        work=draw(st.sampled_from(WORKS)),
        direction=direction,
        media=frozenset(MEDIA) if broad else draw(subsets(MEDIA)),
        territories=frozenset(TERRITORIES) if broad else draw(subsets(TERRITORIES)),
        term=FixedTerm() if broad and draw(st.booleans()) else draw(terms()),
        language_uses=None if broad else draw(language_sets()),
        exclusivity=exclusivity,
        co_exclusive_group="g" if exclusivity is Exclusivity.CO_EXCLUSIVE else "",
        status=draw(st.sampled_from([Status.ACTIVE, Status.ACTIVE, Status.PENDING, Status.EXPIRED])),
    )


@st.composite
def queries(draw: st.DrawFn, boundaries: Sequence[Day] = ()) -> AvailsQuery:
    """A query whose window often starts or ends exactly where some grant starts or ends."""
    inside = sorted({b for b in boundaries if BASE < b < BASE + HORIZON - 1})
    start = draw(st.sampled_from(inside) | days(1, 150) if inside else days(1, 150))
    later = [b for b in inside if b > start]
    end = draw(
        st.sampled_from(later) | days(start - BASE + 1, HORIZON - 1)
        if later
        else days(start - BASE + 1, HORIZON - 1)
    )
    return AvailsQuery(
        media=draw(st.frozensets(st.sampled_from(MEDIA), min_size=1, max_size=2)),
        territories=draw(st.frozensets(st.sampled_from(TERRITORIES), min_size=1, max_size=2)),
        window=(start, end),
        exclusive=draw(st.booleans()),
        match=draw(st.sampled_from(Match)),
        language_uses=draw(language_sets()),
        works=draw(st.none() | st.frozensets(st.sampled_from(WORKS))),
        min_window_days=draw(st.integers(1, 12)),
        blocking_statuses=draw(
            st.sampled_from([frozenset({Status.ACTIVE}), frozenset({Status.ACTIVE, Status.PENDING})])
        ),
    )


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    count = draw(st.integers(0, 9))
    drawn = [draw(grants(grant_id)) for grant_id in range(1, count + 1)]
    events = {work: draw(st.dictionaries(st.sampled_from(EVENTS), days(1, 60))) for work in WORKS}
    boundaries = [
        day
        for grant in drawn
        for work_events in [events[grant.work]]
        for span in [grant.term.resolve(work_events)]
        if span is not None
        for day in span
    ]
    return Scenario(drawn, events, draw(st.lists(queries(boundaries), min_size=1, max_size=4)))


# --- the oracle: one cell, one day at a time ----------------------------------------------
def _days(grant: Grant, events: Mapping[str, Day], unresolved_means_always: bool) -> set[Day]:
    span = grant.term.resolve(events)
    if span is None:
        return set(range(BASE, BASE + HORIZON)) if unresolved_means_always else set()
    return set(range(max(span[0], BASE), min(span[1], BASE + HORIZON)))


def _touches(grant: Grant, medium: str, territory: str, use: LanguageUse | None) -> bool:
    language_ok = use is None or grant.language_uses is None or use in grant.language_uses
    return medium in grant.media and territory in grant.territories and language_ok


def _is_blocking(grant: Grant, query: AvailsQuery) -> bool:
    if grant.status not in query.blocking_statuses:
        return False
    if grant.direction == Direction.HOLDBACK:
        return True
    if grant.direction == Direction.OUT:
        return query.exclusive or grant.exclusivity in (Exclusivity.EXCLUSIVE, Exclusivity.CO_EXCLUSIVE)
    return False


def _runs(days: set[Day]) -> list[tuple[Day, Day]]:
    runs: list[tuple[Day, Day]] = []
    for current in sorted(days):
        if runs and runs[-1][1] == current:
            runs[-1] = (runs[-1][0], current + 1)
        else:
            runs.append((current, current + 1))
    # The grid's edges stand for the open beginning and the open end.
    return [(BEGINNING if s == BASE else s, FOREVER if e == BASE + HORIZON else e) for s, e in runs]


def oracle_cell(
    grants_of_work: list[Grant],
    events: Mapping[str, Day],
    query: AvailsQuery,
    cell: tuple[str, str, LanguageUse | None],
) -> Outcome:
    medium, territory, use = cell
    held: set[Day] = set()
    blocked: set[Day] = set()
    reasons = set()
    window_days = set(range(*query.window))
    for grant in grants_of_work:
        if not _touches(grant, medium, territory, use):
            continue
        if grant.direction == Direction.IN and grant.status == Status.ACTIVE:
            held |= _days(grant, events, unresolved_means_always=False)
        if _is_blocking(grant, query):
            days = _days(grant, events, unresolved_means_always=True)
            blocked |= days
            if days & window_days:
                reasons.add(grant.id)
    windows = []
    for start, end in _runs(held - blocked):
        inside = len(set(range(max(start, BASE), min(end, BASE + HORIZON))) & window_days)
        if inside >= query.min_window_days:
            windows.append((start, end))
    if query.match == Match.COVER_ENTIRE:
        available = any(start <= query.window[0] and end >= query.window[1] for start, end in windows)
    else:
        available = bool(windows)
    return Outcome(available, tuple(windows), tuple(sorted(reasons)), not window_days <= held)


def oracle_detail(scenario: Scenario, query: AvailsQuery, work: WorkId) -> WorkAvails:
    own = [g for g in scenario.grants if g.work == work]
    events = scenario.events[work]
    uses: Sequence[LanguageUse | None] = (
        [None] if query.language_uses is None else sorted(query.language_uses)
    )
    rows: list[Row] = []
    for medium in query.media:
        for use in uses:
            partition: dict[Outcome, set[str]] = {}
            for territory in query.territories:
                outcome = oracle_cell(own, events, query, (medium, territory, use))
                partition.setdefault(outcome, set()).add(territory)
            rows.append((frozenset({medium}), use, {o: frozenset(t) for o, t in partition.items()}))
    regions = canonical_regions(rows)
    judge = all if query.match == Match.COVER_ENTIRE else any
    return WorkAvails(work, judge(region.available for region in regions), regions)


def oracle_search(scenario: Scenario, query: AvailsQuery) -> list[WorkId]:
    works = {g.work for g in scenario.grants}
    if query.works is not None:
        works &= query.works
    return sorted(w for w in works if oracle_detail(scenario, query, w).available)


# --- the properties ------------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_engine_agrees_with_day_grid_oracle(scenario: Scenario) -> None:
    index = GrantIndex.build(scenario.grants, scenario.events)
    for query in scenario.queries:
        assert avails_search(index, query) == oracle_search(scenario, query)
        for work in WORKS:
            if index.grants_of(work):
                assert avails_detail(index, query, work) == oracle_detail(scenario, query, work)


@settings(max_examples=60, deadline=None)
@given(scenarios(), scenarios())
def test_an_index_patched_work_by_work_answers_like_one_built_fresh(
    first: Scenario, second: Scenario
) -> None:
    index = GrantIndex.build(first.grants, first.events)
    index.replace_works(
        {work: ([g for g in second.grants if g.work == work], second.events[work]) for work in WORKS}
    )
    for query in second.queries:
        assert avails_search(index, query) == oracle_search(second, query)


@settings(max_examples=50, deadline=None)
@given(scenarios())
def test_a_restricted_query_answers_like_the_catalogue_wide_one(scenario: Scenario) -> None:
    index = GrantIndex.build(scenario.grants, scenario.events)
    for query in scenario.queries:
        everywhere = avails_search(index, replace(query, works=None))
        only = frozenset(WORKS[:2])
        assert avails_search(index, replace(query, works=only)) == [w for w in everywhere if w in only]


@st.composite
def blocked_edges(draw: st.DrawFn) -> Scenario:
    """One work held everywhere, always; blocking grants; windows that start or end on their edges."""
    held = Grant(1, 1, Direction.IN, frozenset(MEDIA), frozenset(TERRITORIES))
    blockers = [
        replace(draw(grants(grant_id)), work=1, status=Status.ACTIVE, direction=Direction.OUT)
        for grant_id in range(2, draw(st.integers(2, 5)))
    ]
    scenario = draw(scenarios())
    events = {work: scenario.events[work] for work in WORKS}
    edges = [d for g in blockers if (span := g.term.resolve(events[1])) is not None for d in span]
    return Scenario([held, *blockers], events, draw(st.lists(queries(edges), min_size=2, max_size=6)))


@settings(max_examples=150, deadline=None)
@given(blocked_edges())
def test_windows_that_touch_a_blocking_grant_edge_agree_with_the_oracle(scenario: Scenario) -> None:
    index = GrantIndex.build(scenario.grants, scenario.events)
    for query in scenario.queries:
        assert avails_search(index, query) == oracle_search(scenario, query)
        assert avails_detail(index, query, 1) == oracle_detail(scenario, query, 1)


@st.composite
def tiled_holdings(draw: st.DrawFn, work: WorkId, first_id: int) -> list[Grant]:
    """IN grants that tile media × territories × time in pieces (renewals, regional splits), maybe with a hole."""
    splits: list[list[tuple[str, ...]]] = [
        [TERRITORIES],
        [("IR",), ("BY", "RU")],
        [("IR",), ("BY",), ("RU",)],
    ]
    media_splits: list[list[tuple[str, ...]]] = [[MEDIA], [("THEATRICAL",), ("SVOD", "TVOD")]]
    territory_groups = draw(st.sampled_from(splits))
    media_groups = draw(st.sampled_from(media_splits))
    pieces: list[tuple[frozenset[str], frozenset[str], FixedTerm]] = []
    for territories in territory_groups:
        for media in media_groups:
            cuts = sorted(draw(st.sets(days(1, 190), max_size=3)))
            bounds = [BEGINNING, *cuts, FOREVER]
            pieces.extend(
                (frozenset(media), frozenset(territories), FixedTerm(start, end))
                for start, end in itertools.pairwise(bounds)
            )
    if draw(st.booleans()):
        del pieces[draw(st.integers(0, len(pieces) - 1))]  # a hole
    return [
        Grant(first_id + i, work, Direction.IN, media, territories, term)
        for i, (media, territories, term) in enumerate(pieces)
    ]


@st.composite
def tiled_scenarios(draw: st.DrawFn) -> Scenario:
    held = [g for work in WORKS for g in draw(tiled_holdings(work, 1000 * work))]
    others = [g for g in draw(scenarios()).grants if g.direction is not Direction.IN]
    grants_ = held + others
    boundaries = [d for g in grants_ for span in [g.term.resolve({})] if span is not None for d in span]
    queries_ = [replace(q, works=None) for q in draw(st.lists(queries(boundaries), min_size=2, max_size=6))]
    return Scenario(grants_, {work: {} for work in WORKS}, queries_)


@settings(max_examples=150, deadline=None)
@given(tiled_scenarios())
def test_holdings_pieced_together_in_time_and_space_agree_with_the_oracle(scenario: Scenario) -> None:
    index = GrantIndex.build(scenario.grants, scenario.events)
    for query in scenario.queries:
        assert avails_search(index, query) == oracle_search(scenario, query)
