"""The balance of co-production between two countries, period by period (treaties review it over several
years): the projects both co-produce, what each country's companies bring (per currency, and converted
to a reporting currency with the recorded exchange rates), how often each is the majority or a minority
co-producer, and the key creative posts its nationals hold.

Only the projects whose private side the viewer sees count (a film body sees its country's; a producer
its own): the balance never reveals another organisation's financing. A project belongs to the period
of its `start_year`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from cinebridge.accounts import policy
from cinebridge.coproduction.bridge import PROJECT_PRIVATE_PREFETCH, project_facts
from cinebridge.coproduction.engine.facts import shares
from cinebridge.coproduction.models import CoProducer, CreativeRole, Project
from cinebridge.coproduction.selectors.projects import projects_private_visible
from cinebridge.core.engine.money import Rounding, quantize
from cinebridge.core.models import ExchangeRate

__all__ = ["KEY_CREATIVE_ROLES", "BalancePeriod", "CountryBalance", "balance"]

# Every post of the vocabulary but "other" is a key creative or technical post.
KEY_CREATIVE_ROLES = frozenset(CreativeRole.values) - {CreativeRole.OTHER}


@dataclass
class CountryBalance:
    """One country's side of a period. `converted` is None when an amount's currency has no rate."""

    country: str
    amounts: dict[str, Decimal] = field(default_factory=dict)  # currency -> financing + in-kind
    converted: Decimal | None = Decimal(0)
    majority: int = 0  # projects where the country's share is the largest
    minority: int = 0  # projects where another country's share is larger
    equal: int = 0  # projects where it shares the largest share with another country
    key_posts: int = 0
    key_posts_by_role: dict[str, int] = field(default_factory=dict)


@dataclass
class BalancePeriod:
    first_year: int
    last_year: int
    currency: str  # the reporting currency
    projects: list[Project]
    countries: tuple[CountryBalance, CountryBalance]
    missing_rates: list[str] = field(default_factory=list)  # currencies without a rate to `currency`

    def country(self, code: str) -> CountryBalance:
        return next(side for side in self.countries if side.country == code)


class _Rates:
    """The latest recorded rate on or before a day between two currencies, either way round."""

    def __init__(self, currencies: Iterable[str], reporting: str) -> None:
        wanted = sorted({*currencies, reporting})
        self.reporting = reporting
        self.rows: dict[str, list[tuple[date, Decimal]]] = {}
        rates = ExchangeRate.objects.filter(base__in=wanted, quote__in=wanted).order_by("on", "pk")
        for row in rates.only("base", "quote", "on", "rate"):
            if row.quote == reporting and row.base != reporting:
                self.rows.setdefault(row.base, []).append((row.on, row.rate))
            elif row.base == reporting and row.quote != reporting:
                self.rows.setdefault(row.quote, []).append((row.on, Decimal(1) / row.rate))

    def rate(self, currency: str, on: date) -> Decimal | None:
        """Units of the reporting currency one unit of `currency` bought on `on`."""
        if currency == self.reporting:
            return Decimal(1)
        best = None
        for day, rate in self.rows.get(currency, []):
            if day <= on:
                best = rate  # rows are in date order: the last wins (a direct rate over an inverse on a tie)
        return best


def _periods(first_year: int, years: int, last_year: int) -> list[tuple[int, int]]:
    periods = []
    start = first_year
    while True:
        periods.append((start, start + years - 1))
        start += years
        if start > last_year:
            return periods


def balance(
    *,
    viewer: policy.Viewer,
    country_a: str,
    country_b: str,
    first_year: int,
    years: int = 4,
    last_year: int | None = None,
    currency: str = "EUR",
) -> list[BalancePeriod]:
    """Periods of `years` years from `first_year` up to `last_year` (default: this year or the last
    project's start year, whichever is later): the projects both countries co-produce that the viewer
    sees privately, each country's contributions, majority/minority counts and key creative posts."""
    if years < 1:
        raise ValueError("a period has at least one year")
    country_a, country_b = country_a.upper(), country_b.upper()
    projects = list(
        projects_private_visible(viewer=viewer)
        .filter(pk__in=CoProducer.objects.filter(country=country_a).values("project"))
        .filter(pk__in=CoProducer.objects.filter(country=country_b).values("project"))
        .filter(start_year__gte=first_year)
        .select_related("lead")
        .prefetch_related(*PROJECT_PRIVATE_PREFETCH)
        .order_by("start_year", "slug")
    )
    if last_year is None:
        last_year = max([timezone.localdate().year, *(p.start_year for p in projects)])
    else:
        projects = [p for p in projects if p.start_year <= last_year]
    rates = _Rates({p.currency for p in projects}, currency)
    periods = [
        BalancePeriod(
            first_year=start,
            last_year=end,
            currency=currency,
            projects=[],
            countries=(CountryBalance(country=country_a), CountryBalance(country=country_b)),
        )
        for start, end in _periods(first_year, years, last_year)
    ]
    today = timezone.localdate()
    for project in projects:
        period = periods[(project.start_year - first_year) // years]
        period.projects.append(project)
        _add(period, project, rates, on=min(date(period.last_year, 12, 31), today))
    for period in periods:
        for side in period.countries:
            side.amounts = dict(sorted(side.amounts.items()))
            side.key_posts_by_role = dict(sorted(side.key_posts_by_role.items()))
            if side.converted is not None:
                side.converted = quantize(side.converted, currency, Rounding.HALF_UP)
        period.missing_rates = sorted(set(period.missing_rates))
    return periods


def _add(period: BalancePeriod, project: Project, rates: _Rates, *, on: date) -> None:
    facts = project_facts(project, as_of=on)
    project_shares = shares(facts)
    largest = max((share.fraction for share in project_shares.by_country), default=None)
    leaders = [share.key for share in project_shares.by_country if share.fraction == largest]
    roles: Mapping[str, Counter[str]] = {
        side.country: Counter(
            c.role
            for c in project.creatives.all()
            if c.nationality == side.country and c.role in KEY_CREATIVE_ROLES
        )
        for side in period.countries
    }
    rate = rates.rate(project.currency, on)
    if rate is None:
        period.missing_rates.append(project.currency)
    for side in period.countries:
        share = project_shares.country(side.country)
        amount = share.amount if share is not None else Decimal(0)
        side.amounts[project.currency] = side.amounts.get(project.currency, Decimal(0)) + amount
        if rate is None or side.converted is None:
            side.converted = None
        else:
            side.converted += amount * rate
        if len(leaders) > 1 and side.country in leaders:
            side.equal += 1
        elif leaders == [side.country]:
            side.majority += 1
        else:
            side.minority += 1
        for role, count in roles[side.country].items():
            side.key_posts += count
            side.key_posts_by_role[role] = side.key_posts_by_role.get(role, 0) + count
