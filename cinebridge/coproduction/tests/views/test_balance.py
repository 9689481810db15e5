"""The overall balance page: two countries and the first year give four-year periods with what each
country brought, majority and minority counts and key creative posts, counting only the projects the
viewer may see in full; bad input named at its field."""

from __future__ import annotations

import pytest
from django.utils import translation

from cinebridge.coproduction.models import CreativeRole
from cinebridge.coproduction.tests.factories import coproduction_scene

from .helpers import as_user, content, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    return coproduction_scene(start_year=2026)


def _balance(client, user, language="en", **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return as_user(client, user).get(url("balance", language=language, query=query))


def test_the_page_first_asks_for_two_countries(client, scene):
    response = _balance(client, scene.ir_film_body_member)

    assert response.status_code == 200
    assert response.context["periods"] is None
    assert 'name="country_a"' in content(response)


def test_a_film_body_sees_the_periods_with_its_country_s_projects(client, scene):
    response = _balance(client, scene.by_film_body_member, country_a="IR", country_b="BY", first_year=2022)

    assert response.status_code == 200
    periods = response.context["periods"]
    assert [(p.first_year, p.last_year) for p in periods][:2] == [("2022", "2025"), ("2026", "2029")]
    second = periods[1]
    assert second.projects == [("The Little Crane", scene.project.slug)]
    iran, belarus = second.sides
    assert (iran.country, iran.majority, iran.minority) == ("IR", "1", "0")
    assert (belarus.country, belarus.majority, belarus.minority) == ("BY", "0", "1")
    assert iran.key_posts == "2"
    assert belarus.key_posts == "1"
    page = content(response)
    assert "700,000.00\u00a0EUR" in page
    assert "300,000.00\u00a0EUR" in page


def test_another_company_sees_no_project_of_others(client, scene):
    response = _balance(client, scene.outsider, country_a="IR", country_b="BY", first_year=2022)

    assert response.status_code == 200
    assert all(not period.projects for period in response.context["periods"])
    assert "The Little Crane" not in content(response)


def test_two_equal_countries_are_refused_at_the_second(client, scene):
    response = _balance(client, scene.ir_film_body_member, country_a="IR", country_b="IR", first_year=2022)

    assert response.status_code == 400
    assert "country_b" in response.context["form"].errors


def test_a_bad_year_is_named(client, scene):
    response = _balance(client, scene.ir_film_body_member, country_a="IR", country_b="BY", first_year="soon")

    assert response.status_code == 400
    assert "first_year" in response.context["form"].errors


def test_the_balance_reads_right_to_left_in_persian(client, scene):
    response = _balance(
        client, scene.ir_film_body_member, language="fa", country_a="IR", country_b="BY", first_year=2022
    )

    page = content(response)
    assert 'dir="rtl"' in page
    assert "۲۰۲۶" in page


def test_a_currency_without_a_rate_is_named_with_a_link_to_record_it(client):
    scene = coproduction_scene(start_year=2026, currency="USD")

    response = _balance(client, scene.ir_film_body_member, country_a="IR", country_b="BY", first_year=2026)

    period = response.context["periods"][0]
    assert period.missing_rates == [("USD", "/en/exhibition/rates/?base=USD&quote=EUR")]
    assert all(side.converted is None for side in period.sides)
    page = content(response)
    assert "No total in EUR can be given" in page
    assert 'href="/en/exhibition/rates/?base=USD&amp;quote=EUR"' in page


def test_the_key_posts_are_named_in_the_reader_s_language(client, scene):
    response = _balance(
        client, scene.by_film_body_member, language="ru", country_a="IR", country_b="BY", first_year=2026
    )

    iran = response.context["periods"][0].sides[0]
    with translation.override("ru"):
        expected = sorted(str(CreativeRole(role).label) for role in ("director", "composer"))
    assert sorted(label for label, _count in iran.roles) == expected
    assert ">director<" not in content(response)
