"""Which rule set a project is checked against when nobody picks one."""

import pytest

from cinebridge.coproduction.models import RuleSet, RuleSetRevision
from cinebridge.coproduction.selectors.rulesets import (
    rule_set_default_for,
    rule_set_row,
    rule_set_rows,
    shipped_rule_set_documents,
)
from cinebridge.coproduction.tests.factories import film_body

pytestmark = pytest.mark.django_db


def test_a_shipped_rule_set_naming_every_country_as_a_party_is_the_default():
    assert rule_set_default_for(countries={"IR", "BY"}) == "iran-belarus"


def test_an_editable_rule_set_of_those_parties_comes_before_the_shipped_ones():
    document = shipped_rule_set_documents()["iran-belarus"]
    RuleSet.objects.create(slug="our-programme", document=document)
    assert rule_set_default_for(countries={"IR", "BY"}) == "our-programme"
    assert rule_set_default_for(countries={"IR"}) == "our-programme"


def test_countries_no_rule_set_names_fall_back_to_the_bilateral_template():
    assert rule_set_default_for(countries={"IR", "JP"}) == "bilateral-template"
    assert rule_set_default_for(countries=set()) == "bilateral-template"


def test_a_shipped_name_has_no_row():
    assert rule_set_row(name="coe-2017") is None
    assert rule_set_row(name="no-such-rules") is None


def test_an_editable_rule_set_comes_with_its_editors_and_its_latest_revisions_first(
    django_assert_num_queries,
):
    document = shipped_rule_set_documents()["iran-belarus"]
    row = RuleSet.objects.create(slug="our-programme", document=document)
    body = film_body(name="Cinema Organization of Iran", country="IR")
    row.editors.add(body)
    for version in (1, 2, 3):
        RuleSetRevision.objects.create(rule_set=row, version=version, document=document, note=f"v{version}")

    with django_assert_num_queries(3):  # the row, its editors, its revisions with who made them
        found = rule_set_row(name="our-programme", revisions=2)
        assert found is not None
        assert found.rule_set == row
        assert found.editors == [body]
        assert [revision.note for revision in found.revisions] == ["v3", "v2"]
        assert [e.name for e in found.rule_set.editors.all()] == ["Cinema Organization of Iran"]


def test_the_rows_by_slug_carry_their_editors(django_assert_num_queries):
    document = shipped_rule_set_documents()["iran-belarus"]
    first = RuleSet.objects.create(slug="a-programme", document=document)
    RuleSet.objects.create(slug="b-programme", document=document)
    first.editors.add(film_body(name="Ministry of Culture of Belarus", country="BY"))

    with django_assert_num_queries(2):
        rows = rule_set_rows()
        assert list(rows) == ["a-programme", "b-programme"]
        assert [body.name for body in rows["a-programme"].editors] == ["Ministry of Culture of Belarus"]
        assert rows["b-programme"].editors == []
