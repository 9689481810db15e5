"""Screens on another wall clock: a Tehran cinema (+03:30) in a film week kept on Minsk time (+03:00)
has its children's hours, weekend, audience bands, demand and start grid judged at Tehran time, by the
optimiser and by the independent checker alike. Each case is also run with the screen on the Minsk
clock (offset 0, the old behaviour) to show that it tells the two apart."""

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings

from cinebridge.events.engine.checker import check_schedule, schedule_value
from cinebridge.events.engine.jsonio import (
    ScheduleInputError,
    check_from_json,
    input_from_json,
    schedule_from_json,
)
from cinebridge.events.engine.scheduling import (
    Audience,
    AudienceBand,
    Film,
    Instance,
    Screen,
    Screening,
    Venue,
    candidates,
    expected_attendance,
    local_time,
    schedule_objective,
    solve,
)
from cinebridge.events.tests.engine.test_properties import instances

MONDAY = date(2026, 5, 4)
THURSDAY, FRIDAY, SATURDAY = date(2026, 5, 7), date(2026, 5, 8), date(2026, 5, 9)
TEHRAN_AHEAD = 30  # Tehran's clock is 30 minutes ahead of Minsk's
KIDS = Film("K", runtime=60, childrens=True, audience=Audience.CHILDREN)
ADULT = Film("A", runtime=60, min_age=16)


def tehran(day, opens, closes, *films, weekend=None, bands=(), grid=15):
    """A Minsk-clock instance of one day with one Tehran screen open [opens, closes) on the Minsk clock
    (changeover 15): the screen's local offset 30, its weekend as given."""
    screen = Screen(
        "S", "charsou", capacity=100, changeover=15, projection=frozenset({"DCP"}),
        hours={0: ((opens, closes),)}, local_offset=TEHRAN_AHEAD, weekend=weekend,
    )  # fmt: skip
    return Instance(
        days=(day,), screens=(screen,), films=films, venues=(Venue("charsou", "Tehran"),),
        timezone="Europe/Minsk", weekend=frozenset({6, 7}), audience_bands=bands, grid=grid,
    )  # fmt: skip


def on_minsk_clock(instance):
    """The same instance with its screen on the instance's clock and weekend (the old reading)."""
    screens = tuple(replace(s, local_offset=0, weekend=None) for s in instance.screens)
    return replace(instance, screens=screens)


def placed(instance):
    result = solve(instance, seconds=5)
    assert result.status in ("optimal", "feasible")
    assert check_schedule(instance, list(result.screenings)) == []
    return [(s.film, s.start) for s in result.screenings]


def codes(instance, film, start):
    return [v.code for v in check_schedule(instance, [Screening(film, "S", start)], complete=False)]


def at(hour, minute=0):
    return hour * 60 + minute


def test_a_children_s_film_at_ten_in_tehran_is_allowed_though_it_is_half_past_nine_in_minsk():
    # Only 09:30 Minsk fits the hours: 10:00 in Tehran, inside the weekday window 10:00–18:00.
    instance = tehran(MONDAY, at(9, 30), at(10, 45), KIDS)
    assert local_time(instance, instance.screens[0], at(9, 30)) == (1, at(10), False)
    assert placed(instance) == [("K", at(9, 30))]
    assert codes(instance, "K", at(9, 30)) == []
    before = on_minsk_clock(instance)  # wrongly refused on the Minsk clock
    assert placed(before) == []
    assert codes(before, "K", at(9, 30)) == ["children_hours"]


def test_a_children_s_film_at_six_in_tehran_is_refused_though_it_is_half_past_five_in_minsk():
    # Only 17:30 Minsk fits: 18:00 in Tehran, past the weekday window.
    instance = tehran(MONDAY, at(17, 30), at(18, 45), KIDS)
    assert placed(instance) == []
    (violation,) = check_schedule(instance, [Screening("K", "S", at(17, 30))], complete=False)
    assert violation.code == "children_hours"
    assert violation.params["start"] == "2026-05-04 18:00"  # named on the Tehran clock
    before = on_minsk_clock(instance)  # wrongly accepted on the Minsk clock
    assert placed(before) == [("K", at(17, 30))]
    assert codes(before, "K", at(17, 30)) == []


def test_friday_is_the_weekend_of_a_tehran_screen_so_its_children_s_window_runs_to_eight():
    # 18:30 Minsk = 19:00 Tehran on a Friday: the weekend window (09:00–20:00) applies in Iran.
    instance = tehran(FRIDAY, at(18, 30), at(19, 45), KIDS, weekend=frozenset({5}))
    assert local_time(instance, instance.screens[0], at(18, 30)) == (5, at(19), True)
    assert placed(instance) == [("K", at(18, 30))]
    assert codes(instance, "K", at(18, 30)) == []
    before = on_minsk_clock(instance)  # wrongly refused: Friday is a working day in Minsk
    assert placed(before) == []
    assert codes(before, "K", at(18, 30)) == ["children_hours"]


def test_saturday_is_a_working_day_at_a_tehran_screen():
    instance = tehran(SATURDAY, at(18, 30), at(19, 45), KIDS, weekend=frozenset({5}))
    assert placed(instance) == []
    assert codes(instance, "K", at(18, 30)) == ["children_hours"]
    before = on_minsk_clock(instance)  # wrongly accepted: Saturday is the weekend in Minsk
    assert placed(before) == [("K", at(18, 30))]
    assert codes(before, "K", at(18, 30)) == []


def test_an_audience_band_is_read_on_the_screen_s_clock_across_midnight():
    # 23:45 Minsk on Thursday is 00:15 on Friday in Tehran, inside a Friday-morning family band.
    family = AudienceBand(0, at(12), Audience.GENERAL, max_age=12, weekdays=frozenset({5}))
    instance = tehran(THURSDAY, at(23, 45), at(25, 15), ADULT, bands=(family,))
    assert placed(instance) == []
    assert codes(instance, "A", at(23, 45)) == ["age"]
    before = on_minsk_clock(instance)  # wrongly accepted: Thursday night on the Minsk clock
    assert placed(before) == [("A", at(23, 45))]
    assert codes(before, "A", at(23, 45)) == []


def test_a_band_ending_at_noon_in_tehran_ends_at_half_past_eleven_in_minsk():
    family = AudienceBand(at(10), at(12), Audience.CHILDREN, max_age=12)
    instance = tehran(MONDAY, at(11, 45), at(13), ADULT, bands=(family,))
    assert placed(instance) == [("A", at(11, 45))]  # 12:15 in Tehran, after the band
    assert codes(instance, "A", at(11, 45)) == []
    before = on_minsk_clock(instance)  # wrongly refused
    assert placed(before) == []
    assert codes(before, "A", at(11, 45)) == ["audience", "age"]


def test_demand_counts_the_tehran_evening_and_the_tehran_weekday():
    film = Film("F", runtime=60, appeal=1.0)
    instance = tehran(MONDAY, at(17, 45), at(19), film)
    screen = instance.screens[0]
    # 17:45 Minsk is 18:15 in Tehran: prime time (1.0), not the 15–18 band (0.75); Monday 0.8.
    assert expected_attendance(instance, film, screen, at(17, 45)) == 80
    before = on_minsk_clock(instance)
    assert expected_attendance(before, film, before.screens[0], at(17, 45)) == 60
    # 23:45 Minsk on Thursday is 00:15 on Friday in Tehran: Friday (0.95) before noon (0.4).
    late = tehran(THURSDAY, at(23, 45), at(25), film)
    assert expected_attendance(late, film, late.screens[0], at(23, 45)) == 38
    late_before = on_minsk_clock(late)  # Thursday (0.85) from 21:00 (0.7)
    assert expected_attendance(late_before, film, late_before.screens[0], at(23, 45)) == 60
    for case in (instance, late):
        starts = [Screening("F", "S", c.start) for c in candidates(case)]
        for one in starts:
            assert schedule_value(case, [one]) == schedule_objective(case, [one])


def test_the_start_grid_is_the_grid_of_the_screen_s_clock():
    film = Film("F", runtime=60)
    instance = tehran(MONDAY, at(18), at(22), film, grid=60)
    # Hourly starts in Tehran are at half past on the Minsk clock.
    assert sorted({c.start for c in candidates(instance)}) == [at(18, 30), at(19, 30), at(20, 30)]
    assert codes(instance, "F", at(19, 30)) == []
    assert codes(instance, "F", at(19)) == ["grid"]
    assert codes(on_minsk_clock(instance), "F", at(19, 30)) == ["grid"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_the_candidates_are_exactly_the_starts_the_checker_accepts(instance):
    """Oracle: every start of every film on every screen (in 15-minute steps over the days and their
    neighbours; every offset, grid and opening time is a multiple of 15) is a candidate without a Q&A
    if and only if the independent checker finds nothing wrong with it alone."""
    pool = {(c.film, c.screen, c.start) for c in candidates(instance) if c.qa_guest is None}
    span = (instance.days[-1] - instance.days[0]).days + 1
    for film in instance.films:
        for screen in instance.screens:
            for start in range(-1440, (span + 1) * 1440, 15):
                alone = check_schedule(instance, [Screening(film.id, screen.id, start)], complete=False)
                assert (alone == []) == ((film.id, screen.id, start) in pool), (film, screen, start, alone)


def _json(**changes):
    data = {
        "timezone": "Europe/Minsk",
        "days": [FRIDAY.isoformat()],
        "weekend": [6, 7],
        "venues": [{"id": "charsou", "city": "Tehran", "timezone": "Asia/Tehran", "weekend": [5]}],
        "screens": [{"id": "S", "venue": "charsou", "capacity": 100, "changeover": 15, "projection": ["DCP"],
                     "hours": [["19:00", "20:15"]]}],
        "films": [{"id": "K", "runtime": 60, "childrens": True, "audience": "children"}],
        "seconds": 5,
    }  # fmt: skip
    data.update(changes)
    return data


def test_a_venue_s_time_zone_and_weekend_in_json_put_its_screens_on_its_clock():
    instance, _, _ = input_from_json(_json())
    (screen,) = instance.screens
    assert (screen.local_offset, screen.weekend) == (30, frozenset({5}))
    assert screen.hours[0] == ((at(18, 30), at(19, 45)),)  # 19:00–20:15 in Tehran, on the Minsk clock
    assert instance.weekend == frozenset({6, 7})
    # Without the fields nothing changes: offset 0, the instance's weekend, hours as written.
    plain, _, _ = input_from_json(_json(venues=[{"id": "charsou", "city": "Tehran"}]))
    assert (plain.screens[0].local_offset, plain.screens[0].weekend) == (0, None)
    assert plain.screens[0].hours[0] == ((at(19), at(20, 15)),)
    # A zone behind the instance's: Minsk in a Tehran instance is 30 minutes behind.
    behind, _, _ = input_from_json(
        _json(timezone="Asia/Tehran", venues=[{"id": "charsou", "city": "Minsk", "timezone": "Europe/Minsk"}])
    )
    assert behind.screens[0].local_offset == -30


def test_a_json_schedule_at_a_tehran_venue_round_trips_in_tehran_time():
    result = schedule_from_json(_json())
    # A Friday 19:00 start at the Tehran venue: its weekend's children's window, written in its zone.
    assert result["status"] == "optimal"
    (row,) = result["screenings"]
    assert (row["start"], row["end"]) == ("2026-05-08T19:00+03:30", "2026-05-08T20:00+03:30")
    back = [{"film": "K", "screen": "S", "start": row["start"]}]
    assert check_from_json(_json(), back) == []
    locked = schedule_from_json(_json(locked=back))
    assert [(r["start"], r["locked"]) for r in locked["screenings"]] == [("2026-05-08T19:00+03:30", True)]
    # Without the venue's weekend, Friday is a working day: the children's window has closed by 19:00.
    weekday = _json(venues=[{"id": "charsou", "city": "Tehran", "timezone": "Asia/Tehran"}])
    assert schedule_from_json(weekday)["screenings"] == []
    (violation,) = check_from_json(weekday, back)
    assert violation["code"] == "children_hours"
    assert violation["params"]["start"] == "2026-05-08 19:00"


def test_a_venue_s_bad_time_zone_or_weekend_is_refused_where_it_is():
    for venue, path, code in (
        ({"id": "charsou", "city": "Tehran", "timezone": "Asia/Isfahan"}, "venues[0].timezone", "timezone"),
        ({"id": "charsou", "city": "Tehran", "weekend": [8]}, "venues[0].weekend[0]", "weekday"),
    ):
        with pytest.raises(ScheduleInputError) as error:
            input_from_json(_json(venues=[venue]))
        assert (error.value.path, error.value.code) == (path, code)
