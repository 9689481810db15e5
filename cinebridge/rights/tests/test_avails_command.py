"""`manage.py avails --input`: the same engine as the application, and nothing written."""

import json
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.catalogue.tests.factories import FilmFactory
from cinebridge.rights.models import Grant, GrantAudit, RightsState
from cinebridge.rights.services import grant_create
from cinebridge.rights.tests.factories import exclusive_out, grant_input

pytestmark = pytest.mark.django_db

QUERY = {
    "id": "svod-by",
    "media": "SVOD",
    "territories": "BY",
    "window": {"start": "2026-03-01", "end": "2026-06-01"},
    "exclusive": True,
}


def run(tmp_path: Path, payload: dict[str, Any]) -> dict[str, Any]:
    scenario = tmp_path / "scenario.json"
    scenario.write_text(json.dumps(payload), encoding="utf-8")
    out = StringIO()
    call_command("avails", "--input", str(scenario), stdout=out)
    answer: dict[str, Any] = json.loads(out.getvalue())
    return answer


def test_without_grants_it_answers_from_the_database(tmp_path):
    farabi = OrganisationFactory(kind=OrganisationKind.RIGHTS_HOLDER, country="IR")
    editor = member_of(farabi, Role.EDITOR)
    free, licensed = FilmFactory(owner=farabi), FilmFactory(owner=farabi)
    for film in (free, licensed):
        grant_create(actor=editor, data=grant_input(film))
    blocking = grant_create(actor=editor, data=exclusive_out(licensed))
    assert run(tmp_path, {"queries": [QUERY]})["answers"][0]["works"] == [free.pk]
    later = {
        **QUERY,
        "works": [licensed.pk],
        "match": "overlap",
        "window": {"start": "2026-03-01", "end": "2027-06-01"},
    }
    [region] = run(tmp_path, {"queries": [later]})["answers"][0]["detail"][0]["regions"]
    assert region["blocking"] == [blocking.pk]
    assert region["windows"] == [{"start": "2027-01-01", "end": None}]


def test_with_grants_it_answers_from_them_alone_and_writes_nothing(tmp_path: Path) -> None:
    before = (
        Grant.objects.count(),
        GrantAudit.objects.count(),
        list(RightsState.objects.values_list("version")),
    )
    payload = {
        "grants": [{"id": 1, "work": 5, "direction": "in", "media": "ALL_MEDIA", "territories": "WORLD"}],
        "queries": [QUERY],
    }
    assert run(tmp_path, payload)["answers"][0]["works"] == [5]
    after = (
        Grant.objects.count(),
        GrantAudit.objects.count(),
        list(RightsState.objects.values_list("version")),
    )
    assert before == after


def test_a_bad_scenario_names_the_file_and_the_place(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"queries\[0\]\.window\.start"):
        run(tmp_path, {"queries": [{**QUERY, "window": {"start": "tomorrow"}}]})


def test_the_window_starts_today_when_the_query_gives_none(tmp_path: Path) -> None:
    tomorrow = date.fromordinal(timezone.localdate().toordinal() + 1).isoformat()
    held_until_tomorrow = {
        "id": 1,
        "work": 5,
        "direction": "in",
        "media": "SVOD",
        "territories": "BY",
        "term": {"start": "2020-01-01", "end": tomorrow},
    }
    query = {"media": "SVOD", "territories": "BY", "window": {"end": tomorrow}}
    assert run(tmp_path, {"grants": [held_until_tomorrow], "queries": [query]})["answers"][0]["works"] == [5]
    query["window"] = {}
    assert run(tmp_path, {"grants": [held_until_tomorrow], "queries": [query]})["answers"][0]["works"] == []
