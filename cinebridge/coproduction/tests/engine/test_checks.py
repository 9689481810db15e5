"""Each check kind on both sides of its boundary: exactly at the limit passes, a minor unit across fails."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from cinebridge.coproduction.engine.eligibility import (
    FAILED,
    NOT_APPLICABLE,
    PASSED,
    WAIVABLE,
    check,
    evaluate,
    months_before,
    report_to_json,
)
from cinebridge.coproduction.engine.facts import CreativeFacts, percent_value, shares

from .helpers import AS_OF, company, creatives, project, rule, rule_set


def status(p, doc, code=None):
    report = evaluate(p, doc)
    return report.result(code or doc.rules[0].code).status


def two(minority: str, majority: str = "0", *, minority_country="BY", majority_country="IR"):
    """A project where the minority brings `minority` and the majority makes the total 100000.00."""
    rest = Decimal("100000.00") - Decimal(minority) if majority == "0" else Decimal(majority)
    return project(
        company("major", majority_country, str(rest)), company("minor", minority_country, minority)
    )


# --- shares ---------------------------------------------------------------------------------------


def test_exactly_ten_percent_passes_a_ten_percent_minimum_and_nine_point_nine_nine_fails():
    doc = rule_set(rule("share_min", {"percent": "10", "per": "country"}))
    assert status(two("10000.00"), doc) == PASSED
    assert status(two("9999.99"), doc) == FAILED  # 9.99999 %, shown rounded as 10.00 % yet below
    assert status(two("9990.00"), doc) == FAILED
    item = evaluate(two("9990.00"), doc).results[0].failing()[0]
    assert (item.key, item.value, item.limit) == ("BY", "9.99", "10")


def test_share_max_passes_at_the_limit_and_fails_a_cent_above():
    doc = rule_set(rule("share_max", {"percent": "90", "per": "country"}))
    assert status(two("10000.00"), doc) == PASSED
    assert status(two("9999.99"), doc) == FAILED
    assert evaluate(two("9999.99"), doc).results[0].failing()[0].key == "IR"


def test_share_rules_per_company():
    p = project(company("a", "IR", "70000"), company("b", "BY", "25000"), company("c", "BY", "5000"))
    assert status(p, rule_set(rule("share_min", {"percent": "5", "per": "company"}))) == PASSED
    assert status(p, rule_set(rule("share_min", {"percent": "5.01", "per": "company"}))) == FAILED
    assert status(p, rule_set(rule("share_max", {"percent": "70", "per": "company"}))) == PASSED
    assert status(p, rule_set(rule("share_max", {"percent": "69.99", "per": "company"}))) == FAILED


def test_company_of_several_counts_only_countries_with_several_companies():
    doc = rule_set(rule("share_min", {"percent": "10", "per": "company_of_several"}))
    # IR's single company at 5 % is not measured; BY's two companies are.
    p = project(company("a", "IR", "5000"), company("b", "BY", "85000"), company("c", "BY", "10000"))
    result = evaluate(p, doc).results[0]
    assert [item.key for item in result.items] == ["b", "c"]
    assert result.status == PASSED
    p = project(company("a", "IR", "5001"), company("b", "BY", "85000"), company("c", "BY", "9999"))
    assert status(p, doc) == FAILED
    assert status(project(company("a", "IR", "50"), company("b", "BY", "50")), doc) == NOT_APPLICABLE


def test_in_kind_counts_towards_the_share_and_pending_financing_too():
    p = project(company("a", "IR", "80"), company("b", "BY", "10", confirmed=False, in_kind=("10",)))
    assert shares(p).country("BY").fraction == Fraction(1, 5)


def test_financial_only_band_both_ends():
    doc = rule_set(rule("financial_only_share", {"min_percent": "10", "max_percent": "25"}))
    art = ("screenplay",)

    def p(amount):
        return project(
            company("a", "IR", str(100000 - amount), artistic=art), company("b", "BY", str(amount))
        )

    assert status(p(10000), doc) == PASSED
    assert status(p(9999), doc) == FAILED
    assert status(p(25000), doc) == PASSED
    assert status(p(25001), doc) == FAILED
    # A creative of its nationality, an in-kind or an artistic contribution: not financial only.
    with_creative = project(company("a", "IR", "50000", artistic=art), company("b", "BY", "50000"),
                            creatives=creatives(("composer", "BY")))  # fmt: skip
    assert status(with_creative, doc) == NOT_APPLICABLE
    assert report_to_json(evaluate(p(30000), doc))["shares"]["by_company"][1]["financial_only"] is True


def test_non_party_share_cap():
    doc = rule_set(rule("non_party_share_max", {"percent": "30"}))
    p = project(company("a", "IR", "40000"), company("b", "BY", "30000"), company("c", "FR", "30000"))
    assert status(p, doc) == PASSED
    p = project(company("a", "IR", "40000"), company("b", "BY", "29999"), company("c", "FR", "30001"))
    assert status(p, doc) == FAILED
    assert status(two("50000"), doc) == NOT_APPLICABLE


def test_countries_min_with_and_without_parties_only():
    p = project(company("a", "IR", "50"), company("b", "FR", "50"))
    assert status(p, rule_set(rule("countries_min", {"count": 2}))) == PASSED
    assert status(p, rule_set(rule("countries_min", {"count": 2, "parties_only": True}))) == FAILED
    assert status(p, rule_set(rule("countries_min", {"count": 3}))) == FAILED


POINTS = {
    "tables": {
        "*": [
            {"role": "director", "points": 4},
            {"role": "screenwriter", "points": 3},
            {"role": "composer", "points": 1},
            {"place": "shooting", "points": 2},
        ],
        "documentary": [{"role": "director", "points": 5}],
    },
    "threshold": 8,
    "waiver_min": 6,
}


def test_points_threshold_waiver_and_failure():
    doc = rule_set(rule("points", POINTS))
    base = [company("a", "IR", "50"), company("b", "BY", "50")]
    full = project(*base, creatives=creatives(("director", "IR"), ("screenwriter", "BY"), ("composer", "IR")))
    assert status(full, doc) == PASSED  # 8 = threshold
    seven = project(*base, creatives=creatives(("director", "IR"), ("screenwriter", "FR")),
                    shooting_countries=("BY",))  # fmt: skip
    assert status(seven, doc) == WAIVABLE  # 6: at the waiver's minimum
    five = project(*base, creatives=creatives(("director", "IR"), ("composer", "BY")))
    assert status(five, doc) == FAILED
    numbers = evaluate(five, doc).results[0].numbers
    assert (numbers["points"], numbers["maximum"], numbers["table"]) == (5, 10, "*")


def test_points_place_scores_only_when_every_country_is_a_party_and_the_table_follows_the_kind():
    doc = rule_set(rule("points", POINTS))
    base = [company("a", "IR", "50"), company("b", "BY", "50")]
    shot_abroad = project(*base, shooting_countries=("IR", "FR"))
    assert evaluate(shot_abroad, doc).results[0].numbers["points"] == 0
    assert evaluate(project(*base, shooting_countries=("IR", "BY")), doc).results[0].numbers["points"] == 2
    documentary = project(*base, kind="documentary", creatives=creatives(("director", "BY")))
    assert evaluate(documentary, doc).results[0].numbers["points"] == 5


def test_points_with_no_table_for_the_kind_fail_and_never_make_the_project_eligible():
    """No table for the project's kind and no "*": the rule cannot show the work qualifies, so it fails
    (never "not applicable"), says why in its numbers and measures nothing."""
    only_animation = rule_set(rule("points", {**POINTS, "tables": {"animation": POINTS["tables"]["*"]}}))
    base = [company("a", "IR", "50"), company("b", "BY", "50")]
    everyone = creatives(("director", "IR"), ("screenwriter", "BY"), ("composer", "IR"))
    feature = project(*base, creatives=everyone)
    report = evaluate(feature, only_animation)
    result = report.results[0]
    assert result.status == FAILED
    assert dict(result.numbers) == {"reason": "no_table", "kind": "feature", "table": None}
    assert result.items == ()
    assert report.eligible is False
    assert report_to_json(report)["rules"][0]["items"] == []
    animated = project(*base, kind="animation", creatives=everyone)
    assert status(animated, only_animation) == PASSED  # the same posts score with a table
    # A "*" table is a table for every other kind.
    assert status(feature, rule_set(rule("points", POINTS))) == PASSED
    # A `when` that leaves the kind out still makes the rule not applicable: that is not a missing table.
    animation_only = rule("points", {**POINTS, "tables": {"animation": POINTS["tables"]["*"]}},
                          when={"kinds": ["animation"]})  # fmt: skip
    assert status(feature, rule_set(animation_only)) == NOT_APPLICABLE


def test_a_missing_table_gives_no_points_options_and_leaves_the_other_tables_options():
    missing = rule("points", {**POINTS, "tables": {"animation": POINTS["tables"]["*"]}}, code="missing")
    other = rule("points", POINTS, code="other")
    base = [company("a", "IR", "50"), company("b", "BY", "50")]
    five = project(*base, creatives=creatives(("director", "IR"), ("composer", "BY")))
    report = check(five, rule_set(missing, other))
    assert report.result("missing").status == FAILED
    assert report.result("other").status == FAILED
    assert report.points  # the table that exists still has its smallest sets
    assert {option.rule for option in report.points} == {"other"}
    alone = check(five, rule_set(missing))
    assert alone.points == ()
    assert report_to_json(alone)["what_if"]["points"] == []


def test_points_nationals_of_coproducers():
    doc = rule_set(rule("points", {**POINTS, "count_nationals_of": "coproducers", "waiver_min": None}),
                   parties=("IR", "BY", "FR"))  # fmt: skip
    p = project(company("a", "IR", "50"), company("b", "BY", "50"),
                creatives=creatives(("director", "FR"), ("screenwriter", "IR")))  # fmt: skip
    assert evaluate(p, doc).results[0].numbers["points"] == 3


def test_runtime_minimum():
    doc = rule_set(rule("runtime_min", {"minutes": 70}))
    assert status(project(company("a", "IR", "1"), runtime_minutes=70), doc) == PASSED
    assert status(project(company("a", "IR", "1"), runtime_minutes=69), doc) == FAILED
    assert status(project(company("a", "IR", "1"), runtime_minutes=None), doc) == FAILED


def test_confirmed_financing_total_and_per_country():
    total = rule_set(rule("confirmed_financing_min", {"percent": "50"}))
    half = project(company("a", "IR", "50000"), company("b", "BY", "50000", confirmed=False))
    assert status(half, total) == PASSED
    less = project(company("a", "IR", "49999.99"), company("b", "BY", "50000.01", confirmed=False))
    assert status(less, total) == FAILED
    per_country = rule_set(rule("confirmed_financing_min", {"percent": "50", "per": "country"}))
    assert status(half, per_country) == FAILED
    mixed = project(
        company("a", "IR", "50000"),
        company("b", "BY", "25000", confirmed=False, in_kind=("25000",)),  # in-kind counts as secured
    )
    assert status(mixed, per_country) == PASSED


def test_letters_older_than_six_months_fail_and_exactly_six_months_pass():
    doc = rule_set(rule("letters_recent", {"months": 6}, severity="advisory"))
    oldest = months_before(AS_OF, 6)
    assert oldest == date(2025, 12, 30)
    assert status(project(company("a", "IR", "1", letter=oldest)), doc) == PASSED
    stale = project(company("a", "IR", "1", letter=date(2025, 12, 29)))
    assert status(stale, doc) == FAILED
    assert report_to_json(evaluate(stale, doc))["financing"]["stale_letters"] == [
        {"company": "a", "financier_index": 0, "letter_date": "2025-12-29"}
    ]
    assert status(project(company("a", "IR", "1", confirmed=False)), doc) == NOT_APPLICABLE
    assert evaluate(stale, doc).eligible  # advisory: reported, not disqualifying


def test_months_before_clamps_to_the_end_of_a_short_month():
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 1) == date(2025, 12, 15)


def test_support_cap_percent_and_amount_with_a_rate():
    doc = rule_set(rule("support_max", {"percent": "17", "amount": "500000"}))
    p = project(company("a", "IR", "1000000"), budget=Decimal("1000000"), support_requested=Decimal("170000"))
    assert status(p, doc) == PASSED
    assert (
        status(project(company("a", "IR", "1000000"), support_requested=Decimal("170000.01")), doc) == FAILED
    )
    big = project(company("a", "IR", "4000000"), support_requested=Decimal("500000"))
    assert status(big, doc) == PASSED
    assert (
        status(project(company("a", "IR", "4000000"), support_requested=Decimal("500000.01")), doc) == FAILED
    )
    # In rials: 1 IRR = 0.00002 EUR, so 25 000 000 000 IRR is exactly 500 000 EUR.
    rials = project(company("a", "IR", "200000000000"), currency="IRR", support_requested=Decimal("25000000000"),
                    rates={"EUR": Decimal("0.00002")})  # fmt: skip
    assert status(rials, doc) == PASSED
    more = project(company("a", "IR", "200000000000"), currency="IRR", support_requested=Decimal("25000000001"),
                   rates={"EUR": Decimal("0.00002")})  # fmt: skip
    assert status(more, doc) == FAILED
    no_rate = project(company("a", "IR", "200000000000"), currency="IRR", support_requested=Decimal("1"))
    result = evaluate(no_rate, doc).results[0]
    assert result.status == FAILED
    assert result.items[1].extra["missing_rate"] == "EUR"
    assert status(project(company("a", "IR", "1")), doc) == NOT_APPLICABLE


def test_creative_contribution_in_proportion_within_the_tolerance():
    doc = rule_set(rule("creative_proportional", {"tolerance": "10", "posts": {"director": 1, "screenwriter": 1,
                                                                                "composer": 1, "editor": 1, "lead_1": 1}}))  # fmt: skip
    crew = creatives(
        ("director", "IR"), ("screenwriter", "IR"), ("composer", "IR"), ("editor", "BY"), ("lead_1", "IR")
    )
    # BY holds 1 of 5 posts (20 %): money from 10 % to 30 % is within ten points.
    assert status(project(company("a", "IR", "70"), company("b", "BY", "30"), creatives=crew), doc) == PASSED
    assert status(project(company("a", "IR", "90"), company("b", "BY", "10"), creatives=crew), doc) == PASSED
    assert (
        status(project(company("a", "IR", "9001"), company("b", "BY", "999"), creatives=crew), doc) == FAILED
    )
    assert (
        status(project(company("a", "IR", "6999"), company("b", "BY", "3001"), creatives=crew), doc) == FAILED
    )
    assert (
        status(project(company("a", "IR", "1"), creatives=creatives(("sound", "IR"))), doc) == NOT_APPLICABLE
    )


def test_places_in_parties_all_and_any():
    all_ = rule_set(rule("places_in_parties", {"place": "shooting"}))
    any_ = rule_set(rule("places_in_parties", {"place": "post_production", "mode": "any"}))
    base = [company("a", "IR", "1")]
    assert status(project(*base, shooting_countries=("IR", "BY")), all_) == PASSED
    assert status(project(*base, shooting_countries=("IR", "GE")), all_) == FAILED
    assert status(project(*base, post_countries=("IR", "GE")), any_) == PASSED
    assert status(project(*base, post_countries=("GE",)), any_) == FAILED
    assert status(project(*base), all_) == NOT_APPLICABLE


def test_financing_covers_the_budget():
    doc = rule_set(rule("financing_covers_budget", {"percent": "100"}))
    assert status(project(company("a", "IR", "100000"), budget=Decimal("100000")), doc) == PASSED
    assert status(project(company("a", "IR", "99999.99"), budget=Decimal("100000")), doc) == FAILED


# --- conditions, parties, eligibility ------------------------------------------------------------------


def test_when_conditions_select_the_rule():
    bilateral = rule(
        "share_min", {"percent": "10", "per": "country"}, code="bi", when={"countries": {"min": 2, "max": 2}}
    )
    multi = rule(
        "share_min", {"percent": "5", "per": "country"}, code="multi", when={"countries": {"min": 3}}
    )
    kinds = rule(
        "runtime_min", {"minutes": 70}, code="kinds", when={"kinds": ["feature"], "audiences": ["children"]}
    )
    doc = rule_set(bilateral, multi, kinds)
    p = two("9000")
    report = evaluate(p, doc)
    assert [r.status for r in report.results] == [FAILED, NOT_APPLICABLE, PASSED]
    three = project(
        company("a", "IR", "90"), company("b", "BY", "5"), company("c", "AM", "5"), kind="documentary"
    )
    assert [r.status for r in evaluate(three, doc).results] == [NOT_APPLICABLE, PASSED, NOT_APPLICABLE]


def test_budget_conditions_convert_with_the_rate_and_fail_without_one():
    large = rule(
        "share_min", {"percent": "10", "per": "country"}, when={"budget_at_least": "5000000"}, code="large"
    )
    small = rule(
        "share_min", {"percent": "20", "per": "country"}, when={"budget_below": "5000000"}, code="small"
    )
    doc = rule_set(large, small)
    at = project(company("a", "IR", "4500000"), company("b", "BY", "500000"), budget=Decimal("5000000"))
    assert [r.status for r in evaluate(at, doc).results] == [PASSED, NOT_APPLICABLE]
    below = project(company("a", "IR", "4500000"), company("b", "BY", "500000"), budget=Decimal("4999999.99"))
    assert [r.status for r in evaluate(below, doc).results] == [NOT_APPLICABLE, FAILED]
    rials = project(company("a", "IR", "90"), company("b", "BY", "10"), currency="IRR",
                    budget=Decimal("250000000000"), rates={"EUR": Decimal("0.00002")})  # fmt: skip
    assert [r.status for r in evaluate(rials, doc).results] == [PASSED, NOT_APPLICABLE]
    no_rate = project(company("a", "IR", "90"), company("b", "BY", "10"), currency="IRR")
    results = evaluate(no_rate, doc).results
    assert [r.status for r in results] == [FAILED, FAILED]
    assert results[0].numbers == {"missing_rate": "EUR", "currency": "IRR"}


def test_parties_from_the_rule_set_the_coproducers_or_the_project():
    doc = rule_set(rule("countries_min", {"count": 2, "parties_only": True}), parties="coproducers")
    p = project(company("a", "IR", "1"), company("b", "FR", "1"))
    assert evaluate(p, doc).parties == ("IR", "FR")
    assert status(p, doc) == PASSED
    assert status(project(*p.companies, parties=("IR", "BY")), doc) == FAILED


def test_eligible_only_when_every_applicable_required_rule_passed():
    points = rule("points", {**POINTS, "threshold": 5, "waiver_min": 1}, code="points")
    advisory = rule("runtime_min", {"minutes": 200}, code="long", severity="advisory")
    doc = rule_set(rule("share_min", {"percent": "10", "per": "country"}), points, advisory)
    crew = creatives(("director", "IR"), ("composer", "BY"))
    assert evaluate(two("10000"), doc).eligible is False  # points 0 < waiver: failed
    assert check(project(*two("10000").companies, creatives=crew), doc).eligible is True
    waivable = project(*two("10000").companies, creatives=creatives(("director", "IR")))
    report = evaluate(waivable, doc)
    assert report.result("points").status == WAIVABLE
    assert report.eligible is False


def test_percent_rounds_half_up_for_showing_only():
    assert percent_value(Fraction(1, 8) / 100) == Decimal("0.13")
    assert percent_value(Fraction(99999, 1000000)) == Decimal("10.00")
    assert percent_value(Fraction(2, 3)) == Decimal("66.67")


def test_report_json_shape():
    doc = rule_set(rule("share_min", {"percent": "20", "per": "country"}))
    report = report_to_json(check(two("10000.00"), doc))
    assert report["eligible"] is False
    assert report["shares"]["by_country"] == [
        {"country": "IR", "amount": "90000.00", "percent": "90.00"},
        {"country": "BY", "amount": "10000.00", "percent": "10.00"},
    ]
    assert report["rules"][0]["items"][1] == {"key": "BY", "value": "10.00", "limit": "20", "passed": False}
    assert report["what_if"]["contributions"] == [
        {"country": "BY", "add": "12500.00", "currency": "EUR", "company": "minor", "new_company": False,
         "shares_pass": True, "eligible_after": True}
    ]  # fmt: skip
    assert report["financing"]["confirmed_percent"] == "100.00"
    assert report["rule_set"]["id"] == "test-rules"


def test_days_worked_are_kept_on_the_facts():
    assert CreativeFacts(role="lead_1", nationality="IR", days_worked=30).days_worked == 30


@pytest.mark.parametrize("check_kind", ["share_min", "share_max"])
def test_share_rules_with_no_money_yet_fail_a_minimum_and_pass_a_maximum(check_kind):
    doc = rule_set(rule(check_kind, {"percent": "10", "per": "country"}))
    empty = project(company("a", "IR"), company("b", "BY"))
    assert status(empty, doc) == (FAILED if check_kind == "share_min" else PASSED)


def test_points_options_skip_a_points_rule_without_a_table_for_the_kind():
    """Asked directly (not through `check`), the points what-if has no answer for a kind the rule set has no
    table for, rather than failing."""
    from cinebridge.coproduction.engine.project_json import project_from_json
    from cinebridge.coproduction.engine.whatif import points_options
    from cinebridge.coproduction.selectors.rulesets import shipped_rule_set_documents

    document = shipped_rule_set_documents()["coe-2017"]
    project = project_from_json(
        {
            "kind": "documentary",
            "audience": "general",
            "runtime_minutes": 90,
            "currency": "EUR",
            "budget": "100",
            "as_of": "2026-01-01",
            "coproducers": [
                {
                    "id": "a",
                    "name": "A",
                    "country": "IT",
                    "financing": [{"kind": "coproducer", "amount": "60"}],
                },
                {
                    "id": "b",
                    "name": "B",
                    "country": "NL",
                    "financing": [{"kind": "coproducer", "amount": "40"}],
                },
            ],
        }
    )
    assert points_options(project, document) == []
