"""Template helpers of the directory pages: texts typed in several languages, and the labels of the
codes listings store (services offered, skills)."""

from __future__ import annotations

from django import template

from cinebridge.coproduction.models import Capability, CreativeRole
from cinebridge.web.templatetags.cinebridge import names

register = template.Library()


# The pages load this library for `names` too: the one of web's cinebridge library.
register.filter("names", names)


@register.filter
def capability_label(code: str) -> str:
    """The name of a service a studio offers, in the active language."""
    return str(Capability(code).label) if code in Capability.values else code


@register.filter
def role_label(code: str) -> str:
    """The name of a post or skill, in the active language."""
    return str(CreativeRole(code).label) if code in CreativeRole.values else code
