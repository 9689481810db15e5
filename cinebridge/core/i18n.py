"""Choosing among translations: the active language, then English, then the original."""

from collections.abc import Iterable
from typing import Protocol, TypeVar

from django.utils.translation import get_language


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
