"""A directory scene straight to the models (the services are tested on their own): a Belarusian studio
operator with a studio of two stages and a location, a specialist it lists too, an Iranian producer co-producing a project with a Belarusian one, and people of other organisations.

Dates are relative to today so that bookings and invitations are in the future.

    scene = directory_scene()
    scene.day(10)                     # today + 10 days
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from cinebridge.accounts.models import Organisation, OrganisationKind, Role, User
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.coproduction.models import (
    Booking,
    CoProducer,
    Location,
    Project,
    ProjectKind,
    RequestStatus,
    Specialist,
    Stage,
    Studio,
)


def today() -> date:
    return timezone.localdate()


def png_upload(*, size: tuple[int, int] = (320, 200), name: str = "photo.png") -> SimpleUploadedFile:
    """A real PNG image file, as a browser uploads it."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 120, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def project_of(lead: Organisation, *partners: Organisation, slug: str = "", **fields: Any) -> Project:
    values: dict[str, Any] = {
        "lead": lead,
        "slug": slug or f"project-{Project.objects.count() + 1}",
        "titles": {"en": "The Little Crane", "fa": "درنای کوچک", "ru": "Маленький журавль"},
        "kind": ProjectKind.ANIMATION,
        "budget": "1000000",
        "currency": "EUR",
        "start_year": today().year,
    }
    values.update(fields)
    project = Project.objects.create(**values)
    for position, organisation in enumerate((lead, *partners)):
        CoProducer.objects.create(
            project=project,
            organisation=organisation,
            name=organisation.name,
            country=organisation.country,
            position=position,
        )
    return project


@dataclass
class DirectoryScene:
    operator: Organisation  # Belarusian studio listing the studio, the location and the specialist
    operator_editor: User
    operator_viewer: User  # a member of the operator who is not an editor
    producer: Organisation  # Iranian producer, lead of the project
    producer_editor: User
    partner: Organisation  # Belarusian co-producer of the project
    partner_editor: User
    outsider: Organisation  # a third producer, party to nothing
    outsider_editor: User
    film_body_member: User  # a member of the Belarusian film body (oversight does not reach bookings)
    studio: Studio
    stage_a: Stage
    stage_b: Stage
    location: Location
    specialist: Specialist
    project: Project

    def day(self, offset: int) -> date:
        return today() + timedelta(days=offset)

    def accepted_booking(self, start: int, end: int, *, stage: Stage | None = None, **fields: Any) -> Booking:
        values: dict[str, Any] = {
            "studio": self.studio,
            "stage": stage,
            "requester": self.producer,
            "starts_on": self.day(start),
            "ends_on": self.day(end),
            "status": RequestStatus.ACCEPTED,
            "requested_by": self.producer_editor,
        }
        values.update(fields)
        if values.get("location") is not None:
            values["studio"] = None
        return Booking.objects.create(**values)


def directory_scene() -> DirectoryScene:
    operator = OrganisationFactory.create(
        kind=OrganisationKind.RIGHTS_HOLDER, country="BY", name="Belarusfilm"
    )
    producer = OrganisationFactory.create(kind=OrganisationKind.RIGHTS_HOLDER, country="IR", name="Kanoon")
    partner = OrganisationFactory.create(
        kind=OrganisationKind.RIGHTS_HOLDER, country="BY", name="Minsk Films"
    )
    outsider = OrganisationFactory.create(
        kind=OrganisationKind.RIGHTS_HOLDER, country="BY", name="Other Films"
    )
    film_body = OrganisationFactory.create(kind=OrganisationKind.FILM_BODY, country="BY", name="Ministry")
    studio = Studio.objects.create(
        organisation=operator,
        slug="belarusfilm-stages",
        names={"en": "Belarusfilm Stages", "ru": "Павильоны Беларусьфильма"},
        country="BY",
        region="Minsk Region",
        city="Minsk",
        capabilities=["stages", "animation_studio"],
        equipment="ARRI Alexa, lights",
    )
    stage_a = Stage.objects.create(studio=studio, name="Stage A", width_m="30", length_m="40", height_m="12")
    stage_b = Stage.objects.create(studio=studio, name="Stage B", width_m="20", length_m="25")
    location = Location.objects.create(
        organisation=operator,
        slug="braslav-lakes",
        names={"en": "Braslav Lakes", "ru": "Браславские озёра"},
        country="BY",
        region="Vitebsk Region",
        permits_needed="National park filming permit",
    )
    specialist = Specialist.objects.create(
        organisation=operator,
        slug="animator-one",
        names={"en": "Sara Ahmadi", "fa": "سارا احمدی"},
        country="IR",
        skills=["lead_animator", "animation_director"],
        languages=["fa", "en"],
        available_from=today() + timedelta(days=10),
        available_until=today() + timedelta(days=100),
    )
    project = project_of(producer, partner, slug="little-crane")
    return DirectoryScene(
        operator=operator,
        operator_editor=member_of(operator, Role.EDITOR),
        operator_viewer=member_of(operator, Role.VIEWER),
        producer=producer,
        producer_editor=member_of(producer, Role.EDITOR),
        partner=partner,
        partner_editor=member_of(partner, Role.EDITOR),
        outsider=outsider,
        outsider_editor=member_of(outsider, Role.EDITOR),
        film_body_member=member_of(film_body, Role.EDITOR),
        studio=studio,
        stage_a=stage_a,
        stage_b=stage_b,
        location=location,
        specialist=specialist,
        project=project,
    )
