"""Territory and media vocabularies of the rights app, read from the versioned JSON in `rights/data/`.

Pure Python (Babel for country names, no Django). Territories: ISO 3166-1 countries are the leaves,
named groups (UN M49 regions, trade and political groups with dated memberships) resolve to leaves
at a date. Media: a tree aligned with the IFTA definitions whose leaves carry stable integer ids.
Both are addressed with the same small expression language: "World excluding US, CA", "CIS + IR",
"ON_DEMAND excluding AVOD". docs/rights-vocabularies.md describes the data and how to change it.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from babel import Locale, UnknownLocaleError

__all__ = [
    "GROUP_KINDS",
    "LANGUAGES",
    "Expression",
    "ExpressionError",
    "Group",
    "MediaNode",
    "MediaVocabulary",
    "Membership",
    "TerritoryVocabulary",
    "Vocabularies",
    "VocabularyDataError",
    "load_vocabularies",
    "parse_expression",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LANGUAGES = ("en", "fa", "ar", "ru", "be")
GROUP_KINDS = ("m49 region", "m49 subregion", "trade", "political", "conventional")

# Groups with fewer members than this never stand for a set in `describe` ("BY + RU", not "UNION_STATE").
_TERRITORY_DESCRIBE_MIN = 3
_MEDIA_DESCRIBE_MIN = 2
_CACHE_LIMIT = 100_000
_MAX_TEXT = 4000


class ExpressionError(ValueError):
    """An expression that cannot be read or resolved.

    `token` is the offending part as the user wrote it (a form can highlight it); `code` says why,
    so that an interface can word the message in the user's language: "empty", "unknown", "syntax",
    "empty_group" (a group with no members at the date), "empty_result".
    """

    def __init__(self, message: str, *, token: str = "", code: str = "syntax") -> None:
        super().__init__(message)
        self.message = message
        self.token = token
        self.code = code

    def copy(self) -> ExpressionError:
        """A fresh error to raise again (a memoised one would gather the tracebacks of every raise)."""
        return ExpressionError(self.message, token=self.token, code=self.code)


class VocabularyDataError(ValueError):
    """The vocabulary JSON is inconsistent (found when it is loaded, never at query time)."""


@dataclass(frozen=True, slots=True)
class Expression:
    """Included codes minus excluded codes, each a leaf or a group; order as written."""

    include: tuple[str, ...]
    exclude: tuple[str, ...] = ()

    def __str__(self) -> str:
        text = " + ".join(self.include)
        if self.exclude:
            text += " excluding " + ", ".join(self.exclude)
        return text

    def codes(self) -> tuple[str, ...]:
        return self.include + self.exclude


# --- reading expressions ------------------------------------------------------------------------------

_EXCLUDE_WORDS = ("excluding", "excl.", "excl", "except", "without", "minus", "but not", "ex.", "ex")
_AND_WORDS = ("and", "plus")
_MINUS_SIGNS = "-−–—"  # hyphen-minus, minus sign, en dash, em dash
_SEPARATORS = ",;&"
_IGNORED = "()"
_BOUNDARY = set(_MINUS_SIGNS + _SEPARATORS + _IGNORED + "+")
_CODE_LIKE = re.compile(r"[a-z][a-z0-9_]*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.translate(_APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _fold(text: str) -> str:
    """Case, accents and spacing folded away, for matching names: "Côte d’Ivoire" → "cote d'ivoire"."""
    return " ".join("".join(_fold_char(c) for c in text).split())


def _name_variants(name: str) -> set[str]:
    folded = _fold(name)
    variants = {folded, folded.replace(" & ", " and ")}
    for variant in list(variants):
        if variant.startswith("st. ") or " st. " in variant:
            variants.add(variant.replace("st. ", "saint "))
            variants.add(variant.replace("st. ", "st "))
    return variants


class _Reader:
    """Reads expression text against a table of folded names and codes → canonical codes."""

    def __init__(self, keys: Mapping[str, str], *, strict: bool, what: str) -> None:
        self.keys = keys
        self.longest = max((len(key) for key in keys), default=0)
        self.strict = strict  # unknown code-like words are refused here rather than at resolve time
        self.what = what

    def read(self, text: str) -> Expression:
        if len(text) > _MAX_TEXT:
            raise ExpressionError(f"The expression is longer than {_MAX_TEXT} characters.", token=text[:40])
        folded, origin = self._fold_with_origin(text)
        if not folded.strip():
            raise ExpressionError(f"Nothing is written: enter at least one {self.what}.", code="empty")
        include: list[str] = []
        exclude: list[str] = []
        excluding = False
        pending = ""  # an operator waiting for its term, as written
        i, n = 0, len(folded)

        def original(start: int, end: int) -> str:
            return text[origin[start] : origin[end - 1] + 1]

        while i < n:
            char = folded[i]
            if char.isspace() or char in _IGNORED:
                i += 1
                continue
            if char in _SEPARATORS:
                i += 1
                continue
            if char == "+":
                if excluding:
                    raise ExpressionError(
                        "An inclusion after an exclusion is ambiguous: write what is included first, "
                        "then 'excluding' and what is left out.",
                        token=original(i, i + 1),
                    )
                pending = "+"
                i += 1
                continue
            if char in _MINUS_SIGNS:
                if not include:
                    raise ExpressionError(
                        "Nothing is included before the exclusion.", token=original(i, i + 1)
                    )
                excluding, pending = True, original(i, i + 1)
                i += 1
                continue
            word = self._keyword(folded, i, _EXCLUDE_WORDS)
            if word:
                if not include:
                    raise ExpressionError(
                        "Nothing is included before the exclusion.", token=original(i, i + len(word))
                    )
                excluding, pending = True, original(i, i + len(word))
                i += len(word)
                continue
            word = self._keyword(folded, i, _AND_WORDS)
            if word:
                i += len(word)
                continue
            end, code = self._term(folded, i)
            if code is None:
                token = original(i, end)
                raise ExpressionError(f"Unknown {self.what}: {token}", token=token, code="unknown")
            target = exclude if excluding else include
            if code not in target:
                target.append(code)
            pending = ""
            i = end
        if pending:
            raise ExpressionError(f"Nothing follows '{pending}'.", token=pending)
        if not include:
            raise ExpressionError(f"Nothing is written: enter at least one {self.what}.", code="empty")
        return Expression(tuple(include), tuple(exclude))

    @staticmethod
    def _fold_with_origin(text: str) -> tuple[str, list[int]]:
        chars: list[str] = []
        origin: list[int] = []
        for index, char in enumerate(text):
            for folded in _fold_char(char):
                if folded.isspace() and chars and chars[-1] == " ":
                    continue
                chars.append(" " if folded.isspace() else folded)
                origin.append(index)
        return "".join(chars), origin

    @staticmethod
    def _keyword(folded: str, i: int, words: Iterable[str]) -> str:
        for word in words:
            end = i + len(word)
            if folded.startswith(word, i) and (end == len(folded) or folded[end].isspace()):
                return word
        return ""

    def _term(self, folded: str, i: int) -> tuple[int, str | None]:
        """The longest known name or code starting at i (its end and code), or the unknown word's end."""
        n = len(folded)
        last = min(n, i + self.longest)
        ends = [j for j in range(i + 1, last) if folded[j].isspace() or folded[j] in _BOUNDARY]
        if last == n:
            ends.append(n)
        elif folded[last].isspace() or folded[last] in _BOUNDARY:
            ends.append(last)
        for end in reversed(ends):
            code = self.keys.get(folded[i:end].rstrip())
            if code is not None:
                return end, code
        # Unknown: the words up to the next operator, separator or keyword.
        end = i
        while end < n and folded[end] not in _BOUNDARY:
            if folded[end].isspace() and (
                self._keyword(folded, end + 1, _EXCLUDE_WORDS) or self._keyword(folded, end + 1, _AND_WORDS)
            ):
                break
            end += 1
        while end > i and folded[end - 1].isspace():
            end -= 1
        word = folded[i:end]
        if not self.strict and _CODE_LIKE.fullmatch(word):
            return end, word.upper()
        return end, None


def _merge_keys(tables: Iterable[Mapping[str, str]], where: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for table in tables:
        for key, code in table.items():
            if merged.setdefault(key, code) != code:
                raise VocabularyDataError(f"{where}: '{key}' names both {merged[key]} and {code}")
    return merged


# --- describing sets ----------------------------------------------------------------------------------


def _describe(
    target: int,
    groups: Sequence[tuple[str, int]],
    leaf_codes: Sequence[str],
) -> Expression:
    """A short expression for the leaf set `target` (a bit mask over `leaf_codes`).

    Tries every group as a base ("G", "G + extras", "G excluding a few") and no base at all, covering
    the rest greedily with groups that fit and then single leaves; the fewest terms win, then the
    fewest exclusions, then the earlier group. Exact: the expression resolves to `target`.
    """

    def leaves_of(mask: int) -> list[str]:
        out = []
        while mask:
            low = mask & -mask
            out.append(leaf_codes[low.bit_length() - 1])
            mask ^= low
        return out  # in the vocabulary's order: alphabetical countries, media in tree order

    def cover(remaining: int, candidates: Sequence[tuple[str, int]], limit: int) -> list[str] | None:
        """Groups, then single leaves, whose union is `remaining`; None once `limit` terms are reached."""
        candidates = [(code, mask) for code, mask in candidates if mask & remaining]
        terms: list[str] = []
        while remaining:
            if len(terms) >= limit:
                return None
            best_code, best_mask, best_gain = "", 0, 1
            for code, mask in candidates:
                gain = (mask & remaining).bit_count()
                if gain > best_gain:
                    best_code, best_mask, best_gain = code, mask, gain
            if not best_code:
                break
            terms.append(best_code)
            remaining &= ~best_mask
        if len(terms) + remaining.bit_count() > limit:
            return None
        return terms + leaves_of(remaining)

    inside = [(code, mask) for code, mask in groups if mask & ~target == 0]
    listed = cover(target, inside, target.bit_count()) or leaves_of(target)
    best: tuple[list[str], list[str]] = (listed, [])
    best_key = (len(listed), 0)
    for code, mask in groups:
        if not mask & target:
            continue
        limit = best_key[0] - 1  # terms left for extras and exclusions if this base is to win or tie
        extras = cover(target & ~mask, inside, limit)
        if extras is None:
            continue
        missing = mask & ~target
        excluded = [(c, m) for c, m in groups if m & ~missing == 0] if missing else []
        exclude = cover(missing, excluded, limit - len(extras))
        if exclude is None:
            continue
        key = (1 + len(extras) + len(exclude), len(exclude))
        if key < best_key:
            best, best_key = ([code, *extras], exclude), key
    return Expression(tuple(best[0]), tuple(best[1]))


def _leaf_mask(leaves: Iterable[str], bits: Mapping[str, int], what: str) -> int:
    mask = 0
    for leaf in leaves:
        bit = bits.get(leaf)
        if bit is None:
            raise ExpressionError(f"Unknown {what}: {leaf}", token=leaf, code="unknown")
        mask |= bit
    return mask


def _mask_to_set(mask: int, leaf_codes: Sequence[str]) -> frozenset[str]:
    out = []
    while mask:
        low = mask & -mask
        out.append(leaf_codes[low.bit_length() - 1])
        mask ^= low
    return frozenset(out)


def _check_names(names: Any, where: str) -> Mapping[str, str]:
    if not isinstance(names, dict) or any(
        not isinstance(names.get(lang), str) or not names[lang].strip() for lang in LANGUAGES
    ):
        raise VocabularyDataError(f"{where}: names needed in {', '.join(LANGUAGES)}")
    return MappingProxyType(dict(names))


def _language(language: str) -> str:
    return (language or "en").replace("_", "-").split("-")[0].lower()


# --- territories --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Membership:
    """A member of a group (a country or another group) over [start, until); None: unbounded.

    `start` is the data's "from"; `until` is the first day no longer a member.
    """

    code: str
    start: date | None = None
    until: date | None = None
    note: str = ""

    def active(self, at: date) -> bool:
        return (self.start is None or self.start <= at) and (self.until is None or at < self.until)


@dataclass(frozen=True, slots=True)
class Group:
    """A named group of countries; `members` as in the data, with their dates."""

    code: str
    kind: str
    names: Mapping[str, str]
    members: tuple[Membership, ...]
    m49: str | None = None
    note: str = ""
    aliases: tuple[str, ...] = ()


_GROUP_CODE = re.compile(r"[A-Z][A-Z0-9_]+")
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")


def _parse_day(value: Any, where: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise VocabularyDataError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from error


class TerritoryVocabulary:
    """ISO 3166-1 countries and the groups that resolve to them at a date."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.version = str(data.get("version") or "")
        if not self.version:
            raise VocabularyDataError("territories: a version is needed")
        ids: dict[str, int] = {}
        for entry in data.get("countries", []):
            code, number = entry.get("code", ""), entry.get("id")
            if not _COUNTRY_CODE.fullmatch(code) or not isinstance(number, int) or code in ids:
                raise VocabularyDataError(f"territories: bad or repeated country {entry!r}")
            ids[code] = number
        if len(set(ids.values())) != len(ids):
            raise VocabularyDataError("territories: two countries share a numeric id")
        self._ids = MappingProxyType(ids)
        self._codes_by_id = MappingProxyType({number: code for code, number in ids.items()})
        self._leaf_codes = tuple(sorted(ids))
        self._bits = {code: 1 << index for index, code in enumerate(self._leaf_codes)}
        self._countries = frozenset(ids)

        groups: dict[str, Group] = {}
        for raw in data.get("groups", []):
            code = raw.get("code", "")
            where = f"territories: group {code or raw!r}"
            if not _GROUP_CODE.fullmatch(code) or code in groups or code in ids:
                raise VocabularyDataError(
                    f"{where}: the code must be upper-case ASCII, unique, not a country"
                )
            if raw.get("kind") not in GROUP_KINDS:
                raise VocabularyDataError(f"{where}: kind must be one of {', '.join(GROUP_KINDS)}")
            members = []
            for item in raw.get("members", []):
                item = {"code": item} if isinstance(item, str) else item
                member = Membership(
                    code=item.get("code", ""),
                    start=_parse_day(item.get("from"), where),
                    until=_parse_day(item.get("until"), where),
                    note=item.get("note", ""),
                )
                if member.start and member.until and member.start >= member.until:
                    raise VocabularyDataError(f"{where}: {member.code} leaves before it joins")
                members.append(member)
            if not members:
                raise VocabularyDataError(f"{where}: no members")
            groups[code] = Group(
                code=code,
                kind=raw["kind"],
                names=_check_names(raw.get("names"), where),
                members=tuple(members),
                m49=raw.get("m49"),
                note=raw.get("note", ""),
                aliases=tuple(raw.get("aliases", ())),
            )
        for group in groups.values():
            for member in group.members:
                if member.code not in ids and member.code not in groups:
                    raise VocabularyDataError(
                        f"territories: group {group.code}: unknown member {member.code}"
                    )
        self._groups = groups
        self._group_list = tuple(groups.values())
        self._check_acyclic()

        # Membership changes only on these days: between two of them every answer is the same.
        self._breaks = tuple(
            sorted(
                {
                    day.toordinal()
                    for group in self._group_list
                    for member in group.members
                    for day in (member.start, member.until)
                    if day is not None
                }
            )
        )
        self._masks: dict[tuple[str, int], int] = {}
        self._resolved: dict[tuple[Expression, int], frozenset[str] | ExpressionError] = {}
        self._describe_groups: dict[int, tuple[tuple[str, int], ...]] = {}
        self._described: dict[tuple[int, int], Expression] = {}

        keys: dict[str, str] = {}
        for code in ids:
            keys[code.lower()] = code
        english = Locale.parse("en").territories
        names = [(str(english.get(code, code)), code) for code in ids]
        names += [(alias, code) for alias, code in data.get("country_aliases", {}).items()]
        for group in self._group_list:
            keys[group.code.lower()] = group.code
            names += [(group.names["en"], group.code)] + [(alias, group.code) for alias in group.aliases]
        for name, code in names:
            if code not in ids and code not in groups:
                raise VocabularyDataError(f"territories: alias {name!r} names an unknown code {code}")
            for key in _name_variants(name):
                if keys.setdefault(key, code) != code:
                    raise VocabularyDataError(f"territories: '{name}' names both {keys[key]} and {code}")
        self.name_keys: Mapping[str, str] = MappingProxyType(keys)
        self._reader = _Reader(keys, strict=True, what="territory")

    def _check_acyclic(self) -> None:
        state: dict[str, int] = {}

        def visit(code: str, path: tuple[str, ...]) -> None:
            if state.get(code) == 2 or code not in self._groups:
                return
            if state.get(code) == 1:
                raise VocabularyDataError(
                    f"territories: groups contain each other: {' → '.join((*path, code))}"
                )
            state[code] = 1
            for member in self._groups[code].members:
                visit(member.code, (*path, code))
            state[code] = 2

        for code in self._groups:
            visit(code, ())

    # -- lookups

    def countries(self) -> frozenset[str]:
        return self._countries

    def groups(self) -> Sequence[Group]:
        return self._group_list

    def group(self, code: str) -> Group:
        try:
            return self._groups[code]
        except KeyError:
            raise ExpressionError(f"Unknown territory group: {code}", token=code, code="unknown") from None

    def is_known(self, code: str) -> bool:
        return code in self._ids or code in self._groups

    def numeric_id(self, alpha2: str) -> int:
        try:
            return self._ids[alpha2]
        except KeyError:
            raise ExpressionError(f"Unknown country: {alpha2}", token=alpha2, code="unknown") from None

    def alpha2(self, numeric_id: int) -> str:
        try:
            return self._codes_by_id[numeric_id]
        except KeyError:
            raise ExpressionError(
                f"Unknown country number: {numeric_id}", token=str(numeric_id), code="unknown"
            ) from None

    def name(self, code: str, language: str) -> str:
        """The country's CLDR name or the group's name in `language` (English when not one of ours)."""
        if code in self._ids:
            return _country_name(code, _language(language))
        group = self.group(code)
        return group.names.get(_language(language)) or group.names["en"]

    # -- expressions

    def parse(self, text: str) -> Expression:
        """Reads territory text ("World excl. US, CA"); unknown names and codes are refused here."""
        return _read_cached(self._reader, text)

    def members(self, code: str, at: date) -> frozenset[str]:
        """The countries `code` stands for on `at`: a country itself, a group its members then."""
        if not self.is_known(code):
            raise ExpressionError(f"Unknown territory: {code}", token=code, code="unknown")
        return _mask_to_set(self._mask(code, self._epoch(at)), self._leaf_codes)

    def resolve(self, expression: Expression, at: date) -> frozenset[str]:
        """The countries of (⋃ include) − (⋃ exclude) on `at`; ExpressionError for unknown or empty."""
        epoch = self._epoch(at)
        key = (expression, epoch)
        answer = self._resolved.get(key)
        if answer is None:
            answer = self._resolve(expression, epoch, at)
            if len(self._resolved) >= _CACHE_LIMIT:
                self._resolved.clear()
            self._resolved[key] = answer
        if isinstance(answer, ExpressionError):
            raise answer.copy()
        return answer

    def _resolve(self, expression: Expression, epoch: int, at: date) -> frozenset[str] | ExpressionError:
        for code in expression.codes():
            if not self.is_known(code):
                return ExpressionError(f"Unknown territory: {code}", token=code, code="unknown")
        included = 0
        for code in expression.include:
            mask = self._mask(code, epoch)
            if not mask:
                return ExpressionError(
                    f"{code} had no members on {at.isoformat()}.", token=code, code="empty_group"
                )
            included |= mask
        for code in expression.exclude:
            included &= ~self._mask(code, epoch)
        if not included:
            return ExpressionError(
                f"{expression} covers no country on {at.isoformat()}.",
                token=str(expression),
                code="empty_result",
            )
        return _mask_to_set(included, self._leaf_codes)

    def describe(self, leaves: frozenset[str], at: date) -> Expression:
        """The shortest expression we find for `leaves` on `at`: a group, group + extras, group excluding a few, or a list."""
        target = _leaf_mask(leaves, self._bits, "country")
        if not target:
            raise ExpressionError("No country to describe.", code="empty")
        epoch = self._epoch(at)
        groups = self._describe_groups.get(epoch)
        if groups is None:
            seen: set[int] = set()
            usable = []
            for group in self._group_list:
                mask = self._mask(group.code, epoch)
                if mask.bit_count() >= _TERRITORY_DESCRIBE_MIN and mask not in seen:
                    seen.add(mask)
                    usable.append((group.code, mask))
            groups = self._describe_groups[epoch] = tuple(usable)
        key = (target, epoch)
        described = self._described.get(key)
        if described is None:
            described = _describe(target, groups, self._leaf_codes)
            if len(self._described) >= _CACHE_LIMIT:
                self._described.clear()
            self._described[key] = described
        return described

    def _epoch(self, at: date) -> int:
        return bisect.bisect_right(self._breaks, at.toordinal())

    def _mask(self, code: str, epoch: int) -> int:
        bit = self._bits.get(code)
        if bit is not None:
            return bit
        key = (code, epoch)
        mask = self._masks.get(key)
        if mask is None:
            # Any day of the epoch answers for all of it; take its first (or the earliest day).
            at = date.fromordinal(self._breaks[epoch - 1]) if epoch else date.min
            mask = 0
            for member in self._groups[code].members:
                if member.active(at):
                    mask |= self._mask(member.code, epoch)
            self._masks[key] = mask
        return mask


@cache
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def _country_name(code: str, language: str) -> str:
    return str(_locale(language).territories.get(code) or _locale("en").territories.get(code, code))


# --- media --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MediaNode:
    """A node of the media tree; leaves have a stable `leaf_id` (never reused)."""

    code: str
    names: Mapping[str, str]
    parent: str | None
    depth: int
    children: tuple[str, ...] = ()
    leaf_id: int | None = None
    ema_license_type: str | None = None
    ifta: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def is_leaf(self) -> bool:
        return not self.children


class MediaVocabulary:
    """The media tree: groups (inner nodes) resolve to the leaves below them."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.version = str(data.get("version") or "")
        if not self.version:
            raise VocabularyDataError("media: a version is needed")
        raw_nodes = list(data.get("nodes", []))
        by_code: dict[str, dict[str, Any]] = {}
        children: dict[str, list[str]] = {}
        for raw in raw_nodes:
            code = raw.get("code", "")
            if not _GROUP_CODE.fullmatch(code) or code in by_code:
                raise VocabularyDataError(f"media: bad or repeated code {code!r}")
            by_code[code] = raw
            children[code] = []
        roots = [raw["code"] for raw in raw_nodes if raw.get("parent") is None]
        if len(roots) != 1:
            raise VocabularyDataError(f"media: one root node is needed, found {roots}")
        for raw in raw_nodes:
            parent = raw.get("parent")
            if parent is not None:
                if parent not in by_code:
                    raise VocabularyDataError(f"media: {raw['code']}: unknown parent {parent}")
                children[parent].append(raw["code"])

        retired = set(data.get("retired_ids", []))
        next_id = data.get("next_id")
        nodes: list[MediaNode] = []

        def walk(code: str, depth: int, path: tuple[str, ...]) -> None:
            if code in path:
                raise VocabularyDataError(f"media: cycle through {code}")
            raw = by_code[code]
            where = f"media: {code}"
            leaf_id = raw.get("id")
            if children[code] and leaf_id is not None:
                raise VocabularyDataError(f"{where}: only leaves have an id")
            if not children[code]:
                if not isinstance(leaf_id, int) or leaf_id <= 0 or leaf_id in retired:
                    raise VocabularyDataError(f"{where}: a leaf needs a positive id that was never retired")
                if isinstance(next_id, int) and leaf_id >= next_id:
                    raise VocabularyDataError(f"{where}: id {leaf_id} is not below next_id {next_id}")
            nodes.append(
                MediaNode(
                    code=code,
                    names=_check_names(raw.get("names"), where),
                    parent=raw.get("parent"),
                    depth=depth,
                    children=tuple(children[code]),
                    leaf_id=leaf_id,
                    ema_license_type=raw.get("ema_license_type"),
                    ifta=raw.get("ifta", ""),
                    aliases=tuple(raw.get("aliases", ())),
                )
            )
            for child in children[code]:
                walk(child, depth + 1, (*path, code))

        walk(roots[0], 0, ())
        if len(nodes) != len(raw_nodes):
            raise VocabularyDataError("media: some nodes are not under the root")
        self._nodes = tuple(nodes)
        self._by_code = {node.code: node for node in nodes}
        leaves = [node for node in nodes if node.is_leaf]
        self._leaf_ids = {node.code: node.leaf_id for node in leaves if node.leaf_id is not None}
        if len(set(self._leaf_ids.values())) != len(self._leaf_ids):
            raise VocabularyDataError("media: two leaves share an id")
        self._codes_by_id = {number: code for code, number in self._leaf_ids.items()}
        self._leaf_codes = tuple(node.code for node in leaves)
        self._leaves = frozenset(self._leaf_codes)
        self._bits = {code: 1 << index for index, code in enumerate(self._leaf_codes)}

        masks: dict[str, int] = {}
        for node in reversed(nodes):  # children come after their parent in tree order
            masks[node.code] = self._bits[node.code] if node.is_leaf else 0
            for child in node.children:
                masks[node.code] |= masks[child]
        self._masks = masks
        seen: set[int] = set()
        describe_groups = []
        for node in nodes:
            mask = masks[node.code]
            if not node.is_leaf and mask.bit_count() >= _MEDIA_DESCRIBE_MIN and mask not in seen:
                seen.add(mask)
                describe_groups.append((node.code, mask))
        self._describe_groups = tuple(describe_groups)
        self._resolved: dict[Expression, frozenset[str] | ExpressionError] = {}

        ema_import: dict[str, frozenset[str]] = {}
        for license_type, targets in data.get("ema_import", {}).items():
            if any(target not in self._leaves for target in targets):
                raise VocabularyDataError(f"media: ema_import {license_type} names a code that is not a leaf")
            ema_import[license_type] = frozenset(targets)
        self._ema_import = MappingProxyType(ema_import)
        self._ema_import_folded = {key.casefold(): value for key, value in ema_import.items()}

        keys: dict[str, str] = {}
        for node in nodes:
            keys[node.code.lower()] = node.code
            for name in (node.names["en"], *node.aliases):
                for key in _name_variants(name):
                    if keys.setdefault(key, node.code) != node.code:
                        raise VocabularyDataError(f"media: '{name}' names both {keys[key]} and {node.code}")
        self.name_keys: Mapping[str, str] = MappingProxyType(keys)
        self._reader = _Reader(keys, strict=True, what="medium")

    def leaves(self) -> frozenset[str]:
        return self._leaves

    def nodes(self) -> Sequence[MediaNode]:
        """Every node in tree order (a parent before its children), with depth and parent."""
        return self._nodes

    def node(self, code: str) -> MediaNode:
        try:
            return self._by_code[code]
        except KeyError:
            raise ExpressionError(f"Unknown medium: {code}", token=code, code="unknown") from None

    def is_known(self, code: str) -> bool:
        return code in self._by_code

    def members(self, code: str) -> frozenset[str]:
        """The leaves under `code` (a leaf: itself)."""
        return _mask_to_set(self._masks[self.node(code).code], self._leaf_codes)

    def parse(self, text: str) -> Expression:
        """Reads media text ("ON_DEMAND excluding AVOD", "Pay TV"); unknown names and codes are refused here."""
        return _read_cached(self._reader, text)

    def resolve(self, expression: Expression) -> frozenset[str]:
        answer = self._resolved.get(expression)
        if answer is None:
            answer = self._resolve(expression)
            if len(self._resolved) >= _CACHE_LIMIT:
                self._resolved.clear()
            self._resolved[expression] = answer
        if isinstance(answer, ExpressionError):
            raise answer.copy()
        return answer

    def _resolve(self, expression: Expression) -> frozenset[str] | ExpressionError:
        for code in expression.codes():
            if code not in self._masks:
                return ExpressionError(f"Unknown medium: {code}", token=code, code="unknown")
        included = 0
        for code in expression.include:
            included |= self._masks[code]
        for code in expression.exclude:
            included &= ~self._masks[code]
        if not included:
            return ExpressionError(
                f"{expression} covers no medium.", token=str(expression), code="empty_result"
            )
        return _mask_to_set(included, self._leaf_codes)

    def describe(self, leaves: frozenset[str]) -> Expression:
        target = _leaf_mask(leaves, self._bits, "medium")
        if not target:
            raise ExpressionError("No medium to describe.", code="empty")
        return _describe(target, self._describe_groups, self._leaf_codes)

    def leaf_id(self, code: str) -> int:
        try:
            return self._leaf_ids[code]
        except KeyError:
            raise ExpressionError(f"Not a media leaf: {code}", token=code, code="unknown") from None

    def leaf_code(self, leaf_id: int) -> str:
        try:
            return self._codes_by_id[leaf_id]
        except KeyError:
            raise ExpressionError(
                f"Unknown media leaf id: {leaf_id}", token=str(leaf_id), code="unknown"
            ) from None

    def ema_license_type(self, leaf: str) -> str | None:
        """The EMA Avails LicenseType a leaf is exported as, or None where EMA has none."""
        return self.node(leaf).ema_license_type

    def leaves_for_ema(self, license_type: str) -> frozenset[str]:
        """The leaves an EMA LicenseType imports as; empty when it maps to none (the importer says so)."""
        found = self._ema_import.get(license_type)
        if found is None:
            found = self._ema_import_folded.get(license_type.strip().casefold(), frozenset())
        return found

    def ema_license_types(self) -> Mapping[str, frozenset[str]]:
        """Every LicenseType the importer reads, with its leaves."""
        return self._ema_import

    def name(self, code: str, language: str) -> str:
        node = self.node(code)
        return node.names.get(_language(language)) or node.names["en"]


# --- loading ------------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _read_cached(reader: _Reader, text: str) -> Expression:
    return reader.read(text)


@dataclass(frozen=True, slots=True)
class Vocabularies:
    territories: TerritoryVocabulary
    media: MediaVocabulary
    _reader: _Reader = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keys = _merge_keys((self.territories.name_keys, self.media.name_keys), "territories and media")
        object.__setattr__(self, "_reader", _Reader(keys, strict=False, what="code or name"))

    @property
    def version(self) -> str:
        """What a grant records as its vocabulary version: "<territories>/<media>", e.g. "2026.1/2026.1"."""
        return f"{self.territories.version}/{self.media.version}"

    def parse(self, text: str) -> Expression:
        """Reads territory or media text; unknown code-like words are left for resolve to refuse."""
        return _read_cached(self._reader, text)


def _read_json(name: str) -> Mapping[str, Any]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        data: Mapping[str, Any] = json.load(handle)
    return data


@cache
def load_vocabularies() -> Vocabularies:
    """The shipped vocabularies (read once per process)."""
    return Vocabularies(
        TerritoryVocabulary(_read_json("territories.json")), MediaVocabulary(_read_json("media.json"))
    )


def parse_expression(text: str) -> Expression:
    """Reads an expression of territory or media codes and English names, case-insensitively.

    "World excluding US, CA", "World excl. US, CA", "World except US", "WORLD -US -CA", "WORLD − US",
    "CIS + IR", "CIS, IR", "EU+IR-FR", "Pay TV, SVOD". Names become codes; words that look like codes
    but are unknown are kept (resolve refuses them, naming the code). ExpressionError when empty.
    """
    return load_vocabularies().parse(text)
