"""The bridge from a project in the database to the engine's facts and project JSON: every co-producer a
company (its pk as id) with its financing, valued in-kind work and named artistic contributions; the
JSON reads back to the same facts; exchange rates either way round; no query on a prefetched project."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from cinebridge.coproduction.bridge import exchange_rates, project_facts, project_json
from cinebridge.coproduction.engine.facts import CreativeFacts, Financing, InKind
from cinebridge.coproduction.engine.project_json import project_from_json
from cinebridge.coproduction.selectors.projects import with_private_side
from cinebridge.coproduction.tests.factories import CoproductionScene, coproduction_scene
from cinebridge.core.models import ExchangeRate

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 7, 15)


@pytest.fixture
def scene() -> CoproductionScene:
    return coproduction_scene(support_requested=Decimal("150000"), shooting_countries=["BY"])


def test_facts_of_the_scene(scene: CoproductionScene) -> None:
    facts = project_facts(scene.project, as_of=AS_OF)
    assert (facts.kind, facts.audience, facts.runtime_minutes, facts.currency) == (
        "animation",
        "children",
        80,
        "EUR",
    )
    assert (facts.budget, facts.support_requested, facts.as_of) == (
        Decimal("1000000"),
        Decimal("150000"),
        AS_OF,
    )
    assert (facts.shooting_countries, facts.post_countries, facts.animation_countries) == (
        ("BY",),
        ("IR",),
        ("BY", "IR"),
    )
    assert facts.parties is None
    assert facts.rates == {}
    ir, by = facts.companies
    assert (ir.id, ir.name, ir.country) == (str(scene.ir_coproducer.pk), "Farabi Cinema Foundation", "IR")
    letter = scene.ir_financing[0].letter_date
    assert ir.financing == (
        Financing(kind="national_fund", amount=Decimal("600000"), confirmed=True, letter_date=letter),
        Financing(kind="pre_sale", amount=Decimal("100000"), confirmed=False, letter_date=None),
    )
    assert (ir.in_kind, ir.artistic) == ((), ())
    assert by.in_kind == (InKind(category="animation", value=Decimal("100000")),)
    assert by.artistic == ("Character designs",)
    assert (by.amount, by.confirmed) == (Decimal("300000"), Decimal("300000"))
    assert facts.creatives == (
        CreativeFacts(role="director", nationality="IR", days_worked=None),
        CreativeFacts(role="screenwriter", nationality="BY", days_worked=None),
        CreativeFacts(role="composer", nationality="IR", days_worked=None),
    )
    assert project_facts(scene.project, as_of=AS_OF, parties=["IR", "BY"]).parties == ("IR", "BY")


def test_the_json_reads_back_to_the_same_facts(scene: CoproductionScene) -> None:
    ExchangeRate.objects.create(base="BYN", quote="EUR", on=date(2026, 7, 1), rate=Decimal("0.28"))
    data = project_json(scene.project, as_of=AS_OF, parties=["IR", "BY"], rate_currencies=["BYN"])
    assert data["budget"] == "1000000.00"
    assert data["as_of"] == "2026-07-15"
    assert data["coproducers"][0]["financing"][0]["amount"] == "600000.00"
    assert data["coproducers"][1]["artistic"] == ["Character designs"]
    assert set(data["rates"]) == {"BYN"}
    facts = project_facts(scene.project, as_of=AS_OF, parties=["IR", "BY"], rate_currencies=["BYN"])
    assert project_from_json(data) == facts


def test_rates_either_way_round_the_latest_on_or_before_the_day() -> None:
    ExchangeRate.objects.create(base="EUR", quote="IRR", on=date(2026, 1, 1), rate=Decimal("45000"))
    ExchangeRate.objects.create(base="EUR", quote="IRR", on=date(2026, 7, 1), rate=Decimal("48000"))
    ExchangeRate.objects.create(base="EUR", quote="IRR", on=date(2026, 8, 1), rate=Decimal("50000"))
    ExchangeRate.objects.create(base="IRR", quote="BYN", on=date(2026, 7, 10), rate=Decimal("0.00007"))
    assert exchange_rates(currency="EUR", to=["IRR", "EUR", "USD"], on=AS_OF) == {"IRR": Decimal("48000")}
    rates = exchange_rates(currency="IRR", to=["EUR", "BYN"], on=AS_OF)
    assert rates == {"BYN": Decimal("0.00007"), "EUR": Decimal(1) / Decimal("48000")}
    assert exchange_rates(currency="IRR", to=["EUR"], on=date(2025, 12, 31)) == {}


def test_no_query_for_a_prefetched_project(
    scene: CoproductionScene, django_assert_num_queries: object
) -> None:
    project = with_private_side(scene.project)
    with django_assert_num_queries(0):  # type: ignore[operator]
        project_facts(project, as_of=AS_OF)
        project_json(project, as_of=AS_OF)
    with django_assert_num_queries(1):  # type: ignore[operator]
        project_facts(project, as_of=AS_OF, rate_currencies=["IRR"])
