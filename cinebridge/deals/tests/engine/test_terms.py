from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cinebridge.core.engine.money import Rounding
from cinebridge.deals.engine.terms import Terms, TermsError, Theatrical, terms_from_json, terms_to_json

FULL = {
    "flat_fee": "5000",
    "minimum_guarantee": "20000.00",
    "theatrical": {"percent_by_week": ["50", "45.0", "40"], "over_nut_percent_by_week": ["90", "85"]},
    "on_demand": {"revenue_share_percent": "50"},
    "distribution_fee_percent": {"THEATRICAL": "25", "SVOD": "30"},
    "expenses_cap": "10000.00",
    "rounding": "half_even",
}


def test_all_terms_are_read_into_decimals():
    terms = terms_from_json(FULL, currency="EUR")
    assert terms.flat_fee == Decimal("5000.00")
    assert terms.minimum_guarantee == Decimal("20000.00")
    assert terms.theatrical == Theatrical((Decimal(50), Decimal(45), Decimal(40)), (Decimal(90), Decimal(85)))
    assert terms.revenue_share_percent == Decimal(50)
    assert terms.distribution_fee_percent == (("SVOD", Decimal(30)), ("THEATRICAL", Decimal(25)))
    assert terms.expenses_cap == Decimal("10000.00")
    assert terms.rounding is Rounding.HALF_EVEN


def test_empty_terms_mean_nothing_agreed_and_half_up_rounding():
    assert terms_from_json({}, currency="EUR") == Terms()
    assert terms_to_json(Terms()) == {"rounding": "half_up"}


def test_the_last_percent_of_a_sliding_scale_repeats():
    theatrical = terms_from_json(FULL, currency="EUR").theatrical
    assert theatrical is not None
    assert [theatrical.percent(w) for w in (1, 2, 3, 4, 10)] == [50, 45, 40, 40, 40]
    assert [theatrical.over_nut_percent(w) for w in (1, 2, 3)] == [90, 85, 85]
    assert Theatrical((Decimal(50),)).over_nut_percent(1) is None


def test_fee_percent_is_zero_for_a_medium_without_fee():
    terms = terms_from_json(FULL, currency="EUR")
    assert terms.fee_percent("SVOD") == 30
    assert terms.fee_percent("TVOD") == 0


def test_canonical_json_is_stable_and_reads_back_equal():
    terms = terms_from_json(FULL, currency="EUR")
    canonical = terms_to_json(terms, currency="EUR")
    assert canonical["flat_fee"] == "5000.00"
    assert canonical["theatrical"]["percent_by_week"] == ["50", "45", "40"]
    assert list(canonical["distribution_fee_percent"]) == ["SVOD", "THEATRICAL"]
    assert terms_from_json(canonical, currency="EUR") == terms
    assert terms_to_json(terms_from_json(canonical, currency="EUR")) == canonical


def test_amounts_take_the_currency_s_minor_units():
    assert (
        terms_to_json(terms_from_json({"flat_fee": "5000"}, currency="JPY"), currency="JPY")["flat_fee"]
        == "5000"
    )
    with pytest.raises(TermsError) as error:
        terms_from_json({"flat_fee": "5000.5"}, currency="JPY")
    assert (error.value.path, error.value.code, error.value.params["minor_units"]) == (
        "flat_fee",
        "amount",
        0,
    )


@pytest.mark.parametrize(
    ("data", "path", "code"),
    [
        ([], "", "object"),
        ({"mg": "1"}, "mg", "unknown"),
        ({"flat_fee": "-1"}, "flat_fee", "amount"),
        ({"flat_fee": 12.5}, "flat_fee", "amount"),
        ({"minimum_guarantee": "abc"}, "minimum_guarantee", "amount"),
        ({"theatrical": "50"}, "theatrical", "object"),
        ({"theatrical": {}}, "theatrical.percent_by_week", "required"),
        ({"theatrical": {"percent_by_week": []}}, "theatrical.percent_by_week", "list"),
        ({"theatrical": {"percent_by_week": ["50", "101"]}}, "theatrical.percent_by_week[1]", "percent"),
        (
            {"theatrical": {"percent_by_week": ["50"], "over_nut_percent_by_week": ["-1"]}},
            "theatrical.over_nut_percent_by_week[0]",
            "percent",
        ),
        ({"theatrical": {"percent_by_week": [50.5]}}, "theatrical.percent_by_week[0]", "percent"),
        (
            {"theatrical": {"percent_by_week": ["33.3333333"]}},
            "theatrical.percent_by_week[0]",
            "percent_decimals",
        ),
        ({"theatrical": {"percent_by_week": ["50"], "house_nut": "1"}}, "theatrical.house_nut", "unknown"),
        ({"on_demand": {}}, "on_demand.revenue_share_percent", "required"),
        ({"on_demand": {"revenue_share_percent": "NaN"}}, "on_demand.revenue_share_percent", "percent"),
        ({"distribution_fee_percent": {"svod": "30"}}, "distribution_fee_percent.svod", "media"),
        ({"distribution_fee_percent": {"SVOD": "300"}}, "distribution_fee_percent.SVOD", "percent"),
        ({"distribution_fee_percent": "30"}, "distribution_fee_percent", "object"),
        ({"rounding": "up"}, "rounding", "choice"),
    ],
)
def test_bad_terms_name_their_path_and_code(data, path, code):
    with pytest.raises(TermsError) as error:
        terms_from_json(data, currency="EUR")
    assert (error.value.path, error.value.code) == (path, code)
    assert error.value.message


def test_an_unknown_currency_is_refused():
    with pytest.raises(TermsError) as error:
        terms_from_json({}, currency="XYZ")
    assert error.value.code == "currency"


def test_persian_digits_are_read_in_percents_and_amounts():
    terms = terms_from_json(
        {"flat_fee": "۵۰۰۰", "on_demand": {"revenue_share_percent": "۵۰٫۵"}}, currency="EUR"
    )
    assert (terms.flat_fee, terms.revenue_share_percent) == (Decimal("5000.00"), Decimal("50.5"))


percents = st.decimals(min_value=0, max_value=100, places=2).map(str)
amounts = st.decimals(min_value=0, max_value=10**9, places=2).map(str)


@given(
    st.fixed_dictionaries(
        {},
        optional={
            "flat_fee": amounts,
            "minimum_guarantee": amounts,
            "theatrical": st.fixed_dictionaries(
                {"percent_by_week": st.lists(percents, min_size=1, max_size=5)},
                optional={"over_nut_percent_by_week": st.lists(percents, min_size=1, max_size=5)},
            ),
            "on_demand": st.fixed_dictionaries({"revenue_share_percent": percents}),
            "distribution_fee_percent": st.dictionaries(
                st.sampled_from(["THEATRICAL", "SVOD", "TVOD"]), percents
            ),
            "expenses_cap": amounts,
            "rounding": st.sampled_from([r.value for r in Rounding]),
        },
    )
)
def test_terms_round_trip_through_their_canonical_json(data):
    terms = terms_from_json(data, currency="EUR")
    canonical = terms_to_json(terms, currency="EUR")
    assert terms_from_json(canonical, currency="EUR") == terms
    assert terms_to_json(terms_from_json(canonical, currency="EUR"), currency="EUR") == canonical
