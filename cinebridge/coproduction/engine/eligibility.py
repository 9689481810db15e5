"""Whether a co-production meets a rule set: every rule passed, failed, waivable (a points test above the
waiver's minimum) or not applicable, with the numbers and the article it comes from. Pure Python.

Every comparison is exact: shares are `Fraction`s and a limit "10" is 1/10, so a share of exactly 10 %
passes a minimum of 10 % and 9.99 % fails it; percentages are rounded (two decimals, half up) only for
showing. The project is eligible when every applicable required rule passed. The report's JSON is in
docs/coproduction-eligibility.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from cinebridge.core.engine.money import minor_units

from .facts import CompanyFacts, ProjectFacts, Shares, percent_text, shares
from .rulesets import (
    COPRODUCERS,
    SHARE_CHECKS,
    PlaceEntry,
    RoleEntry,
    Rule,
    RuleSetDoc,
    When,
    rule_set_from_json,
)

if TYPE_CHECKING:
    from .whatif import ContributionAnswer, PointsOption

__all__ = [
    "FAILED",
    "NOT_APPLICABLE",
    "NO_TABLE",
    "PASSED",
    "STALE_LETTER_MONTHS",
    "STATUSES",
    "WAIVABLE",
    "Context",
    "Item",
    "Report",
    "RuleResult",
    "check",
    "context",
    "evaluate",
    "money_text",
    "months_before",
    "no_table",
    "place_countries",
    "report_to_json",
]

PASSED = "passed"
FAILED = "failed"
WAIVABLE = "waivable"
NOT_APPLICABLE = "not_applicable"
STATUSES = (PASSED, FAILED, WAIVABLE, NOT_APPLICABLE)
NO_TABLE = "no_table"  # numbers["reason"] of a points rule with no table for the project's kind
STALE_LETTER_MONTHS = 6  # the financing plan flags letters older than this


@dataclass(frozen=True)
class Item:
    """One thing a rule measured: a country's share, a letter's date, a points-table entry."""

    key: str
    passed: bool
    value: str | None = None
    limit: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "value": self.value,
            "limit": self.limit,
            "passed": self.passed,
            **self.extra,
        }


@dataclass(frozen=True)
class RuleResult:
    rule: Rule
    status: str
    numbers: Mapping[str, Any]
    items: tuple[Item, ...] = ()

    def failing(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if not item.passed)


@dataclass(frozen=True)
class Report:
    rule_set: RuleSetDoc
    project: ProjectFacts
    shares: Shares
    parties: tuple[str, ...]
    results: tuple[RuleResult, ...]
    contributions: tuple[tuple[str, ContributionAnswer | None], ...] = ()
    points: tuple[PointsOption, ...] = ()

    @property
    def eligible(self) -> bool:
        """Every applicable required rule passed (a waivable points test is not a pass)."""
        return all(
            result.status in (PASSED, NOT_APPLICABLE)
            for result in self.results
            if result.rule.severity == "required"
        )

    def result(self, code: str) -> RuleResult:
        return next(result for result in self.results if result.rule.code == code)


# --- what a rule reads -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    project: ProjectFacts
    doc: RuleSetDoc
    shares: Shares
    parties: tuple[str, ...]
    countries: tuple[str, ...]  # co-producing, in order
    rate: Fraction | None  # one unit of the project's currency in the rule set's; None: not given
    financial_only: frozenset[str]  # ids of the companies that bring money only

    def company_share(self, company: CompanyFacts) -> Fraction:
        share = self.shares.company(company.id)
        return share.fraction if share is not None else Fraction(0)

    def in_rule_currency(self, amount: Decimal) -> Fraction | None:
        return None if self.rate is None else Fraction(amount) * self.rate


def context(project: ProjectFacts, doc: RuleSetDoc) -> Context:
    countries = project.country_order()
    if project.parties is not None:
        parties = project.parties
    elif doc.parties == COPRODUCERS:
        parties = countries
    else:
        parties = tuple(doc.parties)
    if project.currency == doc.currency:
        rate: Fraction | None = Fraction(1)
    else:
        given = project.rates.get(doc.currency)
        rate = None if given is None else Fraction(given)
    nationalities = {creative.nationality for creative in project.creatives}
    financial_only = frozenset(
        company.id
        for company in project.companies
        if not company.in_kind and not company.artistic and company.country not in nationalities
    )
    return Context(project, doc, shares(project), parties, countries, rate, financial_only)


def place_countries(project: ProjectFacts, place: str) -> tuple[str, ...]:
    return {
        "shooting": project.shooting_countries,
        "post_production": project.post_countries,
        "animation": project.animation_countries,
    }[place]


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - date(year, month, 1)).days
    return date(year, month, min(day.day, last_day))


def _limit(value: Decimal) -> Fraction:
    return Fraction(value) / 100


def _text(value: Decimal) -> str:
    return f"{value:f}"


def _round_half_up(value: Fraction) -> int:
    sign = -1 if value < 0 else 1
    magnitude = abs(value)
    return sign * ((magnitude.numerator * 2 + magnitude.denominator) // (magnitude.denominator * 2))


def money_text(amount: Fraction | Decimal, currency: str) -> str:
    """An amount with the currency's minor units, rounded half up ("1500000.00")."""
    places = minor_units(currency)
    return f"{Decimal(_round_half_up(Fraction(amount) * 10**places)).scaleb(-places):f}"


def _ratio_text(part: Fraction | Decimal, whole: Fraction | Decimal) -> str | None:
    return percent_text(Fraction(part) / Fraction(whole)) if whole else None


def _status(items: Sequence[Item]) -> str:
    if not items:
        return NOT_APPLICABLE
    return PASSED if all(item.passed for item in items) else FAILED


# --- the checks ----------------------------------------------------------------------------------------

Outcome = tuple[str, dict[str, Any], tuple[Item, ...]]


def share_rows(ctx: Context, per: str) -> list[tuple[str, Fraction, dict[str, Any]]]:
    """What a share rule measures `per` country, company, or company of a country with several."""
    if per == "country":
        return [(share.key, share.fraction, {}) for share in ctx.shares.by_country]
    companies = ctx.project.companies
    if per == "company_of_several":
        several = {c for c in ctx.countries if sum(1 for company in companies if company.country == c) > 1}
        companies = tuple(company for company in companies if company.country in several)
    return [
        (company.id, ctx.company_share(company), {"name": company.name, "country": company.country})
        for company in companies
    ]


def _share_bound(ctx: Context, params: Mapping[str, Any], *, minimum: bool) -> Outcome:
    limit = params["percent"]
    bound = _limit(limit)
    items = tuple(
        Item(
            key,
            fraction >= bound if minimum else fraction <= bound,
            percent_text(fraction),
            _text(limit),
            extra,
        )
        for key, fraction, extra in share_rows(ctx, params["per"])
    )
    return _status(items), {"percent": _text(limit), "per": params["per"]}, items


def _share_min(ctx: Context, params: Mapping[str, Any]) -> Outcome:
    return _share_bound(ctx, params, minimum=True)


def _share_max(ctx: Context, params: Mapping[str, Any]) -> Outcome:
    return _share_bound(ctx, params, minimum=False)


def _financial_only_share(ctx: Context, params: Mapping[str, Any]) -> Outcome:
    low, high = params["min_percent"], params["max_percent"]
    items = []
    for company in ctx.project.companies:
        if company.id in ctx.financial_only:
            fraction = ctx.company_share(company)
            items.append(
                Item(
                    company.id,
                    _limit(low) <= fraction <= _limit(high),
                    percent_text(fraction),
                    None,
                    {"name": company.name, "country": company.country, "min": _text(low), "max": _text(high)},
                )
            )
    return _status(items), {"min_percent": _text(low), "max_percent": _text(high)}, tuple(items)


def _non_party_share_max(ctx: Context, params: Mapping[str, Any]) -> Outcome:
    limit = params["percent"]
    outside = [company for company in ctx.project.companies if company.country not in ctx.parties]
    countries = list(dict.fromkeys(company.country for company in outside))
    numbers: dict[str, Any] = {"percent": _text(limit), "countries": countries}
    if not outside:
        return NOT_APPLICABLE, numbers, ()
    combined = sum((ctx.company_share(company) for company in outside), Fraction(0))
    numbers["value"] = percent_text(combined)
    item = Item(
        "outside_parties",
        combined <= _limit(limit),
        percent_text(combined),
        _text(limit),
        {"countries": countries},
    )
    return _status([item]), numbers, (item,)


def _countries_min(ctx: Context, params: Mapping[str, Any]) -> Outcome:
    counted = (
        [c for c in ctx.countries if c in ctx.parties] if params["parties_only"] else list(ctx.countries)
    )
    count = params["count"]
    item = Item("countries", len(counted) >= count, str(len(counted)), str(count), {"countries": counted})
    numbers = {
        "count": count,
        "value": len(counted),
        "countries": counted,
        "parties_only": params["parties_only"],
    }
    return _status([item]), numbers, (item,)


def points_table(
    ctx: Context, params: Mapping[str, Any]
) -> tuple[str, tuple[RoleEntry | PlaceEntry, ...]] | None:
    tables = params["tables"]
    for key in (ctx.project.kind, "*"):
        if key in tables:
            return key, tables[key]
    return None


def points_nationals(ctx: Context, params: Mapping[str, Any]) -> tuple[str, ...]:
    return ctx.parties if params["count_nationals_of"] == "parties" else ctx.countries


def entry_scores(ctx: Context, entry: RoleEntry | PlaceEntry, nationals: Iterable[str]) -> bool:
    allowed = set(nationals)
    if isinstance(entry, RoleEntry):
        return any(c.role == entry.role and c.nationality in allowed for c in ctx.project.creatives)
    countries = place_countries(ctx.project, entry.place)
    return bool(countries) and all(country in allowed for country in countries)


def _points(ctx: Context, params: Mapping[str, Any]) -> Outcome:
    found = points_table(ctx, params)
    if found is None:
        # The instrument has a table for this kind of work that the rule set does not carry (or none at
        # all): the project cannot be shown to qualify, so the rule fails rather than stepping aside.
        return FAILED, {"reason": NO_TABLE, "kind": ctx.project.kind, "table": None}, ()
    threshold, waiver = params["threshold"], params["waiver_min"]
    numbers: dict[str, Any] = {"threshold": threshold, "waiver_min": waiver}
    table_key, entries = found
    nationals = points_nationals(ctx, params)
    items = []
    for index, entry in enumerate(entries):
        scored = entry_scores(ctx, entry, nationals)
        kind, key = ("role", entry.role) if isinstance(entry, RoleEntry) else ("place", entry.place)
        items.append(
            Item(
                key,
                scored,
                str(entry.points if scored else 0),
                str(entry.points),
                {"kind": kind, "index": index},
            )
        )
    points = sum(entry.points for entry, item in zip(entries, items, strict=True) if item.passed)
    numbers.update(points=points, maximum=sum(entry.points for entry in entries), table=table_key)
    if points >= threshold:
        status = PASSED
    elif waiver is not None and points >= waiver:
        status = WAIVABLE
    else:
        status = FAILED
    return status, numbers, tuple(items)


def _runtime_min(ctx: Context, params: Mapping[str, Any]) -> Outcome:
    minutes = params["minutes"]
    runtime = ctx.project.runtime_minutes
    item = Item(
        "runtime",
        runtime is not None and runtime >= minutes,
        None if runtime is None else str(runtime),
        str(minutes),
    )
    return _status([item]), {"minutes": minutes, "value": runtime}, (item,)


def _confirmed_financing_min(ctx: Context, params: Mapping[str, Any]) -> Outcome:
    limit, per = params["percent"], params["per"]
    currency = ctx.project.currency
    numbers: dict[str, Any] = {"percent": _text(limit), "per": per}
    items = []
    if per == "total":
        confirmed = sum((company.confirmed for company in ctx.project.companies), Decimal(0))
        budget = ctx.project.budget
        numbers.update(confirmed=money_text(confirmed, currency), budget=money_text(budget, currency))
        items.append(
            Item(
                "total",
                confirmed * 100 >= limit * budget,
                _ratio_text(confirmed, budget) or "0.00",
                _text(limit),
                {"confirmed": money_text(confirmed, currency), "of": money_text(budget, currency)},
            )
        )
    else:
        for country in ctx.countries:
            companies = [company for company in ctx.project.companies if company.country == country]
            confirmed = sum((company.confirmed for company in companies), Decimal(0))
            amount = sum((company.amount for company in companies), Decimal(0))
            items.append(
                Item(
                    country,
                    confirmed * 100 >= limit * amount,
                    _ratio_text(confirmed, amount) or "0.00",
                    _text(limit),
                    {"confirmed": money_text(confirmed, currency), "of": money_text(amount, currency)},
                )
            )
    return _status(items), numbers, tuple(items)


def letters(ctx: Context, months: int) -> tuple[date, list[Item]]:
    """Each confirmed source's letter, passed when it is no older than `months` months."""
    oldest = months_before(ctx.project.as_of, months)
    items = []
    for company in ctx.project.companies:
        for index, line in enumerate(company.financing):
            if line.confirmed and line.letter_date is not None:
                items.append(
                    Item(
                        company.id,
                        line.letter_date >= oldest,
                        line.letter_date.isoformat(),
                        oldest.isoformat(),
                        {"name": company.name, "country": company.country, "financier_index": index},
                    )
                )
    return oldest, items


def _letters_recent(ctx: Context, params: Mapping[str, Any]) -> Outcome:
    oldest, items = letters(ctx, params["months"])
    return _status(items), {"months": params["months"], "oldest_allowed": oldest.isoformat()}, tuple(items)


def _support_max(ctx: Context, params: Mapping[str, Any]) -> Outcome:
    support = ctx.project.support_requested
    numbers: dict[str, Any] = {
        "percent": None if params["percent"] is None else _text(params["percent"]),
        "amount": None if params["amount"] is None else _text(params["amount"]),
        "rule_currency": ctx.doc.currency,
        "currency": ctx.project.currency,
    }
    if support is None:
        return NOT_APPLICABLE, numbers, ()
    numbers["support"] = money_text(support, ctx.project.currency)
    items = []
    if params["percent"] is not None:
        limit = params["percent"]
        items.append(
            Item(
                "percent",
                support * 100 <= limit * ctx.project.budget,
                _ratio_text(support, ctx.project.budget),
                _text(limit),
            )
        )
    if params["amount"] is not None:
        converted = ctx.in_rule_currency(support)
        if converted is None:
            items.append(
                Item(
                    "amount",
                    False,
                    None,
                    _text(params["amount"]),
                    {"currency": ctx.doc.currency, "missing_rate": ctx.doc.currency},
                )
            )
        else:
            items.append(
                Item(
                    "amount",
                    converted <= Fraction(params["amount"]),
                    money_text(converted, ctx.doc.currency),
                    _text(params["amount"]),
                    {"currency": ctx.doc.currency},
                )
            )
    return _status(items), numbers, tuple(items)


def _creative_proportional(ctx: Context, params: Mapping[str, Any]) -> Outcome:
    posts: Mapping[str, int] = params["posts"]
    tolerance = params["tolerance"]
    held = [(creative, posts[creative.role]) for creative in ctx.project.creatives if creative.role in posts]
    numbers: dict[str, Any] = {"tolerance": _text(tolerance), "posts": dict(posts)}
    total = sum(weight for _creative, weight in held)
    if not total:
        return NOT_APPLICABLE, numbers, ()
    items = []
    for share in ctx.shares.by_country:
        weight = sum(w for creative, w in held if creative.nationality == share.key)
        creative_fraction = Fraction(weight, total)
        difference = abs(creative_fraction - share.fraction)
        items.append(
            Item(
                share.key,
                difference * 100 <= Fraction(tolerance),
                percent_text(creative_fraction),
                _text(tolerance),
                {"financial": percent_text(share.fraction), "difference": percent_text(difference)},
            )
        )
    return _status(items), numbers, tuple(items)


def _places_in_parties(ctx: Context, params: Mapping[str, Any]) -> Outcome:
    place, mode = params["place"], params["mode"]
    countries = place_countries(ctx.project, place)
    items = tuple(Item(country, country in ctx.parties) for country in countries)
    numbers = {"place": place, "mode": mode, "parties": list(ctx.parties), "countries": list(countries)}
    if not items:
        return NOT_APPLICABLE, numbers, ()
    passed = all(i.passed for i in items) if mode == "all" else any(i.passed for i in items)
    return (PASSED if passed else FAILED), numbers, items


def _financing_covers_budget(ctx: Context, params: Mapping[str, Any]) -> Outcome:
    limit = params["percent"]
    total, budget = ctx.shares.total, ctx.project.budget
    currency = ctx.project.currency
    item = Item(
        "financing",
        total * 100 >= limit * budget,
        _ratio_text(total, budget),
        _text(limit),
        {"total": money_text(total, currency), "budget": money_text(budget, currency)},
    )
    numbers = {
        "percent": _text(limit),
        "total": money_text(total, currency),
        "budget": money_text(budget, currency),
    }
    return _status([item]), numbers, (item,)


CHECKERS: dict[str, Callable[[Context, Mapping[str, Any]], Outcome]] = {
    "share_min": _share_min,
    "share_max": _share_max,
    "financial_only_share": _financial_only_share,
    "non_party_share_max": _non_party_share_max,
    "countries_min": _countries_min,
    "points": _points,
    "runtime_min": _runtime_min,
    "confirmed_financing_min": _confirmed_financing_min,
    "letters_recent": _letters_recent,
    "support_max": _support_max,
    "creative_proportional": _creative_proportional,
    "places_in_parties": _places_in_parties,
    "financing_covers_budget": _financing_covers_budget,
}


def applies(when: When, ctx: Context) -> bool | None:
    """Whether the rule's conditions hold; None when a budget condition needs a rate not given."""
    count = len(ctx.countries)
    if when.countries_min is not None and count < when.countries_min:
        return False
    if when.countries_max is not None and count > when.countries_max:
        return False
    if when.kinds and ctx.project.kind not in when.kinds:
        return False
    if when.audiences and ctx.project.audience not in when.audiences:
        return False
    if when.budget_at_least is None and when.budget_below is None:
        return True
    budget = ctx.in_rule_currency(ctx.project.budget)
    if budget is None:
        return None
    if when.budget_at_least is not None and budget < Fraction(when.budget_at_least):
        return False
    return not (when.budget_below is not None and budget >= Fraction(when.budget_below))


def rule_result(rule: Rule, ctx: Context) -> RuleResult:
    applicable = applies(rule.when, ctx)
    if applicable is None:
        return RuleResult(rule, FAILED, {"missing_rate": ctx.doc.currency, "currency": ctx.project.currency})
    if not applicable:
        return RuleResult(rule, NOT_APPLICABLE, {})
    status, numbers, items = CHECKERS[rule.check](ctx, rule.params)
    return RuleResult(rule, status, numbers, items)


def as_doc(rule_set: RuleSetDoc | Mapping[str, Any]) -> RuleSetDoc:
    return rule_set if isinstance(rule_set, RuleSetDoc) else rule_set_from_json(rule_set)


def evaluate(project: ProjectFacts, rule_set: RuleSetDoc | Mapping[str, Any]) -> Report:
    """The report without what-if answers."""
    doc = as_doc(rule_set)
    ctx = context(project, doc)
    results = tuple(rule_result(rule, ctx) for rule in doc.rules)
    return Report(doc, project, ctx.shares, ctx.parties, results)


def shares_pass(report: Report) -> bool:
    """Every share rule (whatever its severity) passed or does not apply."""
    return all(result.status != FAILED for result in report.results if result.rule.check in SHARE_CHECKS)


def default_what_if_countries(report: Report) -> tuple[str, ...]:
    """The countries whose additions could mend a failing share rule: those below a minimum and, when a
    maximum is exceeded, every country that is not over it."""
    countries = report.project.country_order()
    by_company = {company.id: company.country for company in report.project.companies}
    below: set[str] = set()
    over: set[str] = set()
    for result in report.results:
        if result.status != FAILED or result.rule.check not in SHARE_CHECKS:
            continue
        for item in result.failing():
            country = by_company.get(item.key, item.key)
            if result.rule.check == "share_min":
                below.add(country)
            elif result.rule.check == "financial_only_share":
                low = Fraction(Decimal(str(item.extra["min"]))) / 100
                share = report.shares.company(item.key)
                (below if share is not None and share.fraction < low else over).add(country)
            elif result.rule.check == "share_max":
                over.add(country)
            else:  # outside the parties: the parties' co-producers must bring more
                over.update(str(c) for c in item.extra.get("countries", ()))
    wanted = below | ({c for c in countries if c not in over} if over else set())
    return tuple(country for country in countries if country in wanted)


def no_table(result: RuleResult) -> bool:
    """A points rule that failed because the rule set has no table for the project's kind."""
    return result.rule.check == "points" and result.numbers.get("reason") == NO_TABLE


def _with_tables(report: Report) -> RuleSetDoc:
    """The rule set without the points rules that have no table for the project: no post or place can
    mend those, so the points options are looked for only in the others."""
    missing = {result.rule.code for result in report.results if no_table(result)}
    doc = report.rule_set
    return (
        replace(doc, rules=tuple(rule for rule in doc.rules if rule.code not in missing)) if missing else doc
    )


def check(
    project: ProjectFacts,
    rule_set: RuleSetDoc | Mapping[str, Any],
    *,
    what_if_countries: Sequence[str] | None = None,
    what_if: bool = True,
) -> Report:
    """The report of `project` against `rule_set`, with what-if answers: the least each country in
    `what_if_countries` (default: those a failing share rule points to) must add, and the smallest sets
    of points-table entries that would reach a failing points test."""
    from .whatif import minimum_contribution, points_options

    report = evaluate(project, rule_set)
    if not what_if:
        return report
    countries = default_what_if_countries(report) if what_if_countries is None else tuple(what_if_countries)
    contributions = tuple(
        (country, minimum_contribution(project, report.rule_set, country=country)) for country in countries
    )
    failing_points = any(
        r.rule.check == "points" and r.status in (FAILED, WAIVABLE) and not no_table(r)
        for r in report.results
    )
    points = tuple(points_options(project, _with_tables(report))) if failing_points else ()
    return Report(
        report.rule_set, project, report.shares, report.parties, report.results, contributions, points
    )


# --- JSON ----------------------------------------------------------------------------------------------


def report_to_json(report: Report) -> dict[str, Any]:
    """The report as docs/coproduction-eligibility.md describes it."""
    project, doc = report.project, report.rule_set
    currency = project.currency
    ctx = context(project, doc)
    companies = {company.id: company for company in project.companies}
    confirmed = sum((company.confirmed for company in project.companies), Decimal(0))
    _oldest, letter_items = letters(ctx, STALE_LETTER_MONTHS)
    return {
        "rule_set": {
            "id": doc.id,
            "version": doc.version,
            "names": dict(doc.names),
            "source": dict(doc.source),
        },
        "eligible": report.eligible,
        "currency": currency,
        "parties": list(report.parties),
        "shares": {
            "total": money_text(report.shares.total, currency),
            "by_country": [
                {
                    "country": share.key,
                    "amount": money_text(share.amount, currency),
                    "percent": percent_text(share.fraction),
                }
                for share in report.shares.by_country
            ],
            "by_company": [
                {
                    "id": share.key,
                    "name": companies[share.key].name,
                    "country": companies[share.key].country,
                    "amount": money_text(share.amount, currency),
                    "percent": percent_text(share.fraction),
                    "financial_only": share.key in ctx.financial_only,
                }
                for share in report.shares.by_company
            ],
        },
        "financing": {
            "budget": money_text(project.budget, currency),
            "total": money_text(report.shares.total, currency),
            "confirmed": money_text(confirmed, currency),
            "confirmed_percent": _ratio_text(confirmed, project.budget) or "0.00",
            "stale_letters": [
                {
                    "company": item.key,
                    "financier_index": item.extra["financier_index"],
                    "letter_date": item.value,
                }
                for item in letter_items
                if not item.passed
            ],
        },
        "rules": [
            {
                "code": result.rule.code,
                "check": result.rule.check,
                "article": result.rule.article,
                "titles": dict(result.rule.titles),
                "severity": result.rule.severity,
                "when": result.rule.when.as_json(),
                "status": result.status,
                "numbers": dict(result.numbers),
                "items": [item.as_json() for item in result.items],
            }
            for result in report.results
        ],
        "what_if": {
            "contributions": [
                _contribution_json(country, answer, currency) for country, answer in report.contributions
            ],
            "points": [option.as_json() for option in report.points],
        },
    }


def _contribution_json(country: str, answer: ContributionAnswer | None, currency: str) -> dict[str, Any]:
    if answer is None:
        return {
            "country": country,
            "add": None,
            "currency": currency,
            "company": None,
            "new_company": False,
            "shares_pass": False,
            "eligible_after": False,
        }
    return answer.as_json()
