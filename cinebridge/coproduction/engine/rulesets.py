"""Rule sets as data: a treaty's or a fund's rules read from a JSON document (rulesets/<id>.json, or a
`RuleSet` row's document) and validated, with errors that name the place (`rules[3].params.percent`).
Pure Python.

A new instrument is a new document; the check kinds (`CHECKS`) are the vocabulary its rules use, each
with the params `PARAMS` lists. The format is in docs/coproduction-eligibility.md.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from cinebridge.core.engine.jsonin import JsonInputError, at
from cinebridge.core.engine.money import MAX_AMOUNT, is_currency

__all__ = [
    "CHECKS",
    "FORMAT",
    "MAX_ENTRIES",
    "MAX_RULES",
    "PARAMS",
    "PLACES",
    "SEVERITIES",
    "SHARE_CHECKS",
    "EditableParam",
    "Param",
    "Rule",
    "RuleSetDoc",
    "RuleSetError",
    "When",
    "document_with_params",
    "editable_params",
    "rule_set_from_json",
]

FORMAT = 1
SEVERITIES = ("required", "advisory")
PLACES = ("shooting", "post_production", "animation")
COPRODUCERS = "coproducers"
MAX_COUNT = 1000
# Bounds on a document's size, so that checking a project against any valid document is quick work (the
# what-if search grows with the rules and the table entries): far above what a treaty needs.
MAX_RULES = 100
MAX_ENTRIES = 40  # in one points table, and posts of a creative_proportional rule
_COUNTRY = re.compile(r"[A-Z]{2}")
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]+)*")


class RuleSetError(JsonInputError):
    """A rule-set document that is not valid at `path`, with a stable `code` and `params`; `explain.py`
    words it in the user's language. The message is English."""


class Param(NamedTuple):
    """One param of a check kind: its type, whether a rule must give it, its default and its choices."""

    type: str  # percent, amount, integer, boolean, choice, tables, posts
    required: bool = True
    default: Any = None
    choices: tuple[str, ...] = ()
    minimum: int = 0
    maximum: int = MAX_COUNT


_PERCENT = Param("percent")

# Every check kind and its params, in the order a form shows them.
PARAMS: dict[str, dict[str, Param]] = {
    "share_min": {
        "percent": _PERCENT,
        "per": Param("choice", choices=("country", "company", "company_of_several")),
    },
    "share_max": {"percent": _PERCENT, "per": Param("choice", choices=("country", "company"))},
    "financial_only_share": {"min_percent": _PERCENT, "max_percent": _PERCENT},
    "non_party_share_max": {"percent": _PERCENT},
    "countries_min": {
        "count": Param("integer", minimum=1),
        "parties_only": Param("boolean", required=False, default=False),
    },
    "points": {
        "tables": Param("tables"),
        "threshold": Param("integer", minimum=1),
        "waiver_min": Param("integer", required=False, default=None, minimum=0),
        "count_nationals_of": Param(
            "choice", required=False, default="parties", choices=("parties", COPRODUCERS)
        ),
    },
    "runtime_min": {"minutes": Param("integer", minimum=1, maximum=32767)},
    "confirmed_financing_min": {
        "percent": _PERCENT,
        "per": Param("choice", required=False, default="total", choices=("total", "country")),
    },
    "letters_recent": {"months": Param("integer", minimum=1, maximum=120)},
    "support_max": {
        "percent": Param("percent", required=False),
        "amount": Param("amount", required=False),
    },
    "creative_proportional": {"tolerance": _PERCENT, "posts": Param("posts")},
    "places_in_parties": {
        "place": Param("choice", choices=PLACES),
        "mode": Param("choice", required=False, default="all", choices=("all", "any")),
    },
    "financing_covers_budget": {"percent": _PERCENT},
}

CHECKS: tuple[str, ...] = tuple(PARAMS)
# The rules a co-producer's added contribution changes the outcome of (whatif.minimum_contribution).
SHARE_CHECKS = frozenset({"share_min", "share_max", "financial_only_share", "non_party_share_max"})
# The params a film body may change in the form (numbers only; structure stays as the file has it).
_EDITABLE_TYPES = ("percent", "amount", "integer")

_RULE_SET_KEYS = ("format", "id", "version", "names", "source", "parties", "currency", "rules")
_SOURCE_KEYS = ("title", "url", "date", "note")
_RULE_KEYS = ("code", "check", "article", "titles", "severity", "when", "params")
_WHEN_KEYS = ("countries", "kinds", "audiences", "budget_at_least", "budget_below")


@dataclass(frozen=True)
class When:
    """The conditions under which a rule applies; every one given must hold."""

    countries_min: int | None = None
    countries_max: int | None = None
    kinds: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    budget_at_least: Decimal | None = None  # in the rule set's currency
    budget_below: Decimal | None = None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.countries_min is not None or self.countries_max is not None:
            data["countries"] = {
                key: value
                for key, value in (("min", self.countries_min), ("max", self.countries_max))
                if value is not None
            }
        if self.kinds:
            data["kinds"] = list(self.kinds)
        if self.audiences:
            data["audiences"] = list(self.audiences)
        if self.budget_at_least is not None:
            data["budget_at_least"] = f"{self.budget_at_least:f}"
        if self.budget_below is not None:
            data["budget_below"] = f"{self.budget_below:f}"
        return data


@dataclass(frozen=True)
class Rule:
    code: str
    check: str
    article: str
    titles: Mapping[str, str]
    severity: str
    when: When
    params: Mapping[str, Any]  # read: percents and amounts as Decimal, tables as tuples (see _param)


@dataclass(frozen=True)
class RuleSetDoc:
    id: str
    version: str
    names: Mapping[str, str]
    source: Mapping[str, str]
    parties: tuple[str, ...] | str  # a list of countries, or "coproducers"
    currency: str
    rules: tuple[Rule, ...]

    def rule(self, code: str) -> Rule:
        return next(rule for rule in self.rules if rule.code == code)


@dataclass(frozen=True)
class RoleEntry:
    role: str
    points: int


@dataclass(frozen=True)
class PlaceEntry:
    place: str
    points: int


class EditableParam(NamedTuple):
    code: str  # the rule's
    name: str  # the param's
    type: str  # percent, amount or integer


# --- reading ------------------------------------------------------------------------------------------


def _object(value: Any, path: str, known: Sequence[str]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise RuleSetError(path, "expected an object", code="object")
    for key in value:
        if key not in known:
            raise RuleSetError(
                at(path, str(key)),
                f"{key!r} is not a field here (known: {', '.join(known)})",
                code="unknown",
                params={"key": key, "known": ", ".join(known)},
            )
    return value


def _required(row: Mapping[str, Any], key: str, path: str) -> Any:
    value = row.get(key)
    if value is None:
        raise RuleSetError(at(path, key), "this field is required", code="required")
    return value


def _text(value: Any, path: str) -> str:
    if value is None:
        raise RuleSetError(path, "this field is required", code="required")
    if not isinstance(value, str) or not value.strip():
        raise RuleSetError(path, "expected a non-empty text", code="text")
    return value


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise RuleSetError(path, "expected a list", code="list")
    return value


def _at_most(count: int, maximum: int, path: str) -> None:
    if count > maximum:
        raise RuleSetError(
            path,
            f"at most {maximum} items are allowed here, not {count}",
            code="too_many",
            params={"maximum": maximum, "count": count},
        )


def _texts_by_language(value: Any, path: str) -> dict[str, str]:
    if value is None:
        raise RuleSetError(path, "this field is required", code="required")
    if not isinstance(value, Mapping):
        raise RuleSetError(path, "expected an object", code="object")
    texts = {}
    for key, text in value.items():
        if not isinstance(key, str) or not _LANGUAGE.fullmatch(key):
            raise RuleSetError(
                at(path, str(key)),
                f"{key!r} is not a language code",
                code="language",
                params={"value": str(key)},
            )
        texts[key] = _text(text, at(path, key))
    if "en" not in texts:
        raise RuleSetError(at(path, "en"), "an English text is required", code="required")
    return texts


def _integer(value: Any, path: str, *, minimum: int, maximum: int) -> int:
    if value is None:
        raise RuleSetError(path, "this field is required", code="required")
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise RuleSetError(
            path,
            f"expected a whole number from {minimum} to {maximum}",
            code="number",
            params={"minimum": minimum, "maximum": maximum, "value": str(value)},
        )
    return int(value)


def _decimal(value: Any, path: str, *, maximum: Decimal, code: str) -> Decimal:
    """A decimal written as text ("10", "12.5") or a whole number, from 0 to `maximum`."""
    if value is None:
        raise RuleSetError(path, "this field is required", code="required")
    number: Decimal | None = None
    if isinstance(value, str) and re.fullmatch(r"[0-9]+(\.[0-9]+)?", value.strip()):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:  # pragma: no cover - the pattern admits decimals only
            number = None
    elif isinstance(value, int) and not isinstance(value, bool):
        number = Decimal(value)
    if number is None or not 0 <= number <= maximum:
        raise RuleSetError(
            path,
            f'expected a number from 0 to {maximum} written as text, such as "10"',
            code=code,
            params={"value": str(value), "maximum": f"{maximum:f}"},
        )
    return number


def _percent(value: Any, path: str) -> Decimal:
    return _decimal(value, path, maximum=Decimal(100), code="percent")


def _amount(value: Any, path: str) -> Decimal:
    return _decimal(value, path, maximum=MAX_AMOUNT, code="rule_amount")


def _choice(value: Any, path: str, choices: Sequence[str]) -> str:
    if value is None:
        raise RuleSetError(path, "this field is required", code="required")
    if not isinstance(value, str) or value not in choices:
        raise RuleSetError(
            path,
            f"{value!r} is not one of {', '.join(choices)}",
            code="choice",
            params={"value": str(value), "choices": ", ".join(choices)},
        )
    return value


def _country(value: Any, path: str) -> str:
    if not isinstance(value, str) or not _COUNTRY.fullmatch(value):
        raise RuleSetError(
            path,
            f"{value!r} is not a country code such as IR or BY",
            code="country",
            params={"value": str(value)},
        )
    return value


def rule_set_from_json(data: Any) -> RuleSetDoc:
    """The validated rule set; `RuleSetError` naming the place when the document is not valid."""
    row = _object(data, "", _RULE_SET_KEYS)
    if _required(row, "format", "") != FORMAT:
        raise RuleSetError("format", f"the format is {FORMAT}", code="format", params={"format": FORMAT})
    identifier = _text(row.get("id"), "id")
    if not _ID.fullmatch(identifier):
        raise RuleSetError(
            "id", "an id is lower-case letters, digits and hyphens", code="id", params={"value": identifier}
        )
    source = _object(_required(row, "source", ""), "source", _SOURCE_KEYS)
    source_texts = {key: _text(source.get(key), at("source", key)) for key in ("title", "url")}
    source_date = _text(source.get("date"), "source.date")
    try:
        date.fromisoformat(source_date)
    except ValueError:
        raise RuleSetError(
            "source.date",
            f"not a date like 2017-01-30: {source_date!r}",
            code="date",
            params={"value": source_date},
        ) from None
    source_texts["date"] = source_date
    if source.get("note") is not None:
        source_texts["note"] = _text(source.get("note"), "source.note")
    parties_value = _required(row, "parties", "")
    parties: tuple[str, ...] | str
    if parties_value == COPRODUCERS:
        parties = COPRODUCERS
    else:
        if not isinstance(parties_value, list):
            raise RuleSetError("parties", 'expected a list of country codes or "coproducers"', code="parties")
        parties = tuple(
            dict.fromkeys(_country(code, f"parties[{i}]") for i, code in enumerate(parties_value))
        )
    currency = _text(row.get("currency"), "currency")
    if not is_currency(currency):
        raise RuleSetError(
            "currency",
            f"{currency!r} is not an ISO 4217 currency code",
            code="currency",
            params={"value": currency},
        )
    rules_value = _list(_required(row, "rules", ""), "rules")
    if not rules_value:
        raise RuleSetError("rules", "a rule set has at least one rule", code="empty")
    _at_most(len(rules_value), MAX_RULES, "rules")
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for index, rule_value in enumerate(rules_value):
        path = f"rules[{index}]"
        rule = _rule(rule_value, path)
        if rule.code in seen:
            raise RuleSetError(
                at(path, "code"),
                f"the code {rule.code!r} is already used at {seen[rule.code]}",
                code="unique",
                params={"value": rule.code, "other": seen[rule.code]},
            )
        seen[rule.code] = path
        rules.append(rule)
    return RuleSetDoc(
        id=identifier,
        version=_text(row.get("version"), "version"),
        names=_texts_by_language(row.get("names"), "names"),
        source=source_texts,
        parties=parties,
        currency=currency,
        rules=tuple(rules),
    )


def _rule(value: Any, path: str) -> Rule:
    row = _object(value, path, _RULE_KEYS)
    code = _text(row.get("code"), at(path, "code"))
    check = _choice(row.get("check"), at(path, "check"), CHECKS)
    when_value = row.get("when")
    params_value = row.get("params")
    params_path = at(path, "params")
    if params_value is None:
        params_value = {}
    return Rule(
        code=code,
        check=check,
        article=_text(row.get("article"), at(path, "article")),
        titles=_texts_by_language(row.get("titles"), at(path, "titles")),
        severity=_choice(row.get("severity", "required"), at(path, "severity"), SEVERITIES),
        when=When() if when_value is None else _when(when_value, at(path, "when")),
        params=_params(check, _object(params_value, params_path, tuple(PARAMS[check])), params_path),
    )


def _when(value: Any, path: str) -> When:
    row = _object(value, path, _WHEN_KEYS)
    countries_min = countries_max = None
    if row.get("countries") is not None:
        countries_path = at(path, "countries")
        countries = _object(row["countries"], countries_path, ("min", "max"))
        if countries.get("min") is not None:
            countries_min = _integer(
                countries["min"], at(countries_path, "min"), minimum=0, maximum=MAX_COUNT
            )
        if countries.get("max") is not None:
            countries_max = _integer(
                countries["max"], at(countries_path, "max"), minimum=0, maximum=MAX_COUNT
            )
        if countries_min is not None and countries_max is not None and countries_max < countries_min:
            raise RuleSetError(
                at(countries_path, "max"),
                "the maximum is below the minimum",
                code="min_max",
                params={"min": countries_min, "max": countries_max},
            )
    texts = {}
    for key in ("kinds", "audiences"):
        where = at(path, key)
        items = [] if row.get(key) is None else _list(row[key], where)
        texts[key] = tuple(_text(item, f"{where}[{index}]") for index, item in enumerate(items))
    at_least = (
        None
        if row.get("budget_at_least") is None
        else _amount(row["budget_at_least"], at(path, "budget_at_least"))
    )
    below = (
        None if row.get("budget_below") is None else _amount(row["budget_below"], at(path, "budget_below"))
    )
    return When(
        countries_min=countries_min,
        countries_max=countries_max,
        kinds=texts["kinds"],
        audiences=texts["audiences"],
        budget_at_least=at_least,
        budget_below=below,
    )


def _params(check: str, row: Mapping[str, Any], path: str) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for name, spec in PARAMS[check].items():
        where = at(path, name)
        value = row.get(name)
        if value is None:
            if spec.required:
                raise RuleSetError(where, "this field is required", code="required")
            params[name] = spec.default
            continue
        params[name] = _param(spec, value, where)
    if check == "financial_only_share" and params["max_percent"] < params["min_percent"]:
        raise RuleSetError(
            at(path, "max_percent"),
            "the maximum is below the minimum",
            code="min_max",
            params={"min": f"{params['min_percent']:f}", "max": f"{params['max_percent']:f}"},
        )
    if check == "points" and params["waiver_min"] is not None and params["waiver_min"] > params["threshold"]:
        raise RuleSetError(
            at(path, "waiver_min"),
            "the waiver's minimum is above the threshold",
            code="min_max",
            params={"min": params["waiver_min"], "max": params["threshold"]},
        )
    if check == "support_max" and params["percent"] is None and params["amount"] is None:
        raise RuleSetError(at(path, "percent"), "give a percent, an amount or both", code="required")
    return params


def _param(spec: Param, value: Any, path: str) -> Any:
    if spec.type == "percent":
        return _percent(value, path)
    if spec.type == "amount":
        return _amount(value, path)
    if spec.type == "integer":
        return _integer(value, path, minimum=spec.minimum, maximum=spec.maximum)
    if spec.type == "boolean":
        if not isinstance(value, bool):
            raise RuleSetError(path, "expected true or false", code="boolean")
        return value
    if spec.type == "choice":
        return _choice(value, path, spec.choices)
    if spec.type == "posts":
        if not isinstance(value, Mapping):
            raise RuleSetError(path, "expected an object", code="object")
        posts = value
        if not posts:
            raise RuleSetError(path, "name at least one post", code="empty")
        _at_most(len(posts), MAX_ENTRIES, path)
        return {
            _text(role, at(path, str(role))): _integer(
                weight, at(path, str(role)), minimum=1, maximum=MAX_COUNT
            )
            for role, weight in posts.items()
        }
    return _tables(value, path)


def _tables(value: Any, path: str) -> dict[str, tuple[RoleEntry | PlaceEntry, ...]]:
    """The points tables by project kind ("*" for any other kind): each entry a role or a place."""
    if not isinstance(value, Mapping) or not value:
        raise RuleSetError(path, "expected an object of tables by project kind", code="object")
    tables = {}
    for kind, entries in value.items():
        where = at(path, str(kind))
        items: list[RoleEntry | PlaceEntry] = []
        _at_most(len(_list(entries, where)), MAX_ENTRIES, where)
        for index, entry in enumerate(entries):
            item_path = f"{where}[{index}]"
            if isinstance(entry, Mapping) and "place" in entry:
                row = _object(entry, item_path, ("place", "points"))
                items.append(
                    PlaceEntry(
                        place=_choice(row.get("place"), at(item_path, "place"), PLACES),
                        points=_integer(
                            row.get("points"), at(item_path, "points"), minimum=0, maximum=MAX_COUNT
                        ),
                    )
                )
            else:
                row = _object(entry, item_path, ("role", "points"))
                items.append(
                    RoleEntry(
                        role=_text(row.get("role"), at(item_path, "role")),
                        points=_integer(
                            row.get("points"), at(item_path, "points"), minimum=0, maximum=MAX_COUNT
                        ),
                    )
                )
        if not items:
            raise RuleSetError(where, "a table has at least one entry", code="empty")
        tables[str(kind)] = tuple(items)
    return tables


# --- the form of an editable rule set ---------------------------------------------------------------


def editable_params(doc: RuleSetDoc) -> list[EditableParam]:
    """The numbers a film body may change, rule by rule: percents, amounts and whole numbers."""
    editable = []
    for rule in doc.rules:
        for name, spec in PARAMS[rule.check].items():
            if spec.type in _EDITABLE_TYPES and (spec.required or rule.params.get(name) is not None):
                editable.append(EditableParam(rule.code, name, spec.type))
    return editable


def document_with_params(
    document: Mapping[str, Any], values: Mapping[str, Mapping[str, str]]
) -> dict[str, Any]:
    """A copy of the rule-set `document` with the params `values[rule code][param]` (texts as a form
    sends them) written in; only `editable_params` may change. `RuleSetError` names the place
    (`rules[2].params.percent`) of a value that is not valid; the result is validated as a whole."""
    doc = rule_set_from_json(document)
    allowed = {(param.code, param.name): param.type for param in editable_params(doc)}
    result = copy.deepcopy(dict(document))
    index_of = {rule.code: index for index, rule in enumerate(doc.rules)}
    for code, params in values.items():
        if code not in index_of:
            raise RuleSetError("rules", f"there is no rule {code!r}", code="no_rule", params={"value": code})
        for name, text in params.items():
            path = f"rules[{index_of[code]}].params.{name}"
            kind = allowed.get((code, name))
            if kind is None:
                raise RuleSetError(
                    path, f"{name!r} cannot be changed here", code="not_editable", params={"key": name}
                )
            cleaned = str(text).strip()
            written: str | int
            if kind == "integer":
                if not re.fullmatch(r"[0-9]+", cleaned):
                    raise RuleSetError(
                        path,
                        "expected a whole number",
                        code="number",
                        params={"value": cleaned, "minimum": 0, "maximum": MAX_COUNT},
                    )
                written = int(cleaned)
            else:
                written = cleaned
            rule_row = result["rules"][index_of[code]]
            rule_row["params"] = {**rule_row.get("params", {}), name: written}
    rule_set_from_json(result)
    return result
