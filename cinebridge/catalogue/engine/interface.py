"""The JSON shapes of the catalogue engines, shared by the Python API, the commands and the REST endpoints."""

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .identifiers import IdentifierError, parse_eidr, parse_imdb_id, parse_isan
from .subtitles import SubtitleError, SubtitleTrackInfo, parse_subtitles

IDENTIFIER_PARSERS: dict[str, Callable[[str], str]] = {
    "eidr": parse_eidr,
    "isan": parse_isan,
    "imdb": parse_imdb_id,
}


def identifiers_report(payload: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """Check identifiers by scheme: `{"eidr": [...], "isan": [...], "imdb": [...]}` → one result each."""
    unknown = sorted(set(payload) - set(IDENTIFIER_PARSERS))
    if unknown:
        raise ValueError(f"unknown identifier scheme(s) {unknown}; use {sorted(IDENTIFIER_PARSERS)}")
    return {
        "results": [
            _identifier_result(scheme, value) for scheme, values in payload.items() for value in values
        ]
    }


def _identifier_result(scheme: str, value: str) -> dict[str, Any]:
    try:
        return {
            "scheme": scheme,
            "input": value,
            "valid": True,
            "canonical": IDENTIFIER_PARSERS[scheme](value),
        }
    except IdentifierError as exc:
        return {"scheme": scheme, "input": value, "valid": False, "error": {"code": exc.code, **exc.params}}


def subtitles_report(content: bytes, *, format_hint: str | None = None) -> dict[str, Any]:
    """Validate a subtitle file: its summary when valid, the error code and line when not."""
    try:
        info = parse_subtitles(content, format_hint=format_hint)
    except SubtitleError as exc:
        return {"valid": False, "error": {"code": exc.code, "line": exc.line, "params": dict(exc.params)}}
    return {"valid": True, **_summary(info)}


def _summary(info: SubtitleTrackInfo) -> dict[str, Any]:
    return {
        "format": info.format,
        "cue_count": info.cue_count,
        "first_start_ms": info.first_start_ms,
        "last_end_ms": info.last_end_ms,
    }
