"""The exhibition API's JSON shapes (a public interface: keep them stable, docs/api.md) and how each is built.

Everything that hangs off a deal (bookings, reports, expenses, payments, statements) is built only for
a deal the caller may see; cinemas and screens are public metadata. Amounts are decimal strings with
exactly the currency's minor units; datetimes are UTC, with the cinema's local time beside them.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from ninja import Field, Schema

from cinebridge.api.schemas import OrganisationRefOut, StrictSchema
from cinebridge.catalogue.models import FilmVersion
from cinebridge.core.engine.money import format_amount
from cinebridge.core.models import ExchangeRate
from cinebridge.rights.api import IsoDate

from .models import (
    Booking,
    BookingStatus,
    BoxOfficeEntry,
    Cinema,
    Delivery,
    Expense,
    KdmRequest,
    Payment,
    PaymentKind,
    ReportKind,
    ReportSource,
    ReportUpload,
    Screen,
    Statement,
)

AMOUNT_DESCRIPTION = 'A decimal string with at most the currency\'s minor units, e.g. "4500.00".'


def money(amount: Decimal, currency: str) -> str:
    """A stored amount (four decimals) as the currency writes it ("4500.00"); left whole if it does not fit."""
    try:
        return format_amount(amount, currency)
    except ValueError:
        return f"{amount.normalize():f}"


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


# --- cinemas and screens (public metadata) ----------------------------------------------------


class ScreenOut(Schema):
    id: int
    name: str
    capacity: int
    certificate_thumbprint: str = Field(description="Base64 SHA-1 thumbprint of the media block certificate.")

    @classmethod
    def build(cls, screen: Screen) -> ScreenOut:
        return cls(
            id=screen.pk,
            name=screen.name,
            capacity=screen.capacity,
            certificate_thumbprint=screen.certificate_thumbprint,
        )


class CinemaOut(Schema):
    id: int
    operator: OrganisationRefOut
    name: str
    city: str
    country: str
    time_zone: str = Field(description="IANA time zone, e.g. Europe/Minsk.")
    screens: list[ScreenOut]

    @classmethod
    def build(cls, cinema: Cinema) -> CinemaOut:
        return cls(
            id=cinema.pk,
            operator=OrganisationRefOut(slug=cinema.operator.slug, name=cinema.operator.name),
            name=cinema.name,
            city=cinema.city,
            country=cinema.country,
            time_zone=cinema.time_zone,
            screens=[ScreenOut.build(screen) for screen in cinema.screens.all()],
        )


class CinemaQuery(Schema):
    country: str | None = Field(None, description="ISO 3166-1 alpha-2, e.g. BY.")
    operator: str | None = Field(None, description="The operator's short name.")


class CinemaIn(StrictSchema):
    operator: str = Field(description="The short name of the exhibitor that runs it.")
    name: str = Field(min_length=1, max_length=200)
    city: str = Field(min_length=1, max_length=120)
    country: str = Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2, e.g. BY.")
    time_zone: str = Field(max_length=64, description="IANA time zone, e.g. Europe/Minsk.")


class ScreenIn(StrictSchema):
    name: str = Field(min_length=1, max_length=100)
    capacity: int = Field(ge=1, le=100_000)
    certificate_thumbprint: str = Field("", max_length=64)


# --- bookings and KDM requests -----------------------------------------------------------------


class VersionRefOut(Schema):
    id: int
    label: str
    audio_language: str

    @classmethod
    def build(cls, version: FilmVersion) -> VersionRefOut:
        return cls(id=version.pk, label=version.label, audio_language=version.audio_language)


class CinemaRefOut(Schema):
    id: int
    name: str
    city: str
    country: str
    time_zone: str


class ScreenRefOut(Schema):
    id: int
    name: str


class BookingOut(Schema):
    id: int
    deal: str = Field(description="The deal's reference.")
    cinema: CinemaRefOut
    screens: list[ScreenRefOut]
    version: VersionRefOut
    first_day: date = Field(description="The engagement's first day, in the cinema's calendar.")
    last_day: date = Field(description="Its last day (inclusive).")
    currency: str = Field(description="What the cinema reports its box office in.")
    house_nut_per_week: str | None
    status: BookingStatus
    created_at: datetime

    @classmethod
    def fields_of(cls, booking: Booking) -> dict[str, Any]:
        cinema = booking.cinema
        return {
            "id": booking.pk,
            "deal": booking.deal.reference,
            "cinema": CinemaRefOut(
                id=cinema.pk,
                name=cinema.name,
                city=cinema.city,
                country=cinema.country,
                time_zone=cinema.time_zone,
            ),
            "screens": [ScreenRefOut(id=s.pk, name=s.name) for s in booking.screens.all()],
            "version": VersionRefOut.build(booking.version),
            "first_day": booking.first_day,
            "last_day": booking.last_day,
            "currency": booking.currency,
            "house_nut_per_week": (
                money(booking.house_nut_per_week, booking.currency)
                if booking.house_nut_per_week is not None
                else None
            ),
            "status": BookingStatus(booking.status),
            "created_at": booking.created_at,
        }

    @classmethod
    def build(cls, booking: Booking) -> BookingOut:
        return cls(**cls.fields_of(booking))


class KdmRequestOut(Schema):
    id: int
    screen: ScreenRefOut
    valid_from: datetime = Field(description="UTC.")
    valid_until: datetime = Field(description="UTC; the key stops working at this instant.")
    valid_from_local: datetime = Field(description="The same instant in the cinema's time zone.")
    valid_until_local: datetime
    requested_by: str | None
    created_at: datetime

    @classmethod
    def build(cls, kdm: KdmRequest, time_zone: str) -> KdmRequestOut:
        zone = ZoneInfo(time_zone)
        return cls(
            id=kdm.pk,
            screen=ScreenRefOut(id=kdm.screen.pk, name=kdm.screen.name),
            valid_from=kdm.valid_from,
            valid_until=kdm.valid_until,
            valid_from_local=kdm.valid_from.astimezone(zone),
            valid_until_local=kdm.valid_until.astimezone(zone),
            requested_by=_username(kdm.requested_by),
            created_at=kdm.created_at,
        )


class BoxOfficeOut(Schema):
    screen: ScreenRefOut
    week_start: date
    playing_week: int
    admissions: int
    gross: str
    taxes: str
    levies: str
    currency: str
    report: int = Field(description="The id of the report it came in.")
    row: int = Field(description="Its row in that report (the header is row 1).")

    @classmethod
    def build(cls, entry: BoxOfficeEntry) -> BoxOfficeOut:
        return cls(
            screen=ScreenRefOut(id=entry.screen.pk, name=entry.screen.name),
            week_start=entry.week_start,
            playing_week=entry.playing_week,
            admissions=entry.admissions,
            gross=money(entry.gross, entry.currency),
            taxes=money(entry.taxes, entry.currency),
            levies=money(entry.levies, entry.currency),
            currency=entry.currency,
            report=entry.upload_id,
            row=entry.row_number,
        )


class BookingDetailOut(BookingOut):
    kdm_requests: list[KdmRequestOut]
    box_office: list[BoxOfficeOut]

    @classmethod
    def build_detail(
        cls, booking: Booking, kdm_requests: list[KdmRequest], box_office: list[BoxOfficeEntry]
    ) -> BookingDetailOut:
        zone = booking.cinema.time_zone
        return cls(
            **BookingOut.fields_of(booking),
            kdm_requests=[KdmRequestOut.build(kdm, zone) for kdm in kdm_requests],
            box_office=[BoxOfficeOut.build(entry) for entry in box_office],
        )


class BookingQuery(Schema):
    deal: str | None = Field(None, description="Only the bookings of this deal (its reference).")


class BookingIn(StrictSchema):
    deal: str = Field(description="The reference of an active deal of yours, e.g. CB-2026-0007.")
    cinema: int = Field(description="The cinema's id.")
    screens: list[int] = Field(min_length=1, description="Ids of the cinema's screens.")
    version: int = Field(description="The id of a version of the deal's film.")
    first_day: IsoDate
    last_day: IsoDate = Field(description="Inclusive.")
    currency: str = Field(min_length=3, max_length=3, description="What the cinema reports in, e.g. BYN.")
    house_nut_per_week: str | None = Field(None, description=AMOUNT_DESCRIPTION)


class KdmRequestIn(StrictSchema):
    screen: int = Field(description="The id of a booked screen with a certificate thumbprint.")
    valid_from: datetime = Field(
        description="ISO 8601; without an offset it is read in the cinema's time zone."
    )
    valid_until: datetime


# --- deliveries --------------------------------------------------------------------------------


class SubtitleRefOut(Schema):
    id: int
    language: str


class DeliveryOut(Schema):
    id: int
    deal: str
    version: VersionRefOut
    subtitle_tracks: list[SubtitleRefOut]
    delivered_on: date
    missing_languages: list[str] = Field(
        description="Licensed languages with neither audio nor subtitles in this delivery."
    )
    created_at: datetime

    @classmethod
    def build(cls, delivery: Delivery) -> DeliveryOut:
        return cls(
            id=delivery.pk,
            deal=delivery.deal.reference,
            version=VersionRefOut.build(delivery.version),
            subtitle_tracks=[
                SubtitleRefOut(id=t.pk, language=t.language_code) for t in delivery.subtitle_tracks.all()
            ],
            delivered_on=delivery.delivered_on,
            missing_languages=delivery.missing_languages.split(),
            created_at=delivery.created_at,
        )


class DeliveryIn(StrictSchema):
    version: int = Field(description="The id of a version of the deal's film.")
    subtitle_tracks: list[int] = Field(
        default_factory=list, description="Ids of that version's subtitle tracks."
    )
    delivered_on: IsoDate


# --- reports -----------------------------------------------------------------------------------


class ReportUploadOut(Schema):
    id: int
    deal: str
    kind: ReportKind
    source: ReportSource
    filename: str
    row_count: int
    uploaded_by: str | None
    uploaded_at: datetime

    @classmethod
    def build(cls, upload: ReportUpload) -> ReportUploadOut:
        return cls(
            id=upload.pk,
            deal=upload.deal.reference,
            kind=ReportKind(upload.kind),
            source=ReportSource(upload.source),
            filename=upload.filename,
            row_count=upload.row_count,
            uploaded_by=_username(upload.uploaded_by),
            uploaded_at=upload.uploaded_at,
        )


class ReportProblemOut(Schema):
    row: int = Field(description="1-based; the header is row 1 (rows sent as JSON: the first is row 1).")
    column: str = Field(description="The column's name; empty when the problem is the whole row or file.")
    message: str = Field(description="Why, in the request's language.")


class ReportRefusedOut(Schema):
    detail: str
    problems: list[ReportProblemOut] = Field(description="Every problem found; nothing was imported.")


# --- expenses and payments ---------------------------------------------------------------------


class ExpenseOut(Schema):
    id: int
    incurred_on: date
    description: str
    amount: str
    currency: str
    recorded_by: str | None
    created_at: datetime

    @classmethod
    def build(cls, expense: Expense) -> ExpenseOut:
        return cls(
            id=expense.pk,
            incurred_on=expense.incurred_on,
            description=expense.description,
            amount=money(expense.amount, expense.currency),
            currency=expense.currency,
            recorded_by=_username(expense.recorded_by),
            created_at=expense.created_at,
        )


class ExpenseIn(StrictSchema):
    incurred_on: IsoDate
    description: str = Field(min_length=1, max_length=300)
    amount: str = Field(description=AMOUNT_DESCRIPTION)
    currency: str = Field(min_length=3, max_length=3)


class PaymentOut(Schema):
    id: int
    kind: PaymentKind
    paid_on: date
    amount: str
    currency: str = Field(description="The deal's currency.")
    reference: str
    recorded_by: str | None
    created_at: datetime
    awaiting_confirmation: bool = Field(
        description="Recorded by the licensee and not yet confirmed by the licensor: statements do not count it."
    )

    @classmethod
    def build(cls, payment: Payment, currency: str) -> PaymentOut:
        return cls(
            id=payment.pk,
            kind=PaymentKind(payment.kind),
            paid_on=payment.paid_on,
            amount=money(payment.amount, currency),
            currency=currency,
            reference=payment.reference,
            recorded_by=_username(payment.recorded_by),
            created_at=payment.created_at,
            awaiting_confirmation=payment.awaiting_confirmation,
        )


class PaymentIn(StrictSchema):
    kind: PaymentKind
    paid_on: IsoDate
    amount: str = Field(description=AMOUNT_DESCRIPTION + " In the deal's currency.")
    reference: str = Field("", max_length=200)


# --- statements --------------------------------------------------------------------------------


class PeriodQuery(Schema):
    start: IsoDate = Field(description="The period's first day.")
    end: IsoDate = Field(description="Its last day (inclusive); the statement is cumulative up to it.")


class PeriodIn(StrictSchema):
    start: IsoDate
    end: IsoDate


class StatementSummaryOut(Schema):
    id: int
    deal: str
    number: int
    period_start: date
    period_end: date
    currency: str
    payable: str
    carried_forward: str
    issued_at: datetime

    @classmethod
    def fields_of(cls, statement: Statement) -> dict[str, Any]:
        return {
            "id": statement.pk,
            "deal": statement.deal.reference,
            "number": statement.number,
            "period_start": statement.period_start,
            "period_end": statement.period_end,
            "currency": statement.currency,
            "payable": money(statement.payable, statement.currency),
            "carried_forward": money(statement.carried_forward, statement.currency),
            "issued_at": statement.issued_at,
        }

    @classmethod
    def build(cls, statement: Statement) -> StatementSummaryOut:
        return cls(**StatementSummaryOut.fields_of(statement))


class StatementOut(StatementSummaryOut):
    issued_by: str | None
    inputs_digest: str = Field(description="SHA-256 of the engine input: recompute it and compare.")
    document: dict[str, Any] = Field(description="The royalty engine's statement (docs/royalties.md).")
    inputs: dict[str, Any] = Field(description="The engine input it was computed from.")

    @classmethod
    def build(cls, statement: Statement) -> StatementOut:
        return cls(
            **StatementSummaryOut.fields_of(statement),
            issued_by=_username(statement.issued_by),
            inputs_digest=statement.inputs_digest,
            document=dict(statement.document),
            inputs=dict(statement.inputs),
        )


class PdfQuery(Schema):
    lang: str | None = Field(None, description="The PDF's language (default: the request's).")


# --- exchange rates (public market data) -------------------------------------------------------


def rate_text(rate: Decimal) -> str:
    """A stored rate (12 decimals) as the figure it was recorded with: "0.28", not "0.280000000000"."""
    return f"{rate.normalize():f}"


class ExchangeRateOut(Schema):
    id: int
    base: str = Field(description="ISO 4217: the currency one unit of which bought `rate` of `quote`.")
    quote: str = Field(description="ISO 4217.")
    on: date
    rate: str = Field(description='A decimal string, e.g. "0.28": 1 base = rate quote.')
    source: str

    @classmethod
    def build(cls, rate: ExchangeRate) -> ExchangeRateOut:
        return cls(
            id=rate.pk,
            base=rate.base,
            quote=rate.quote,
            on=rate.on,
            rate=rate_text(rate.rate),
            source=rate.source,
        )


class ExchangeRateQuery(Schema):
    base: str | None = Field(None, description="ISO 4217, e.g. BYN.")
    quote: str | None = Field(None, description="ISO 4217, e.g. EUR.")
    until: IsoDate | None = Field(None, description="Only rates on or before this day.")


class ExchangeRateIn(StrictSchema):
    base: str = Field(min_length=3, max_length=3, description="ISO 4217, e.g. BYN.")
    quote: str = Field(min_length=3, max_length=3, description="ISO 4217, e.g. EUR.")
    on: IsoDate
    rate: str = Field(
        max_length=40,
        description='How many units of `quote` one `base` bought, above zero, as a decimal string, e.g. "0.28".',
    )
    source: str = Field("", max_length=200, description="Who published the rate.")
