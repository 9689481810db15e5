"""The avails JSON interface: scenarios and queries in, answers out. Pure Python.

One format for the `avails` management command, the REST API and the Python function, documented
in docs/rights-json.md. Dates are ISO strings; a window's `end` is exclusive and `null` means open.
Territories and media are expressions ("CIS + IR", "WORLD excluding US, CA", "ON_DEMAND") or
lists of codes. Every error names where it is: `queries[2].window.start: not a date`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .conflicts import grant_conflicts
from .index import GrantIndex, avails_detail, avails_search
from .types import (
    BEGINNING,
    FOREVER,
    AvailsQuery,
    Conflict,
    Day,
    Direction,
    Exclusivity,
    FixedTerm,
    Grant,
    LanguageUse,
    Match,
    Offset,
    Region,
    RelativeTerm,
    Status,
    Term,
    Window,
    WorkAvails,
    WorkId,
    to_date,
)
from .vocabulary import Expression, ExpressionError, Vocabularies, load_vocabularies, parse_expression

DETAIL_LIMIT = 1000  # works answered with their regions; the rest by id only


class JsonInputError(ValueError):
    """Bad input at `path`. `code` says what is wrong, so an interface can word it in the user's
    language: object, date, order, choice, number, expression (then `expression` holds the
    vocabulary's error), language_use, list, required, unique."""

    def __init__(
        self, path: str, message: str, *, code: str, expression: ExpressionError | None = None
    ) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message
        self.code = code
        self.expression = expression


@dataclass(frozen=True)
class Scenario:
    grants: list[Grant] | None  # None: answer from the database
    events: dict[WorkId, dict[str, Day]]
    queries: list[tuple[str, AvailsQuery, bool]]  # (id, query, with detail)
    checks: list[tuple[str, Grant, Day]]  # (id, proposed grant, its contract date)
    today: Day


# --- reading --------------------------------------------------------------------------------
def _object(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise JsonInputError(path, "expected an object", code="object")
    return value


def _date(value: Any, path: str) -> date:
    if not isinstance(value, str):
        raise JsonInputError(path, "expected a date like 2027-01-31", code="date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise JsonInputError(path, f"not a date: {value!r}", code="date") from None


def _optional_date(value: Any, path: str) -> date | None:
    return None if value is None else _date(value, path)


def _choice(
    value: Any, choices: type[Direction | Exclusivity | Status | Match], path: str, default: Any
) -> Any:
    if value is None:
        return default
    try:
        return choices(value)
    except ValueError:
        allowed = ", ".join(c.value for c in choices)
        raise JsonInputError(path, f"{value!r} is not one of {allowed}", code="choice") from None


def _int(value: Any, path: str, default: int | None = None, minimum: int = 0) -> int:
    if value is None and default is not None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise JsonInputError(path, f"expected a whole number ≥ {minimum}", code="number")
    number: int = value
    return number


def _expression(value: Any, path: str) -> Expression:
    if isinstance(value, str):
        text = value
    elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        text = ", ".join(value)
    else:
        raise JsonInputError(
            path, 'expected an expression like "CIS + IR" or a list of codes', code="expression"
        )
    try:
        return parse_expression(text)
    except ExpressionError as error:
        raise JsonInputError(path, error.message, code="expression", expression=error) from None


def _territories(value: Any, path: str, at: date, vocabularies: Vocabularies) -> frozenset[str]:
    try:
        return vocabularies.territories.resolve(_expression(value, path), at)
    except ExpressionError as error:
        raise JsonInputError(path, error.message, code="expression", expression=error) from None


def _media(value: Any, path: str, vocabularies: Vocabularies) -> frozenset[str]:
    try:
        return vocabularies.media.resolve(_expression(value, path))
    except ExpressionError as error:
        raise JsonInputError(path, error.message, code="expression", expression=error) from None


def _language_uses(value: Any, path: str) -> frozenset[LanguageUse] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not value:
        raise JsonInputError(path, 'expected null or a list like ["ru:dubbed"]', code="list")
    uses = set()
    for position, item in enumerate(value):
        try:
            uses.add(LanguageUse.parse(str(item)))
        except ValueError as error:
            raise JsonInputError(f"{path}[{position}]", str(error), code="language_use") from None
    return frozenset(uses)


def _offset(value: Any, path: str) -> Offset:
    given = _object(value, path)
    return Offset(
        months=_int(given.get("months"), f"{path}.months", 0), days=_int(given.get("days"), f"{path}.days", 0)
    )


def _term(value: Any, path: str) -> Term:
    if value is None:
        return FixedTerm()
    given = _object(value, path)
    if given.get("event"):
        duration = given.get("duration")
        return RelativeTerm(
            event=str(given["event"]),
            start_after=_offset(given.get("start_after", {}), f"{path}.start_after"),
            duration=None if duration is None else _offset(duration, f"{path}.duration"),
        )
    start = _optional_date(given.get("start"), f"{path}.start")
    end = _optional_date(given.get("end"), f"{path}.end")
    if start and end and start >= end:
        raise JsonInputError(f"{path}.end", "must come after the start (the end is exclusive)", code="order")
    return FixedTerm(start.toordinal() if start else BEGINNING, end.toordinal() if end else FOREVER)


def contract_date(value: Any, path: str, today: date) -> date:
    """A grant's contract date (default `today`): groups count their members then, and a proposed
    licence is weighed then against its holder's "licensing until"."""
    return _optional_date(_object(value, path).get("contract_date"), f"{path}.contract_date") or today


def read_grant(value: Any, path: str, vocabularies: Vocabularies, today: date) -> Grant:
    given = _object(value, path)
    at = contract_date(value, path, today)
    exclusivity = _choice(
        given.get("exclusivity"), Exclusivity, f"{path}.exclusivity", Exclusivity.NON_EXCLUSIVE
    )
    until = _optional_date(given.get("licensing_until"), f"{path}.licensing_until")
    for required in ("id", "work", "direction", "media", "territories"):
        if given.get(required) is None:
            raise JsonInputError(f"{path}.{required}", "required", code="required")
    return Grant(
        id=_int(given["id"], f"{path}.id"),
        work=_int(given["work"], f"{path}.work"),
        direction=_choice(given["direction"], Direction, f"{path}.direction", None),
        media=_media(given["media"], f"{path}.media", vocabularies),
        territories=_territories(given["territories"], f"{path}.territories", at, vocabularies),
        term=_term(given.get("term"), f"{path}.term"),
        language_uses=_language_uses(given.get("language_uses"), f"{path}.language_uses"),
        exclusivity=exclusivity,
        co_exclusive_group=str(given.get("co_exclusive_group") or ""),
        status=_choice(given.get("status"), Status, f"{path}.status", Status.ACTIVE),
        sublicensable=bool(given.get("sublicensable", False)),
        licensing_until=until.toordinal() if until else None,
    )


def read_query(
    value: Any, path: str, vocabularies: Vocabularies, today: date
) -> tuple[str, AvailsQuery, bool]:
    given = _object(value, path)
    window = _object(given.get("window", {}), f"{path}.window")
    start = _optional_date(window.get("start"), f"{path}.window.start") or today
    end = _optional_date(window.get("end"), f"{path}.window.end")
    if end is not None and end <= start:
        raise JsonInputError(
            f"{path}.window.end", "must come after the start (the end is exclusive)", code="order"
        )
    at = _optional_date(given.get("at"), f"{path}.at") or start
    for required in ("media", "territories"):
        if given.get(required) is None:
            raise JsonInputError(f"{path}.{required}", "required", code="required")
    works = given.get("works")
    if works is not None and not (isinstance(works, list) and all(isinstance(w, int) for w in works)):
        raise JsonInputError(f"{path}.works", "expected null or a list of work ids", code="list")
    statuses = given.get("blocking_statuses", ["active"])
    if not isinstance(statuses, list) or not statuses:
        raise JsonInputError(
            f"{path}.blocking_statuses", 'expected a list like ["active", "pending"]', code="list"
        )
    query = AvailsQuery(
        media=_media(given["media"], f"{path}.media", vocabularies),
        territories=_territories(given["territories"], f"{path}.territories", at, vocabularies),
        window=(start.toordinal(), end.toordinal() if end else FOREVER),
        exclusive=bool(given.get("exclusive", False)),
        match=_choice(given.get("match"), Match, f"{path}.match", Match.COVER_ENTIRE),
        language_uses=_language_uses(given.get("language_uses"), f"{path}.language_uses"),
        works=None if works is None else frozenset(works),
        min_window_days=_int(given.get("min_window_days"), f"{path}.min_window_days", 1, minimum=1),
        blocking_statuses=frozenset(
            _choice(s, Status, f"{path}.blocking_statuses[{i}]", None) for i, s in enumerate(statuses)
        ),
    )
    return str(given.get("id", path)), query, bool(given.get("detail", True))


def read_scenario(value: Any, *, today: date, vocabularies: Vocabularies | None = None) -> Scenario:
    """Reads a scenario; `today` (the caller's local date) applies where the scenario gives none."""
    vocabularies = vocabularies or load_vocabularies()
    given = _object(value, "scenario")
    today = _optional_date(given.get("today"), "today") or today
    grants = None
    if given.get("grants") is not None:
        if not isinstance(given["grants"], list):
            raise JsonInputError("grants", "expected a list", code="list")
        grants = [read_grant(g, f"grants[{i}]", vocabularies, today) for i, g in enumerate(given["grants"])]
        ids = [g.id for g in grants]
        if len(set(ids)) != len(ids):
            raise JsonInputError("grants", "grant ids must be unique", code="unique")
    events: dict[WorkId, dict[str, Day]] = {}
    for work, happened in _object(given.get("events", {}), "events").items():
        where = f"events.{work}"
        if not str(work).isdigit():
            raise JsonInputError(where, "keys are work ids", code="object")
        events[int(work)] = {
            str(key): _date(on, f"{where}.{key}").toordinal() for key, on in _object(happened, where).items()
        }
    queries = given.get("queries", [])
    checks = given.get("checks", [])
    if not isinstance(queries, list) or not isinstance(checks, list):
        raise JsonInputError("queries", "queries and checks are lists", code="list")
    return Scenario(
        grants=grants,
        events=events,
        queries=[read_query(q, f"queries[{i}]", vocabularies, today) for i, q in enumerate(queries)],
        checks=[
            (
                f"checks[{i}]",
                read_grant(c, f"checks[{i}]", vocabularies, today),
                contract_date(c, f"checks[{i}]", today).toordinal(),
            )
            for i, c in enumerate(checks)
        ],
        today=today.toordinal(),
    )


# --- writing --------------------------------------------------------------------------------
def _day_text(value: Day) -> str | None:
    found = to_date(value)
    return found.isoformat() if found else None


def window_json(window: Window) -> dict[str, str | None]:
    return {"start": _day_text(window[0]), "end": _day_text(window[1])}


def window_text(window: Window) -> str:
    """ "from 2027-03-01", "until 2028-02-29", "2027-03-01 – 2028-02-29" (last day shown), "always"."""
    start, end = to_date(window[0]), to_date(window[1] - 1) if window[1] < FOREVER else None
    if start and end:
        return f"{start.isoformat()} – {end.isoformat()}"
    if start:
        return f"from {start.isoformat()}"
    if end:
        return f"until {end.isoformat()}"
    return "always"


def region_json(region: Region, vocabularies: Vocabularies, at: date) -> dict[str, Any]:
    """A region as expressions (the shortest, at the query's date), its windows and its reasons."""
    media_text = str(vocabularies.media.describe(region.media))
    territories_text = str(vocabularies.territories.describe(region.territories, at))
    windows = "; ".join(window_text(w) for w in region.windows) or "not available"
    return {
        "media": media_text,
        "territories": territories_text,
        "language_uses": None if region.language_uses is None else sorted(map(str, region.language_uses)),
        "available": region.available,
        "windows": [window_json(w) for w in region.windows],
        "blocking": list(region.blocking),
        "not_held": region.not_held,
        "summary": f"{media_text}: {territories_text} {windows}",
    }


def work_json(answer: WorkAvails, vocabularies: Vocabularies, at: date) -> dict[str, Any]:
    return {
        "work": answer.work,
        "available": answer.available,
        "regions": [region_json(r, vocabularies, at) for r in answer.regions],
    }


def conflict_json(conflict: Conflict, vocabularies: Vocabularies, at: date) -> dict[str, Any]:
    return {
        "rule": conflict.rule.value,
        "grant": conflict.grant,
        "where": region_json(conflict.where, vocabularies, at),
    }


def answer_query(
    index: GrantIndex, query_id: str, query: AvailsQuery, detail: bool, vocabularies: Vocabularies
) -> dict[str, Any]:
    found = avails_search(index, query)
    at = date.fromordinal(query.window[0])
    answer: dict[str, Any] = {"id": query_id, "count": len(found), "works": found}
    if detail:
        answer["detail"] = [
            work_json(avails_detail(index, query, work), vocabularies, at) for work in found[:DETAIL_LIMIT]
        ]
        answer["detail_truncated"] = len(found) > DETAIL_LIMIT
    return answer


def answer_check(
    index: GrantIndex, check_id: str, proposed: Grant, signed_on: Day, vocabularies: Vocabularies
) -> dict[str, Any]:
    """The conflict rules' answer for a proposed grant concluded on `signed_on` (its contract date)."""
    existing: Sequence[Grant] = index.grants_of(proposed.work)
    conflicts = grant_conflicts(existing, proposed, index.events_of(proposed.work), signed_on)
    at = date.fromordinal(signed_on)
    return {
        "id": check_id,
        "ok": not conflicts,
        "conflicts": [conflict_json(c, vocabularies, at) for c in conflicts],
    }


def answer_scenario(
    scenario: Scenario, index: GrantIndex, vocabularies: Vocabularies | None = None
) -> dict[str, Any]:
    """Every query and check of the scenario, answered against `index`."""
    vocabularies = vocabularies or load_vocabularies()
    return {
        "vocabulary_version": vocabularies.version,
        "answers": [answer_query(index, i, q, d, vocabularies) for i, q, d in scenario.queries],
        "checks": [answer_check(index, i, g, signed, vocabularies) for i, g, signed in scenario.checks],
    }
