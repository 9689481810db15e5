"""The directory's reads: filters (country, region, service, skill, language, a free day), the month
calendar (closures, accepted bookings, the week's first day by language), and the correspondence seen by
the two parties only."""

from __future__ import annotations

from datetime import date

import pytest
from django.http import Http404
from django.utils import translation

from cinebridge.catalogue.models import Credit, CreditRole
from cinebridge.catalogue.tests.factories import FilmFactory
from cinebridge.coproduction.models import (
    Booking,
    Closure,
    CompanyProfile,
    Invitation,
    RequestStatus,
    Specialist,
    Studio,
)
from cinebridge.coproduction.selectors import directory as selectors
from cinebridge.coproduction.selectors.directory import DirectoryFilters

from .helpers import directory_scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    return directory_scene()


def slugs(qs):
    return [item.slug for item in qs]


def test_studios_filtered_by_country_region_service_and_language(scene):
    tehran = Studio.objects.create(
        organisation=scene.producer,
        slug="tehran-post",
        names={"fa": "پست تهران"},
        country="IR",
        region="Tehran Province",
        city="Tehran",
        capabilities=["post_production", "vfx"],
    )
    CompanyProfile.objects.create(organisation=scene.producer, languages=["fa", "en"])
    assert slugs(selectors.studio_list(filters=DirectoryFilters())) == [scene.studio.slug, tehran.slug]
    assert slugs(selectors.studio_list(filters=DirectoryFilters(country="ir"))) == [tehran.slug]
    assert slugs(selectors.studio_list(filters=DirectoryFilters(region="minsk"))) == [scene.studio.slug]
    assert slugs(selectors.studio_list(filters=DirectoryFilters(capability="vfx"))) == [tehran.slug]
    assert slugs(selectors.studio_list(filters=DirectoryFilters(capability="animation_studio"))) == [
        scene.studio.slug
    ]
    assert slugs(selectors.studio_list(filters=DirectoryFilters(language="fa"))) == [tehran.slug]


def test_a_studio_is_free_on_a_day_unless_closed_or_wholly_booked(scene):
    day = scene.day(20)
    free = DirectoryFilters(available_on=day)
    assert slugs(selectors.studio_list(filters=free)) == [scene.studio.slug]
    scene.accepted_booking(20, 22, stage=scene.stage_a)
    assert slugs(selectors.studio_list(filters=free)) == [scene.studio.slug]  # stage B is free
    scene.accepted_booking(18, 20)
    assert slugs(selectors.studio_list(filters=free)) == []
    assert slugs(selectors.studio_list(filters=DirectoryFilters(available_on=scene.day(21)))) == [
        scene.studio.slug
    ]
    Closure.objects.create(location=scene.location, starts_on=day, ends_on=day)
    assert slugs(selectors.location_list(filters=free)) == []
    assert slugs(selectors.location_list(filters=DirectoryFilters(available_on=scene.day(21)))) == [
        scene.location.slug
    ]


def test_specialists_filtered_by_skill_language_and_availability(scene):
    other = Specialist.objects.create(
        organisation=scene.producer,
        slug="director",
        names={"en": "Director"},
        country="IR",
        skills=["director"],
        languages=["fa"],
    )
    assert slugs(selectors.specialist_list(filters=DirectoryFilters(skill="director"))) == [other.slug]
    assert slugs(selectors.specialist_list(filters=DirectoryFilters(skill="animation_director"))) == [
        scene.specialist.slug
    ]
    assert slugs(selectors.specialist_list(filters=DirectoryFilters(language="en"))) == [
        scene.specialist.slug
    ]
    # available from day 10 to day 100; the other specialist always
    assert slugs(selectors.specialist_list(filters=DirectoryFilters(available_on=scene.day(9)))) == [
        other.slug
    ]
    on_ten = DirectoryFilters(available_on=scene.day(10))
    assert set(slugs(selectors.specialist_list(filters=on_ten))) == {other.slug, scene.specialist.slug}
    Invitation.objects.create(
        project=scene.project,
        specialist=scene.specialist,
        role="lead_animator",
        starts_on=scene.day(10),
        ends_on=scene.day(12),
        status=RequestStatus.ACCEPTED,
        invited_by=scene.producer_editor,
    )
    assert slugs(selectors.specialist_list(filters=on_ten)) == [other.slug]


def test_the_month_calendar_shows_closures_and_accepted_bookings_only(scene):
    Closure.objects.create(
        studio=scene.studio, starts_on=date(2030, 4, 28), ends_on=date(2030, 5, 2), reason="Repairs"
    )
    Booking.objects.create(
        studio=scene.studio,
        stage=scene.stage_a,
        requester=scene.producer,
        starts_on=date(2030, 5, 10),
        ends_on=date(2030, 5, 11),
        status=RequestStatus.ACCEPTED,
        requested_by=scene.producer_editor,
    )
    Booking.objects.create(
        studio=scene.studio,
        requester=scene.producer,
        starts_on=date(2030, 5, 20),
        ends_on=date(2030, 5, 20),
        status=RequestStatus.PENDING,
        requested_by=scene.producer_editor,
    )
    with translation.override("ru"):
        month = selectors.availability_month(facility=scene.studio, year=2030, month=5)
    days = {cell.day: cell for week in month.weeks for cell in week}
    assert month.weekdays[0] == 0  # Monday first in Russian
    assert days[date(2030, 5, 1)].state == "closed"
    assert days[date(2030, 4, 29)].state == "closed"
    assert not days[date(2030, 4, 29)].in_month
    assert days[date(2030, 5, 3)].state == "free"
    assert days[date(2030, 5, 10)].state == "partly"
    assert [stage.name for stage in days[date(2030, 5, 10)].stages_booked] == ["Stage A"]
    assert days[date(2030, 5, 20)].state == "free"  # pending requests take nothing
    assert (month.previous, month.next) == (date(2030, 4, 1), date(2030, 6, 1))
    with translation.override("fa"):
        month = selectors.availability_month(facility=scene.studio, year=2030, month=5)
    assert month.weekdays[0] == 5  # Saturday first in Persian
    assert all(len(week) == 7 for week in month.weeks)


def test_bookings_are_seen_by_their_two_parties_only(scene):
    booking = scene.accepted_booking(3, 4, message="Private terms")
    for user in (scene.producer_editor, scene.operator_viewer, scene.operator_editor):
        assert list(selectors.bookings_of_viewer(viewer=user)) == [booking]
    for user in (scene.outsider_editor, scene.film_body_member, scene.partner_editor):
        assert list(selectors.bookings_of_viewer(viewer=user)) == []
        with pytest.raises(Http404):
            selectors.booking_get_for_party(viewer=user, pk=booking.pk)


def test_invitations_are_seen_by_the_coproducers_and_the_specialists_organisation(scene):
    invitation = Invitation.objects.create(
        project=scene.project,
        specialist=scene.specialist,
        role="lead_animator",
        starts_on=scene.day(10),
        ends_on=scene.day(12),
        invited_by=scene.producer_editor,
    )
    for user in (scene.producer_editor, scene.partner_editor, scene.operator_viewer):
        assert list(selectors.invitations_of_viewer(viewer=user)) == [invitation]
    for user in (scene.outsider_editor, scene.film_body_member):
        assert list(selectors.invitations_of_viewer(viewer=user)) == []


def test_a_specialists_credits_come_from_the_catalogue(scene):
    from cinebridge.catalogue.tests.factories import PersonFactory

    person = PersonFactory.create()
    published = FilmFactory.create(is_published=True)
    hidden = FilmFactory.create(is_published=False)
    Credit.objects.create(film=published, person=person, role=CreditRole.ANIMATOR)
    Credit.objects.create(film=hidden, person=person, role=CreditRole.DIRECTOR)
    scene.specialist.person = person
    scene.specialist.save()
    credits = selectors.specialist_credits(viewer=scene.outsider_editor, specialist=scene.specialist)
    assert [credit.film for credit in credits] == [published]
