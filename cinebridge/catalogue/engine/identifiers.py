"""Film identifiers: EIDR content IDs and ISANs with their ISO 7064 check characters, and IMDb ids."""

from __future__ import annotations

import re
from typing import Literal

IdentifierErrorCode = Literal["eidr_format", "eidr_check", "isan_format", "isan_check", "imdb_format"]

IDENTIFIER_ERROR_CODES: frozenset[str] = frozenset(
    {"eidr_format", "eidr_check", "isan_format", "isan_check", "imdb_format"}
)

EIDR_PREFIX = "10.5240/"

# ISO 7064 Mod 37,36 reads its input in this alphabet; hexadecimal digits are its first sixteen values.
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_MODULUS = 36

_HEX = re.compile(r"[0-9A-F]+")
_CHECK = re.compile(r"[0-9A-Z]")
# Identifiers are pasted from documents and web pages: spaces, hyphens and a DOI resolver prefix are noise.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015]+")
_EIDR_PREFIXES = re.compile(r"^(?:DOI:|HTTPS?://(?:DX\.)?DOI\.ORG/)?(?:10\.5240/)?")
_ISAN_PREFIX = re.compile(r"^(?:URN:ISAN:|ISAN:?)")
_IMDB = re.compile(
    r"^(?:(?:https?://)?(?:www\.|m\.)?imdb\.com/(?:[a-z]{2}/)?title/)?(tt\d{7,8})(?:[/?#].*)?$",
    re.IGNORECASE,
)


class IdentifierError(ValueError):
    """An identifier that is malformed or whose check character is wrong, named by a code to translate."""

    def __init__(self, code: IdentifierErrorCode, params: dict[str, object] | None = None) -> None:
        self.code: IdentifierErrorCode = code
        self.params: dict[str, object] = dict(params or {})
        super().__init__(code, self.params)

    def __str__(self) -> str:
        return f"{self.code} {self.params}"


def mod37_36_check_character(s: str) -> str:
    """The ISO/IEC 7064 Mod 37,36 check character of `s` (characters 0-9 and A-Z, upper case)."""
    product = _MODULUS
    for ch in s:
        total = (product + _ALPHABET.index(ch)) % _MODULUS or _MODULUS
        product = (total * 2) % (_MODULUS + 1)
    return _ALPHABET[(_MODULUS + 1 - product) % _MODULUS]


def eidr_check_character(hex20: str) -> str:
    """The check character of the 20 hexadecimal digits of an EIDR content ID, without separators."""
    digits = hex20.upper()
    if len(digits) != 20 or not _HEX.fullmatch(digits):
        raise IdentifierError("eidr_format", {"value": hex20})
    return mod37_36_check_character(digits)


def format_eidr(hex20: str) -> str:
    """The canonical EIDR `10.5240/XXXX-XXXX-XXXX-XXXX-XXXX-C` of 20 hexadecimal digits, check added."""
    digits = hex20.upper()
    check = eidr_check_character(digits)
    groups = "-".join(digits[i : i + 4] for i in range(0, 20, 4))
    return f"{EIDR_PREFIX}{groups}-{check}"


def parse_eidr(s: str) -> str:
    """The canonical form of an EIDR content ID typed with or without `10.5240/`, in any case and spacing."""
    body = _SEPARATORS.sub("", _EIDR_PREFIXES.sub("", s.strip().upper()))
    digits, check = body[:-1], body[-1:]
    if len(digits) != 20 or not _HEX.fullmatch(digits) or not _CHECK.fullmatch(check):
        raise IdentifierError("eidr_format", {"value": s})
    expected = mod37_36_check_character(digits)
    if check != expected:
        raise IdentifierError("eidr_check", {"value": s, "expected": expected, "found": check})
    return format_eidr(digits)


def parse_isan(s: str) -> str:
    """The canonical `ISAN root-episode-C[-version-C]` form of an ISAN, both check characters verified."""
    body = _SEPARATORS.sub("", _ISAN_PREFIX.sub("", s.strip().upper()))
    # Only the printed forms are accepted: without its check characters an ISAN has no typo protection.
    if len(body) not in (17, 26):
        raise IdentifierError("isan_format", {"value": s})
    work, check1, version, check2 = body[:16], body[16], body[17:25], body[25:]
    checks_ok = all(_CHECK.fullmatch(c) for c in (check1, check2) if c)
    if not _HEX.fullmatch(work + version) or not checks_ok:
        raise IdentifierError("isan_format", {"value": s})
    _verify_isan_check(s, work, check1, position=1)
    if version:
        # The version's check character covers root, episode and version, not the first check character.
        _verify_isan_check(s, work + version, check2, position=2)
    groups = [work[0:4], work[4:8], work[8:12], work[12:16], check1]
    if version:
        groups += [version[0:4], version[4:8], check2]
    return "ISAN " + "-".join(groups)


def _verify_isan_check(s: str, digits: str, check: str, *, position: int) -> None:
    """Raise `isan_check` unless `check` is the Mod 37,36 check character of `digits`."""
    expected = mod37_36_check_character(digits)
    if check != expected:
        raise IdentifierError(
            "isan_check", {"value": s, "expected": expected, "found": check, "position": position}
        )


def parse_imdb_id(s: str) -> str:
    """The `tt` id of an IMDb title given as the id itself or as a link to its IMDb page."""
    match = _IMDB.fullmatch(s.strip())
    if match is None:
        raise IdentifierError("imdb_format", {"value": s})
    return match.group(1).lower()
