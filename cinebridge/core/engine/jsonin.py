"""Reading an engine's JSON input: small validators whose errors name the place (`scores[2].member`).
Pure Python.

The schedule and royalty readers (`events/engine/jsonio.py`, `exhibition/engine/jsonio.py`) grew their
own copies of these helpers, each raising its own error class; this is the one shared copy, first used
by the festival engines' reader (`events/engine/festival_json.py`). Every helper takes the error class
to raise (`error=`), any class built like `JsonInputError(path, message, *, code, params)`, so the older
readers can move onto it without changing what they raise. Codes and params are stable: interfaces
word them in the user's language, the English message is a fallback.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import Any, Protocol

__all__ = [
    "ErrorClass",
    "JsonInputError",
    "at",
    "boolean",
    "choice",
    "iso_date",
    "json_list",
    "json_object",
    "objects",
    "path_location",
    "required",
    "text",
    "whole",
]


class JsonInputError(ValueError):
    """Bad input at `path`. `code` says what is wrong and `params` the details, so that an interface
    can word it in the user's language. The message is English."""

    def __init__(
        self, path: str, message: str, *, code: str, params: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message
        self.code = code
        self.params: dict[str, object] = dict(params or {})


class ErrorClass(Protocol):
    """What the helpers raise: `JsonInputError` or any class with its constructor."""

    def __call__(
        self, path: str, message: str, *, code: str, params: Mapping[str, object] | None = None
    ) -> Exception: ...


_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def at(path: str, key: str) -> str:
    """The path of `key` inside the object at `path` ("" is the top)."""
    return f"{path}.{key}" if path else key


def path_location(path: str) -> list[str | int]:
    """A path as a list of keys and indexes: `scores[2].member` → `["scores", 2, "member"]`."""
    return [int(index) if index else name for name, index in _SEGMENT.findall(path)]


def json_object(
    value: Any, path: str, known: Sequence[str], *, error: ErrorClass = JsonInputError
) -> Mapping[str, Any]:
    """An object with no keys but the `known` ones."""
    if not isinstance(value, Mapping):
        raise error(path, "expected an object", code="object")
    for key in value:
        if key not in known:
            raise error(
                at(path, str(key)),
                f"{key!r} is not a field here (known: {', '.join(known)})",
                code="unknown",
                params={"key": key, "known": ", ".join(known)},
            )
    return value


def json_list(value: Any, path: str, *, error: ErrorClass = JsonInputError) -> list[Any]:
    """A list; null or absent is the empty list."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise error(path, "expected a list", code="list")
    return value


def objects(
    row: Mapping[str, Any], key: str, path: str, known: Sequence[str], *, error: ErrorClass = JsonInputError
) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Each object of the list `row[key]` with its path (`scores[2]`)."""
    where = at(path, key)
    for index, value in enumerate(json_list(row.get(key), where, error=error)):
        item = f"{where}[{index}]"
        yield item, json_object(value, item, known, error=error)


def required(row: Mapping[str, Any], key: str, path: str, *, error: ErrorClass = JsonInputError) -> Any:
    """`row[key]`, which must be there and not null."""
    value = row.get(key)
    if value is None:
        raise error(at(path, key), "this field is required", code="required")
    return value


def text(value: Any, path: str, *, error: ErrorClass = JsonInputError) -> str:
    """A non-empty text (null is a missing value)."""
    if value is None:
        raise error(path, "this field is required", code="required")
    if not isinstance(value, str) or not value.strip():
        raise error(path, "expected a non-empty text", code="text")
    return value


def whole(value: Any, path: str, *, minimum: int, maximum: int, error: ErrorClass = JsonInputError) -> int:
    """A whole number from `minimum` to `maximum` (true and false are not numbers; null is missing)."""
    if value is None:
        raise error(path, "this field is required", code="required")
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise error(
            path,
            f"expected a whole number from {minimum} to {maximum}",
            code="number",
            params={"minimum": minimum, "maximum": maximum, "value": str(value)},
        )
    return int(value)


def boolean(value: Any, path: str, *, error: ErrorClass = JsonInputError) -> bool:
    if not isinstance(value, bool):
        raise error(path, "expected true or false", code="boolean")
    return value


def choice(value: Any, path: str, choices: Sequence[str], *, error: ErrorClass = JsonInputError) -> str:
    """One of `choices` (null is missing)."""
    if value is None:
        raise error(path, "this field is required", code="required")
    if not isinstance(value, str) or value not in choices:
        raise error(
            path,
            f"{value!r} is not one of {', '.join(choices)}",
            code="choice",
            params={"value": str(value), "choices": ", ".join(choices)},
        )
    return value


def iso_date(value: Any, path: str, *, error: ErrorClass = JsonInputError) -> date:
    """A date written YYYY-MM-DD (null is missing)."""
    if value is None:
        raise error(path, "this field is required", code="required")
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise error(path, f"not a date like 2026-05-02: {value!r}", code="date", params={"value": str(value)})
