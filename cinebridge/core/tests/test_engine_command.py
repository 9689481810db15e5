"""The shared body of the engines' management commands (core/management/engine_command.py)."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

SCORES = {"scores": [{"member": 1, "score": 8}, {"member": 2, "score": 10}]}


@pytest.mark.parametrize("command", ["jury", "royalties", "eligibility", "schedule"])
def test_input_dash_reads_the_standard_input(monkeypatch, command):
    monkeypatch.setattr("sys.stdin", io.StringIO("{not json"))
    with pytest.raises(CommandError, match=r"^-: "):
        call_command(command, "--input", "-", stdout=io.StringIO())


def test_the_result_is_printed_as_json(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(SCORES)))
    out = io.StringIO()
    call_command("jury", "--input", "-", stdout=out)
    assert json.loads(out.getvalue())["mean"] == "9.00"


def test_an_engine_refusal_names_the_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({"scores": "none"})))
    with pytest.raises(CommandError, match=r"^-: scores"):
        call_command("jury", "--input", "-", stdout=io.StringIO())
