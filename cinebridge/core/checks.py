"""Checks of typed input that several apps' services share: each returns the value cleaned, or refuses it
with an ApplicationError naming the field, in the user's language."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.translation import gettext as _

from .errors import ApplicationError
from .vocabularies import is_country_code


def checked_country(code: str, *, field: str) -> str:
    """An ISO 3166 country code, upper-cased."""
    code = (code or "").strip().upper()
    if not is_country_code(code):
        raise ApplicationError(
            _("“%(code)s” is not a country code.") % {"code": code}, extra={"field": field}
        )
    return code


def checked_time_zone(name: str, *, field: str = "time_zone") -> str:
    """An IANA time zone name (Europe/Minsk, Asia/Tehran)."""
    name = (name or "").strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ApplicationError(
            _("“%(zone)s” is not a time zone such as Europe/Minsk.") % {"zone": name}, extra={"field": field}
        ) from None
    return name
