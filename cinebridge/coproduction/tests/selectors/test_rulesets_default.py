"""Which rule set a project is checked against when nobody picks one."""

import pytest

from cinebridge.coproduction.models import RuleSet
from cinebridge.coproduction.selectors.rulesets import rule_set_default_for, shipped_rule_set_documents

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
