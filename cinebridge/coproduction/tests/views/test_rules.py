"""The rule-set pages: the list of shipped and editable rule sets, a rule set with every rule, its
article and its source, and the edit form of the programme rule set for the editors of the film bodies
named on it (a revision kept with its note, bad input named at its parameter, a stale version refused
with what was typed kept); nobody else may edit."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from cinebridge.coproduction.models import RuleSet, RuleSetRevision
from cinebridge.coproduction.selectors.rulesets import shipped_rule_set_documents
from cinebridge.coproduction.tests.factories import coproduction_scene

from .helpers import as_user, content, programme_rule_set, url

pytestmark = pytest.mark.django_db

MINORITY = "p__ib-2-1-minority-min__percent"


@pytest.fixture
def scene():
    return coproduction_scene()


@pytest.fixture
def programme(scene):
    return programme_rule_set(scene)


def _edit_data(form, **changes):
    data = {name: field.value() for name, field in ((n, form[n]) for n in form.fields)}
    data = {name: value for name, value in data.items() if value is not None}
    data.update(changes)
    return data


def test_the_list_shows_every_shipped_rule_set_and_the_programme_with_its_editors(client, scene, programme):
    response = as_user(client, scene.outsider).get(url("rule_set_list"))

    assert response.status_code == 200
    page = content(response)
    for name in shipped_rule_set_documents():
        assert url("rule_set_detail", name) in page
    assert url("rule_set_detail", "iran-belarus-programme") in page
    assert "Cinema Organization of Iran" in page
    assert url("rule_set_edit", "iran-belarus-programme") not in page


def test_the_film_bodies_editors_see_the_edit_link(client, scene, programme):
    page = content(as_user(client, scene.by_film_body_member).get(url("rule_set_list")))

    assert url("rule_set_edit", "iran-belarus-programme") in page


@pytest.mark.parametrize("name", sorted(shipped_rule_set_documents()))
def test_a_rule_set_shows_every_rule_with_its_article_and_its_source(client, scene, name):
    document = shipped_rule_set_documents()[name]

    response = as_user(client, scene.ir_viewer).get(url("rule_set_detail", name))

    assert response.status_code == 200
    page = content(response)
    for rule in document["rules"]:
        assert f'id="rule-{rule["code"]}"' in page
        assert escape(rule["article"]) in page
    assert escape(document["source"]["url"]) in page


def test_a_points_rule_shows_its_table(client, scene):
    document = shipped_rule_set_documents()["coe-2017"]
    if not any(rule["check"] == "points" for rule in document["rules"]):
        pytest.fail("the 2017 convention has points tables")

    page = content(as_user(client, scene.ir_viewer).get(url("rule_set_detail", "coe-2017")))

    assert "points-table" in page
    assert "Director" in page


def test_the_pages_are_right_to_left_in_arabic(client, scene, programme):
    response = as_user(client, scene.ir_viewer).get(
        url("rule_set_detail", "iran-belarus-programme", language="ar")
    )

    assert response.status_code == 200
    assert 'dir="rtl"' in content(response)


def test_an_unknown_rule_set_is_not_found(client, scene):
    assert as_user(client, scene.ir_viewer).get(url("rule_set_detail", "no-such-treaty")).status_code == 404


def test_an_editor_of_a_film_body_changes_a_number_and_a_revision_is_kept(client, scene, programme):
    user = as_user(client, scene.by_film_body_member)
    form = user.get(url("rule_set_edit", programme.slug)).context["form"]
    assert form[MINORITY].value() == "20"

    response = user.post(
        url("rule_set_edit", programme.slug), _edit_data(form, **{MINORITY: "۲۵", "note": "Minority at 25 %"})
    )

    assert response.status_code == 302
    programme.refresh_from_db()
    rule = next(r for r in programme.document["rules"] if r["code"] == "ib-2-1-minority-min")
    assert rule["params"]["percent"] == "25"
    assert programme.version == 2
    revision = RuleSetRevision.objects.get(rule_set=programme, version=2)
    assert revision.note == "Minority at 25 %"
    assert revision.edited_by == scene.by_film_body_member
    detail = content(user.get(url("rule_set_detail", programme.slug)))
    assert "Minority at 25 %" in detail


def test_a_bad_number_is_named_at_its_parameter(client, scene, programme):
    user = as_user(client, scene.ir_film_body_member)
    form = user.get(url("rule_set_edit", programme.slug)).context["form"]

    response = user.post(
        url("rule_set_edit", programme.slug), _edit_data(form, **{MINORITY: "lots", "note": "x"})
    )

    assert response.status_code == 400
    assert MINORITY in response.context["form"].errors
    assert f'id="id_{MINORITY}_error"' in content(response)
    programme.refresh_from_db()
    assert programme.version == 1


def test_a_change_made_meanwhile_is_refused_and_the_typed_numbers_kept(client, scene, programme):
    user = as_user(client, scene.ir_film_body_member)
    form = user.get(url("rule_set_edit", programme.slug)).context["form"]
    RuleSet.objects.filter(pk=programme.pk).update(version=2)

    response = user.post(
        url("rule_set_edit", programme.slug), _edit_data(form, **{MINORITY: "22", "note": "mine"})
    )

    assert response.status_code == 409
    assert 'id="stale-warning"' in content(response)
    assert response.context["form"][MINORITY].value() == "22"
    assert response.context["form"]["version"].value() == "2"


@pytest.mark.parametrize("who", ["ir_editor", "outsider", "third_film_body_member", "observer"])
def test_nobody_else_edits_the_programme_rules(client, scene, programme, who):
    user = as_user(client, getattr(scene, who))

    assert user.get(url("rule_set_edit", programme.slug)).status_code == 403
    assert (
        user.post(
            url("rule_set_edit", programme.slug), {MINORITY: "1", "note": "x", "version": 1}
        ).status_code
        == 403
    )
    programme.refresh_from_db()
    assert programme.version == 1


def test_a_shipped_rule_set_is_not_edited_here(client, scene):
    assert as_user(client, scene.ir_film_body_member).get(url("rule_set_edit", "coe-2017")).status_code == 404


def test_a_rule_set_names_its_parameters_and_conditions_in_words_not_codes(client, scene):
    page = content(as_user(client, scene.ir_viewer).get(url("rule_set_detail", "eurimages")))

    assert "each co-producing country" in page  # per: country
    assert "Feature" in page
    assert "Animation" in page
    assert "5,000,000.01" in page  # the budget condition, grouped
    assert "&lt;bdi" not in page  # an amount inside a sentence stays markup
    for code in ("company_of_several", ">country<", "feature, animation", "5000000.01"):
        assert code not in page, code


def test_the_points_table_of_a_kind_is_captioned_with_the_kind(client, scene):
    page = content(as_user(client, scene.ir_viewer).get(url("rule_set_detail", "iran-belarus")))

    assert "points-table" in page
    assert "post_production" not in page
    assert "lead_1" not in page


def test_the_detail_of_the_programme_lists_its_editors_and_revisions(client, scene, programme):
    response = as_user(client, scene.ir_viewer).get(url("rule_set_detail", programme.slug))

    assert response.status_code == 200
    assert {body.name for body in response.context["editors"]} == {
        scene.ir_film_body.name,
        scene.by_film_body.name,
    }
    assert response.context["row"] == programme
    assert "Cinema Organization of Iran" in content(response)


def test_the_list_asks_a_fixed_number_of_queries(client, scene, programme, django_assert_max_num_queries):
    user = as_user(client, scene.ir_viewer)
    user.get(url("rule_set_list"))  # the session and the user are loaded once
    with django_assert_max_num_queries(12):
        assert user.get(url("rule_set_list")).status_code == 200
