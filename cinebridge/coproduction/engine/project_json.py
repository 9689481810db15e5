"""A co-production project as JSON (docs/coproduction-eligibility.md): read with errors that name the
place (`coproducers[1].financing[0].amount`), written back so that reading gives the same facts. Pure
Python.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any

from cinebridge.core.engine import jsonin
from cinebridge.core.engine.jsonin import JsonInputError, at
from cinebridge.core.engine.money import AmountError, is_currency, parse_amount

from .facts import CompanyFacts, CreativeFacts, Financing, InKind, ProjectFacts

__all__ = [
    "COUNTRY",
    "MAX_COPRODUCERS",
    "MAX_CREATIVES",
    "MAX_LINES",
    "ProjectInputError",
    "decimal_text",
    "project_from_json",
    "project_to_json",
]

COUNTRY = re.compile(r"[A-Z]{2}")
MAX_MINUTES = 32767
MAX_DAYS = 32767
MAX_RATE = Decimal(10) ** 12
# Bounds on a project's size, so that checking it is quick work: far above what a film has.
MAX_COPRODUCERS = 30
MAX_CREATIVES = 100
# Lines of one co-producer's financing, in-kind and artistic lists: a plan has a handful; the cap keeps a
# request's cost bounded (bench/coproduction.py measured seconds for lists filling a 10 MB body).
MAX_LINES = 100

_KEYS = {
    "project": (
        "kind",
        "audience",
        "runtime_minutes",
        "currency",
        "budget",
        "support_requested",
        "as_of",
        "parties",
        "rates",
        "coproducers",
        "creatives",
        "shooting_countries",
        "post_countries",
        "animation_countries",
    ),
    "coproducer": ("id", "name", "country", "financing", "in_kind", "artistic"),
    "financing": ("kind", "amount", "confirmed", "letter_date"),
    "in_kind": ("category", "value"),
    "creative": ("role", "nationality", "days_worked"),
}


class ProjectInputError(JsonInputError):
    """Bad project input at `path`, with a stable `code` and its `params`; `explain.py` words it in the
    user's language. The message is English."""


_object = partial(jsonin.json_object, error=ProjectInputError)
_list = partial(jsonin.json_list, error=ProjectInputError)
_text = partial(jsonin.text, error=ProjectInputError)
_whole = partial(jsonin.whole, error=ProjectInputError)
_boolean = partial(jsonin.boolean, error=ProjectInputError)
_date = partial(jsonin.iso_date, error=ProjectInputError)


def decimal_text(value: Decimal) -> str:
    """A decimal as JSON text, without an exponent ("1500000.00")."""
    return f"{value:f}"


def _country(value: Any, path: str) -> str:
    if value is None:
        raise ProjectInputError(path, "this field is required", code="required")
    if not isinstance(value, str) or not COUNTRY.fullmatch(value):
        raise ProjectInputError(
            path,
            f"{value!r} is not a country code such as IR or BY",
            code="country",
            params={"value": str(value)},
        )
    return value


def _countries(value: Any, path: str) -> tuple[str, ...]:
    codes = tuple(_country(item, f"{path}[{index}]") for index, item in enumerate(_list(value, path)))
    return tuple(dict.fromkeys(codes))


def _at_most(row: Mapping[str, Any], key: str, maximum: int, path: str = "") -> None:
    value = row.get(key)
    if isinstance(value, list) and len(value) > maximum:
        raise ProjectInputError(
            at(path, key),
            f"at most {maximum} items are allowed here, not {len(value)}",
            code="too_many",
            params={"maximum": maximum, "count": len(value)},
        )


def _currency(value: Any, path: str) -> str:
    if value is None:
        raise ProjectInputError(path, "this field is required", code="required")
    if not is_currency(value):
        raise ProjectInputError(
            path, f"{value!r} is not an ISO 4217 currency code", code="currency", params={"value": str(value)}
        )
    return str(value)


def _amount(value: Any, path: str, currency: str) -> Decimal:
    if value is None:
        raise ProjectInputError(path, "this field is required", code="required")
    if isinstance(value, float):
        raise ProjectInputError(
            path, 'write amounts as text such as "1500000.00"', code="amount", params={"value": str(value)}
        )
    try:
        return parse_amount(value, currency=currency)
    except AmountError as error:
        raise ProjectInputError(
            path, str(error), code=f"amount_{error.code}", params={"value": str(value), "currency": currency}
        ) from None


def _rate(value: Any, path: str) -> Decimal:
    if isinstance(value, str | int) and not isinstance(value, bool):
        try:
            rate = Decimal(value)
        except InvalidOperation:
            rate = Decimal(0)
        if rate.is_finite() and 0 < rate < MAX_RATE:
            return rate
    raise ProjectInputError(
        path,
        f'{value!r} is not a rate above zero such as "0.000023"',
        code="rate",
        params={"value": str(value)},
    )


def project_from_json(data: Any) -> ProjectFacts:
    """The project's facts; `ProjectInputError` naming the place on bad input."""
    row = _object(data, "", _KEYS["project"])
    currency = _currency(row.get("currency"), "currency")
    runtime = row.get("runtime_minutes")
    support = row.get("support_requested")
    parties = row.get("parties")
    _at_most(row, "coproducers", MAX_COPRODUCERS)
    _at_most(row, "creatives", MAX_CREATIVES)
    companies = []
    seen: dict[str, str] = {}
    for path, item in jsonin.objects(row, "coproducers", "", _KEYS["coproducer"], error=ProjectInputError):
        company = _company(item, path, currency)
        if company.id in seen:
            raise ProjectInputError(
                at(path, "id"),
                f"the id {company.id!r} is already used at {seen[company.id]}",
                code="unique",
                params={"value": company.id, "other": seen[company.id]},
            )
        seen[company.id] = path
        companies.append(company)
    rates_row = row.get("rates")
    rates: dict[str, Decimal] = {}
    if rates_row is not None:
        if not isinstance(rates_row, Mapping):
            raise ProjectInputError("rates", "expected an object", code="object")
        for key, value in rates_row.items():
            _currency(key, at("rates", str(key)))
            rates[str(key)] = _rate(value, at("rates", str(key)))
    return ProjectFacts(
        kind=_text(row.get("kind"), "kind"),
        audience=_text(row.get("audience"), "audience"),
        runtime_minutes=None
        if runtime is None
        else _whole(runtime, "runtime_minutes", minimum=1, maximum=MAX_MINUTES),
        currency=currency,
        budget=_amount(row.get("budget"), "budget", currency),
        support_requested=None if support is None else _amount(support, "support_requested", currency),
        as_of=_date(row.get("as_of"), "as_of"),
        companies=tuple(companies),
        creatives=tuple(
            _creative(item, path)
            for path, item in jsonin.objects(row, "creatives", "", _KEYS["creative"], error=ProjectInputError)
        ),
        shooting_countries=_countries(row.get("shooting_countries"), "shooting_countries"),
        post_countries=_countries(row.get("post_countries"), "post_countries"),
        animation_countries=_countries(row.get("animation_countries"), "animation_countries"),
        parties=None if parties is None else _countries(parties, "parties"),
        rates=rates,
    )


def _company(row: Mapping[str, Any], path: str, currency: str) -> CompanyFacts:
    name = row.get("name", "")
    if not isinstance(name, str):
        raise ProjectInputError(at(path, "name"), "expected a text", code="text")
    for key in ("financing", "in_kind", "artistic"):
        _at_most(row, key, MAX_LINES, path)
    financing = []
    for line_path, line in jsonin.objects(
        row, "financing", path, _KEYS["financing"], error=ProjectInputError
    ):
        confirmed = _boolean(line.get("confirmed", False), at(line_path, "confirmed"))
        letter = line.get("letter_date")
        letter_date = None if letter is None else _date(letter, at(line_path, "letter_date"))
        if confirmed and letter_date is None:
            raise ProjectInputError(
                at(line_path, "letter_date"), "a confirmed source needs the date of its letter", code="letter"
            )
        financing.append(
            Financing(
                kind=_text(line.get("kind"), at(line_path, "kind")),
                amount=_amount(line.get("amount"), at(line_path, "amount"), currency),
                confirmed=confirmed,
                letter_date=letter_date,
            )
        )
    in_kind = tuple(
        InKind(
            category=_text(item.get("category"), at(item_path, "category")),
            value=_amount(item.get("value"), at(item_path, "value"), currency),
        )
        for item_path, item in jsonin.objects(row, "in_kind", path, _KEYS["in_kind"], error=ProjectInputError)
    )
    artistic_path = at(path, "artistic")
    artistic = tuple(
        _text(item, f"{artistic_path}[{index}]")
        for index, item in enumerate(_list(row.get("artistic"), artistic_path))
    )
    return CompanyFacts(
        id=_text(row.get("id"), at(path, "id")),
        name=name,
        country=_country(row.get("country"), at(path, "country")),
        financing=tuple(financing),
        in_kind=in_kind,
        artistic=artistic,
    )


def _creative(row: Mapping[str, Any], path: str) -> CreativeFacts:
    days = row.get("days_worked")
    return CreativeFacts(
        role=_text(row.get("role"), at(path, "role")),
        nationality=_country(row.get("nationality"), at(path, "nationality")),
        days_worked=None
        if days is None
        else _whole(days, at(path, "days_worked"), minimum=0, maximum=MAX_DAYS),
    )


def project_to_json(project: ProjectFacts) -> dict[str, Any]:
    """The project as JSON; `project_from_json` reads it back to the same facts."""
    data: dict[str, Any] = {
        "kind": project.kind,
        "audience": project.audience,
        "runtime_minutes": project.runtime_minutes,
        "currency": project.currency,
        "budget": decimal_text(project.budget),
        "as_of": project.as_of.isoformat(),
    }
    if project.support_requested is not None:
        data["support_requested"] = decimal_text(project.support_requested)
    if project.parties is not None:
        data["parties"] = list(project.parties)
    if project.rates:
        data["rates"] = {key: decimal_text(value) for key, value in project.rates.items()}
    data["coproducers"] = [
        {
            "id": company.id,
            "name": company.name,
            "country": company.country,
            "financing": [
                {
                    "kind": line.kind,
                    "amount": decimal_text(line.amount),
                    "confirmed": line.confirmed,
                    "letter_date": None if line.letter_date is None else line.letter_date.isoformat(),
                }
                for line in company.financing
            ],
            "in_kind": [
                {"category": item.category, "value": decimal_text(item.value)} for item in company.in_kind
            ],
            "artistic": list(company.artistic),
        }
        for company in project.companies
    ]
    data["creatives"] = [
        {"role": creative.role, "nationality": creative.nationality, "days_worked": creative.days_worked}
        for creative in project.creatives
    ]
    data["shooting_countries"] = list(project.shooting_countries)
    data["post_countries"] = list(project.post_countries)
    data["animation_countries"] = list(project.animation_countries)
    return data
