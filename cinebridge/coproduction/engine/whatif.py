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

import heapq
import math
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
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
    no_table,
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
# At most this many sets of posts and places are checked again by running the rules, in one call of
# `points_options` over all its points tests: each check is a run of the engine, and the sets come best
# first, so that a test whose first sets all pass needs `limit` checks only (the bound is for
# documents made to be slow; a rule set has one points test or two).
MAX_COMBINATIONS = 50


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


@dataclass(frozen=True)
class _Group:
    """The shares a rule limits one by one (of countries, or of companies): the amount of the one the
    adding company is part of, and the least and the greatest of the others'."""

    target: Fraction | None
    least: Fraction | None
    most: Fraction | None

    def limits(self, minimum: bool, p: Fraction) -> Iterator[tuple[Fraction, int, bool, Fraction]]:
        # A share that does not grow only binds through its amount: for a minimum the least one gives
        # the lowest upper bound, for a maximum the greatest one the highest lower bound; the others
        # add nothing, so a rule costs the same whatever the number of companies.
        if self.target is not None:
            yield self.target, 1, minimum, p
        other = self.least if minimum else self.most
        if other is not None:
            yield other, 0, minimum, p


def _group(amounts: Iterator[tuple[Decimal, bool]]) -> _Group:
    target: Decimal | None = None
    least: Decimal | None = None
    most: Decimal | None = None
    for amount, is_target in amounts:
        if is_target:
            target = amount
            continue
        least = amount if least is None or amount < least else least
        most = amount if most is None or amount > most else most
    return _Group(
        *(None if value is None else Fraction(value) for value in (target, least, most))  # exact
    )


def _terms(ctx: Context, target: str) -> Iterator[tuple[Fraction, int, bool, Fraction]]:
    """The limits of the applicable share rules that bind, as (amount u, s, is a minimum, limit p)."""
    companies = ctx.project.companies
    target_country = next(company.country for company in companies if company.id == target)
    amounts = {company.id: company.amount for company in companies}
    country_amount = dict.fromkeys(ctx.countries, Decimal(0))
    for company in companies:
        if company.country in country_amount:
            country_amount[company.country] += amounts[company.id]
    per_country = Counter(company.country for company in companies)
    several = {c for c in ctx.countries if per_country[c] > 1}
    groups = {
        "country": _group((country_amount[c], c == target_country) for c in ctx.countries),
        "company": _group((amounts[x.id], x.id == target) for x in companies),
        "company_of_several": _group(
            (amounts[x.id], x.id == target) for x in companies if x.country in several
        ),
        "financial_only": _group(
            (amounts[x.id], x.id == target) for x in companies if x.id in ctx.financial_only
        ),
    }
    outside = [company for company in companies if company.country not in ctx.parties]
    outside_amount = Fraction(sum((amounts[company.id] for company in outside), Decimal(0)))
    for rule in ctx.doc.rules:
        if rule.check not in SHARE_CHECKS:
            continue
        params = rule.params
        if rule.check in ("share_min", "share_max"):
            yield from groups[params["per"]].limits(
                rule.check == "share_min", Fraction(params["percent"]) / 100
            )
        elif rule.check == "financial_only_share":
            low, high = Fraction(params["min_percent"]) / 100, Fraction(params["max_percent"]) / 100
            yield from groups["financial_only"].limits(True, low)
            yield from groups["financial_only"].limits(False, high)
        elif outside:  # non_party_share_max, when some company is established outside the parties
            yield (
                outside_amount,
                int(target_country not in ctx.parties),
                False,
                Fraction(params["percent"]) / 100,
            )


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
    checks_left = MAX_COMBINATIONS
    for result in report.results:
        if checks_left <= 0:
            break
        if result.rule.check != "points" or result.status not in (FAILED, WAIVABLE) or no_table(result):
            continue  # without a table for the project's kind, no post can reach the threshold
        if _national(ctx, points_nationals(ctx, result.rule.params)) is None:
            continue
        current = int(result.numbers["points"])
        threshold = int(result.rule.params["threshold"])
        found = 0
        sets = _smallest_sets(missing_actions(ctx, result.rule.params), threshold - current)
        while found < limit and checks_left > 0:  # a set is taken only when it will be checked
            chosen = next(sets, None)
            if chosen is None:
                break
            checks_left -= 1
            option = PointsOption(
                rule=result.rule.code,
                entries=tuple(sorted(index for action in chosen for index in action[3])),
                roles=tuple(name for kind, name, _points, _indexes in chosen if kind == "role"),
                places=tuple(name for kind, name, _points, _indexes in chosen if kind == "place"),
                points_after=current + sum(action[2] for action in chosen),
            )
            # the test alone is run again: a rule's result depends on the project, not on the others
            alone = replace(doc, rules=(result.rule,))
            rerun = evaluate(apply_points_option(project, doc, option), alone).result(result.rule.code)
            if int(rerun.numbers["points"]) >= threshold:
                options.append(replace(option, points_after=int(rerun.numbers["points"])))
                found += 1
    return options


Action = tuple[str, str, int, tuple[int, ...]]


def _smallest_sets(actions: list[Action], needed: int) -> Iterator[tuple[Action, ...]]:
    """The sets of the fewest actions whose points reach `needed`, most points first, then in table
    order (of `combinations`), found best first so that taking the first few costs a few steps.

    The actions are ranked by points (then table order) and a set is the positions of its actions in
    that ranking; moving one position to the next free one never adds points and, at equal points,
    gives a set later in table order, so a heap from the first positions yields every set in order."""
    count = len(actions)
    by_points = sorted((action[2] for action in actions), reverse=True)
    size, reached = 0, 0
    while reached < needed and size < count:
        reached += by_points[size]
        size += 1
    if reached < needed or size == 0:
        return
    ranked = sorted(range(count), key=lambda index: (-actions[index][2], index))

    def entry(positions: tuple[int, ...]) -> tuple[int, tuple[int, ...], tuple[int, ...]]:
        indexes = tuple(sorted(ranked[position] for position in positions))
        return -sum(actions[index][2] for index in indexes), indexes, positions

    first = tuple(range(size))
    heap = [entry(first)]
    seen = {first}
    while heap:
        negative, indexes, positions = heapq.heappop(heap)
        if -negative < needed:
            return
        yield tuple(actions[index] for index in indexes)
        for slot, position in enumerate(positions):
            moved = position + 1
            if moved >= count or (slot + 1 < size and positions[slot + 1] == moved):
                continue
            child = (*positions[:slot], moved, *positions[slot + 1 :])
            if child not in seen:
                seen.add(child)
                heapq.heappush(heap, entry(child))
