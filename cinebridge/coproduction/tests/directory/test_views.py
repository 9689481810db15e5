"""The directory's pages as real users of the operator, of the requesting producer and of other
organisations: lists with filters and a bounded number of queries, the availability calendar (month
navigation, right to left in fa), listing forms, photo upload (a real PNG, a bad file), booking requests
refused on taken days with the dates named, answers by the right party only, specialists with their
catalogue credits, invitations, and the correspondence never shown to a third organisation."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from cinebridge.catalogue.models import Credit, CreditRole
from cinebridge.catalogue.tests.factories import FilmFactory, PersonFactory
from cinebridge.coproduction.models import (
    Booking,
    Closure,
    Invitation,
    Location,
    LocationPhoto,
    RequestStatus,
    Specialist,
    Studio,
)

from .helpers import directory_scene, png_upload, today

pytestmark = pytest.mark.django_db


def url(name, *args, language="en", query=""):
    with translation.override(language):
        return reverse(f"coproduction:{name}", args=args) + (f"?{query}" if query else "")


def as_user(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def scene():
    return directory_scene()


# --- reading the directory -------------------------------------------------------------------------


def test_the_directory_needs_a_signed_in_person(client, scene):
    for name in ("studio_list", "location_list", "specialist_list", "booking_list", "invitation_list"):
        response = client.get(url(name))
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_every_signed_in_person_reads_the_lists_and_filters_them(client, scene):
    as_user(client, scene.outsider_editor)
    page = client.get(url("studio_list")).content.decode()
    assert "Belarusfilm Stages" in page
    filtered = client.get(url("studio_list", query="country=IR")).content.decode()
    assert "Belarusfilm Stages" not in filtered
    assert "No studio matches these filters." in filtered
    assert "Braslav Lakes" in client.get(url("location_list", query="region=vitebsk")).content.decode()
    specialists = client.get(url("specialist_list", query="skill=lead_animator&language=fa")).content.decode()
    assert "Sara Ahmadi" in specialists
    none = client.get(url("specialist_list", query="skill=composer")).content.decode()
    assert "Sara Ahmadi" not in none


def test_a_bad_filter_date_shows_the_whole_list(client, scene):
    as_user(client, scene.outsider_editor)
    response = client.get(url("studio_list", query="available_on=not-a-date"))
    assert response.status_code == 200
    assert "Belarusfilm Stages" in response.content.decode()


def _many(scene, count):
    for n in range(count):
        studio = Studio.objects.create(
            organisation=scene.operator,
            slug=f"studio-{n}",
            names={"en": f"Studio {n}"},
            country="BY",
            city="Minsk",
            capabilities=["stages"],
        )
        studio.stages.create(name="A", width_m=10, length_m=10)
        location = Location.objects.create(
            organisation=scene.producer,
            slug=f"location-{n}",
            names={"en": f"Place {n}"},
            country="IR",
            region="Gilan",
        )
        LocationPhoto.objects.create(location=location, image="locations/x.png")
        Specialist.objects.create(
            organisation=scene.producer,
            slug=f"specialist-{n}",
            names={"en": f"S {n}"},
            country="IR",
            skills=["editor"],
        )


@pytest.mark.parametrize("name", ["studio_list", "location_list", "specialist_list"])
def test_list_pages_take_the_same_number_of_queries_for_many_rows(client, scene, name):
    as_user(client, scene.outsider_editor)
    client.get(url(name))  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(name)).status_code == 200
    _many(scene, 12)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url(name)).status_code == 200
    assert len(many) == len(few)
    assert len(many) <= 12


def test_booking_and_invitation_lists_take_bounded_queries(client, scene):
    for n in range(8):
        scene.accepted_booking(3 * n + 1, 3 * n + 2, message=f"m{n}")
        Invitation.objects.create(
            project=scene.project,
            specialist=scene.specialist,
            role="editor",
            starts_on=scene.day(20),
            ends_on=scene.day(21),
            invited_by=scene.producer_editor,
        )
    as_user(client, scene.producer_editor)
    for name in ("booking_list", "invitation_list"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(name)).status_code == 200
        assert len(queries) <= 20, [q["sql"] for q in queries]


# --- the calendar ----------------------------------------------------------------------------------


def test_the_studio_page_shows_stages_and_a_month_calendar(client, scene):
    Closure.objects.create(
        studio=scene.studio, starts_on=date(2030, 5, 1), ends_on=date(2030, 5, 2), reason="Repairs"
    )
    scene.accepted_booking(
        0, 0, starts_on=date(2030, 5, 10), ends_on=date(2030, 5, 12), message="Secret terms"
    )
    as_user(client, scene.outsider_editor)
    page = client.get(url("studio_detail", scene.studio.slug, query="month=2030-05")).content.decode()
    assert "Stage A" in page
    assert "30 × 40" in page
    assert 'data-day="2030-05-01"' in page
    assert "Repairs" in page
    assert page.count("day-booked") == 3
    assert page.count("day-closed") == 2
    assert "Secret terms" not in page  # the booking's message stays with the two parties
    assert "?month=2030-04" in page
    assert "?month=2030-06" in page
    assert "Ask to book" in page
    assert "Close some days" not in page


def test_the_calendar_in_persian_is_right_to_left_with_persian_digits(client, scene):
    as_user(client, scene.outsider_editor)
    page = client.get(
        url("location_detail", scene.location.slug, language="fa", query="month=2030-05")
    ).content.decode()
    assert 'dir="rtl"' in page
    assert "۳۱" in page  # the 31st of May in Persian digits
    # the week starts on Saturday: the first column header is Saturday's
    with translation.override("fa"):
        from django.utils.dates import WEEKDAYS_ABBR

        saturday = str(WEEKDAYS_ABBR[5])
    header = page[page.index("<thead>") : page.index("</thead>")]
    assert header.index(saturday) < header.index(str(WEEKDAYS_ABBR[6]))


def test_a_bad_month_falls_back_to_the_current_one(client, scene):
    as_user(client, scene.outsider_editor)
    response = client.get(url("studio_detail", scene.studio.slug, query="month=2030-13"))
    assert response.status_code == 200
    assert today().strftime("%Y-%m") in response.content.decode()


def test_unknown_listings_are_not_found(client, scene):
    as_user(client, scene.outsider_editor)
    assert client.get(url("studio_detail", "nope")).status_code == 404
    assert client.get(url("booking_request", "stages", scene.studio.slug)).status_code == 404


# --- listing forms ---------------------------------------------------------------------------------


def test_an_editor_lists_and_edits_a_studio(client, scene):
    as_user(client, scene.operator_editor)
    response = client.post(
        url("studio_create"),
        {
            "organisation": scene.operator.pk,
            "slug": "new-studio",
            "names_en": "New Studio",
            "names_ru": "Новая студия",
            "country": "BY",
            "city": "Minsk",
            "capabilities": ["vfx", "sound"],
        },
    )
    assert response.status_code == 302
    studio = Studio.objects.get(slug="new-studio")
    assert studio.names == {"en": "New Studio", "ru": "Новая студия"}
    response = client.post(
        url("studio_edit", "new-studio"),
        {"names_en": "Renamed", "country": "BY", "city": "Brest", "capabilities": ["vfx"]},
    )
    assert response.status_code == 302
    studio.refresh_from_db()
    assert (studio.names, studio.city, studio.capabilities) == ({"en": "Renamed"}, "Brest", ["vfx"])
    response = client.post(url("stage_add", "new-studio"), {"name": "Big", "width_m": "۲۰", "length_m": "30"})
    assert response.status_code == 302
    assert studio.stages.get().width_m == 20


def test_a_listing_form_names_the_missing_field(client, scene):
    as_user(client, scene.operator_editor)
    response = client.post(
        url("location_create"), {"organisation": scene.operator.pk, "slug": "x", "country": "BY"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"names_en", "region"}
    assert not Location.objects.filter(slug="x").exists()


def test_others_may_not_list_or_edit(client, scene):
    as_user(client, scene.outsider_editor)
    assert client.get(url("studio_edit", scene.studio.slug)).status_code == 403
    assert (
        client.post(
            url("stage_add", scene.studio.slug), {"name": "X", "width_m": 1, "length_m": 1}
        ).status_code
        == 403
    )
    assert client.get(url("closure_add", "studios", scene.studio.slug)).status_code == 403
    assert client.get(url("location_photo_add", scene.location.slug)).status_code == 403
    assert client.get(url("specialist_edit", scene.specialist.slug)).status_code == 403
    as_user(client, scene.film_body_member)
    assert client.get(url("location_edit", scene.location.slug)).status_code == 403


# --- photos ----------------------------------------------------------------------------------------


def test_a_real_png_is_uploaded_and_shown(client, scene):
    as_user(client, scene.operator_editor)
    response = client.post(
        url("location_photo_add", scene.location.slug), {"image": png_upload(), "caption": "The shore"}
    )
    assert response.status_code == 302
    photo = scene.location.photos.get()
    page = (
        as_user(client, scene.outsider_editor)
        .get(url("location_detail", scene.location.slug))
        .content.decode()
    )
    assert photo.image.url in page
    assert "The shore" in page


def test_a_file_that_is_not_an_image_is_refused_on_the_photo_field(client, scene):
    from django.core.files.uploadedfile import SimpleUploadedFile

    as_user(client, scene.operator_editor)
    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = client.post(url("location_photo_add", scene.location.slug), {"image": fake})
    assert response.status_code == 400
    assert "not an image we can read" in response.context["form"].errors["image"][0]
    assert not scene.location.photos.exists()


# --- booking requests ------------------------------------------------------------------------------


def test_a_request_on_taken_days_is_refused_naming_the_dates(client, scene):
    scene.accepted_booking(20, 25)
    as_user(client, scene.partner_editor)
    response = client.post(
        url("booking_request", "studios", scene.studio.slug),
        {"requester": scene.partner.pk, "starts_on": scene.day(18), "ends_on": scene.day(20)},
    )
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["starts_on"])
    assert date_format(scene.day(20), "DATE_FORMAT") in errors
    assert date_format(scene.day(25), "DATE_FORMAT") in errors
    assert Booking.objects.count() == 1


def test_a_request_is_sent_answered_and_seen_by_the_two_parties_only(client, scene):
    as_user(client, scene.producer_editor)
    response = client.post(
        url("booking_request", "studios", scene.studio.slug),
        {
            "requester": scene.producer.pk,
            "stage": scene.stage_b.pk,
            "project": scene.project.pk,
            "starts_on": scene.day(5).isoformat(),
            "ends_on": scene.day(6).isoformat(),
            "message": "Our confidential budget note",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    booking = Booking.objects.get()
    assert (booking.stage, booking.project) == (scene.stage_b, scene.project)
    # a third organisation and a film body see nothing of it
    for outsider in (scene.outsider_editor, scene.film_body_member):
        as_user(client, outsider)
        assert "Our confidential budget note" not in client.get(url("booking_list")).content.decode()
        assert client.post(url("booking_answer", booking.pk), {"action": "accept"}).status_code == 404
    # the requester may not accept its own request
    as_user(client, scene.producer_editor)
    assert "Our confidential budget note" in client.get(url("booking_list")).content.decode()
    assert client.post(url("booking_answer", booking.pk), {"action": "accept"}).status_code == 403
    # the operator accepts
    as_user(client, scene.operator_editor)
    page = client.get(url("booking_list")).content.decode()
    assert "Our confidential budget note" in page
    assert 'value="accept"' in page
    response = client.post(url("booking_answer", booking.pk), {"action": "accept", "reply": "See you"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert (booking.status, booking.reply) == (RequestStatus.ACCEPTED, "See you")
    # a viewer of the operator reads it but has no buttons
    as_user(client, scene.operator_viewer)
    page = client.get(url("booking_list")).content.decode()
    assert "See you" in page
    assert 'value="accept"' not in page


def test_a_refused_accept_says_why(client, scene):
    scene.accepted_booking(5, 6)
    pending = Booking.objects.create(
        studio=scene.studio,
        requester=scene.partner,
        starts_on=scene.day(6),
        ends_on=scene.day(7),
        requested_by=scene.partner_editor,
    )
    as_user(client, scene.operator_editor)
    response = client.post(url("booking_answer", pending.pk), {"action": "accept"}, follow=True)
    assert "already taken" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == RequestStatus.PENDING


def test_the_operator_cannot_book_its_own_studio(client, scene):
    as_user(client, scene.operator_editor)
    assert client.get(url("booking_request", "studios", scene.studio.slug)).status_code == 403


# --- specialists and invitations -------------------------------------------------------------------


def test_the_specialist_page_lists_catalogue_credits(client, scene):
    person = PersonFactory.create()
    film = FilmFactory.create(is_published=True, english_title="Kite Runner Boy", year=2021)
    Credit.objects.create(film=film, person=person, role=CreditRole.ANIMATOR)
    scene.specialist.person = person
    scene.specialist.save()
    as_user(client, scene.outsider_editor)
    page = client.get(url("specialist_detail", scene.specialist.slug)).content.decode()
    assert "Kite Runner Boy" in page
    assert "Invite to a project" not in page  # the outsider edits for a producer, but has no project
    as_user(client, scene.producer_editor)
    page = client.get(url("specialist_detail", scene.specialist.slug)).content.decode()
    assert "Invite to a project" in page


def test_an_editor_lists_a_specialist_linked_to_a_catalogue_person(client, scene):
    person = PersonFactory.create(slug="sara-ahmadi")
    as_user(client, scene.operator_editor)
    data = {
        "organisation": scene.operator.pk,
        "slug": "new-specialist",
        "names_fa": "مریم",
        "country": "BY",
        "skills": ["composer"],
        "languages": ["ru", "fa"],
        "person": "nobody-here",
    }
    response = client.post(url("specialist_create"), data)
    assert response.status_code == 200
    assert "nobody-here" in response.context["form"].errors["person"][0]
    response = client.post(url("specialist_create"), {**data, "person": "sara-ahmadi"})
    assert response.status_code == 302
    specialist = Specialist.objects.get(slug="new-specialist")
    assert (specialist.person, specialist.languages) == (person, ["ru", "fa"])


def test_an_invitation_outside_the_availability_is_refused_naming_the_dates(client, scene):
    as_user(client, scene.producer_editor)
    response = client.post(
        url("invitation_create", scene.specialist.slug),
        {
            "project": scene.project.pk,
            "role": "lead_animator",
            "starts_on": scene.day(95),
            "ends_on": scene.day(105),
        },
    )
    assert response.status_code == 400
    error = response.context["form"].errors["ends_on"][0]
    assert date_format(scene.day(100), "DATE_FORMAT") in error
    assert not Invitation.objects.exists()


def test_an_invitation_is_sent_and_answered_by_the_specialists_organisation(client, scene):
    as_user(client, scene.partner_editor)
    response = client.post(
        url("invitation_create", scene.specialist.slug),
        {
            "project": scene.project.pk,
            "role": "lead_animator",
            "starts_on": scene.day(20),
            "ends_on": scene.day(30),
            "message": "Fee: 900 a week",
        },
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    as_user(client, scene.outsider_editor)
    assert "Fee: 900 a week" not in client.get(url("invitation_list")).content.decode()
    assert client.post(url("invitation_answer", invitation.pk), {"action": "accept"}).status_code == 404
    as_user(client, scene.producer_editor)
    assert client.post(url("invitation_answer", invitation.pk), {"action": "accept"}).status_code == 403
    as_user(client, scene.operator_editor)
    assert "Fee: 900 a week" in client.get(url("invitation_list")).content.decode()
    assert (
        client.post(
            url("invitation_answer", invitation.pk), {"action": "decline", "reply": "Booked"}
        ).status_code
        == 302
    )
    invitation.refresh_from_db()
    assert (invitation.status, invitation.reply) == (RequestStatus.DECLINED, "Booked")


def test_only_project_editors_reach_the_invitation_form(client, scene):
    as_user(client, scene.outsider_editor)
    assert client.get(url("invitation_create", scene.specialist.slug)).status_code == 403
    as_user(client, scene.producer_editor)
    assert client.get(url("invitation_create", scene.specialist.slug)).status_code == 200


@pytest.mark.parametrize("language", ["fa", "ru"])
def test_every_page_renders_in_persian_and_russian(client, scene, language):
    scene.accepted_booking(3, 4, message="Hello")
    Invitation.objects.create(
        project=scene.project,
        specialist=scene.specialist,
        role="editor",
        starts_on=scene.day(20),
        ends_on=scene.day(21),
        invited_by=scene.producer_editor,
    )
    as_user(client, scene.operator_editor)
    pages = [
        ("studio_list",),
        ("studio_create",),
        ("studio_detail", scene.studio.slug),
        ("studio_edit", scene.studio.slug),
        ("stage_add", scene.studio.slug),
        ("location_list",),
        ("location_create",),
        ("location_detail", scene.location.slug),
        ("location_edit", scene.location.slug),
        ("location_photo_add", scene.location.slug),
        ("closure_add", "locations", scene.location.slug),
        ("booking_list",),
        ("specialist_list",),
        ("specialist_create",),
        ("specialist_detail", scene.specialist.slug),
        ("specialist_edit", scene.specialist.slug),
        ("invitation_list",),
    ]
    for name, *args in pages:
        response = client.get(url(name, *args, language=language))
        assert response.status_code == 200, name
        assert f'lang="{language}"' in response.content.decode()
    as_user(client, scene.producer_editor)
    for name, *args in [
        ("booking_request", "studios", scene.studio.slug),
        ("invitation_create", scene.specialist.slug),
    ]:
        assert client.get(url(name, *args, language=language)).status_code == 200
