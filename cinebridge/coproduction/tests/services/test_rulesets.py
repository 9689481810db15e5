"""Rule-set services: the editable programme rule set is made from the shipped Iran–Belarus file by a
film body's editor, changed by the editors of the film bodies named on it (nobody else), validated by
the engine with the place of a mistake named, versioned with every revision kept."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from cinebridge.accounts.models import Organisation, Role, User
from cinebridge.accounts.tests.factories import UserFactory
from cinebridge.coproduction.models import RuleSet, RuleSetRevision
from cinebridge.coproduction.selectors.rulesets import rule_set_document_get, shipped_rule_set_documents
from cinebridge.coproduction.services.rulesets import (
    StaleRuleSet,
    rule_set_create_from,
    rule_set_update,
    rule_set_update_params,
)
from cinebridge.coproduction.tests.factories import (
    PROGRAMME_SLUG,
    PROGRAMME_TEMPLATE,
    film_body,
    member_of,
    observer,
    producer,
)
from cinebridge.core.errors import ApplicationError

pytestmark = pytest.mark.django_db


class Bodies:
    def __init__(self) -> None:
        self.ir: Organisation = film_body(name="Cinema Organization", country="IR")
        self.by: Organisation = film_body(name="Ministry of Culture", country="BY")
        self.ir_editor: User = member_of(self.ir, Role.EDITOR)
        self.by_editor: User = member_of(self.by, Role.ADMIN)
        self.ir_viewer: User = member_of(self.ir, Role.VIEWER)


@pytest.fixture
def bodies() -> Bodies:
    return Bodies()


def _programme(bodies: Bodies) -> RuleSet:
    return rule_set_create_from(
        actor=bodies.ir_editor,
        slug=PROGRAMME_SLUG,
        template=PROGRAMME_TEMPLATE,
        editors=[bodies.ir, bodies.by],
    )


def _rule_index(document: dict[str, Any], code: str) -> int:
    return next(i for i, rule in enumerate(document["rules"]) if rule["code"] == code)


def test_create_from_the_shipped_template(bodies: Bodies) -> None:
    rule_set = _programme(bodies)
    shipped = shipped_rule_set_documents()[PROGRAMME_TEMPLATE]
    assert rule_set.version == 1
    assert rule_set.document["id"] == PROGRAMME_SLUG
    assert {k: v for k, v in rule_set.document.items() if k != "id"} == {
        k: v for k, v in shipped.items() if k != "id"
    }
    assert set(rule_set.editors.all()) == {bodies.ir, bodies.by}
    revision = RuleSetRevision.objects.get(rule_set=rule_set)
    assert (revision.version, revision.edited_by, revision.document) == (
        1,
        bodies.ir_editor,
        rule_set.document,
    )
    assert rule_set_document_get(name=PROGRAMME_SLUG) == rule_set.document
    # The shipped file is untouched.
    assert shipped_rule_set_documents()[PROGRAMME_TEMPLATE]["id"] == PROGRAMME_TEMPLATE


@pytest.mark.parametrize(
    ("slug", "template", "field"),
    [
        ("coe-2017", PROGRAMME_TEMPLATE, "slug"),  # a shipped id
        ("Not A Slug", PROGRAMME_TEMPLATE, "slug"),
        ("", PROGRAMME_TEMPLATE, "slug"),
        ("programme-2", "no-such-rules", "template"),
    ],
)
def test_create_refuses_bad_input_naming_the_field(
    bodies: Bodies, slug: str, template: str, field: str
) -> None:
    with pytest.raises(ApplicationError) as caught:
        rule_set_create_from(actor=bodies.ir_editor, slug=slug, template=template, editors=[bodies.ir])
    assert caught.value.field == field
    assert not RuleSet.objects.exists()


def test_create_refuses_a_taken_slug_and_editors_that_are_not_film_bodies(bodies: Bodies) -> None:
    _programme(bodies)
    with pytest.raises(ApplicationError) as caught:
        _programme(bodies)
    assert caught.value.field == "slug"
    with pytest.raises(ApplicationError) as caught:
        rule_set_create_from(
            actor=bodies.ir_editor, slug="x", template=PROGRAMME_TEMPLATE, editors=[producer()]
        )
    assert caught.value.field == "editors"
    with pytest.raises(ApplicationError) as caught:
        rule_set_create_from(actor=bodies.ir_editor, slug="x", template=PROGRAMME_TEMPLATE, editors=[])
    assert caught.value.field == "editors"


def test_a_copy_of_an_editable_rule_set(bodies: Bodies) -> None:
    programme = _programme(bodies)
    copy_ = rule_set_create_from(
        actor=bodies.by_editor, slug="copy", template=programme.slug, editors=[bodies.by]
    )
    assert copy_.document["rules"] == programme.document["rules"]
    assert copy_.document["id"] == "copy"


@pytest.mark.parametrize("who", ["ir_viewer", "producer_editor", "observer", "third_body_editor"])
def test_create_is_refused_to_those_who_do_not_edit_a_named_film_body(bodies: Bodies, who: str) -> None:
    actor = {
        "ir_viewer": lambda: bodies.ir_viewer,
        "producer_editor": lambda: member_of(producer(country="IR"), Role.ADMIN),
        "observer": lambda: member_of(observer(country="IR"), Role.ADMIN),
        "third_body_editor": lambda: member_of(film_body(country="RU"), Role.EDITOR),
    }[who]()
    with pytest.raises(PermissionDenied):
        _programme_as(actor, bodies)
    assert not RuleSet.objects.exists()


def _programme_as(actor: User, bodies: Bodies) -> RuleSet:
    return rule_set_create_from(
        actor=actor, slug=PROGRAMME_SLUG, template=PROGRAMME_TEMPLATE, editors=[bodies.ir, bodies.by]
    )


def test_a_superuser_may_create_for_any_film_body(bodies: Bodies) -> None:
    superuser = UserFactory.create(is_superuser=True)
    assert _programme_as(superuser, bodies).version == 1


# --- rule_set_update ---------------------------------------------------------------------------------


def test_update_keeps_every_version(bodies: Bodies) -> None:
    rule_set = _programme(bodies)
    document = copy.deepcopy(rule_set.document)
    document["rules"][_rule_index(document, "ib-2-1-minority-min")]["params"]["percent"] = "15"
    rule_set_update(
        actor=bodies.by_editor, rule_set=rule_set, document=document, expected_version=1, note="Minority 15 %"
    )
    assert rule_set.version == 2
    fresh = RuleSet.objects.get(pk=rule_set.pk)
    assert fresh.version == 2
    assert fresh.document == document
    revisions = list(RuleSetRevision.objects.filter(rule_set=rule_set).order_by("version"))
    assert [(r.version, r.edited_by, r.note) for r in revisions] == [
        (1, bodies.ir_editor, revisions[0].note),
        (2, bodies.by_editor, "Minority 15 %"),
    ]
    rules = revisions[0].document["rules"]
    assert rules[_rule_index(document, "ib-2-1-minority-min")]["params"]["percent"] == "20"


def test_update_against_an_old_version_is_refused(bodies: Bodies) -> None:
    rule_set = _programme(bodies)
    rule_set_update(
        actor=bodies.ir_editor, rule_set=rule_set, document=rule_set.document, expected_version=1, note=""
    )
    with pytest.raises(StaleRuleSet) as caught:
        rule_set_update(
            actor=bodies.by_editor, rule_set=rule_set, document=rule_set.document, expected_version=1, note=""
        )
    assert caught.value.extra == {"field": "expected_version", "version": 2}
    assert RuleSetRevision.objects.filter(rule_set=rule_set).count() == 2


def test_update_refuses_an_invalid_document_naming_the_place(bodies: Bodies) -> None:
    rule_set = _programme(bodies)
    document = copy.deepcopy(rule_set.document)
    index = _rule_index(document, "ib-2-1-minority-min")
    document["rules"][index]["params"]["percent"] = "120"
    with pytest.raises(ApplicationError) as caught:
        rule_set_update(
            actor=bodies.ir_editor, rule_set=rule_set, document=document, expected_version=1, note=""
        )
    assert caught.value.field == "document"
    assert caught.value.extra["path"] == f"rules[{index}].params.percent"
    assert f"rules[{index}].params.percent" in caught.value.message
    with pytest.raises(ApplicationError) as caught:
        rule_set_update(
            actor=bodies.ir_editor,
            rule_set=rule_set,
            document={**rule_set.document, "id": "another"},
            expected_version=1,
            note="",
        )
    assert caught.value.extra["path"] == "id"
    assert RuleSet.objects.get(pk=rule_set.pk).version == 1


@pytest.mark.parametrize("who", ["ir_viewer", "producer_editor", "observer", "third_body_editor"])
def test_update_is_refused_to_all_but_the_named_film_bodies_editors(bodies: Bodies, who: str) -> None:
    rule_set = _programme(bodies)
    actor = {
        "ir_viewer": lambda: bodies.ir_viewer,
        "producer_editor": lambda: member_of(producer(country="IR"), Role.ADMIN),
        "observer": lambda: member_of(observer(country="BY"), Role.ADMIN),
        "third_body_editor": lambda: member_of(film_body(country="RU"), Role.EDITOR),
    }[who]()
    with pytest.raises(PermissionDenied):
        rule_set_update(
            actor=actor, rule_set=rule_set, document=rule_set.document, expected_version=1, note=""
        )
    with pytest.raises(PermissionDenied):
        rule_set_update_params(
            actor=actor,
            rule_set=rule_set,
            values={"ib-2-1-minority-min": {"percent": "10"}},
            expected_version=1,
            note="",
        )
    assert RuleSet.objects.get(pk=rule_set.pk).version == 1


# --- rule_set_update_params --------------------------------------------------------------------------


def test_update_params_changes_the_numbers_only(bodies: Bodies) -> None:
    rule_set = _programme(bodies)
    rule_set_update_params(
        actor=bodies.by_editor,
        rule_set=rule_set,
        values={"ib-2-1-minority-min": {"percent": "۱۵"}, "ib-5-3-letters": {"months": "9"}},
        expected_version=1,
        note="Looser",
    )
    fresh = RuleSet.objects.get(pk=rule_set.pk)
    rules = {rule["code"]: rule for rule in fresh.document["rules"]}
    assert rules["ib-2-1-minority-min"]["params"] == {"percent": "15", "per": "country"}
    assert rules["ib-5-3-letters"]["params"] == {"months": 9}
    assert fresh.version == 2
    assert RuleSetRevision.objects.get(rule_set=rule_set, version=2).note == "Looser"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"ib-2-1-minority-min": {"percent": "101"}}, "ib-2-1-minority-min.percent"),
        ({"ib-2-1-minority-min": {"percent": "ten"}}, "ib-2-1-minority-min.percent"),
        ({"ib-2-1-minority-min": {"per": "company"}}, "ib-2-1-minority-min.per"),  # structure stays
        ({"ib-5-3-letters": {"months": "1.5"}}, "ib-5-3-letters.months"),
        ({"no-such-rule": {"percent": "10"}}, "document"),
    ],
)
def test_update_params_refuses_bad_values_naming_the_field(
    bodies: Bodies, values: dict[str, dict[str, str]], field: str
) -> None:
    rule_set = _programme(bodies)
    with translation.override("ru"), pytest.raises(ApplicationError) as caught:
        rule_set_update_params(
            actor=bodies.ir_editor, rule_set=rule_set, values=values, expected_version=1, note=""
        )
    assert caught.value.field == field
    assert caught.value.message
    fresh = RuleSet.objects.get(pk=rule_set.pk)
    assert (fresh.version, fresh.document) == (1, rule_set.document)


def test_update_params_against_an_old_version_is_refused(bodies: Bodies) -> None:
    rule_set = _programme(bodies)
    with pytest.raises(StaleRuleSet):
        rule_set_update_params(
            actor=bodies.ir_editor,
            rule_set=rule_set,
            values={"ib-2-1-minority-min": {"percent": "10"}},
            expected_version=3,
            note="",
        )
