"""Template helpers of the events pages: names typed in several languages, and times on a venue's clock.

Screenings are stored in UTC and shown on the clock of the venue they play at; a programme's days are
the host's calendar days, shown in fa with the Solar Hijri date first (core.i18n.dual_date_html).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cinebridge.core.engine.digits import localize_digits
from cinebridge.core.i18n import active_language, dual_date_html
from cinebridge.events.curation import subtitles_missing_message
from cinebridge.web.templatetags.cinebridge import names

register = template.Library()


# The pages load this library for `names` too: the one of web's cinebridge library.
register.filter("names", names)


def _zone(screening: Any) -> ZoneInfo:
    return ZoneInfo(screening.hall.venue.time_zone)


def _clock(moment: datetime) -> str:
    return localize_digits(f"{moment:%H:%M}", active_language())


@register.filter
def in_zone(value: datetime | None, zone: str) -> datetime | None:
    """The moment on the clock of the IANA zone `zone`."""
    return value.astimezone(ZoneInfo(zone)) if value is not None else None


@register.filter
def clock(value: datetime | None, zone: str = "") -> str:
    """The time of day of a moment ("18:30", in the active language's digits), on `zone`'s clock."""
    if value is None:
        return ""
    return _clock(value.astimezone(ZoneInfo(zone)) if zone else value)


@register.filter
def local_start(screening: Any) -> str:
    """When a screening starts, on its venue's clock."""
    return _clock(screening.starts_at.astimezone(_zone(screening)))


@register.filter
def local_end(screening: Any) -> str:
    """When a screening's film ends, on its venue's clock."""
    return _clock(screening.ends_at.astimezone(_zone(screening)))


@register.filter
def local_day(screening: Any) -> date:
    """The calendar day a screening starts on, at its venue."""
    start: datetime = screening.starts_at
    return start.astimezone(_zone(screening)).date()


@register.simple_tag
def day_label(day: date | None) -> SafeString | str:
    """A programme day: its weekday and date (in fa the Solar Hijri date first, the Gregorian beside it)."""
    if day is None:
        return ""
    return format_html("{} {}", formats.date_format(day, "l"), dual_date_html(day))


@register.simple_tag
def local_moment(value: datetime | None, zone: str) -> SafeString | str:
    """A date and time on `zone`'s clock (an arrival, a departure), the date as `day_label` shows it."""
    if value is None:
        return ""
    local = value.astimezone(ZoneInfo(zone))
    return format_html("{} {}", dual_date_html(local.date()), _clock(local))


def _number(value: float, places: int) -> str:
    text = f"{value:.{places}f}".rstrip("0").rstrip(".") if places else f"{value:.0f}"
    return localize_digits(text, active_language())


@register.filter
def percent(value: float | str | None) -> str:
    """A fraction as a percentage with up to two decimals ("1.25%"), in the active language's digits."""
    if value is None or value == "":
        return "—"
    return f"{_number(float(value) * 100, 2)}%"


@register.filter
def percent_of_100(value: int | None) -> str:
    """A whole percentage ("45%"), in the active language's digits."""
    if value is None:
        return "—"
    return f"{_number(float(value), 0)}%"


@register.filter
def seconds(value: float | None) -> str:
    """A duration in seconds ("12.5 s")."""
    if value is None:
        return ""
    return _("%(seconds)s s") % {"seconds": _number(float(value), 1)}


@register.filter
def subtitles_missing(missing: list[str] | None) -> str:
    """ "No subtitles in Persian or English." for the subtitle languages a film lacks."""
    return subtitles_missing_message(missing or [])
