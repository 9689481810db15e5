"""The engines over REST, with the same JSON as their Python functions and management commands (docs/engines.md)."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from pydantic import ConfigDict, Field

from cinebridge.catalogue.engine.interface import identifiers_report, subtitles_report
from cinebridge.core.engine.interface import search_keys_report

from . import auth
from .schemas import ErrorOut

engines = Router(tags=["engines"])

MAX_ITEMS = 1000


class SearchKeysIn(Schema):
    texts: list[str] = Field(max_length=MAX_ITEMS)


class IdentifiersIn(Schema):
    model_config = ConfigDict(extra="forbid")  # an unknown scheme is a 422, not silently ignored

    eidr: list[str] = Field(default_factory=list, max_length=MAX_ITEMS)
    isan: list[str] = Field(default_factory=list, max_length=MAX_ITEMS)
    imdb: list[str] = Field(default_factory=list, max_length=MAX_ITEMS)


@engines.post("/search-keys", response=dict[str, Any], auth=auth.OPTIONAL, summary="Search keys of texts")
def search_keys(request: HttpRequest, payload: SearchKeysIn) -> dict[str, Any]:
    """The normalised form, tokens and cross-script skeletons of each text."""
    return search_keys_report(payload.texts)


@engines.post("/identifiers", response=dict[str, Any], auth=auth.OPTIONAL, summary="Check identifiers")
def identifiers(request: HttpRequest, payload: IdentifiersIn) -> dict[str, Any]:
    """Validate EIDR, ISAN and IMDb identifiers: `{"eidr": [...], "isan": [...], "imdb": [...]}`."""
    return identifiers_report(payload.model_dump(exclude_unset=True))


@engines.post(
    "/subtitles",
    response={200: dict[str, Any], 413: ErrorOut},
    auth=auth.OPTIONAL,
    summary="Check a subtitle file",
)
def subtitles(request: HttpRequest, file: File[UploadedFile]) -> dict[str, Any]:
    """Validate an SRT or WebVTT file: its summary, or the error code and the line."""
    if file.size is not None and file.size > settings.SUBTITLE_MAX_BYTES:
        raise HttpError(413, _("The subtitle file is too large."))
    return subtitles_report(file.read(), format_hint=file.name)
