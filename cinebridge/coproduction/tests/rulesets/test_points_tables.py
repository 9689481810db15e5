"""The points tables: their totals and thresholds are the ones docs/coproduction-rules.md documents (a
table edited without the documentation fails here), and a project scoring every entry reaches the
maximum the engine reports."""

from __future__ import annotations

import pytest

from .helpers import document, names, status
from .scenarios import PASSED, groups, points_project, setting

# (file, rule code, table) -> (maximum, threshold, waiver floor), as docs/coproduction-rules.md says.
DOCUMENTED = {
    ("coe-1992", "appendix-ii-points", "*"): (19, 15, 1),
    ("coe-2017", "appendix-ii-fiction-points", "*"): (21, 16, 1),
    ("iran-belarus", "ib-3-points", "*"): (19, 15, 12),
    ("iran-belarus", "ib-3-points", "animation"): (19, 15, 12),
}


def _tables() -> list[tuple[str, str, str]]:
    found = []
    for name in names():
        for rule in document(name)["rules"]:
            if rule["check"] == "points":
                found += [(name, rule["code"], key) for key in rule["params"]["tables"]]
    return found


def test_every_shipped_table_is_documented() -> None:
    assert sorted(_tables()) == sorted(DOCUMENTED)


@pytest.mark.parametrize(("name", "code", "key"), sorted(DOCUMENTED))
def test_table_total_and_threshold_match_the_documentation(name: str, code: str, key: str) -> None:
    rule = next(rule for rule in document(name)["rules"] if rule["code"] == code)
    maximum, threshold, waiver = DOCUMENTED[(name, code, key)]
    entries = rule["params"]["tables"][key]
    assert sum(entry["points"] for entry in entries) == maximum
    assert rule["params"]["threshold"] == threshold
    assert rule["params"].get("waiver_min") == waiver


@pytest.mark.parametrize(("name", "code", "key"), sorted(DOCUMENTED))
def test_a_project_scoring_every_entry_reaches_the_maximum(name: str, code: str, key: str) -> None:
    doc = document(name)
    rule = next(rule for rule in doc["rules"] if rule["code"] == code)
    maximum = DOCUMENTED[(name, code, key)][0]
    project = points_project(doc, rule, key, maximum, setting(rule))
    from .helpers import result

    row = result(doc, project, code)
    assert row["status"] == PASSED
    assert row["numbers"]["points"] == maximum
    assert row["numbers"]["maximum"] == maximum
    assert row["numbers"]["table"] == key


def test_the_1992_table_row_by_row() -> None:
    """Appendix II of ETS 147: creative group 7, performing group 6, technical craft group 6."""
    rule = next(rule for rule in document("coe-1992")["rules"] if rule["check"] == "points")
    points = {name: value for _kind, name, value in groups(rule["params"]["tables"]["*"])}
    creative = points["director"] + points["screenwriter"] + points["composer"]
    performing = points["lead_1"] + points["lead_2"] + points["lead_3"]
    craft = (
        sum(
            points[name]
            for name in ("director_of_photography", "sound", "editor", "production_designer", "shooting")
        )
        + points["post_production"]
    )
    assert (creative, performing, craft) == (7, 6, 6)


def test_a_lead_from_outside_the_parties_does_not_score() -> None:
    doc = document("iran-belarus")
    rule = next(rule for rule in doc["rules"] if rule["check"] == "points")
    project = points_project(doc, rule, "*", 15, setting(rule))
    assert ("lead_1", "IR") in project.creatives
    assert status(doc, project, rule["code"]) == PASSED
    project.creatives = [
        (role, "US" if role == "lead_1" else nationality) for role, nationality in project.creatives
    ]
    assert status(doc, project, rule["code"]) == "waivable"  # 15 - 3 = 12, the waiver's floor
