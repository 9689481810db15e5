"""The avails JSON interface: readable errors that name the place, answers in the documented shape."""

from datetime import date
from typing import Any

import pytest

from cinebridge.rights.engine.index import GrantIndex
from cinebridge.rights.engine.jsonio import JsonInputError, answer_scenario, read_scenario, window_text
from cinebridge.rights.engine.types import FOREVER, Exclusivity, RelativeTerm

TODAY = date(2026, 11, 27)


def scenario(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "grants": [
            {
                "id": 1,
                "work": 10,
                "direction": "in",
                "media": "ALL_MEDIA",
                "territories": "WORLD",
                "sublicensable": True,
                "term": {"start": "2026-01-01", "end": None},
            },
            {
                "id": 2,
                "work": 10,
                "direction": "out",
                "media": "THEATRICAL",
                "territories": "BY",
                "exclusivity": "exclusive",
                "term": {"start": "2027-01-01", "end": "2028-01-01"},
            },
            {
                "id": 3,
                "work": 10,
                "direction": "out",
                "media": "SVOD",
                "territories": "IR",
                "exclusivity": "exclusive",
                "term": {"event": "theatrical:BY", "start_after": {"months": 6}},
            },
            {
                "id": 4,
                "work": 11,
                "direction": "in",
                "media": "ON_DEMAND",
                "territories": "CIS + IR",
                "term": {"start": "2026-06-01", "end": "2030-01-01"},
            },
        ],
        "events": {"10": {"theatrical:BY": "2027-03-01"}},
        "queries": [
            {
                "id": "svod",
                "media": "SVOD",
                "territories": ["BY", "RU"],
                "window": {"start": "2027-01-01", "end": "2029-01-01"},
                "exclusive": True,
            },
        ],
    }
    base.update(changes)
    return base


def answers(payload: dict[str, Any]) -> dict[str, Any]:
    read = read_scenario(payload, today=TODAY)
    assert read.grants is not None
    return answer_scenario(read, GrantIndex.build(read.grants, read.events))


def test_expressions_terms_and_events_are_read_into_engine_grants() -> None:
    read = read_scenario(scenario(), today=TODAY)
    assert read.grants is not None
    world, theatrical, waiting, cis = read.grants
    assert {"IR", "BY", "US"} <= world.territories
    assert len(world.media) > 15
    assert theatrical.exclusivity is Exclusivity.EXCLUSIVE
    assert theatrical.term.resolve({}) == (date(2027, 1, 1).toordinal(), date(2028, 1, 1).toordinal())
    assert isinstance(waiting.term, RelativeTerm)
    assert waiting.term.start_after.months == 6
    assert {"BY", "RU", "KZ", "IR"} <= cis.territories
    assert "GE" not in cis.territories
    assert read.events == {10: {"theatrical:BY": date(2027, 3, 1).toordinal()}}


def test_a_query_is_answered_with_works_regions_and_reasons() -> None:
    [answer] = answers(scenario())["answers"]
    assert answer["works"] == [10, 11]
    assert answer["count"] == 2
    first = answer["detail"][0]
    assert first["available"] is True
    assert first["regions"][0]["summary"] == "SVOD: BY + RU from 2026-01-01"


def test_an_unavailable_cell_names_the_grant_that_blocks_it() -> None:
    query = {
        "id": "theatrical",
        "media": "THEATRICAL",
        "territories": "BY",
        "works": [10],
        "window": {"start": "2027-06-01", "end": "2027-07-01"},
        "detail": True,
    }
    [answer] = answers(scenario(queries=[query]))["answers"]
    assert answer["works"] == []
    assert answer["detail"] == []
    everything = {**query, "match": "overlap", "window": {"start": "2027-06-01", "end": "2028-06-01"}}
    [answer] = answers(scenario(queries=[everything]))["answers"]
    [region] = answer["detail"][0]["regions"]
    assert region["blocking"] == [2]
    assert region["windows"] == [{"start": "2028-01-01", "end": None}]


def test_a_conflict_check_names_rule_grant_and_overlap() -> None:
    check = {
        "id": 99,
        "work": 10,
        "direction": "out",
        "media": "THEATRICAL",
        "territories": "CIS",
        "exclusivity": "exclusive",
        "term": {"start": "2027-06-01", "end": "2027-09-01"},
    }
    [result] = answers(scenario(checks=[check], queries=[]))["checks"]
    assert result["ok"] is False
    [conflict] = result["conflicts"]
    assert (conflict["rule"], conflict["grant"]) == ("exclusive_overlap", 2)
    assert conflict["where"]["territories"] == "BY"
    assert conflict["where"]["windows"] == [{"start": "2027-06-01", "end": "2027-09-01"}]


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (
            {"queries": [{"media": "SVOD", "territories": "BY", "window": {"start": "2027-13-01"}}]},
            "queries[0].window.start",
        ),
        ({"queries": [{"media": "SVOD", "territories": "Atlantis"}]}, "queries[0].territories"),
        ({"queries": [{"media": "PAPER", "territories": "BY"}]}, "queries[0].media"),
        ({"queries": [{"media": "SVOD", "territories": "BY", "match": "some"}]}, "queries[0].match"),
        (
            {"queries": [{"media": "SVOD", "territories": "BY", "language_uses": ["ru"]}]},
            "queries[0].language_uses[0]",
        ),
        (
            {
                "queries": [
                    {
                        "media": "SVOD",
                        "territories": "BY",
                        "window": {"start": "2027-01-01", "end": "2027-01-01"},
                    }
                ]
            },
            "queries[0].window.end",
        ),
        (
            {"grants": [{"id": 1, "work": 1, "direction": "sideways", "media": "SVOD", "territories": "BY"}]},
            "grants[0].direction",
        ),
        ({"grants": [{"id": 1, "work": 1, "direction": "in", "territories": "BY"}]}, "grants[0].media"),
    ],
)
def test_bad_input_is_refused_naming_the_place(change: dict[str, Any], path: str) -> None:
    with pytest.raises(JsonInputError) as refused:
        read_scenario(scenario(**change), today=TODAY)
    assert refused.value.path == path


def test_windows_read_for_people_show_the_last_day() -> None:
    start, end = date(2027, 3, 1).toordinal(), date(2028, 3, 1).toordinal()
    assert window_text((start, end)) == "2027-03-01 – 2028-02-29"
    assert window_text((start, FOREVER)) == "from 2027-03-01"


def test_a_check_is_weighed_at_its_contract_date() -> None:
    held = {"id": 1, "work": 10, "direction": "in", "media": "ALL_MEDIA", "territories": "WORLD",
            "sublicensable": True, "licensing_until": "2026-06-30"}  # fmt: skip
    check = {"id": 5, "work": 10, "direction": "out", "media": "SVOD", "territories": "BY",
             "term": {"start": "2027-01-01", "end": "2028-01-01"}}  # fmt: skip
    late, in_time = answers(
        scenario(
            grants=[held], events={}, queries=[], checks=[check, {**check, "contract_date": "2026-05-01"}]
        )
    )["checks"]
    assert [c["rule"] for c in late["conflicts"]] == ["licensing_period_over"]
    assert in_time["ok"] is True
