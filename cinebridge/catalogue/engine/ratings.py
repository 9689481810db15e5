"""National film rating systems (Iran, Belarus), loaded from data and checked on load."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import Literal

# Every text of a rating system must exist in each language of the interface.
LANGUAGES: tuple[str, ...] = ("en", "fa", "ar", "ru", "be")

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "rating_systems.json"

RatingDataErrorCode = Literal[
    "not_an_object",
    "missing_field",
    "bad_country",
    "duplicate_system",
    "duplicate_code",
    "missing_language",
    "bad_min_age",
    "decreasing_min_age",
]

_COUNTRY = re.compile(r"[A-Z]{2}")


class RatingDataError(ValueError):
    """A rating-systems data file that breaks the schema, named by a code with where it happened."""

    def __init__(self, code: RatingDataErrorCode, params: dict[str, object] | None = None) -> None:
        self.code: RatingDataErrorCode = code
        self.params: dict[str, object] = dict(params or {})
        super().__init__(code, self.params)

    def __str__(self) -> str:
        return f"{self.code} {self.params}"


@dataclass(frozen=True, slots=True)
class Rating:
    """One category of a rating system, its minimum age (None when not age-based) and texts by language."""

    code: str
    min_age: int | None
    labels: Mapping[str, str]
    description: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class RatingSystem:
    """A country's film rating system: who rates, the document it issues and its ratings, youngest first."""

    country: str
    code: str
    authority: Mapping[str, str]
    certificate_name: Mapping[str, str]
    ratings: tuple[Rating, ...]
    legal_basis: str = ""

    def rating(self, code: str) -> Rating | None:
        """The rating with this code, or None if the system has none."""
        return next((r for r in self.ratings if r.code == code), None)

    @property
    def codes(self) -> tuple[str, ...]:
        """The rating codes in order, for choices and validation."""
        return tuple(r.code for r in self.ratings)


def load_rating_systems(path: Path = DATA_FILE) -> tuple[RatingSystem, ...]:
    """The rating systems of the data file, validated, in file order."""
    if path == DATA_FILE:
        return _load_default()
    return parse_rating_systems(json.loads(path.read_text(encoding="utf-8")))


@cache
def _load_default() -> tuple[RatingSystem, ...]:
    """The rating systems shipped with the catalogue, read once per process."""
    return parse_rating_systems(json.loads(DATA_FILE.read_text(encoding="utf-8")))


def rating_system_for(country: str) -> RatingSystem | None:
    """The shipped rating system of a country (ISO 3166-1 alpha-2), or None if there is none."""
    return next((s for s in _load_default() if s.country == country.upper()), None)


def parse_rating_systems(data: object) -> tuple[RatingSystem, ...]:
    """Rating systems from decoded JSON `{"systems": [...]}`, or a `RatingDataError` naming the fault."""
    document = _object(data, "$")
    systems = tuple(
        _system(item, f"$.systems[{i}]") for i, item in enumerate(_list(document, "systems", "$"))
    )
    seen: set[str] = set()
    for system in systems:
        if system.country in seen:
            raise RatingDataError("duplicate_system", {"country": system.country})
        seen.add(system.country)
    return systems


def _system(data: object, where: str) -> RatingSystem:
    """One rating system, with unique codes and minimum ages that never go down."""
    obj = _object(data, where)
    country = _str(obj, "country", where)
    if not _COUNTRY.fullmatch(country):
        raise RatingDataError("bad_country", {"where": where, "country": country})
    ratings = tuple(
        _rating(item, f"{where}.ratings[{i}]") for i, item in enumerate(_list(obj, "ratings", where))
    )
    _check_order(ratings, where)
    legal_basis = obj.get("legal_basis", "")
    return RatingSystem(
        country=country,
        code=_str(obj, "code", where),
        authority=_texts(obj, "authority", where),
        certificate_name=_texts(obj, "certificate_name", where),
        ratings=ratings,
        legal_basis=legal_basis if isinstance(legal_basis, str) else "",
    )


def _check_order(ratings: tuple[Rating, ...], where: str) -> None:
    """Refuse duplicate codes and a minimum age lower than that of an earlier rating."""
    codes = [r.code for r in ratings]
    for code in codes:
        if codes.count(code) > 1:
            raise RatingDataError("duplicate_code", {"where": where, "code": code})
    ages = [r.min_age for r in ratings if r.min_age is not None]
    for earlier, later in pairwise(ages):
        if later < earlier:
            raise RatingDataError("decreasing_min_age", {"where": where, "ages": [earlier, later]})


def _rating(data: object, where: str) -> Rating:
    """One rating with its labels and descriptions in every interface language."""
    obj = _object(data, where)
    min_age = obj.get("min_age")
    # bool is an int in Python, and `true` is never an age.
    if min_age is not None and (not isinstance(min_age, int) or isinstance(min_age, bool) or min_age < 0):
        raise RatingDataError("bad_min_age", {"where": where, "min_age": min_age})
    return Rating(
        code=_str(obj, "code", where),
        min_age=min_age,
        labels=_texts(obj, "labels", where),
        description=_texts(obj, "description", where),
    )


def _texts(obj: Mapping[str, object], key: str, where: str) -> Mapping[str, str]:
    """A read-only `{language: text}` with a non-blank text for every interface language."""
    texts = _object(obj.get(key), f"{where}.{key}")
    for lang in LANGUAGES:
        value = texts.get(lang)
        if not isinstance(value, str) or not value.strip():
            raise RatingDataError("missing_language", {"where": f"{where}.{key}", "language": lang})
    return MappingProxyType({lang: str(texts[lang]) for lang in LANGUAGES})


def _object(data: object, where: str) -> dict[str, object]:
    """`data` as a JSON object, or `not_an_object` at `where`."""
    if not isinstance(data, dict):
        raise RatingDataError("not_an_object", {"where": where})
    return data


def _list(obj: Mapping[str, object], key: str, where: str) -> list[object]:
    """The JSON array at `key`, or `missing_field`."""
    value = obj.get(key)
    if not isinstance(value, list):
        raise RatingDataError("missing_field", {"where": where, "field": key})
    return value


def _str(obj: Mapping[str, object], key: str, where: str) -> str:
    """The non-blank JSON string at `key`, or `missing_field`."""
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RatingDataError("missing_field", {"where": where, "field": key})
    return value
