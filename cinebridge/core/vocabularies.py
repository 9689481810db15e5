"""Countries and languages, named in the active UI language from CLDR data (Babel)."""

from collections.abc import Iterable
from functools import cache

from babel import Locale
from django.utils.translation import get_language

from cinebridge.core.engine.collation import collation_key

# ISO 3166-1 alpha-2 codes only: CLDR also names regions ("150") and exceptional codes we do not use.
_EXCLUDED_TERRITORIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})

# Languages a film's original audio or a subtitle track is likely to be in; any ISO 639-1 code is valid.
FILM_LANGUAGES = (
    "fa", "ar", "ru", "be", "en", "az", "ku", "tr", "hy", "ka", "uk", "kk", "uz", "tg", "ps", "ur",
    "hi", "zh", "ja", "ko", "fr", "de", "it", "es", "pt", "pl", "sr", "bg", "el", "he", "lt", "lv",
)  # fmt: skip


@cache
def _locale(language_code: str) -> Locale:
    return Locale.parse(language_code or "en")


def _ui_locale() -> Locale:
    return _locale((get_language() or "en").split("-")[0])


@cache
def country_codes() -> tuple[str, ...]:
    """Every ISO 3166-1 alpha-2 code CLDR names."""
    names = _locale("en").territories
    return tuple(
        sorted(
            code
            for code in names
            if isinstance(code, str)
            and len(code) == 2
            and code.isalpha()
            and code not in _EXCLUDED_TERRITORIES
        )
    )


def country_name(code: str) -> str:
    """The country's name in the active language, or the code itself when unknown."""
    return str(_ui_locale().territories.get(code.upper(), code))


def country_choices() -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name in the active language."""
    return _by_name((code, country_name(code)) for code in country_codes())


@cache
def _country_code_set() -> frozenset[str]:
    return frozenset(country_codes())


def is_country_code(code: str) -> bool:
    """Whether `code` is an ISO 3166-1 alpha-2 code (a set lookup: bulk imports check every row)."""
    return code in _country_code_set()


def language_name(code: str) -> str:
    """The language's name in the active UI language, or the code itself when unknown."""
    return str(_ui_locale().languages.get(code, code))


def language_choices() -> list[tuple[str, str]]:
    """The film languages as (code, name) pairs sorted by name in the active language."""
    return _by_name((code, language_name(code)) for code in FILM_LANGUAGES)


def _by_name(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(code, name) pairs in the alphabetical order of the active language."""
    language = (get_language() or "en").split("-")[0]
    return sorted(pairs, key=lambda pair: collation_key(pair[1], language))


def is_language_code(code: str) -> bool:
    return code in _locale("en").languages and len(code) in (2, 3)
