"""Search keys for multilingual catalogue text: one normaliser, a cross-script skeleton and a scorer.

The same `normalize_for_search` runs when a document is indexed and when a query is parsed, so both
sides always agree. The skeleton transliterates Persian, Arabic, Russian and Belarusian to a Latin
consonant frame (vowels dropped, near-equivalent consonants folded), so that Khazaei, خزاعی and Хазаи
all become "hz".
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from cinebridge.core.engine.digits import to_ascii_digits

# --- Normalisation ------------------------------------------------------------------------------

# Arabic and Persian write the same letters with different code points; the Persian forms win.
_ARABIC_TO_PERSIAN = {
    "ي": "ی",
    "ى": "ی",
    "ئ": "ی",
    "ۓ": "ی",
    "ے": "ی",
    "ك": "ک",
    "ة": "ه",
    "ۀ": "ه",
    "ۂ": "ه",
    "ہ": "ه",
    "ھ": "ه",
    "ە": "ه",
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ؤ": "و",
}

# Invisible or optional marks: vowel signs, tatweel, joiners and bidi controls never change a word.
_ARABIC_MARKS = (
    [chr(c) for c in range(0x0610, 0x061B)]  # honorifics and small Quranic signs
    + [chr(c) for c in range(0x064B, 0x0660)]  # tanwin, harakat, shadda, sukun, madda, hamza marks
    + ["\u0670"]  # superscript alef
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)
_INVISIBLES = ["\u0640", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\u00ad", "\ufeff"]
# Apostrophes are dropped, not spaced, so that Ja'far and O'Brien stay one word.
_APOSTROPHES = ["'", "\u2019", "\u2018", "\u02bc", "\u02bb", "`", "\u00b4"]
# Latin letters that Unicode does not decompose into a base letter and a mark.
_LATIN_LETTERS = str.maketrans(
    {"ø": "o", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th", "ı": "i", "ħ": "h"}
)

_NORMALISE_TABLE = str.maketrans(
    {
        **_ARABIC_TO_PERSIAN,
        **dict.fromkeys(_ARABIC_MARKS + _INVISIBLES + _APOSTROPHES),
        "ё": "е",
    }
)

# Scripts whose combining marks are accents to drop; other scripts keep theirs (Indic vowel signs).
_MARK_DROPPING_SCRIPTS = ("LATIN", "CYRILLIC", "ARABIC", "GREEK")


# Words recur across a catalogue (and every skeleton normalises its word again): memoise.
@lru_cache(maxsize=65536)
def normalize_for_search(text: str) -> str:
    """The form of `text` that the index stores and queries are compared against."""
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    text = to_ascii_digits(text.translate(_NORMALISE_TABLE))
    text = unicodedata.normalize("NFKC", _strip_accents(text))
    return " ".join(_spaced_punctuation(text).split())


def search_tokens(text: str) -> list[str]:
    """The normalised words of `text`."""
    return normalize_for_search(text).split()


def _strip_accents(text: str) -> str:
    """Drop Latin diacritics (é → e) and stray combining marks, keeping й and ў whole."""
    out: list[str] = []
    keep_marks = False
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Me"):
            if keep_marks:
                out.append(ch)
            continue
        script = _script_of(ch)
        keep_marks = script is not None and script not in _MARK_DROPPING_SCRIPTS
        out.append(_latin_base(ch) if script == "LATIN" else ch)
    return "".join(out)


@lru_cache(maxsize=4096)
def _script_of(ch: str) -> str | None:
    """The script named in the Unicode name of a letter, None for anything that is not a letter."""
    if not unicodedata.category(ch).startswith("L"):
        return None
    return unicodedata.name(ch, "?").split(" ", 1)[0]


@lru_cache(maxsize=4096)
def _latin_base(ch: str) -> str:
    """A Latin letter without its diacritics."""
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return base.translate(_LATIN_LETTERS)


def _spaced_punctuation(text: str) -> str:
    """Replace punctuation, symbols and control characters with spaces."""
    return "".join(" " if unicodedata.category(ch)[0] in "PSZC" else ch for ch in text)


# --- Skeleton -----------------------------------------------------------------------------------

# Internal consonant classes: S = sh, C = ch, j = j/zh/dzh; "" means a vowel, dropped.
_LATIN_DIGRAPHS = {
    "shch": "S",
    "dzh": "j",
    "sch": "S",
    "kh": "h",
    "gh": "g",
    "sh": "S",
    "ch": "C",
    "zh": "j",
    "dj": "j",
    "dz": "d",  # Belarusian Dz- romanises дз, which sounds as d in Dmitry
    "ph": "f",
    "th": "t",
    "ck": "k",
}
_LATIN_LETTERS_SKELETON = {
    **dict.fromkeys("aeiouy", ""),
    "c": "k",  # Victor ~ Viktor
    "q": "g",  # ق is g in Persian (Ghasem, Qasem)
    "x": "ks",  # Alexei ~ Алексей
    "w": "f",
    "v": "f",
    "p": "b",  # Arabic writes پ as ب
}
_CYRILLIC_DIGRAPHS = {"дж": "j", "дз": "d"}  # Маджид ~ Majid; Дзмітрый ~ Dmitry
_CYRILLIC_LETTERS = {
    **dict.fromkeys("аеиоуыэюяіїєйьъ", ""),
    "б": "b",
    "в": "f",
    "г": "g",
    "ґ": "g",
    "д": "d",
    "ж": "j",
    "з": "z",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "п": "b",
    "р": "r",
    "с": "s",
    "т": "t",
    "ў": "f",  # Belarusian Кальцоў ~ Koltsov
    "ф": "f",
    "х": "h",
    "ц": "ts",
    "ч": "C",
    "ш": "S",
    "щ": "S",
}
# After normalisation only the Persian letter forms remain; و and final ه are decided by context.
_PERSIAN_LETTERS = {
    **dict.fromkeys("ایءع", ""),
    "ب": "b",
    "پ": "b",
    "ت": "t",
    "ط": "t",
    "ث": "s",
    "س": "s",
    "ص": "s",
    "ج": "j",
    "ژ": "j",
    "چ": "C",
    "ح": "h",
    "خ": "h",
    "ه": "h",
    "د": "d",
    "ذ": "z",
    "ز": "z",
    "ض": "z",
    "ظ": "z",
    "ر": "r",
    "ش": "S",
    "غ": "g",
    "ق": "g",
    "ف": "f",
    "ک": "k",
    "گ": "g",
    "ل": "l",
    "م": "m",
    "ن": "n",
}
_PERSIAN_VOWEL_LETTERS = frozenset("ای")
_UNIT_PATTERN = re.compile(
    "|".join(sorted({*_LATIN_DIGRAPHS, *_CYRILLIC_DIGRAPHS}, key=len, reverse=True)) + "|.", re.DOTALL
)
_UNIT_TABLE = {**_LATIN_LETTERS_SKELETON, **_LATIN_DIGRAPHS, **_CYRILLIC_LETTERS, **_CYRILLIC_DIGRAPHS}
_UNIT_TABLE |= _PERSIAN_LETTERS
# A Latin h after a vowel at the end of a word spells the silent ه of Fatemeh or Allah.
_SILENT_FINAL_H = re.compile(r"(?<=[aeiouy])h$")


def skeleton(token: str) -> str:
    """The cross-script consonant key of a word, e.g. "frhd" for Farhadi, فرهادی and Фархадзі."""
    return "".join(_word_skeleton(word) for word in normalize_for_search(token).split())


def skeleton_keys(text: str) -> list[str]:
    """The non-empty skeletons of the words of `text`."""
    return [key for key in map(_word_skeleton, search_tokens(text)) if key]


@lru_cache(maxsize=65536)
def _word_skeleton(word: str) -> str:
    """The skeleton of one normalised word."""
    word = _SILENT_FINAL_H.sub("", word)
    units = _UNIT_PATTERN.findall(word)
    frame = "".join(_unit_sound(units, i) for i in range(len(units)))
    return _collapse_doubles(frame)


def _unit_sound(units: Sequence[str], i: int) -> str:
    """The consonant class of the letter or digraph at `i`, with و and final ه read in context."""
    unit = units[i]
    if unit == "و":
        return "f" if _persian_vav_is_consonant(units, i) else ""
    if unit == "ه" and i == len(units) - 1 and i > 0:
        return ""  # word-final ه is the vowel of خانه or the ة of Arabic names
    return _UNIT_TABLE.get(unit, unit)


def _persian_vav_is_consonant(units: Sequence[str], i: int) -> bool:
    """Whether و is read v (Vahid, Navid, Javad, Davood) rather than o/u (Turov, Koltsov)."""
    previous = units[i - 1] if i > 0 else None
    following = units[i + 1] if i + 1 < len(units) else None
    return previous is None or previous == "ا" or following in _PERSIAN_VOWEL_LETTERS


def _collapse_doubles(frame: str) -> str:
    """Merge repeated consonants, which one script doubles and another writes once (Abbas, عباس)."""
    return "".join(ch for i, ch in enumerate(frame) if i == 0 or frame[i - 1] != ch)


# --- Scoring ------------------------------------------------------------------------------------

EXACT = 1.0
PREFIX = 0.75
SKELETON = 0.5
SKELETON_PREFIX = 0.25
# Prefixes shorter than these match too much to be worth anything.
MIN_PREFIX_LENGTH = 2
MIN_SKELETON_PREFIX_LENGTH = 3


@dataclass(frozen=True, slots=True)
class DocumentKeys:
    """The sorted, de-duplicated normalised tokens and skeletons of a document's names."""

    tokens: tuple[str, ...]
    skeletons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QueryKeys:
    """The normalised tokens of a query, each with its skeleton, in query order."""

    terms: tuple[tuple[str, str], ...]


def document_keys(names: Iterable[str]) -> DocumentKeys:
    """Precompute the keys of a document (a person, a film) from all the names it is known by."""
    if isinstance(names, str):
        names = [names]
    tokens = {token for name in names for token in search_tokens(name)}
    skeletons = {key for key in map(_word_skeleton, tokens) if key}
    return DocumentKeys(tokens=tuple(sorted(tokens)), skeletons=tuple(sorted(skeletons)))


def query_keys(query: str) -> QueryKeys:
    """Precompute the keys of a query, to score it against many documents."""
    return QueryKeys(terms=tuple((token, _word_skeleton(token)) for token in search_tokens(query)))


def match_score(query: str | QueryKeys, document: Iterable[str] | DocumentKeys) -> float:
    """How well a query matches a document: 0 when nothing matches, higher is better.

    Each query token takes its best match among the document's tokens, in falling order: the same
    normalised token (1.0), a prefix of one of at least 2 characters (0.75), the same skeleton (0.5),
    a prefix of a skeleton of at least 3 consonants (0.25). The score is the number of query tokens
    that matched, plus half the mean of these weights over all query tokens; so a document matching
    more query tokens always ranks above one matching fewer, and among equals the closer matches win.
    Either side may be passed precomputed (`query_keys`, `document_keys`) so callers can cache them.
    """
    q = query if isinstance(query, QueryKeys) else query_keys(query)
    doc = document if isinstance(document, DocumentKeys) else document_keys(document)
    if not q.terms:
        return 0.0
    weights = [_term_weight(token, key, doc) for token, key in q.terms]
    matched = sum(1 for w in weights if w > 0)
    if not matched:
        return 0.0
    return matched + 0.5 * sum(weights) / len(weights)


def _term_weight(token: str, key: str, doc: DocumentKeys) -> float:
    """The weight of the best match of one query token in a document."""
    if _contains(doc.tokens, token):
        return EXACT
    if len(token) >= MIN_PREFIX_LENGTH and _has_prefix(doc.tokens, token):
        return PREFIX
    if key and _contains(doc.skeletons, key):
        return SKELETON
    if len(key) >= MIN_SKELETON_PREFIX_LENGTH and _has_prefix(doc.skeletons, key):
        return SKELETON_PREFIX
    return 0.0


def _contains(sorted_values: tuple[str, ...], value: str) -> bool:
    """Whether a sorted tuple holds `value`."""
    i = bisect.bisect_left(sorted_values, value)
    return i < len(sorted_values) and sorted_values[i] == value


def _has_prefix(sorted_values: tuple[str, ...], prefix: str) -> bool:
    """Whether a sorted tuple holds a value that starts with `prefix`."""
    i = bisect.bisect_left(sorted_values, prefix)
    return i < len(sorted_values) and sorted_values[i].startswith(prefix)
