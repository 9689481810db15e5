"""Benchmark of the co-production engines (issue 6): eligibility, what-if and matchmaking, the engines
alone (`cinebridge/coproduction/engine/`), no database (`make bench-coproduction`).

    .venv/bin/python bench/coproduction.py [--repeat 15] [--projects 1000 --companies 2000] [--quick]

Inputs are generated deterministically (fixed seeds). Measured, in one process:

1. eligibility: `check` (with its default what-if) + `report_to_json` for each shipped rule set
   (rulesets/*.json) on a typical bilateral project (2 co-producers, 12 creatives; eligible, and a
   failing variant that asks for the what-if answers), and the engine's
   share of the largest request `POST /api/v1/engines/coproduction` accepts (30 co-producers, 100
   creatives: `project_json.MAX_COPRODUCERS`, `MAX_CREATIVES`), read from JSON and answered as the
   endpoint does (the rule set and the project read, the default what-if countries, at most
   `COPRODUCTION_MAX_WHAT_IF`, `check`, `report_to_json`), in two shapes (30 countries of one
   co-producer; 5 countries of 6), and against the heaviest document a signed-in user may send
   (`rulesets.MAX_RULES` rules, points tables and posts of `MAX_ENTRIES`). Medians of `--repeat` runs.
   Then the same request with every co-producer's financing filled to what is accepted (`MAX_LINES`
   lines each, and a body under 10 MiB): the deep project is filled with the smallest valid lines
   (`--body-repeat` runs, wall and CPU time; `--skip-body` leaves it out).
2. what-if, worst case: `minimum_contribution` for every country of the largest failing project and
   `points_options` on it.
3. matchmaking: `partners_for_project` (limit 10, as the suggestions page) for `--projects` projects ×
   `--companies` profiles; stops adding projects after `--matchmaking-budget` seconds (the size
   reached is reported); median and p95 per project.
4. throughput: generated bilateral projects checked (`check` + `report_to_json`) per second against
   the Iran–Belarus rules.

The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cinebridge.coproduction.engine import matchmaking as mm
from cinebridge.coproduction.engine.eligibility import (
    check,
    default_what_if_countries,
    evaluate,
    report_to_json,
)
from cinebridge.coproduction.engine.facts import ProjectFacts
from cinebridge.coproduction.engine.project_json import (
    MAX_COPRODUCERS,
    MAX_CREATIVES,
    MAX_LINES,
    project_from_json,
)
from cinebridge.coproduction.engine.rulesets import (
    MAX_ENTRIES,
    MAX_RULES,
    RuleSetDoc,
    rule_set_from_json,
)
from cinebridge.coproduction.engine.whatif import minimum_contribution, points_options

RULESETS_DIR = Path(__file__).resolve().parent.parent / "cinebridge" / "coproduction" / "rulesets"
AS_OF = date(2026, 11, 27)
# The endpoint asks what-if for at most this many countries (cinebridge/api/engines.py, which imports
# Django: the value is repeated here so that the benchmark stays an engine-only run).
ENDPOINT_MAX_WHAT_IF = 5
SUGGESTIONS_SHOWN = 10  # selectors/matchmaking.py
# Django refuses a request body above DATA_UPLOAD_MAX_MEMORY_SIZE (config/settings/base.py): 10 MiB.
BODY_LIMIT = 10 * 1024 * 1024
BODY_MARGIN = 4096  # headroom below it for the HTTP client's own bytes

# Targets (medians unless said otherwise).
TARGET_TYPICAL_MS = 10.0  # a typical bilateral project: check + report_to_json
TARGET_LARGEST_REQUEST_MS = 1000.0  # the largest accepted request, engine side, what-if included
TARGET_WHAT_IF_MS = 1000.0  # every country's least contribution + the points options, largest project
TARGET_MATCH_PER_PROJECT_MS = 50.0  # ranking every profile for one project
TARGET_THROUGHPUT = 100.0  # projects checked per second against the Iran–Belarus rules

# Countries no shipped rule set counts as a party, for non-party co-producers and creatives.
OUTSIDERS = (
    "US", "CN", "JP", "IN", "BR", "MX", "AR", "KR", "TH", "VN", "ID", "MY", "PH", "EG", "MA", "CA", "SA", "AE",
    "QA", "KW", "IQ", "PK", "BD", "LK", "NP", "KZ", "UZ", "KG", "TJ", "MN",
)  # fmt: skip
CREATIVE_OUTSIDERS = ("AU", "NZ", "ZA", "CL", "PE")  # never a co-producer's country here
LIVE_ACTION_ROLES = (
    "director", "screenwriter", "composer", "lead_1", "lead_2", "lead_3", "director_of_photography",
    "sound", "editor", "production_designer", "costume_designer", "make_up",
)  # fmt: skip
ANIMATION_ROLES = (
    "director", "screenwriter", "composer", "storyboard", "character_designer", "animation_director",
    "layout", "background", "lead_animator", "compositing", "voice_1", "voice_2",
)  # fmt: skip
ALL_ROLES = tuple(dict.fromkeys((*LIVE_ACTION_ROLES, *ANIMATION_ROLES, "researcher", "other")))
FINANCING_KINDS = ("national_fund", "coproducer", "pre_sale", "minimum_guarantee", "broadcaster", "incentive")
IN_KIND = ("studio", "post_production", "vfx", "animation", "equipment", "sound")


# --- inputs -----------------------------------------------------------------------------------------


def shipped_rule_sets() -> dict[str, dict[str, Any]]:
    """The shipped documents by id, in file order."""
    documents = {}
    for path in sorted(RULESETS_DIR.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        documents[document["id"]] = document
    return documents


def pair_for(document: dict[str, Any]) -> tuple[str, str]:
    """Two countries a typical bilateral project under the rule set would come from."""
    parties = document["parties"]
    if parties == "coproducers" or {"IR", "BY"} <= set(parties):
        return "IR", "BY"
    preferred = [c for c in ("FR", "DE", "IT", "BE", "CZ") if c in parties]
    return (preferred[0], preferred[1]) if len(preferred) >= 2 else (parties[0], parties[1])


def _money(rng: random.Random, low: int, high: int) -> str:
    return f"{rng.randint(low, high) * 100}.00"


def _letter(rng: random.Random, stale: bool = False) -> str:
    days = rng.randint(200, 400) if stale else rng.randint(5, 150)
    return (AS_OF - timedelta(days=days)).isoformat()


def typical_project(document: dict[str, Any], *, failing: bool = False, seed: int = 1) -> dict[str, Any]:
    """A bilateral project (70/30, 12 creatives of both countries) as the endpoint's project JSON;
    `failing`: the minority brings under 9 % and the director and screenwriter are of neither country,
    so that the share and points rules fail and the what-if answers are looked for."""
    rng = random.Random(seed)
    minority_fund, minority_broadcaster = ("10000.00", "30000.00") if failing else ("250000.00", "70000.00")
    major, minor = pair_for(document)
    animation = document["id"] == "iran-belarus"
    roles = ANIMATION_ROLES if animation else LIVE_ACTION_ROLES
    return {
        "kind": "animation" if animation else "feature",
        "audience": "children" if animation else "general",
        "runtime_minutes": 80 if animation else 96,
        "currency": "EUR",
        "budget": "1200000.00",
        "support_requested": "150000.00",
        "as_of": AS_OF.isoformat(),
        "coproducers": [
            {"id": "major", "name": "Majority Films", "country": major,
             "financing": [
                 {"kind": "national_fund", "amount": "400000.00", "confirmed": True, "letter_date": _letter(rng)},
                 {"kind": "coproducer", "amount": "280000.00", "confirmed": True, "letter_date": _letter(rng)},
                 {"kind": "pre_sale", "amount": "100000.00", "confirmed": False, "letter_date": None},
             ],
             "in_kind": [{"category": "studio", "value": "60000.00"}], "artistic": ["screenplay"]},
            {"id": "minor", "name": "Minority Pictures", "country": minor,
             "financing": [
                 {"kind": "national_fund", "amount": minority_fund, "confirmed": True, "letter_date": _letter(rng)},
                 {"kind": "broadcaster", "amount": minority_broadcaster, "confirmed": False, "letter_date": None},
             ],
             "in_kind": [{"category": "post_production", "value": "40000.00"}], "artistic": ["music"]},
        ],
        "creatives": [
            {"role": role, "days_worked": None,
             "nationality": "US" if failing and index < 2 else major if index % 3 else minor}
            for index, role in enumerate(roles)
        ],
        "shooting_countries": [] if animation else [major, minor],
        "post_countries": [minor],
        "animation_countries": [major, minor] if animation else [],
    }  # fmt: skip


def largest_project(document: dict[str, Any], shape: str, seed: int = 2) -> dict[str, Any]:
    """A failing project at the endpoint's bounds: 30 co-producers, 100 creatives (none of a
    co-producer's nationality for the key posts), uneven shares (deep: the first country over the
    multilateral maxima of 70 %; several countries under every minimum), half of them bringing no
    in-kind or artistic contribution (wide: money only), stale and unconfirmed letters; `shape` "wide"
    spreads the co-producers over 30 countries, "deep" over 5 countries of 6 each."""
    rng = random.Random(seed)
    parties = [] if document["parties"] == "coproducers" else list(document["parties"])
    if not parties:
        parties = ["IR", "BY"]
    pool = [*parties, *[c for c in OUTSIDERS if c not in parties]]
    countries_n = MAX_COPRODUCERS if shape == "wide" else 5
    countries = pool[:countries_n]
    coproducers = []
    for index in range(MAX_COPRODUCERS):
        # deep: six consecutive co-producers per country, so that the first country holds the most
        country = countries[index // (MAX_COPRODUCERS // countries_n)]
        # the first brings most; the amounts fall geometrically, so the last ones are far below 5 %
        base = int(2_000_000 * 0.78**index) // 100 * 100 + 100
        lines = [
            {"kind": FINANCING_KINDS[(index + k) % len(FINANCING_KINDS)],
             "amount": f"{base // 4 + rng.randint(0, 50) * 100}.00",
             "confirmed": k != 3,
             "letter_date": None if k == 3 else _letter(rng, stale=k == 2)}
            for k in range(4)
        ]  # fmt: skip
        brings_more = index % 2 == 0
        coproducers.append(
            {
                "id": f"c{index:02d}",
                "name": f"Company {index:02d}",
                "country": country,
                "financing": lines,
                "in_kind": [{"category": IN_KIND[index % len(IN_KIND)], "value": f"{base // 10}.00"}]
                if brings_more
                else [],
                "artistic": ["screenplay", "music"] if brings_more else [],
            }
        )
    # the posts the points tables count go to nationals of no co-producing country; the crew of the
    # co-producers' countries hold posts no table counts
    crew_roles = ("make_up", "researcher", "other")
    creatives = [
        {
            "role": ALL_ROLES[index % len(ALL_ROLES)] if index < 40 else crew_roles[index % len(crew_roles)],
            "nationality": CREATIVE_OUTSIDERS[index % len(CREATIVE_OUTSIDERS)]
            if index < 40
            else coproducers[2 * (index % (MAX_COPRODUCERS // 2))]["country"],  # of those bringing more
            "days_worked": rng.randint(1, 60),
        }
        for index in range(MAX_CREATIVES)
    ]
    return {
        "kind": "feature",
        "audience": "general",
        "runtime_minutes": 65,
        "currency": "USD",
        "budget": "12000000.00",
        "support_requested": "900000.00",
        "as_of": AS_OF.isoformat(),
        "rates": {"EUR": "0.92"},
        "coproducers": coproducers,
        "creatives": creatives,
        "shooting_countries": [*countries[:3], "US"],
        "post_countries": [countries[-1], "JP"],
        "animation_countries": [],
    }


def heaviest_document(countries: Sequence[str]) -> dict[str, Any]:
    """A valid rule-set document at the bounds (`MAX_RULES` rules; points tables and posts of
    `MAX_ENTRIES`) with every check kind, as a signed-in user may send it inline."""
    roles = [f"post_{n:02d}" for n in range(MAX_ENTRIES - 3)]
    table = [
        *({"role": role, "points": 1 + n % 4} for n, role in enumerate(roles)),
        {"place": "shooting", "points": 2},
        {"place": "post_production", "points": 2},
        {"place": "animation", "points": 1},
    ]
    posts = {role: 1 + n % 3 for n, role in enumerate([*ALL_ROLES, *roles][:MAX_ENTRIES])}
    kinds: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
        ("share_min", {"percent": "5", "per": "country"}, {}),
        ("share_max", {"percent": "70", "per": "country"}, {"countries": {"min": 3}}),
        ("share_min", {"percent": "2", "per": "company"}, {}),
        ("share_max", {"percent": "60", "per": "company"}, {}),
        ("share_min", {"percent": "1", "per": "company_of_several"}, {}),
        ("financial_only_share", {"min_percent": "5", "max_percent": "25"}, {}),
        ("non_party_share_max", {"percent": "30"}, {}),
        ("countries_min", {"count": 2, "parties_only": True}, {}),
        ("points", {"tables": {"*": table}, "threshold": 60, "waiver_min": 40}, {}),
        ("runtime_min", {"minutes": 70}, {"kinds": ["feature", "animation"]}),
        ("confirmed_financing_min", {"percent": "50", "per": "country"}, {}),
        ("letters_recent", {"months": 6}, {}),
        ("support_max", {"percent": "17", "amount": "500000"}, {"budget_at_least": "1000000"}),
        ("creative_proportional", {"tolerance": "10", "posts": posts}, {}),
        ("places_in_parties", {"place": "shooting", "mode": "all"}, {}),
        ("financing_covers_budget", {"percent": "100"}, {}),
    ]
    rules = []
    for index in range(MAX_RULES):
        check_kind, params, when = kinds[index % len(kinds)]
        rules.append(
            {
                "code": f"rule-{index:03d}",
                "check": check_kind,
                "article": f"Art. {index + 1}",
                "titles": {"en": f"Rule {index + 1}"},
                "severity": "required" if index % 5 else "advisory",
                "when": when,
                "params": params,
            }
        )
    return {
        "format": 1,
        "id": "bench-heaviest",
        "version": "2026-11-27",
        "names": {"en": "Heaviest document"},
        "source": {"title": "Generated", "url": "https://example.org/", "date": "2026-11-27"},
        "parties": list(countries[:20]),
        "currency": "EUR",
        "rules": rules,
    }


def at_body_limit(payload: dict[str, Any], rules: str | dict[str, Any]) -> tuple[dict[str, Any], int, int]:
    """The project with financing lines added to every co-producer up to what is accepted: the request
    body (compact JSON) just under `BODY_LIMIT`, and at most `MAX_LINES` lines a co-producer. The lines
    are the smallest valid ones (`{"kind":"x","amount":"1"}`: pending, so no letter). Returns the
    project, the lines added and the body's bytes."""
    compact = (",", ":")
    line = {"kind": "x", "amount": "1"}
    base = len(json.dumps({"rules": rules, "project": payload}, separators=compact).encode())
    per_line = len(json.dumps(line, separators=compact)) + 1
    by_size = (BODY_LIMIT - BODY_MARGIN - base) // per_line // len(payload["coproducers"])
    per_company = min(
        by_size, MAX_LINES - max(len(company["financing"]) for company in payload["coproducers"])
    )
    project = {
        **payload,
        "coproducers": [
            {**company, "financing": [*company["financing"], *(dict(line) for _ in range(per_company))]}
            for company in payload["coproducers"]
        ],
    }
    size = len(json.dumps({"rules": rules, "project": project}, separators=compact).encode())
    assert size <= BODY_LIMIT, size  # noqa: S101 - the generator's own invariant
    return project, per_company * len(payload["coproducers"]), size


def throughput_projects(count: int, seed: int = 3) -> list[dict[str, Any]]:
    """Varied Iran–Belarus projects: kind, audience, split, creatives, letters; some fail."""
    rng = random.Random(seed)
    projects = []
    for index in range(count):
        kind = rng.choice(["animation", "animation", "feature", "documentary", "short"])
        countries = ["IR", "BY"] if rng.random() < 0.5 else ["BY", "IR"]
        extra = rng.random() < 0.2  # a third co-producer, sometimes from outside the parties
        amounts = [rng.randint(2_000, 9_000) * 100, rng.randint(300, 4_000) * 100]
        coproducers = [
            {"id": f"p{index}-{n}", "name": f"Company {n}", "country": country,
             "financing": [
                 {"kind": rng.choice(FINANCING_KINDS), "amount": f"{part}.00", "confirmed": confirmed,
                  "letter_date": _letter(rng, stale=rng.random() < 0.2) if confirmed else None}
                 for part, confirmed in ((amount * 6 // 10, True), (amount - amount * 6 // 10, rng.random() < 0.5))
             ],
             "in_kind": [], "artistic": ["screenplay"] if n == 0 else []}
            for n, (country, amount) in enumerate(zip(countries, amounts, strict=True))
        ]  # fmt: skip
        if extra:
            coproducers.append(
                {"id": f"p{index}-x", "name": "Third", "country": rng.choice(["IR", "BY", "KZ"]),
                 "financing": [{"kind": "coproducer", "amount": _money(rng, 500, 3000), "confirmed": False,
                                "letter_date": None}], "in_kind": [], "artistic": []}
            )  # fmt: skip
        roles = ANIMATION_ROLES if kind == "animation" else LIVE_ACTION_ROLES
        creatives = [
            {"role": role, "nationality": rng.choice(["IR", "BY", "IR", "BY", "RU"]), "days_worked": None}
            for role in roles[: rng.randint(6, len(roles))]
        ]
        total = sum(amounts)
        projects.append(
            {
                "kind": kind,
                "audience": rng.choice(["children", "youth", "general"]),
                "runtime_minutes": rng.randint(60, 110),
                "currency": "EUR",
                "budget": f"{total + rng.randint(-100, 300) * 100}.00",
                "as_of": AS_OF.isoformat(),
                "coproducers": coproducers,
                "creatives": creatives,
                "shooting_countries": [] if kind == "animation" else countries,
                "post_countries": [rng.choice(countries)],
                "animation_countries": countries if kind == "animation" else [],
            }
        )
    return projects


CURRENCIES = ("EUR", "USD", "RUB", "BYN", "IRR")
RATES: mm.Rates = {
    ("EUR", "USD"): Decimal("1.08"),
    ("EUR", "RUB"): Decimal("98.5"),
    ("EUR", "BYN"): Decimal("3.52"),
    ("USD", "RUB"): Decimal("91.2"),
    ("USD", "BYN"): Decimal("3.26"),
    ("RUB", "BYN"): Decimal("0.0357"),
    # no rate for IRR: its ranges are "not comparable" notes
}
CAPABILITY_CODES = (
    "animation_studio", "post_production", "vfx", "sound", "stages", "equipment", "locations", "dubbing",
    "financing", "distribution", "screenwriting",
)  # fmt: skip
LANGUAGES = ("fa", "ru", "be", "en", "ar", "fr", "de", "tr", "zh", "es")
MATCH_COUNTRIES = ("IR", "BY", "RU", "KZ", "TR", "AM", "GE", "AZ", "UZ", "CN", "IN", "FR", "DE", "IT", "AE")
KINDS = ("feature", "documentary", "short", "animation", "series")


def _range(rng: random.Random, scale: int) -> tuple[Decimal | None, Decimal | None]:
    low = Decimal(rng.randint(1, 20) * scale)
    high = low * rng.randint(2, 6)
    shape = rng.random()
    if shape < 0.1:
        return None, None
    if shape < 0.2:
        return low, None
    if shape < 0.3:
        return None, high
    return low, high


def matchmaking_inputs(
    projects: int, companies: int, seed: int = 4
) -> tuple[list[mm.ProjectNeeds], list[mm.Company]]:
    rng = random.Random(seed)
    profiles = []
    for index in range(companies):
        currency = rng.choice(CURRENCIES)
        scale = {"EUR": 10_000, "USD": 10_000, "RUB": 1_000_000, "BYN": 30_000, "IRR": 400_000_000}[currency]
        low, high = _range(rng, scale)
        past = rng.choice([0, 0, 1, 2, 3, 5, 8, 13])
        kinds: dict[str, int] = {}
        for _ in range(past):
            kind = rng.choice(KINDS)
            kinds[kind] = kinds.get(kind, 0) + 1
        profiles.append(
            mm.Company(
                id=str(index),
                name=f"Studio {rng.randint(0, 99_999):05d}",
                country=rng.choice(MATCH_COUNTRIES),
                capabilities=frozenset(rng.sample(CAPABILITY_CODES, rng.randint(0, 5))),
                audiences=frozenset(rng.sample(("children", "youth", "general"), rng.randint(0, 3))),
                languages=frozenset(rng.sample(LANGUAGES, rng.randint(1, 4))),
                contribution_min=low,
                contribution_max=high,
                currency=currency,
                past_coproductions=past,
                past_kinds=kinds,
                is_open=rng.random() < 0.9,
            )
        )
    wanted = []
    for index in range(projects):
        currency = rng.choice(("EUR", "EUR", "USD", "RUB", "BYN"))
        scale = {"EUR": 10_000, "USD": 10_000, "RUB": 1_000_000, "BYN": 30_000}[currency]
        needs = []
        for n in range(rng.choice([0, 1, 1, 2, 3])):
            low, high = _range(rng, scale)
            needs.append(
                mm.Need(
                    id=f"{index}-{n}",
                    country=rng.choice(("", "", *MATCH_COUNTRIES)),
                    capabilities=frozenset(rng.sample(CAPABILITY_CODES, rng.randint(0, 3))),
                    contribution_min=low,
                    contribution_max=high,
                )
            )
        wanted.append(
            mm.ProjectNeeds(
                id=f"project-{index}",
                name=f"Project {index}",
                lead_country=rng.choice(MATCH_COUNTRIES[:6]),
                kind=rng.choice(KINDS),
                audience=rng.choice(("children", "youth", "general")),
                languages=frozenset(rng.sample(LANGUAGES, rng.randint(1, 3))),
                currency=currency,
                coproducer_ids=frozenset(str(rng.randrange(companies)) for _ in range(rng.randint(1, 3))),
                needs=tuple(needs),
            )
        )
    return wanted, profiles


# --- timing -----------------------------------------------------------------------------------------


def timed_runs(work: Callable[[], Any], repeat: int, *, warm_up: bool = True) -> tuple[list[float], Any]:
    """Wall milliseconds of `repeat` runs (after one warm-up run), and the last result."""
    result = work() if warm_up else None
    gc.collect()
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        runs.append((time.perf_counter() - started) * 1000)
    return runs, result


def median(values: Sequence[float]) -> float:
    return round(statistics.median(values), 3)


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))], 3)


def endpoint_engine(document: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """What `POST /api/v1/engines/coproduction` does with a body of a rule set and a project and no
    `what_if`, without Django: read both, ask what-if for the first default countries, check, write
    the report (the endpoint then adds the sentences in the request's language)."""
    doc = rule_set_from_json(document)
    project = project_from_json(payload)
    countries = default_what_if_countries(evaluate(project, doc))[:ENDPOINT_MAX_WHAT_IF]
    return report_to_json(check(project, doc, what_if_countries=countries))


def check_and_write(project: ProjectFacts, doc: RuleSetDoc) -> dict[str, Any]:
    return report_to_json(check(project, doc))


def every_what_if(project: ProjectFacts, doc: RuleSetDoc) -> tuple[list[float], int, int]:
    """Each country's least contribution (ms each), how many have an answer, and the points options."""
    per_country = []
    answered = 0
    for country in project.country_order():
        started = time.perf_counter()
        answer = minimum_contribution(project, doc, country=country)
        per_country.append((time.perf_counter() - started) * 1000)
        answered += answer is not None
    options = points_options(project, doc)
    return per_country, answered, len(options)


# --- the benchmark ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per eligibility case (median)")
    parser.add_argument("--projects", type=int, default=1000, help="matchmaking projects (default 1,000)")
    parser.add_argument("--companies", type=int, default=2000, help="company profiles (default 2,000)")
    parser.add_argument(
        "--matchmaking-budget", type=float, default=60.0, help="seconds after which no project is added"
    )
    parser.add_argument("--throughput", type=int, default=2000, help="projects for the throughput figure")
    parser.add_argument(
        "--body-repeat", type=int, default=3, help="timed runs of each request at the body-size limit"
    )
    parser.add_argument("--skip-body", action="store_true", help="leave out the requests at the body limit")
    parser.add_argument("--quick", action="store_true", help="small sizes, for trying the script")
    args = parser.parse_args()
    if args.quick:
        args.repeat, args.projects, args.companies, args.throughput = 3, 50, 500, 200
        args.body_repeat = 1

    load_start = [round(x, 2) for x in os.getloadavg()]
    print(f"load average at start: {load_start}", flush=True)
    documents = shipped_rule_sets()
    docs = {name: rule_set_from_json(document) for name, document in documents.items()}
    results: dict[str, Any] = {"bench": "coproduction", "load_average_at_start": load_start}

    # 1. eligibility: typical and largest, each shipped rule set
    typical: dict[str, Any] = {}
    largest: dict[str, Any] = {}
    for name, document in documents.items():
        doc = docs[name]
        for failing in (False, True):
            facts = project_from_json(typical_project(document, failing=failing))
            runs, report = timed_runs(lambda: check_and_write(facts, doc), args.repeat * 10)  # noqa: B023
            label = f"{name}/{'failing' if failing else 'eligible'}"
            typical[label] = {
                "median_ms": median(runs),
                "p95_ms": percentile(runs, 0.95),
                "eligible": report["eligible"],
                "what_if_countries": len(report["what_if"]["contributions"]),
                "points_options": len(report["what_if"]["points"]),
            }
            print(f"typical {label}: check + report_to_json median {typical[label]['median_ms']} ms "
                  f"(eligible: {report['eligible']}, what-if for {typical[label]['what_if_countries']} "
                  f"countries, {typical[label]['points_options']} points options)", flush=True)  # fmt: skip
        for shape in ("wide", "deep"):
            payload = largest_project(document, shape)
            runs, report = timed_runs(lambda: endpoint_engine(document, payload), args.repeat)  # noqa: B023
            failed = sum(rule["status"] == "failed" for rule in report["rules"])
            largest[f"{name}/{shape}"] = {
                "median_ms": median(runs),
                "max_ms": round(max(runs), 3),
                "rules_failed": failed,
                "what_if_countries": len(report["what_if"]["contributions"]),
                "points_options": len(report["what_if"]["points"]),
            }
            print(f"largest request {name} ({shape}): median {median(runs)} ms, max {max(runs):.1f} ms, "
                  f"{failed} rules failed, what-if for {len(report['what_if']['contributions'])} countries, "
                  f"{len(report['what_if']['points'])} points options", flush=True)  # fmt: skip
    heavy_payload = largest_project(documents["coe-1992"], "wide")
    heavy_document = heaviest_document([c["country"] for c in heavy_payload["coproducers"]])
    heavy: dict[str, Any] = {}
    for shape in ("wide", "deep"):
        payload = largest_project(documents["coe-1992"], shape)
        runs, report = timed_runs(lambda: endpoint_engine(heavy_document, payload), args.repeat)  # noqa: B023
        heavy[shape] = {
            "median_ms": median(runs),
            "max_ms": round(max(runs), 3),
            "what_if_countries": len(report["what_if"]["contributions"]),
            "points_options": len(report["what_if"]["points"]),
        }
        print(f"largest request, heaviest document ({MAX_RULES} rules, tables of {MAX_ENTRIES}), {shape}: "
              f"median {median(runs)} ms, max {max(runs):.1f} ms", flush=True)  # fmt: skip
    body: dict[str, Any] = {}
    if not args.skip_body:
        bound_cases: list[tuple[str, dict[str, Any], str | dict[str, Any]]] = [
            (name, document, name) for name, document in documents.items()
        ]
        bound_cases.append(("heaviest", heavy_document, heavy_document))
        for name, document, rules in bound_cases:
            base = largest_project(documents["coe-1992"] if name == "heaviest" else document, "deep")
            payload, lines, size = at_body_limit(base, rules)
            cpu_started = time.process_time()
            runs, report = timed_runs(
                lambda: endpoint_engine(document, payload),  # noqa: B023
                args.body_repeat,
                warm_up=False,
            )
            cpu_ms = (time.process_time() - cpu_started) * 1000 / args.body_repeat
            body[name] = {
                "median_ms": median(runs),
                "max_ms": round(max(runs), 3),
                "cpu_mean_ms": round(cpu_ms, 1),
                "body_bytes": size,
                "financing_lines": lines + 4 * MAX_COPRODUCERS,
                "what_if_countries": len(report["what_if"]["contributions"]),
            }
            print(f"largest body {name} (deep, {size / 2**20:.2f} MiB, {lines + 4 * MAX_COPRODUCERS:,} "
                  f"financing lines): median {median(runs)} ms, max {max(runs):.0f} ms, CPU {cpu_ms:.0f} ms", flush=True)  # fmt: skip
        results["body_limit"] = body
    typical_worst = max(row["median_ms"] for row in typical.values())
    largest_worst = max(row["median_ms"] for row in largest.values())
    heavy_worst = max(row["median_ms"] for row in heavy.values())
    results["typical"] = typical
    results["largest_request"] = largest
    results["heaviest_document"] = heavy
    results["typical_worst_median_ms"] = typical_worst
    results["largest_request_worst_median_ms"] = largest_worst
    results["heaviest_document_worst_median_ms"] = heavy_worst

    # 2. what-if, worst case: every country of the largest failing project, and the points options
    what_if: dict[str, Any] = {}
    cases: list[tuple[str, dict[str, Any], RuleSetDoc]] = [
        (f"{name}/{shape}", largest_project(document, shape), docs[name])
        for name, document in documents.items()
        for shape in ("wide", "deep")
    ]
    heavy_doc = rule_set_from_json(heavy_document)
    cases += [
        (f"heaviest/{shape}", largest_project(documents["coe-1992"], shape), heavy_doc)
        for shape in ("wide", "deep")
    ]
    for label, payload, doc in cases:
        facts = project_from_json(payload)
        totals = []
        per_country: list[float] = []
        answered = options = 0
        for _ in range(max(3, args.repeat // 3)):
            started = time.perf_counter()
            per_country, answered, options = every_what_if(facts, doc)
            totals.append((time.perf_counter() - started) * 1000)
        what_if[label] = {
            "countries": len(per_country),
            "answered": answered,
            "points_options": options,
            "all_median_ms": median(totals),
            "per_country_max_ms": round(max(per_country), 3),
        }
        print(f"what-if {label}: {len(per_country)} countries ({answered} answered) + {options} points "
              f"options, median {median(totals)} ms, slowest country {max(per_country):.2f} ms", flush=True)  # fmt: skip
    what_if_worst = max(row["all_median_ms"] for row in what_if.values())
    shipped_what_if_worst = max(
        row["all_median_ms"] for key, row in what_if.items() if not key.startswith("heaviest")
    )
    results["what_if"] = what_if
    results["what_if_worst_median_ms"] = what_if_worst
    results["what_if_shipped_worst_median_ms"] = shipped_what_if_worst

    # 3. matchmaking
    projects, companies = matchmaking_inputs(args.projects, args.companies)
    print(f"matchmaking: {len(projects)} projects × {len(companies)} profiles "
          f"(budget {args.matchmaking_budget:g} s)", flush=True)  # fmt: skip
    per_project = []
    suggested = 0
    started_all, cpu_started = time.perf_counter(), time.process_time()
    for project in projects:
        if time.perf_counter() - started_all > args.matchmaking_budget:
            break
        started = time.perf_counter()
        found = mm.partners_for_project(project, companies, rates=RATES, limit=SUGGESTIONS_SHOWN)
        per_project.append((time.perf_counter() - started) * 1000)
        suggested += len(found)
    matchmaking_seconds = time.perf_counter() - started_all
    matchmaking_cpu = time.process_time() - cpu_started
    results["matchmaking"] = {
        "projects_requested": len(projects),
        "projects_ranked": len(per_project),
        "companies": len(companies),
        "pairs": len(per_project) * len(companies),
        "seconds": round(matchmaking_seconds, 2),
        "cpu_seconds": round(matchmaking_cpu, 2),
        "per_project_median_ms": median(per_project),
        "per_project_p95_ms": percentile(per_project, 0.95),
        "per_pair_us": round(matchmaking_seconds * 1e6 / max(1, len(per_project) * len(companies)), 2),
        "suggestions": suggested,
    }
    print(f"matchmaking: {len(per_project)} projects ranked in {matchmaking_seconds:.1f} s "
          f"(CPU {matchmaking_cpu:.1f} s), per project "
          f"median {median(per_project)} ms, p95 {percentile(per_project, 0.95)} ms", flush=True)  # fmt: skip
    companies_all = companies
    started = time.perf_counter()
    for company in companies_all[:200]:
        mm.projects_for_company(company, projects, rates=RATES, limit=SUGGESTIONS_SHOWN)
    per_company = (time.perf_counter() - started) * 1000 / min(200, len(companies_all))
    results["matchmaking"]["per_company_mean_ms"] = round(per_company, 3)
    print(
        f"matchmaking, projects for a company ({len(projects)} projects): mean {per_company:.2f} ms",
        flush=True,
    )

    # 4. throughput against the Iran–Belarus rules
    doc = docs["iran-belarus"]
    batch = [project_from_json(p) for p in throughput_projects(args.throughput)]
    gc.collect()
    started = time.perf_counter()
    eligible = sum(report_to_json(check(p, doc))["eligible"] for p in batch)
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    for p in batch:
        evaluate(p, doc)
    evaluate_seconds = time.perf_counter() - started
    payloads = throughput_projects(args.throughput)
    started = time.perf_counter()
    for row in payloads:
        report_to_json(check(project_from_json(row), doc))
    with_reading_seconds = time.perf_counter() - started
    results["throughput"] = {
        "projects": len(batch),
        "eligible": eligible,
        "checked_per_s": round(len(batch) / seconds, 1),
        "evaluated_per_s": round(len(batch) / evaluate_seconds, 1),
        "with_reading_per_s": round(len(batch) / with_reading_seconds, 1),
    }
    print(f"throughput (iran-belarus, {len(batch)} projects, {eligible} eligible): "
          f"{len(batch) / seconds:.0f} checked/s (check + what-if + report_to_json), "
          f"{len(batch) / evaluate_seconds:.0f}/s rules only, "
          f"{len(batch) / with_reading_seconds:.0f}/s reading the JSON too", flush=True)  # fmt: skip

    body_worst = max((row["median_ms"] for row in body.values()), default=None)
    targets = {
        "typical_check": (typical_worst, TARGET_TYPICAL_MS, typical_worst <= TARGET_TYPICAL_MS),
        "largest_request_shipped": (largest_worst, TARGET_LARGEST_REQUEST_MS, largest_worst <= TARGET_LARGEST_REQUEST_MS),
        "largest_request_heaviest_document": (heavy_worst, TARGET_LARGEST_REQUEST_MS, heavy_worst <= TARGET_LARGEST_REQUEST_MS),
        **(
            {"largest_body": (body_worst, TARGET_LARGEST_REQUEST_MS, body_worst <= TARGET_LARGEST_REQUEST_MS)}
            if body_worst is not None
            else {}
        ),
        "what_if_every_country": (what_if_worst, TARGET_WHAT_IF_MS, what_if_worst <= TARGET_WHAT_IF_MS),
        "matchmaking_per_project": (
            results["matchmaking"]["per_project_median_ms"], TARGET_MATCH_PER_PROJECT_MS,
            results["matchmaking"]["per_project_median_ms"] <= TARGET_MATCH_PER_PROJECT_MS,
        ),
        "throughput": (
            results["throughput"]["checked_per_s"], TARGET_THROUGHPUT,
            results["throughput"]["checked_per_s"] >= TARGET_THROUGHPUT,
        ),
    }  # fmt: skip
    for key, (value, target, met) in targets.items():
        relation = "≥" if key == "throughput" else "≤"
        print(
            f"target {key}: {value} (target {relation} {target:g}) {'met' if met else 'NOT MET'}", flush=True
        )
    results["targets"] = {key: {"value": v, "target": t, "met": m} for key, (v, t, m) in targets.items()}
    results["meets_targets"] = all(m for _v, _t, m in targets.values())
    results["python"] = platform.python_version()
    results["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(results))


if __name__ == "__main__":
    main()
