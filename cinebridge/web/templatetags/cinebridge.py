"""Template helpers for multilingual pages: digits, dual calendars, names from vocabularies, translations,
texts typed in several languages."""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django import template
from django.utils.safestring import SafeString

from cinebridge.core.engine.digits import localize_digits
from cinebridge.core.i18n import active_language, dual_date_html, name_in, text_in, translated_text
from cinebridge.core.vocabularies import country_name, language_name

register = template.Library()


@register.filter
def digits(value: Any) -> str:
    """The value as text with the active language's digits (Persian digits in fa)."""
    return localize_digits(str(value), active_language())


@register.simple_tag
def dual_date(value: date | datetime | None) -> SafeString | str:
    """A date in the active language; in fa the Solar Hijri date first, the Gregorian one beside it."""
    return dual_date_html(value)


@register.filter
def country(code: str) -> str:
    return country_name(code)


@register.filter
def language(code: str) -> str:
    return language_name(code)


@register.filter
def translated(obj: Any, attribute: str = "title") -> str:
    """The object's text in the active language, else English, else its original (films and organisations)."""
    originals = {"title": getattr(obj, "original_title", ""), "name": getattr(obj, "name", "")}
    return translated_text(obj.translations.all(), attribute, str(originals.get(attribute) or ""))


@register.filter
def names(value: Mapping[str, str] | None) -> str:
    """A {language: text} map in the active language, else English, else its first text."""
    if not value:
        return ""
    return text_in(value) or next((text for text in value.values() if text), "")


@register.filter
def person_name(person: Any) -> str:
    """The person's name in the active language, else English, else any script it is recorded in."""
    chosen = name_in(list(person.names.all()))
    return chosen.name if chosen is not None else str(person)


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters changed (for pagination and filter links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
