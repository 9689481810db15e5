"""Projects built from a shipped rule set's own parameters, so that the boundary tests follow the files:
change a number in `rulesets/<id>.json` and the projects at (and just across) the boundary move with it.

Every project here is engine input JSON (docs/coproduction-eligibility.md). Amounts are exact to the
cent; a share of "exactly 10 %" is 10 % of the co-producers' total, "just across" is 0.01 percentage
point away (9.99 %), and the engine compares exact fractions.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from cinebridge.coproduction.engine.eligibility import check, report_to_json
from cinebridge.coproduction.engine.project_json import project_from_json
from cinebridge.coproduction.engine.rulesets import rule_set_from_json

RULE_SET_DIR = Path(__file__).resolve().parents[2] / "rulesets"
AS_OF = date(2026, 7, 15)
CENT = Decimal("0.01")
STEP = Decimal("0.01")  # "just across" a percent limit, in percentage points
ALL_KINDS = ("feature", "documentary", "short", "animation", "series")
ALL_AUDIENCES = ("children", "youth", "general")
# Countries to pick co-producers from: the programme's own first, then well-known Parties.
PREFERRED = ("IR", "BY", "IT", "FR", "DE", "ES", "PL", "NL", "CZ", "RO", "BE", "UA", "JP", "BR")
OUTSIDERS = ("US", "CN", "IN", "KR", "MX", "AU")
LEAD_DAYS = {"lead_1": 30, "lead_2": 20, "lead_3": 10}


@cache
def _documents() -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(RULE_SET_DIR.glob("*.json"))}


def names() -> list[str]:
    return list(_documents())


def document(name: str) -> dict[str, Any]:
    """A fresh copy of the shipped file `name` (the raw JSON: the tests read parameters from it)."""
    return json.loads(_documents()[name])  # type: ignore[no-any-return]


def rule_of(doc: Mapping[str, Any], code: str) -> dict[str, Any]:
    return next(rule for rule in doc["rules"] if rule["code"] == code)


def every_rule() -> Iterator[tuple[str, str]]:
    for name in names():
        for rule in document(name)["rules"]:
            yield name, rule["code"]


def money(value: Decimal) -> str:
    assert value == value.quantize(CENT), f"{value} is not a whole number of cents"
    assert value >= 0, value
    return f"{value.quantize(CENT):f}"


def pct(text: str | int) -> Decimal:
    return Decimal(str(text))


# --- countries ----------------------------------------------------------------------------------------


def parties_of(doc: Mapping[str, Any]) -> list[str] | None:
    """The rule set's parties, or None when they are the co-producers' countries."""
    parties = doc["parties"]
    return None if parties == "coproducers" else list(parties)


def party_countries(doc: Mapping[str, Any], count: int) -> list[str]:
    parties = parties_of(doc)
    pool = list(PREFERRED) if parties is None else [c for c in PREFERRED if c in parties]
    pool += [c for c in (parties or []) if c not in pool]
    assert len(pool) >= count, f"{doc['id']} has fewer than {count} parties"
    return pool[:count]


def outsider(doc: Mapping[str, Any]) -> str:
    """A country that is not a party (with "coproducers", one that co-produces nothing here)."""
    parties = parties_of(doc) or list(PREFERRED)
    return next(c for c in OUTSIDERS if c not in parties)


# --- the project --------------------------------------------------------------------------------------


@dataclass
class Company:
    id: str
    country: str
    confirmed: Decimal = Decimal(0)
    pending: Decimal = Decimal(0)
    in_kind: Decimal = Decimal(0)
    artistic: tuple[str, ...] = ()
    letter_date: date = AS_OF

    def as_json(self) -> dict[str, Any]:
        financing = []
        if self.confirmed:
            financing.append(
                {
                    "kind": "coproducer",
                    "amount": money(self.confirmed),
                    "confirmed": True,
                    "letter_date": self.letter_date.isoformat(),
                }
            )
        if self.pending:
            financing.append(
                {"kind": "pre_sale", "amount": money(self.pending), "confirmed": False, "letter_date": None}
            )
        return {
            "id": self.id,
            "name": f"Company {self.id}",
            "country": self.country,
            "financing": financing,
            "in_kind": [{"category": "animation", "value": money(self.in_kind)}] if self.in_kind else [],
            "artistic": list(self.artistic),
        }


@dataclass
class Project:
    companies: list[Company]
    kind: str = "feature"
    audience: str = "children"
    runtime: int | None = 90
    currency: str = "EUR"
    budget: Decimal | None = None  # None: what the co-producers bring together
    support: Decimal | None = None
    creatives: list[tuple[str, str]] = field(default_factory=list)  # (role, nationality)
    shooting: list[str] | None = None  # None: the co-producers' countries
    post: list[str] | None = None
    animation: list[str] | None = None
    rates: dict[str, str] = field(default_factory=dict)
    as_of: date = AS_OF

    def countries(self) -> list[str]:
        return list(dict.fromkeys(company.country for company in self.companies))

    def total(self) -> Decimal:
        return sum((c.confirmed + c.pending + c.in_kind for c in self.companies), Decimal(0))

    def as_json(self) -> dict[str, Any]:
        countries = self.countries()
        data: dict[str, Any] = {
            "kind": self.kind,
            "audience": self.audience,
            "runtime_minutes": self.runtime,
            "currency": self.currency,
            "budget": money(self.total() if self.budget is None else self.budget),
            "as_of": self.as_of.isoformat(),
            "coproducers": [company.as_json() for company in self.companies],
            "creatives": [
                {"role": role, "nationality": nationality, "days_worked": LEAD_DAYS.get(role)}
                for role, nationality in self.creatives
            ],
            "shooting_countries": countries if self.shooting is None else self.shooting,
            "post_countries": countries if self.post is None else self.post,
            "animation_countries": countries if self.animation is None else self.animation,
        }
        if self.support is not None:
            data["support_requested"] = money(self.support)
        if self.rates:
            data["rates"] = dict(self.rates)
        return data


def split(total: Decimal, parts: int) -> list[Decimal]:
    """`total` in `parts` amounts to the cent, the first taking the odd cents."""
    each = (total / parts).quantize(CENT, rounding="ROUND_DOWN")
    return [total - each * (parts - 1)] + [each] * (parts - 1)


def of(percent: Decimal, total: Decimal) -> Decimal:
    return percent * total / 100


ARTISTIC = ("script development",)  # so that nobody is a financial-only co-producer unless a test says so


def one_company_each(countries: Sequence[str], amounts: Sequence[Decimal]) -> list[Company]:
    return [
        Company(id=f"c{index}-{country}", country=country, confirmed=amount, artistic=ARTISTIC)
        for index, (country, amount) in enumerate(zip(countries, amounts, strict=True))
    ]


def with_share(countries: Sequence[str], target: int, percent: Decimal, total: Decimal) -> list[Company]:
    """One company a country; country `target` has exactly `percent` of `total`, the others share the rest."""
    amount = of(percent, total)
    rest = split(total - amount, len(countries) - 1)
    amounts = [*rest[:target], amount, *rest[target:]]
    return one_company_each(countries, amounts)


# --- the engine ---------------------------------------------------------------------------------------


def report(doc: Mapping[str, Any], project: Project | Mapping[str, Any]) -> dict[str, Any]:
    data = project.as_json() if isinstance(project, Project) else project
    return report_to_json(check(project_from_json(data), rule_set_from_json(doc), what_if=False))


def result(doc: Mapping[str, Any], project: Project | Mapping[str, Any], code: str) -> dict[str, Any]:
    return next(row for row in report(doc, project)["rules"] if row["code"] == code)


def status(doc: Mapping[str, Any], project: Project | Mapping[str, Any], code: str) -> str:
    return str(result(doc, project, code)["status"])


# --- dates --------------------------------------------------------------------------------------------


def months_earlier(day: date, months: int) -> date:
    """The same day `months` months earlier (AS_OF is the 15th: no month is too short)."""
    index = day.year * 12 + (day.month - 1) - months
    return day.replace(year=index // 12, month=index % 12 + 1)


def day_before(day: date) -> date:
    return day - timedelta(days=1)
