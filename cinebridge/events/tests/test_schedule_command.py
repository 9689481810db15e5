"""`manage.py schedule --input`: the optimiser's schedule as JSON; bad input names the file and the place."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cinebridge.events.engine.jsonio import schedule_from_json

CASE = {
    "timezone": "Europe/Minsk",
    "grid": 15,
    "days": ["2026-05-08", "2026-05-09"],
    "venues": [{"id": "pobeda", "city": "Minsk"}],
    "screens": [{"id": "pobeda-1", "venue": "pobeda", "capacity": 300, "changeover": 20,
                 "projection": ["DCP", "file"], "hours": [["18:00", "20:30"]]}],
    "films": [
        {"id": "a-separation", "runtime": 123, "min_screenings": 1, "max_screenings": 1, "appeal": 0.8},
        {"id": "the-white-balloon", "runtime": 130, "max_screenings": 1, "appeal": 0.6, "format": "file"},
    ],
}  # fmt: skip


def _run(tmp_path, payload, *options):
    case = tmp_path / "instance.json"
    case.write_text(payload if isinstance(payload, str) else json.dumps(payload), encoding="utf-8")
    out = StringIO()
    call_command("schedule", "--input", str(case), *options, stdout=out)
    return json.loads(out.getvalue())


def _without_seconds(result):
    return {key: value for key, value in result.items() if key != "seconds"}


def test_it_prints_the_engine_s_schedule(tmp_path):
    printed = _run(tmp_path, CASE, "--seconds", "5")
    assert _without_seconds(printed) == _without_seconds(schedule_from_json(CASE, seconds=5))
    assert printed["status"] == "optimal"
    assert printed["objective"] == printed["bound"] >= printed["greedy_objective"]
    # One screening an evening fits, at 18:00 only: Saturday (the better day) goes to the more appealing film.
    assert [(s["film"], s["start"]) for s in printed["screenings"]] == [
        ("the-white-balloon", "2026-05-08T18:00+03:00"), ("a-separation", "2026-05-09T18:00+03:00"),
    ]  # fmt: skip


def test_bad_input_names_the_file_and_the_path(tmp_path):
    bad = {**CASE, "films": [{**CASE["films"][0], "runtime": "long"}]}
    with pytest.raises(CommandError) as error:
        _run(tmp_path, bad)
    message = str(error.value)
    assert str(tmp_path / "instance.json") in message
    assert "films[0].runtime: " in message


def test_unreadable_json_a_missing_file_and_a_bad_time_limit_are_refused(tmp_path):
    with pytest.raises(CommandError, match=r"instance\.json"):
        _run(tmp_path, "{not json")
    with pytest.raises(CommandError, match=r"absent\.json"):
        call_command("schedule", "--input", str(tmp_path / "absent.json"), stdout=StringIO())
    with pytest.raises(CommandError, match="--seconds"):
        _run(tmp_path, CASE, "--seconds", "0")
