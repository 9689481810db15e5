"""Royalty statements in words: what each line is, which terms it used, how an amount was converted.

The engine's document names lines by key ("distribution_fee:SVOD") and terms by path
("theatrical.percent_by_week[1]"); these helpers say them in the active language, with the values
read from the terms the statement was computed with, so that a reader can check every figure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal
from django import template
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cinebridge.core.engine.digits import localize_digits
from cinebridge.core.i18n import active_language
from cinebridge.deals.templatetags.deals import percent_text
from cinebridge.exhibition.templatetags.exhibition import money_text
from cinebridge.rights.engine.vocabulary import ExpressionError, load_vocabularies

register = template.Library()

LINE_LABELS = {
    "gross_receipts": gettext_lazy("Gross receipts"),
    "distribution_fee": gettext_lazy("Distribution fees"),
    "expenses_incurred": gettext_lazy("Expenses incurred"),
    "expenses_recouped": gettext_lazy("Expenses recouped"),
    "remaining": gettext_lazy("Remaining after fees and expenses"),
    "minimum_guarantee": gettext_lazy("Minimum guarantee"),
    "mg_recouped": gettext_lazy("Minimum guarantee recouped"),
    "overage": gettext_lazy("Overage"),
    "flat_fee": gettext_lazy("Flat fee"),
    "entitlement": gettext_lazy("Licensor's entitlement to date"),
    "previously_reported": gettext_lazy("Previously reported (advances and earlier statements)"),
    "payable": gettext_lazy("Payable for this statement"),
    "carried_forward": gettext_lazy("Carried forward (paid in excess)"),
}
# Lines a reader looks for first.
KEY_LINES = frozenset({"entitlement", "payable", "carried_forward", "gross_receipts"})
_INDEXED = re.compile(r"^(?P<name>[a-z_.]+)\[(?P<index>\d+)\]$")


def media_name(code: str) -> str:
    try:
        return load_vocabularies().media.name(code, active_language())
    except ExpressionError:
        return code


@register.filter
def line_label(key: str) -> str:
    """The statement line's name: "Distribution fee: Subscription video on demand"."""
    kind, _sep, medium = key.partition(":")
    if medium and kind == "receipts":
        return _("Receipts: %(media)s") % {"media": media_name(medium)}
    if medium and kind == "distribution_fee":
        return _("Distribution fee: %(media)s") % {"media": media_name(medium)}
    return str(LINE_LABELS.get(key, key))


@register.filter
def is_key_line(key: str) -> bool:
    return key in KEY_LINES


@register.filter
def is_week_id(ref: str) -> bool:
    """Whether a source is a week line of the statement ("B12:w3") rather than a report row."""
    return ":w" in ref


@register.filter
def anchor(ref: str) -> str:
    """An HTML id for a week line or a source row."""
    return "src-" + re.sub(r"[^A-Za-z0-9_-]", "-", ref)


def _term_value(terms: Mapping[str, Any], path: str) -> Any:
    """The value at a term path ("theatrical.percent_by_week[1]"), or None."""
    match = _INDEXED.match(path)
    name, index = (match["name"], int(match["index"])) if match else (path, None)
    value: Any = terms
    for part in name.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    if index is not None:
        return value[index] if isinstance(value, list) and index < len(value) else None
    return value


def _scale_text(values: Any) -> str:
    if not isinstance(values, list):
        return str(values)
    return " → ".join(percent_text(value) for value in values)


@register.simple_tag
def term_text(path: str, terms: Mapping[str, Any], currency: str) -> str:
    """A term the statement used, with its value: "Minimum guarantee: 20,000.00 EUR"."""
    value = _term_value(terms, path)
    if path == "theatrical":
        theatrical = value if isinstance(value, Mapping) else {}
        text = _("Film rental by playing week: %(scale)s of the net box office") % {
            "scale": _scale_text(theatrical.get("percent_by_week"))
        }
        if theatrical.get("over_nut_percent_by_week"):
            text += "; " + _("or %(scale)s over the house nut, whichever is higher") % {
                "scale": _scale_text(theatrical["over_nut_percent_by_week"])
            }
        return text
    if path.startswith("distribution_fee_percent."):
        return _("Distribution fee for %(media)s: %(percent)s") % {
            "media": media_name(path.partition(".")[2]),
            "percent": percent_text(value),
        }
    texts = {
        "minimum_guarantee": _("Minimum guarantee: %(amount)s"),
        "flat_fee": _("Flat fee: %(amount)s"),
        "expenses_cap": _("Recoupable expenses capped at %(amount)s"),
    }
    if path in texts:
        return texts[path] % {"amount": money_text(value, currency)}
    if path == "on_demand.revenue_share_percent":
        return _("Licensor's share of platform revenue: %(percent)s") % {"percent": percent_text(value)}
    return f"{path}: {value}"


@register.simple_tag
def week_terms(week: Mapping[str, Any], terms: Mapping[str, Any]) -> str:
    """How a week's film rental was found: "Week 2: 45 % of the net box office or 90 % over the house
    nut of 4,500.00 BYN — the percentage of the net was higher"."""
    language = active_language()
    number = localize_digits(str(week["playing_week"]), language)
    paths = list(week.get("terms", ()))
    if week.get("basis") == "none" or not paths:
        return _("Week %(week)s: the terms set no film rental.") % {"week": number}
    percent = _term_value(terms, paths[0])
    text = _("Week %(week)s: %(percent)s of the net box office") % {
        "week": number,
        "percent": percent_text(percent),
    }
    step_match = _INDEXED.match(paths[0])
    if step_match and int(step_match["index"]) + 1 < int(week["playing_week"]):
        text += " " + _("(the scale's last step, which repeats)")
    if len(paths) > 1:
        text += " " + _("or %(percent)s over the house nut of %(nut)s") % {
            "percent": percent_text(_term_value(terms, paths[1])),
            "nut": money_text(week.get("house_nut"), week["currency"]),
        }
        if week.get("basis") == "over_nut":
            text += " — " + _("the share over the house nut was higher")
        else:
            text += " — " + _("the percentage of the net was higher")
    return text


@register.simple_tag
def conversion_text(conversion: Mapping[str, Any] | None) -> str:
    """ "1 BYN = 0.28 EUR (NBRB, 31 December 2025)": the rate a conversion used, its source and date."""
    if not conversion:
        return ""
    language = active_language()
    rate = format_decimal(Decimal(conversion["rate"]), locale=language, decimal_quantization=False,
                          numbering_system="default")  # fmt: skip
    # An isolate (LRI…PDI) keeps "1 BYN = 0.28 EUR" in its own order inside a right-to-left sentence.
    formula = localize_digits(f"\u2066{format_decimal(1, locale=language)} {conversion['from']} = {rate} "
                              f"{conversion['to']}\u2069", language)  # fmt: skip
    source = conversion.get("source") or _("source not recorded")
    text = _("%(formula)s (%(source)s, %(date)s)") % {
        "formula": formula,
        "source": source,
        "date": localize_digits(
            formats.date_format(date.fromisoformat(conversion["date"]), "DATE_FORMAT"), language
        ),
    }
    if conversion.get("inverse"):
        text += " " + _("— divided by this rate")
    return text


@register.filter
def iso_date(value: str) -> date:
    """A date from the document's ISO text, for the date tags."""
    return date.fromisoformat(value)
