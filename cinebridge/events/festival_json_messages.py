"""The festival engines' input refusals (`FestivalInputError` codes and params) worded in the user's
language, for the `eligibility` and `jury` commands and endpoints.

The reader is pure Python and words its errors in English; the path (`film.runtime`) is given beside
the sentence, not inside it. The sentences are those of the schedule's and royalties' refusals, so
they are translated once. The problems of an eligible-or-not answer are worded by
`eligibility_messages.problem_message`.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from cinebridge.core.engine.jsonin import path_location

from .engine.festival_json import FestivalInputError

__all__ = ["festival_error_location", "festival_error_message", "festival_error_text"]


def festival_error_location(error: FestivalInputError) -> list[str | int]:
    """The error's path as the API names places in a body: `["body", "scores", 2, "member"]`."""
    return ["body", *path_location(error.path)]


def festival_error_message(error: FestivalInputError) -> str:
    """One sentence saying what is wrong at the error's path, in the active language."""
    messages = {
        "object": _("Send an object here."),
        "list": _("Send a list here."),
        "required": _("This field is required."),
        "unknown": _("“%(key)s” is not a field here; the fields are: %(known)s."),
        "text": _("Enter a text."),
        "number": _("Enter a whole number from %(minimum)s to %(maximum)s."),
        "boolean": _("Enter true or false."),
        "choice": _("“%(value)s” is not one of %(choices)s."),
        "date": _("“%(value)s” is not a date such as 2026-05-02."),
        "country": _("“%(value)s” is not a country code such as IR or BY."),
        "min_max": _("The maximum (%(max)s) is below the minimum (%(min)s)."),
        "order": _("The period ends before it starts."),
        "unique": _("The id “%(value)s” is already used at %(other)s."),
    }
    message = messages.get(error.code)
    if message is None:
        return error.message
    try:
        return message % {key: str(value) for key, value in error.params.items()}
    except (KeyError, ValueError, TypeError):  # params missing: the reader's own words still help
        return error.message


def festival_error_text(error: FestivalInputError) -> str:
    """`path: sentence`, for a command line."""
    message = festival_error_message(error)
    return f"{error.path}: {message}" if error.path else message
