"""Field errors in ninja's shape (`{"loc": [...], "msg": ..., "type": ...}`), with messages in the user's language."""

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cinebridge.core.errors import ApplicationError

FieldError = dict[str, Any]

_TITLE_FIELD_PREFIX = "title_"  # the catalogue services name a title field `title_<language>`


def body_location(field: str | None) -> list[str | int]:
    """Where in a JSON request body a service's field error belongs."""
    if not field or field == NON_FIELD_ERRORS:
        return ["body"]
    if field.startswith(_TITLE_FIELD_PREFIX):
        return ["body", "translations", field.removeprefix(_TITLE_FIELD_PREFIX), "title"]
    return ["body", field]


def application_error_detail(exc: ApplicationError) -> list[FieldError]:
    """A service's refusal as one field error."""
    return [{"loc": body_location(exc.field), "msg": exc.message, "type": "invalid"}]


def django_validation_detail(exc: DjangoValidationError) -> list[FieldError]:
    """A model's `full_clean()` refusal as field errors (one per message)."""
    if not hasattr(exc, "error_dict"):
        return [{"loc": ["body"], "msg": message, "type": "invalid"} for message in exc.messages]
    return [
        {"loc": body_location(field), "msg": message, "type": "invalid"}
        for field, errors in exc.error_dict.items()
        for message in DjangoValidationError(errors).messages
    ]


# Pydantic's messages are English only; the common ones are said again in the user's language.
_MESSAGES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "missing": lambda ctx: _("This field is required."),
    "enum": lambda ctx: _("Choose one of: %(expected)s.") % {"expected": ctx["expected"]},
    "int_parsing": lambda ctx: _("Enter a whole number."),
    "int_type": lambda ctx: _("Enter a whole number."),
    "int_from_float": lambda ctx: _("Enter a whole number."),
    "greater_than_equal": lambda ctx: _("Enter a number of at least %(ge)s.") % {"ge": ctx["ge"]},
    "less_than_equal": lambda ctx: _("Enter a number of at most %(le)s.") % {"le": ctx["le"]},
    "string_type": lambda ctx: _("Enter text."),
    "string_too_short": lambda ctx: (
        ngettext("Use at least %(n)d character.", "Use at least %(n)d characters.", ctx["min_length"])
        % {"n": ctx["min_length"]}
    ),
    "string_too_long": lambda ctx: (
        ngettext("Use at most %(n)d character.", "Use at most %(n)d characters.", ctx["max_length"])
        % {"n": ctx["max_length"]}
    ),
    "bool_parsing": lambda ctx: _("Enter true or false."),
    "bool_type": lambda ctx: _("Enter true or false."),
    "list_type": lambda ctx: _("Send a list here."),
    "dict_type": lambda ctx: _("Send an object here."),
    "model_attributes_type": lambda ctx: _("Send an object here."),
    "json_invalid": lambda ctx: _("The request body is not valid JSON."),
    "extra_forbidden": lambda ctx: _("This field is not accepted here."),
}


def translated_validation_detail(errors: list[dict[str, Any]]) -> list[FieldError]:
    """Ninja's request validation errors with their messages in the user's language where we know them."""
    translated = []
    for error in errors:
        message = _MESSAGES.get(str(error.get("type")))
        try:
            msg = message(error.get("ctx", {})) if message else error["msg"]
        except (KeyError, TypeError, ValueError):
            msg = error["msg"]  # a context shaped unlike the one the message expects: keep pydantic's
        translated.append({**error, "msg": msg})
    return translated
