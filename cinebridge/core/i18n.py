"""Choosing among translations: the active language, then English, then the original."""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Protocol, TypeVar

from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.timezone import localtime
from django.utils.translation import get_language

from .engine.calendars import format_jalali_long
from .engine.digits import localize_digits


class Translated(Protocol):
    language_code: str


T = TypeVar("T", bound=Translated)

FALLBACK_LANGUAGE = "en"


def active_language() -> str:
    """The active UI language without a region suffix."""
    return (get_language() or FALLBACK_LANGUAGE).split("-")[0]


def best_translation(translations: Iterable[T], language: str | None = None) -> T | None:
    """The translation in `language`, else in English, else None (the caller shows the original)."""
    by_language = {t.language_code: t for t in translations}
    for code in (language or active_language(), FALLBACK_LANGUAGE):
        if code in by_language:
            return by_language[code]
    return None


def text_in(texts: Mapping[str, str], language: str | None = None) -> str:
    """From a {language: text} mapping, the text in `language`, else in English, else ''."""
    return texts.get(language or active_language()) or texts.get(FALLBACK_LANGUAGE, "")


def translated_text(
    translations: Iterable[Any], attribute: str, original: str, language: str | None = None
) -> str:
    """An attribute of the best translation (`language`, else English), else the original text."""
    translation = best_translation(translations, language)
    text = getattr(translation, attribute, "") if translation is not None else ""
    return str(text) if text else original


def name_in(names: Sequence[T], language: str | None = None) -> T | None:
    """The name in `language`, else in English, else the first script it is recorded in."""
    return best_translation(names, language) or (names[0] if names else None)


def dual_date_html(value: date | datetime | None) -> SafeString | str:
    """A date in the active language; in fa the Solar Hijri date first, the Gregorian one beside it."""
    if value is None:
        return ""
    day = localtime(value).date() if isinstance(value, datetime) else value
    gregorian = formats.date_format(day, "DATE_FORMAT")
    if active_language() != "fa":
        return format_html('<time datetime="{}">{}</time>', day.isoformat(), gregorian)
    return format_html(
        '<time datetime="{}"><span class="jalali">{}</span> <span class="text-body-secondary">({})</span></time>',
        day.isoformat(),
        format_jalali_long(day),
        localize_digits(gregorian, "fa"),
    )
