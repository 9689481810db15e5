"""Each eligibility problem is worded in the reader's language, naming the rule and the values."""

import pytest
from django.utils import translation

from cinebridge.events.eligibility_messages import problem_message, problem_messages
from cinebridge.events.engine.eligibility import RULES, Problem

EXAMPLES = {
    "not_open": ({"opens_on": "2026-06-01", "on": "2026-05-20"}, "The call opens on June 1, 2026"),
    "deadline_passed": ({"deadline": "2026-09-15", "on": "2026-09-20"}, "deadline was Sept. 15, 2026"),
    "kind": (
        {"kind": "feature", "allowed": ["animation", "short"]},
        "Kind of film “Feature” is not accepted: the call takes Animation or Short.",
    ),
    "runtime_short": (
        {"runtime": 1, "min_runtime": 60},
        "Runtime 1 minute is shorter than the call's minimum of 60 minutes.",
    ),
    "runtime_long": (
        {"runtime": 95, "max_runtime": 90},
        "Runtime 95 minutes is longer than the call's limit of 90 minutes.",
    ),
    "year": ({"year": 2019, "min_year": 2024}, "Production year 2019 is too early"),
    "country": (
        {"countries": ["IR", "FR"], "allowed": ["BY", "RU"]},
        "Country of production Iran and France: the call takes films made or co-produced in Belarus or Russia.",
    ),
    "audience": (
        {"audience": "general", "allowed": ["children", "youth"]},
        "Audience “General” is not accepted: the call takes films for Children or Youth.",
    ),
    "premiere": (
        {"premiere": "national", "required": "international"},
        "The call asks for at least “International premiere”; the entry claims “National premiere”.",
    ),
    "premiere_history": (
        {"premiere": "world", "years": [2024, 2025]},
        "“World premiere” cannot be claimed: the film's festival history shows screenings in 2024 and 2025.",
    ),
}


def test_every_rule_has_its_own_sentence():
    assert set(EXAMPLES) == set(RULES)


@pytest.mark.parametrize("rule", RULES)
def test_the_sentence_names_the_rule_and_its_values(rule):
    params, expected = EXAMPLES[rule]
    assert expected in problem_message(Problem(rule, params))


def test_a_stored_problem_reads_like_a_fresh_one():
    stored = {"rule": "runtime_long", "params": {"runtime": 95, "max_runtime": 90}}
    assert problem_messages([stored]) == [problem_message(Problem("runtime_long", stored["params"]))]


def test_a_film_without_countries_is_told_so():
    message = problem_message(Problem("country", {"countries": [], "allowed": ["IR"]}))
    assert message.startswith("The film has no country of production recorded")
    assert "Iran" in message


def test_an_unknown_rule_still_gets_a_sentence():
    assert problem_message({"rule": "moon_phase", "params": {}}) == (
        "The film does not meet the call's rule “moon_phase”."
    )


def test_persian_readers_get_persian_digits_and_the_solar_hijri_date():
    with translation.override("fa"):
        runtime = problem_message(Problem("runtime_long", {"runtime": 95, "max_runtime": 90}))
        opens = problem_message(Problem("not_open", {"opens_on": "2026-03-21", "on": "2026-03-01"}))
    assert "۹۵" in runtime
    assert "۹۰" in runtime
    assert "Runtime" not in runtime
    assert "۱ فروردین ۱۴۰۵" in opens


def test_russian_readers_get_the_right_plural_of_minutes():
    with translation.override("ru"):
        message = problem_message(Problem("runtime_long", {"runtime": 95, "max_runtime": 91}))
    assert "95 минут" in message
    assert "91 минута" in message
