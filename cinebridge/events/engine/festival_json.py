"""The festival engines' JSON interface: eligibility of an entry and a jury's aggregate. Pure Python.

One format for the Python functions, `python manage.py eligibility|jury --input file.json` and
`POST /api/v1/engines/eligibility|jury`, documented in docs/engines.md. Dates are ISO strings
("2026-05-02"), countries ISO 3166 alpha-2 codes ("IR"), the jury's mean a decimal string ("8.67").
Every error names where it is (`film.runtime`, `scores[2].member`) and carries a stable `code` with
`params`, as the schedule's and the royalties' readers do; the helpers are the shared ones of
`cinebridge.core.engine.jsonin`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from functools import partial
from typing import Any

from cinebridge.core.engine import jsonin
from cinebridge.core.engine.jsonin import JsonInputError, at

from .eligibility import PREMIERE_ORDER, CallRules, FilmFacts, Problem, check_eligibility
from .jury import MAX_SCORE, MIN_SCORE, Aggregate, Score, aggregate

__all__ = [
    "ELIGIBILITY",
    "FORMAT",
    "JURY",
    "FestivalInputError",
    "aggregate_to_json",
    "eligibility_from_json",
    "eligibility_input_from_json",
    "eligibility_to_json",
    "jury_from_json",
    "scores_from_json",
]

ELIGIBILITY = "eligibility"
JURY = "jury"
FORMAT = 1

MAX_MINUTES = 32767  # runtimes are stored as small positive integers
MAX_YEAR = 9999
MAX_MEMBER = 2**63 - 1
_COUNTRY = re.compile(r"[A-Z]{2}")

_KEYS = {
    ELIGIBILITY: ("film", "call", "premiere", "on"),
    "film": ("kind", "audience", "year", "runtime", "countries", "festival_years"),
    "call": ("kinds", "min_runtime", "max_runtime", "min_year", "premiere", "countries", "audiences",
             "opens_on", "deadline"),
    JURY: ("scores",),
    "scores": ("member", "score", "conflicted"),
}  # fmt: skip


class FestivalInputError(JsonInputError):
    """Bad eligibility or jury input at `path`, with a stable `code` and its `params` (docs/engines.md);
    `festival_json_messages` words it in the user's language. The message is English."""


_object = partial(jsonin.json_object, error=FestivalInputError)
_list = partial(jsonin.json_list, error=FestivalInputError)
_text = partial(jsonin.text, error=FestivalInputError)
_whole = partial(jsonin.whole, error=FestivalInputError)
_boolean = partial(jsonin.boolean, error=FestivalInputError)
_choice = partial(jsonin.choice, error=FestivalInputError)
_date = partial(jsonin.iso_date, error=FestivalInputError)


# --- eligibility ------------------------------------------------------------------------------
def eligibility_input_from_json(data: Any) -> tuple[FilmFacts, CallRules, str, date]:
    """The film's facts, the call's rules, the premiere claimed and the day of entry;
    FestivalInputError naming the place on bad input."""
    data = _object(data, "", _KEYS[ELIGIBILITY])
    film = _film(data.get("film"), "film")
    rules = _call(data.get("call"), "call")
    premiere = _choice(data.get("premiere", "none"), "premiere", PREMIERE_ORDER)
    on = _date(data.get("on"), "on")
    return film, rules, premiere, on


def _film(value: Any, path: str) -> FilmFacts:
    if value is None:
        raise FestivalInputError(path, "this field is required", code="required")
    row = _object(value, path, _KEYS["film"])
    return FilmFacts(
        kind=_text(row.get("kind"), at(path, "kind")),
        audience=_text(row.get("audience"), at(path, "audience")),
        year=_whole(row.get("year"), at(path, "year"), minimum=1, maximum=MAX_YEAR),
        runtime=_whole(row.get("runtime"), at(path, "runtime"), minimum=1, maximum=MAX_MINUTES),
        countries=tuple(_countries(row.get("countries"), at(path, "countries"))),
        festival_years=tuple(
            _whole(year, f"{at(path, 'festival_years')}[{index}]", minimum=1, maximum=MAX_YEAR)
            for index, year in enumerate(_list(row.get("festival_years"), at(path, "festival_years")))
        ),
    )


def _call(value: Any, path: str) -> CallRules:
    if value is None:
        raise FestivalInputError(path, "this field is required", code="required")
    row = _object(value, path, _KEYS["call"])
    min_runtime = _optional_whole(row, "min_runtime", path, minimum=0, maximum=MAX_MINUTES)
    max_runtime = _optional_whole(row, "max_runtime", path, minimum=0, maximum=MAX_MINUTES)
    if min_runtime is not None and max_runtime is not None and max_runtime < min_runtime:
        raise FestivalInputError(
            at(path, "max_runtime"),
            f"the maximum ({max_runtime}) is below the minimum ({min_runtime})",
            code="min_max",
            params={"min": min_runtime, "max": max_runtime},
        )
    opens_on = _date(row.get("opens_on"), at(path, "opens_on"))
    deadline = _date(row.get("deadline"), at(path, "deadline"))
    if deadline < opens_on:
        raise FestivalInputError(
            at(path, "deadline"),
            f"the deadline {deadline.isoformat()} is before the opening day {opens_on.isoformat()}",
            code="order",
            params={"opens_on": opens_on.isoformat(), "deadline": deadline.isoformat()},
        )
    return CallRules(
        kinds=frozenset(_texts(row.get("kinds"), at(path, "kinds"))),
        min_runtime=min_runtime,
        max_runtime=max_runtime,
        min_year=_optional_whole(row, "min_year", path, minimum=1, maximum=MAX_YEAR),
        premiere=_choice(row.get("premiere", "none"), at(path, "premiere"), PREMIERE_ORDER),
        countries=frozenset(_countries(row.get("countries"), at(path, "countries"))),
        audiences=frozenset(_texts(row.get("audiences"), at(path, "audiences"))),
        opens_on=opens_on,
        deadline=deadline,
    )


def _optional_whole(row: Mapping[str, Any], key: str, path: str, *, minimum: int, maximum: int) -> int | None:
    value = row.get(key)
    return None if value is None else _whole(value, at(path, key), minimum=minimum, maximum=maximum)


def _texts(value: Any, path: str) -> list[str]:
    return [_text(item, f"{path}[{index}]") for index, item in enumerate(_list(value, path))]


def _countries(value: Any, path: str) -> list[str]:
    codes = []
    for index, item in enumerate(_list(value, path)):
        if not isinstance(item, str) or not _COUNTRY.fullmatch(item):
            raise FestivalInputError(
                f"{path}[{index}]",
                f"not an ISO 3166 alpha-2 country code like IR: {item!r}",
                code="country",
                params={"value": str(item)},
            )
        codes.append(item)
    return codes


def eligibility_to_json(problems: list[Problem], *, describe: Callable[[Problem], str]) -> dict[str, Any]:
    """The answer: eligible when no rule is broken, and each broken rule with its params and the
    sentence `describe` words it with."""
    return {
        "engine": ELIGIBILITY,
        "format": FORMAT,
        "eligible": not problems,
        "problems": [{**problem.as_json(), "message": describe(problem)} for problem in problems],
    }


def eligibility_from_json(data: Any, *, describe: Callable[[Problem], str]) -> dict[str, Any]:
    """Input JSON → answer JSON: what the command prints and the endpoint answers when `describe` is
    `eligibility_messages.problem_message` (the sentence in the active language)."""
    film, rules, premiere, on = eligibility_input_from_json(data)
    return eligibility_to_json(check_eligibility(film, rules, premiere=premiere, on=on), describe=describe)


# --- jury -----------------------------------------------------------------------------------
def scores_from_json(data: Any) -> list[Score]:
    """The jury's scores; a member listed twice or a score outside 1..10 is refused at its place."""
    data = _object(data, "", _KEYS[JURY])
    scores: list[Score] = []
    seen: dict[int, str] = {}
    for path, row in jsonin.objects(data, "scores", "", _KEYS["scores"], error=FestivalInputError):
        member = _whole(row.get("member"), at(path, "member"), minimum=0, maximum=MAX_MEMBER)
        if member in seen:
            raise FestivalInputError(
                at(path, "member"),
                f"the member {member} already scored at {seen[member]}",
                code="unique",
                params={"value": member, "other": seen[member]},
            )
        seen[member] = path
        value = row.get("score")
        score = (
            None if value is None else _whole(value, at(path, "score"), minimum=MIN_SCORE, maximum=MAX_SCORE)
        )
        scores.append(Score(member, score, _boolean(row.get("conflicted", False), at(path, "conflicted"))))
    return scores


def aggregate_to_json(result: Aggregate) -> dict[str, Any]:
    """The aggregate, the mean as a decimal string with two places ("8.67") or null."""
    return {
        "engine": JURY,
        "format": FORMAT,
        "mean": None if result.mean is None else f"{result.mean:f}",
        "counted": result.counted,
        "abstained": result.abstained,
        "excluded_for_conflict": result.excluded_for_conflict,
        "flagged": result.flagged,
    }


def jury_from_json(data: Any) -> dict[str, Any]:
    """Input JSON → aggregate JSON: what the command prints and the endpoint answers."""
    return aggregate_to_json(aggregate(scores_from_json(data)))
