"""Reads of exhibition: cinemas and screens (public metadata), and everything hanging off a deal —
bookings, KDM requests, deliveries, reports, expenses, payments — seen only by those who see the deal
(its two parties and the film bodies overseeing them; `deals.selectors.deals_visible`).

`deal_licence` answers what a deal licenses, in the rights vocabulary's leaves, for the checks of
bookings, deliveries and reports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.http import Http404

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation
from cinebridge.core.models import ExchangeRate
from cinebridge.deals.models import Deal
from cinebridge.deals.selectors import deal_licensed_leaves, deals_visible
from cinebridge.rights.convert import Normaliser
from cinebridge.rights.engine import vocabulary
from cinebridge.rights.engine.types import LanguageUse

from .models import (
    Booking,
    BookingStatus,
    BoxOfficeEntry,
    Cinema,
    Delivery,
    Expense,
    KdmRequest,
    Payment,
    ReportUpload,
    UsageEntry,
)

FILM_WEEK = timedelta(days=7)


# --- what a deal licenses -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Licence:
    """What a deal licenses: territories (ISO numeric ids), media leaf ids, language uses, the term.

    `language_uses` is None when every language version is licensed; `end` is exclusive.
    """

    territories: frozenset[int]
    media: frozenset[int]
    language_uses: frozenset[LanguageUse] | None
    start: date
    end: date

    def covers_country(self, alpha2: str) -> bool:
        vocab = vocabulary.load_vocabularies().territories
        try:
            return vocab.numeric_id(alpha2) in self.territories
        except vocabulary.ExpressionError:
            return False

    def covers_media_code(self, code: str) -> bool:
        vocab = vocabulary.load_vocabularies().media
        try:
            return vocab.leaf_id(code) in self.media
        except (vocabulary.ExpressionError, KeyError):
            return False

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the licence names, in order; () when every language is licensed."""
        return tuple(sorted({u.language for u in self.language_uses or ()}))

    @property
    def country_codes(self) -> tuple[str, ...]:
        vocab = vocabulary.load_vocabularies().territories
        return tuple(sorted(vocab.alpha2(i) for i in self.territories))

    @property
    def media_codes(self) -> tuple[str, ...]:
        vocab = vocabulary.load_vocabularies().media
        return tuple(sorted(vocab.leaf_code(i) for i in self.media))


def deal_licence(*, deal: Deal) -> Licence:
    """What the deal licenses: the leaves of the grants its signature created (`deals.selectors.
    deal_licensed_leaves`) over the signed offer's term; before a signature, what the offer on the
    table would license."""
    offer = deal.current_offer
    if offer is None:
        return Licence(frozenset(), frozenset(), frozenset(), date.min, date.min)
    leaves = deal_licensed_leaves(deal=deal)
    if leaves.territories and leaves.media:
        return Licence(leaves.territories, leaves.media, leaves.language_uses, offer.start, offer.end)
    normaliser = Normaliser()
    territory_vocab = normaliser.vocabularies.territories
    media_vocab = normaliser.vocabularies.media
    countries = normaliser.territories(offer.territories, offer.start).leaves
    media = normaliser.media(offer.media).leaves
    return Licence(
        frozenset(territory_vocab.numeric_id(c) for c in countries),
        frozenset(media_vocab.leaf_id(c) for c in media),
        normaliser.language_uses(offer.language_uses)[1],
        offer.start,
        offer.end,
    )


def deal_currency(*, deal: Deal) -> str:
    """The currency the deal is paid and stated in (its signed offer's)."""
    return deal.current_offer.currency if deal.current_offer else ""


# --- visibility ---------------------------------------------------------------------------------


def deal_visible(*, viewer: policy.Viewer, deal: Deal) -> bool:
    return deals_visible(viewer).filter(pk=deal.pk).exists()


# --- cinemas ------------------------------------------------------------------------------------


def cinema_list(*, operator: Organisation | None = None, country: str | None = None) -> QuerySet[Cinema]:
    """Cinemas (public metadata), with their screens and operator."""
    qs = Cinema.objects.select_related("operator").prefetch_related("screens")
    if operator is not None:
        qs = qs.filter(operator=operator)
    if country:
        qs = qs.filter(country=country.upper())
    return qs.order_by("country", "city", "name")


def cinemas_of(*, viewer: policy.Viewer) -> QuerySet[Cinema]:
    """Cinemas the viewer may edit (run by organisations where they edit exhibition)."""
    operators = policy.organisations_where(viewer, policy.EXHIBITION_EDIT)
    return cinema_list().filter(operator__in=operators)


def cinema_get(*, pk: int) -> Cinema:
    try:
        return cinema_list().get(pk=pk)
    except Cinema.DoesNotExist:
        raise Http404 from None


def bookable_cinemas(*, deal: Deal) -> QuerySet[Cinema]:
    """Cinemas where the deal's film may be booked: those its licensee runs, in licensed countries."""
    licence = deal_licence(deal=deal)
    countries = list(licence.country_codes)
    return cinema_list(operator=deal.licensee).filter(country__in=countries)


# --- bookings and keys --------------------------------------------------------------------------


def _bookings() -> QuerySet[Booking]:
    return Booking.objects.select_related(
        "deal", "deal__film", "deal__licensor", "deal__licensee", "cinema", "version"
    ).prefetch_related("screens")


def booking_list(
    *, viewer: policy.Viewer, deal: Deal | None = None, status: str | None = None
) -> QuerySet[Booking]:
    """Bookings of the deals the viewer may see (of one deal when given)."""
    qs = _bookings().filter(deal__in=deals_visible(viewer))
    if deal is not None:
        qs = qs.filter(deal=deal)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-first_day", "-id")


def booking_get(*, viewer: policy.Viewer, pk: int) -> Booking:
    """A booking the viewer may see; 404 otherwise (we never confirm it exists)."""
    try:
        return booking_list(viewer=viewer).get(pk=pk)
    except Booking.DoesNotExist:
        raise Http404 from None


def booking_week_starts(booking: Booking) -> list[date]:
    """The first day of each film week of the booking (a week runs seven days from its first day)."""
    starts = []
    day = booking.first_day
    while day <= booking.last_day:
        starts.append(day)
        day += FILM_WEEK
    return starts


def booking_local_bounds(booking: Booking) -> tuple[datetime, datetime]:
    """The engagement as aware datetimes in the cinema's zone: [first day 00:00, day after last 00:00)."""
    zone = ZoneInfo(booking.cinema.time_zone)
    start = datetime.combine(booking.first_day, time.min, tzinfo=zone)
    end = datetime.combine(booking.last_day + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def kdm_requests_of(booking: Booking) -> QuerySet[KdmRequest]:
    return KdmRequest.objects.filter(booking=booking).select_related("screen").order_by("valid_from", "id")


def kdm_local_window(kdm: KdmRequest) -> tuple[datetime, datetime]:
    """The key's window in the cinema's local time (stored in UTC)."""
    zone = ZoneInfo(kdm.booking.cinema.time_zone)
    return kdm.valid_from.astimezone(zone), kdm.valid_until.astimezone(zone)


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


# --- deliveries and reports ---------------------------------------------------------------------


def delivery_list(*, viewer: policy.Viewer, deal: Deal) -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(deal=deal, deal__in=deals_visible(viewer))
        .select_related("version")
        .prefetch_related("subtitle_tracks")
        .order_by("-delivered_on", "-id")
    )


def report_uploads(*, viewer: policy.Viewer, deal: Deal) -> QuerySet[ReportUpload]:
    return (
        ReportUpload.objects.filter(deal=deal, deal__in=deals_visible(viewer))
        .select_related("uploaded_by")
        .order_by("-uploaded_at", "-id")
    )


def box_office_entries(*, deal: Deal, until: date | None = None) -> QuerySet[BoxOfficeEntry]:
    """The deal's weekly box office (of bookings not cancelled), by booking, week and screen."""
    qs = BoxOfficeEntry.objects.filter(booking__deal=deal).exclude(booking__status=BookingStatus.CANCELLED)
    if until is not None:
        qs = qs.filter(week_start__lte=until)
    return qs.select_related("booking", "booking__cinema", "screen").order_by(
        "booking__first_day", "booking_id", "week_start", "screen__name"
    )


def usage_entries(*, deal: Deal, until: date | None = None) -> QuerySet[UsageEntry]:
    qs = UsageEntry.objects.filter(deal=deal)
    if until is not None:
        qs = qs.filter(month__lte=until)
    return qs.order_by("month", "territory", "media")


def expenses_of(deal: Deal) -> QuerySet[Expense]:
    return Expense.objects.filter(deal=deal).order_by("incurred_on", "id")


def payments_of(deal: Deal) -> QuerySet[Payment]:
    return Payment.objects.filter(deal=deal).order_by("paid_on", "id")


def payment_get(*, deal: Deal, pk: int) -> Payment:
    """A payment of this deal (the caller has checked the deal is visible); 404 for any other."""
    try:
        return Payment.objects.select_related("deal").get(deal=deal, pk=pk)
    except Payment.DoesNotExist:
        raise Http404 from None


def exchange_rates(
    *,
    base: str | None = None,
    quote: str | None = None,
    until: date | None = None,
    currencies: Iterable[str] | None = None,
) -> QuerySet[ExchangeRate]:
    """Exchange rates, newest first; filtered by pair, by a last day, or to pairs among `currencies`."""
    qs = ExchangeRate.objects.select_related("recorded_by")
    if base:
        qs = qs.filter(base=base.upper())
    if quote:
        qs = qs.filter(quote=quote.upper())
    if until is not None:
        qs = qs.filter(on__lte=until)
    if currencies is not None:
        codes = sorted({c.upper() for c in currencies})
        qs = qs.filter(base__in=codes, quote__in=codes)
    return qs.order_by("base", "quote", "-on")
