"""A co-production project as plain data, and its shares per company and per country. Pure Python.

A co-producer's amount is the financing it brings (confirmed or pending) plus the value of its in-kind
contributions; its share is that amount over the sum of every co-producer's amount, as an exact
`Fraction`. Percentages are shown with two decimals rounded half up, but every comparison a rule makes
is on the exact fraction (see `eligibility.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

__all__ = [
    "CompanyFacts",
    "CreativeFacts",
    "Financing",
    "InKind",
    "ProjectFacts",
    "Share",
    "Shares",
    "percent_text",
    "percent_value",
    "shares",
]


@dataclass(frozen=True)
class Financing:
    """One line of the financing plan raised by a co-producer; a confirmed line has its letter's date."""

    kind: str
    amount: Decimal
    confirmed: bool
    letter_date: date | None = None


@dataclass(frozen=True)
class InKind:
    """A valued in-kind contribution (studio, post-production, VFX, equipment …)."""

    category: str
    value: Decimal


@dataclass(frozen=True)
class CompanyFacts:
    id: str
    name: str
    country: str
    financing: tuple[Financing, ...] = ()
    in_kind: tuple[InKind, ...] = ()
    artistic: tuple[str, ...] = ()

    @cached_property  # read for every share of every rule: summed once (a frozen dataclass's __dict__)
    def amount(self) -> Decimal:
        """What the company brings: its financing and the value of its in-kind contributions."""
        return sum((line.amount for line in self.financing), Decimal(0)) + sum(
            (item.value for item in self.in_kind), Decimal(0)
        )

    @cached_property
    def confirmed(self) -> Decimal:
        """What the company brings for certain: confirmed financing and in-kind contributions."""
        return sum((line.amount for line in self.financing if line.confirmed), Decimal(0)) + sum(
            (item.value for item in self.in_kind), Decimal(0)
        )


@dataclass(frozen=True)
class CreativeFacts:
    role: str
    nationality: str
    days_worked: int | None = None


@dataclass(frozen=True)
class ProjectFacts:
    kind: str
    audience: str
    runtime_minutes: int | None
    currency: str
    budget: Decimal
    support_requested: Decimal | None
    as_of: date
    companies: tuple[CompanyFacts, ...]
    creatives: tuple[CreativeFacts, ...] = ()
    shooting_countries: tuple[str, ...] = ()
    post_countries: tuple[str, ...] = ()
    animation_countries: tuple[str, ...] = ()
    parties: tuple[str, ...] | None = None  # None: the rule set's parties
    # Units of the key currency that one unit of the project's currency buys.
    rates: Mapping[str, Decimal] = field(default_factory=dict)

    def country_order(self) -> tuple[str, ...]:
        """The co-producing countries in the order their first company appears."""
        return tuple(dict.fromkeys(company.country for company in self.companies))


def percent_value(fraction: Fraction) -> Decimal:
    """`fraction` as a percentage with two decimals, rounded half up (exact: no float on the way)."""
    hundredths = fraction * 10000
    sign = -1 if hundredths < 0 else 1
    magnitude = abs(hundredths)
    rounded = (magnitude.numerator * 2 + magnitude.denominator) // (magnitude.denominator * 2)
    return Decimal(sign * rounded).scaleb(-2)


def percent_text(fraction: Fraction) -> str:
    return f"{percent_value(fraction):f}"


@dataclass(frozen=True)
class Share:
    """A company's (key: its id) or a country's (key: its code) amount and exact share of the total."""

    key: str
    amount: Decimal
    fraction: Fraction

    def percent(self) -> Decimal:
        return percent_value(self.fraction)


@dataclass(frozen=True)
class Shares:
    total: Decimal
    by_country: tuple[Share, ...]
    by_company: tuple[Share, ...]

    def country(self, code: str) -> Share | None:
        return next((share for share in self.by_country if share.key == code), None)

    def company(self, company_id: str) -> Share | None:
        return next((share for share in self.by_company if share.key == company_id), None)


def _fraction(amount: Decimal, total: Decimal) -> Fraction:
    # Nobody brings anything yet: every share is nought rather than undefined.
    return Fraction(amount) / Fraction(total) if total else Fraction(0)


def shares(project: ProjectFacts) -> Shares:
    """Each company's and each country's amount and share of what the co-producers bring together."""
    total = sum((company.amount for company in project.companies), Decimal(0))
    by_company = tuple(
        Share(company.id, company.amount, _fraction(company.amount, total)) for company in project.companies
    )
    by_country = []
    for country in project.country_order():
        amount = sum((c.amount for c in project.companies if c.country == country), Decimal(0))
        by_country.append(Share(country, amount, _fraction(amount, total)))
    return Shares(total=total, by_country=tuple(by_country), by_company=by_company)
