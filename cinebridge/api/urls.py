"""The REST API under /api/ (outside the language prefix: the language comes from Accept-Language)."""

from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, URLResolver, path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from .api import api


@csrf_exempt  # a write to no endpoint is still answered with the JSON 404, not a CSRF page
def not_found(request: HttpRequest) -> JsonResponse:
    """An address under /api/ that names no endpoint: JSON like every other API error."""
    return JsonResponse({"detail": _("There is no API endpoint at this address.")}, status=404)


urlpatterns: list[URLPattern | URLResolver] = [
    path("", api.urls),
    re_path(r"^.*$", not_found),
]
