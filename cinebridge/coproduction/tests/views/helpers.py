"""Helpers of the view tests: addresses in a language, signed-in clients, the programme rule set, and a
scene whose minority falls short of the Iran–Belarus programme's 20 % minimum."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone, translation

from cinebridge.coproduction.models import RuleSet
from cinebridge.coproduction.services.rulesets import rule_set_create_from
from cinebridge.coproduction.tests.factories import (
    PROGRAMME_SLUG,
    PROGRAMME_TEMPLATE,
    CoproductionScene,
    coproduction_scene,
)


def url(name: str, *args: Any, language: str = "en", query: str = "") -> str:
    with translation.override(language):
        return reverse(f"coproduction:{name}", args=args) + (f"?{query}" if query else "")


def as_user(client: Any, user: Any) -> Any:
    client.force_login(user)
    return client


def content(response: Any) -> str:
    return str(response.content.decode())


def programme_rule_set(scene: CoproductionScene) -> RuleSet:
    """The editable Iran–Belarus programme rule set, edited by the scene's two film bodies."""
    return rule_set_create_from(
        actor=scene.ir_film_body_member,
        slug=PROGRAMME_SLUG,
        template=PROGRAMME_TEMPLATE,
        editors=[scene.ir_film_body, scene.by_film_body],
    )


def minority_short_scene(**fields: Any) -> CoproductionScene:
    """The scene with Belarus bringing 50,000 of financing and 100,000 of in-kind work against Iran's
    700,000: Belarus holds 150,000 / 850,000 = 17.65 %, below the programme's 20 % minimum."""
    scene = coproduction_scene(**fields)
    source = scene.by_financing[0]
    source.amount = Decimal("50000")
    source.save()
    return scene


def stale_letter(scene: CoproductionScene) -> Any:
    """One of Iran's confirmed sources with a letter of seven months ago."""
    source = scene.ir_financing[0]
    source.letter_date = timezone.localdate() - timedelta(days=214)
    source.save()
    return source
