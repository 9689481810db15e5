"""For each check kind, the projects at a rule's boundary and just across it, built from the rule's params
(and its `when`). `boundary_cases(doc, rule)` lists them with the status the rule must report;
`when_cases(doc, rule)` switches the rule on and off at the edges of its conditions.

A check kind a rule set uses without a builder here makes the tests fail: a new kind needs its boundary.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from .helpers import (
    ALL_AUDIENCES,
    ALL_KINDS,
    ARTISTIC,
    AS_OF,
    CENT,
    STEP,
    Company,
    Project,
    day_before,
    months_earlier,
    of,
    one_company_each,
    outsider,
    parties_of,
    party_countries,
    pct,
    split,
    with_share,
)

PASSED, FAILED, WAIVABLE, NOT_APPLICABLE = "passed", "failed", "waivable", "not_applicable"
MILLION = Decimal(1_000_000)


@dataclass(frozen=True)
class Setting:
    """What the rule's `when` asks of a project: the number of countries, kind, audience, total."""

    countries: int
    kind: str
    audience: str
    total: Decimal


@dataclass(frozen=True)
class Case:
    label: str
    project: Project
    expected: str


def setting(rule: Mapping[str, Any]) -> Setting:
    when = rule.get("when", {})
    bounds = when.get("countries", {})
    count = max(bounds.get("min", 2), 2)
    if "max" in bounds:
        count = min(count, bounds["max"])
    total = next(
        total
        for total in (MILLION, MILLION * 10, MILLION * 100, MILLION * 1000)
        if ("budget_at_least" not in when or total >= Decimal(when["budget_at_least"]))
        and ("budget_below" not in when or total < Decimal(when["budget_below"]))
    )
    return Setting(
        countries=count,
        kind=(when.get("kinds") or ["feature"])[0],
        audience=(when.get("audiences") or ["children"])[0],
        total=total,
    )


# --- share rules ------------------------------------------------------------------------------------


def share_min(doc: Mapping[str, Any], rule: Mapping[str, Any], at: Setting) -> list[Case]:
    limit, per = pct(rule["params"]["percent"]), rule["params"]["per"]
    countries = party_countries(doc, at.countries)
    total = at.total
    if per in ("country", "company"):
        assert limit * at.countries <= 100, "the other countries would fall below the minimum too"
        last = at.countries - 1
        return [
            Case(f"a share of exactly {limit} %", Project(with_share(countries, last, limit, total)), PASSED),
            Case(
                f"a share of {limit - STEP} %",
                Project(with_share(countries, last, limit - STEP, total)),
                FAILED,
            ),
        ]
    assert per == "company_of_several", per
    home, others = countries[0], countries[1:]

    def companies(first: Decimal) -> list[Company]:
        second = of(Decimal(30), total)
        rest = split(total - of(first, total) - second, len(others))
        return [
            Company(id="a1", country=home, confirmed=of(first, total), artistic=ARTISTIC),
            Company(id="a2", country=home, confirmed=second, artistic=ARTISTIC),
            *one_company_each(others, rest),
        ]

    # A country with a single company below the limit is not what this rule measures.
    alone = limit - STEP
    pair = split(total - of(alone, total), 2)
    single = [
        Company(id="a1", country=home, confirmed=pair[0], artistic=ARTISTIC),
        Company(id="a2", country=home, confirmed=pair[1], artistic=ARTISTIC),
        Company(id="b1", country=others[0], confirmed=of(alone, total), artistic=ARTISTIC),
    ]
    return [
        Case(f"a company of a country with two at exactly {limit} %", Project(companies(limit)), PASSED),
        Case(
            f"a company of a country with two at {limit - STEP} %", Project(companies(limit - STEP)), FAILED
        ),
        Case(f"a country's only company at {alone} %", Project(single), PASSED),
    ]


def share_max(doc: Mapping[str, Any], rule: Mapping[str, Any], at: Setting) -> list[Case]:
    limit = pct(rule["params"]["percent"])
    countries = party_countries(doc, at.countries)
    assert (100 - limit) <= limit * (at.countries - 1), "the other countries would be over the maximum"
    return [
        Case(f"a share of exactly {limit} %", Project(with_share(countries, 0, limit, at.total)), PASSED),
        Case(
            f"a share of {limit + STEP} %", Project(with_share(countries, 0, limit + STEP, at.total)), FAILED
        ),
    ]


def financial_only_share(doc: Mapping[str, Any], rule: Mapping[str, Any], at: Setting) -> list[Case]:
    low, high = pct(rule["params"]["min_percent"]), pct(rule["params"]["max_percent"])
    countries = party_countries(doc, at.countries)
    financier = countries[-1]

    def project(percent: Decimal, *, artistic: bool = False) -> Project:
        companies = with_share(countries, len(countries) - 1, percent, at.total)
        for company in companies:
            if company.country == financier and not artistic:
                company.artistic = ()
        return Project(companies, creatives=[("director", countries[0])])

    return [
        Case(f"a financial co-producer at exactly {low} %", project(low), PASSED),
        Case(f"a financial co-producer at {low - STEP} %", project(low - STEP), FAILED),
        Case(f"a financial co-producer at exactly {high} %", project(high), PASSED),
        Case(f"a financial co-producer at {high + STEP} %", project(high + STEP), FAILED),
        Case(
            f"an artistic co-producer at {low - STEP} %", project(low - STEP, artistic=True), NOT_APPLICABLE
        ),
    ]


def non_party_share_max(doc: Mapping[str, Any], rule: Mapping[str, Any], at: Setting) -> list[Case]:
    limit = pct(rule["params"]["percent"])
    assert parties_of(doc) is not None, "with the co-producers as parties nobody is outside them"
    countries = [*party_countries(doc, at.countries), outsider(doc)]
    last = len(countries) - 1
    inside = party_countries(doc, at.countries)
    return [
        Case(
            f"outside the parties exactly {limit} %",
            Project(with_share(countries, last, limit, at.total)),
            PASSED,
        ),
        Case(
            f"outside the parties {limit + STEP} %",
            Project(with_share(countries, last, limit + STEP, at.total)),
            FAILED,
        ),
        Case(
            "nobody outside the parties",
            Project(one_company_each(inside, split(at.total, len(inside)))),
            NOT_APPLICABLE,
        ),
    ]


def _countries(count: int) -> str:
    return f"{count} country" if count == 1 else f"{count} countries"


def countries_min(doc: Mapping[str, Any], rule: Mapping[str, Any], at: Setting) -> list[Case]:
    count, parties_only = rule["params"]["count"], rule["params"].get("parties_only", False)

    def project(countries: list[str]) -> Project:
        return Project(one_company_each(countries, split(at.total, len(countries))))

    cases = [Case(_countries(count), project(party_countries(doc, count)), PASSED)]
    if count > 1:
        cases.append(Case(_countries(count - 1), project(party_countries(doc, count - 1)), FAILED))
    if parties_only and parties_of(doc) is not None:
        other = outsider(doc)
        cases += [
            Case(
                f"{_countries(count)} of the parties and one outside",
                project([*party_countries(doc, count), other]),
                PASSED,
            ),
            Case(
                f"{_countries(count - 1)} of the parties and one outside",
                project([*party_countries(doc, count - 1), other]),
                FAILED,
            ),
        ]
    return cases


# --- points -------------------------------------------------------------------------------------------


def table_kind(rule: Mapping[str, Any], key: str) -> str:
    """A project kind that picks the table `key` and meets the rule's `when`."""
    if key != "*":
        return key
    tables = rule["params"]["tables"]
    allowed: list[str] = rule.get("when", {}).get("kinds") or list(ALL_KINDS)
    return next(kind for kind in allowed if kind not in tables)


def groups(entries: Sequence[Mapping[str, Any]]) -> list[tuple[str, str, int]]:
    """The table's entries as what a project can change on its own: a role, or a place (every entry of
    one place scores together, from the same list of countries)."""
    found: dict[tuple[str, str], int] = {}
    for entry in entries:
        key = ("role", entry["role"]) if "role" in entry else ("place", entry["place"])
        found[key] = found.get(key, 0) + entry["points"]
    return [(kind, name, points) for (kind, name), points in found.items()]


def subset_with(items: list[tuple[str, str, int]], target: int) -> list[tuple[str, str, int]] | None:
    """Some of `items` whose points add up to exactly `target` (None when none do)."""
    reach: dict[int, list[tuple[str, str, int]]] = {0: []}
    for item in items:
        for total, chosen in list(reach.items()):
            if total + item[2] not in reach:
                reach[total + item[2]] = [*chosen, item]
    return reach.get(target)


def points_project(
    doc: Mapping[str, Any], rule: Mapping[str, Any], key: str, target: int, at: Setting
) -> Project:
    entries = rule["params"]["tables"][key]
    chosen = subset_with(groups(entries), target)
    assert chosen is not None, f"no set of entries of table {key!r} scores exactly {target}"
    countries = party_countries(doc, max(at.countries, 2))
    national, other = countries[0], outsider(doc)
    project = Project(
        one_company_each(countries, split(at.total, len(countries))), kind=table_kind(rule, key)
    )
    project.creatives = [(name, national) for kind, name, _points in chosen if kind == "role"]
    places = {name for kind, name, _points in chosen if kind == "place"}
    for kind, name, _points in groups(entries):
        if kind == "place":
            countries_there = [national] if name in places else [other]
            field_name = {"shooting": "shooting", "post_production": "post", "animation": "animation"}[name]
            setattr(project, field_name, countries_there)
    return project


def points(doc: Mapping[str, Any], rule: Mapping[str, Any], at: Setting) -> list[Case]:
    threshold, waiver = rule["params"]["threshold"], rule["params"].get("waiver_min")
    cases = []
    for key in rule["params"]["tables"]:
        below = WAIVABLE if waiver is not None and threshold - 1 >= waiver else FAILED
        cases += [
            Case(
                f"table {key}: exactly {threshold} points",
                points_project(doc, rule, key, threshold, at),
                PASSED,
            ),
            Case(
                f"table {key}: {threshold - 1} points (one under the threshold)",
                points_project(doc, rule, key, threshold - 1, at),
                below,
            ),
        ]
        if waiver is not None:
            cases.append(
                Case(
                    f"table {key}: {waiver} points (the waiver's floor)",
                    points_project(doc, rule, key, waiver, at),
                    WAIVABLE,
                )
            )
            if waiver - 1 >= 0:
                cases.append(
                    Case(
                        f"table {key}: {waiver - 1} points",
                        points_project(doc, rule, key, waiver - 1, at),
                        FAILED,
                    )
                )
    cases += [
        Case(f"kind {kind}: no table, every entry of a table held", every_entry, FAILED)
        for kind, every_entry in without_table(doc, rule, at)
    ]
    return cases


def tableless_kinds(rule: Mapping[str, Any]) -> list[str]:
    """The kinds the rule applies to that have no table of their own and no `*` table to fall back on."""
    tables = rule["params"]["tables"]
    if "*" in tables:
        return []
    allowed: list[str] = rule.get("when", {}).get("kinds") or list(ALL_KINDS)
    return [kind for kind in allowed if kind not in tables]


def without_table(doc: Mapping[str, Any], rule: Mapping[str, Any], at: Setting) -> list[tuple[str, Project]]:
    """For each kind with no table: a project of that kind whose posts and places would score every entry
    of the rule's first table. It must fail (never pass, never be "not applicable"): the rule set cannot
    show that such a work qualifies."""
    key = next(iter(rule["params"]["tables"]))
    maximum = sum(entry["points"] for entry in rule["params"]["tables"][key])
    found = []
    for kind in tableless_kinds(rule):
        project = points_project(doc, rule, key, maximum, at)
        project.kind = kind
        found.append((kind, project))
    return found


# --- the other checks -------------------------------------------------------------------------------


def _balanced(doc: Mapping[str, Any], at: Setting) -> Project:
    countries = party_countries(doc, at.countries)
    return Project(one_company_each(countries, split(at.total, len(countries))))


def runtime_min(doc: Mapping[str, Any], rule: Mapping[str, Any], at: Setting) -> list[Case]:
    minutes = rule["params"]["minutes"]
    return [
        Case(f"{minutes} minutes", replace(_balanced(doc, at), runtime=minutes), PASSED),
        Case(f"{minutes - 1} minutes", replace(_balanced(doc, at), runtime=minutes - 1), FAILED),
    ]


def confirmed_financing_min(doc: Mapping[str, Any], rule: Mapping[str, Any], at: Setting) -> list[Case]:
    limit, per = pct(rule["params"]["percent"]), rule["params"].get("per", "total")
    countries = party_countries(doc, at.countries)
    amounts = split(at.total, len(countries))

    def project(percent: Decimal) -> Project:
        companies = one_company_each(countries, amounts)
        if per == "total":
            confirmed = of(percent, at.total)
            for company in companies:
                company.confirmed, company.pending = min(confirmed, company.confirmed), company.confirmed
                confirmed -= company.confirmed
                company.pending -= company.confirmed
        else:
            last = companies[-1]
            confirmed = of(percent, last.confirmed)
            last.confirmed, last.pending = confirmed, last.confirmed - confirmed
        return Project(companies)

    where = "of the budget" if per == "total" else "of one country's contribution"
    return [
        Case(f"exactly {limit} % confirmed {where}", project(limit), PASSED),
        Case(f"{limit - STEP} % confirmed {where}", project(limit - STEP), FAILED),
    ]


def letters_recent(doc: Mapping[str, Any], rule: Mapping[str, Any], at: Setting) -> list[Case]:
    months = rule["params"]["months"]
    oldest = months_earlier(AS_OF, months)

    def project(letter: Any) -> Project:
        project = _balanced(doc, at)
        project.companies[-1].letter_date = letter
        return project

    return [
        Case(f"a letter of exactly {months} months ({oldest})", project(oldest), PASSED),
        Case(f"a letter one day older ({day_before(oldest)})", project(day_before(oldest)), FAILED),
    ]


def support_max(doc: Mapping[str, Any], rule: Mapping[str, Any], at: Setting) -> list[Case]:
    percent = rule["params"].get("percent")
    amount = rule["params"].get("amount")
    cases = [Case("no support requested", _balanced(doc, at), NOT_APPLICABLE)]

    def project(budget: Decimal, support: Decimal, **extra: Any) -> Project:
        countries = party_countries(doc, at.countries)
        return Project(one_company_each(countries, split(budget, len(countries))), support=support, **extra)

    if percent is not None:
        limit = pct(percent)
        budget = MILLION
        if amount is not None:
            while of(limit, budget) >= Decimal(amount):
                budget /= 10
        cap = of(limit, budget)
        cases += [
            Case(f"exactly {limit} % of the budget", project(budget, cap), PASSED),
            Case(f"{limit} % of the budget and a cent", project(budget, cap + CENT), FAILED),
        ]
    if amount is not None:
        cap = Decimal(amount)
        budget = cap * 1000  # the percent (if any) does not bind
        assert doc["currency"] != "USD"
        cases += [
            Case(f"exactly {cap} {doc['currency']}", project(budget, cap), PASSED),
            Case(f"{cap} {doc['currency']} and a cent", project(budget, cap + CENT), FAILED),
            # one USD buys half a unit of the rule set's currency: twice the cap in USD is the cap
            Case(
                "the cap in another currency",
                project(budget * 2, cap * 2, currency="USD", rates={doc["currency"]: "0.5"}),
                PASSED,
            ),
            Case(
                "the cap in another currency and a cent",
                project(budget * 2, cap * 2 + CENT, currency="USD", rates={doc["currency"]: "0.5"}),
                FAILED,
            ),
            Case("another currency without a rate", project(budget * 2, cap, currency="USD"), FAILED),
        ]
    return cases


def creative_proportional(doc: Mapping[str, Any], rule: Mapping[str, Any], at: Setting) -> list[Case]:
    tolerance, posts = pct(rule["params"]["tolerance"]), rule["params"]["posts"]
    assert at.countries == 2
    home, away = party_countries(doc, 2)
    roles = list(posts)
    mine = roles[: len(roles) // 2]
    weight = sum(posts.values())
    held = sum(posts[role] for role in mine)
    total = weight * MILLION
    sign = 1 if held * 100 + tolerance * weight <= 100 * weight else -1

    def project(gap: Decimal) -> Project:
        # home's financial share is its share of the posts, `gap` percentage points away
        amount = (held * 100 + sign * gap * weight) * 10_000
        companies = one_company_each([home, away], [amount, total - amount])
        creatives = [(role, home if role in mine else away) for role in roles]
        return Project(companies, creatives=creatives)

    return [
        Case(f"posts {tolerance} points away from the money", project(tolerance), PASSED),
        Case(f"posts {tolerance + STEP} points away from the money", project(tolerance + STEP), FAILED),
        Case("no post held", replace(project(Decimal(0)), creatives=[]), NOT_APPLICABLE),
    ]


def places_in_parties(doc: Mapping[str, Any], rule: Mapping[str, Any], at: Setting) -> list[Case]:
    place, mode = rule["params"]["place"], rule["params"].get("mode", "all")
    field_name = {"shooting": "shooting", "post_production": "post", "animation": "animation"}[place]
    home, away = party_countries(doc, 2)
    other = outsider(doc)

    def project(countries: list[str]) -> Project:
        project = _balanced(doc, at)
        setattr(project, field_name, countries)
        return project

    if mode == "all":
        cases = [
            Case(f"{place} in the parties only", project([home, away]), PASSED),
            Case(f"{place} also outside the parties", project([home, other]), FAILED),
        ]
    else:
        cases = [
            Case(f"{place} in a party and outside", project([home, other]), PASSED),
            Case(f"{place} outside the parties only", project([other]), FAILED),
        ]
    return [*cases, Case(f"no {place} countries", project([]), NOT_APPLICABLE)]


def financing_covers_budget(doc: Mapping[str, Any], rule: Mapping[str, Any], at: Setting) -> list[Case]:
    limit = pct(rule["params"]["percent"])

    def project(percent: Decimal) -> Project:
        countries = party_countries(doc, at.countries)
        financing = of(percent, at.total)
        return Project(one_company_each(countries, split(financing, len(countries))), budget=at.total)

    return [
        Case(f"financing exactly {limit} % of the budget", project(limit), PASSED),
        Case(f"financing {limit - STEP} % of the budget", project(limit - STEP), FAILED),
    ]


BUILDERS: dict[str, Callable[[Mapping[str, Any], Mapping[str, Any], Setting], list[Case]]] = {
    "share_min": share_min,
    "share_max": share_max,
    "financial_only_share": financial_only_share,
    "non_party_share_max": non_party_share_max,
    "countries_min": countries_min,
    "points": points,
    "runtime_min": runtime_min,
    "confirmed_financing_min": confirmed_financing_min,
    "letters_recent": letters_recent,
    "support_max": support_max,
    "creative_proportional": creative_proportional,
    "places_in_parties": places_in_parties,
    "financing_covers_budget": financing_covers_budget,
}


def boundary_cases(doc: Mapping[str, Any], rule: Mapping[str, Any], at: Setting | None = None) -> list[Case]:
    builder = BUILDERS.get(rule["check"])
    assert builder is not None, f"no boundary builder for the check kind {rule['check']!r}"
    at = at or setting(rule)
    cases = builder(doc, rule, at)
    for case in cases:
        if rule["check"] != "points":  # a points table picks its own kind
            case.project.kind = at.kind
        case.project.audience = at.audience
    return cases


def passing(doc: Mapping[str, Any], rule: Mapping[str, Any], at: Setting) -> Project:
    return next(case.project for case in boundary_cases(doc, rule, at) if case.expected == PASSED)


def when_cases(doc: Mapping[str, Any], rule: Mapping[str, Any]) -> list[Case]:
    """The rule's passing project with one condition of its `when` moved to each side of its edge."""
    when, base = rule.get("when", {}), setting(rule)
    cases: list[Case] = []
    bounds = when.get("countries", {})
    if "min" in bounds:
        low = bounds["min"]
        cases.append(Case(_countries(low), passing(doc, rule, replace(base, countries=low)), PASSED))
        if low - 1 >= 1:
            cases.append(
                Case(_countries(low - 1), _balanced(doc, replace(base, countries=low - 1)), NOT_APPLICABLE)
            )
    if "max" in bounds:
        high = bounds["max"]
        cases.append(Case(_countries(high), passing(doc, rule, replace(base, countries=high)), PASSED))
        cases.append(
            Case(_countries(high + 1), _balanced(doc, replace(base, countries=high + 1)), NOT_APPLICABLE)
        )
    if when.get("kinds"):
        for kind in when["kinds"]:
            project = passing(doc, rule, replace(base, kind=kind))
            project.kind = kind
            cases.append(Case(f"kind {kind}", project, PASSED))
        outside = next(kind for kind in ALL_KINDS if kind not in when["kinds"])
        project = passing(doc, rule, base)
        project.kind = outside
        cases.append(Case(f"kind {outside}", project, NOT_APPLICABLE))
    if when.get("audiences"):
        for audience in when["audiences"]:
            project = passing(doc, rule, replace(base, audience=audience))
            cases.append(Case(f"audience {audience}", project, PASSED))
        outside = next(audience for audience in ALL_AUDIENCES if audience not in when["audiences"])
        project = passing(doc, rule, base)
        project.audience = outside
        cases.append(Case(f"audience {outside}", project, NOT_APPLICABLE))
    # A budget condition reads the project's budget (in the rule set's currency), not the shares' total.
    if "budget_at_least" in when:
        edge = Decimal(when["budget_at_least"])
        cases.append(
            Case(f"a budget of exactly {edge}", replace(passing(doc, rule, base), budget=edge), PASSED)
        )
        cases.append(
            Case(
                f"a budget of {edge - CENT}",
                replace(passing(doc, rule, base), budget=edge - CENT),
                NOT_APPLICABLE,
            )
        )
    if "budget_below" in when:
        edge = Decimal(when["budget_below"])
        cases.append(
            Case(f"a budget of {edge - CENT}", replace(passing(doc, rule, base), budget=edge - CENT), PASSED)
        )
        cases.append(
            Case(
                f"a budget of exactly {edge}", replace(passing(doc, rule, base), budget=edge), NOT_APPLICABLE
            )
        )
    return cases
