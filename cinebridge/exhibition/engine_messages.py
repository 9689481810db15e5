"""The royalty engine's refusals (`RoyaltyInputError` codes and params) worded in the user's language.

The engine is pure Python and words its errors in English; the management command and the REST
endpoint say them in the active language with these sentences. The path (`box_office[3].gross`)
is given beside the sentence, not inside it.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .engine.jsonio import RoyaltyInputError

_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def royalty_error_location(error: RoyaltyInputError) -> list[str | int]:
    """The error's path as the API names places in a body: `["body", "box_office", 3, "gross"]`."""
    loc: list[str | int] = ["body"]
    for name, index in _SEGMENT.findall(error.path):
        loc.append(int(index) if index else name)
    return loc


def royalty_error_message(error: RoyaltyInputError) -> str:
    """One sentence saying what is wrong at the error's path, in the active language."""
    params = {key: str(value) for key, value in error.params.items()}
    messages = {
        "object": _("Send an object here."),
        "list": _("Send a list here."),
        "required": _("This field is required."),
        "unknown": _("“%(key)s” is not a field here; the fields are: %(known)s."),
        "text": _("Enter a text."),
        "date": _("“%(value)s” is not a date such as 2026-01-31."),
        "month": _("“%(value)s” is not a month such as 2026-01."),
        "number": _("Enter a whole number of at least %(minimum)s."),
        "currency": _("“%(value)s” is not an ISO 4217 currency code."),
        "amount": _(
            "“%(value)s” is not an amount of %(currency)s (zero or more, at most %(minor_units)s decimals)."
        ),
        "amount_too_large": _("“%(value)s” is too large an amount."),
        "media": _("“%(value)s” is not a media code such as THEATRICAL or SVOD."),
        "rate": _("“%(value)s” is not an exchange rate (above zero, at most %(digits)s significant digits)."),
        "unique": _("The ref “%(value)s” is already used at %(other)s."),
        "order": _("The period ends before it starts."),
        "reference": _("No booking has the ref “%(value)s”."),
        "net_negative": _("Taxes (%(taxes)s) and levies (%(levies)s) exceed the gross (%(gross)s)."),
        "week_start": _("Playing week %(week)s of booking “%(booking)s” starts on %(start)s at %(other)s."),
        "duplicate": _("%(other)s already reports the screen “%(screen)s” for this playing week."),
        "same_currency": _("An exchange rate converts between two different currencies."),
        "rate_duplicate": _("%(other)s already gives a %(from)s→%(to)s rate on %(date)s."),
        "rate_missing": _("No %(from)s→%(to)s exchange rate on or before %(date)s converts this row."),
        "percent": _("“%(value)s” is not a percentage from 0 to 100."),
        "percent_decimals": _("“%(value)s”: a percentage has at most %(decimals)s decimals."),
        "choice": _("“%(value)s” is not one of %(choices)s."),
    }
    message = messages.get(error.code)
    if message is None:
        return error.message
    try:
        return message % params
    except (KeyError, ValueError, TypeError):  # params missing: the engine's own words still help
        return error.message


def royalty_error_text(error: RoyaltyInputError) -> str:
    """`path: sentence`, for a command line."""
    message = royalty_error_message(error)
    return f"{error.path}: {message}" if error.path else message
