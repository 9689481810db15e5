"""Festivals, editions (with their programme), sections, calls, submissions and juries, straight to the
models (the services are tested on their own), and one scene most festival tests start from.

Dates are relative to today so that calls are open: the edition runs from 60 to 69 days from now, its
calls accept entries from 30 days ago to 30 days from now.

    scene = festival_scene()          # Listapad-like festival (BY) with an editor; Farabi-like rights
                                      # holder (IR) with an editor; a film; an edition, section, call
    submission = SubmissionFactory(call=scene.call, film=scene.film, status=SubmissionStatus.IN_REVIEW)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import factory
from django.utils import timezone

from cinebridge.accounts.models import Organisation, OrganisationKind, Role, User
from cinebridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of
from cinebridge.catalogue.models import Film, FilmCountry
from cinebridge.catalogue.tests.factories import FilmFactory
from cinebridge.events.models import (
    Call,
    Edition,
    Festival,
    JuryMember,
    JuryScore,
    Programme,
    ProgrammeKind,
    Section,
    Strand,
    Submission,
    SubmissionStatus,
)


def _today() -> date:
    return timezone.localdate()


def festival_organisation(**fields: Any) -> Organisation:
    values: dict[str, Any] = {"kind": OrganisationKind.FESTIVAL, "country": "BY"}
    values.update(fields)
    return OrganisationFactory.create(**values)


def rights_holder(**fields: Any) -> Organisation:
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


def festival_film(*, countries: tuple[str, ...] = ("IR",), **fields: Any) -> Film:
    """A catalogue film (a 90-minute Iranian feature of 2024 unless `fields` say otherwise)."""
    values: dict[str, Any] = {"year": 2024, "runtime_minutes": 90}
    values.update(fields)
    film = FilmFactory.create(**values)
    for position, code in enumerate(countries):
        FilmCountry.objects.create(film=film, country=code, position=position)
    return film


class FestivalFactory(factory.django.DjangoModelFactory[Festival]):
    class Meta:
        model = Festival

    organisation = factory.LazyFunction(festival_organisation)
    slug = factory.Sequence(lambda n: f"festival-{n}")
    names = factory.LazyAttribute(lambda o: {"en": f"Festival {o.slug}", "ru": f"Фестиваль {o.slug}"})


class ProgrammeFactory(factory.django.DjangoModelFactory[Programme]):
    class Meta:
        model = Programme

    kind = ProgrammeKind.FESTIVAL
    slug = factory.Sequence(lambda n: f"edition-{n}")
    names = factory.LazyAttribute(lambda o: {"en": f"Edition {o.slug}", "ru": f"Выпуск {o.slug}"})
    host_country = "BY"
    starts_on = factory.LazyFunction(lambda: _today() + timedelta(days=60))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=9))
    time_zone = "Europe/Minsk"


class EditionFactory(factory.django.DjangoModelFactory[Edition]):
    class Meta:
        model = Edition

    festival = factory.SubFactory(FestivalFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    year = factory.LazyAttribute(lambda o: o.programme.starts_on.year)


class SectionFactory(factory.django.DjangoModelFactory[Section]):
    class Meta:
        model = Section

    edition = factory.SubFactory(EditionFactory)
    code = factory.Sequence(lambda n: f"section-{n}")
    names = factory.LazyAttribute(lambda o: {"en": f"Section {o.code}", "ru": f"Секция {o.code}"})
    strand = Strand.GENERAL
    is_competition = True


class CallFactory(factory.django.DjangoModelFactory[Call]):
    class Meta:
        model = Call

    section = factory.SubFactory(SectionFactory)
    opens_on = factory.LazyFunction(lambda: _today() - timedelta(days=30))
    deadline = factory.LazyFunction(lambda: _today() + timedelta(days=30))


class SubmissionFactory(factory.django.DjangoModelFactory[Submission]):
    class Meta:
        model = Submission

    call = factory.SubFactory(CallFactory)
    film = factory.LazyFunction(festival_film)
    applicant = factory.LazyAttribute(lambda o: o.film.owner)
    status = SubmissionStatus.SUBMITTED


class JuryMemberFactory(factory.django.DjangoModelFactory[JuryMember]):
    class Meta:
        model = JuryMember

    section = factory.SubFactory(SectionFactory)
    user = factory.SubFactory(UserFactory)


class JuryScoreFactory(factory.django.DjangoModelFactory[JuryScore]):
    class Meta:
        model = JuryScore

    member = factory.SubFactory(JuryMemberFactory)
    submission = factory.SubFactory(SubmissionFactory)
    score = 7


@dataclass
class FestivalScene:
    """A festival with an editor, a rights holder with an editor and one film, an edition with one
    open call in one competition section."""

    festival: Festival
    festival_editor: User
    edition: Edition
    section: Section
    call: Call
    rights_holder: Organisation
    applicant_editor: User
    film: Film


def festival_scene(*, call_fields: dict[str, Any] | None = None, **film_fields: Any) -> FestivalScene:
    festival = FestivalFactory.create(
        organisation=festival_organisation(name="Listapad"), names={"en": "Listapad", "ru": "Лістапад"}
    )
    holder = rights_holder(name="Farabi Cinema Foundation")
    edition = EditionFactory.create(festival=festival)
    section = SectionFactory.create(
        edition=edition, code="competition", names={"en": "Main competition", "ru": "Основной конкурс"}
    )
    call = CallFactory.create(section=section, **(call_fields or {}))
    return FestivalScene(
        festival=festival,
        festival_editor=member_of(festival.organisation, Role.EDITOR),
        edition=edition,
        section=section,
        call=call,
        rights_holder=holder,
        applicant_editor=member_of(holder, Role.EDITOR),
        film=festival_film(owner=holder, **film_fields),
    )
