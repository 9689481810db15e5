"""The engines over REST, with the same JSON as their Python functions and management commands (docs/engines.md)."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Body, File, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.responses import Status as Reply
from pydantic import ConfigDict, Field

from cinebridge.catalogue.engine.interface import identifiers_report, subtitles_report
from cinebridge.core.engine.interface import search_keys_report
from cinebridge.exhibition.engine.jsonio import RoyaltyInputError, statement_from_json
from cinebridge.exhibition.engine_messages import royalty_error_location, royalty_error_message

from . import auth
from .schemas import ErrorOut, ValidationErrorOut

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


_ROYALTIES_EXAMPLE = {
    "currency": "EUR",
    "terms": {
        "minimum_guarantee": "100000.00",
        "distribution_fee_percent": {"THEATRICAL": "30"},
        "expenses_cap": "80000.00",
    },
    "period": {"start": "2026-01-01", "end": "2026-03-31"},
    "receipts": [
        {"ref": "r-1", "date": "2026-02-01", "media": "THEATRICAL", "amount": "400000.00", "currency": "EUR"}
    ],
    "expenses": [
        {"ref": "e-1", "date": "2026-01-05", "amount": "60000.00", "currency": "EUR", "description": "Prints"}
    ],
    "previously_reported": "100000.00",
}


@engines.post(
    "/royalties",
    response={200: dict[str, Any], 422: ValidationErrorOut},
    auth=auth.OPTIONAL,
    summary="Compute a royalty statement",
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "A statement input (docs/royalties.md).",
            "content": {
                "application/json": {
                    "schema": {"type": "object", "additionalProperties": True},
                    "example": _ROYALTIES_EXAMPLE,
                }
            },
        }
    },
)
def royalties(request: HttpRequest, payload: Body[dict[str, Any]]) -> Any:
    """The statement for the posted input, as `python manage.py royalties` prints it; bad input is a
    422 naming the place (`loc`), the reason in the request's language and the engine's code (`type`)."""
    try:
        return statement_from_json(payload)
    except RoyaltyInputError as error:
        detail = [
            {"loc": royalty_error_location(error), "msg": royalty_error_message(error), "type": error.code}
        ]
        return Reply(422, {"detail": detail})
