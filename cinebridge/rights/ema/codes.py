"""Country codes and BCP 47 language tags as EMA Avails files use them: checked and put in canonical case.

The code lists (ISO 3166-1, ISO 639, ISO 15924, UN M.49) ship in `data/codes.json`. No Django import.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data" / "codes.json"


@dataclass(frozen=True, slots=True)
class _Codes:
    countries: frozenset[str]
    languages: frozenset[str]
    scripts: frozenset[str]
    m49_regions: frozenset[str]


@cache
def _codes() -> _Codes:
    raw = json.loads(_DATA.read_text(encoding="utf-8"))
    return _Codes(
        countries=frozenset(raw["countries"].split()),
        languages=frozenset(raw["languages"].split()),
        scripts=frozenset(raw["scripts"].split()),
        m49_regions=frozenset(raw["m49_regions"].split()),
    )


def is_country(code: str) -> bool:
    """Whether `code` is an ISO 3166-1 alpha-2 country code (upper case, as Avails writes it)."""
    return code in _codes().countries


def is_m49_region(code: str) -> bool:
    """Whether `code` is a UN M.49 area the language-tag registry uses ("001" world, "419" Latin America)."""
    return code in _codes().m49_regions


# RFC 5646 §2.1, without the grandfathered tags (handled below).
_LANGTAG = re.compile(
    r"""^
    (?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})
    (?:-(?P<script>[a-z]{4}))?
    (?:-(?P<region>[a-z]{2}|[0-9]{3}))?
    (?P<variants>(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*)
    (?P<extensions>(?:-[a-wy-z0-9](?:-[a-z0-9]{2,8})+)*)
    (?:-(?P<private>x(?:-[a-z0-9]{1,8})+))?
    $""",
    re.VERBOSE,
)
_PRIVATE_ONLY = re.compile(r"^x(?:-[a-z0-9]{1,8})+$")
_GRANDFATHERED = frozenset(
    {
        "en-gb-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo",
        "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-be-fr", "sgn-be-nl", "sgn-ch-de", "art-lojban",
        "cel-gaulish", "no-bok", "no-nyn", "zh-guoyu", "zh-hakka", "zh-min", "zh-min-nan", "zh-xiang",
    }
)  # fmt: skip


class LanguageTagError(ValueError):
    """A language tag that is malformed or uses a subtag no registry knows; `code` says which."""

    def __init__(self, code: str, subtag: str = "") -> None:
        super().__init__(code, subtag)
        self.code = code  # "malformed", "unknown_language", "unknown_script", "unknown_region"
        self.subtag = subtag


def canonical_language_tag(tag: str) -> str:
    """The tag in canonical case ("EN" → "en"), or LanguageTagError (see `_canonical`)."""
    answer = _canonical_cached(tag)
    if isinstance(answer, LanguageTagError):
        raise LanguageTagError(answer.code, answer.subtag)
    return answer


@lru_cache(maxsize=4096)
def _canonical_cached(tag: str) -> str | LanguageTagError:
    # Files repeat the same few tags thousands of times: remember the answers, refusals included.
    try:
        return _canonical(tag)
    except LanguageTagError as error:
        return error


def _canonical(tag: str) -> str:
    """The tag in canonical case ("EN" → "en", "es-419", "zh-hant-tw" → "zh-Hant-TW"), or LanguageTagError.

    Besides being well formed, the language, script and region subtags must exist: a three-letter
    language code is refused where a two-letter one exists ("eng" → use "en"), as in the IANA registry,
    and regions must be ISO 3166-1 countries or UN M.49 areas (private-use regions such as "XX" mean
    nothing to a counterparty). Variants and extensions are only checked for form.
    """
    text = tag.strip().lower().replace("_", "-")
    if text in _GRANDFATHERED or _PRIVATE_ONLY.match(text):
        return text
    match = _LANGTAG.match(text)
    if match is None:
        raise LanguageTagError("malformed")
    codes = _codes()
    language = match["language"]
    primary, *extlangs = language.split("-")
    if not (primary in codes.languages or "qaa" <= primary <= "qtz"):
        raise LanguageTagError("unknown_language", primary)
    for extlang in extlangs:
        if extlang not in codes.languages:
            raise LanguageTagError("unknown_language", extlang)
    parts = [language]
    if match["script"]:
        script = match["script"].title()
        if script not in codes.scripts and not ("Qaaa" <= script <= "Qabx"):
            raise LanguageTagError("unknown_script", script)
        parts.append(script)
    if match["region"]:
        region = match["region"].upper()
        if region not in codes.countries and region not in codes.m49_regions:
            raise LanguageTagError("unknown_region", region)
        parts.append(region)
    tail = (match["variants"] or "") + (match["extensions"] or "")
    if match["private"]:
        tail += "-" + match["private"]
    return "-".join(parts) + tail
