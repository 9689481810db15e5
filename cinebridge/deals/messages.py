"""The financial-terms engine's refusals (`TermsError` codes) worded in the user's language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .engine.terms import TermsError


def terms_error_message(error: TermsError) -> str:
    """A sentence naming the term (its path in the terms, e.g. theatrical.percent_by_week[2]) and what is wrong."""
    values: dict[str, object] = {
        "path": error.path or _("the financial terms"),
        "value": error.params.get("value", ""),
        "key": error.params.get("key", ""),
        "currency": error.params.get("currency", ""),
        "minor_units": error.params.get("minor_units", ""),
        "choices": error.params.get("choices", ""),
    }
    messages = {
        "object": _("%(path)s: expected a group of terms."),
        "unknown": _("“%(key)s” is not a financial term."),
        "amount": _(
            "%(path)s: “%(value)s” is not an amount of %(currency)s "
            "(zero or more, at most %(minor_units)s decimals)."
        ),
        "amount_too_large": _("%(path)s: “%(value)s” is too large an amount."),
        "percent": _("%(path)s: “%(value)s” is not a percentage from 0 to 100."),
        "percent_decimals": _("%(path)s: “%(value)s” has more than six decimals; round the percentage."),
        "list": _("%(path)s: give the percentage of each playing week, such as 50, 45, 40."),
        "required": _("%(path)s is required."),
        "choice": _("%(path)s: “%(value)s” is not one of %(choices)s."),
        "media": _("%(path)s: “%(value)s” is not a media code such as THEATRICAL or SVOD."),
        "currency": _("“%(value)s” is not an ISO 4217 currency code."),
    }
    message = messages.get(error.code)
    if message is None:
        return _("%(path)s: these financial terms cannot be read.") % values
    return message % values
