"""The schedule optimiser: each hard rule on a tiny instance where it binds, the objective, locks,
manual-edit checks, the greedy baseline and the JSON interface."""

import copy

import pytest

from cinebridge.events.engine.checker import check_schedule
from cinebridge.events.engine.jsonio import (
    ScheduleInputError,
    check_from_json,
    input_from_json,
    instance_from_json,
    schedule_from_json,
)
from cinebridge.events.engine.scheduling import (
    Lock,
    Screening,
    expected_attendance,
    greedy,
    reoptimise,
    schedule_objective,
    solve,
)

MONDAY, SATURDAY = "2026-05-04", "2026-05-09"


def case(**changes):
    """One city, one screen open 18:00–22:00 on a Monday, one film of 100 minutes."""
    base = {
        "timezone": "Europe/Minsk",
        "grid": 15,
        "days": [MONDAY],
        "venues": [{"id": "V", "city": "Minsk"}],
        "screens": [{"id": "S", "venue": "V", "capacity": 100, "changeover": 20, "projection": ["DCP", "file"],
                     "hours": [["18:00", "22:00"]]}],
        "films": [{"id": "A", "runtime": 100, "max_screenings": 1, "appeal": 0.5}],
        "seconds": 5,
    }  # fmt: skip
    base.update(copy.deepcopy(changes))
    return base


def run(data):
    result = schedule_from_json(data)
    assert result["status"] in ("optimal", "feasible"), result
    instance = instance_from_json(data)
    return result, instance


def starts(result, film=None):
    return [s["start"][11:16] for s in result["screenings"] if film is None or s["film"] == film]


def test_a_film_is_placed_in_its_best_slot_and_the_result_is_optimal():
    result, _ = run(case())
    assert result["status"] == "optimal"
    assert result["objective"] == result["bound"] == 50 * 0.8 // 1  # capacity × appeal × Monday × evening
    assert starts(result) == ["18:00"]
    (row,) = result["screenings"]
    assert row == {
        "film": "A", "screen": "S", "venue": "V", "city": "Minsk", "start": "2026-05-04T18:00+03:00",
        "end": "2026-05-04T19:40+03:00", "qa_guest": None, "expected_attendance": 40, "locked": False,
    }  # fmt: skip
    assert result["engine"] == "schedule"
    assert result["format"] == 1
    assert result["gap"] == 0


def test_runtime_and_changeover_must_fit_the_opening_hours():
    fits, _ = run(case(films=[{"id": "A", "runtime": 220, "max_screenings": 1}]))
    assert starts(fits) == ["18:00"]  # 220 + 20 = 240 minutes: exactly the opening
    too_long, _ = run(case(films=[{"id": "A", "runtime": 221, "max_screenings": 1}]))
    assert too_long["screenings"] == []
    assert too_long["unscheduled"] == [
        {"film": "A", "reason": "hours", "message": "no opening range fits 221 minutes and the changeover"}
    ]


def test_one_screening_per_screen_at_a_time_changeover_included():
    two = [{"id": "A", "runtime": 100, "max_screenings": 1}, {"id": "B", "runtime": 100, "max_screenings": 1}]
    both, _ = run(case(films=two))
    assert sorted(starts(both)) == ["18:00", "20:00"]
    longer = [two[0], {**two[1], "runtime": 101}]  # 120 + 121 > 240 minutes: only one fits
    one, _ = run(case(films=longer))
    assert len(one["screenings"]) == 1
    assert one["unscheduled"][0]["reason"] == "crowded_out"


def test_each_film_gets_its_minimum_and_never_more_than_its_maximum():
    screens = [{"id": "S", "venue": "V", "capacity": 100, "changeover": 20, "projection": ["DCP"],
                "hours": [["10:00", "24:00"]]}]  # fmt: skip
    films = [
        {"id": "POPULAR", "runtime": 100, "max_screenings": 2, "appeal": 0.9},
        {"id": "NICHE", "runtime": 100, "min_screenings": 3, "max_screenings": 5, "appeal": 0.1},
    ]
    result, _instance = run(case(screens=screens, films=films))
    counts = {f: sum(1 for s in result["screenings"] if s["film"] == f) for f in ("POPULAR", "NICHE")}
    assert counts["POPULAR"] == 2
    assert counts["NICHE"] == 5  # the screen has room for seven: the niche film fills it to its maximum
    films[1]["max_screenings"] = 3
    result, _ = run(case(screens=screens, films=films))
    assert sum(1 for s in result["screenings"] if s["film"] == "NICHE") == 3


def test_an_impossible_minimum_is_infeasible():
    result = schedule_from_json(
        case(films=[{"id": "A", "runtime": 100, "min_screenings": 3, "max_screenings": 3}])
    )
    assert result["status"] == "infeasible"
    assert result["screenings"] == []
    assert result["objective"] is None


def test_projection_needs_a_screen_that_plays_the_copy():
    screens = [
        {"id": "DCP-ONLY", "venue": "V", "capacity": 400, "changeover": 20, "projection": ["DCP"],
         "hours": [["18:00", "22:00"]]},
        {"id": "FILE", "venue": "V", "capacity": 50, "changeover": 20, "projection": ["file"],
         "hours": [["18:00", "22:00"]]},
    ]  # fmt: skip
    result, _ = run(case(screens=screens, films=[{"id": "A", "runtime": 100, "format": "file"}]))
    assert [s["screen"] for s in result["screenings"]] == ["FILE"]


def test_children_s_films_start_in_the_daytime_on_weekdays_and_wider_at_weekends():
    screens = [{"id": "S", "venue": "V", "capacity": 100, "changeover": 20, "projection": ["DCP"],
                "hours": [["08:00", "24:00"]]}]  # fmt: skip
    kids = [{"id": "K", "runtime": 60, "max_screenings": 1, "childrens": True, "audience": "children"}]
    weekday, _ = run(case(screens=screens, films=kids))
    assert starts(weekday) == ["17:45"]  # the latest start before 18:00 is the most attractive
    weekend, _ = run(case(screens=screens, films=kids, days=[SATURDAY]))
    assert starts(weekend) == ["19:45"]  # the weekend window runs to 20:00
    closed, _ = run(case(films=kids, children_hours={"weekday": ["10:00", "17:00"]}))
    assert closed["screenings"] == []
    assert closed["unscheduled"][0]["reason"] == "children_hours"


def test_no_film_above_the_slot_s_audience_or_age():
    films = [
        {"id": "ADULT", "runtime": 100, "min_age": 18},
        {"id": "TEEN", "runtime": 100, "audience": "youth"},
    ]
    bands = [{"from": "18:00", "to": "20:00", "max_age": 12, "audience": "youth"}]
    result, _ = run(case(films=films, audience_bands=bands))
    assert dict(zip([s["film"] for s in result["screenings"]], starts(result), strict=True)) == {
        "TEEN": "18:00", "ADULT": "20:00",
    }  # fmt: skip
    children_only = [{"from": "00:00", "to": "48:00", "audience": "children"}]
    result, _ = run(case(films=films, audience_bands=children_only))
    assert result["screenings"] == []
    assert {u["reason"] for u in result["unscheduled"]} == {"audience"}


def test_the_same_film_never_twice_at_once_in_a_city():
    screens = [
        {"id": f"S{n}", "venue": "V", "capacity": 100, "changeover": 20, "projection": ["DCP"],
         "hours": [["18:00", "20:00"]]}
        for n in (1, 2)
    ]  # fmt: skip
    film = [{"id": "A", "runtime": 100, "max_screenings": 2}]
    same_city, _ = run(case(screens=screens, films=film))
    assert len(same_city["screenings"]) == 1  # both screens have only 18:00
    venues = [{"id": "V", "city": "Minsk"}, {"id": "W", "city": "Gomel"}]
    screens[1]["venue"] = "W"
    two_cities, _ = run(case(screens=screens, films=film, venues=venues))
    assert starts(two_cities) == ["18:00", "18:00"]


def test_a_q_and_a_needs_its_guest_in_town_for_the_screening_and_the_talk():
    data = case(
        days=[MONDAY, "2026-05-05"],
        screens=[{"id": "S", "venue": "V", "capacity": 100, "changeover": 20, "projection": ["DCP"],
                  "hours": [["18:00", "23:00"]]}],
        guests=[{"id": "director", "presence": [{"city": "Minsk", "from": "2026-05-05T19:00",
                                                 "to": "2026-05-05T21:10"}]}],
        qa=[{"film": "A", "guest": "director", "min": 1}],
        films=[{"id": "A", "runtime": 100, "max_screenings": 1}],
    )  # fmt: skip
    result, _ = run(data)
    (row,) = result["screenings"]
    assert (row["start"], row["qa_guest"]) == ("2026-05-05T19:00+03:00", "director")  # 100 + 30 minutes
    data["guests"][0]["presence"][0]["to"] = "2026-05-05T21:09"
    assert schedule_from_json(data)["status"] == "infeasible"


def test_a_locked_screening_is_kept_even_in_a_poor_slot():
    screens = [{"id": "S", "venue": "V", "capacity": 100, "changeover": 20, "projection": ["DCP"],
                "hours": [["10:00", "24:00"]]}]  # fmt: skip
    locked = [{"film": "A", "screen": "S", "start": "2026-05-04T10:00"}]
    result, _ = run(case(screens=screens, locked=locked))
    assert [(s["start"][11:16], s["locked"]) for s in result["screenings"]] == [("10:00", True)]


def test_a_lock_that_breaks_a_rule_makes_the_schedule_infeasible_and_says_which():
    locked = [{"film": "A", "screen": "S", "start": "2026-05-04T21:00"}]  # runs past closing
    result = schedule_from_json(case(locked=locked))
    assert result["status"] == "infeasible"
    assert result["violations"][0]["path"] == "locked[0]"


def test_premiere_and_q_and_a_bonuses_are_counted_once_and_per_q_and_a():
    instance = instance_from_json(
        case(
            films=[{"id": "A", "runtime": 100, "max_screenings": 2, "premiere": True}],
            screens=[{"id": "S", "venue": "V", "capacity": 100, "changeover": 20, "projection": ["DCP"],
                      "hours": [["14:00", "22:00"]]}],
            guests=[{"id": "g", "presence": [{"city": "Minsk", "from": "2026-05-04T00:00", "to": "2026-05-05T00:00"}]}],
            qa=[{"film": "A", "guest": "g", "min": 0}],
            bonuses={"premiere": 70, "qa": 25},
        )
    )  # fmt: skip
    plain = [Screening("A", "S", 14 * 60), Screening("A", "S", 18 * 60)]
    with_qa = [Screening("A", "S", 14 * 60), Screening("A", "S", 18 * 60, "g")]
    film, screen = instance.film("A"), instance.screen("S")
    attendance = expected_attendance(instance, film, screen, 14 * 60) + expected_attendance(
        instance, film, screen, 18 * 60
    )
    assert schedule_objective(instance, plain) == attendance + 70
    assert schedule_objective(instance, with_qa) == attendance + 70 + 25
    schedule = solve(instance, seconds=5)
    assert schedule.objective == schedule_objective(instance, schedule.screenings)


def test_attendance_is_capped_by_the_seats():
    instance = instance_from_json(
        case(cities=[{"id": "Minsk", "factor": 5}], films=[{"id": "A", "runtime": 90, "appeal": 1}])
    )
    assert expected_attendance(instance, instance.film("A"), instance.screen("S"), 19 * 60) == 100


def test_solver_never_loses_to_the_greedy_baseline_and_both_pass_the_checker():
    screens = [{"id": f"S{n}", "venue": "V", "capacity": 80 + 40 * n, "changeover": 15, "projection": ["DCP"],
                "hours": [["12:00", "24:00"]]} for n in range(2)]  # fmt: skip
    films = [
        {"id": f"F{n}", "runtime": 80 + 9 * n, "max_screenings": 2, "appeal": 0.3 + 0.06 * n}
        for n in range(8)
    ]
    instance = instance_from_json(case(screens=screens, films=films, days=[MONDAY, "2026-05-05"]))
    schedule = solve(instance, seconds=5)
    baseline = greedy(instance)
    assert baseline is not None
    assert schedule.greedy_objective == schedule_objective(instance, [c.screening() for c in baseline])
    assert schedule.objective >= schedule.greedy_objective
    assert check_schedule(instance, list(schedule.screenings)) == []
    assert check_schedule(instance, [c.screening() for c in baseline]) == []


def test_progress_is_reported_with_objective_bound_and_seconds():
    seen = []
    instance = instance_from_json(case())
    solve(
        instance,
        seconds=5,
        progress=lambda objective, bound, seconds: seen.append((objective, bound, seconds)),
    )
    assert seen
    assert seen[-1][0] == 40
    assert seen[-1][1] >= 40
    assert seen[-1][2] >= 0


def test_reoptimise_keeps_the_moved_screening_and_places_the_rest_around_it():
    films = [{"id": "A", "runtime": 100}, {"id": "B", "runtime": 100}]
    instance = instance_from_json(case(films=films))
    first = solve(instance, seconds=5)
    assert len(first.screenings) == 2
    moved = Lock("A", "S", 20 * 60)  # the curator moves A to 20:00
    again = reoptimise(instance, locked=[moved], seconds=5)
    assert [(s.film, s.start, s.locked) for s in again.screenings] == [
        ("B", 18 * 60, False),
        ("A", 20 * 60, True),
    ]


def test_manual_edits_are_checked_with_the_violation_explained():
    data = case(
        screens=[{"id": "S", "venue": "V", "capacity": 100, "changeover": 20, "projection": ["DCP"],
                  "hours": [["10:00", "22:00"]]}],
        films=[{"id": "A", "runtime": 100, "max_screenings": 1, "min_age": 16},
               {"id": "K", "runtime": 60, "childrens": True, "format": "file"}],
        audience_bands=[{"from": "00:00", "to": "16:00", "max_age": 12}],
    )  # fmt: skip
    edits = [
        {"film": "A", "screen": "S", "start": "2026-05-04T18:00"},
        {
            "film": "A",
            "screen": "S",
            "start": "2026-05-04T19:30",
        },  # overlaps, twice in town, over its maximum
        {
            "film": "K",
            "screen": "S",
            "start": "2026-05-04T21:10",
        },  # off grid, past closing, no file, too late
        {"film": "A", "screen": "S", "start": "2026-05-04T11:00"},  # 16+ before 16:00
    ]
    codes = [v["code"] for v in check_from_json(data, edits)]
    assert sorted(codes) == sorted([
        "grid", "hours", "projection", "children_hours", "age", "screen_overlap", "screen_overlap",
        "city_overlap", "max_screenings",
    ])  # fmt: skip
    messages = {v["code"]: v["message"] for v in check_from_json(data, edits)}
    assert messages["children_hours"] == (
        "K on S at 2026-05-04 21:10: a children's film must start between 10:00 and 18:00 on week days"
    )
    assert check_from_json(data, edits[:1]) == []


def test_the_checker_names_missing_locks_minimums_and_q_and_as():
    data = case(
        films=[{"id": "A", "runtime": 100, "min_screenings": 1}],
        guests=[{"id": "g", "presence": [{"city": "Minsk", "from": "2026-05-04T00:00", "to": "2026-05-04T19:00"}]}],
        qa=[{"film": "A", "guest": "g", "min": 1, "max": 1}],
        locked=[{"film": "A", "screen": "S", "start": "2026-05-04T18:00", "qa_guest": "g"}],
    )  # fmt: skip
    instance = instance_from_json(data)
    codes = [v.code for v in check_schedule(instance, [])]
    assert codes == ["min_screenings", "qa_min", "lock_missing"]
    absent = check_schedule(instance, [Screening("A", "S", 18 * 60, "g")])
    assert [v.code for v in absent] == ["guest_absent"]
    assert check_schedule(instance, [], complete=False) == []


def test_times_are_written_in_the_instance_s_time_zone():
    result, _ = run(case(timezone="Asia/Tehran"))
    assert result["screenings"][0]["start"] == "2026-05-04T18:00+03:30"
    locked = [{"film": "A", "screen": "S", "start": "2026-05-04T18:30+04:00"}]  # = 18:00 in Tehran
    result, _ = run(case(timezone="Asia/Tehran", locked=locked))
    assert result["screenings"][0]["start"] == "2026-05-04T18:00+03:30"
    assert result["screenings"][0]["locked"]


@pytest.mark.parametrize(
    ("change", "path", "code"),
    [
        ({"films": [{"id": "A", "runtime": 0}]}, "films[0].runtime", "number"),
        ({"films": [{"id": "A", "runtime": 90, "speed": 1}]}, "films[0].speed", "unknown"),
        ({"films": [{"id": "A", "runtime": 90, "min_screenings": 3, "max_screenings": 2}]},
         "films[0].max_screenings", "min_max"),
        ({"films": [{"id": "A", "runtime": 90, "audience": "adults"}]}, "films[0].audience", "choice"),
        ({"screens": [{"id": "S", "venue": "X", "capacity": 1, "projection": [], "hours": []}]},
         "screens[0].venue", "reference"),
        ({"screens": [{"id": "S", "venue": "V", "capacity": 1, "projection": ["DCP"], "hours": [["20:00", "19:00"]]}]},
         "screens[0].hours[0]", "order"),
        ({"days": ["2026-05-04", "2026-05-04"]}, "days[1]", "days_order"),
        ({"grid": 7}, "grid", "grid"),
        ({"timezone": "Mars/Olympus"}, "timezone", "timezone"),
        ({"locked": [{"film": "A", "screen": "S", "start": "tonight"}]}, "locked[0].start", "datetime"),
        ({"seconds": 0}, "seconds", "seconds"),
    ],
)  # fmt: skip
def test_bad_input_names_the_place_and_the_code(change, path, code):
    with pytest.raises(ScheduleInputError) as error:
        input_from_json(case(**change))
    assert (error.value.path, error.value.code) == (path, code)
