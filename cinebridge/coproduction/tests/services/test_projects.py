"""Project services: each write with real users of real organisations. The co-producers' editors
change a project; a viewer-role member, another company's editor, an observer and film bodies (which
see but never edit) are refused. Bad input is refused naming the field; a write against an old version
is refused (`StaleProject`); every write raises the version and is all-or-nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from cinebridge.accounts.models import Role
from cinebridge.catalogue.models import Audience
from cinebridge.coproduction.models import (
    Contribution,
    ContributionKind,
    CoProducer,
    Creative,
    CreativeRole,
    FinancingKind,
    FinancingSource,
    InKindCategory,
    Project,
    ProjectKind,
    ProjectStage,
)
from cinebridge.coproduction.services.projects import (
    StaleProject,
    contribution_add,
    contribution_delete,
    contribution_update,
    coproducer_add,
    coproducer_remove,
    creative_add,
    creative_delete,
    creative_update,
    financing_source_add,
    financing_source_delete,
    financing_source_update,
    project_create,
    project_update,
)
from cinebridge.coproduction.tests.factories import (
    CoproductionScene,
    coproduction_scene,
    film_body,
    member_of,
    observer,
    producer,
)
from cinebridge.core.errors import ApplicationError
from cinebridge.notifications.models import Notification

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def scene() -> CoproductionScene:
    return coproduction_scene()


def _create_arguments(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "titles": {"en": "The Little Crane", "fa": "درنای کوچک"},
        "loglines": {"en": "A crane lost in Minsk."},
        "synopses": {},
        "kind": ProjectKind.ANIMATION,
        "audience": Audience.CHILDREN,
        "stage": ProjectStage.DEVELOPMENT,
        "target_runtime_minutes": 80,
        "languages": ["fa", "ru"],
        "budget": "1 200 000",
        "currency": "EUR",
        "shooting_countries": [],
        "post_countries": ["ir"],
        "animation_countries": ["BY", "IR"],
        "start_year": 2026,
    }
    values.update(overrides)
    return values


def _refused_field(call: Any, field: str) -> ApplicationError:
    with pytest.raises(ApplicationError) as caught:
        call()
    assert caught.value.field == field, caught.value.message
    return caught.value


# --- project_create ----------------------------------------------------------------------------------


def test_create_makes_the_lead_its_first_coproducer() -> None:
    lead = producer(name="Farabi Cinema Foundation", country="IR")
    editor = member_of(lead, Role.EDITOR)
    project = project_create(actor=editor, lead=lead, **_create_arguments())
    assert project.slug == "the-little-crane"
    assert project.version == 1
    assert project.budget == Decimal("1200000")
    assert project.post_countries == ["IR"]
    rows = list(project.coproducers.all())
    assert [(r.organisation, r.name, r.country, r.position) for r in rows] == [(lead, lead.name, "IR", 0)]
    again = project_create(actor=editor, lead=lead, **_create_arguments())
    assert again.slug == "the-little-crane-2"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"titles": {"en": "  "}}, "titles"),
        ({"kind": "opera"}, "kind"),
        ({"audience": "adults"}, "audience"),
        ({"stage": "dreaming"}, "stage"),
        ({"target_runtime_minutes": 0}, "target_runtime_minutes"),
        ({"languages": ["xx-not"]}, "languages"),
        ({"budget": "abc"}, "budget"),
        ({"budget": "0"}, "budget"),
        ({"budget": "12.345"}, "budget"),
        ({"currency": "EURO"}, "currency"),
        ({"shooting_countries": ["ZZ"]}, "shooting_countries"),
        ({"post_countries": "IR"}, "post_countries"),
        ({"animation_countries": ["XX"]}, "animation_countries"),
        ({"start_year": 1800}, "start_year"),
        ({"support_requested": "-5"}, "support_requested"),
    ],
)
def test_create_refuses_bad_input_naming_the_field(overrides: dict[str, Any], field: str) -> None:
    lead = producer()
    editor = member_of(lead, Role.EDITOR)
    _refused_field(lambda: project_create(actor=editor, lead=lead, **_create_arguments(**overrides)), field)
    assert not Project.objects.exists()
    assert not CoProducer.objects.exists()


def test_refusals_speak_the_users_language(scene: CoproductionScene) -> None:
    with translation.override("ru"):
        error = _refused_field(
            lambda: creative_add(
                actor=scene.ir_editor, project=scene.project, role="editor", name=" ", nationality="IR"
            ),
            "name",
        )
    assert error.message == "Обязательное поле."


def test_create_accepts_persian_digits_and_rial_amounts() -> None:
    lead = producer()
    editor = member_of(lead, Role.EDITOR)
    project = project_create(
        actor=editor, lead=lead, **_create_arguments(budget="۵۰۰۰۰۰۰۰۰۰۰", currency="irr")
    )
    assert (project.currency, project.budget) == ("IRR", Decimal("50000000000"))


@pytest.mark.parametrize("who", ["viewer", "outsider_editor", "observer", "film_body"])
def test_create_is_refused_to_those_who_do_not_edit_the_lead(who: str) -> None:
    lead = producer()
    actor = {
        "viewer": lambda: member_of(lead, Role.VIEWER),
        "outsider_editor": lambda: member_of(producer(), Role.EDITOR),
        "observer": lambda: member_of(observer(country="IR"), Role.ADMIN),
        "film_body": lambda: member_of(film_body(country="IR"), Role.EDITOR),
    }[who]()
    with pytest.raises(PermissionDenied):
        project_create(actor=actor, lead=lead, **_create_arguments())
    assert not Project.objects.exists()


# --- project_update ----------------------------------------------------------------------------------


def test_update_changes_fields_and_raises_the_version(scene: CoproductionScene) -> None:
    project = scene.project
    updated = project_update(
        actor=scene.by_editor,
        project=project,
        expected_version=1,
        stage=ProjectStage.PRE_PRODUCTION,
        budget="1500000.50",
        seeking_partners=True,
    )
    assert updated is project
    assert (project.version, project.stage, project.budget) == (2, "pre_production", Decimal("1500000.50"))
    fresh = Project.objects.get(pk=project.pk)
    assert (fresh.version, fresh.stage, fresh.budget, fresh.seeking_partners) == (
        2,
        "pre_production",
        Decimal("1500000.50"),
        True,
    )


def test_update_against_an_old_version_is_refused(scene: CoproductionScene) -> None:
    project_update(actor=scene.ir_editor, project=scene.project, expected_version=1, stage="shooting")
    stale_copy = Project.objects.get(pk=scene.project.pk)
    stale_copy.version = 1
    with pytest.raises(StaleProject) as caught:
        project_update(actor=scene.by_editor, project=stale_copy, expected_version=1, stage="completed")
    assert caught.value.extra == {"field": "expected_version", "version": 2}
    assert Project.objects.get(pk=scene.project.pk).stage == "shooting"


def test_update_refuses_unknown_fields_and_bad_values(scene: CoproductionScene) -> None:
    _refused_field(
        lambda: project_update(actor=scene.ir_editor, project=scene.project, expected_version=1, lead=None),
        "lead",
    )
    _refused_field(
        lambda: project_update(actor=scene.ir_editor, project=scene.project, expected_version=1, titles={}),
        "titles",
    )
    # A new currency re-reads the budget in it: JPY has no decimals.
    project_update(actor=scene.ir_editor, project=scene.project, expected_version=1, budget="100.5")
    _refused_field(
        lambda: project_update(
            actor=scene.ir_editor, project=scene.project, expected_version=2, currency="JPY"
        ),
        "budget",
    )
    fresh = Project.objects.get(pk=scene.project.pk)
    assert (fresh.version, fresh.currency, fresh.budget) == (2, "EUR", Decimal("100.5"))


@pytest.mark.parametrize(
    "who",
    [
        "ir_viewer",
        "outsider",
        "observer",
        "third_film_body_member",
        "ir_film_body_member",
        "by_film_body_member",
    ],
)
def test_update_is_refused_to_all_but_the_coproducers_editors(scene: CoproductionScene, who: str) -> None:
    with pytest.raises(PermissionDenied):
        project_update(actor=getattr(scene, who), project=scene.project, expected_version=1, stage="shooting")
    assert Project.objects.get(pk=scene.project.pk).version == 1


# --- co-producers ------------------------------------------------------------------------------------


def test_adding_an_organisation_tells_its_members(scene: CoproductionScene) -> None:
    studio = producer(name="Tehran Animation", country="IR")
    member = member_of(studio, Role.VIEWER)
    coproducer = coproducer_add(actor=scene.ir_editor, project=scene.project, organisation=studio)
    assert (coproducer.name, coproducer.country, coproducer.position) == ("Tehran Animation", "IR", 2)
    assert scene.project.version == 2
    note = Notification.objects.get(recipient=member)
    assert note.kind == "coproduction.coproducer_added"
    assert "Farabi Cinema Foundation" in note.subject
    assert "The Little Crane" in note.subject
    assert not Notification.objects.filter(recipient=scene.ir_editor).exists()


def test_a_company_off_the_platform_needs_a_name_and_country(scene: CoproductionScene) -> None:
    _refused_field(
        lambda: coproducer_add(actor=scene.ir_editor, project=scene.project, organisation=None, country="BY"),
        "name",
    )
    _refused_field(
        lambda: coproducer_add(
            actor=scene.ir_editor, project=scene.project, organisation=None, name="Minsk Sound", country="QQ"
        ),
        "country",
    )
    row = coproducer_add(
        actor=scene.ir_editor, project=scene.project, organisation=None, name=" Minsk Sound ", country="by"
    )
    assert (row.organisation, row.name, row.country) == (None, "Minsk Sound", "BY")
    assert Project.objects.get(pk=scene.project.pk).version == 2


def test_an_organisation_co_produces_once_and_observers_never(scene: CoproductionScene) -> None:
    _refused_field(
        lambda: coproducer_add(actor=scene.ir_editor, project=scene.project, organisation=scene.by_studio),
        "organisation",
    )
    _refused_field(
        lambda: coproducer_add(actor=scene.ir_editor, project=scene.project, organisation=observer()),
        "organisation",
    )


def test_coproducer_writes_with_an_old_version_are_refused(scene: CoproductionScene) -> None:
    with pytest.raises(StaleProject):
        coproducer_add(
            actor=scene.ir_editor,
            project=scene.project,
            organisation=None,
            name="X",
            country="BY",
            expected_version=7,
        )
    assert scene.project.coproducers.count() == 2


def test_removing_a_coproducer_takes_its_financing_but_never_the_lead(scene: CoproductionScene) -> None:
    _refused_field(
        lambda: coproducer_remove(actor=scene.by_editor, coproducer=scene.ir_coproducer), "coproducer"
    )
    coproducer_remove(actor=scene.ir_editor, coproducer=scene.by_coproducer)
    assert list(scene.project.coproducers.all()) == [scene.ir_coproducer]
    assert not FinancingSource.objects.filter(coproducer_id=scene.by_coproducer.pk).exists()
    assert Project.objects.get(pk=scene.project.pk).version == 2


@pytest.mark.parametrize(
    "who", ["ir_viewer", "outsider", "observer", "third_film_body_member", "by_film_body_member"]
)
def test_coproducer_writes_are_refused_to_others(scene: CoproductionScene, who: str) -> None:
    actor = getattr(scene, who)
    with pytest.raises(PermissionDenied):
        coproducer_add(actor=actor, project=scene.project, organisation=None, name="X", country="BY")
    with pytest.raises(PermissionDenied):
        coproducer_remove(actor=actor, coproducer=scene.by_coproducer)
    assert scene.project.coproducers.count() == 2


# --- financing ---------------------------------------------------------------------------------------


def test_financing_add_update_delete(scene: CoproductionScene) -> None:
    letter = TODAY - timedelta(days=10)
    source = financing_source_add(
        actor=scene.by_editor,
        coproducer=scene.by_coproducer,
        kind=FinancingKind.BROADCASTER,
        name="Belarus-1",
        amount="50 000,00",
        is_confirmed=True,
        letter_date=letter,
    )
    assert (source.project_id, source.amount, source.letter_date) == (
        scene.project.pk,
        Decimal("50000"),
        letter,
    )
    assert Project.objects.get(pk=scene.project.pk).version == 2
    financing_source_update(
        actor=scene.ir_editor,
        source=source,
        kind=FinancingKind.PRE_SALE,
        name="Belarus-1",
        amount=Decimal("60000"),
        is_confirmed=False,
        letter_date=None,
        coproducer=scene.ir_coproducer,
        expected_version=2,
    )
    source.refresh_from_db()
    assert (source.kind, source.amount, source.is_confirmed, source.coproducer_id) == (
        "pre_sale",
        Decimal("60000"),
        False,
        scene.ir_coproducer.pk,
    )
    with pytest.raises(StaleProject):
        financing_source_delete(actor=scene.ir_editor, source=source, expected_version=2)
    financing_source_delete(actor=scene.ir_editor, source=source, expected_version=3)
    assert not FinancingSource.objects.filter(pk=source.pk).exists()
    assert Project.objects.get(pk=scene.project.pk).version == 4


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "lottery"}, "kind"),
        ({"name": " "}, "name"),
        ({"amount": "0"}, "amount"),
        ({"amount": "-10"}, "amount"),
        ({"amount": "1.001"}, "amount"),
        ({"is_confirmed": True, "letter_date": None}, "letter_date"),
        ({"letter_date": TODAY + timedelta(days=1)}, "letter_date"),
    ],
)
def test_financing_refuses_bad_input_naming_the_field(
    scene: CoproductionScene, overrides: dict[str, Any], field: str
) -> None:
    values: dict[str, Any] = {
        "kind": FinancingKind.NATIONAL_FUND,
        "name": "Fund",
        "amount": "1000",
        "is_confirmed": True,
        "letter_date": TODAY,
    }
    values.update(overrides)
    _refused_field(
        lambda: financing_source_add(actor=scene.ir_editor, coproducer=scene.ir_coproducer, **values), field
    )
    assert scene.project.financing.count() == 3
    assert Project.objects.get(pk=scene.project.pk).version == 1


def test_financing_cannot_move_to_another_projects_coproducer(scene: CoproductionScene) -> None:
    other = coproduction_scene()
    _refused_field(
        lambda: financing_source_update(
            actor=scene.ir_editor,
            source=scene.ir_financing[0],
            kind="national_fund",
            name="Farabi fund",
            amount="1",
            is_confirmed=False,
            letter_date=None,
            coproducer=other.by_coproducer,
        ),
        "coproducer",
    )


@pytest.mark.parametrize(
    "who", ["ir_viewer", "outsider", "observer", "third_film_body_member", "ir_film_body_member"]
)
def test_financing_writes_are_refused_to_others(scene: CoproductionScene, who: str) -> None:
    actor = getattr(scene, who)
    source = scene.ir_financing[0]
    with pytest.raises(PermissionDenied):
        financing_source_add(
            actor=actor,
            coproducer=scene.ir_coproducer,
            kind="national_fund",
            name="X",
            amount="1",
            is_confirmed=False,
            letter_date=None,
        )
    with pytest.raises(PermissionDenied):
        financing_source_update(
            actor=actor,
            source=source,
            kind="other",
            name="X",
            amount="1",
            is_confirmed=False,
            letter_date=None,
        )
    with pytest.raises(PermissionDenied):
        financing_source_delete(actor=actor, source=source)
    source.refresh_from_db()
    assert (source.name, source.amount) == ("Farabi fund", Decimal("600000"))


# --- contributions -----------------------------------------------------------------------------------


def test_contributions_in_kind_valued_artistic_not(scene: CoproductionScene) -> None:
    work = contribution_add(
        actor=scene.by_editor,
        coproducer=scene.by_coproducer,
        kind=ContributionKind.IN_KIND,
        category=InKindCategory.SOUND,
        description="Sound mix in Minsk",
        value="25000",
    )
    assert (work.value, work.category) == (Decimal("25000"), "sound")
    art = contribution_add(
        actor=scene.by_editor,
        coproducer=scene.by_coproducer,
        kind=ContributionKind.ARTISTIC,
        category=InKindCategory.SOUND,
        description="The theme song",
        value=None,
    )
    assert (art.value, art.category) == (Decimal(0), "")
    _refused_field(
        lambda: contribution_update(
            actor=scene.by_editor,
            contribution=art,
            kind=ContributionKind.ARTISTIC,
            category="",
            description="The theme song",
            value="10",
        ),
        "value",
    )
    contribution_update(
        actor=scene.ir_editor,
        contribution=work,
        kind=ContributionKind.IN_KIND,
        category=InKindCategory.POST_PRODUCTION,
        description="Mix",
        value=Decimal("30000"),
    )
    work.refresh_from_db()
    assert (work.category, work.value, work.description) == ("post_production", Decimal("30000"), "Mix")
    contribution_delete(actor=scene.ir_editor, contribution=art)
    assert not Contribution.objects.filter(pk=art.pk).exists()
    assert Project.objects.get(pk=scene.project.pk).version == 5


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "moral"}, "kind"),
        ({"category": "catering"}, "category"),
        ({"description": ""}, "description"),
        ({"value": "-1"}, "value"),
        ({"value": None}, "value"),
    ],
)
def test_contribution_refuses_bad_input_naming_the_field(
    scene: CoproductionScene, overrides: dict[str, Any], field: str
) -> None:
    values: dict[str, Any] = {"kind": "in_kind", "category": "vfx", "description": "VFX", "value": "10"}
    values.update(overrides)
    _refused_field(
        lambda: contribution_add(actor=scene.by_editor, coproducer=scene.by_coproducer, **values), field
    )
    assert Project.objects.get(pk=scene.project.pk).version == 1


@pytest.mark.parametrize(
    "who", ["ir_viewer", "outsider", "observer", "third_film_body_member", "by_film_body_member"]
)
def test_contribution_writes_are_refused_to_others(scene: CoproductionScene, who: str) -> None:
    actor = getattr(scene, who)
    contribution = scene.by_coproducer.contributions.first()
    assert contribution is not None
    with pytest.raises(PermissionDenied):
        contribution_add(
            actor=actor,
            coproducer=scene.by_coproducer,
            kind="in_kind",
            category="vfx",
            description="X",
            value="1",
        )
    with pytest.raises(PermissionDenied):
        contribution_update(
            actor=actor, contribution=contribution, kind="in_kind", category="vfx", description="X", value="1"
        )
    with pytest.raises(PermissionDenied):
        contribution_delete(actor=actor, contribution=contribution)
    assert Contribution.objects.filter(coproducer=scene.by_coproducer).count() == 2


# --- creatives ---------------------------------------------------------------------------------------


def test_creatives_add_update_delete(scene: CoproductionScene) -> None:
    creative = creative_add(
        actor=scene.by_editor,
        project=scene.project,
        role=CreativeRole.LEAD_1,
        name="Алеся",
        nationality="by",
        days_worked=30,
    )
    assert (creative.nationality, creative.position, creative.days_worked) == ("BY", 3, 30)
    creative_update(
        actor=scene.ir_editor,
        creative=creative,
        role=CreativeRole.VOICE_1,
        name="Алеся",
        nationality="BY",
        days_worked=None,
        expected_version=2,
    )
    creative.refresh_from_db()
    assert (creative.role, creative.days_worked) == ("voice_1", None)
    creative_delete(actor=scene.ir_editor, creative=creative)
    assert not Creative.objects.filter(pk=creative.pk).exists()
    assert Project.objects.get(pk=scene.project.pk).version == 4


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"role": "caterer"}, "role"),
        ({"name": ""}, "name"),
        ({"nationality": "ZZ"}, "nationality"),
        ({"days_worked": -1}, "days_worked"),
        ({"days_worked": "many"}, "days_worked"),
    ],
)
def test_creative_refuses_bad_input_naming_the_field(
    scene: CoproductionScene, overrides: dict[str, Any], field: str
) -> None:
    values: dict[str, Any] = {"role": "editor", "name": "Editor", "nationality": "IR"}
    values.update(overrides)
    _refused_field(lambda: creative_add(actor=scene.ir_editor, project=scene.project, **values), field)
    assert scene.project.creatives.count() == 3


@pytest.mark.parametrize(
    "who", ["ir_viewer", "outsider", "observer", "third_film_body_member", "ir_film_body_member"]
)
def test_creative_writes_are_refused_to_others(scene: CoproductionScene, who: str) -> None:
    actor = getattr(scene, who)
    creative = scene.creatives[0]
    with pytest.raises(PermissionDenied):
        creative_add(actor=actor, project=scene.project, role="editor", name="X", nationality="IR")
    with pytest.raises(PermissionDenied):
        creative_update(actor=actor, creative=creative, role="editor", name="X", nationality="IR")
    with pytest.raises(PermissionDenied):
        creative_delete(actor=actor, creative=creative)
    creative.refresh_from_db()
    assert creative.role == "director"


def test_a_coproducer_off_the_platform_gives_its_country_no_edit_rights(scene: CoproductionScene) -> None:
    """A Kazakh company off the platform co-produces: Kazakhstan's film body sees, but never edits."""
    coproducer_add(
        actor=scene.ir_editor, project=scene.project, organisation=None, name="Kazakhfilm", country="KZ"
    )
    kz_body_member = member_of(film_body(country="KZ"), Role.EDITOR)
    with pytest.raises(PermissionDenied):
        creative_add(actor=kz_body_member, project=scene.project, role="editor", name="X", nationality="KZ")


# --- who adds organisations of the platform ----------------------------------------------------------


def test_only_the_lead_s_editors_add_or_remove_organisations_of_the_platform(
    scene: CoproductionScene,
) -> None:
    """An organisation added as co-producer sees every partner's financing at once: the minority's
    editors may not open the project to it, nor take one out; they still name companies off the platform."""
    studio = producer(name="Tehran Animation", country="IR")
    member = member_of(studio, Role.VIEWER)

    refusal = _refused_field(
        lambda: coproducer_add(actor=scene.by_editor, project=scene.project, organisation=studio),
        "organisation",
    )
    assert "Farabi Cinema Foundation" in refusal.message
    assert "lead producer" in refusal.message
    assert not CoProducer.objects.filter(organisation=studio).exists()
    assert not Notification.objects.filter(recipient=member).exists()
    assert Project.objects.get(pk=scene.project.pk).version == 1

    named = coproducer_add(
        actor=scene.by_editor, project=scene.project, organisation=None, name="Minsk Sound", country="BY"
    )
    added = coproducer_add(actor=scene.ir_editor, project=scene.project, organisation=studio)
    assert Notification.objects.filter(recipient=member).exists()

    _refused_field(lambda: coproducer_remove(actor=scene.by_editor, coproducer=added), "coproducer")
    _refused_field(
        lambda: coproducer_remove(actor=scene.by_editor, coproducer=scene.by_coproducer), "coproducer"
    )
    assert CoProducer.objects.filter(pk__in=[added.pk, scene.by_coproducer.pk]).count() == 2
    coproducer_remove(actor=scene.by_editor, coproducer=named)
    coproducer_remove(actor=scene.ir_editor, coproducer=added)
    assert list(scene.project.coproducers.all()) == [scene.ir_coproducer, scene.by_coproducer]


# --- a refused change of a line changes nothing ------------------------------------------------------


def _update_source(scene: CoproductionScene, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "kind": FinancingKind.NATIONAL_FUND,
        "name": "Farabi fund",
        "amount": "650000",
        "is_confirmed": True,
        "letter_date": TODAY,
    }
    values.update(changes)
    return financing_source_update(actor=scene.by_editor, source=scene.ir_financing[0], **values)


def _update_contribution(scene: CoproductionScene, **changes: Any) -> Any:
    contribution = Contribution.objects.get(coproducer=scene.by_coproducer, kind=ContributionKind.IN_KIND)
    values: dict[str, Any] = {
        "kind": ContributionKind.IN_KIND,
        "category": InKindCategory.ANIMATION,
        "description": "Animation",
        "value": "120000",
    }
    values.update(changes)
    return contribution_update(actor=scene.by_editor, contribution=contribution, **values)


def _update_creative(scene: CoproductionScene, **changes: Any) -> Any:
    values: dict[str, Any] = {"role": CreativeRole.DIRECTOR, "name": "Maryam", "nationality": "IR"}
    values.update(changes)
    return creative_update(actor=scene.by_editor, creative=scene.creatives[0], **values)


def _lines(scene: CoproductionScene) -> list[Any]:
    return [
        list(FinancingSource.objects.filter(project=scene.project).values().order_by("pk")),
        list(Contribution.objects.filter(coproducer__project=scene.project).values().order_by("pk")),
        list(Creative.objects.filter(project=scene.project).values().order_by("pk")),
    ]


@pytest.mark.parametrize(
    ("update", "bad"),
    [
        (_update_source, {"amount": "lots"}),
        (_update_contribution, {"value": "lots"}),
        (_update_creative, {"days_worked": "many"}),
    ],
)
def test_a_refused_change_of_a_line_changes_nothing(
    scene: CoproductionScene, update: Any, bad: dict[str, Any]
) -> None:
    before = _lines(scene)

    with pytest.raises(ApplicationError):
        update(scene, **bad)
    with pytest.raises(StaleProject):
        update(scene, expected_version=0)

    assert _lines(scene) == before
    assert Project.objects.get(pk=scene.project.pk).version == 1
    update(scene, expected_version=1)
    assert _lines(scene) != before
    assert Project.objects.get(pk=scene.project.pk).version == 2
