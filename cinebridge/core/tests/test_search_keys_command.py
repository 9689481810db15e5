"""The search-keys engine through its command: same JSON as the Python function."""

import json

import pytest
from django.core.management import CommandError, call_command

from cinebridge.core.engine.interface import search_keys_report


def test_command_prints_the_same_report_as_the_function(tmp_path, capsys):
    texts = ["عباس کیارستمی", "Аббас Киаростами", "Abbas Kiarostami"]
    source = tmp_path / "texts.json"
    source.write_text(json.dumps({"texts": texts}), encoding="utf-8")
    call_command("search_keys", "--input", str(source))
    printed = json.loads(capsys.readouterr().out)
    assert printed == search_keys_report(texts)
    assert {tuple(r["skeletons"]) for r in printed["results"]} == {tuple(printed["results"][0]["skeletons"])}


def test_command_refuses_a_file_of_the_wrong_shape(tmp_path):
    source = tmp_path / "texts.json"
    source.write_text(json.dumps({"texts": "not a list"}), encoding="utf-8")
    with pytest.raises(CommandError, match="list of strings"):
        call_command("search_keys", "--input", str(source))
