"""The directory's services with real users of several organisations: listings and their checks, photos
read with Pillow, closures, booking requests refused on taken days (at the exact boundaries), accepts
re-checking under the facility's lock, invitations within the specialist's availability, and the other
party told in their own language."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from cinebridge.accounts.models import Role
from cinebridge.accounts.tests.factories import member_of
from cinebridge.coproduction.models import Booking, Closure, Invitation, RequestStatus, Studio
from cinebridge.coproduction.services import directory as services
from cinebridge.core.errors import ApplicationError
from cinebridge.notifications.models import Notification

from .helpers import directory_scene, png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    return directory_scene()


def request(scene, start, end, **fields):
    values = {
        "actor": scene.producer_editor,
        "requester": scene.producer,
        "studio": scene.studio,
        "starts_on": scene.day(start),
        "ends_on": scene.day(end),
    }
    values.update(fields)
    return services.booking_request(**values)


# --- listings --------------------------------------------------------------------------------------


def test_an_editor_lists_a_studio_with_stages(scene):
    studio = services.studio_create(
        actor=scene.operator_editor,
        organisation=scene.operator,
        slug="animation-house",
        data=services.StudioData(
            names={"en": "Animation House", "ru": "Дом анимации", "fa": ""},
            country="by",
            city="Minsk",
            capabilities=["animation_studio", "sound", "sound"],
        ),
    )
    assert studio.names == {"en": "Animation House", "ru": "Дом анимации"}
    assert studio.country == "BY"
    assert studio.capabilities == ["animation_studio", "sound"]
    stage = services.stage_add(
        actor=scene.operator_editor, studio=studio, name="Blue", width_m="12.5", length_m="20", height_m=None
    )
    assert stage.width_m == Decimal("12.5")


def test_listing_refuses_bad_input_naming_the_field(scene):
    def create(**data):
        values = {"names": {"en": "X"}, "country": "BY", "city": "Minsk"}
        values.update(data)
        return services.studio_create(
            actor=scene.operator_editor,
            organisation=scene.operator,
            slug="x",
            data=services.StudioData(**values),
        )

    with pytest.raises(ApplicationError) as error:
        create(names={"en": " "})
    assert error.value.field == "names"
    with pytest.raises(ApplicationError) as error:
        create(country="XX")
    assert error.value.field == "country"
    with pytest.raises(ApplicationError) as error:
        create(capabilities=["teleportation"])
    assert error.value.field == "capabilities"
    with pytest.raises(ApplicationError) as error:
        services.studio_create(
            actor=scene.operator_editor,
            organisation=scene.operator,
            slug=scene.studio.slug,
            data=services.StudioData(names={"en": "X"}, country="BY", city="Minsk"),
        )
    assert error.value.field == "slug"
    with pytest.raises(ApplicationError) as error:
        services.stage_add(
            actor=scene.operator_editor, studio=scene.studio, name="C", width_m="0", length_m="3"
        )
    assert error.value.field == "width_m"
    with pytest.raises(ApplicationError) as error:
        services.stage_add(
            actor=scene.operator_editor, studio=scene.studio, name="stage a", width_m="1", length_m="3"
        )
    assert error.value.field == "name"


def test_only_the_operators_editors_change_a_listing(scene):
    data = services.StudioData(names={"en": "Taken over"}, country="BY", city="Minsk")
    for actor in (
        scene.outsider_editor,
        scene.operator_viewer,
        scene.film_body_member,
        scene.producer_editor,
    ):
        with pytest.raises(PermissionDenied):
            services.studio_update(actor=actor, studio=scene.studio, data=data)
        with pytest.raises(PermissionDenied):
            services.studio_create(actor=actor, organisation=scene.operator, slug="nope", data=data)
    with pytest.raises(PermissionDenied):
        services.location_photo_add(actor=scene.outsider_editor, location=scene.location, image=png_upload())
    scene.studio.refresh_from_db()
    assert scene.studio.names["en"] == "Belarusfilm Stages"
    assert not Studio.objects.filter(slug="nope").exists()


# --- photos ----------------------------------------------------------------------------------------


def test_a_real_png_photo_is_stored_in_order(scene):
    first = services.location_photo_add(
        actor=scene.operator_editor,
        location=scene.location,
        image=png_upload(name="lake.bin"),
        caption="Lake",
    )
    second = services.location_photo_add(
        actor=scene.operator_editor, location=scene.location, image=png_upload()
    )
    assert first.image.name.endswith(".png")
    assert (first.position, second.position) == (0, 1)
    assert first.image.size > 0


@pytest.mark.parametrize(
    ("upload", "words"),
    [
        (SimpleUploadedFile("photo.png", b"this is not an image", content_type="image/png"), "not an image"),
        (png_upload(size=(50, 300)), "too small"),
    ],
)
def test_a_bad_photo_is_refused_on_the_image_field(scene, upload, words):
    with pytest.raises(ApplicationError) as error:
        services.location_photo_add(actor=scene.operator_editor, location=scene.location, image=upload)
    assert error.value.field == "image"
    assert words in error.value.message
    assert not scene.location.photos.exists()


def test_a_gif_is_refused(scene):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (200, 200)).save(buffer, format="GIF")
    with pytest.raises(ApplicationError) as error:
        services.location_photo_add(
            actor=scene.operator_editor,
            location=scene.location,
            image=SimpleUploadedFile("x.gif", buffer.getvalue(), content_type="image/gif"),
        )
    assert "JPEG, PNG or WebP" in error.value.message


# --- booking requests and the boundaries of taken days ---------------------------------------------


def test_a_booking_ending_the_day_before_an_accepted_one_starts_is_free(scene):
    scene.accepted_booking(20, 25)
    booking = request(scene, 15, 19)
    assert booking.status == RequestStatus.PENDING
    after = request(scene, 26, 30)
    assert after.status == RequestStatus.PENDING


def test_a_booking_ending_on_the_day_an_accepted_one_starts_is_refused_naming_the_dates(scene):
    scene.accepted_booking(20, 25)
    with pytest.raises(ApplicationError) as error:
        request(scene, 15, 20)
    assert error.value.field == "starts_on"
    with translation.override("en"):
        from django.utils.formats import date_format

        assert date_format(scene.day(20), "DATE_FORMAT") in error.value.message
        assert date_format(scene.day(25), "DATE_FORMAT") in error.value.message
    with pytest.raises(ApplicationError):
        request(scene, 25, 27)  # starts on the accepted one's last day
    assert not Booking.objects.filter(status=RequestStatus.PENDING).exists()


def test_a_closure_blocks_bookings_and_pending_requests_do_not(scene):
    services.closure_add(
        actor=scene.operator_editor,
        studio=scene.studio,
        starts_on=scene.day(40),
        ends_on=scene.day(42),
        reason="Repairs",
    )
    with pytest.raises(ApplicationError) as error:
        request(scene, 42, 44)
    assert "taken" in error.value.message
    Booking.objects.create(
        studio=scene.studio,
        requester=scene.partner,
        starts_on=scene.day(50),
        ends_on=scene.day(55),
        requested_by=scene.partner_editor,
    )
    assert request(scene, 50, 55).status == RequestStatus.PENDING  # pending requests do not take days


def test_stages_are_booked_separately_and_the_whole_studio_takes_them_all(scene):
    scene.accepted_booking(20, 25, stage=scene.stage_a)
    assert request(scene, 20, 25, stage=scene.stage_b).stage == scene.stage_b
    with pytest.raises(ApplicationError):
        request(scene, 22, 23, stage=scene.stage_a)
    with pytest.raises(ApplicationError):
        request(scene, 22, 23)  # the whole studio: stage A is taken
    scene.accepted_booking(30, 31)
    with pytest.raises(ApplicationError):
        request(scene, 31, 32, stage=scene.stage_b)


def test_booking_refuses_the_past_a_foreign_stage_and_ones_own_facility(scene):
    with pytest.raises(ApplicationError) as error:
        request(scene, -1, 3)
    assert error.value.field == "starts_on"
    other = Studio.objects.create(
        organisation=scene.operator, slug="other", names={"en": "O"}, country="BY", city="M"
    )
    foreign = other.stages.create(name="X", width_m=1, length_m=1)
    with pytest.raises(ApplicationError) as error:
        request(scene, 3, 4, stage=foreign)
    assert error.value.field == "stage"
    with pytest.raises(ApplicationError) as error:
        services.booking_request(
            actor=scene.operator_editor,
            requester=scene.operator,
            studio=scene.studio,
            starts_on=scene.day(3),
            ends_on=scene.day(4),
        )
    assert error.value.field == "requester"
    with pytest.raises(ApplicationError) as error:
        request(scene, 5, 4)
    assert error.value.field == "ends_on"


def test_booking_for_a_project_needs_a_project_of_the_requester(scene):
    booking = request(scene, 3, 4, project=scene.project)
    assert booking.project == scene.project
    with pytest.raises(ApplicationError) as error:
        services.booking_request(
            actor=scene.outsider_editor,
            requester=scene.outsider,
            studio=scene.studio,
            project=scene.project,
            starts_on=scene.day(5),
            ends_on=scene.day(6),
        )
    assert error.value.field == "project"


def test_only_editors_of_the_requester_ask(scene):
    viewer = member_of(scene.producer, Role.VIEWER)
    with pytest.raises(PermissionDenied):
        request(scene, 3, 4, actor=viewer)
    with pytest.raises(PermissionDenied):
        request(scene, 3, 4, actor=scene.outsider_editor)


def test_a_request_tells_the_operator_in_their_language(scene):
    scene.operator_editor.preferred_language = "ru"
    scene.operator_editor.save()
    request(scene, 3, 4, message="For our animated feature")
    note = Notification.objects.get(recipient=scene.operator_editor)
    assert "Павильоны Беларусьфильма" in note.subject
    assert "For our animated feature" in note.body
    assert note.link.startswith("/ru/")
    assert not Notification.objects.filter(recipient=scene.producer_editor).exists()


# --- answers ---------------------------------------------------------------------------------------


def test_the_operator_accepts_and_the_requester_is_told(scene):
    booking = request(scene, 3, 4)
    accepted = services.booking_accept(actor=scene.operator_editor, booking=booking, reply="Welcome")
    assert accepted.status == RequestStatus.ACCEPTED
    assert accepted.reply == "Welcome"
    assert Notification.objects.filter(
        recipient=scene.producer_editor, kind="coproduction.booking.accepted"
    ).exists()
    with pytest.raises(ApplicationError):
        services.booking_accept(actor=scene.operator_editor, booking=booking)


def test_accept_rechecks_the_days(scene):
    first = request(scene, 3, 6)
    second = services.booking_request(
        actor=scene.partner_editor,
        requester=scene.partner,
        studio=scene.studio,
        starts_on=scene.day(6),
        ends_on=scene.day(9),
    )
    services.booking_accept(actor=scene.operator_editor, booking=first)
    with pytest.raises(ApplicationError) as error:
        services.booking_accept(actor=scene.operator_editor, booking=second)
    assert "taken" in error.value.message
    second.refresh_from_db()
    assert second.status == RequestStatus.PENDING
    services.booking_decline(actor=scene.operator_editor, booking=second, reply="Sorry")
    second.refresh_from_db()
    assert second.status == RequestStatus.DECLINED


def test_only_the_operator_answers_and_only_the_requester_withdraws(scene):
    booking = request(scene, 3, 4)
    for actor in (
        scene.producer_editor,
        scene.outsider_editor,
        scene.operator_viewer,
        scene.film_body_member,
    ):
        with pytest.raises(PermissionDenied):
            services.booking_accept(actor=actor, booking=booking)
        with pytest.raises(PermissionDenied):
            services.booking_decline(actor=actor, booking=booking)
    with pytest.raises(PermissionDenied):
        services.booking_withdraw(actor=scene.operator_editor, booking=booking)
    services.booking_accept(actor=scene.operator_editor, booking=booking)
    withdrawn = services.booking_withdraw(actor=scene.producer_editor, booking=booking, reply="Plans changed")
    assert withdrawn.status == RequestStatus.WITHDRAWN
    assert request(scene, 3, 4).status == RequestStatus.PENDING  # the days are free again
    assert Notification.objects.filter(
        recipient=scene.operator_editor, kind="coproduction.booking.withdrawn"
    ).exists()


def test_a_closure_over_an_accepted_booking_is_refused(scene):
    scene.accepted_booking(10, 12)
    with pytest.raises(ApplicationError) as error:
        services.closure_add(
            actor=scene.operator_editor, studio=scene.studio, starts_on=scene.day(12), ends_on=scene.day(14)
        )
    assert error.value.field == "starts_on"
    closure = services.closure_add(
        actor=scene.operator_editor, location=scene.location, starts_on=scene.day(12), ends_on=scene.day(14)
    )
    assert closure.location == scene.location
    with pytest.raises(PermissionDenied):
        services.closure_add(
            actor=scene.producer_editor, location=scene.location, starts_on=scene.day(1), ends_on=scene.day(1)
        )
    assert Closure.objects.count() == 1


def test_a_location_is_booked_like_a_studio(scene):
    scene.accepted_booking(10, 12, location=scene.location)
    with pytest.raises(ApplicationError):
        request(scene, 12, 12, studio=None, location=scene.location)
    assert request(scene, 10, 12).studio == scene.studio  # the studio is another facility


# --- specialists and invitations -------------------------------------------------------------------


def invite(scene, start, end, **fields):
    values = {
        "actor": scene.producer_editor,
        "project": scene.project,
        "specialist": scene.specialist,
        "role": "lead_animator",
        "starts_on": scene.day(start),
        "ends_on": scene.day(end),
    }
    values.update(fields)
    return services.invitation_create(**values)


def test_a_specialist_is_listed_with_skills_and_languages(scene):
    specialist = services.specialist_create(
        actor=scene.operator_editor,
        organisation=scene.operator,
        slug="composer",
        data=services.SpecialistData(
            names={"ru": "Иван Петров"}, country="BY", skills=["composer"], languages=["RU", "be", "ru"]
        ),
    )
    assert specialist.languages == ["ru", "be"]
    with pytest.raises(ApplicationError) as error:
        services.specialist_update(
            actor=scene.operator_editor,
            specialist=specialist,
            data=services.SpecialistData(names={"ru": "И"}, country="BY", skills=[]),
        )
    assert error.value.field == "skills"
    with pytest.raises(ApplicationError) as error:
        services.specialist_update(
            actor=scene.operator_editor,
            specialist=specialist,
            data=services.SpecialistData(
                names={"ru": "И"},
                country="BY",
                skills=["composer"],
                available_from=scene.day(5),
                available_until=scene.day(4),
            ),
        )
    assert error.value.field == "available_until"


def test_invitations_within_the_availability_at_its_edges(scene):
    # the specialist is available from day 10 to day 100
    partner_editor_invites = invite(scene, 10, 100, actor=scene.partner_editor)
    assert partner_editor_invites.status == RequestStatus.PENDING
    with pytest.raises(ApplicationError) as error:
        invite(scene, 9, 20)
    assert error.value.field == "starts_on"
    from django.utils.formats import date_format

    assert date_format(scene.day(10), "DATE_FORMAT") in error.value.message
    assert date_format(scene.day(100), "DATE_FORMAT") in error.value.message
    with pytest.raises(ApplicationError) as error:
        invite(scene, 90, 101)
    assert error.value.field == "ends_on"


def test_only_the_projects_editors_invite(scene):
    for actor in (
        scene.outsider_editor,
        scene.operator_editor,
        scene.film_body_member,
        member_of(scene.producer, Role.VIEWER),
    ):
        with pytest.raises(PermissionDenied):
            invite(scene, 10, 20, actor=actor)
    assert not Invitation.objects.exists()


def test_the_specialists_organisation_answers_and_the_coproducers_are_told(scene):
    scene.partner_editor.preferred_language = "ru"
    scene.partner_editor.save()
    invitation = invite(scene, 10, 20, message="Join us")
    assert Notification.objects.filter(
        recipient=scene.operator_editor, kind="coproduction.invitation.sent"
    ).exists()
    for actor in (scene.producer_editor, scene.partner_editor, scene.outsider_editor, scene.operator_viewer):
        with pytest.raises(PermissionDenied):
            services.invitation_accept(actor=actor, invitation=invitation)
    services.invitation_accept(actor=scene.operator_editor, invitation=invitation, reply="Gladly")
    invitation.refresh_from_db()
    assert (invitation.status, invitation.reply) == (RequestStatus.ACCEPTED, "Gladly")
    told = Notification.objects.get(recipient=scene.partner_editor, kind="coproduction.invitation.accepted")
    assert "Маленький журавль" in told.subject  # the project's title in the reader's language
    assert Notification.objects.filter(
        recipient=scene.producer_editor, kind="coproduction.invitation.accepted"
    ).exists()
    with pytest.raises(ApplicationError):
        services.invitation_decline(actor=scene.operator_editor, invitation=invitation)


def test_an_invitation_is_withdrawn_by_the_project_and_declined_by_the_specialist(scene):
    first = invite(scene, 10, 20)
    with pytest.raises(PermissionDenied):
        services.invitation_withdraw(actor=scene.operator_editor, invitation=first)
    services.invitation_withdraw(actor=scene.partner_editor, invitation=first)
    second = invite(scene, 30, 40)
    services.invitation_decline(actor=scene.operator_editor, invitation=second, reply="Busy")
    statuses = dict(Invitation.objects.values_list("pk", "status"))
    assert statuses == {first.pk: RequestStatus.WITHDRAWN, second.pk: RequestStatus.DECLINED}
