"""A programme in the database as the optimiser's instance, and back: minutes on the programme's clock,
venues on other clocks (Tehran +03:30 in a Minsk +03:00 programme, and the reverse), opening hours past
midnight, the films' facts, guests' stays, Q&A requests, locks, and violations worded with names."""

from datetime import time, timedelta

import pytest

from cinebridge.catalogue.models import Audience as CatalogueAudience
from cinebridge.events import bridge
from cinebridge.events.engine.checker import check_schedule
from cinebridge.events.engine.scheduling import Audience, Lock, QaRequest, solve
from cinebridge.events.engine.scheduling import Screening as EngineScreening
from cinebridge.events.models import CopyFormat, Projection, Strand
from cinebridge.events.tests.pfactories import (
    MINSK,
    TEHRAN,
    WEEK_START,
    GuestFactory,
    HallFactory,
    VenueFactory,
    at,
    screening,
    utc,
    week_scene,
)

pytestmark = pytest.mark.django_db

DAY = 1440


def test_a_hall_s_opening_hours_are_minutes_of_each_day_on_the_programme_s_clock():
    scene = week_scene()
    late = HallFactory.create(venue=scene.venue, name="Late", opens_at=time(18), closes_at=time(1))

    instance, maps = bridge.programme_instance(scene.programme)

    assert instance.days[0] == WEEK_START
    assert len(instance.days) == 7
    assert instance.timezone == "Europe/Minsk"
    screen = instance.screen(bridge.hall_key(scene.hall.pk))
    assert screen.hours == dict.fromkeys(range(7), ((600, 1410),))  # 10:00–23:30
    assert screen.capacity == 300
    assert screen.changeover == scene.programme.changeover_minutes
    assert screen.projection == frozenset({"DCP", "file"})
    # Closing at 01:00, before the opening: past midnight, on the next calendar day.
    assert instance.screen(bridge.hall_key(late.pk)).hours[0] == ((18 * 60, 25 * 60),)
    assert maps.halls[bridge.hall_key(late.pk)] == late
    assert instance.city_of(bridge.hall_key(late.pk)) == "minsk"
    assert instance.grid == scene.programme.grid_minutes
    assert instance.qa_minutes == scene.programme.qa_minutes


def test_a_tehran_venue_in_a_minsk_programme_opens_thirty_minutes_earlier_on_the_minsk_clock():
    scene = week_scene()
    charsou = VenueFactory.create(
        programme=scene.programme, city_key="tehran", time_zone="Asia/Tehran", city_names={"en": "Tehran"}
    )
    hall = HallFactory.create(venue=charsou, opens_at=time(10), closes_at=time(23, 30))

    instance, maps = bridge.programme_instance(scene.programme)

    # 10:00 in Tehran (+03:30) is 09:30 in Minsk (+03:00).
    assert instance.screen(bridge.hall_key(hall.pk)).hours[2] == ((570, 1380),)
    assert instance.city_of(bridge.hall_key(hall.pk)) == "tehran"
    assert maps.clock.minute(at(WEEK_START, 19, zone=TEHRAN)) == 18 * 60 + 30
    assert maps.clock.moment(18 * 60 + 30) == utc(2027, 5, 3, 15, 30)


def test_a_minsk_venue_in_a_tehran_programme_opens_thirty_minutes_later_on_the_tehran_clock():
    scene = week_scene()
    programme = scene.programme
    programme.time_zone = "Asia/Tehran"
    programme.host_country = "IR"
    programme.save()

    instance, maps = bridge.programme_instance(programme)

    assert instance.timezone == "Asia/Tehran"
    assert instance.screen(bridge.hall_key(scene.hall.pk)).hours[0] == ((630, 1440),)  # 10:30–00:00
    assert maps.clock.minute(at(WEEK_START, 0, zone=TEHRAN)) == 0
    assert maps.clock.minute(at(WEEK_START, 0, zone=MINSK)) == 30
    # The weekend of the host country: Friday in Iran.
    assert instance.weekend == frozenset({5})


def test_the_weekend_follows_the_host_country():
    assert bridge.weekend_of("BY") == frozenset({6, 7})
    assert bridge.weekend_of("IR") == frozenset({5})
    assert bridge.weekend_of("SA") == frozenset({5, 6})


def test_films_carry_runtime_counts_appeal_audience_age_strand_premiere_and_copy():
    scene = week_scene()
    kids = scene.entry(
        scene.film(rights=False, runtime=75, audience=CatalogueAudience.CHILDREN),
        strand=Strand.CHILDREN, min_screenings=2, max_screenings=3, appeal=80, is_premiere=True,
        copy_format=CopyFormat.FILE,
    )  # fmt: skip
    adults = scene.entry(scene.film(rights=False, runtime=130), min_age=16)
    youth = scene.entry(scene.film(rights=False, audience=CatalogueAudience.YOUTH))

    instance, maps = bridge.programme_instance(scene.programme)

    film = instance.film(bridge.film_key(kids.pk))
    assert (film.runtime, film.min_screenings, film.max_screenings) == (75, 2, 3)
    assert film.appeal == pytest.approx(0.8)
    assert film.audience is Audience.CHILDREN
    assert film.childrens is True
    assert film.premiere is True
    assert film.format == "file"
    other = instance.film(bridge.film_key(adults.pk))
    assert (other.runtime, other.min_age, other.childrens, other.format) == (130, 16, False, "DCP")
    assert other.audience is Audience.GENERAL
    assert instance.film(bridge.film_key(youth.pk)).audience is Audience.YOUTH
    assert maps.films[bridge.film_key(kids.pk)] == kids


def test_projection_of_a_screen_follows_the_hall():
    scene = week_scene()
    dcp = HallFactory.create(venue=scene.venue, projection=Projection.DCP)
    files = HallFactory.create(venue=scene.venue, projection=Projection.FILE)

    instance, _ = bridge.programme_instance(scene.programme)

    assert instance.screen(bridge.hall_key(dcp.pk)).projection == frozenset({"DCP"})
    assert instance.screen(bridge.hall_key(files.pk)).projection == frozenset({"file"})


def test_guests_stay_in_their_city_and_their_q_and_a_films_become_requests():
    scene = week_scene()
    entry = scene.entry()
    guest = GuestFactory.create(
        programme=scene.programme,
        city_key="tehran",
        arrives_at=at(WEEK_START, 12, zone=TEHRAN),
        departs_at=at(WEEK_START + timedelta(days=2), 12, zone=TEHRAN),
        qa_films=[entry],
    )

    instance, maps = bridge.programme_instance(scene.programme)

    (engine_guest,) = instance.guests
    assert engine_guest.id == bridge.guest_key(guest.pk)
    (stay,) = engine_guest.presence
    assert (stay.city, stay.start, stay.end) == ("tehran", 11 * 60 + 30, 2 * DAY + 11 * 60 + 30)
    assert instance.qa_requests == (
        QaRequest(bridge.film_key(entry.pk), bridge.guest_key(guest.pk), 1, None),
    )
    assert maps.guest_name(bridge.guest_key(guest.pk)) == guest.full_name


def test_locked_screenings_become_locks_with_their_q_and_a_guest_and_others_do_not():
    scene = week_scene()
    entry = scene.entry()
    guest = GuestFactory.create(programme=scene.programme, qa_films=[entry])
    screening(entry, scene.hall, at(WEEK_START, 19), qa_guest=guest, is_locked=True)
    screening(entry, scene.hall, at(WEEK_START + timedelta(days=1), 19))

    instance, _ = bridge.programme_instance(scene.programme)

    assert instance.locked == (
        Lock(bridge.film_key(entry.pk), bridge.hall_key(scene.hall.pk), 19 * 60, bridge.guest_key(guest.pk)),
    )
    assert bridge.programme_instance(scene.programme, locks=[])[0].locked == ()


def test_screenings_go_to_rows_and_back_at_the_same_instant():
    scene = week_scene()
    charsou = VenueFactory.create(programme=scene.programme, city_key="tehran", time_zone="Asia/Tehran")
    tehran_hall = HallFactory.create(venue=charsou)
    entry = scene.entry(scene.film(rights=False, runtime=95))
    instance, maps = bridge.programme_instance(scene.programme)
    engine_rows = [
        EngineScreening(bridge.film_key(entry.pk), bridge.hall_key(tehran_hall.pk), DAY + 18 * 60 + 30),
        EngineScreening(
            bridge.film_key(entry.pk), bridge.hall_key(scene.hall.pk), 2 * DAY + 19 * 60, locked=True
        ),
    ]

    rows = bridge.screenings_from_schedule(programme=scene.programme, screenings=engine_rows, maps=maps)

    tehran, minsk = rows
    assert tehran.starts_at == at(WEEK_START + timedelta(days=1), 19, zone=TEHRAN)  # 18:30 Minsk
    assert tehran.ends_at - tehran.starts_at == timedelta(minutes=95)
    assert (tehran.hall, tehran.programme_film, tehran.is_locked) == (tehran_hall, entry, False)
    assert minsk.starts_at == utc(2027, 5, 5, 16, 0)
    assert minsk.is_locked is True
    assert [bridge.engine_screening(row, maps.clock) for row in rows] == engine_rows
    assert instance.film(bridge.film_key(entry.pk)).runtime == 95


def test_a_solved_schedule_of_the_bridged_instance_keeps_every_rule_in_local_time():
    scene = week_scene(ends_on=WEEK_START + timedelta(days=1))
    charsou = VenueFactory.create(programme=scene.programme, city_key="tehran", time_zone="Asia/Tehran")
    HallFactory.create(venue=charsou, opens_at=time(10), closes_at=time(22))
    kids = scene.entry(
        scene.film(rights=False, runtime=80, audience=CatalogueAudience.CHILDREN), strand=Strand.CHILDREN,
        min_screenings=1, max_screenings=2,
    )  # fmt: skip
    scene.entry(min_screenings=2, max_screenings=4)
    instance, maps = bridge.programme_instance(scene.programme)

    schedule = solve(instance, seconds=5)

    assert schedule.status == "optimal"
    assert check_schedule(instance, list(schedule.screenings)) == []
    rows = bridge.screenings_from_schedule(programme=scene.programme, screenings=schedule, maps=maps)
    for row in rows:
        local = row.starts_at.astimezone(MINSK)
        hall = row.hall
        zone = TEHRAN if hall.venue == charsou else MINSK
        venue_local = row.starts_at.astimezone(zone)
        closes = time(22) if hall.venue == charsou else time(23, 30)
        assert time(10) <= venue_local.time()
        end = venue_local + timedelta(minutes=row.programme_film.film.runtime_minutes + 15)
        assert end.time() <= closes
        assert end.date() == venue_local.date()
        if row.programme_film == kids:  # a weekday: 10:00–18:00 on the programme's clock
            assert time(10) <= local.time() < time(18)


def test_a_violation_is_worded_with_the_film_title_the_screen_and_the_venue_s_local_time():
    scene = week_scene()
    charsou = VenueFactory.create(
        programme=scene.programme, names={"en": "Charsou"}, city_key="tehran", time_zone="Asia/Tehran"
    )
    hall = HallFactory.create(venue=charsou, name="Hall A", opens_at=time(10), closes_at=time(22))
    entry = scene.entry(scene.film(rights=False, english_title="The Salesman"))
    late = screening(entry, hall, at(WEEK_START + timedelta(days=1), 21, zone=TEHRAN))
    instance, maps = bridge.programme_instance(scene.programme)
    (violation,) = check_schedule(instance, [bridge.engine_screening(late, maps.clock)], complete=False)

    described = bridge.violation_described(violation, maps=maps, screenings=[late])

    assert described["code"] == "hours"
    assert described["screening"] == late.pk
    assert described["screenings"] == [late.pk]
    message = described["message"]
    assert "The Salesman on Charsou — Hall A at 2027-05-04 21:00" in message
    assert "opening hours" in message
    assert "f" + str(entry.pk) not in message
