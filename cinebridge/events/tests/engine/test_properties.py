"""Property test: every schedule the solver or the greedy baseline produces for a random small instance
passes the independent checker, keeps its locks, has the objective the checker computes on its own,
and the solver is never worse than the greedy. Screens are on random wall clocks (a Tehran screen
+30 minutes, one −90 minutes, India's +05:30 …) with their own weekends now and then."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cinebridge.events.engine.checker import check_schedule, schedule_value
from cinebridge.events.engine.scheduling import (
    Audience,
    AudienceBand,
    City,
    Film,
    Guest,
    Instance,
    Lock,
    Presence,
    QaRequest,
    Screen,
    Venue,
    greedy,
    schedule_objective,
    solve,
)

FIRST = date(2026, 5, 8)  # a Friday: the days run into the weekend


@st.composite
def instances(draw):
    days = tuple(FIRST + timedelta(days=i) for i in range(draw(st.integers(1, 2))))
    cities = ("Minsk", "Tehran")[: draw(st.integers(1, 2))]
    venues = tuple(Venue(f"V{i}", draw(st.sampled_from(cities))) for i in range(draw(st.integers(1, 2))))
    screens = []
    for number in range(draw(st.integers(1, 3))):
        opens = draw(st.integers(9, 18)) * 60
        closes = opens + draw(st.integers(2, 8)) * 60
        hours = {day: ((opens, closes),) for day in range(len(days)) if draw(st.booleans()) or day == 0}
        screens.append(
            Screen(
                id=f"S{number}",
                venue=draw(st.sampled_from(venues)).id,
                capacity=draw(st.integers(20, 300)),
                changeover=draw(st.sampled_from([0, 10, 15, 30])),
                projection=frozenset(draw(st.sampled_from([("DCP",), ("file",), ("DCP", "file")]))),
                hours=hours,
                local_offset=draw(st.sampled_from([0, 0, 30, -30, -90, 330])),
                weekend=draw(st.sampled_from([None, None, frozenset({5}), frozenset({4, 5})])),
            )
        )
    films = []
    for number in range(draw(st.integers(1, 5))):
        low = draw(st.sampled_from([0, 0, 0, 1]))  # a minimum often makes a random instance infeasible
        films.append(
            Film(
                id=f"F{number}",
                runtime=draw(st.integers(40, 150)),
                min_screenings=low,
                max_screenings=draw(st.integers(max(1, low), 3)),
                appeal=draw(st.floats(0.05, 1.0)),
                audience=draw(st.sampled_from(list(Audience))),
                min_age=draw(st.sampled_from([0, 6, 12, 16, 18])),
                childrens=draw(st.booleans()),
                premiere=draw(st.booleans()),
                format=draw(st.sampled_from(["DCP", "file"])),
            )
        )
    bands = tuple(
        AudienceBand(
            start=draw(st.integers(0, 20)) * 60,
            end=draw(st.integers(21, 30)) * 60,
            audience=draw(st.sampled_from(list(Audience))),
            max_age=draw(st.sampled_from([None, 6, 12, 16])),
            weekdays=draw(st.sampled_from([None, frozenset({6, 7}), frozenset({5})])),
            screens=draw(st.sampled_from([None, frozenset({"S0"})])),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    guests, requests = [], []
    if draw(st.booleans()):
        start = draw(st.integers(10, 20)) * 60
        presence = Presence(draw(st.sampled_from(cities)), start, start + draw(st.integers(2, 30)) * 60)
        guests.append(Guest("G", (presence,)))
        film = draw(st.sampled_from(films)).id
        requests.append(
            QaRequest(film, "G", draw(st.sampled_from([0, 0, 1])), draw(st.sampled_from([None, 1, 2])))
        )
    instance = Instance(
        days=days,
        screens=tuple(screens),
        films=tuple(films),
        venues=venues,
        cities=tuple(City(c, draw(st.sampled_from([0.8, 1.0, 1.3]))) for c in cities),
        grid=draw(st.sampled_from([15, 30, 60])),
        audience_bands=bands,
        guests=tuple(guests),
        qa_requests=tuple(requests),
        qa_minutes=draw(st.sampled_from([0, 20, 30])),
        premiere_bonus=draw(st.sampled_from([0, 50])),
        qa_bonus=draw(st.sampled_from([0, 30])),
    )
    # Lock one screening of a feasible greedy schedule, when there is one, as a curator would.
    found = greedy(instance)
    if found and draw(st.booleans()):
        chosen = draw(st.sampled_from(found))
        lock = Lock(chosen.film, chosen.screen, chosen.start, chosen.qa_guest)
        instance = Instance(**{**_fields(instance), "locked": (lock,)})
    return instance


def _fields(instance):
    return {
        name: getattr(instance, name) for name in Instance.__dataclass_fields__ if not name.startswith("_")
    }


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_every_produced_schedule_passes_the_independent_checker(instance):
    baseline = greedy(instance)
    if baseline is not None:
        greedy_schedule = [c.screening() for c in baseline]
        assert check_schedule(instance, greedy_schedule) == []
    result = solve(instance, seconds=5)
    if result.status == "infeasible":
        assert baseline is None  # the greedy never finds a schedule the solver proves impossible
        return
    assert result.status in ("optimal", "feasible")
    screenings = list(result.screenings)
    assert check_schedule(instance, screenings) == []
    assert result.objective == schedule_objective(instance, screenings)
    assert result.objective == schedule_value(instance, screenings)
    if baseline is not None:
        assert result.objective >= result.greedy_objective
    kept = {(s.film, s.screen, s.start, s.qa_guest) for s in screenings if s.locked}
    assert kept == {(lock.film, lock.screen, lock.start, lock.qa_guest) for lock in instance.locked}
    if result.status == "optimal":
        assert result.bound == result.objective
