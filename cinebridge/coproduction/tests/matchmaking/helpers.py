"""Profiles, partner needs and meetings for the matchmaking tests, straight to the models, and one scene:

scene = matchmaking_scene()
# An Iranian producer leads a children's animation (EUR) looking for a Belarusian animation studio;
# a Belarusian studio with a matching profile, a Russian sound company, an Iranian company (the lead's
# country), a closed Belarusian company; editors of each, a viewer of the lead and the film bodies.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cinebridge.accounts.models import Organisation, Role, User
from cinebridge.accounts.tests.factories import member_of
from cinebridge.coproduction.models import CompanyProfile, MeetingRequest, PartnerNeed, Project
from cinebridge.coproduction.tests.factories import ProjectFactory, film_body, producer


def profile(organisation: Organisation, **fields: Any) -> CompanyProfile:
    values: dict[str, Any] = {
        "capabilities": [],
        "audiences": [],
        "languages": [],
        "currency": "",
        "is_open": True,
    }
    values.update(fields)
    return CompanyProfile.objects.create(organisation=organisation, **values)


def need(project: Project, **fields: Any) -> PartnerNeed:
    return PartnerNeed.objects.create(project=project, **fields)


def meeting(
    *, from_organisation: Organisation, to_organisation: Organisation, by: User, **fields: Any
) -> MeetingRequest:
    values: dict[str, Any] = {"message": "Shall we meet in Minsk?"}
    values.update(fields)
    return MeetingRequest.objects.create(
        from_organisation=from_organisation, to_organisation=to_organisation, requested_by=by, **values
    )


@dataclass
class MatchmakingScene:
    project: Project
    lead: Organisation
    studio: Organisation
    sound: Organisation
    iranian: Organisation
    closed: Organisation
    lead_editor: User
    lead_viewer: User
    studio_editor: User
    studio_viewer: User
    sound_editor: User
    iranian_editor: User
    ir_film_body_member: User
    by_film_body_member: User


def matchmaking_scene() -> MatchmakingScene:
    lead = producer(slug="parsfilm", name="Pars Film", country="IR")
    studio = producer(slug="belanim", name="Belarus Animation", country="BY")
    sound = producer(slug="rusound", name="Ru Sound", country="RU")
    iranian = producer(slug="tehran-post", name="Tehran Post", country="IR")
    closed = producer(slug="closed-by", name="Closed BY", country="BY")
    project = ProjectFactory.create(
        lead=lead,
        slug="little-crane",
        titles={"en": "The Little Crane", "fa": "درنای کوچک"},
        currency="EUR",
        budget=Decimal("1000000"),
        languages=["fa", "ru"],
        seeking_partners=True,
    )
    need(
        project,
        country="BY",
        capabilities=["animation_studio"],
        contribution_min=Decimal("200000"),
        contribution_max=Decimal("400000"),
    )
    profile(
        studio,
        capabilities=["animation_studio", "sound"],
        audiences=["children"],
        languages=["ru", "be"],
        contribution_min=Decimal("250000"),
        contribution_max=Decimal("500000"),
        currency="EUR",
    )
    profile(sound, capabilities=["sound"], audiences=["children"], languages=["ru"])
    profile(iranian, capabilities=["animation_studio"], audiences=["children"], languages=["fa"])
    profile(closed, capabilities=["animation_studio"], audiences=["children"], is_open=False)
    ir_body = film_body(country="IR")
    by_body = film_body(country="BY")
    return MatchmakingScene(
        project=project,
        lead=lead,
        studio=studio,
        sound=sound,
        iranian=iranian,
        closed=closed,
        lead_editor=member_of(lead, preferred_language="fa"),
        lead_viewer=member_of(lead, Role.VIEWER),
        studio_editor=member_of(studio, preferred_language="ru"),
        studio_viewer=member_of(studio, Role.VIEWER),
        sound_editor=member_of(sound),
        iranian_editor=member_of(iranian),
        ir_film_body_member=member_of(ir_body),
        by_film_body_member=member_of(by_body),
    )
