"""A programme in the database as the optimiser's instance, and back: minutes on the programme's clock,
venues on other clocks (Tehran +03:30 in a Minsk +03:00 programme, and the reverse) whose time-of-day
rules and weekend are their own, opening hours past midnight, the films' facts, audience slots,
guests' stays, Q&A requests, locks, and violations worded with names."""

from datetime import time, timedelta

import pytest

from cinebridge.catalogue.models import Audience as CatalogueAudience
from cinebridge.events import bridge
from cinebridge.events.engine.checker import check_schedule
from cinebridge.events.engine.scheduling import Audience, AudienceBand, Lock, QaRequest, solve
from cinebridge.events.engine.scheduling import Screening as EngineScreening
from cinebridge.events.models import AudienceSlot, CopyFormat, Projection, SlotAudience, Strand
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
    screen = instance.screen(bridge.hall_key(hall.pk))
    assert screen.hours[2] == ((570, 1380),)
    # Its time-of-day rules are read on the Tehran clock, with Iran's weekend (Friday).
    assert (screen.local_offset, screen.weekend) == (30, frozenset({5}))
    minsk = instance.screen(bridge.hall_key(scene.hall.pk))
    assert (minsk.local_offset, minsk.weekend) == (0, None)
    assert instance.weekend == frozenset({6, 7})
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
    screen = instance.screen(bridge.hall_key(scene.hall.pk))
    assert screen.hours[0] == ((630, 1440),)  # 10:30–00:00
    # The Minsk screen's clock is 30 minutes behind, and its weekend Belarus's.
    assert (screen.local_offset, screen.weekend) == (-30, frozenset({6, 7}))
    assert maps.clock.minute(at(WEEK_START, 0, zone=TEHRAN)) == 0
    assert maps.clock.minute(at(WEEK_START, 0, zone=MINSK)) == 30
    # The weekend of the host country: Friday in Iran.
    assert instance.weekend == frozenset({5})


def test_the_weekend_follows_the_host_country():
    assert bridge.weekend_of("BY") == frozenset({6, 7})
    assert bridge.weekend_of("IR") == frozenset({5})
    assert bridge.weekend_of("SA") == frozenset({5, 6})


def test_a_venue_s_weekend_is_its_time_zone_s_country_s_else_the_host_country_s():
    assert bridge.zone_country("Asia/Tehran") == "IR"
    assert bridge.zone_country("Europe/Minsk") == "BY"
    assert bridge.zone_country("Asia/Calcutta") == "IN"  # an old name of Asia/Kolkata
    assert bridge.zone_country("UTC") is None
    assert bridge.zone_country("Etc/GMT-3") is None
    assert bridge.venue_weekend("Asia/Tehran", "BY") == frozenset({5})
    assert bridge.venue_weekend("Asia/Riyadh", "BY") == frozenset({5, 6})
    assert bridge.venue_weekend("UTC", "IR") == frozenset({5})
    assert bridge.venue_weekend("Etc/GMT-3", "BY") == frozenset({6, 7})


def test_a_venue_on_a_clock_of_no_country_keeps_the_host_country_s_weekend():
    scene = week_scene()
    offshore = VenueFactory.create(programme=scene.programme, city_key="online", time_zone="UTC")
    hall = HallFactory.create(venue=offshore)

    instance, _ = bridge.programme_instance(scene.programme)

    screen = instance.screen(bridge.hall_key(hall.pk))
    assert (screen.local_offset, screen.weekend) == (-180, None)  # UTC is three hours behind Minsk


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


def _slot(
    programme, starts_at, ends_at, *, hall=None, weekdays=(), audience=SlotAudience.GENERAL, max_age=None
):
    return AudienceSlot.objects.create(
        programme=programme, hall=hall, weekdays=list(weekdays), starts_at=starts_at, ends_at=ends_at,
        audience=audience, max_age=max_age,
    )  # fmt: skip


def test_audience_slots_become_audience_bands_on_their_screen_or_every_screen():
    scene = week_scene()
    other = HallFactory.create(venue=scene.venue, name="Small")
    _slot(scene.programme, time(10), time(14), hall=other, weekdays=[6, 7], audience=SlotAudience.CHILDREN)
    _slot(scene.programme, time(15), time(18), audience=SlotAudience.YOUTH, max_age=12)
    _slot(scene.programme, time(21), time(23, 59, 59), weekdays=[5], max_age=16)
    elsewhere = week_scene()
    _slot(elsewhere.programme, time(9), time(23), audience=SlotAudience.CHILDREN)  # another programme's

    instance, _ = bridge.programme_instance(scene.programme)

    assert instance.audience_bands == (
        AudienceBand(
            600, 840, Audience.CHILDREN, None, frozenset({6, 7}), frozenset({bridge.hall_key(other.pk)})
        ),
        AudienceBand(900, 1080, Audience.YOUTH, 12, None, None),
        AudienceBand(1260, 1440, Audience.GENERAL, 16, frozenset({5}), None),  # until midnight
    )
    assert bridge.programme_instance(elsewhere.programme)[0].audience_bands == (
        AudienceBand(540, 1380, Audience.CHILDREN, None, None, None),
    )


def test_the_solver_never_puts_a_15_plus_film_in_a_12_plus_slot_and_the_checker_flags_it_when_forced():
    scene = week_scene(ends_on=WEEK_START)
    entry = scene.entry(scene.film(rights=False, runtime=100), min_age=15, min_screenings=1, max_screenings=2)
    instance, maps = bridge.programme_instance(scene.programme)
    # Without a slot the evening (18:00–21:00, the best time) gets it.
    free = solve(instance, seconds=5)
    assert any(18 * 60 <= s.start < 21 * 60 for s in free.screenings)

    _slot(scene.programme, time(18), time(21), max_age=12)  # family evening: films up to 12+
    instance, maps = bridge.programme_instance(scene.programme)
    schedule = solve(instance, seconds=5)

    assert schedule.status == "optimal"
    assert len(schedule.screenings) == 2
    rows = bridge.screenings_from_schedule(programme=scene.programme, screenings=schedule, maps=maps)
    for row in rows:
        assert not time(18) <= row.starts_at.astimezone(MINSK).time() < time(21)
    forced = screening(entry, scene.hall, at(WEEK_START, 19))
    (violation,) = check_schedule(instance, [bridge.engine_screening(forced, maps.clock)], complete=False)
    described = bridge.violation_described(violation, maps=maps, screenings=[forced])
    assert (described["code"], described["screening"]) == ("age", forced.pk)
    assert "12+" in described["message"]
    assert "15+" in described["message"]


def test_a_slot_of_a_tehran_screen_is_read_in_tehran_time():
    scene = week_scene()
    charsou = VenueFactory.create(programme=scene.programme, city_key="tehran", time_zone="Asia/Tehran")
    hall = HallFactory.create(venue=charsou)
    entry = scene.entry(scene.film(rights=False), min_age=15)
    _slot(scene.programme, time(18), time(21), hall=hall, max_age=12)
    instance, maps = bridge.programme_instance(scene.programme)

    def broken(starts_at):
        row = screening(entry, hall, starts_at)
        return [
            v.code
            for v in check_schedule(instance, [bridge.engine_screening(row, maps.clock)], complete=False)
        ]

    assert broken(at(WEEK_START, 18, zone=TEHRAN)) == ["age"]  # 17:30 on the programme's clock
    assert broken(at(WEEK_START, 21, zone=TEHRAN)) == []  # 20:30 on the programme's clock
    assert broken(at(WEEK_START, 20, 45)) == []  # 21:15 in Tehran
    assert broken(at(WEEK_START, 17, 45)) == ["age"]  # 18:15 in Tehran


def test_a_children_s_film_at_a_tehran_venue_keeps_tehran_s_hours_and_weekend():
    scene = week_scene()
    charsou = VenueFactory.create(programme=scene.programme, city_key="tehran", time_zone="Asia/Tehran")
    hall = HallFactory.create(venue=charsou, opens_at=time(9), closes_at=time(23, 30))
    kids = scene.entry(
        scene.film(rights=False, runtime=80, audience=CatalogueAudience.CHILDREN), strand=Strand.CHILDREN
    )
    instance, maps = bridge.programme_instance(scene.programme)
    friday, saturday = WEEK_START + timedelta(days=4), WEEK_START + timedelta(days=5)

    def broken(starts_at):
        row = screening(kids, hall, starts_at)
        return [
            v.code
            for v in check_schedule(instance, [bridge.engine_screening(row, maps.clock)], complete=False)
        ]

    # Monday, a working day: 10:00–18:00 in Tehran (09:30–17:30 in Minsk).
    assert broken(at(WEEK_START, 10, zone=TEHRAN)) == []  # refused on the Minsk clock before
    assert broken(at(WEEK_START, 17, 45)) == ["children_hours"]  # 18:15 in Tehran, accepted before
    # Friday is Iran's weekend (09:00–20:00); Saturday is a working day there.
    assert broken(at(friday, 19, zone=TEHRAN)) == []  # refused before: Friday works in Minsk
    assert broken(at(saturday, 19, zone=TEHRAN)) == ["children_hours"]  # accepted before


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
        hall = row.hall
        zone = TEHRAN if hall.venue == charsou else MINSK
        venue_local = row.starts_at.astimezone(zone)
        closes = time(22) if hall.venue == charsou else time(23, 30)
        assert time(10) <= venue_local.time()
        end = venue_local + timedelta(minutes=row.programme_film.film.runtime_minutes + 15)
        assert end.time() <= closes
        assert end.date() == venue_local.date()
        if row.programme_film == kids:  # a weekday: 10:00–18:00 on the venue's clock
            assert time(10) <= venue_local.time() < time(18)


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
