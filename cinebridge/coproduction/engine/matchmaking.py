"""Partner matchmaking: which companies suit a project's needs, and which projects suit a company. Pure
Python, plain data in and out.

A project says what it looks for in one or more needs (a country or any, capabilities, the contribution
it hopes a partner brings, in the project's currency) and, for all of them, its kind, audience and
languages. A company profile says where the company is, what it offers, for which audiences and in which
languages it works, the contribution it usually brings (in its own currency) and how many films it has
co-produced, of which kinds.

Each pair (project, company) is scored against each need of the project; the best need wins (the first
one on a tie). The score is the sum of the weights of the reasons that matched (`WEIGHTS`); a reason is a
code with its parameters so that the interface can say it in any language. A note (weight 0) tells what
could not be judged, such as ranges in two currencies with no exchange rate between them.

Never suggested: a company that is closed to co-productions, one that already co-produces the project,
and one of the lead's own country unless the need asks for that country; nor a pair with no reason of
positive weight. Ranking: highest score first, then by name, then by id (deterministic on ties).

How it is computed (the result is the same as scoring each need with `_reasons` and summing): a call
first scores every pair as a plain number (`_ProjectScorer`), and builds the reasons with their texts
only for the pairs it returns (ten on the suggestions page, not one per profile). For the contribution
ranges the needs' bounds are converted once per call into each profile currency met (divided by the
rate, exactly, as Fractions; kept as Decimals when no conversion is needed) and compared with the
profile's own bounds: a positive rate keeps the order, so this is the comparison of the profile's range
converted to the project's currency, without converting every profile's range for every need.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

__all__ = [
    "ANY_NEED",
    "AUDIENCE",
    "CAPABILITIES",
    "CONTRIBUTION_NOT_COMPARABLE",
    "CONTRIBUTION_OVERLAP",
    "COUNTRY_WANTED",
    "KIND_EXPERIENCE",
    "LANGUAGES",
    "NOTES",
    "PAST_COPRODUCTIONS",
    "PAST_COPRODUCTIONS_COUNTED",
    "REASON_CODES",
    "WEIGHTS",
    "Company",
    "Match",
    "Need",
    "ProjectNeeds",
    "Rates",
    "Reason",
    "convert_range",
    "match",
    "partners_for_project",
    "projects_for_company",
    "ranges_overlap",
]

COUNTRY_WANTED = "country_wanted"
CAPABILITIES = "capabilities"
CONTRIBUTION_OVERLAP = "contribution_overlap"
CONTRIBUTION_NOT_COMPARABLE = "contribution_not_comparable"
AUDIENCE = "audience"
LANGUAGES = "languages"
PAST_COPRODUCTIONS = "past_coproductions"
KIND_EXPERIENCE = "kind_experience"

# Points per reason; capabilities and languages count per item shared, past co-productions per film up
# to PAST_COPRODUCTIONS_COUNTED. The country a need asks for weighs most: treaties are between countries.
WEIGHTS: Mapping[str, int] = {
    COUNTRY_WANTED: 30,
    CAPABILITIES: 10,
    CONTRIBUTION_OVERLAP: 15,
    AUDIENCE: 10,
    LANGUAGES: 5,
    PAST_COPRODUCTIONS: 2,
    KIND_EXPERIENCE: 5,
    CONTRIBUTION_NOT_COMPARABLE: 0,
}
PAST_COPRODUCTIONS_COUNTED = 5
REASON_CODES: tuple[str, ...] = (
    COUNTRY_WANTED,
    CAPABILITIES,
    CONTRIBUTION_OVERLAP,
    AUDIENCE,
    LANGUAGES,
    KIND_EXPERIENCE,
    PAST_COPRODUCTIONS,
    CONTRIBUTION_NOT_COMPARABLE,
)
NOTES = frozenset({CONTRIBUTION_NOT_COMPARABLE})

# (base, quote) -> units of quote that one unit of base buys.
Rates = Mapping[tuple[str, str], Decimal]
Bound = Fraction | None


@dataclass(frozen=True, slots=True)
class Need:
    """One partner a project looks for; amounts in the project's currency, None for an open end."""

    id: str
    country: str = ""  # "" for any country
    capabilities: frozenset[str] = frozenset()
    contribution_min: Decimal | None = None
    contribution_max: Decimal | None = None


ANY_NEED = Need(id="")  # what a project with no needs stated is matched against


@dataclass(frozen=True, slots=True)
class ProjectNeeds:
    id: str
    name: str
    lead_country: str
    kind: str
    audience: str
    languages: frozenset[str]
    currency: str
    coproducer_ids: frozenset[str]  # ids of the companies already co-producing it
    needs: tuple[Need, ...] = ()


@dataclass(frozen=True, slots=True)
class Company:
    id: str
    name: str
    country: str
    capabilities: frozenset[str] = frozenset()
    audiences: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    contribution_min: Decimal | None = None
    contribution_max: Decimal | None = None
    currency: str = ""
    past_coproductions: int = 0
    past_kinds: Mapping[str, int] | None = None  # kind -> number of past co-productions of that kind
    is_open: bool = True


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a pair matched (or, for a note, what could not be judged); params are plain values."""

    code: str
    weight: int
    params: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class Match:
    project_id: str
    company_id: str
    need_id: str
    score: int
    reasons: tuple[Reason, ...]


# --- money ranges -------------------------------------------------------------------------------------


def _rate(rates: Rates, base: str, quote: str) -> Fraction | None:
    """Units of `quote` one unit of `base` buys: direct, or the inverse of the opposite rate."""
    if base == quote:
        return Fraction(1)
    direct = rates.get((base, quote))
    if direct is not None and direct > 0:
        return Fraction(direct)
    inverse = rates.get((quote, base))
    if inverse is not None and inverse > 0:
        return 1 / Fraction(inverse)
    return None


def convert_range(
    low: Decimal | None, high: Decimal | None, *, source: str, target: str, rates: Rates
) -> tuple[Bound, Bound] | None:
    """A range of `source` money in `target` money, exactly (Fractions); None without a rate."""
    rate = _rate(rates, source, target)
    if rate is None:
        return None
    return (
        None if low is None else Fraction(low) * rate,
        None if high is None else Fraction(high) * rate,
    )


def ranges_overlap(a: tuple[Bound, Bound], b: tuple[Bound, Bound]) -> bool:
    """Whether two closed ranges (None: open end) share at least one amount."""
    lows = [x for x in (a[0], b[0]) if x is not None]
    highs = [x for x in (a[1], b[1]) if x is not None]
    return not lows or not highs or max(lows) <= min(highs)


def _amount_text(value: Bound) -> str | None:
    """A bound as a decimal string (rounded to 4 places when a conversion made it inexact)."""
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return f"{exact.quantize(Decimal('0.0001')).normalize():f}"


def _contribution_reason(project: ProjectNeeds, need: Need, company: Company, rates: Rates) -> Reason | None:
    if need.contribution_min is None and need.contribution_max is None:
        return None
    if company.contribution_min is None and company.contribution_max is None:
        return None
    source = company.currency or project.currency
    offered = convert_range(
        company.contribution_min,
        company.contribution_max,
        source=source,
        target=project.currency,
        rates=rates,
    )
    if offered is None:
        return Reason(
            CONTRIBUTION_NOT_COMPARABLE,
            WEIGHTS[CONTRIBUTION_NOT_COMPARABLE],
            {"wanted_currency": project.currency, "offered_currency": source},
        )
    wanted = (
        None if need.contribution_min is None else Fraction(need.contribution_min),
        None if need.contribution_max is None else Fraction(need.contribution_max),
    )
    if not ranges_overlap(wanted, offered):
        return None
    return Reason(
        CONTRIBUTION_OVERLAP,
        WEIGHTS[CONTRIBUTION_OVERLAP],
        {
            "currency": project.currency,
            "wanted_min": _amount_text(wanted[0]),
            "wanted_max": _amount_text(wanted[1]),
            "offered_min": _amount_text(offered[0]),
            "offered_max": _amount_text(offered[1]),
            "offered_currency": source,
            "converted": source != project.currency,
        },
    )


# --- one pair -----------------------------------------------------------------------------------------


def _eligible(project: ProjectNeeds, need: Need, company: Company) -> bool:
    if not company.is_open or company.id in project.coproducer_ids:
        return False
    return company.country != project.lead_country or need.country == project.lead_country


def _reasons(project: ProjectNeeds, need: Need, company: Company, rates: Rates) -> tuple[Reason, ...]:
    reasons: list[Reason] = []
    if need.country and need.country == company.country:
        reasons.append(Reason(COUNTRY_WANTED, WEIGHTS[COUNTRY_WANTED], {"country": need.country}))
    shared_capabilities = tuple(sorted(need.capabilities & company.capabilities))
    if shared_capabilities:
        reasons.append(
            Reason(
                CAPABILITIES,
                WEIGHTS[CAPABILITIES] * len(shared_capabilities),
                {"capabilities": shared_capabilities},
            )
        )
    contribution = _contribution_reason(project, need, company, rates)
    if contribution is not None:
        reasons.append(contribution)
    if project.audience and project.audience in company.audiences:
        reasons.append(Reason(AUDIENCE, WEIGHTS[AUDIENCE], {"audience": project.audience}))
    shared_languages = tuple(sorted(project.languages & company.languages))
    if shared_languages:
        reasons.append(
            Reason(LANGUAGES, WEIGHTS[LANGUAGES] * len(shared_languages), {"languages": shared_languages})
        )
    of_kind = (company.past_kinds or {}).get(project.kind, 0)
    if of_kind > 0:
        reasons.append(
            Reason(KIND_EXPERIENCE, WEIGHTS[KIND_EXPERIENCE], {"kind": project.kind, "count": of_kind})
        )
    if company.past_coproductions > 0:
        counted = min(company.past_coproductions, PAST_COPRODUCTIONS_COUNTED)
        reasons.append(
            Reason(
                PAST_COPRODUCTIONS,
                WEIGHTS[PAST_COPRODUCTIONS] * counted,
                {"count": company.past_coproductions},
            )
        )
    return tuple(reasons)


Comparable = Decimal | Fraction | None  # a need's bound in a profile's currency


class _ProjectScorer:
    """One project's needs made ready to score many companies; a pair's score as a plain number."""

    __slots__ = ("_wanted", "needs", "needs_ok", "project", "ranged", "rates")

    def __init__(self, project: ProjectNeeds, rates: Rates) -> None:
        self.project = project
        self.rates = rates
        self.needs: tuple[Need, ...] = project.needs or (ANY_NEED,)
        self.ranged = tuple(
            n.contribution_min is not None or n.contribution_max is not None for n in self.needs
        )
        self.needs_ok = tuple(
            n.contribution_min is None
            or n.contribution_max is None
            or n.contribution_min <= n.contribution_max
            for n in self.needs
        )
        # profile currency -> each need's (min, max) in that currency, None without a rate
        self._wanted: dict[str, tuple[tuple[Comparable, Comparable], ...] | None] = {}

    def wanted_in(self, source: str) -> tuple[tuple[Comparable, Comparable], ...] | None:
        """Each need's range in `source` money (computed once per currency): the wanted amount divided
        by the rate from `source` to the project's currency; None when there is no such rate."""
        try:
            return self._wanted[source]
        except KeyError:
            pass
        rate = _rate(self.rates, source, self.project.currency)
        wanted: tuple[tuple[Comparable, Comparable], ...] | None
        if rate is None:
            wanted = None
        elif rate == 1:
            wanted = tuple((n.contribution_min, n.contribution_max) for n in self.needs)
        else:
            wanted = tuple(
                (
                    None if n.contribution_min is None else Fraction(n.contribution_min) / rate,
                    None if n.contribution_max is None else Fraction(n.contribution_max) / rate,
                )
                for n in self.needs
            )
        self._wanted[source] = wanted
        return wanted

    def best(self, company: Company) -> tuple[int, Need] | None:
        """The best need's score and the need (the first on a tie); None when the pair is not suggested.
        Equal to `sum(reason.weight for reason in _reasons(...))` for that need."""
        project = self.project
        if not company.is_open or company.id in project.coproducer_ids:
            return None
        base = 0
        if project.audience and project.audience in company.audiences:
            base += WEIGHTS[AUDIENCE]
        base += WEIGHTS[LANGUAGES] * len(project.languages & company.languages)
        if (company.past_kinds or {}).get(project.kind, 0) > 0:
            base += WEIGHTS[KIND_EXPERIENCE]
        if company.past_coproductions > 0:
            base += WEIGHTS[PAST_COPRODUCTIONS] * min(company.past_coproductions, PAST_COPRODUCTIONS_COUNTED)
        at_home = company.country == project.lead_country
        low, high = company.contribution_min, company.contribution_max
        offers = low is not None or high is not None
        offer_ok = low is None or high is None or low <= high
        wanted: tuple[tuple[Comparable, Comparable], ...] | None = None
        looked_up = False
        best_score, best_need = 0, None
        for index, need in enumerate(self.needs):
            if at_home and need.country != project.lead_country:
                continue
            score = base
            if need.country and need.country == company.country:
                score += WEIGHTS[COUNTRY_WANTED]
            if need.capabilities:
                score += WEIGHTS[CAPABILITIES] * len(need.capabilities & company.capabilities)
            if offers and self.ranged[index]:
                if not looked_up:
                    wanted = self.wanted_in(company.currency or project.currency)
                    looked_up = True
                if wanted is None:
                    score += WEIGHTS[CONTRIBUTION_NOT_COMPARABLE]
                elif offer_ok and self.needs_ok[index]:
                    wanted_low, wanted_high = wanted[index]
                    # Decimals on the left: their comparison with a Fraction is exact (and quick)
                    if (wanted_low is None or high is None or high >= wanted_low) and (
                        wanted_high is None or low is None or low <= wanted_high
                    ):
                        score += WEIGHTS[CONTRIBUTION_OVERLAP]
            if score > best_score:
                best_score, best_need = score, need
        return None if best_need is None else (best_score, best_need)


def _match(project: ProjectNeeds, company: Company, need: Need, score: int, rates: Rates) -> Match:
    return Match(project.id, company.id, need.id, score, _reasons(project, need, company, rates))


def match(project: ProjectNeeds, company: Company, *, rates: Rates | None = None) -> Match | None:
    """The best match of the company for one of the project's needs, or None when it is not suggested."""
    known = rates or {}
    best = _ProjectScorer(project, known).best(company)
    return None if best is None else _match(project, company, best[1], best[0], known)


# --- both directions ----------------------------------------------------------------------------------


def partners_for_project(
    project: ProjectNeeds,
    companies: Iterable[Company],
    *,
    rates: Rates | None = None,
    limit: int | None = None,
) -> list[tuple[Company, Match]]:
    """Companies for the project, best first (then by name and id)."""
    known = rates or {}
    scorer = _ProjectScorer(project, known)
    found: list[tuple[int, Company, Need]] = []
    for company in companies:
        best = scorer.best(company)
        if best is not None:
            found.append((best[0], company, best[1]))
    found.sort(key=lambda item: (-item[0], item[1].name.casefold(), item[1].id))
    kept = found if limit is None else found[:limit]
    return [(company, _match(project, company, need, score, known)) for score, company, need in kept]


def projects_for_company(
    company: Company,
    projects: Iterable[ProjectNeeds],
    *,
    rates: Rates | None = None,
    limit: int | None = None,
) -> list[tuple[ProjectNeeds, Match]]:
    """Projects for the company, best first (then by name and id)."""
    known = rates or {}
    found: list[tuple[int, ProjectNeeds, Need]] = []
    for project in projects:
        best = _ProjectScorer(project, known).best(company)
        if best is not None:
            found.append((best[0], project, best[1]))
    found.sort(key=lambda item: (-item[0], item[1].name.casefold(), item[1].id))
    kept = found if limit is None else found[:limit]
    return [(project, _match(project, company, need, score, known)) for score, project, need in kept]
