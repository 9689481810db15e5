"""Whether a film may be entered to a festival's call for entries, and every reason why not. Pure Python.

A call states its rules (kinds of film, runtime bounds, earliest production year, production countries,
audiences, the premiere status it asks for, the days it is open); a film brings its facts and the
premiere status its applicant claims. The answer lists every rule broken, in a stable order, each
with the values a person needs to see what is wrong (`eligibility_messages.problem_message` words it).
Params hold JSON values only (str, int, lists), as submissions store them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "PREMIERE_ORDER",
    "RULES",
    "CallRules",
    "FilmFacts",
    "Problem",
    "check_eligibility",
    "premiere_rank",
]

# From no claim to the strongest: a world premiere is also an international and a national one.
PREMIERE_ORDER = ("none", "national", "international", "world")
# Claims that an earlier festival screening contradicts (the festival history names no country, so a
# national premiere cannot be judged from it).
_CLAIMS_NO_EARLIER_SCREENING = frozenset({"international", "world"})

# Every rule code, in the order problems are listed.
RULES = (
    "not_open",
    "deadline_passed",
    "kind",
    "runtime_short",
    "runtime_long",
    "year",
    "country",
    "audience",
    "premiere",
    "premiere_history",
)


@dataclass(frozen=True)
class FilmFacts:
    """What the rules look at in a catalogue film."""

    kind: str
    audience: str
    year: int
    runtime: int  # minutes
    countries: tuple[str, ...]  # production countries, ISO 3166 alpha-2
    festival_years: tuple[int, ...] = ()  # years of the film's recorded festival screenings


@dataclass(frozen=True)
class CallRules:
    """A call's rules; an empty set or None means the rule does not restrict."""

    kinds: frozenset[str]
    min_runtime: int | None
    max_runtime: int | None
    min_year: int | None
    premiere: str  # the weakest premiere status accepted (PREMIERE_ORDER)
    countries: frozenset[str]
    audiences: frozenset[str]
    opens_on: date
    deadline: date  # the last day entries are accepted, inclusive


@dataclass(frozen=True)
class Problem:
    """One broken rule (`rule` is one of RULES) with the values that show it."""

    rule: str
    params: Mapping[str, object] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {"rule": self.rule, "params": dict(self.params)}


def premiere_rank(status: str) -> int:
    """The strength of a premiere status (0 for none); ValueError for an unknown status."""
    try:
        return PREMIERE_ORDER.index(status)
    except ValueError:
        raise ValueError(f"unknown premiere status {status!r}; expected one of {PREMIERE_ORDER}") from None


def check_eligibility(film: FilmFacts, rules: CallRules, *, premiere: str, on: date) -> list[Problem]:
    """Every rule of the call that the film, entered on `on` with the `premiere` claim, breaks; [] when
    it is eligible."""
    claimed = premiere_rank(premiere)
    required = premiere_rank(rules.premiere)
    problems: list[Problem] = []
    if on < rules.opens_on:
        problems.append(Problem("not_open", {"opens_on": rules.opens_on.isoformat(), "on": on.isoformat()}))
    if on > rules.deadline:
        problems.append(
            Problem("deadline_passed", {"deadline": rules.deadline.isoformat(), "on": on.isoformat()})
        )
    if rules.kinds and film.kind not in rules.kinds:
        problems.append(Problem("kind", {"kind": film.kind, "allowed": sorted(rules.kinds)}))
    if rules.min_runtime is not None and film.runtime < rules.min_runtime:
        problems.append(Problem("runtime_short", {"runtime": film.runtime, "min_runtime": rules.min_runtime}))
    if rules.max_runtime is not None and film.runtime > rules.max_runtime:
        problems.append(Problem("runtime_long", {"runtime": film.runtime, "max_runtime": rules.max_runtime}))
    if rules.min_year is not None and film.year < rules.min_year:
        problems.append(Problem("year", {"year": film.year, "min_year": rules.min_year}))
    # A co-production qualifies through any one of its countries.
    if rules.countries and not rules.countries.intersection(film.countries):
        problems.append(
            Problem("country", {"countries": list(film.countries), "allowed": sorted(rules.countries)})
        )
    if rules.audiences and film.audience not in rules.audiences:
        problems.append(Problem("audience", {"audience": film.audience, "allowed": sorted(rules.audiences)}))
    if claimed < required:
        problems.append(Problem("premiere", {"premiere": premiere, "required": rules.premiere}))
    # Only screenings up to the day of entry are earlier ones; a later year in the history is a typo
    # the catalogue shows, not evidence against the claim.
    earlier = sorted({year for year in film.festival_years if year <= on.year})
    if premiere in _CLAIMS_NO_EARLIER_SCREENING and earlier:
        problems.append(Problem("premiere_history", {"premiere": premiere, "years": earlier}))
    return problems
