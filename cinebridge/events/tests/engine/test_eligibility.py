"""The eligibility engine: one example per rule at its boundaries, and random films and calls held against
a brute-force oracle that enumerates what each rule accepts instead of comparing with its bounds."""

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cinebridge.events.engine.eligibility import (
    PREMIERE_ORDER,
    RULES,
    CallRules,
    FilmFacts,
    Problem,
    check_eligibility,
)

DAY = date(2026, 5, 10)
KINDS = ("feature", "short", "documentary", "animation", "series")
AUDIENCES = ("children", "youth", "general")
COUNTRIES = ("IR", "BY", "RU", "AM", "FR")


def film(**fields: Any) -> FilmFacts:
    values: dict[str, Any] = {
        "kind": "feature",
        "audience": "general",
        "year": 2025,
        "runtime": 90,
        "countries": ("IR",),
        "festival_years": (),
    }
    values.update(fields)
    return FilmFacts(**values)


def rules(**fields: Any) -> CallRules:
    values: dict[str, Any] = {
        "kinds": frozenset(),
        "min_runtime": None,
        "max_runtime": None,
        "min_year": None,
        "premiere": "none",
        "countries": frozenset(),
        "audiences": frozenset(),
        "opens_on": DAY - timedelta(days=30),
        "deadline": DAY + timedelta(days=30),
    }
    values.update(fields)
    return CallRules(**values)


def check(facts=None, call=None, *, premiere="none", on=DAY):
    return check_eligibility(facts or film(), call or rules(), premiere=premiere, on=on)


# --- examples, rule by rule ----------------------------------------------------------------------


def test_an_unrestricted_call_takes_any_film():
    assert check() == []


def test_the_call_accepts_entries_from_its_opening_day_to_its_deadline_inclusive():
    call = rules(opens_on=DAY, deadline=DAY + timedelta(days=5))
    assert check(call=call, on=DAY) == []
    assert check(call=call, on=DAY + timedelta(days=5)) == []
    assert check(call=call, on=DAY - timedelta(days=1)) == [
        Problem("not_open", {"opens_on": "2026-05-10", "on": "2026-05-09"})
    ]
    assert check(call=call, on=DAY + timedelta(days=6)) == [
        Problem("deadline_passed", {"deadline": "2026-05-15", "on": "2026-05-16"})
    ]


def test_a_kind_not_named_by_the_call_is_refused_with_the_kinds_it_takes():
    call = rules(kinds=frozenset({"short", "animation"}))
    assert check(film(kind="animation"), call) == []
    assert check(film(kind="feature"), call) == [
        Problem("kind", {"kind": "feature", "allowed": ["animation", "short"]})
    ]


def test_runtime_limits_are_inclusive():
    call = rules(min_runtime=60, max_runtime=90)
    assert check(film(runtime=60), call) == []
    assert check(film(runtime=90), call) == []
    assert check(film(runtime=59), call) == [Problem("runtime_short", {"runtime": 59, "min_runtime": 60})]
    assert check(film(runtime=95), call) == [Problem("runtime_long", {"runtime": 95, "max_runtime": 90})]


def test_a_film_made_before_the_earliest_year_is_refused():
    call = rules(min_year=2024)
    assert check(film(year=2024), call) == []
    assert check(film(year=2023), call) == [Problem("year", {"year": 2023, "min_year": 2024})]


def test_a_co_production_qualifies_through_any_of_its_countries():
    call = rules(countries=frozenset({"BY"}))
    assert check(film(countries=("IR", "BY")), call) == []
    assert check(film(countries=("IR", "FR")), call) == [
        Problem("country", {"countries": ["IR", "FR"], "allowed": ["BY"]})
    ]


def test_a_film_without_a_recorded_country_fails_a_country_rule():
    call = rules(countries=frozenset({"IR"}))
    assert check(film(countries=()), call) == [Problem("country", {"countries": [], "allowed": ["IR"]})]


def test_the_childrens_competition_takes_only_films_for_children_or_youth():
    call = rules(audiences=frozenset({"children", "youth"}))
    assert check(film(audience="youth"), call) == []
    assert check(film(audience="general"), call) == [
        Problem("audience", {"audience": "general", "allowed": ["children", "youth"]})
    ]


@pytest.mark.parametrize(
    ("claimed", "required", "ok"),
    [
        ("world", "international", True),
        ("international", "international", True),
        ("national", "international", False),
        ("none", "national", False),
        ("none", "none", True),
        ("world", "world", True),
        ("international", "world", False),
    ],
)
def test_a_stronger_premiere_satisfies_a_weaker_requirement(claimed, required, ok):
    problems = check(call=rules(premiere=required), premiere=claimed)
    assert problems == ([] if ok else [Problem("premiere", {"premiere": claimed, "required": required})])


def test_a_world_or_international_premiere_cannot_be_claimed_after_festival_screenings():
    shown = film(festival_years=(2025, 2024, 2025))
    assert check(shown, premiere="world") == [
        Problem("premiere_history", {"premiere": "world", "years": [2024, 2025]})
    ]
    assert check(shown, premiere="international") == [
        Problem("premiere_history", {"premiere": "international", "years": [2024, 2025]})
    ]
    # The history names no country: a national premiere may still be true.
    assert check(shown, premiere="national") == []


def test_a_festival_year_after_the_day_of_entry_is_not_an_earlier_screening():
    assert check(film(festival_years=(2027,)), premiere="world", on=DAY) == []


def test_every_broken_rule_is_listed_in_the_rules_order():
    call = rules(
        kinds=frozenset({"short"}),
        max_runtime=30,
        min_year=2025,
        countries=frozenset({"BY"}),
        audiences=frozenset({"children"}),
        premiere="world",
        deadline=DAY - timedelta(days=1),
    )
    problems = check(film(year=2020, festival_years=(2021,)), call, premiere="international")
    assert [p.rule for p in problems] == [
        "deadline_passed",
        "kind",
        "runtime_long",
        "year",
        "country",
        "audience",
        "premiere",
        "premiere_history",
    ]


def test_an_unknown_premiere_status_is_a_programming_error():
    with pytest.raises(ValueError, match="premiere"):
        check(premiere="galactic")


def test_problems_are_json_ready():
    (problem,) = check(film(runtime=95), rules(max_runtime=90))
    assert problem.as_json() == {"rule": "runtime_long", "params": {"runtime": 95, "max_runtime": 90}}


# --- the oracle ----------------------------------------------------------------------------------

_LONGEST = 400  # runtimes and years are enumerated over small ranges
# What each claim covers, spelt out rather than ranked.
_COVERS = {
    "world": {"world", "international", "national", "none"},
    "international": {"international", "national", "none"},
    "national": {"national", "none"},
    "none": {"none"},
}
_ORDER = [
    "not_open",
    "deadline_passed",
    "kind",
    "runtime_short",
    "runtime_long",
    "year",
    "country",
    "audience",
    "premiere",
    "premiere_history",
]


def oracle(facts: FilmFacts, call: CallRules, premiere: str, on: date) -> list[Problem]:
    found: dict[str, dict[str, Any]] = {}
    open_days = {call.opens_on + timedelta(days=i) for i in range((call.deadline - call.opens_on).days + 1)}
    if on not in open_days:
        if all(on < day for day in open_days):
            found["not_open"] = {"opens_on": call.opens_on.isoformat(), "on": on.isoformat()}
        else:
            found["deadline_passed"] = {"deadline": call.deadline.isoformat(), "on": on.isoformat()}
    if call.kinds and not any(kind == facts.kind for kind in call.kinds):
        found["kind"] = {"kind": facts.kind, "allowed": sorted(call.kinds)}
    long_enough = set(range(call.min_runtime or 0, _LONGEST + 1))
    short_enough = set(range((call.max_runtime if call.max_runtime is not None else _LONGEST) + 1))
    if facts.runtime not in long_enough:
        found["runtime_short"] = {"runtime": facts.runtime, "min_runtime": call.min_runtime}
    if facts.runtime not in short_enough:
        found["runtime_long"] = {"runtime": facts.runtime, "max_runtime": call.max_runtime}
    if call.min_year is not None and facts.year in range(1888, call.min_year):
        found["year"] = {"year": facts.year, "min_year": call.min_year}
    if call.countries and all(country not in call.countries for country in facts.countries):
        found["country"] = {"countries": list(facts.countries), "allowed": sorted(call.countries)}
    if call.audiences and facts.audience not in list(call.audiences):
        found["audience"] = {"audience": facts.audience, "allowed": sorted(call.audiences)}
    if call.premiere not in _COVERS[premiere]:
        found["premiere"] = {"premiere": premiere, "required": call.premiere}
    earlier = sorted({year for year in facts.festival_years if date(year, 1, 1) <= on})
    if premiere in ("world", "international") and earlier:
        found["premiere_history"] = {"premiere": premiere, "years": earlier}
    return [Problem(rule, found[rule]) for rule in _ORDER if rule in found]


def _optional(strategy):
    return st.none() | strategy


@st.composite
def scenarios(draw):
    facts = FilmFacts(
        kind=draw(st.sampled_from(KINDS)),
        audience=draw(st.sampled_from(AUDIENCES)),
        year=draw(st.integers(2015, 2027)),
        runtime=draw(st.integers(1, 200)),
        countries=tuple(draw(st.lists(st.sampled_from(COUNTRIES), max_size=3, unique=True))),
        festival_years=tuple(draw(st.lists(st.integers(2015, 2028), max_size=3))),
    )
    low = draw(_optional(st.integers(1, 150)))
    high = draw(_optional(st.integers(low or 1, 200)))
    opens_on = DAY + timedelta(days=draw(st.integers(-20, 20)))
    call = CallRules(
        kinds=frozenset(draw(st.sets(st.sampled_from(KINDS), max_size=3))),
        min_runtime=low,
        max_runtime=high,
        min_year=draw(_optional(st.integers(2015, 2027))),
        premiere=draw(st.sampled_from(PREMIERE_ORDER)),
        countries=frozenset(draw(st.sets(st.sampled_from(COUNTRIES), max_size=2))),
        audiences=frozenset(draw(st.sets(st.sampled_from(AUDIENCES), max_size=2))),
        opens_on=opens_on,
        deadline=opens_on + timedelta(days=draw(st.integers(0, 20))),
    )
    return facts, call, draw(st.sampled_from(PREMIERE_ORDER)), DAY


@settings(max_examples=400, deadline=None)
@given(scenarios())
def test_the_engine_agrees_with_the_oracle(scenario):
    facts, call, premiere, on = scenario
    assert check_eligibility(facts, call, premiere=premiere, on=on) == oracle(facts, call, premiere, on)


@settings(deadline=None)
@given(scenarios())
def test_lifting_a_restriction_never_adds_a_problem(scenario):
    facts, call, premiere, on = scenario
    before = {p.rule for p in check_eligibility(facts, call, premiere=premiere, on=on)}
    lifted = CallRules(
        kinds=frozenset(),
        min_runtime=None,
        max_runtime=call.max_runtime,
        min_year=call.min_year,
        premiere="none",
        countries=frozenset(),
        audiences=call.audiences,
        opens_on=call.opens_on,
        deadline=call.deadline,
    )
    after = {p.rule for p in check_eligibility(facts, lifted, premiere=premiere, on=on)}
    assert after <= before
    assert not after & {"kind", "runtime_short", "premiere", "country"}


@settings(deadline=None)
@given(scenarios())
def test_problems_come_once_each_in_the_published_order(scenario):
    facts, call, premiere, on = scenario
    codes = [p.rule for p in check_eligibility(facts, call, premiere=premiere, on=on)]
    assert codes == sorted(set(codes), key=RULES.index)
