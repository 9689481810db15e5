"""Co-production projects with their co-producers, financing, contributions and creatives, straight to
the models (the services are tested on their own), and one scene most co-production tests start from.

    scene = coproduction_scene()
    # Iranian producer (IR rights holder) leads a children's animated feature with a Belarusian animation
    # studio (BY rights holder); budget 1,000,000 EUR: IR raises 700,000 (600,000 confirmed), BY 200,000
    # confirmed plus 100,000 of in-kind animation; a director (IR), screenwriter (BY), composer (IR).
    # Editors of both companies, members of both film bodies, an editor of another company, an observer
    # and a film body of a third country are there to test who sees what.

    project = ProjectFactory(lead=some_organisation)          # adds the lead as first co-producer
    coproducer = CoProducerFactory(project=project, country="BY", name="Studio")   # not on the platform
    FinancingSourceFactory(coproducer=coproducer, amount=Decimal("100000"))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from cinebridge.accounts.models import Organisation, OrganisationKind, Role, User
from cinebridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of
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

# The demo's programme in tests: an editable rule set and the shipped file it starts from.
PROGRAMME_SLUG = "iran-belarus-programme"
PROGRAMME_TEMPLATE = "iran-belarus"

__all__ = [
    "PROGRAMME_SLUG",
    "PROGRAMME_TEMPLATE",
    "CoProducerFactory",
    "ContributionFactory",
    "CoproductionScene",
    "CreativeFactory",
    "FinancingSourceFactory",
    "OrganisationFactory",
    "ProjectFactory",
    "UserFactory",
    "coproduction_scene",
    "film_body",
    "member_of",
    "observer",
    "producer",
]


def _today() -> date:
    return timezone.localdate()


def producer(**fields: Any) -> Organisation:
    """A production company (a rights holder of the platform), Iranian unless `fields` say otherwise."""
    values: dict[str, Any] = {"kind": OrganisationKind.RIGHTS_HOLDER, "country": "IR"}
    values.update(fields)
    return OrganisationFactory.create(**values)


def film_body(**fields: Any) -> Organisation:
    values: dict[str, Any] = {"kind": OrganisationKind.FILM_BODY, "country": "IR"}
    values.update(fields)
    return OrganisationFactory.create(**values)


def observer(**fields: Any) -> Organisation:
    values: dict[str, Any] = {"kind": OrganisationKind.OBSERVER, "country": "BY"}
    values.update(fields)
    return OrganisationFactory.create(**values)


class ProjectFactory(factory.django.DjangoModelFactory[Project]):
    """A project whose lead is also its first co-producer (as `project_create` makes it)."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    lead = factory.LazyFunction(producer)
    slug = factory.Sequence(lambda n: f"project-{n}")
    titles = factory.LazyAttribute(lambda o: {"en": f"Project {o.slug}", "fa": f"پروژه {o.slug}"})
    loglines = factory.LazyAttribute(lambda o: {"en": f"A story of {o.slug}."})
    synopses = factory.LazyFunction(dict)
    kind = ProjectKind.ANIMATION
    audience = Audience.CHILDREN
    stage = ProjectStage.FINANCING
    target_runtime_minutes = 80
    languages = factory.LazyFunction(lambda: ["fa", "ru"])
    budget = Decimal("1000000")
    currency = "EUR"
    shooting_countries = factory.LazyFunction(list)
    post_countries = factory.LazyFunction(list)
    animation_countries = factory.LazyFunction(list)
    start_year = 2026
    support_requested = None
    seeking_partners = False
    version = 1

    @factory.post_generation
    def lead_coproducer(obj: Project, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        """Pass `lead_coproducer=False` for a project without any co-producer row."""
        if create and extracted is not False:
            CoProducer.objects.create(
                project=obj, organisation=obj.lead, name=obj.lead.name, country=obj.lead.country, position=0
            )


def _next_position(project: Project) -> int:
    last = project.coproducers.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


class CoProducerFactory(factory.django.DjangoModelFactory[CoProducer]):
    """A co-producer; on the platform when `organisation` is given (name and country follow it)."""

    class Meta:
        model = CoProducer

    project = factory.SubFactory(ProjectFactory)
    organisation = None
    name = factory.LazyAttribute(
        lambda o: o.organisation.name if o.organisation is not None else "Company off the platform"
    )
    country = factory.LazyAttribute(lambda o: o.organisation.country if o.organisation is not None else "BY")
    position = factory.LazyAttribute(lambda o: _next_position(o.project))


class FinancingSourceFactory(factory.django.DjangoModelFactory[FinancingSource]):
    """A confirmed line of financing with a letter of 30 days ago, unless told otherwise."""

    class Meta:
        model = FinancingSource

    coproducer = factory.SubFactory(CoProducerFactory)
    project = factory.LazyAttribute(lambda o: o.coproducer.project)
    kind = FinancingKind.NATIONAL_FUND
    name = factory.Sequence(lambda n: f"Fund {n}")
    amount = Decimal("100000")
    is_confirmed = True
    letter_date = factory.LazyAttribute(lambda o: _today() - timedelta(days=30) if o.is_confirmed else None)


class ContributionFactory(factory.django.DjangoModelFactory[Contribution]):
    """An in-kind contribution (animation work) unless told otherwise; artistic ones are valued 0."""

    class Meta:
        model = Contribution

    coproducer = factory.SubFactory(CoProducerFactory)
    kind = ContributionKind.IN_KIND
    category = factory.LazyAttribute(
        lambda o: InKindCategory.ANIMATION if o.kind == ContributionKind.IN_KIND else ""
    )
    description = factory.Sequence(lambda n: f"Contribution {n}")
    value = factory.LazyAttribute(
        lambda o: Decimal("50000") if o.kind == ContributionKind.IN_KIND else Decimal("0")
    )


class CreativeFactory(factory.django.DjangoModelFactory[Creative]):
    class Meta:
        model = Creative

    project = factory.SubFactory(ProjectFactory)
    role = CreativeRole.DIRECTOR
    name = factory.Sequence(lambda n: f"Creative {n}")
    nationality = "IR"
    person = None
    days_worked = None
    position = factory.Sequence(lambda n: n)


@dataclass
class CoproductionScene:
    """An Iranian–Belarusian children's animation and the people around it."""

    project: Project
    ir_producer: Organisation  # the lead
    by_studio: Organisation
    ir_coproducer: CoProducer
    by_coproducer: CoProducer
    ir_editor: User
    ir_viewer: User  # a viewer-role member of the lead
    by_editor: User
    ir_film_body: Organisation
    by_film_body: Organisation
    ir_film_body_member: User
    by_film_body_member: User
    outsider: User  # editor of another Iranian company
    observer: User  # member of an observer (embassy)
    third_film_body_member: User  # member of the film body of a third country (RU)
    ir_financing: list[FinancingSource]
    by_financing: list[FinancingSource]
    creatives: list[Creative]


def coproduction_scene(**project_fields: Any) -> CoproductionScene:
    """The Iran–Belarus children's animation described in the module docstring."""
    ir = producer(name="Farabi Cinema Foundation", country="IR")
    by = producer(name="Belarusfilm", country="BY")
    ir_body = film_body(name="Cinema Organization of Iran", country="IR")
    by_body = film_body(name="Ministry of Culture of Belarus", country="BY")
    values: dict[str, Any] = {
        "lead": ir,
        "titles": {"en": "The Little Crane", "fa": "درنای کوچک", "ru": "Маленький журавль"},
        "animation_countries": ["BY", "IR"],
        "post_countries": ["IR"],
    }
    values.update(project_fields)
    project = ProjectFactory.create(**values)
    ir_coproducer = project.coproducers.get(organisation=ir)
    by_coproducer = CoProducerFactory.create(project=project, organisation=by)
    ir_financing = [
        FinancingSourceFactory.create(
            coproducer=ir_coproducer,
            kind=FinancingKind.NATIONAL_FUND,
            name="Farabi fund",
            amount=Decimal("600000"),
        ),
        FinancingSourceFactory.create(
            coproducer=ir_coproducer,
            kind=FinancingKind.PRE_SALE,
            name="IRIB",
            amount=Decimal("100000"),
            is_confirmed=False,
        ),
    ]
    by_financing = [
        FinancingSourceFactory.create(
            coproducer=by_coproducer,
            kind=FinancingKind.NATIONAL_FUND,
            name="Belarus state support",
            amount=Decimal("200000"),
        )
    ]
    ContributionFactory.create(
        coproducer=by_coproducer, category=InKindCategory.ANIMATION, value=Decimal("100000")
    )
    ContributionFactory.create(
        coproducer=by_coproducer, kind=ContributionKind.ARTISTIC, description="Character designs"
    )
    creatives = [
        CreativeFactory.create(project=project, role=CreativeRole.DIRECTOR, nationality="IR", position=0),
        CreativeFactory.create(project=project, role=CreativeRole.SCREENWRITER, nationality="BY", position=1),
        CreativeFactory.create(project=project, role=CreativeRole.COMPOSER, nationality="IR", position=2),
    ]
    return CoproductionScene(
        project=project,
        ir_producer=ir,
        by_studio=by,
        ir_coproducer=ir_coproducer,
        by_coproducer=by_coproducer,
        ir_editor=member_of(ir, Role.EDITOR),
        ir_viewer=member_of(ir, Role.VIEWER),
        by_editor=member_of(by, Role.EDITOR),
        ir_film_body=ir_body,
        by_film_body=by_body,
        ir_film_body_member=member_of(ir_body, Role.EDITOR),
        by_film_body_member=member_of(by_body, Role.EDITOR),
        outsider=member_of(producer(name="Another studio", country="IR"), Role.EDITOR),
        observer=member_of(observer(name="Embassy", country="BY"), Role.VIEWER),
        third_film_body_member=member_of(film_body(name="Goskino", country="RU"), Role.EDITOR),
        ir_financing=ir_financing,
        by_financing=by_financing,
        creatives=creatives,
    )
