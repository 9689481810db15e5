"""Template helpers of the directory pages: texts typed in several languages, and the labels of the
codes listings store (services offered, skills)."""

from __future__ import annotations

from collections.abc import Mapping

from django import template

from cinebridge.coproduction.models import Capability, CreativeRole
from cinebridge.core.i18n import text_in

register = template.Library()


@register.filter
def names(value: Mapping[str, str] | None) -> str:
    """A {language: text} map in the active language, else English, else its first text."""
    if not value:
        return ""
    return text_in(value) or next((text for text in value.values() if text), "")


@register.filter
def capability_label(code: str) -> str:
    """The name of a service a studio offers, in the active language."""
    return str(Capability(code).label) if code in Capability.values else code


@register.filter
def role_label(code: str) -> str:
    """The name of a post or skill, in the active language."""
    return str(CreativeRole(code).label) if code in CreativeRole.values else code
