"""A project in the database → the eligibility engine's plain data (`engine/facts.py`) and its project
JSON (docs/coproduction-eligibility.md).

Each co-producer is one company of the engine, its id the co-producer's primary key as text: its
financing is every `FinancingSource` it raised, its in-kind contributions are valued, its artistic ones
are named (they count for the rules on financial-only co-producers). Everything is read through
`.all()`, so a project fetched with `PROJECT_PRIVATE_PREFETCH` costs no further query but the exchange
rates' (only when other currencies are asked for).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from cinebridge.core.engine.money import unit
from cinebridge.core.models import ExchangeRate

from .engine.facts import CompanyFacts, CreativeFacts, Financing, InKind, ProjectFacts
from .engine.project_json import project_to_json
from .models import Contribution, ContributionKind, CoProducer, FinancingSource, Project

__all__ = [
    "PROJECT_PRIVATE_PREFETCH",
    "exchange_rates",
    "project_facts",
    "project_json",
]

# What the private side of a project reads: co-producers (with their organisation), their financing and
# contributions, the creatives.
PROJECT_PRIVATE_PREFETCH: tuple[str | Prefetch[Any], ...] = (
    Prefetch(
        "coproducers", queryset=CoProducer.objects.select_related("organisation").order_by("position", "pk")
    ),
    Prefetch("coproducers__financing", queryset=FinancingSource.objects.order_by("pk")),
    Prefetch("coproducers__contributions", queryset=Contribution.objects.order_by("kind", "pk")),
    "creatives",
)


def _money(value: Decimal, currency: str) -> Decimal:
    """An amount as the database keeps it (four decimals) at its currency's minor units when that is
    exact (600000.0000 EUR → 600000.00), so that the engine's texts show it as people wrote it."""
    try:
        exact = value.quantize(unit(currency))
    except ValueError:  # not a currency of payments: the services never let one in
        return value
    return exact if exact == value else value


def exchange_rates(*, currency: str, to: Iterable[str], on: date) -> dict[str, Decimal]:
    """For each currency of `to` (but `currency`), the units of it one unit of `currency` bought on the
    latest day on or before `on` with a recorded rate (either direction: the inverse of the other
    way's); a currency without any rate is left out."""
    wanted = sorted({code for code in to if code and code != currency})
    if not wanted:
        return {}
    rows = ExchangeRate.objects.filter(on__lte=on).filter(
        base__in=[currency, *wanted], quote__in=[currency, *wanted]
    )
    best: dict[str, tuple[date, Decimal]] = {}
    for row in rows.order_by("on", "pk"):
        if row.base == currency and row.quote in wanted:
            key, rate = row.quote, row.rate
        elif row.quote == currency and row.base in wanted:
            key, rate = row.base, Decimal(1) / row.rate
        else:
            continue
        if key not in best or row.on >= best[key][0]:
            best[key] = (row.on, rate)
    return {key: rate for key, (_on, rate) in sorted(best.items())}


def _companies(project: Project) -> tuple[CompanyFacts, ...]:
    currency = project.currency
    companies = []
    for coproducer in project.coproducers.all():
        contributions = list(coproducer.contributions.all())
        companies.append(
            CompanyFacts(
                id=str(coproducer.pk),
                name=coproducer.name,
                country=coproducer.country,
                financing=tuple(
                    Financing(
                        kind=source.kind,
                        amount=_money(source.amount, currency),
                        confirmed=source.is_confirmed,
                        letter_date=source.letter_date,
                    )
                    for source in coproducer.financing.all()
                ),
                in_kind=tuple(
                    InKind(category=c.category or "other", value=_money(c.value, currency))
                    for c in contributions
                    if c.kind == ContributionKind.IN_KIND
                ),
                artistic=tuple(c.description for c in contributions if c.kind == ContributionKind.ARTISTIC),
            )
        )
    return tuple(companies)


def project_facts(
    project: Project,
    *,
    as_of: date,
    parties: Sequence[str] | None = None,
    rate_currencies: Iterable[str] = (),
) -> ProjectFacts:
    """The project as the engine reads it, on `as_of` (the day letters' ages are counted to); `parties`
    replaces the rule set's parties (None: the rule set's); `rate_currencies` are the currencies whose
    rates from the project's currency are looked up (a rule set's currency when it differs)."""
    return ProjectFacts(
        kind=project.kind,
        audience=project.audience,
        runtime_minutes=project.target_runtime_minutes,
        currency=project.currency,
        budget=_money(project.budget, project.currency),
        support_requested=None
        if project.support_requested is None
        else _money(project.support_requested, project.currency),
        as_of=as_of,
        companies=_companies(project),
        creatives=tuple(
            CreativeFacts(role=c.role, nationality=c.nationality, days_worked=c.days_worked)
            for c in project.creatives.all()
        ),
        shooting_countries=tuple(project.shooting_countries),
        post_countries=tuple(project.post_countries),
        animation_countries=tuple(project.animation_countries),
        parties=None if parties is None else tuple(parties),
        rates=exchange_rates(currency=project.currency, to=rate_currencies, on=as_of),
    )


def project_json(
    project: Project,
    *,
    as_of: date,
    parties: Sequence[str] | None = None,
    rate_currencies: Iterable[str] = (),
) -> dict[str, Any]:
    """The project in the engine's project JSON (what `coproduction_check --input` and the REST endpoint
    read): amounts as decimal strings, dates as YYYY-MM-DD; `project_from_json` reads it back to
    `project_facts`."""
    return project_to_json(
        project_facts(project, as_of=as_of, parties=parties, rate_currencies=rate_currencies)
    )
