"""Parsing, validation and rendering of SubRip (SRT) and WebVTT subtitle files."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

SubtitleFormat = Literal["srt", "vtt"]

SubtitleErrorCode = Literal[
    "empty",
    "encoding",
    "missing_header",
    "bad_index",
    "bad_timing",
    "end_before_start",
    "empty_cue_text",
    "unknown_format",
]

SUBTITLE_ERROR_CODES: frozenset[str] = frozenset(
    {
        "empty",
        "encoding",
        "missing_header",
        "bad_index",
        "bad_timing",
        "end_before_start",
        "empty_cue_text",
        "unknown_format",
    }
)

# Longest excerpt of an offending line carried in an error's params, enough to recognise it in an editor.
_EXCERPT = 60

_NEWLINE = re.compile(r"\r\n|\r|\n")
_SRT_INDEX = re.compile(r"[0-9]+")
# SubRip players accept a full stop for the milliseconds as readily as the comma, and text after the
# times (old position coordinates `X1:… Y1:…`), so both are accepted here.
_SRT_TIME = r"([0-9]+):([0-9]{2}):([0-9]{2})[,.]([0-9]{3})"
_SRT_TIMING = re.compile(rf"{_SRT_TIME}[ \t]*-->[ \t]*{_SRT_TIME}(?:[ \t].*)?")
# WebVTT is stricter than SubRip: browsers drop a cue whose times use a comma or lack two-digit minutes,
# but hours are optional and cue settings may follow the end time.
_VTT_TIME = r"(?:([0-9]+):)?([0-9]{2}):([0-9]{2})\.([0-9]{3})"
_VTT_TIMING = re.compile(rf"{_VTT_TIME}[ \t]*-->[ \t]*{_VTT_TIME}(?:[ \t].*)?")
_VTT_HEADER = re.compile(r"WEBVTT(?:[ \t].*)?")
_VTT_NON_CUE_BLOCK = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t].*)?")


@dataclass(frozen=True, slots=True)
class Cue:
    """One subtitle: its number (SRT) or position (WebVTT), its times in milliseconds and its text."""

    index: int
    start_ms: int
    end_ms: int
    text: str


@dataclass(frozen=True, slots=True)
class SubtitleTrackInfo:
    """A validated subtitle file: its format, cues in file order and the span they cover."""

    format: SubtitleFormat
    cue_count: int
    first_start_ms: int
    last_end_ms: int
    cues: tuple[Cue, ...]


class SubtitleError(ValueError):
    """A subtitle file that cannot be used, named by a code the interface translates, with its line."""

    def __init__(
        self, code: SubtitleErrorCode, line: int | None = None, params: dict[str, object] | None = None
    ) -> None:
        self.code: SubtitleErrorCode = code
        self.line = line
        self.params: dict[str, object] = dict(params or {})
        super().__init__(code, line, self.params)

    def __str__(self) -> str:
        where = f" at line {self.line}" if self.line is not None else ""
        return f"{self.code}{where} {self.params}"


@dataclass(frozen=True, slots=True)
class _Block:
    """Consecutive non-blank lines of a file and the 1-based number of the first one."""

    first_line: int
    lines: tuple[str, ...]

    def line_of(self, offset: int) -> int:
        """The file line number of the block's line at `offset`."""
        return self.first_line + offset


def parse_subtitles(data: bytes, format_hint: str | None = None) -> SubtitleTrackInfo:
    """Decode, recognise and validate an SRT or WebVTT file; `format_hint` is its extension, if known."""
    text = decode_subtitle_bytes(data)
    lines = [line.rstrip() for line in _NEWLINE.split(text)]
    if not any(lines):
        raise SubtitleError("empty")
    fmt = _detect_format(lines, format_hint)
    cues = _parse_vtt(lines) if fmt == "vtt" else _parse_srt(lines)
    if not cues:
        raise SubtitleError("empty", params={"format": fmt})
    return SubtitleTrackInfo(
        format=fmt,
        cue_count=len(cues),
        first_start_ms=min(cue.start_ms for cue in cues),
        last_end_ms=max(cue.end_ms for cue in cues),
        cues=tuple(cues),
    )


def decode_subtitle_bytes(data: bytes) -> str:
    """The text of a subtitle file in UTF-8 (with or without BOM) or UTF-16 with BOM, BOM removed."""
    bom, encoding = _bom_and_encoding(data)
    try:
        text = data[len(bom) :].decode(encoding)
    except UnicodeDecodeError as exc:
        # Persian and Arabic files saved as Windows-1256 and Russian ones as Windows-1251 end up here:
        # guessing a legacy code page would silently garble the text, so the author is asked to re-save.
        raise _encoding_error(data, len(bom) + exc.start, bom, encoding) from None
    # A NUL is never subtitle text: it betrays UTF-16 or UTF-32 without a BOM that happened to decode.
    nul = text.find("\x00")
    if nul != -1:
        raise _encoding_error(data, len(bom) + len(text[:nul].encode(encoding)), bom, encoding)
    return text


def _bom_and_encoding(data: bytes) -> tuple[bytes, str]:
    """The byte order mark `data` starts with (possibly none) and the encoding it announces."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return bom, encoding
    return b"", "utf-8"


def _encoding_error(data: bytes, offset: int, bom: bytes, encoding: str) -> SubtitleError:
    """An `encoding` error at the line holding byte `offset`, naming the encoding that was tried."""
    prefix = data[len(bom) : offset].decode(encoding, errors="replace")
    line = len(_NEWLINE.split(prefix))
    return SubtitleError("encoding", line, {"encoding": encoding, "offset": offset})


def _detect_format(lines: Sequence[str], format_hint: str | None) -> SubtitleFormat:
    """The format the WEBVTT header announces, else the hinted one, else SRT if the file looks like it."""
    # The hint may be a file name, an extension with its dot or a bare extension.
    hint = (format_hint or "").strip().lower().rsplit(".", 1)[-1]
    if hint not in ("", "srt", "vtt", "webvtt"):
        raise SubtitleError("unknown_format", params={"hint": format_hint})
    # The header is decisive even against the extension: a WebVTT file saved as .srt is still WebVTT.
    if _VTT_HEADER.fullmatch(lines[0]):
        return "vtt"
    if hint in ("vtt", "webvtt"):
        raise SubtitleError("missing_header", 1, {"found": lines[0][:_EXCERPT]})
    if hint == "srt":
        return "srt"
    number, first = next((n, line) for n, line in enumerate(lines, start=1) if line.strip())
    if _SRT_INDEX.fullmatch(first.strip()) or _SRT_TIMING.fullmatch(first.strip()):
        return "srt"
    if first.strip().startswith("WEBVTT"):
        # Browsers reject a WebVTT file unless its very first line is the header.
        raise SubtitleError("missing_header", 1, {"found": lines[0][:_EXCERPT]})
    raise SubtitleError("unknown_format", number, {"found": first[:_EXCERPT]})


def _blocks(lines: Sequence[str], start: int = 0) -> Iterator[_Block]:
    """The blank-line separated blocks of `lines` from index `start`, with their first line numbers."""
    current: list[str] = []
    first_line = 0
    for number, line in enumerate(lines[start:], start=start + 1):
        if line.strip():
            if not current:
                first_line = number
            current.append(line)
        elif current:
            yield _Block(first_line, tuple(current))
            current = []
    if current:
        yield _Block(first_line, tuple(current))


def _parse_srt(lines: Sequence[str]) -> list[Cue]:
    """The cues of a SubRip file: number, time range and at least one line of text per block."""
    cues: list[Cue] = []
    for block in (cue for whole in _blocks(lines) for cue in _split_at_srt_numbers(whole)):
        index_line = block.lines[0].strip()
        if not _SRT_INDEX.fullmatch(index_line):
            raise SubtitleError("bad_index", block.first_line, {"found": index_line[:_EXCERPT]})
        timing_line = block.lines[1].strip() if len(block.lines) > 1 else ""
        match = _SRT_TIMING.fullmatch(timing_line)
        if match is None:
            # A number on the file's last line has its missing timing "after" the end: name the last line.
            where = min(block.line_of(1), len(lines))
            raise SubtitleError("bad_timing", where, {"found": timing_line[:_EXCERPT]})
        start_ms, end_ms = _times(match.groups(), block.line_of(1), timing_line)
        cues.append(_cue(int(index_line), start_ms, end_ms, block.lines[2:], block.line_of(1)))
    return cues


def _split_at_srt_numbers(block: _Block) -> Iterator[_Block]:
    """`block` cut before each number-and-timing pair inside its text, where a blank line was forgotten."""
    # Players start a new cue at such a pair, so the missing blank line must not merge two cues' text.
    cut = 0
    for i in range(2, len(block.lines) - 1):
        if _is_srt_cue_start(block.lines[i], block.lines[i + 1]) and i - cut >= 2:
            yield _Block(block.line_of(cut), block.lines[cut:i])
            cut = i
    yield _Block(block.line_of(cut), block.lines[cut:])


def _is_srt_cue_start(line: str, next_line: str) -> bool:
    """Whether `line` and `next_line` are a SubRip cue number followed by its timing line."""
    return bool(_SRT_INDEX.fullmatch(line.strip()) and _SRT_TIMING.fullmatch(next_line.strip()))


def _parse_vtt(lines: Sequence[str]) -> list[Cue]:
    """The cues of a WebVTT file, skipping its header, NOTE, STYLE and REGION blocks and cue identifiers."""
    cues: list[Cue] = []
    for block in _vtt_cue_blocks(lines):
        # A line holding "-->" is the timing; any line before it is the cue's optional identifier.
        offset = 1 if "-->" not in block.lines[0] and len(block.lines) > 1 else 0
        timing_line = block.lines[offset].strip()
        match = _VTT_TIMING.fullmatch(timing_line)
        if match is None:
            raise SubtitleError("bad_timing", block.line_of(offset), {"found": timing_line[:_EXCERPT]})
        start_ms, end_ms = _times(match.groups(), block.line_of(offset), timing_line)
        text_lines = block.lines[offset + 1 :]
        cues.append(_cue(len(cues) + 1, start_ms, end_ms, text_lines, block.line_of(offset)))
    return cues


def _vtt_cue_blocks(lines: Sequence[str]) -> Iterator[_Block]:
    """The cue blocks of a WebVTT file, with a cue split where a line with "-->" interrupts its text."""
    # The header runs to the first blank line, unless a timing line shows the author omitted that line.
    header_end = next(
        (i for i, line in enumerate(lines) if not line.strip() or (i > 0 and "-->" in line)), len(lines)
    )
    for block in _blocks(lines, header_end):
        if _VTT_NON_CUE_BLOCK.fullmatch(block.lines[0]):
            continue
        yield from _split_at_timings(block)


def _split_at_timings(block: _Block) -> Iterator[_Block]:
    """`block` cut before every "-->" line that follows the first one, as the WebVTT parser does."""
    first_timing = next((i for i, line in enumerate(block.lines) if "-->" in line), 0)
    cut = 0
    for i in range(first_timing + 1, len(block.lines)):
        if "-->" in block.lines[i]:
            yield _Block(block.line_of(cut), block.lines[cut:i])
            cut = i
    yield _Block(block.line_of(cut), block.lines[cut:])


def _times(groups: Sequence[str | None], line: int, timing_line: str) -> tuple[int, int]:
    """Start and end in milliseconds from the eight captured groups of a timing line."""
    start_ms = _to_ms(groups[:4])
    end_ms = _to_ms(groups[4:])
    if start_ms is None or end_ms is None:
        raise SubtitleError("bad_timing", line, {"found": timing_line[:_EXCERPT]})
    if end_ms < start_ms:
        raise SubtitleError("end_before_start", line, {"start_ms": start_ms, "end_ms": end_ms})
    return start_ms, end_ms


def _to_ms(parts: Sequence[str | None]) -> int | None:
    """Milliseconds of captured (hours, minutes, seconds, milliseconds), None if out of range."""
    hours, minutes, seconds, millis = (int(p) if p is not None else 0 for p in parts)
    if minutes > 59 or seconds > 59:
        return None
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis


def _cue(index: int, start_ms: int, end_ms: int, text_lines: Sequence[str], timing_line: int) -> Cue:
    """A cue with its text lines joined, or `empty_cue_text` at its timing line if it has none."""
    if not text_lines:
        raise SubtitleError("empty_cue_text", timing_line, {"index": index})
    return Cue(index=index, start_ms=start_ms, end_ms=end_ms, text="\n".join(text_lines))


def format_timestamp(ms: int, *, fmt: SubtitleFormat) -> str:
    """`HH:MM:SS,mmm` for SRT or `HH:MM:SS.mmm` for WebVTT; hours grow past two digits when needed."""
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    separator = "," if fmt == "srt" else "."
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


def render_srt(cues: Iterable[Cue], *, newline: str = "\n") -> str:
    """A SubRip file of `cues`, numbered by their index, with `newline` ("\\r\\n" for old players)."""
    parts: list[str] = []
    for cue in cues:
        _check_renderable(cue, forbid_arrow=False)
        start = format_timestamp(cue.start_ms, fmt="srt")
        end = format_timestamp(cue.end_ms, fmt="srt")
        parts.append(newline.join([str(cue.index), f"{start} --> {end}", *cue.text.split("\n")]))
    return "".join(part + newline * 2 for part in parts)


def render_vtt(cues: Iterable[Cue], *, newline: str = "\n") -> str:
    """A WebVTT file of `cues`, without cue identifiers or settings."""
    parts = ["WEBVTT"]
    for cue in cues:
        _check_renderable(cue, forbid_arrow=True)
        start = format_timestamp(cue.start_ms, fmt="vtt")
        end = format_timestamp(cue.end_ms, fmt="vtt")
        parts.append(newline.join([f"{start} --> {end}", *cue.text.split("\n")]))
    return "".join(part + newline * 2 for part in parts)


def _check_renderable(cue: Cue, *, forbid_arrow: bool) -> None:
    """Refuse a cue whose text would not read back as the same cue: blank lines end a cue early."""
    lines = cue.text.split("\n")
    if any(not line.strip() or line != line.rstrip() or "\r" in line for line in lines):
        raise ValueError(f"cue {cue.index}: text has a blank line, trailing space or carriage return")
    if forbid_arrow and "-->" in cue.text:
        raise ValueError(f"cue {cue.index}: WebVTT cue text cannot contain '-->'")
    if not forbid_arrow and any(_is_srt_cue_start(a, b) for a, b in pairwise(lines)):
        raise ValueError(f"cue {cue.index}: SubRip cue text cannot hold a cue number and timing line")
    if cue.start_ms < 0 or cue.end_ms < cue.start_ms:
        raise ValueError(f"cue {cue.index}: times must satisfy 0 <= start <= end")
