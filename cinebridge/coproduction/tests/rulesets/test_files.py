"""The shipped rule-set files: each one valid for the engine, complete in the five languages, cited."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from cinebridge.coproduction.engine.rulesets import CHECKS, RuleSetError, rule_set_from_json
from cinebridge.coproduction.selectors.rulesets import shipped_rule_set_documents

from .helpers import Project, document, names, report, with_share
from .scenarios import BUILDERS

LANGUAGES = ("en", "fa", "ar", "ru", "be")
SHIPPED = ("bilateral-template", "coe-1992", "coe-2017", "eurimages", "iran-belarus")


def test_the_five_instruments_are_shipped() -> None:
    assert sorted(names()) == sorted(SHIPPED)
    assert sorted(shipped_rule_set_documents()) == sorted(SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_file_validates_and_is_named_after_its_id(name: str) -> None:
    doc = rule_set_from_json(document(name))
    assert doc.id == name
    assert doc.version
    assert doc.rules


@pytest.mark.parametrize("name", SHIPPED)
def test_file_speaks_five_languages_and_cites_its_source(name: str) -> None:
    data = document(name)
    assert set(data["names"]) == set(LANGUAGES)
    assert all(text.strip() for text in data["names"].values())
    for key in ("title", "url", "date", "note"):
        assert data["source"][key].strip(), f"{name}: source.{key} is empty"
    for rule in data["rules"]:
        assert set(rule["titles"]) == set(LANGUAGES), rule["code"]
        assert all(text.strip() for text in rule["titles"].values()), rule["code"]
        assert rule["article"].strip(), rule["code"]
        assert rule["severity"] in ("required", "advisory")


@pytest.mark.parametrize("name", SHIPPED)
def test_titles_differ_by_language(name: str) -> None:
    # A title copied into another language by mistake would read the same twice.
    for rule in document(name)["rules"]:
        titles = [rule["titles"][language] for language in LANGUAGES]
        assert len(set(titles)) == len(titles), rule["code"]


@pytest.mark.parametrize("name", SHIPPED)
def test_every_check_kind_used_has_boundary_tests(name: str) -> None:
    for rule in document(name)["rules"]:
        assert rule["check"] in CHECKS
        assert rule["check"] in BUILDERS, f"{name}/{rule['code']}: no boundary builder for {rule['check']}"


def test_iran_belarus_is_the_two_countries_programme() -> None:
    data = document("iran-belarus")
    assert sorted(data["parties"]) == ["BY", "IR"]
    checks = {rule["check"] for rule in data["rules"]}
    assert {"share_min", "points", "confirmed_financing_min", "letters_recent"} <= checks
    letters = next(rule for rule in data["rules"] if rule["check"] == "letters_recent")
    assert letters["severity"] == "advisory"
    tables = next(rule for rule in data["rules"] if rule["check"] == "points")["params"]["tables"]
    assert "animation" in tables


def test_a_broken_copy_is_refused_with_its_place() -> None:
    data = copy.deepcopy(document("iran-belarus"))
    data["rules"][1]["params"]["percent"] = "twenty"
    with pytest.raises(RuleSetError) as caught:
        rule_set_from_json(data)
    assert caught.value.path == "rules[1].params.percent"


# --- the bilateral template's derogation -----------------------------------------------------------------


def _bilateral(minority: str) -> dict[str, Any]:
    """Two co-producers (IT, JP) of EUR 1,000,000.00, Italy bringing `minority` %."""
    return report(
        document("bilateral-template"),
        Project(with_share(["IT", "JP"], 0, Decimal(minority), Decimal(1_000_000))),
    )


def test_the_derogation_rules_are_advisory_and_say_they_need_the_authorities_approval() -> None:
    data = document("bilateral-template")
    derogations = [rule for rule in data["rules"] if rule["code"].endswith("-derogation")]
    assert [rule["code"] for rule in derogations] == ["share-min-derogation", "share-max-derogation"]
    for rule in derogations:
        assert rule["severity"] == "advisory"
        assert "joint written approval" in rule["titles"]["en"]
        for language, word in (("fa", "مشترک"), ("ar", "مشتركة"), ("ru", "совместного"), ("be", "сумеснага")):
            assert word in rule["titles"][language], language
    assert {rule["code"]: rule["severity"] for rule in data["rules"]}["share-min"] == "required"


@pytest.mark.parametrize(
    ("minority", "band", "derogation", "eligible"),
    [
        ("20", "passed", "passed", True),  # the treaty band's edge: eligible without a derogation
        ("19.99", "failed", "passed", False),  # needs the derogation: the required band decides
        ("10", "failed", "passed", False),  # the derogation's edge
        ("9.99", "failed", "failed", False),  # outside both
    ],
)
def test_the_derogation_never_decides_eligibility_alone(
    minority: str, band: str, derogation: str, eligible: bool
) -> None:
    found = _bilateral(minority)
    by_code = {row["code"]: row for row in found["rules"]}
    assert by_code["share-min"]["status"] == band
    assert by_code["share-max"]["status"] == band
    assert by_code["share-min-derogation"]["status"] == derogation
    assert by_code["share-max-derogation"]["status"] == derogation
    assert found["eligible"] is eligible
