"""The matchmaking engine: each reason on both sides of its condition, exclusions, ranking ties, and
hypothesis scenarios checked against a brute-force oracle."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cinebridge.coproduction.engine import matchmaking as mm
from cinebridge.coproduction.engine.matchmaking import Company, Need, ProjectNeeds


def project(**fields: object) -> ProjectNeeds:
    values: dict[str, object] = {
        "id": "p1",
        "name": "Project",
        "lead_country": "IR",
        "kind": "animation",
        "audience": "children",
        "languages": frozenset({"fa", "ru"}),
        "currency": "EUR",
        "coproducer_ids": frozenset({"lead"}),
        "needs": (Need(id="n1", country="BY", capabilities=frozenset({"animation_studio", "sound"})),),
    }
    values.update(fields)
    return ProjectNeeds(**values)  # type: ignore[arg-type]


def company(**fields: object) -> Company:
    values: dict[str, object] = {"id": "c1", "name": "Studio", "country": "BY"}
    values.update(fields)
    return Company(**values)  # type: ignore[arg-type]


def codes(result: mm.Match | None) -> list[str]:
    assert result is not None
    return [r.code for r in result.reasons]


def test_country_wanted_is_a_reason_only_for_the_country_asked() -> None:
    result = mm.match(project(), company(country="BY"))
    assert result is not None
    assert result.reasons == (mm.Reason(mm.COUNTRY_WANTED, 30, {"country": "BY"}),)
    assert result.score == 30
    assert mm.match(project(), company(country="RU")) is None  # nothing else matches


def test_capabilities_offered_and_needed_count_each() -> None:
    result = mm.match(
        project(), company(country="RU", capabilities=frozenset({"sound", "vfx", "animation_studio"}))
    )
    assert result is not None
    assert result.reasons[0].code == mm.CAPABILITIES
    assert result.reasons[0].params == {"capabilities": ("animation_studio", "sound")}
    assert result.score == 20


def test_audience_languages_kind_and_past_coproductions() -> None:
    result = mm.match(
        project(needs=()),
        company(
            country="RU",
            audiences=frozenset({"children"}),
            languages=frozenset({"ru", "en"}),
            past_coproductions=7,
            past_kinds={"animation": 2, "feature": 5},
        ),
    )
    assert codes(result) == [mm.AUDIENCE, mm.LANGUAGES, mm.KIND_EXPERIENCE, mm.PAST_COPRODUCTIONS]
    assert result is not None
    params = {r.code: r.params for r in result.reasons}
    assert params[mm.LANGUAGES] == {"languages": ("ru",)}
    assert params[mm.KIND_EXPERIENCE] == {"kind": "animation", "count": 2}
    assert params[mm.PAST_COPRODUCTIONS] == {"count": 7}
    # past co-productions count up to five
    assert result.score == 10 + 5 + 5 + 2 * 5


def test_ranges_that_touch_overlap_and_ranges_a_cent_apart_do_not() -> None:
    need = Need(id="n1", contribution_min=Decimal("100000"), contribution_max=Decimal("200000"))
    touching = company(country="RU", currency="EUR", contribution_min=Decimal("200000"))
    apart = company(country="RU", currency="EUR", contribution_min=Decimal("200000.01"))
    result = mm.match(project(needs=(need,)), touching)
    assert codes(result) == [mm.CONTRIBUTION_OVERLAP]
    assert result is not None
    assert result.reasons[0].params["offered_min"] == "200000"
    assert mm.match(project(needs=(need,)), apart) is None


def test_ranges_in_two_currencies_are_converted_with_a_rate_either_way() -> None:
    need = Need(id="n1", contribution_min=Decimal("90"), contribution_max=Decimal("100"))
    offer = company(
        country="RU", currency="USD", contribution_min=Decimal("110"), contribution_max=Decimal("120")
    )
    # 110 USD at 0.9 = 99 EUR: inside the range wanted
    direct = mm.match(project(needs=(need,)), offer, rates={("USD", "EUR"): Decimal("0.9")})
    assert codes(direct) == [mm.CONTRIBUTION_OVERLAP]
    assert direct is not None
    assert direct.reasons[0].params["converted"] is True
    assert direct.reasons[0].params["offered_min"] == "99"
    # the inverse rate: 1 EUR = 1.25 USD → 110 USD = 88 EUR, 120 USD = 96 EUR, still overlapping
    inverse = mm.match(project(needs=(need,)), offer, rates={("EUR", "USD"): Decimal("1.25")})
    assert codes(inverse) == [mm.CONTRIBUTION_OVERLAP]
    # 1 EUR = 2 USD → 55–60 EUR: below the range wanted
    assert mm.match(project(needs=(need,)), offer, rates={("EUR", "USD"): Decimal("2")}) is None


def test_ranges_without_a_rate_are_said_not_comparable_and_score_nothing() -> None:
    need = Need(id="n1", country="BY", contribution_min=Decimal("90"))
    offer = company(currency="BYN", contribution_min=Decimal("110"))
    result = mm.match(project(needs=(need,)), offer)
    assert codes(result) == [mm.COUNTRY_WANTED, mm.CONTRIBUTION_NOT_COMPARABLE]
    assert result is not None
    assert result.score == 30
    assert result.reasons[1].params == {"wanted_currency": "EUR", "offered_currency": "BYN"}
    # a note alone is no reason to suggest
    alone = mm.match(
        project(needs=(Need(id="n1", contribution_min=Decimal("90")),)),
        company(country="RU", currency="BYN", contribution_min=Decimal("1")),
    )
    assert alone is None


def test_coproducers_closed_profiles_and_the_leads_country_are_not_suggested() -> None:
    rich = {"capabilities": frozenset({"animation_studio"}), "audiences": frozenset({"children"})}
    assert mm.match(project(coproducer_ids=frozenset({"c1"})), company(**rich)) is None
    assert mm.match(project(), company(is_open=False, **rich)) is None
    assert mm.match(project(), company(country="IR", **rich)) is None
    # unless the need asks for the lead's country
    asked = project(needs=(Need(id="n2", country="IR"),))
    result = mm.match(asked, company(country="IR", **rich))
    assert result is not None
    assert codes(result)[0] == mm.COUNTRY_WANTED


def test_the_best_need_wins_and_the_first_on_a_tie() -> None:
    needs = (
        Need(id="a", capabilities=frozenset({"sound"})),
        Need(id="b", capabilities=frozenset({"vfx", "sound"})),
        Need(id="c", capabilities=frozenset({"vfx", "dubbing"})),
    )
    result = mm.match(
        project(needs=needs), company(country="RU", capabilities=frozenset({"vfx", "sound", "dubbing"}))
    )
    assert result is not None
    assert result.need_id == "b"
    assert result.score == 20


def test_ties_are_ranked_by_name_then_id_and_limit_applies() -> None:
    caps = frozenset({"sound"})
    companies = [
        company(id="3", name="beta", country="RU", capabilities=caps),
        company(id="2", name="Alpha", country="RU", capabilities=caps),
        company(id="1", name="alpha", country="RU", capabilities=caps),
        company(id="9", name="Zeta", country="BY", capabilities=caps),
    ]
    ranked = mm.partners_for_project(project(), companies)
    assert [c.id for c, _m in ranked] == ["9", "1", "2", "3"]
    assert [c.id for c, _m in mm.partners_for_project(project(), list(reversed(companies)), limit=2)] == [
        "9",
        "1",
    ]


def test_projects_for_a_company_are_ranked_both_ways() -> None:
    studio = company(country="BY", capabilities=frozenset({"sound"}))
    projects = [
        project(id="x", name="Second", needs=(Need(id="1", capabilities=frozenset({"sound"})),)),
        project(id="y", name="First", needs=(Need(id="2", country="BY"),)),
        project(id="z", name="Own", coproducer_ids=frozenset({"c1"})),
    ]
    ranked = mm.projects_for_company(studio, projects)
    assert [(p.id, m.score) for p, m in ranked] == [("y", 30), ("x", 10)]


# --- property tests against a brute-force oracle -----------------------------------------------------

COUNTRIES = ("IR", "BY", "RU")
CAPS = ("animation_studio", "post_production", "sound", "vfx")
LANGS = ("fa", "ru", "be", "en")
CURRENCIES = ("EUR", "USD", "")
KINDS = ("animation", "feature")
AUDIENCES = ("children", "youth", "general")

bounds = st.one_of(st.none(), st.integers(min_value=0, max_value=4).map(Decimal))


@st.composite
def ranges(draw: st.DrawFn) -> tuple[Decimal | None, Decimal | None]:
    low, high = draw(bounds), draw(bounds)
    if low is not None and high is not None and high < low:
        low, high = high, low
    return low, high


@st.composite
def needs(draw: st.DrawFn, index: int) -> Need:
    low, high = draw(ranges())
    return Need(
        id=f"n{index}",
        country=draw(st.sampled_from(("", *COUNTRIES))),
        capabilities=frozenset(draw(st.sets(st.sampled_from(CAPS)))),
        contribution_min=low,
        contribution_max=high,
    )


@st.composite
def companies(draw: st.DrawFn, index: int) -> Company:
    low, high = draw(ranges())
    return Company(
        id=str(index),
        name=draw(st.sampled_from(("A", "a", "B", "C"))),
        country=draw(st.sampled_from(COUNTRIES)),
        capabilities=frozenset(draw(st.sets(st.sampled_from(CAPS)))),
        audiences=frozenset(draw(st.sets(st.sampled_from(AUDIENCES)))),
        languages=frozenset(draw(st.sets(st.sampled_from(LANGS)))),
        contribution_min=low,
        contribution_max=high,
        currency=draw(st.sampled_from(("EUR", "USD", "BYN", ""))),
        past_coproductions=draw(st.integers(min_value=0, max_value=8)),
        past_kinds=draw(st.dictionaries(st.sampled_from(KINDS), st.integers(min_value=1, max_value=3))),
        is_open=draw(st.booleans()),
    )


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[ProjectNeeds], list[Company], dict[tuple[str, str], Decimal]]:
    company_list = [draw(companies(i)) for i in range(draw(st.integers(min_value=0, max_value=6)))]
    ids = [c.id for c in company_list]
    project_list = []
    for p in range(draw(st.integers(min_value=1, max_value=3))):
        project_list.append(
            ProjectNeeds(
                id=f"p{p}",
                name=draw(st.sampled_from(("X", "x", "Y"))),
                lead_country=draw(st.sampled_from(COUNTRIES)),
                kind=draw(st.sampled_from(KINDS)),
                audience=draw(st.sampled_from(AUDIENCES)),
                languages=frozenset(draw(st.sets(st.sampled_from(LANGS)))),
                currency=draw(st.sampled_from(("EUR", "USD"))),
                coproducer_ids=frozenset(draw(st.sets(st.sampled_from(ids)))) if ids else frozenset(),
                needs=tuple(draw(needs(i)) for i in range(draw(st.integers(min_value=0, max_value=3)))),
            )
        )
    rates: dict[tuple[str, str], Decimal] = {}
    if draw(st.booleans()):
        rates[("USD", "EUR")] = draw(st.sampled_from((Decimal("0.5"), Decimal("0.9"), Decimal("2"))))
    if draw(st.booleans()):
        rates[("BYN", "EUR")] = draw(st.sampled_from((Decimal("0.3"), Decimal("3"))))
    return project_list, company_list, rates


def oracle_rate(rates: dict[tuple[str, str], Decimal], source: str, target: str) -> Fraction | None:
    if source == target:
        return Fraction(1)
    for (base, quote), rate in rates.items():
        if (base, quote) == (source, target):
            return Fraction(rate)
        if (base, quote) == (target, source):
            return Fraction(1) / Fraction(rate)
    return None


def oracle_overlap(
    a: tuple[Fraction | None, Fraction | None], b: tuple[Fraction | None, Fraction | None]
) -> bool:
    """Some endpoint lies in both ranges (or there is no finite endpoint at all)."""
    points = [x for x in (*a, *b) if x is not None]
    if not points:
        return True

    def inside(x: Fraction, r: tuple[Fraction | None, Fraction | None]) -> bool:
        return (r[0] is None or r[0] <= x) and (r[1] is None or x <= r[1])

    return any(inside(x, a) and inside(x, b) for x in points)


def frac(value: Decimal | None) -> Fraction | None:
    return None if value is None else Fraction(value)


def oracle_need_score(
    p: ProjectNeeds, n: Need, c: Company, rates: dict[tuple[str, str], Decimal]
) -> tuple[int, set[str]]:
    """The score and the reason codes of one (project, need, company), counted item by item."""
    if (
        not c.is_open
        or c.id in p.coproducer_ids
        or (c.country == p.lead_country and n.country != p.lead_country)
    ):
        return -1, set()
    score, found = 0, set()
    if n.country != "" and n.country == c.country:
        score += 30
        found.add(mm.COUNTRY_WANTED)
    for cap in CAPS:
        if cap in n.capabilities and cap in c.capabilities:
            score += 10
            found.add(mm.CAPABILITIES)
    need_has = n.contribution_min is not None or n.contribution_max is not None
    company_has = c.contribution_min is not None or c.contribution_max is not None
    if need_has and company_has:
        rate = oracle_rate(rates, c.currency or p.currency, p.currency)
        if rate is None:
            found.add(mm.CONTRIBUTION_NOT_COMPARABLE)
        else:
            offered = tuple(
                None if x is None else Fraction(x) * rate for x in (c.contribution_min, c.contribution_max)
            )
            if oracle_overlap((frac(n.contribution_min), frac(n.contribution_max)), offered):  # type: ignore[arg-type]
                score += 15
                found.add(mm.CONTRIBUTION_OVERLAP)
    if p.audience in c.audiences:
        score += 10
        found.add(mm.AUDIENCE)
    for language in LANGS:
        if language in p.languages and language in c.languages:
            score += 5
            found.add(mm.LANGUAGES)
    if (c.past_kinds or {}).get(p.kind, 0):
        score += 5
        found.add(mm.KIND_EXPERIENCE)
    for film in range(c.past_coproductions):
        if film < 5:
            score += 2
        found.add(mm.PAST_COPRODUCTIONS)
    return score, found


def oracle_best(
    p: ProjectNeeds, c: Company, rates: dict[tuple[str, str], Decimal]
) -> tuple[int, str, set[str]] | None:
    best = None
    for n in p.needs or (Need(id=""),):
        score, found = oracle_need_score(p, n, c, rates)
        if score > 0 and (best is None or score > best[0]):
            best = (score, n.id, found)
    return best


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_engine_agrees_with_the_oracle(
    scenario: tuple[list[ProjectNeeds], list[Company], dict[tuple[str, str], Decimal]],
) -> None:
    project_list, company_list, rates = scenario
    for p in project_list:
        ranked = mm.partners_for_project(p, company_list, rates=rates)
        expected = []
        for c in company_list:
            best = oracle_best(p, c, rates)
            result = mm.match(p, c, rates=rates)
            if best is None:
                assert result is None
                continue
            assert result is not None
            assert (result.score, result.need_id, {r.code for r in result.reasons}) == best
            assert result.score == sum(r.weight for r in result.reasons)
            expected.append((c, best[0]))
        # ranking: best score first, then name (case-folded), then id; every pair compared
        assert len(ranked) == len(expected)
        for i, (first, first_match) in enumerate(ranked):
            for second, second_match in ranked[i + 1 :]:
                assert (first_match.score > second_match.score) or (
                    first_match.score == second_match.score
                    and (first.name.casefold(), first.id) < (second.name.casefold(), second.id)
                )
        assert {c.id for c, _m in ranked} == {c.id for c, _s in expected}
    for c in company_list:
        ranked_projects = mm.projects_for_company(c, project_list, rates=rates)
        assert {p.id for p, _m in ranked_projects} == {p.id for p in project_list if oracle_best(p, c, rates)}
        scores = [m.score for _p, m in ranked_projects]
        assert scores == sorted(scores, reverse=True)


# --- the whole output against a straightforward reference ---------------------------------------------
# The engine scores pairs as plain numbers and builds the reasons (with their amount texts) only for the
# pairs it returns, converting the needs' ranges once per profile currency. The reference below is the
# first, straightforward way: every need of every pair scored with its reasons built, the profile's range
# converted to the project's currency each time. Every output must be equal, texts included.


def reference_amount(value: Fraction | None) -> str | None:
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return f"{exact.quantize(Decimal('0.0001')).normalize():f}"


def reference_rate(rates: dict[tuple[str, str], Decimal], base: str, quote: str) -> Fraction | None:
    if base == quote:
        return Fraction(1)
    if rates.get((base, quote), 0) > 0:
        return Fraction(rates[(base, quote)])
    if rates.get((quote, base), 0) > 0:
        return 1 / Fraction(rates[(quote, base)])
    return None


def reference_reasons(
    p: ProjectNeeds, n: Need, c: Company, rates: dict[tuple[str, str], Decimal]
) -> tuple[mm.Reason, ...]:
    reasons = []
    if n.country and n.country == c.country:
        reasons.append(mm.Reason(mm.COUNTRY_WANTED, 30, {"country": n.country}))
    caps = tuple(sorted(n.capabilities & c.capabilities))
    if caps:
        reasons.append(mm.Reason(mm.CAPABILITIES, 10 * len(caps), {"capabilities": caps}))
    need_has = n.contribution_min is not None or n.contribution_max is not None
    company_has = c.contribution_min is not None or c.contribution_max is not None
    if need_has and company_has:
        source = c.currency or p.currency
        rate = reference_rate(rates, source, p.currency)
        if rate is None:
            reasons.append(
                mm.Reason(
                    mm.CONTRIBUTION_NOT_COMPARABLE,
                    0,
                    {"wanted_currency": p.currency, "offered_currency": source},
                )
            )
        else:
            offered = tuple(
                None if x is None else Fraction(x) * rate for x in (c.contribution_min, c.contribution_max)
            )
            wanted = (frac(n.contribution_min), frac(n.contribution_max))
            lows = [x for x in (wanted[0], offered[0]) if x is not None]
            highs = [x for x in (wanted[1], offered[1]) if x is not None]
            if not lows or not highs or max(lows) <= min(highs):
                reasons.append(
                    mm.Reason(
                        mm.CONTRIBUTION_OVERLAP,
                        15,
                        {
                            "currency": p.currency,
                            "wanted_min": reference_amount(wanted[0]),
                            "wanted_max": reference_amount(wanted[1]),
                            "offered_min": reference_amount(offered[0]),
                            "offered_max": reference_amount(offered[1]),
                            "offered_currency": source,
                            "converted": source != p.currency,
                        },
                    )
                )
    if p.audience and p.audience in c.audiences:
        reasons.append(mm.Reason(mm.AUDIENCE, 10, {"audience": p.audience}))
    languages = tuple(sorted(p.languages & c.languages))
    if languages:
        reasons.append(mm.Reason(mm.LANGUAGES, 5 * len(languages), {"languages": languages}))
    of_kind = (c.past_kinds or {}).get(p.kind, 0)
    if of_kind > 0:
        reasons.append(mm.Reason(mm.KIND_EXPERIENCE, 5, {"kind": p.kind, "count": of_kind}))
    if c.past_coproductions > 0:
        reasons.append(
            mm.Reason(
                mm.PAST_COPRODUCTIONS, 2 * min(c.past_coproductions, 5), {"count": c.past_coproductions}
            )
        )
    return tuple(reasons)


def reference_match(p: ProjectNeeds, c: Company, rates: dict[tuple[str, str], Decimal]) -> mm.Match | None:
    best = None
    for n in p.needs or (Need(id=""),):
        if not c.is_open or c.id in p.coproducer_ids:
            continue
        if c.country == p.lead_country and n.country != p.lead_country:
            continue
        reasons = reference_reasons(p, n, c, rates)
        score = sum(r.weight for r in reasons)
        if score > 0 and (best is None or score > best.score):
            best = mm.Match(p.id, c.id, n.id, score, reasons)
    return best


def reference_ranked(
    items: list[tuple[object, mm.Match | None]], name: dict[int, tuple[str, str]], limit: int | None
) -> list[tuple[object, mm.Match]]:
    found = [(item, m) for item, m in items if m is not None]
    found.sort(key=lambda pair: (-pair[1].score, *name[id(pair[0])]))
    return found if limit is None else found[:limit]


# amounts with cents and rates that make conversions inexact (texts rounded to four places)
amounts = st.one_of(
    st.none(),
    st.integers(min_value=0, max_value=8).map(lambda x: Decimal(x * 50_000)),
    st.decimals(min_value=0, max_value=400_000, places=2, allow_nan=False, allow_infinity=False),
)


@st.composite
def money_ranges(draw: st.DrawFn) -> tuple[Decimal | None, Decimal | None]:
    low, high = draw(amounts), draw(amounts)
    if (
        draw(st.integers(min_value=0, max_value=9)) > 0
        and low is not None
        and high is not None
        and high < low
    ):
        low, high = high, low  # mostly ordered, now and then a reversed range
    return low, high


@st.composite
def money_scenarios(
    draw: st.DrawFn,
) -> tuple[list[ProjectNeeds], list[Company], dict[tuple[str, str], Decimal]]:
    project_list, company_list, _rates = draw(scenarios())
    company_list += [draw(companies(len(company_list) + i)) for i in range(draw(st.integers(0, 6)))]
    pick = st.sampled_from(
        tuple(Decimal(x) for x in ("0.5", "0.9", "1.08", "1.25", "2", "3.26", "3.52", "1", "0"))
    )
    rates: dict[tuple[str, str], Decimal] = {}
    for pair in (("EUR", "USD"), ("USD", "EUR"), ("BYN", "EUR"), ("USD", "BYN"), ("EUR", "BYN")):
        if draw(st.integers(min_value=0, max_value=3)) > 0:
            rates[pair] = draw(pick)
    with_ranges = []
    for c in company_list:
        low, high = draw(money_ranges())
        with_ranges.append(
            Company(
                **{
                    **{f: getattr(c, f) for f in c.__slots__},
                    "contribution_min": low,
                    "contribution_max": high,
                }
            )
        )
    projects_with_ranges = []
    for p in project_list:
        needs_with_ranges = []
        for n in p.needs:
            low, high = draw(money_ranges())
            needs_with_ranges.append(
                Need(
                    id=n.id,
                    country=n.country,
                    capabilities=n.capabilities,
                    contribution_min=low,
                    contribution_max=high,
                )
            )
        currency = draw(st.sampled_from(("EUR", "USD", "BYN")))
        projects_with_ranges.append(
            ProjectNeeds(
                **{
                    **{f: getattr(p, f) for f in p.__slots__},
                    "needs": tuple(needs_with_ranges),
                    "currency": currency,
                }
            )
        )
    return projects_with_ranges, with_ranges, rates


def check_against_reference(
    project_list: list[ProjectNeeds], company_list: list[Company], rates: dict[tuple[str, str], Decimal]
) -> None:
    names: dict[int, tuple[str, str]] = {id(c): (c.name.casefold(), c.id) for c in company_list}
    names.update({id(p): (p.name.casefold(), p.id) for p in project_list})
    for p in project_list:
        pairs: list[tuple[object, mm.Match | None]] = []
        for c in company_list:
            expected = reference_match(p, c, rates)
            assert mm.match(p, c, rates=rates) == expected
            pairs.append((c, expected))
        for limit in (None, 0, 1, 2, 10):
            assert mm.partners_for_project(p, company_list, rates=rates, limit=limit) == reference_ranked(
                pairs, names, limit
            )
    for c in company_list:
        by_project: list[tuple[object, mm.Match | None]] = [
            (p, reference_match(p, c, rates)) for p in project_list
        ]
        for limit in (None, 1, 2):
            assert mm.projects_for_company(c, project_list, rates=rates, limit=limit) == reference_ranked(
                by_project, names, limit
            )


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(money_scenarios())
def test_outputs_equal_the_straightforward_reference_texts_included(
    scenario: tuple[list[ProjectNeeds], list[Company], dict[tuple[str, str], Decimal]],
) -> None:
    check_against_reference(*scenario)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_outputs_equal_the_reference_on_the_oracle_scenarios(
    scenario: tuple[list[ProjectNeeds], list[Company], dict[tuple[str, str], Decimal]],
) -> None:
    check_against_reference(*scenario)


def test_inexact_conversion_texts_and_a_reversed_need_range() -> None:
    need = Need(id="n1", contribution_min=Decimal("100000.50"), contribution_max=Decimal("200000"))
    offer = company(country="RU", currency="BYN", contribution_min=Decimal("350000"), contribution_max=None)
    rates = {("EUR", "BYN"): Decimal("3.52")}
    result = mm.match(project(needs=(need,)), offer, rates=rates)
    assert result is not None
    assert result.reasons == (
        mm.Reason(
            mm.CONTRIBUTION_OVERLAP,
            15,
            {
                "currency": "EUR",
                "wanted_min": "100000.5",
                "wanted_max": "200000",
                "offered_min": "99431.8182",  # 350,000 / 3.52, rounded to four places
                "offered_max": None,
                "offered_currency": "BYN",
                "converted": True,
            },
        ),
    )
    reversed_need = Need(id="n1", contribution_min=Decimal("200000"), contribution_max=Decimal("100000"))
    assert mm.match(project(needs=(reversed_need,)), offer, rates=rates) is None
