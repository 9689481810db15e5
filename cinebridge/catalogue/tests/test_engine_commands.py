"""The catalogue engines through their commands: the same JSON as the Python functions."""

import json

import pytest
from django.core.management import CommandError, call_command

from cinebridge.catalogue.engine.interface import identifiers_report, subtitles_report


def test_check_identifiers_reports_each_identifier(tmp_path, capsys):
    payload = {
        "eidr": ["10.5240/7791-8534-2C23-9030-8610-5", "10.5240/7791-8534-2C23-9030-8610-6"],
        "imdb": ["https://www.imdb.com/title/tt0118849/"],
    }
    source = tmp_path / "ids.json"
    source.write_text(json.dumps(payload))
    call_command("check_identifiers", "--input", str(source))
    printed = json.loads(capsys.readouterr().out)
    assert printed == identifiers_report(payload)
    assert [r["valid"] for r in printed["results"]] == [True, False, True]
    assert printed["results"][1]["error"]["code"] == "eidr_check"
    assert printed["results"][1]["error"]["expected"] == "5"
    assert printed["results"][2]["canonical"] == "tt0118849"


def test_check_identifiers_refuses_unknown_schemes(tmp_path):
    source = tmp_path / "ids.json"
    source.write_text(json.dumps({"doi": ["10.1000/1"]}))
    with pytest.raises(CommandError, match="unknown identifier scheme"):
        call_command("check_identifiers", "--input", str(source))


def test_check_subtitles_summarises_a_valid_file(tmp_path, capsys):
    track = tmp_path / "fa.vtt"
    track.write_text("WEBVTT\n\n00:01.000 --> 00:02.500\nسلام\n", encoding="utf-8")
    call_command("check_subtitles", "--input", str(track))
    printed = json.loads(capsys.readouterr().out)
    assert printed == subtitles_report(track.read_bytes(), format_hint=".vtt")
    assert (printed["format"], printed["cue_count"], printed["last_end_ms"]) == ("vtt", 1, 2500)


def test_check_subtitles_fails_naming_the_line(tmp_path, capsys):
    track = tmp_path / "ru.srt"
    track.write_text("1\n00:00:01,000 --> 00:00:02,000\nПривет\n\n2\nnot a time\nПока\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 6: bad_timing"):
        call_command("check_subtitles", "--input", str(track))
    assert json.loads(capsys.readouterr().out)["error"] == {
        "code": "bad_timing",
        "line": 6,
        "params": {"found": "not a time"},
    }
