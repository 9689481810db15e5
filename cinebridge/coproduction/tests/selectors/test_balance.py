"""The balance between two countries over four-year periods: contributions per currency and converted,
majority and minority counts, key creative posts; only the projects the viewer sees privately count,
and the cost in queries does not grow with the number of projects."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from cinebridge.accounts.models import Role, User
from cinebridge.coproduction.models import ContributionKind, CreativeRole, Project
from cinebridge.coproduction.selectors.balance import balance
from cinebridge.coproduction.tests.factories import (
    ContributionFactory,
    CoProducerFactory,
    CreativeFactory,
    FinancingSourceFactory,
    ProjectFactory,
    film_body,
    member_of,
    observer,
    producer,
)
from cinebridge.core.models import ExchangeRate

pytestmark = pytest.mark.django_db


def _project(
    *,
    lead_country: str,
    start_year: int,
    amounts: dict[str, str],
    currency: str = "EUR",
    lead: object = None,
    creatives: tuple[tuple[str, str], ...] = (),
) -> Project:
    """A project whose co-producers (the lead first, the others off the platform) bring `amounts` by
    country, with `creatives` as (role, nationality)."""
    project = ProjectFactory.create(
        lead=lead or producer(country=lead_country), start_year=start_year, currency=currency
    )
    rows = {lead_country: project.coproducers.get()}
    for country in amounts:
        if country not in rows:
            rows[country] = CoProducerFactory.create(
                project=project, name=f"Company {country}", country=country
            )
    for country, amount in amounts.items():
        FinancingSourceFactory.create(
            coproducer=rows[country], amount=Decimal(amount), letter_date=date(2026, 1, 1)
        )
    for role, nationality in creatives:
        CreativeFactory.create(project=project, role=role, nationality=nationality)
    return project


@pytest.fixture
def ir_body_member() -> User:
    return member_of(film_body(country="IR"), Role.VIEWER)


def test_periods_sums_majority_minority_and_key_posts(ir_body_member: User) -> None:
    first = _project(
        lead_country="IR",
        start_year=2024,
        amounts={"IR": "800000", "BY": "200000"},
        creatives=(("director", "IR"), ("composer", "BY"), ("other", "BY"), ("lead_1", "BY")),
    )
    second = _project(lead_country="BY", start_year=2027, amounts={"BY": "600000", "IR": "400000"})
    ContributionFactory.create(coproducer=second.coproducers.get(country="IR"), value=Decimal("50000"))
    ContributionFactory.create(
        coproducer=second.coproducers.get(country="IR"), kind=ContributionKind.ARTISTIC
    )
    third = _project(
        lead_country="IR",
        start_year=2028,
        amounts={"IR": "500000", "BY": "500000"},
        creatives=(("director", "RU"),),
    )
    _project(lead_country="IR", start_year=2025, amounts={"IR": "1", "RU": "1"})  # Belarus not in it
    _project(lead_country="IR", start_year=2023, amounts={"IR": "1", "BY": "1"})  # before the first period

    periods = balance(viewer=ir_body_member, country_a="IR", country_b="BY", first_year=2024, last_year=2031)

    assert [(p.first_year, p.last_year) for p in periods] == [(2024, 2027), (2028, 2031)]
    one, two = periods
    assert one.projects == [first, second]
    ir, by = one.countries
    assert (ir.country, ir.amounts, ir.converted) == (
        "IR",
        {"EUR": Decimal("1250000")},
        Decimal("1250000.00"),
    )
    assert (by.amounts, by.converted) == ({"EUR": Decimal("800000")}, Decimal("800000.00"))
    assert (ir.majority, ir.minority, ir.equal) == (1, 1, 0)
    assert (by.majority, by.minority, by.equal) == (1, 1, 0)
    assert (ir.key_posts, ir.key_posts_by_role) == (1, {"director": 1})
    assert (by.key_posts, by.key_posts_by_role) == (
        2,
        {"composer": 1, "lead_1": 1},
    )  # "other" is not a key post
    assert two.projects == [third]
    assert [(side.majority, side.minority, side.equal) for side in two.countries] == [(0, 0, 1), (0, 0, 1)]
    assert [side.key_posts for side in two.countries] == [0, 0]


def test_amounts_in_other_currencies_are_converted_with_the_latest_rate_of_the_period(
    ir_body_member: User,
) -> None:
    _project(
        lead_country="IR", start_year=2020, amounts={"IR": "42000000000", "BY": "10000000000"}, currency="IRR"
    )
    _project(lead_country="BY", start_year=2021, amounts={"BY": "100000", "IR": "50000"})
    ExchangeRate.objects.create(base="EUR", quote="IRR", on=date(2021, 3, 1), rate=Decimal("45000"))
    ExchangeRate.objects.create(base="EUR", quote="IRR", on=date(2023, 6, 1), rate=Decimal("42000"))
    ExchangeRate.objects.create(
        base="EUR", quote="IRR", on=date(2024, 1, 1), rate=Decimal("1")
    )  # after the period

    (period,) = balance(
        viewer=ir_body_member, country_a="IR", country_b="BY", first_year=2020, last_year=2023
    )

    ir, by = period.countries
    assert ir.amounts == {"EUR": Decimal("50000"), "IRR": Decimal("42000000000")}
    assert ir.converted == Decimal("1050000.00")  # 42e9 / 42,000 + 50,000
    assert by.converted == Decimal("338095.24")  # 10e9 / 42,000 + 100,000, rounded half up
    assert period.missing_rates == []


def test_without_a_rate_the_converted_sum_is_unknown(ir_body_member: User) -> None:
    _project(lead_country="IR", start_year=2024, amounts={"IR": "7", "BY": "3"}, currency="IRR")
    (period,) = balance(
        viewer=ir_body_member, country_a="IR", country_b="BY", first_year=2024, last_year=2027
    )
    assert [side.converted for side in period.countries] == [None, None]
    assert period.missing_rates == ["IRR"]
    assert period.countries[0].amounts == {"IRR": Decimal("7")}


def test_only_the_projects_the_viewer_sees_privately_count() -> None:
    farabi = producer(country="IR")
    editor = member_of(farabi, Role.EDITOR)
    own = _project(lead_country="IR", lead=farabi, start_year=2024, amounts={"IR": "1", "BY": "1"})
    others = _project(lead_country="IR", start_year=2024, amounts={"IR": "5", "BY": "1"})
    others.seeking_partners = True  # its card is public; its money is not
    others.save()
    (period,) = balance(viewer=editor, country_a="BY", country_b="IR", first_year=2024, last_year=2027)
    assert period.projects == [own]
    assert [(side.country, side.amounts) for side in period.countries] == [
        ("BY", {"EUR": Decimal("1")}),
        ("IR", {"EUR": Decimal("1")}),
    ]
    by_body = member_of(film_body(country="BY"), Role.VIEWER)
    assert balance(viewer=by_body, country_a="IR", country_b="BY", first_year=2024, last_year=2027)[
        0
    ].projects == [
        own,
        others,
    ]
    for stranger in (
        member_of(observer(country="IR"), Role.ADMIN),
        member_of(film_body(country="RU"), Role.ADMIN),
    ):
        (period,) = balance(viewer=stranger, country_a="IR", country_b="BY", first_year=2024, last_year=2027)
        assert period.projects == []
        assert [side.amounts for side in period.countries] == [{}, {}]


def test_the_last_period_reaches_the_latest_project(ir_body_member: User) -> None:
    late = _project(lead_country="IR", start_year=2041, amounts={"IR": "1", "BY": "1"})
    periods = balance(viewer=ir_body_member, country_a="IR", country_b="BY", first_year=2024)
    assert (periods[-1].first_year, periods[-1].last_year) == (2040, 2043)
    assert periods[-1].projects == [late]
    assert len(periods) == 5
    with pytest.raises(ValueError, match="at least one year"):
        balance(viewer=ir_body_member, country_a="IR", country_b="BY", first_year=2024, years=0)


def test_balance_costs_a_fixed_number_of_queries(
    ir_body_member: User, django_assert_max_num_queries: object
) -> None:
    for year in range(2024, 2032):
        _project(
            lead_country="IR",
            start_year=year,
            amounts={"IR": "3", "BY": "2", "KZ": "1"},
            currency="IRR" if year % 2 else "EUR",
            creatives=((CreativeRole.DIRECTOR, "BY"),),
        )
    ExchangeRate.objects.create(base="EUR", quote="IRR", on=date(2024, 1, 1), rate=Decimal("45000"))
    # Memberships, projects, co-producers, financing, contributions, creatives, rates.
    with django_assert_max_num_queries(7):  # type: ignore[operator]
        periods = balance(
            viewer=ir_body_member, country_a="IR", country_b="BY", first_year=2024, last_year=2031
        )
    assert sum(len(p.projects) for p in periods) == 8
    assert [side.key_posts for side in periods[0].countries] == [0, 4]
