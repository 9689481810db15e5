"""Exhibition in words: a moment in a cinema's own time zone, money in its currency's minor units.

Datetimes are stored in UTC; people at a cinema think in its local clock, so a KDM window is shown
in the cinema's zone with the zone named beside it, and the UTC moment in the `title` for whoever
sends the key from another country. Amounts are shown with exactly the minor units of their currency
(EUR 2, JPY 0, KWD 3), grouped as the active language groups digits, Persian digits in fa.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.numbers import format_decimal
from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString

from cinebridge.core.engine.calendars import format_jalali_long
from cinebridge.core.engine.digits import localize_digits
from cinebridge.core.engine.money import minor_units
from cinebridge.core.i18n import active_language

register = template.Library()

# What an amount in a currency the money engine does not know is shown with.
FALLBACK_MINOR_UNITS = 2


def zone_of(time_zone: str) -> ZoneInfo:
    """The IANA zone, or UTC for a name this system does not know (shown as such, never guessed)."""
    try:
        return ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def utc_offset_text(moment: datetime) -> str:
    """ "UTC+03:30" for a local moment (ASCII: offsets are read left to right in every language)."""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def local_datetime_html(value: datetime | None, time_zone: str) -> SafeString | str:
    """A UTC moment as the cinema's local date and time with its zone; the UTC moment on hover."""
    if value is None:
        return ""
    zone = zone_of(time_zone)
    local = value.astimezone(zone)
    language = active_language()
    day = local.date()
    if language == "fa":
        date_text = (
            f"{format_jalali_long(day)} ({localize_digits(formats.date_format(day, 'DATE_FORMAT'), 'fa')})"
        )
    else:
        date_text = formats.date_format(day, "DATE_FORMAT")
    clock = localize_digits(local.strftime("%H:%M"), language)
    utc_text = value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return format_html(
        '<span class="cb-local-time" title="{}">'
        '<time datetime="{}">{} {}</time> '
        '<small class="text-body-secondary">(<bdi dir="ltr">{}, {}</bdi>)</small></span>',
        utc_text,
        local.isoformat(timespec="minutes"),
        date_text,
        clock,
        zone.key,
        utc_offset_text(local),
    )


@register.simple_tag
def local_datetime(value: datetime | None, time_zone: str) -> SafeString | str:
    """`{% local_datetime kdm.valid_from cinema.time_zone %}`: see `local_datetime_html`."""
    return local_datetime_html(value, time_zone)


def money_text(amount: Decimal | str | None, currency: str) -> str:
    """An amount with its currency's minor units, in the active language's digits and grouping."""
    if amount is None or amount == "":
        return ""
    try:
        value = Decimal(str(amount))
        places = minor_units(currency)
    except InvalidOperation:
        return str(amount)
    except ValueError:
        places = FALLBACK_MINOR_UNITS
    # Stored amounts carry at most the currency's units; the quantize only pads with zeros.
    value = value.quantize(Decimal(1).scaleb(-places))
    pattern = "#,##0" + ("." + "0" * places if places else "")
    language = active_language()
    text = format_decimal(value, format=pattern, locale=language, numbering_system="default")
    return f"{localize_digits(text, language)}\u00a0{currency}"


@register.filter
def money(amount: Decimal | str | None, currency: str) -> SafeString:
    """`{{ expense.amount|money:expense.currency }}` → "1,250.00 EUR", isolated for right-to-left text."""
    text = money_text(amount, currency)
    return format_html('<bdi class="cb-money text-nowrap">{}</bdi>', text) if text else SafeString("")


@register.filter
def codes(text: str | None) -> list[str]:
    """A space-separated list of codes as a list (`delivery.missing_languages|codes`)."""
    return (text or "").split()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """`reported|get_item:booking.pk`: a value of a dict by a key the template computes."""
    return mapping.get(key) if hasattr(mapping, "get") else None
