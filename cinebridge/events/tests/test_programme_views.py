"""The organisers' programme pages as real users of the two film bodies of a film week, of a third film
body and of a rights holder: proposing and answering a film week, venues and screens, curation (a
refusal shows why), the programme's films, guests and their invitation letters, the schedule (a move
refused with the broken rule explained, a stale version, the optimiser as a polled job), publication
and attendance; confidentiality (403/404 everywhere for others, passport numbers never shown to them);
a bounded number of queries on the schedule page; RTL in fa."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from cinebridge.accounts.models import Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.core.jobs import JobState
from cinebridge.events.models import (
    AudienceSlot,
    FilmWeek,
    FilmWeekStatus,
    Guest,
    Hall,
    Programme,
    ProgrammeFilm,
    Screening,
    SlotAudience,
    Strand,
    Venue,
)
from cinebridge.events.tests.factories import festival_scene
from cinebridge.events.tests.pfactories import (
    TEHRAN,
    GuestFactory,
    HallFactory,
    VenueFactory,
    at,
    film_body,
    screening,
    subtitled_version,
    week_scene,
)
from cinebridge.events.views.programmes import schedule_grid
from cinebridge.rights import loader

pytestmark = pytest.mark.django_db


def url(name, *args, language="en", query=""):
    with translation.override(language):
        return reverse(f"events:{name}", args=args) + (f"?{query}" if query else "")


def as_user(client, user):
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _fresh_index():
    # Each test's rolled-back transaction may reach the same rights version again: start from nothing.
    loader.forget_current_index()
    yield
    loader.forget_current_index()


@pytest.fixture
def scene():
    return week_scene()


@pytest.fixture
def scheduled(scene):
    """The scene with two films, a guest with a passport, and two screenings on Monday in Hall 1."""
    first = scene.entry(scene.film(runtime=100))
    second = scene.entry(scene.film(runtime=90))
    guest = GuestFactory.create(programme=scene.programme, passport_number="X1234567", qa_films=[first])
    monday = scene.programme.starts_on
    one = screening(first, scene.hall, at(monday, 18), qa_guest=guest)
    two = screening(second, scene.hall, at(monday, 21))
    return scene, first, second, guest, one, two


def content(response):
    return response.content.decode()


# --- film weeks -------------------------------------------------------------------------------------------


def test_the_film_week_list_shows_the_viewer_s_weeks_only(client, scene):
    title = scene.programme.names["en"]
    response = as_user(client, scene.iran_editor).get(url("film_week_list"))
    assert response.status_code == 200
    assert title in content(response)

    response = as_user(client, scene.outsider_editor).get(url("film_week_list"))
    assert response.status_code == 200
    assert title not in content(response)


def _proposal(scene, **changes):
    data = {
        "proposed_by": scene.iran.pk,
        "partner": scene.belarus.pk,
        "guest_country": "IR",
        "host_country": "BY",
        "slug": "iranian-film-week-minsk-2028",
        "title_en": "Iranian Film Week",
        "title_ru": "Неделя иранского кино",
        "title_fa": "هفتهٔ فیلم ایران",
        "starts_on": "2028-05-01",
        "ends_on": "2028-05-07",
        "time_zone": "Europe/Minsk",
        "note": "Six films, with their directors.",
    }
    data.update(changes)
    return data


def test_a_film_body_proposes_a_film_week_and_the_partner_agrees(client, scene):
    response = as_user(client, scene.iran_editor).post(url("film_week_propose"), _proposal(scene))

    assert response.status_code == 302
    week = FilmWeek.objects.get(programme__slug="iranian-film-week-minsk-2028")
    assert response["Location"] == url("film_week_detail", week.programme.slug)
    assert week.status == FilmWeekStatus.PROPOSED
    assert week.programme.names == {
        "en": "Iranian Film Week",
        "ru": "Неделя иранского кино",
        "fa": "هفتهٔ فیلم ایران",
    }
    # The proposer sees no answer form; the partner's editor does, and agrees.
    page = content(client.get(url("film_week_detail", week.programme.slug)))
    assert url("film_week_agree", week.programme.slug) not in page
    as_user(client, scene.belarus_editor)
    page = content(client.get(url("film_week_detail", week.programme.slug)))
    assert url("film_week_agree", week.programme.slug) in page
    response = client.post(url("film_week_agree", week.programme.slug), {"note": "Welcome."})
    assert response.status_code == 302
    week.refresh_from_db()
    assert week.status == FilmWeekStatus.AGREED
    assert week.decision_note == "Welcome."


def test_proposal_errors_are_shown_at_their_fields_and_nothing_is_made(client, scene):
    response = as_user(client, scene.iran_editor).post(
        url("film_week_propose"),
        _proposal(scene, ends_on="2028-04-01", title_en="", title_ru="", title_fa="", slug="manage"),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "ends_on" in form.errors
    assert "title_en" in form.errors
    assert not Programme.objects.filter(slug="manage").exists()


def test_a_reserved_address_is_refused_at_the_address_field(client, scene):
    response = as_user(client, scene.iran_editor).post(
        url("film_week_propose"), _proposal(scene, slug="manage")
    )

    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert not Programme.objects.filter(slug="manage").exists()


def test_declining_needs_a_note_and_the_proposer_cannot_answer(client, scene):
    scene.week.status = FilmWeekStatus.PROPOSED
    scene.week.save()
    slug = scene.programme.slug

    response = as_user(client, scene.belarus_editor).post(url("film_week_decline", slug), {"note": ""})
    assert response.status_code == 400
    assert "note" in response.context["decline_form"].errors

    response = as_user(client, scene.iran_editor).post(url("film_week_agree", slug), {"note": ""})
    assert response.status_code == 403

    response = as_user(client, scene.belarus_editor).post(
        url("film_week_decline", slug), {"note": "Not this year."}
    )
    assert response.status_code == 302
    scene.week.refresh_from_db()
    assert scene.week.status == FilmWeekStatus.DECLINED


def test_a_non_film_body_editor_cannot_propose(client, scene):
    studio_editor = member_of(OrganisationFactory.create(country="IR"), Role.EDITOR)
    assert as_user(client, studio_editor).get(url("film_week_propose")).status_code == 403


# --- confidentiality --------------------------------------------------------------------------------------


def _manage_gets(scene, one, guest, first):
    slug = scene.programme.slug
    return [
        url("film_week_detail", slug),
        url("manage", slug),
        url("manage_venues", slug),
        url("manage_venue", slug, scene.venue.pk),
        url("manage_hall", slug, scene.hall.pk),
        url("manage_curation", slug),
        url("manage_films", slug),
        url("manage_film", slug, first.pk),
        url("manage_guests", slug),
        url("manage_guest", slug, guest.pk),
        url("manage_guest_invitation", slug, guest.pk),
        url("manage_schedule", slug),
        url("manage_schedule_job", slug, "0" * 32),
        url("manage_screening_move", slug, one.pk),
        url("manage_attendance", slug),
        url("manage_settings", slug),
    ]


def _manage_posts(scene, one, guest, first):
    slug = scene.programme.slug
    return [
        url("film_week_agree", slug),
        url("film_week_cancel", slug),
        url("manage_publish", slug),
        url("manage_venues", slug),
        url("manage_venue", slug, scene.venue.pk),
        url("manage_venue_delete", slug, scene.venue.pk),
        url("manage_hall_add", slug, scene.venue.pk),
        url("manage_hall", slug, scene.hall.pk),
        url("manage_hall_delete", slug, scene.hall.pk),
        url("manage_curation", slug),
        url("manage_film", slug, first.pk),
        url("manage_film_remove", slug, first.pk),
        url("manage_guests", slug),
        url("manage_guest", slug, guest.pk),
        url("manage_guest_delete", slug, guest.pk),
        url("manage_schedule_optimise", slug),
        url("manage_screening_add", slug),
        url("manage_screening_move", slug, one.pk),
        url("manage_screening_lock", slug, one.pk),
        url("manage_screening_delete", slug, one.pk),
        url("manage_attendance", slug),
        url("manage_settings", slug),
        url("manage_slot_add", slug),
    ]


@pytest.mark.parametrize("published", [False, True])
def test_another_organisation_s_editor_is_refused_every_manage_page(client, scheduled, published):
    scene, first, _second, guest, one, _two = scheduled
    Programme.objects.filter(pk=scene.programme.pk).update(is_published=published)
    rights_holder_editor = member_of(scene.holder, Role.EDITOR)
    counts = (
        Venue.objects.count(),
        Hall.objects.count(),
        ProgrammeFilm.objects.count(),
        Guest.objects.count(),
    )
    for outsider in (scene.outsider_editor, rights_holder_editor):
        as_user(client, outsider)
        for address in _manage_gets(scene, one, guest, first):
            response = client.get(address)
            assert response.status_code in (403, 404), address
            assert "X1234567" not in content(response), address
        for address in _manage_posts(scene, one, guest, first):
            response = client.post(
                address, {"version": scene.programme.version, "note": "x", "publish": "on"}
            )
            assert response.status_code in (403, 404), address
            assert "X1234567" not in content(response), address
    one.refresh_from_db()
    assert not one.is_locked
    assert Screening.objects.filter(pk=one.pk).exists()
    assert counts == (
        Venue.objects.count(),
        Hall.objects.count(),
        ProgrammeFilm.objects.count(),
        Guest.objects.count(),
    )
    scene.programme.refresh_from_db()
    assert scene.programme.is_published == published


def test_a_viewer_of_an_organiser_sees_the_pages_but_changes_nothing(client, scheduled):
    scene, first, _second, guest, one, _two = scheduled
    as_user(client, scene.belarus_viewer)
    for address in _manage_gets(scene, one, guest, first):
        if "invitation" in address or "jobs" in address:
            continue
        assert client.get(address).status_code == 200, address
    page = content(client.get(url("manage_schedule", scene.programme.slug)))
    assert url("manage_screening_lock", scene.programme.slug, one.pk) not in page
    response = client.post(
        url("manage_screening_lock", scene.programme.slug, one.pk),
        {"version": scene.programme.version, "locked": "on"},
    )
    assert response.status_code == 403
    one.refresh_from_db()
    assert not one.is_locked


def test_the_organisers_see_passport_numbers_on_the_guests_page(client, scheduled):
    scene, *_rest = scheduled
    page = content(as_user(client, scene.iran_editor).get(url("manage_guests", scene.programme.slug)))
    assert "X1234567" in page


def test_an_overseeing_film_body_sees_guests_without_their_passport_data_or_letters(client):
    """A film body of the festival's country may look inside the programme, but guests' passport data
    stays with the organisers' own members: no number, no birth date, no invitation letter."""
    festival = festival_scene()
    programme = festival.edition.programme  # run by a festival of Belarus
    guest = GuestFactory.create(programme=programme, passport_number="X1234567", birth_date=date(1972, 5, 7))
    overseer = member_of(film_body("BY", "Belarusian film body"), Role.EDITOR)
    slug = programme.slug

    as_user(client, festival.festival_editor)
    page = content(client.get(url("manage_guests", slug)))
    assert "X1234567" in page
    assert "1972" in page
    assert url("manage_guest_invitation", slug, guest.pk) in page
    assert client.get(url("manage_guest_invitation", slug, guest.pk)).status_code == 200

    as_user(client, overseer)
    for address in (url("manage_guests", slug), url("manage_guest", slug, guest.pk), url("manage", slug)):
        response = client.get(address)
        assert response.status_code == 200, address
        page = content(response)
        assert "X1234567" not in page, address
        assert "1972" not in page, address
        assert url("manage_guest_invitation", slug, guest.pk) not in page, address
        assert "Add the passport number" not in page, address
    assert client.get(url("manage_guest_invitation", slug, guest.pk)).status_code == 404


def test_a_guest_without_a_passport_number_gets_no_invitation_link_but_a_hint(client, scene):
    guest = GuestFactory.create(programme=scene.programme, passport_number="")
    slug = scene.programme.slug
    as_user(client, scene.iran_editor)
    for address in (url("manage_guests", slug), url("manage_guest", slug, guest.pk)):
        page = content(client.get(address))
        assert "Add the passport number to write the invitation letter." in page, address
        assert url("manage_guest_invitation", slug, guest.pk) not in page, address


# --- venues and screens -------------------------------------------------------------------------------------


def test_organisers_add_a_venue_and_its_screens_then_edit_and_delete_a_screen(client, scene):
    slug = scene.programme.slug
    as_user(client, scene.belarus_editor)
    response = client.post(
        url("manage_venues", slug),
        {
            "name_en": "Moskva cinema",
            "name_ru": "Кинотеатр «Москва»",
            "city_en": "Minsk",
            "city_ru": "Минск",
            "city_key": "minsk",
            "address": "Pobediteley 13",
            "time_zone": "Europe/Minsk",
        },
    )
    assert response.status_code == 302
    venue = Venue.objects.get(programme=scene.programme, names__en="Moskva cinema")
    assert venue.names == {"en": "Moskva cinema", "ru": "Кинотеатр «Москва»"}
    assert venue.city_names == {"en": "Minsk", "ru": "Минск"}

    response = client.post(
        url("manage_hall_add", slug, venue.pk),
        {
            "name": "Big hall",
            "capacity": "۴۵۰",
            "opens_at": "10:00",
            "closes_at": "01:00",
            "projection": "dcp",
        },
    )
    assert response.status_code == 302
    hall = Hall.objects.get(venue=venue)
    assert (hall.capacity, hall.opens_at, hall.closes_at, hall.projection) == (450, time(10), time(1), "dcp")

    response = client.post(
        url("manage_hall", slug, hall.pk),
        {
            "name": "Big hall",
            "capacity": "420",
            "opens_at": "09:30",
            "closes_at": "23:00",
            "projection": "both",
        },
    )
    assert response.status_code == 302
    hall.refresh_from_db()
    assert (hall.capacity, hall.opens_at, hall.projection) == (420, time(9, 30), "both")

    page = content(client.get(url("manage_venue", slug, venue.pk)))
    assert "Big hall" in page
    assert client.post(url("manage_hall_delete", slug, hall.pk)).status_code == 302
    assert not Hall.objects.filter(pk=hall.pk).exists()


def test_venue_and_screen_errors_are_shown_at_their_fields(client, scene):
    slug = scene.programme.slug
    as_user(client, scene.iran_editor)
    response = client.post(url("manage_venues", slug), {"city_key": "", "time_zone": "Europe/Minsk"})
    assert response.status_code == 400
    assert {"name_en", "city_en", "city_key"} <= set(response.context["form"].errors)

    response = client.post(
        url("manage_hall_add", slug, scene.venue.pk),
        {"name": "Hall 2", "capacity": "0", "opens_at": "25:00", "closes_at": "23:00", "projection": "dcp"},
    )
    assert response.status_code == 400
    assert {"capacity", "opens_at"} <= set(response.context["hall_form"].errors)


def test_a_venue_of_another_programme_is_not_found(client, scene):
    other = week_scene()
    response = as_user(client, scene.iran_editor).get(
        url("manage_venue", scene.programme.slug, other.venue.pk)
    )
    assert response.status_code == 404


# --- curation and the programme's films -----------------------------------------------------------------------


def test_curation_shows_rights_and_subtitles_and_a_refused_add_says_why(client, scene):
    allowed = scene.film(original_title="Allowed film")
    subtitled_version(allowed, "ru")
    refused = scene.film(rights=False, original_title="Refused film")
    slug = scene.programme.slug
    as_user(client, scene.iran_editor)

    response = client.get(url("manage_curation", slug))
    assert response.status_code == 200
    rows = {row["film"].pk: row for row in response.context["rows"]}
    assert rows[allowed.pk]["check"].rights_ok
    assert rows[allowed.pk]["check"].subtitle_ok
    assert not rows[refused.pk]["check"].rights_ok
    assert not rows[refused.pk]["check"].subtitle_ok
    page = content(response)
    assert page.count("rights-refused") == 1
    assert "No festival or cultural-screening rights" in page

    response = client.post(
        url("manage_curation", slug),
        {
            "q": "",
            "add-film": refused.slug,
            "add-strand": Strand.GENERAL,
            "add-min_screenings": "1",
            "add-max_screenings": "2",
            "add-appeal": "60",
            "add-min_age": "0",
        },
    )
    assert response.status_code == 400
    assert not ProgrammeFilm.objects.filter(programme=scene.programme, film=refused).exists()
    refusal = next(row["refusal"] for row in response.context["rows"] if row["film"].pk == refused.pk)
    assert refusal is not None
    assert refusal.details, "the reasons of the refusal are listed"
    assert "not held" in " ".join(refusal.details)
    assert "refusal" in content(response)
    box = content(response).split('class="alert alert-danger refusal"', 1)[1].split("</div>", 1)[0]
    for reason in refusal.details:
        assert box.count(escape(reason)) == 1, "each reason once in the refusal box"

    response = client.post(
        url("manage_curation", slug),
        {
            "q": "Allowed",
            "add-film": allowed.slug,
            "add-strand": Strand.CHILDREN,
            "add-min_screenings": "2",
            "add-max_screenings": "3",
            "add-appeal": "70",
            "add-min_age": "6",
            "add-is_premiere": "on",
        },
    )
    assert response.status_code == 302
    entry = ProgrammeFilm.objects.get(programme=scene.programme, film=allowed)
    assert (entry.strand, entry.min_screenings, entry.max_screenings, entry.appeal, entry.min_age) == (
        Strand.CHILDREN,
        2,
        3,
        70,
        6,
    )
    assert entry.is_premiere


def test_curation_form_errors_are_shown_at_the_field(client, scene):
    film = scene.film()
    response = as_user(client, scene.iran_editor).post(
        url("manage_curation", scene.programme.slug),
        {
            "add-film": film.slug,
            "add-strand": Strand.GENERAL,
            "add-min_screenings": "3",
            "add-max_screenings": "1",
            "add-appeal": "150",
            "add-min_age": "0",
        },
    )
    assert response.status_code == 400
    form = next(row["form"] for row in response.context["rows"] if row["film"].pk == film.pk)
    assert {"max_screenings", "appeal"} <= set(form.errors)
    assert not ProgrammeFilm.objects.filter(programme=scene.programme).exists()


def test_the_films_page_checks_all_its_films_at_once(client, scene):
    address = url("manage_films", scene.programme.slug)
    as_user(client, scene.iran_editor)
    scene.entry(scene.film())
    client.get(address)  # warm the caches (sessions, the rights index)
    with CaptureQueriesContext(connection) as small:
        assert client.get(address).status_code == 200
    for _number in range(4):
        scene.entry(scene.film())
    client.get(address)  # the rights index is rebuilt for the new films' grants
    with CaptureQueriesContext(connection) as large:
        response = client.get(address)

    assert len(response.context["rows"]) == 5
    assert all(row["check"].rights_ok for row in response.context["rows"])
    assert len(large) == len(small), [q["sql"][:120] for q in large.captured_queries]


def test_organisers_edit_and_remove_a_programme_film(client, scene):
    entry = scene.entry(scene.film())
    slug = scene.programme.slug
    as_user(client, scene.belarus_editor)
    assert client.get(url("manage_films", slug)).status_code == 200
    response = client.post(
        url("manage_film", slug, entry.pk),
        {
            "strand": Strand.GENERAL,
            "min_screenings": "1",
            "max_screenings": "4",
            "appeal": "80",
            "min_age": "12",
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.max_screenings, entry.appeal, entry.min_age) == (4, 80, 12)

    assert client.post(url("manage_film_remove", slug, entry.pk)).status_code == 302
    assert not ProgrammeFilm.objects.filter(pk=entry.pk).exists()


# --- guests ---------------------------------------------------------------------------------------------------


def test_organisers_add_a_guest_and_download_the_invitation_letter(client, scene):
    entry = scene.entry(scene.film())
    slug = scene.programme.slug
    as_user(client, scene.iran_editor)
    response = client.post(
        url("manage_guests", slug),
        {
            "full_name": "Asghar Farhadi",
            "name_fa": "اصغر فرهادی",
            "role": "Director",
            "nationality": "IR",
            "passport_number": "K98765432",
            "birth_date": "1972-05-07",
            "arrives_at": "2027-05-02T22:30",
            "departs_at": "2027-05-06T10:00",
            "city_key": "minsk",
            "qa_films": [entry.pk],
        },
    )
    assert response.status_code == 302
    guest = Guest.objects.get(programme=scene.programme)
    assert guest.names == {"fa": "اصغر فرهادی"}
    assert guest.arrives_at == at(date(2027, 5, 2), 22, 30)
    assert list(guest.qa_films.all()) == [entry]

    page = content(client.get(url("manage_guests", slug)))
    assert "K98765432" in page
    assert url("manage_guest_invitation", slug, guest.pk) in page

    response = client.get(url("manage_guest_invitation", slug, guest.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_guest_leaving_before_arriving_is_refused_at_the_field(client, scene):
    response = as_user(client, scene.iran_editor).post(
        url("manage_guests", scene.programme.slug),
        {
            "full_name": "Someone",
            "nationality": "IR",
            "arrives_at": "2027-05-05T10:00",
            "departs_at": "2027-05-04T10:00",
            "city_key": "minsk",
        },
    )
    assert response.status_code == 400
    assert "departs_at" in response.context["form"].errors
    assert not Guest.objects.exists()


# --- the schedule ---------------------------------------------------------------------------------------------


def test_the_schedule_page_shows_the_grid_by_day_and_screen(client, scheduled):
    scene, _first, _second, guest, one, two = scheduled
    response = as_user(client, scene.iran_editor).get(url("manage_schedule", scene.programme.slug))

    assert response.status_code == 200
    grid = response.context["grid"]
    assert [column.hall for column in grid.columns] == [scene.hall]
    assert [day.day for day in grid.days][:2] == [date(2027, 5, 3), date(2027, 5, 4)]
    assert grid.days[0].cells == [[one, two]]
    page = content(response)
    assert "18:00–19:40" in page
    assert guest.full_name in page
    assert f'id="screening-{one.pk}"' in page


def test_the_schedule_page_says_which_films_the_last_run_could_not_place(client, scene):
    placed = scene.entry(scene.film(english_title="Placed film"))
    left_out = scene.entry(scene.film(english_title="Left-out film"))
    summary = {"status": "feasible", "objective": 120, "problems": [], "unscheduled": [left_out.pk]}
    Programme.objects.filter(pk=scene.programme.pk).update(schedule_summary=summary)

    response = as_user(client, scene.iran_editor).get(url("manage_schedule", scene.programme.slug))

    assert response.context["unplaced"] == [left_out]
    box = content(response).split('id="schedule-unplaced"', 1)[1].split("</div>", 1)[0]
    assert "Left-out film" in box
    assert "Placed film" not in box
    assert placed.pk not in response.context["summary"]["unscheduled"]
    assert 'id="schedule-problems"' not in content(response)


def test_the_schedule_page_says_why_the_last_run_found_no_schedule(client, scene):
    why = "Left-out film has no possible slot (screen, projection, opening hours, children's hours)."
    summary = {"status": "infeasible", "objective": None, "problems": [why], "unscheduled": []}
    Programme.objects.filter(pk=scene.programme.pk).update(schedule_summary=summary)

    page = content(as_user(client, scene.iran_editor).get(url("manage_schedule", scene.programme.slug)))

    box = page.split('id="schedule-problems"', 1)[1].split("</div>", 1)[0]
    assert "No schedule meets every rule" in box
    assert escape(why) in box
    assert 'id="schedule-unplaced"' not in page


def test_the_grid_groups_screens_by_city_and_puts_a_screening_on_its_venue_s_day(scene):
    tehran = VenueFactory.create(
        programme=scene.programme, city_key="tehran", city_names={"en": "Tehran"}, time_zone="Asia/Tehran"
    )
    salon = HallFactory.create(venue=tehran, name="Salon", opens_at=time(0), closes_at=time(23, 59))
    second_minsk = HallFactory.create(venue=scene.venue, name="Hall 2")
    entry = scene.entry(scene.film())
    late = screening(entry, salon, at(date(2027, 5, 4), 0, 15, zone=TEHRAN))  # 3 May in UTC
    halls = [salon, second_minsk, scene.hall]
    grid = schedule_grid(halls, [date(2027, 5, 3), date(2027, 5, 4)], [late])

    assert [column.hall.name for column in grid.columns] == ["Hall 1", "Hall 2", "Salon"]
    assert [(group.names["en"], group.span) for group in grid.cities] == [("Minsk", 2), ("Tehran", 1)]
    assert grid.days[0].cells == [[], [], []]
    assert grid.days[1].cells == [[], [], [late]]


def test_the_schedule_page_s_queries_do_not_grow_with_the_screenings(client, scene):
    as_user(client, scene.iran_editor)
    address = url("manage_schedule", scene.programme.slug)
    second_hall = HallFactory.create(venue=scene.venue, name="Hall 2")
    guest = GuestFactory.create(programme=scene.programme)

    def add_film(day):
        entry = scene.entry(scene.film(), max_screenings=3)
        guest.qa_films.add(entry)
        screening(entry, scene.hall, at(day, 14), qa_guest=guest)
        screening(entry, second_hall, at(day, 18), is_locked=True)

    add_film(scene.programme.starts_on)
    client.get(address)  # warm the caches (sessions, the rights index)
    with CaptureQueriesContext(connection) as small:
        assert client.get(address).status_code == 200
    for number in range(1, 7):
        add_film(scene.programme.starts_on + timedelta(days=number))
    with CaptureQueriesContext(connection) as large:
        response = client.get(address)
    assert response.status_code == 200
    assert response.context["screening_count"] == 14
    assert len(large) == len(small), [q["sql"][:120] for q in large.captured_queries]
    assert len(large) <= 30


def test_a_move_breaking_a_rule_is_refused_with_the_rule_explained(client, scheduled):
    scene, _first, _second, _guest, _one, two = scheduled
    address = url("manage_screening_move", scene.programme.slug, two.pk)
    as_user(client, scene.iran_editor)
    assert client.get(address).status_code == 200

    response = client.post(
        address, {"hall": scene.hall.pk, "start": "2027-05-03T08:00", "version": scene.programme.version}
    )

    assert response.status_code == 400
    refusal = response.context["refusal"]
    assert refusal is not None
    assert any("opening hours" in detail for detail in refusal.details), refusal
    assert "opening hours" in content(response)
    two.refresh_from_db()
    assert two.starts_at == at(date(2027, 5, 3), 21)


def test_a_move_onto_another_screening_is_refused_naming_both(client, scheduled):
    scene, _first, _second, _guest, _one, two = scheduled
    response = as_user(client, scene.iran_editor).post(
        url("manage_screening_move", scene.programme.slug, two.pk),
        {"hall": scene.hall.pk, "start": "2027-05-03T18:30", "version": scene.programme.version},
    )
    assert response.status_code == 400
    assert any("overlap" in detail for detail in response.context["refusal"].details)


def test_a_move_within_the_rules_is_made_and_locks_the_screening(client, scheduled):
    scene, _first, _second, _guest, _one, two = scheduled
    response = as_user(client, scene.iran_editor).post(
        url("manage_screening_move", scene.programme.slug, two.pk),
        {"hall": scene.hall.pk, "start": "2027-05-04T۲۰:۰۰", "version": scene.programme.version},
    )
    assert response.status_code == 302
    two.refresh_from_db()
    assert two.starts_at == at(date(2027, 5, 4), 20)
    assert two.is_locked


def test_a_change_against_an_old_version_is_refused_as_stale(client, scheduled):
    scene, _first, _second, _guest, one, _two = scheduled
    old = scene.programme.version
    Programme.objects.filter(pk=scene.programme.pk).update(version=old + 1)

    response = as_user(client, scene.iran_editor).post(
        url("manage_screening_lock", scene.programme.slug, one.pk), {"version": old, "locked": "on"}
    )

    assert response.status_code == 409
    assert response.context["stale"]
    assert 'id="schedule-stale"' in content(response)
    one.refresh_from_db()
    assert not one.is_locked


def test_a_stale_move_keeps_the_input_against_the_latest_version(client, scheduled):
    scene, _first, _second, _guest, _one, two = scheduled
    old = scene.programme.version
    Programme.objects.filter(pk=scene.programme.pk).update(version=old + 1)
    address = url("manage_screening_move", scene.programme.slug, two.pk)
    data = {"hall": scene.hall.pk, "start": "2027-05-04T20:00", "version": old}
    as_user(client, scene.iran_editor)

    response = client.post(address, data)

    assert response.status_code == 409
    assert 'id="schedule-stale"' in content(response)
    form = response.context["form"]
    assert form["version"].value() == str(old + 1)
    assert form["start"].value() == "2027-05-04T20:00"
    two.refresh_from_db()
    assert two.starts_at == at(date(2027, 5, 3), 21)
    assert client.post(address, {**data, "version": old + 1}).status_code == 302


def test_organisers_lock_unlock_and_delete_screenings(client, scheduled):
    scene, _first, _second, _guest, one, two = scheduled
    slug = scene.programme.slug
    as_user(client, scene.iran_editor)

    def version():
        return Programme.objects.get(pk=scene.programme.pk).version

    assert (
        client.post(
            url("manage_screening_lock", slug, one.pk), {"version": version(), "locked": "on"}
        ).status_code
        == 302
    )
    one.refresh_from_db()
    assert one.is_locked
    assert "🔒" in content(client.get(url("manage_schedule", slug)))
    assert client.post(url("manage_screening_lock", slug, one.pk), {"version": version()}).status_code == 302
    one.refresh_from_db()
    assert not one.is_locked
    assert (
        client.post(url("manage_screening_delete", slug, two.pk), {"version": version()}).status_code == 302
    )
    assert not Screening.objects.filter(pk=two.pk).exists()


def test_organisers_add_a_screening_and_a_refused_one_is_explained(client, scheduled):
    scene, first, second, _guest, _one, _two = scheduled
    slug = scene.programme.slug
    as_user(client, scene.belarus_editor)
    data = {
        "programme_film": second.pk,
        "hall": scene.hall.pk,
        "start": "2027-05-05T15:00",
        "version": scene.programme.version,
    }
    response = client.post(url("manage_screening_add", slug), data)
    assert response.status_code == 302
    added = Screening.objects.get(programme_film=second, starts_at=at(date(2027, 5, 5), 15))
    assert added.hall == scene.hall

    fresh = Programme.objects.get(pk=scene.programme.pk).version
    response = client.post(
        url("manage_screening_add", slug),
        {**data, "programme_film": first.pk, "start": "2027-05-05T23:00", "version": fresh},
    )
    assert response.status_code == 400
    assert response.context["refusal"].details
    assert "opening hours" in content(response)
    assert not Screening.objects.filter(programme_film=first, starts_at=at(date(2027, 5, 5), 23)).exists()


def test_the_optimiser_runs_as_a_job_the_page_polls(client, scene, django_capture_on_commit_callbacks):
    for _number in range(2):
        entry = scene.entry(scene.film())
        subtitled_version(entry.film, "ru")
    slug = scene.programme.slug
    as_user(client, scene.iran_editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("manage_schedule_optimise", slug), {"seconds": "10"})
    assert response.status_code == 302
    job_id = response["Location"].split("job=")[1]

    job = client.get(url("manage_schedule_job", slug, job_id))
    assert job.status_code == 200
    assert job.json()["state"] == JobState.DONE
    assert not job.json()["running"]
    assert Screening.objects.filter(programme=scene.programme).count() >= 2
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.context["summary"]["objective"] > 0
    assert 'id="schedule-summary"' in content(page)
    # Another organiser's editor cannot read the job.
    assert (
        as_user(client, scene.belarus_editor).get(url("manage_schedule_job", slug, job_id)).status_code == 404
    )


# --- publication and attendance ---------------------------------------------------------------------------------


def test_publishing_an_empty_programme_is_refused_and_explained(client, scene):
    response = as_user(client, scene.iran_editor).post(
        url("manage_publish", scene.programme.slug), {"publish": "on"}, follow=True
    )
    assert response.status_code == 200
    assert "at least one screening" in content(response)
    scene.programme.refresh_from_db()
    assert not scene.programme.is_published


def test_publishing_a_schedule_that_breaks_rules_lists_each_rule(client, scene):
    entry = scene.entry(scene.film(), min_screenings=2)
    screening(entry, scene.hall, at(scene.programme.starts_on, 18))
    response = as_user(client, scene.iran_editor).post(
        url("manage_publish", scene.programme.slug), {"publish": "on"}, follow=True
    )
    page = content(response)
    assert "at least 2 are required" in page
    scene.programme.refresh_from_db()
    assert not scene.programme.is_published


def test_organisers_publish_and_unpublish(client, scheduled):
    scene, *_rest = scheduled
    slug = scene.programme.slug
    as_user(client, scene.iran_editor)
    assert client.post(url("manage_publish", slug), {"publish": "on"}).status_code == 302
    scene.programme.refresh_from_db()
    assert scene.programme.is_published
    assert client.post(url("manage_publish", slug), {}).status_code == 302
    scene.programme.refresh_from_db()
    assert not scene.programme.is_published


def test_attendance_is_entered_all_or_nothing_with_errors_naming_the_screening(client):
    scene = week_scene(starts_on=date(2025, 5, 5), ends_on=date(2025, 5, 11))
    entry = scene.entry(scene.film())
    early = screening(entry, scene.hall, at(date(2025, 5, 5), 18))
    late = screening(entry, scene.hall, at(date(2025, 5, 6), 18))
    slug = scene.programme.slug
    as_user(client, scene.iran_editor)
    response = client.get(url("manage_attendance", slug))
    assert response.status_code == 200
    assert [s.pk for s, _field in response.context["form"].rows()] == [early.pk, late.pk]

    response = client.post(
        url("manage_attendance", slug), {f"screening_{early.pk}": "120", f"screening_{late.pk}": "9999"}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert f"screening_{late.pk}" in form.errors
    assert f"screening_{early.pk}" not in form.errors
    assert "300 seats" in " ".join(form.errors[f"screening_{late.pk}"])
    early.refresh_from_db()
    assert early.attendance is None

    response = client.post(
        url("manage_attendance", slug), {f"screening_{early.pk}": "۱۲۰", f"screening_{late.pk}": "200"}
    )
    assert response.status_code == 302
    totals = client.get(url("manage_attendance", slug)).context["totals"]
    assert (totals["with_attendance"], totals["admissions"]) == (2, 320)


# --- settings: the schedule's minutes and audience slots -----------------------------------------------------


def test_organisers_change_the_schedule_minutes_on_the_settings_tab(client, scene):
    slug = scene.programme.slug
    as_user(client, scene.belarus_editor)
    response = client.get(url("manage_settings", slug))
    assert response.status_code == 200
    page = content(response)
    assert url("manage_settings", slug) in content(client.get(url("manage", slug))), "a tab of every page"
    assert 'id="settings-form"' in page

    response = client.post(
        url("manage_settings", slug),
        {
            "grid_minutes": "۱۰",  # Persian digits are read too
            "changeover_minutes": "20",
            "qa_minutes": "40",
            "version": scene.programme.version,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("manage_settings", slug)
    programme = Programme.objects.get(pk=scene.programme.pk)
    assert (programme.grid_minutes, programme.changeover_minutes, programme.qa_minutes) == (10, 20, 40)

    response = client.post(
        url("manage_settings", slug),
        {"grid_minutes": "2", "changeover_minutes": "20", "qa_minutes": "40", "version": programme.version},
    )
    assert response.status_code == 400
    assert "grid_minutes" in response.context["form"].errors
    response = client.post(
        url("manage_settings", slug),
        {"grid_minutes": "7", "changeover_minutes": "20", "qa_minutes": "40", "version": programme.version},
    )
    assert response.status_code == 400
    [refused] = response.context["form"].errors["grid_minutes"]
    assert "divide an hour" in refused, "the service's refusal is shown at its field"
    assert content(response).count("divide an hour") == 1
    assert Programme.objects.get(pk=programme.pk).grid_minutes == 10


def _slot(scene, **changes):
    data = {
        "hall": scene.hall.pk,
        "weekdays": ["6", "7"],
        "starts_at": "10:00",
        "ends_at": "14:00",
        "audience": SlotAudience.CHILDREN,
        "max_age": "6",
        "version": Programme.objects.get(pk=scene.programme.pk).version,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_organisers_add_and_delete_audience_slots(client, scene):
    slug = scene.programme.slug
    as_user(client, scene.iran_editor)
    assert 'id="no-audience-slots"' in content(client.get(url("manage_settings", slug)))

    response = client.post(url("manage_slot_add", slug), _slot(scene))
    assert response.status_code == 302
    slot = AudienceSlot.objects.get(programme=scene.programme)
    assert (slot.hall, sorted(slot.weekdays), slot.starts_at, slot.ends_at, slot.audience, slot.max_age) == (
        scene.hall,
        [6, 7],
        time(10),
        time(14),
        SlotAudience.CHILDREN,
        6,
    )
    # Every screen, every day, any age: the optional fields left empty.
    response = client.post(
        url("manage_slot_add", slug),
        _slot(scene, hall="", weekdays=None, max_age="", audience=SlotAudience.YOUTH, starts_at="09:00"),
    )
    assert response.status_code == 302
    every = AudienceSlot.objects.exclude(pk=slot.pk).get(programme=scene.programme)
    assert (every.hall, list(every.weekdays), every.max_age) == (None, [], None)

    page = content(client.get(url("manage_settings", slug)))
    row = page.split(f'id="slot-{slot.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "Saturday" in row
    assert "Sunday" in row
    assert "Monday" not in row
    assert "10:00–14:00" in row
    assert "Hall 1" in row
    row = page.split(f'id="slot-{every.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "Every screen" in row
    assert "Every day" in row

    version = Programme.objects.get(pk=scene.programme.pk).version
    response = client.post(url("manage_slot_delete", slug, slot.pk), {"version": version})
    assert response.status_code == 302
    assert list(AudienceSlot.objects.filter(programme=scene.programme)) == [every]


def test_a_slot_ending_before_it_begins_or_against_an_old_version_is_refused(client, scene):
    slug = scene.programme.slug
    as_user(client, scene.iran_editor)
    response = client.post(url("manage_slot_add", slug), _slot(scene, starts_at="14:00", ends_at="10:00"))
    assert response.status_code == 400
    assert "ends_at" in response.context["slot_form"].errors

    old = Programme.objects.get(pk=scene.programme.pk).version
    Programme.objects.filter(pk=scene.programme.pk).update(version=old + 1)  # someone changed it meanwhile
    response = client.post(url("manage_slot_add", slug), _slot(scene, version=old))
    assert response.status_code == 409
    assert 'id="settings-stale"' in content(response)
    assert not AudienceSlot.objects.exists()


def test_a_viewer_sees_the_settings_and_others_cannot_touch_the_slots(client, scene):
    slug = scene.programme.slug
    slot = AudienceSlot.objects.create(
        programme=scene.programme, starts_at=time(10), ends_at=time(12), audience=SlotAudience.CHILDREN
    )
    as_user(client, scene.belarus_viewer)
    response = client.get(url("manage_settings", slug))
    assert response.status_code == 200
    page = content(response)
    assert f'id="slot-{slot.pk}"' in page
    assert 'id="slot-form"' not in page
    assert 'id="settings-form"' not in page
    assert url("manage_slot_delete", slug, slot.pk) not in page

    for user, statuses in (
        (scene.belarus_viewer, (403,)),
        (scene.outsider_editor, (403, 404)),
        (member_of(scene.holder, Role.EDITOR), (403, 404)),
    ):
        as_user(client, user)
        version = Programme.objects.get(pk=scene.programme.pk).version
        response = client.post(url("manage_slot_delete", slug, slot.pk), {"version": version})
        assert response.status_code in statuses
        response = client.post(url("manage_slot_add", slug), _slot(scene))
        assert response.status_code in statuses
    assert list(AudienceSlot.objects.all()) == [slot]


def test_a_slot_of_another_programme_is_not_found(client, scene):
    other = week_scene()
    foreign = AudienceSlot.objects.create(
        programme=other.programme, starts_at=time(10), ends_at=time(12), audience=SlotAudience.CHILDREN
    )
    as_user(client, scene.iran_editor)
    response = client.post(
        url("manage_slot_delete", scene.programme.slug, foreign.pk), {"version": scene.programme.version}
    )
    assert response.status_code == 404
    assert AudienceSlot.objects.filter(pk=foreign.pk).exists()


# --- festival editions --------------------------------------------------------------------------------------


def test_a_festival_s_editors_manage_its_edition_s_programme_and_applicants_cannot(client):
    festival = festival_scene()
    slug = festival.edition.programme.slug
    as_user(client, festival.festival_editor)
    page = client.get(url("manage", slug))
    assert page.status_code == 200
    assert page.context["film_week"] is None
    response = client.get(url("manage_curation", slug))
    assert response.status_code == 200
    checks = {row["film"].pk: row["check"] for row in response.context["rows"]}
    assert checks[festival.film.pk].rights_ok, "a festival does not check rights: the entry is the permission"
    response = client.post(
        url("manage_venues", slug),
        {"name_en": "House of Cinema", "city_en": "Minsk", "city_key": "minsk", "time_zone": "Europe/Minsk"},
    )
    assert response.status_code == 302

    as_user(client, festival.applicant_editor)
    assert client.get(url("manage", slug)).status_code == 404
    assert client.get(url("manage_venues", slug)).status_code == 404


# --- languages ------------------------------------------------------------------------------------------------


def test_pages_render_right_to_left_in_persian(client, scheduled):
    scene, *_rest = scheduled
    as_user(client, scene.iran_editor)
    for name, args in (("film_week_list", ()), ("manage_schedule", (scene.programme.slug,))):
        response = client.get(url(name, *args, language="fa"))
        assert response.status_code == 200
        page = content(response)
        assert 'dir="rtl"' in page
        assert "bootstrap.rtl.min.css" in page
    page = content(client.get(url("manage_schedule", scene.programme.slug, language="fa")))
    assert "۱۸:۰۰" in page
