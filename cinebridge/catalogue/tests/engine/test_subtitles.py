import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cinebridge.catalogue.engine.subtitles import (
    SUBTITLE_ERROR_CODES,
    Cue,
    SubtitleError,
    format_timestamp,
    parse_subtitles,
    render_srt,
    render_vtt,
)

PERSIAN_SRT = """1
00:00:01,000 --> 00:00:03,500
سلام، حالت چطوره؟

2
00:00:04,000 --> 00:00:06,250
خوبم، ممنون.
تو چطوری؟

3
00:01:02,003 --> 00:01:05,000
‏فیلم «بچه‌های آسمان» را دیده‌ای؟
"""

ARABIC_VTT = """WEBVTT - ترجمة عربية
Kind: subtitles
Language: ar

NOTE ترجمة مهرجان الفيلم
تمت المراجعة

STYLE
::cue { font-family: "Noto Naskh Arabic"; }

مقدمة
00:00.500 --> 00:02.000 align:start line:90%
مرحباً بكم في المهرجان.

00:02.500 --> 00:04.000
<i>شكراً جزيلاً</i> &amp; إلى اللقاء.

1:00:00.000 --> 1:00:01.500 position:10%,line-left
النهاية
"""

RUSSIAN_SRT = (
    "1\r\n00:00:10,000 --> 00:00:12,000\r\nДобрый вечер.\r\n\r\n"
    "2\r\n00:00:12,500 --> 00:00:15,000\r\n— Фильм начинается.\r\n— Тише, пожалуйста!\r\n"
)


def _error(data: bytes, format_hint: str | None = None) -> SubtitleError:
    """The error parsing `data` raises."""
    with pytest.raises(SubtitleError) as excinfo:
        parse_subtitles(data, format_hint)
    return excinfo.value


def test_persian_srt_is_read_with_its_right_to_left_text():
    info = parse_subtitles(PERSIAN_SRT.encode())
    assert info.format == "srt"
    assert info.cue_count == 3
    assert info.first_start_ms == 1000
    assert info.last_end_ms == 65000
    assert info.cues[1] == Cue(index=2, start_ms=4000, end_ms=6250, text="خوبم، ممنون.\nتو چطوری؟")
    # The right-to-left mark and the zero-width non-joiner are text, not whitespace to strip.
    assert info.cues[2].text == "\u200fفیلم «بچه\u200cهای آسمان» را دیده\u200cای؟"


def test_arabic_webvtt_skips_header_notes_styles_and_identifiers_and_keeps_markup():
    info = parse_subtitles(ARABIC_VTT.encode(), ".vtt")
    assert info.format == "vtt"
    assert [(c.index, c.start_ms, c.end_ms) for c in info.cues] == [
        (1, 500, 2000),
        (2, 2500, 4000),
        (3, 3_600_000, 3_601_500),
    ]
    assert info.cues[0].text == "مرحباً بكم في المهرجان."
    assert info.cues[1].text == "<i>شكراً جزيلاً</i> &amp; إلى اللقاء."


def test_russian_srt_with_crlf_line_ends():
    info = parse_subtitles(RUSSIAN_SRT.encode())
    assert info.cue_count == 2
    assert info.cues[1].text == "— Фильм начинается.\n— Тише, пожалуйста!"
    assert "\r" not in "".join(c.text for c in info.cues)


def test_utf8_bom_is_removed():
    info = parse_subtitles(codecs.BOM_UTF8 + PERSIAN_SRT.encode())
    assert info.cues[0].index == 1
    assert info.cues[0].text == "سلام، حالت چطوره؟"


def test_webvtt_header_is_recognised_after_a_bom():
    info = parse_subtitles(codecs.BOM_UTF8 + ARABIC_VTT.encode())
    assert info.format == "vtt"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(encoding):
    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[encoding]
    info = parse_subtitles(bom + RUSSIAN_SRT.encode(encoding))
    assert info.cues[0].text == "Добрый вечер."


def test_lenient_srt_trailing_spaces_extra_blank_lines_full_stop_and_no_final_newline():
    data = (
        "\n\n1  \n00:00:01.000-->00:00:02,000   \nسلام  \n\n\n\n"
        "7\n00:00:03,000 --> 00:00:04,000 X1:100 X2:600 Y1:50 Y2:80\nمرحبا"
    ).encode()
    info = parse_subtitles(data)
    assert [(c.index, c.start_ms, c.end_ms, c.text) for c in info.cues] == [
        (1, 1000, 2000, "سلام"),
        (7, 3000, 4000, "مرحبا"),
    ]


def test_srt_cues_missing_their_blank_line_are_split_as_players_do():
    data = "1\n00:00:01,000 --> 00:00:02,000\nОдин\n2\n00:00:03,000 --> 00:00:04,000\nДва\n".encode()
    info = parse_subtitles(data)
    assert [c.text for c in info.cues] == ["Один", "Два"]


def test_webvtt_timing_inside_a_cue_starts_a_new_cue():
    data = b"WEBVTT\n\n00:01.000 --> 00:02.000\none\n00:03.000 --> 00:04.000\ntwo\n"
    info = parse_subtitles(data)
    assert [(c.start_ms, c.text) for c in info.cues] == [(1000, "one"), (3000, "two")]


def test_webvtt_cue_right_after_the_header_line():
    info = parse_subtitles(b"WEBVTT\n00:01.000 --> 00:02.000\none\n")
    assert info.cues == (Cue(1, 1000, 2000, "one"),)


def test_webvtt_file_named_srt_is_read_as_webvtt():
    assert parse_subtitles(ARABIC_VTT.encode(), "film.fa.srt").format == "vtt"


def test_zero_length_cue_is_accepted():
    info = parse_subtitles(b"1\n00:00:01,000 --> 00:00:01,000\nx\n")
    assert info.cues[0].start_ms == info.cues[0].end_ms == 1000


# Errors, each with the line an editor would show.


def test_empty_file():
    assert _error(b"").code == "empty"
    assert _error(b"\r\n \n\t\n").code == "empty"
    assert _error(codecs.BOM_UTF8).code == "empty"


def test_webvtt_without_cues_is_empty():
    error = _error(b"WEBVTT\n\nNOTE nothing yet\n")
    assert (error.code, error.line, error.params) == ("empty", None, {"format": "vtt"})


def test_windows_1256_persian_is_an_encoding_error_at_its_line():
    data = "1\n00:00:01,000 --> 00:00:02,000\nسلام دوست من\n".encode("cp1256")
    error = _error(data)
    assert error.code == "encoding"
    assert error.line == 3
    assert error.params["offset"] == data.index("س".encode("cp1256"))


def test_windows_1256_arabic_and_windows_1251_russian_are_encoding_errors():
    assert _error("1\n00:00:01,000 --> 00:00:02,000\nمرحبا\n".encode("cp1256")).code == "encoding"
    assert _error(RUSSIAN_SRT.encode("cp1251")).line == 3


def test_utf16_without_bom_is_an_encoding_error():
    error = _error(RUSSIAN_SRT.encode("utf-16-le"))
    assert (error.code, error.line, error.params) == ("encoding", 1, {"encoding": "utf-8", "offset": 1})


def test_nul_in_the_middle_of_a_file_is_an_encoding_error_at_its_line():
    error = _error("1\n00:00:01,000 --> 00:00:02,000\nسلام\x00\n".encode())
    assert (error.code, error.line, error.params["offset"]) == ("encoding", 3, 40)


def test_truncated_utf16_is_an_encoding_error():
    error = _error(codecs.BOM_UTF16_LE + "WEBVTT\n\n".encode("utf-16-le") + b"\x00")
    assert (error.code, error.line, error.params) == ("encoding", 3, {"encoding": "utf-16-le", "offset": 18})


def test_webvtt_hint_without_header():
    error = _error(PERSIAN_SRT.encode(), "vtt")
    assert (error.code, error.line, error.params) == ("missing_header", 1, {"found": "1"})


def test_webvtt_header_not_on_the_first_line():
    error = _error(b"\nWEBVTT\n\n00:01.000 --> 00:02.000\nx\n")
    assert (error.code, error.line) == ("missing_header", 1)


def test_webvtt_header_glued_to_other_text():
    assert _error(b"WEBVTTX\n\n00:01.000 --> 00:02.000\nx\n", "vtt").code == "missing_header"


def test_srt_block_without_a_number():
    data = "1\n00:00:01,000 --> 00:00:02,000\nسلام\n\nدو\n00:00:03,000 --> 00:00:04,000\nx\n".encode()
    error = _error(data)
    assert (error.code, error.line, error.params) == ("bad_index", 5, {"found": "دو"})


def test_srt_block_with_persian_digits_as_its_number():
    data = "۱\n00:00:01,000 --> 00:00:02,000\nسلام\n".encode()
    assert (_error(data, "srt").code, _error(data, "srt").line) == ("bad_index", 1)


def test_srt_stray_text_after_a_blank_line_inside_a_cue():
    data = "1\n00:00:01,000 --> 00:00:02,000\nسطر اول\n\nسطر دوم\n".encode()
    error = _error(data)
    assert (error.code, error.line) == ("bad_index", 5)


@pytest.mark.parametrize(
    ("timing", "found"),
    [
        ("00:00:01,000 -> 00:00:02,000", "00:00:01,000 -> 00:00:02,000"),
        ("00:00:01 --> 00:00:02", "00:00:01 --> 00:00:02"),
        ("00:00:61,000 --> 00:00:62,000", "00:00:61,000 --> 00:00:62,000"),
        ("00:60:01,000 --> 00:60:02,000", "00:60:01,000 --> 00:60:02,000"),
        ("00:00:01,000 --> 00:00:02,0000", "00:00:01,000 --> 00:00:02,0000"),
        ("۰۰:۰۰:۰۱,۰۰۰ --> ۰۰:۰۰:۰۲,۰۰۰", "۰۰:۰۰:۰۱,۰۰۰ --> ۰۰:۰۰:۰۲,۰۰۰"),
        ("سلام", "سلام"),
    ],
)
def test_srt_bad_timing_line(timing, found):
    data = f"1\n00:00:00,000 --> 00:00:00,500\nok\n\n2\n{timing}\ntext\n".encode()
    error = _error(data)
    assert (error.code, error.line, error.params) == ("bad_timing", 6, {"found": found})


def test_srt_number_without_timing_at_the_end_of_the_file():
    error = _error(b"1\n00:00:00,000 --> 00:00:00,500\nok\n\n2\n")
    assert (error.code, error.line, error.params) == ("bad_timing", 6, {"found": ""})
    assert _error(b"1\n00:00:00,000 --> 00:00:00,500\nok\n\n2").line == 5


@pytest.mark.parametrize(
    "timing",
    [
        "00:00:01,000 --> 00:00:02,000",
        "00:01.000 --> 0:02.000",
        "00:01.000 --> 00:02.000align:start",
        "1:02.000 --> 1:03.000",
        "00:01.000",
    ],
)
def test_webvtt_bad_timing_line_after_an_identifier(timing):
    data = f"WEBVTT\n\nNOTE x\n\ncue-1\n{timing}\ntext\n".encode()
    error = _error(data)
    assert (error.code, error.line) == ("bad_timing", 6)


def test_webvtt_text_block_without_timing():
    error = _error("WEBVTT\n\nسلام\n".encode())
    assert (error.code, error.line, error.params) == ("bad_timing", 3, {"found": "سلام"})


def test_srt_end_before_start():
    data = b"1\n00:00:01,000 --> 00:00:02,000\na\n\n2\n00:00:05,000 --> 00:00:04,999\nb\n"
    error = _error(data)
    assert (error.code, error.line, error.params) == (
        "end_before_start",
        6,
        {"start_ms": 5000, "end_ms": 4999},
    )


def test_webvtt_end_before_start():
    error = _error(b"WEBVTT\n\n01:00:00.000 --> 59:59.999\nx\n")
    assert (error.code, error.line) == ("end_before_start", 3)


def test_srt_cue_without_text():
    data = b"1\n00:00:01,000 --> 00:00:02,000\na\n\n2\n00:00:03,000 --> 00:00:04,000\n\n3\n"
    error = _error(data)
    assert (error.code, error.line, error.params) == ("empty_cue_text", 6, {"index": 2})


def test_webvtt_cue_without_text():
    error = _error(b"WEBVTT\n\nid\n00:01.000 --> 00:02.000\n\n00:03.000 --> 00:04.000\nx\n")
    assert (error.code, error.line, error.params) == ("empty_cue_text", 4, {"index": 1})


def test_unknown_extension():
    error = _error(PERSIAN_SRT.encode(), ".ass")
    assert (error.code, error.params) == ("unknown_format", {"hint": ".ass"})


def test_unrecognisable_content_without_hint():
    error = _error(b"\n[Script Info]\nTitle: film\n")
    assert (error.code, error.line, error.params) == ("unknown_format", 2, {"found": "[Script Info]"})


def test_error_codes_are_the_documented_ones():
    # The interface translates each code; this list keeps the engine and its messages in step.
    assert frozenset(
        {"empty", "encoding", "missing_header", "bad_index", "bad_timing", "end_before_start",
         "empty_cue_text", "unknown_format"}
    ) == SUBTITLE_ERROR_CODES  # fmt: skip


def test_error_str_is_a_debug_aid():
    assert str(SubtitleError("bad_timing", 6, {"found": "x"})) == "bad_timing at line 6 {'found': 'x'}"


# Rendering and the round trip.


def test_timestamps_grow_past_99_hours():
    assert format_timestamp(100 * 3_600_000 + 1, fmt="srt") == "100:00:00,001"
    assert format_timestamp(61_001, fmt="vtt") == "00:01:01.001"


def test_render_srt_with_windows_line_ends():
    cues = [Cue(1, 1000, 2500, "سلام\nخداحافظ")]
    assert render_srt(cues, newline="\r\n") == (
        "1\r\n00:00:01,000 --> 00:00:02,500\r\nسلام\r\nخداحافظ\r\n\r\n"
    )


def test_render_vtt():
    assert render_vtt([Cue(1, 0, 500, "Привет")]) == "WEBVTT\n\n00:00:00.000 --> 00:00:00.500\nПривет\n\n"


@pytest.mark.parametrize("text", ["a\n\nb", "", "a ", "a\r"])
def test_render_refuses_text_that_would_not_read_back(text):
    with pytest.raises(ValueError):
        render_srt([Cue(1, 0, 1, text)])


def test_render_refuses_arrow_in_webvtt_and_a_cue_start_in_srt():
    with pytest.raises(ValueError):
        render_vtt([Cue(1, 0, 1, "a --> b")])
    with pytest.raises(ValueError):
        render_srt([Cue(1, 0, 1, "2\n00:00:01,000 --> 00:00:02,000")])


# Letters of the five interface scripts, digits, punctuation and the bidi and joiner controls that
# Persian and Arabic subtitles really contain; no line breaks, which would end a line.
_line_chars = st.characters(
    blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
    blacklist_characters="\ufeff",
) | st.sampled_from(list("سلام مرحبا Привет Прывітанне \u200c\u200f\u200e«»،؟"))
_text_line = (
    st.text(_line_chars, min_size=1, max_size=30)
    .map(str.rstrip)
    .filter(lambda line: line.strip() != "" and "-->" not in line)
)


@st.composite
def cue_lists(draw: st.DrawFn) -> list[Cue]:
    """Valid cues numbered from 1, in any time order, as SRT and WebVTT can both hold them."""
    cues = []
    for index in range(1, draw(st.integers(min_value=1, max_value=8)) + 1):
        start = draw(st.integers(min_value=0, max_value=200 * 3_600_000))
        end = start + draw(st.integers(min_value=0, max_value=3_600_000))
        text = "\n".join(draw(st.lists(_text_line, min_size=1, max_size=3)))
        cues.append(Cue(index=index, start_ms=start, end_ms=end, text=text))
    return cues


@given(cue_lists(), st.sampled_from(["\n", "\r\n"]))
def test_srt_round_trip(cues, newline):
    info = parse_subtitles(render_srt(cues, newline=newline).encode(), "srt")
    assert info.format == "srt"
    assert list(info.cues) == cues


@given(cue_lists(), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_vtt_round_trip(cues, newline, bom):
    data = render_vtt(cues, newline=newline).encode()
    info = parse_subtitles(codecs.BOM_UTF8 + data if bom else data)
    assert info.format == "vtt"
    assert list(info.cues) == cues
    assert info.first_start_ms == min(c.start_ms for c in cues)
    assert info.last_end_ms == max(c.end_ms for c in cues)
