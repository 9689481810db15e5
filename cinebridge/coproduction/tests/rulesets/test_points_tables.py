"""The points tables: their totals and thresholds are the ones docs/coproduction-rules.md documents (a
table edited without the documentation fails here), and a project scoring every entry reaches the
maximum the engine reports."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import ALL_KINDS, Project, document, names, report, result, rule_of, status
from .scenarios import FAILED, PASSED, groups, points_project, setting, tableless_kinds, without_table

# (file, rule code, table) -> (maximum, threshold, waiver floor), as docs/coproduction-rules.md says.
DOCUMENTED = {
    ("coe-1992", "appendix-ii-points", "*"): (19, 15, 1),
    ("coe-2017", "appendix-ii-points", "feature"): (21, 16, 1),
    ("coe-2017", "appendix-ii-points", "short"): (21, 16, 1),
    ("coe-2017", "appendix-ii-points", "series"): (21, 16, 1),
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


# --- the revised Convention (CETS No. 220), Appendix II ---------------------------------------------------

# Appendix II, paras 1-2 (works of fiction), row by row as the Czech official translation (23/2021 Sb. m.
# s.) gives it: director 4, screenplay 3, music 1, first/second/third role 3/2/1, director of photography
# 1, sound 1, editor 1, costume designer 1, studio or shooting location 1, VFX/CGI location 1,
# production location 1 (our reading: post-production), 21 in all.
FICTION_2017 = [
    ("role", "director", 4),
    ("role", "screenwriter", 3),
    ("role", "composer", 1),
    ("role", "lead_1", 3),
    ("role", "lead_2", 2),
    ("role", "lead_3", 1),
    ("role", "director_of_photography", 1),
    ("role", "sound", 1),
    ("role", "editor", 1),
    ("role", "costume_designer", 1),
    ("place", "shooting", 1),
    ("place", "post_production", 1),
    ("place", "post_production", 1),
]


def _rule_2017() -> dict[str, Any]:
    return next(rule for rule in document("coe-2017")["rules"] if rule["check"] == "points")


def test_the_2017_fiction_table_row_by_row() -> None:
    tables = _rule_2017()["params"]["tables"]
    assert sorted(tables) == ["feature", "series", "short"]
    for key, entries in tables.items():
        rows = [
            ("role", e["role"], e["points"]) if "role" in e else ("place", e["place"], e["points"])
            for e in entries
        ]
        assert rows == FICTION_2017, key
        assert sum(points for _kind, _name, points in rows) == 21


def test_the_2017_points_rule_applies_to_every_kind_of_work() -> None:
    rule = _rule_2017()
    assert "when" not in rule or "kinds" not in rule["when"]
    # Animation and documentary have tables in the Convention that the file does not carry (unverified).
    assert tableless_kinds(rule) == ["documentary", "animation"]


@pytest.mark.parametrize("kind", ["animation", "documentary"])
def test_a_2017_work_without_its_table_fails_and_is_never_eligible(kind: str) -> None:
    """An animated or documentary work meeting every other rule, with every fiction post and place held
    in the Parties: the points rule fails with the reason no_table, and the project is not eligible."""
    doc = document("coe-2017")
    rule = _rule_2017()
    project = points_project(doc, rule, "feature", 21, setting(rule))
    assert report(doc, project)["eligible"] is True  # as a feature film: every rule passes
    project.kind = kind
    found = report(doc, project)
    row = next(row for row in found["rules"] if row["code"] == rule["code"])
    assert row["status"] == FAILED
    assert row["numbers"] == {"reason": "no_table", "kind": kind, "table": None}
    assert row["items"] == []
    assert found["eligible"] is False
    others = [r["status"] for r in found["rules"] if r["code"] != rule["code"]]
    assert set(others) <= {PASSED, "not_applicable"}


def test_the_boundary_builder_covers_every_kind_without_a_table() -> None:
    """The boundary tests (test_boundaries.py) include, for each such kind, a project that must fail."""
    doc = document("coe-2017")
    rule = _rule_2017()
    built = without_table(doc, rule, setting(rule))
    assert [kind for kind, _project in built] == ["documentary", "animation"]
    assert all(status(doc, project, rule["code"]) == FAILED for _kind, project in built)
    # The files with a "*" table have no such kind.
    for name in ("coe-1992", "iran-belarus"):
        points = next(r for r in document(name)["rules"] if r["check"] == "points")
        assert tableless_kinds(points) == []
    assert set(ALL_KINDS) >= {"animation", "documentary"}


def test_a_copy_with_an_animation_table_scores_animation_with_it() -> None:
    """A copy that adds a table for animation (say, once verified) scores animation with it."""
    doc = document("coe-2017")
    rule = rule_of(doc, _rule_2017()["code"])
    rule["params"]["tables"]["animation"] = [{"role": "director", "points": 16}]
    project = Project(points_project(doc, rule, "feature", 21, setting(rule)).companies, kind="animation")
    project.creatives = [("director", "IT")]
    assert status(doc, project, rule["code"]) == PASSED
    project.kind = "documentary"
    assert status(doc, project, rule["code"]) == FAILED
