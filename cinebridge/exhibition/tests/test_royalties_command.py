"""`manage.py royalties --input`: the engine's statement as JSON; bad input names the file and the place."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from cinebridge.exhibition.engine.jsonio import statement_from_json

CASE = {
    "currency": "EUR",
    "terms": {
        "minimum_guarantee": "100000",
        "distribution_fee_percent": {"THEATRICAL": "30"},
        "expenses_cap": "80000",
    },
    "period": {"start": "2026-01-01", "end": "2026-03-31"},
    "receipts": [
        {"ref": "r-1", "date": "2026-02-01", "media": "THEATRICAL", "amount": "400000", "currency": "EUR"}
    ],
    "expenses": [
        {"ref": "e-1", "date": "2026-01-05", "amount": "60000", "currency": "EUR", "description": "Prints"}
    ],
    "previously_reported": "100000",
}


def _run(tmp_path, payload, *options):
    case = tmp_path / "case.json"
    case.write_text(payload if isinstance(payload, str) else json.dumps(payload), encoding="utf-8")
    out = StringIO()
    call_command("royalties", "--input", str(case), *options, stdout=out)
    return case, json.loads(out.getvalue())


def test_it_prints_the_engine_s_statement(tmp_path):
    _, printed = _run(tmp_path, CASE)
    assert printed == statement_from_json(CASE)
    assert printed["totals"]["payable"] == "120000.00"


def test_bad_input_names_the_file_and_the_path(tmp_path):
    bad = {**CASE, "expenses": [{**CASE["expenses"][0], "amount": "60000.005"}]}
    with pytest.raises(CommandError) as error:
        _run(tmp_path, bad)
    message = str(error.value)
    assert str(tmp_path / "case.json") in message
    assert "expenses[0].amount: " in message
    assert "60000.005" in message


def test_unreadable_json_and_a_missing_file_are_refused(tmp_path):
    with pytest.raises(CommandError, match=r"case\.json"):
        _run(tmp_path, "{not json")
    with pytest.raises(CommandError, match=r"absent\.json"):
        call_command("royalties", "--input", str(tmp_path / "absent.json"), stdout=StringIO())


def test_a_missing_rate_names_the_row(tmp_path):
    bad = {**CASE, "receipts": [{**CASE["receipts"][0], "currency": "BYN"}]}
    with pytest.raises(CommandError, match=r"receipts\[0\]: .*BYN→EUR"):
        _run(tmp_path, bad)


def test_messages_are_worded_in_the_language_asked(tmp_path, monkeypatch):
    seen = []
    real_gettext = translation.gettext

    def spying_gettext(message):
        seen.append(translation.get_language())
        return real_gettext(message)

    monkeypatch.setattr("cinebridge.exhibition.engine_messages._", spying_gettext)
    with pytest.raises(CommandError):
        _run(tmp_path, {**CASE, "currency": "EURO"}, "--language", "fa")
    assert set(seen) == {"fa"}
