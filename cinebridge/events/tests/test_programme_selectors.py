"""Reads of programmes: who sees a film week, guests' passport data and an unpublished programme (the
organisers only — tested with members of another film body and anonymous visitors), the public
programme (published only, organisers may preview), screenings by city, local day, venue and film,
the schedule's violations and the attendance totals."""

from datetime import date, time, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cinebridge.accounts.models import Role
from cinebridge.accounts.tests.factories import member_of
from cinebridge.events.models import FilmWeekStatus
from cinebridge.events.selectors import programmes as selectors
from cinebridge.events.selectors.access import programme_may_view_private
from cinebridge.events.tests.pfactories import (
    TEHRAN,
    WEEK_START,
    GuestFactory,
    HallFactory,
    VenueFactory,
    at,
    film_body,
    screening,
    utc,
    week_scene,
)

pytestmark = pytest.mark.django_db

TUESDAY = WEEK_START + timedelta(days=1)
ANONYMOUS = AnonymousUser()


@pytest.fixture
def scene():
    return week_scene()


def publish(programme):
    programme.is_published = True
    programme.save()


# --- film weeks and the organisers' programme --------------------------------------------------------


def test_a_film_week_is_listed_for_the_members_of_both_film_bodies_only(scene):
    for member in (scene.iran_editor, scene.belarus_editor, scene.belarus_viewer):
        assert list(selectors.film_weeks_of_viewer(viewer=member)) == [scene.week]
    assert list(selectors.film_weeks_of_viewer(viewer=scene.outsider_editor)) == []
    assert list(selectors.film_weeks_of_viewer(viewer=ANONYMOUS)) == []


def test_a_film_week_is_read_by_its_organisers_and_a_404_for_anyone_else(scene):
    slug = scene.programme.slug

    assert selectors.film_week_get(viewer=scene.belarus_viewer, slug=slug) == scene.week
    for viewer in (scene.outsider_editor, ANONYMOUS):
        with pytest.raises(Http404):
            selectors.film_week_get(viewer=viewer, slug=slug)
    with pytest.raises(Http404):
        selectors.film_week_get(viewer=scene.iran_editor, slug="no-such-week")


def test_another_organisation_cannot_open_an_unpublished_programme(scene):
    slug = scene.programme.slug

    assert selectors.programme_get_for_organiser(viewer=scene.iran_editor, slug=slug) == scene.programme
    with pytest.raises(Http404):
        selectors.programme_get_for_organiser(viewer=scene.outsider_editor, slug=slug)
    publish(scene.programme)
    with pytest.raises(PermissionDenied):
        selectors.programme_get_for_organiser(viewer=scene.outsider_editor, slug=slug)


def test_guests_passport_data_is_seen_by_the_organisers_only(scene):
    guest = GuestFactory.create(
        programme=scene.programme, passport_number="K98765432", full_name="Asghar Farhadi"
    )

    (seen,) = selectors.programme_guests(viewer=scene.belarus_viewer, programme=scene.programme)
    assert (seen.passport_number, seen.birth_date) == ("K98765432", date(1972, 5, 7))
    assert selectors.programme_guests(viewer=scene.outsider_editor, programme=scene.programme) == []
    publish(scene.programme)
    for viewer in (scene.outsider_editor, ANONYMOUS):
        (public,) = selectors.programme_guests(viewer=viewer, programme=scene.programme)
        assert public.full_name == "Asghar Farhadi"
        assert (public.passport_number, public.birth_date) == ("", None)
    guest.refresh_from_db()
    assert guest.passport_number == "K98765432", "hiding the passport must not erase it"


def test_film_bodies_overseeing_the_organisers_see_the_guests_but_not_their_passports(scene):
    """Another film body of each organiser's country may look at the private side (oversight), but a
    guest's passport data stays with the organising organisations' own members."""
    GuestFactory.create(programme=scene.programme, passport_number="K98765432", full_name="Asghar Farhadi")
    belarus_cinema_agency = film_body("BY", "Belarusian Cinema Agency")
    iran_second_body = film_body("IR", "Farabi Cinema Foundation")
    overseers = [
        member_of(belarus_cinema_agency, Role.VIEWER),
        member_of(belarus_cinema_agency, Role.EDITOR),
        member_of(iran_second_body, Role.VIEWER),
    ]

    for viewer in overseers:
        assert programme_may_view_private(viewer=viewer, programme=scene.programme)  # the premise
        (seen,) = selectors.programme_guests(viewer=viewer, programme=scene.programme)
        assert seen.full_name == "Asghar Farhadi"
        assert (seen.passport_number, seen.birth_date) == ("", None)
    for member in (scene.belarus_viewer, scene.iran_editor):
        (seen,) = selectors.programme_guests(viewer=member, programme=scene.programme)
        assert (seen.passport_number, seen.birth_date) == ("K98765432", date(1972, 5, 7))


# --- the public programme --------------------------------------------------------------------------


def test_only_published_programmes_are_public(scene):
    hidden = week_scene()
    cancelled = week_scene(status=FilmWeekStatus.CANCELLED)
    publish(scene.programme)
    publish(cancelled.programme)  # should never happen, and still is not shown

    assert selectors.programmes_published() == [scene.programme]
    assert selectors.programme_get_public(viewer=ANONYMOUS, slug=scene.programme.slug) == scene.programme
    for viewer in (ANONYMOUS, scene.outsider_editor):
        with pytest.raises(Http404):
            selectors.programme_get_public(viewer=viewer, slug=hidden.programme.slug)
    # Its organisers may preview it.
    assert selectors.programme_get_public(viewer=hidden.belarus_viewer, slug=hidden.programme.slug) == (
        hidden.programme
    )


def test_a_film_of_the_programme_is_found_by_its_address(scene):
    entry = scene.entry()
    stranger = scene.film()

    assert selectors.programme_film_public(programme=scene.programme, film_slug=entry.film.slug) == entry
    with pytest.raises(Http404):
        selectors.programme_film_public(programme=scene.programme, film_slug=stranger.slug)


def test_screenings_are_read_by_city_local_day_venue_and_film(scene):
    charsou = VenueFactory.create(
        programme=scene.programme, names={"en": "Charsou"}, city_key="tehran", time_zone="Asia/Tehran",
        city_names={"en": "Tehran", "fa": "تهران"},
    )  # fmt: skip
    tehran_hall = HallFactory.create(venue=charsou, opens_at=time(10), closes_at=time(2))
    salesman, elly = scene.entry(), scene.entry()
    minsk_evening = screening(salesman, scene.hall, at(TUESDAY, 19))
    minsk_afternoon = screening(elly, scene.hall, at(TUESDAY, 15))
    # 00:15 in Tehran on Wednesday is 20:45 UTC on Tuesday.
    tehran_late = screening(salesman, tehran_hall, at(TUESDAY + timedelta(days=1), 0, 15, zone=TEHRAN))
    assert tehran_late.starts_at == utc(2027, 5, 4, 20, 45)

    everything = selectors.programme_screenings(programme=scene.programme)
    assert everything == [minsk_afternoon, minsk_evening, tehran_late]
    assert selectors.programme_screenings(programme=scene.programme, city_key="tehran") == [tehran_late]
    assert selectors.programme_screenings(programme=scene.programme, venue_id=scene.venue.pk) == [
        minsk_afternoon, minsk_evening,
    ]  # fmt: skip
    assert selectors.programme_screenings(programme=scene.programme, film_id=salesman.film_id) == [
        minsk_evening, tehran_late,
    ]  # fmt: skip
    assert selectors.programme_screenings(programme=scene.programme, day=TUESDAY) == [
        minsk_afternoon, minsk_evening,
    ]  # fmt: skip
    assert selectors.programme_screenings(programme=scene.programme, day=TUESDAY + timedelta(days=1)) == [
        tehran_late
    ]
    local = selectors.screening_local_start(tehran_late)
    assert (local.date(), local.hour, local.minute) == (date(2027, 5, 5), 0, 15)
    assert local.utcoffset() == timedelta(hours=3, minutes=30)
    assert selectors.programme_cities(programme=scene.programme) == [
        ("minsk", scene.venue.city_names), ("tehran", {"en": "Tehran", "fa": "تهران"}),
    ]  # fmt: skip


def test_the_days_of_a_programme(scene):
    days = selectors.programme_days(programme=scene.programme)

    assert days[0] == WEEK_START
    assert days[-1] == WEEK_START + timedelta(days=6)
    assert len(days) == 7


def test_the_violations_of_the_current_schedule_are_explained(scene):
    salesman = scene.entry(scene.film(rights=False, english_title="The Salesman"))
    elly = scene.entry(scene.film(rights=False, english_title="About Elly"))
    screening(salesman, scene.hall, at(TUESDAY, 18))
    screening(elly, scene.hall, at(TUESDAY, 19))

    found = selectors.programme_violations(programme=scene.programme)

    assert [v["code"] for v in found] == ["screen_overlap"]
    assert "The Salesman" in found[0]["message"]
    assert "About Elly" in found[0]["message"]
    scene.entry(scene.film(rights=False, english_title="Children of Heaven"))
    codes = [(v["code"], v["message"]) for v in selectors.programme_violations(programme=scene.programme)]
    assert ("min_screenings", "Children of Heaven is shown 0 times; at least 1 are required.") in codes
    assert [v["code"] for v in selectors.programme_violations(programme=scene.programme, complete=False)] == [
        "screen_overlap"
    ]


def test_attendance_totals(scene):
    entry = scene.entry()
    big = HallFactory.create(venue=scene.venue, capacity=500)
    screening(entry, scene.hall, at(TUESDAY, 15), attendance=150)
    screening(entry, big, at(TUESDAY + timedelta(days=1), 19), attendance=400)
    screening(entry, scene.hall, at(TUESDAY + timedelta(days=2), 19))

    totals = selectors.programme_attendance(programme=scene.programme)

    assert totals == {
        "screenings": 3, "with_attendance": 2, "admissions": 550, "seats": 800, "occupancy": 0.6875,
    }  # fmt: skip
    assert selectors.programme_attendance(programme=week_scene().programme)["occupancy"] is None


def test_the_venues_come_city_by_city_with_their_screens(scene):
    tehran = VenueFactory.create(programme=scene.programme, city_key="tehran", time_zone="Asia/Tehran")
    second = HallFactory.create(venue=scene.venue, name="Hall 2")
    HallFactory.create(venue=week_scene().venue)  # another programme's

    venues = selectors.programme_venues(programme=scene.programme)

    assert venues == [scene.venue, tehran]
    assert list(venues[0].halls.all()) == [scene.hall, second]
    assert list(venues[1].halls.all()) == []
