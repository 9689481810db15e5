"""What would make a co-production qualify: the least a country must add so that every share rule
passes, and the smallest sets of points-table entries that would reach a points threshold. Pure Python.

Both answers are computed in closed form and then checked by running the rules again on the project
changed accordingly; an answer that does not pass that re-check is not given.

An addition is one confirmed financing line (its letter dated the project's `as_of`) of the country's
co-producer for which the least amount suffices; a country with no co-producer yet gets a new one.
Adding `x` to a company of total `T` turns a share `u / T` into `(u + s·x) / (T + x)` (`s` is 1 for
the shares the company is part of, 0 for the others), so each limit `p` becomes a linear condition
`(s − p)·x ≥ p·T − u` (or its reverse for a maximum); the conditions together hold on an interval,
whose least point is rounded up to the currency's minor unit.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from itertools import combinations
from typing import Any

from cinebridge.core.engine.money import unit

from .eligibility import (
    FAILED,
    WAIVABLE,
    Context,
    applies,
    as_doc,
    context,
    entry_scores,
    evaluate,
    points_nationals,
    points_table,
    shares_pass,
)
from .facts import CompanyFacts, CreativeFacts, Financing, ProjectFacts
from .rulesets import SHARE_CHECKS, RoleEntry, RuleSetDoc

__all__ = [
    "MAX_COMBINATIONS",
    "WHAT_IF_KIND",
    "ContributionAnswer",
    "PointsOption",
    "add_contribution",
    "apply_points_option",
    "minimum_contribution",
    "points_options",
]

WHAT_IF_KIND = "what_if"
NEW_COMPANY_PREFIX = "new-"
# Beyond this many sets of one size the search stops; tables are far smaller (the 2017 convention's
# largest has 19 entries).
MAX_COMBINATIONS = 500_000


@dataclass(frozen=True)
class ContributionAnswer:
    country: str
    company: str  # the co-producer's id that adds it (a new one's: "new-<country>")
    new_company: bool
    add: Decimal  # in the project's currency, a whole number of its minor units
    currency: str
    shares_pass: bool
    eligible_after: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "add": f"{self.add:f}",
            "currency": self.currency,
            "company": self.company,
            "new_company": self.new_company,
            "shares_pass": self.shares_pass,
            "eligible_after": self.eligible_after,
        }


@dataclass(frozen=True)
class PointsOption:
    rule: str  # the points rule's code
    entries: tuple[int, ...]  # indexes in the points table
    roles: tuple[str, ...]
    places: tuple[str, ...]
    points_after: int

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "entries": list(self.entries),
            "roles": list(self.roles),
            "places": list(self.places),
            "points_after": self.points_after,
        }


# --- the least contribution -----------------------------------------------------------------------


def _with_company(
    project: ProjectFacts, country: str, company_id: str | None
) -> tuple[ProjectFacts, str, bool]:
    """The project with the company that adds (a new one of `country` when `company_id` is None)."""
    if company_id is not None:
        return project, company_id, False
    new_id = f"{NEW_COMPANY_PREFIX}{country}"
    while any(company.id == new_id for company in project.companies):
        new_id += "-"
    company = CompanyFacts(id=new_id, name="", country=country)
    return replace(project, companies=(*project.companies, company)), new_id, True


def add_contribution(project: ProjectFacts, company_id: str, amount: Decimal) -> ProjectFacts:
    """The project with a confirmed financing line of `amount` added to the company `company_id`."""
    if not amount:
        return project
    line = Financing(kind=WHAT_IF_KIND, amount=amount, confirmed=True, letter_date=project.as_of)
    return replace(
        project,
        companies=tuple(
            replace(company, financing=(*company.financing, line)) if company.id == company_id else company
            for company in project.companies
        ),
    )


def _terms(ctx: Context, target: str) -> Iterator[tuple[Fraction, int, bool, Fraction]]:
    """Each limit of the applicable share rules as (amount u, s, is a minimum, limit p)."""
    companies = ctx.project.companies
    target_country = next(company.country for company in companies if company.id == target)
    country_amount = {
        c: Fraction(sum((x.amount for x in companies if x.country == c), Decimal(0))) for c in ctx.countries
    }
    for rule in ctx.doc.rules:
        if rule.check not in SHARE_CHECKS:
            continue
        params = rule.params
        if rule.check in ("share_min", "share_max"):
            minimum = rule.check == "share_min"
            p = Fraction(params["percent"]) / 100
            if params["per"] == "country":
                for country in ctx.countries:
                    yield country_amount[country], int(country == target_country), minimum, p
            else:
                several = {c for c in ctx.countries if sum(1 for x in companies if x.country == c) > 1}
                for company in companies:
                    if params["per"] == "company_of_several" and company.country not in several:
                        continue
                    yield Fraction(company.amount), int(company.id == target), minimum, p
        elif rule.check == "financial_only_share":
            low, high = Fraction(params["min_percent"]) / 100, Fraction(params["max_percent"]) / 100
            for company in companies:
                if company.id in ctx.financial_only:
                    yield Fraction(company.amount), int(company.id == target), True, low
                    yield Fraction(company.amount), int(company.id == target), False, high
        else:  # non_party_share_max
            outside = [company for company in companies if company.country not in ctx.parties]
            if outside:
                amount = Fraction(sum((company.amount for company in outside), Decimal(0)))
                yield amount, int(target_country not in ctx.parties), False, Fraction(params["percent"]) / 100


def _least_addition(project: ProjectFacts, doc: RuleSetDoc, target: str) -> Decimal | None:
    """The least whole number of minor units that `target` adds for every share rule to pass, if any."""
    ctx = context(project, doc)
    share_rules = [rule for rule in doc.rules if rule.check in SHARE_CHECKS]
    applicable = [applies(rule.when, ctx) for rule in share_rules]
    if any(flag is None for flag in applicable):
        return None  # a budget condition needs a rate: the rule fails whatever is added
    ctx = replace(
        ctx, doc=replace(doc, rules=tuple(r for r, flag in zip(share_rules, applicable, strict=True) if flag))
    )
    total = Fraction(ctx.shares.total)
    lower, upper = Fraction(0), None
    for amount, s, minimum, p in _terms(ctx, target):
        # (u + s·x) / (T + x) ≥ p  ⇔  (s − p)·x ≥ p·T − u ; a maximum reverses both sides.
        coefficient, bound = (s - p, p * total - amount) if minimum else (p - s, amount - p * total)
        if coefficient > 0:
            lower = max(lower, bound / coefficient)
        elif coefficient < 0:
            upper = bound / coefficient if upper is None else min(upper, bound / coefficient)
        elif bound > 0:
            return None
    step = Fraction(unit(project.currency))
    units = math.ceil(lower / step)
    if total == 0 and units == 0 and not shares_pass(evaluate(project, doc)):
        units = 1  # nobody brings anything yet: every share is nought until someone does
    least = units * step
    if upper is not None and least > upper:
        return None
    return Decimal(units) * unit(project.currency)


def minimum_contribution(
    project: ProjectFacts, rule_set: RuleSetDoc | Mapping[str, Any], *, country: str
) -> ContributionAnswer | None:
    """The least confirmed financing `country` must add (in the project's currency, rounded up to its
    minor unit) so that every share rule passes; None when no addition by that country alone can."""
    doc = as_doc(rule_set)
    candidates: list[str | None] = [company.id for company in project.companies if company.country == country]
    best: tuple[Decimal, ProjectFacts, str, bool] | None = None
    for candidate in candidates or [None]:
        base, target, new_company = _with_company(project, country, candidate)
        least = _least_addition(base, doc, target)
        if least is not None and (best is None or least < best[0]):
            best = (least, base, target, new_company)
    if best is None:
        return None
    least, base, target, new_company = best
    after = evaluate(add_contribution(base, target, least), doc)
    if not shares_pass(
        after
    ):  # the closed form and the rules disagree: give no answer rather than a wrong one
        return None
    return ContributionAnswer(
        country=country,
        company=target,
        new_company=new_company,
        add=least,
        currency=project.currency,
        shares_pass=True,
        eligible_after=after.eligible,
    )


# --- the points -------------------------------------------------------------------------------------


def _national(ctx: Context, nationals: tuple[str, ...]) -> str | None:
    """Whom a post would go to: a co-producing country among the nationals counted, else the first."""
    return next((c for c in ctx.countries if c in nationals), nationals[0] if nationals else None)


def apply_points_option(project: ProjectFacts, rule_set: RuleSetDoc, option: PointsOption) -> ProjectFacts:
    """The project with the option's posts given to nationals and its places moved to the parties."""
    ctx = context(project, rule_set)
    params = rule_set.rule(option.rule).params
    nationals = points_nationals(ctx, params)
    national = _national(ctx, nationals)
    if national is None:
        return project
    creatives = (
        *project.creatives,
        *(CreativeFacts(role=role, nationality=national) for role in option.roles),
    )
    changes: dict[str, tuple[str, ...]] = {}
    for place in option.places:
        field_name = {
            "shooting": "shooting_countries",
            "post_production": "post_countries",
            "animation": "animation_countries",
        }[place]
        current = getattr(project, field_name)
        changes[field_name] = tuple(c for c in current if c in nationals) or (national,)
    return replace(project, creatives=creatives, **changes)  # type: ignore[arg-type]


def missing_actions(ctx: Context, params: Mapping[str, Any]) -> list[tuple[str, str, int, tuple[int, ...]]]:
    """What could still score, as (kind "role" or "place", role or place, points, table indexes): one
    post given to a national or one place moved to the parties scores every entry naming it."""
    found = points_table(ctx, params)
    if found is None:
        return []
    nationals = points_nationals(ctx, params)
    actions: dict[tuple[str, str], list[int]] = {}
    points: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(found[1]):
        if entry_scores(ctx, entry, nationals):
            continue
        key = ("role", entry.role) if isinstance(entry, RoleEntry) else ("place", entry.place)
        actions.setdefault(key, []).append(index)
        points[key] = points.get(key, 0) + entry.points
    return [(kind, name, points[(kind, name)], tuple(indexes)) for (kind, name), indexes in actions.items()]


def points_options(
    project: ProjectFacts, rule_set: RuleSetDoc | Mapping[str, Any], *, limit: int = 5
) -> list[PointsOption]:
    """For each points test that fails (or is only waivable): the smallest sets of posts and places not
    scoring whose scoring would reach the threshold, most points first, at most `limit` per test."""
    doc = as_doc(rule_set)
    report = evaluate(project, doc)
    ctx = context(project, doc)
    options: list[PointsOption] = []
    for result in report.results:
        if result.rule.check != "points" or result.status not in (FAILED, WAIVABLE):
            continue
        if _national(ctx, points_nationals(ctx, result.rule.params)) is None:
            continue
        current = int(result.numbers["points"])
        threshold = int(result.rule.params["threshold"])
        found = 0
        for chosen in _smallest_sets(missing_actions(ctx, result.rule.params), threshold - current):
            option = PointsOption(
                rule=result.rule.code,
                entries=tuple(sorted(index for action in chosen for index in action[3])),
                roles=tuple(name for kind, name, _points, _indexes in chosen if kind == "role"),
                places=tuple(name for kind, name, _points, _indexes in chosen if kind == "place"),
                points_after=current + sum(action[2] for action in chosen),
            )
            rerun = evaluate(apply_points_option(project, doc, option), doc).result(result.rule.code)
            if int(rerun.numbers["points"]) >= threshold:
                options.append(replace(option, points_after=int(rerun.numbers["points"])))
                found += 1
            if found >= limit:
                break
    return options


Action = tuple[str, str, int, tuple[int, ...]]


def _smallest_sets(actions: list[Action], needed: int) -> list[tuple[Action, ...]]:
    """The sets of the fewest actions whose points reach `needed`, most points first, then table order."""
    by_points = sorted((action[2] for action in actions), reverse=True)
    size, reached = 0, 0
    while reached < needed and size < len(by_points):
        reached += by_points[size]
        size += 1
    if reached < needed:
        return []
    found = []
    for count, chosen in enumerate(combinations(actions, size)):
        if count >= MAX_COMBINATIONS:
            break
        if sum(action[2] for action in chosen) >= needed:
            found.append(chosen)
    found.sort(key=lambda chosen: -sum(action[2] for action in chosen))
    return found
