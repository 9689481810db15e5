"""Alphabetical order per language, where Unicode code-point order is wrong (Persian, Arabic, Cyrillic)."""

from functools import cache

from .text_keys import normalize_for_search

# The letters in each alphabet's own order, after normalize_for_search (which folds ك→ک, ي→ی, أ/آ→ا, ё→е).
ALPHABETS = {
    "fa": "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی",
    "ar": "ابتثجحخدذرزسشصضطظعغفقکلمنهوی",
    "ru": "абвгдежзийклмнопрстуфхцчшщъыьэюя",
    "be": "абвгдежзійклмнопрстуўфхцчшыьэюя",
}
_OTHER = 10_000  # letters outside the alphabet sort after it, by code point


@cache
def _ranks(language: str) -> dict[str, int]:
    return {letter: i for i, letter in enumerate(ALPHABETS.get(language, ""))}


def collation_key(text: str, language: str) -> tuple[int, ...]:
    """A sort key that orders `text` as a dictionary of `language` would."""
    ranks = _ranks(language.split("-")[0])
    return tuple(ranks.get(ch, _OTHER + ord(ch)) for ch in normalize_for_search(text))
