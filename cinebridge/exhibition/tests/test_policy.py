"""Who may book, request keys, deliver, report, pay and see: the two parties (each for its own part)
and the film bodies of their countries see; users of other organisations neither act nor see."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of
from cinebridge.exhibition import selectors, services
from cinebridge.exhibition.models import Booking, BoxOfficeEntry, Expense, KdmRequest, Payment

from .factories import box_office_weeks, exhibitor_org

pytestmark = pytest.mark.django_db

MINSK = ZoneInfo("Europe/Minsk")
BOX_OFFICE_ROW = {
    "cinema": "Oktyabr",
    "screen": "Hall 1",
    "week_start": "2026-01-01",
    "admissions": "10",
    "gross": "100",
    "taxes": "0",
    "levies": "0",
}


@pytest.fixture
def outsiders(farabi, minsk_cinemas):
    """Editors and admins of organisations that are not party to the deal (one of the same country)."""
    return [
        member_of(exhibitor_org(country="BY"), Role.ADMIN),
        member_of(OrganisationFactory(kind=OrganisationKind.RIGHTS_HOLDER, country="IR"), Role.EDITOR),
        member_of(OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="RU"), Role.ADMIN),
        member_of(OrganisationFactory(kind=OrganisationKind.PLATFORM, country="BY"), Role.EDITOR),
    ]


@pytest.fixture
def film_bodies():
    return [
        member_of(OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="IR"), Role.VIEWER),
        member_of(OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="BY"), Role.VIEWER),
    ]


def booking_data(deal, cinema, version):
    return {
        "deal": deal,
        "cinema": cinema,
        "screens": list(cinema.screens.all()),
        "version": version,
        "first_day": date(2026, 2, 5),
        "last_day": date(2026, 2, 18),
        "currency": "BYN",
    }


def test_outsiders_cannot_book_request_keys_report_or_pay(outsiders, deal, cinema, version, booking, hall_1):
    for user in outsiders:
        with pytest.raises(PermissionDenied):
            services.booking_create(actor=user, **booking_data(deal, cinema, version))
        with pytest.raises(PermissionDenied):
            services.kdm_request_create(
                actor=user,
                booking=booking,
                screen=hall_1,
                valid_from=datetime(2026, 1, 2, tzinfo=MINSK),
                valid_until=datetime(2026, 1, 3, tzinfo=MINSK),
            )
        with pytest.raises(PermissionDenied):
            services.box_office_import(actor=user, deal=deal, source="form", rows=[BOX_OFFICE_ROW])
        with pytest.raises(PermissionDenied):
            services.expense_record(
                actor=user,
                deal=deal,
                incurred_on=date(2026, 1, 2),
                description="x",
                amount="1",
                currency="EUR",
            )
        with pytest.raises(PermissionDenied):
            services.payment_record(actor=user, deal=deal, kind="mg", paid_on=date(2026, 1, 2), amount="1")
        with pytest.raises(PermissionDenied):
            services.booking_cancel(actor=user, booking=booking)
        with pytest.raises(PermissionDenied):
            services.screen_create(actor=user, cinema=cinema, name="Mine now", capacity=10)
    assert Booking.objects.count() == 1
    assert not (KdmRequest.objects.exists())
    assert not (BoxOfficeEntry.objects.exists())
    assert not (Expense.objects.exists())
    assert not (Payment.objects.exists())


def test_viewers_of_the_licensee_and_the_licensor_do_not_book_or_report(
    deal, cinema, version, minsk_cinemas, farabi_editor
):
    viewer = member_of(minsk_cinemas, Role.VIEWER)
    with pytest.raises(PermissionDenied):
        services.booking_create(actor=viewer, **booking_data(deal, cinema, version))
    with pytest.raises(PermissionDenied):
        services.box_office_import(actor=viewer, deal=deal, source="form", rows=[BOX_OFFICE_ROW])
    # The licensor's editor neither books the licensee's cinemas nor reports its box office.
    with pytest.raises(PermissionDenied):
        services.booking_create(actor=farabi_editor, **booking_data(deal, cinema, version))
    with pytest.raises(PermissionDenied):
        services.box_office_import(actor=farabi_editor, deal=deal, source="form", rows=[BOX_OFFICE_ROW])


def test_the_licensee_s_editor_books_and_reports(cinema_editor, deal, cinema, version, booking):
    assert services.booking_create(actor=cinema_editor, **booking_data(deal, cinema, version))
    upload = services.box_office_import(actor=cinema_editor, deal=deal, source="form", rows=[BOX_OFFICE_ROW])
    assert upload.uploaded_by == cinema_editor


def test_the_parties_and_their_film_bodies_see_bookings_and_reports(
    deal, booking, cinema_editor, farabi_editor, film_bodies, minsk_cinemas, farabi
):
    box_office_weeks(booking=booking, weeks=1)
    viewers = [cinema_editor, farabi_editor, member_of(minsk_cinemas, Role.VIEWER), *film_bodies]
    for viewer in viewers:
        assert selectors.booking_get(viewer=viewer, pk=booking.pk) == booking
        assert selectors.report_uploads(viewer=viewer, deal=deal).count() == 1
        assert selectors.deal_visible(viewer=viewer, deal=deal)


def test_others_see_nothing_of_the_deal(deal, booking, outsiders):
    box_office_weeks(booking=booking, weeks=1)
    for viewer in [*outsiders, UserFactory(), AnonymousUser(), None]:
        with pytest.raises(Http404):
            selectors.booking_get(viewer=viewer, pk=booking.pk)
        assert not selectors.booking_list(viewer=viewer).exists()
        assert not selectors.report_uploads(viewer=viewer, deal=deal).exists()
        assert not selectors.delivery_list(viewer=viewer, deal=deal).exists()
        assert not selectors.deal_visible(viewer=viewer, deal=deal)


def test_either_party_s_editor_records_payments_but_not_its_viewers(deal, farabi_editor, farabi):
    assert services.payment_record(
        actor=farabi_editor, deal=deal, kind="flat_fee", paid_on=date(2026, 1, 2), amount="5"
    )
    with pytest.raises(PermissionDenied):
        services.payment_record(
            actor=member_of(farabi, Role.VIEWER), deal=deal, kind="mg", paid_on=date(2026, 1, 2), amount="5"
        )


def test_only_people_who_report_somewhere_record_exchange_rates(cinema_editor, minsk_cinemas):
    with pytest.raises(PermissionDenied):
        services.exchange_rate_record(
            actor=member_of(minsk_cinemas, Role.VIEWER),
            base="BYN",
            quote="EUR",
            on=date(2026, 1, 1),
            rate="0.28",
        )
    assert services.exchange_rate_record(
        actor=cinema_editor, base="BYN", quote="EUR", on=date(2026, 1, 1), rate="0.28"
    )
