"""Values every page template needs."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def platform(request: HttpRequest) -> dict[str, Any]:
    """The UI languages for the switcher."""
    return {"ui_languages": settings.LANGUAGES}
