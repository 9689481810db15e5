"""Exploitation of a licensed film and what it earned: cinemas, screens, bookings, KDM requests,
deliveries to platforms, weekly box office, monthly platform usage, recoupable expenses, payments,
and the royalty statements computed from them (`exhibition.engine.royalties`).

Datetimes are stored in UTC and shown in the cinema's time zone; engagement days are the cinema's
local calendar days, inclusive (`first_day`..`last_day`), as cinemas count them. Money is `Decimal`
with up to four decimal places, in the currency recorded beside it.
"""

from __future__ import annotations

from typing import TypedDict

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cinebridge.accounts.models import Organisation
from cinebridge.catalogue.models import FilmVersion, SubtitleTrack
from cinebridge.core.models import TimeStampedModel
from cinebridge.deals.models import Deal


class _MoneyDigits(TypedDict):
    max_digits: int
    decimal_places: int


# Up to 10^20 with four decimals: rials by the billion, and every ISO 4217 minor unit.
MONEY = _MoneyDigits(max_digits=24, decimal_places=4)


class Cinema(TimeStampedModel):
    operator = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="cinemas", verbose_name=_("operator")
    )
    name = models.CharField(_("name"), max_length=200)
    city = models.CharField(_("city"), max_length=120)
    country = models.CharField(_("country"), max_length=2)
    time_zone = models.CharField(_("time zone"), max_length=64)  # IANA name, checked with zoneinfo

    class Meta:
        verbose_name = _("cinema")
        verbose_name_plural = _("cinemas")
        ordering = ("country", "city", "name")
        constraints = [models.UniqueConstraint(fields=("operator", "name"), name="cinema_name_unique")]

    def __str__(self) -> str:
        return self.name


class Screen(models.Model):
    cinema = models.ForeignKey(
        Cinema, on_delete=models.CASCADE, related_name="screens", verbose_name=_("cinema")
    )
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveIntegerField(_("seats"))
    # The base64 SHA-1 thumbprint of the screen's media block certificate (SMPTE 430-2), which a KDM targets.
    certificate_thumbprint = models.CharField(_("server certificate thumbprint"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("screen")
        verbose_name_plural = _("screens")
        ordering = ("cinema", "name")
        constraints = [models.UniqueConstraint(fields=("cinema", "name"), name="screen_name_unique")]

    def __str__(self) -> str:
        return f"{self.cinema.name} — {self.name}"


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", pgettext_lazy("booking status", "Confirmed")
    CANCELLED = "cancelled", pgettext_lazy("booking status", "Cancelled")


class Booking(TimeStampedModel):
    """A film version on some screens of one cinema for an engagement, under an active deal."""

    deal = models.ForeignKey(Deal, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("deal"))
    cinema = models.ForeignKey(
        Cinema, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("cinema")
    )
    screens = models.ManyToManyField(Screen, related_name="bookings", verbose_name=_("screens"))
    version = models.ForeignKey(
        FilmVersion, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("film version")
    )
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    # The cinema's weekly operating cost for the "90/10 over house nut" computation, in `currency`.
    house_nut_per_week = models.DecimalField(_("house nut per week"), null=True, blank=True, **MONEY)
    currency = models.CharField(_("currency"), max_length=3)  # what the cinema reports in
    status = models.CharField(
        _("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ("-first_day", "-id")
        constraints = [
            models.CheckConstraint(condition=Q(last_day__gte=F("first_day")), name="booking_days_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.deal.reference} @ {self.cinema.name} {self.first_day}–{self.last_day}"


class KdmRequest(models.Model):
    """A request for a key (KDM) for one screen; its validity lies inside the booking's engagement."""

    booking = models.ForeignKey(
        Booking, on_delete=models.CASCADE, related_name="kdm_requests", verbose_name=_("booking")
    )
    screen = models.ForeignKey(
        Screen, on_delete=models.PROTECT, related_name="kdm_requests", verbose_name=_("screen")
    )
    valid_from = models.DateTimeField(_("valid from"))  # UTC
    valid_until = models.DateTimeField(_("valid until"))  # UTC
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)

    class Meta:
        verbose_name = _("KDM request")
        verbose_name_plural = _("KDM requests")
        ordering = ("booking", "valid_from")
        constraints = [
            models.CheckConstraint(condition=Q(valid_until__gt=F("valid_from")), name="kdm_window_not_empty"),
        ]

    def __str__(self) -> str:
        return f"KDM {self.screen} {self.valid_from:%Y-%m-%d %H:%M}Z"


class Delivery(TimeStampedModel):
    """A film version delivered to a streaming platform under a deal, with its subtitle tracks."""

    deal = models.ForeignKey(
        Deal, on_delete=models.PROTECT, related_name="deliveries", verbose_name=_("deal")
    )
    version = models.ForeignKey(
        FilmVersion, on_delete=models.PROTECT, related_name="deliveries", verbose_name=_("film version")
    )
    subtitle_tracks = models.ManyToManyField(
        SubtitleTrack, blank=True, related_name="deliveries", verbose_name=_("subtitle tracks")
    )
    delivered_on = models.DateField(_("delivered on"))
    # Licensed languages with neither audio nor a subtitle track in this delivery, space-separated ("ru be").
    missing_languages = models.CharField(_("missing languages"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ("-delivered_on", "-id")

    def __str__(self) -> str:
        return f"{self.deal.reference} → {self.version}"


class ReportKind(models.TextChoices):
    BOX_OFFICE = "box_office", _("Weekly box office")
    USAGE = "usage", _("Monthly platform usage")


class ReportSource(models.TextChoices):
    FORM = "form", _("Form")
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"


class ReportUpload(models.Model):
    """One accepted report (a form or a whole file); its rows are the entries below it."""

    deal = models.ForeignKey(
        Deal, on_delete=models.PROTECT, related_name="report_uploads", verbose_name=_("deal")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    source = models.CharField(_("source"), max_length=4, choices=ReportSource.choices)
    filename = models.CharField(_("file"), max_length=255, blank=True)
    row_count = models.PositiveIntegerField(_("rows"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ("-uploaded_at", "-id")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class BoxOfficeEntry(models.Model):
    """What one screen took for a booking in one film week (seven days from `week_start`)."""

    upload = models.ForeignKey(
        ReportUpload, on_delete=models.CASCADE, related_name="box_office_entries", verbose_name=_("report")
    )
    row_number = models.PositiveIntegerField(_("row"))  # in the file or form, for tracing
    booking = models.ForeignKey(
        Booking, on_delete=models.PROTECT, related_name="box_office", verbose_name=_("booking")
    )
    screen = models.ForeignKey(
        Screen, on_delete=models.PROTECT, related_name="box_office", verbose_name=_("screen")
    )
    week_start = models.DateField(_("film week from"))
    playing_week = models.PositiveSmallIntegerField(_("playing week"))  # 1 = the engagement's first week
    admissions = models.PositiveIntegerField(_("admissions"))
    gross = models.DecimalField(_("gross box office"), **MONEY)
    taxes = models.DecimalField(_("taxes"), **MONEY)
    levies = models.DecimalField(_("levies"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)

    class Meta:
        verbose_name = _("box-office entry")
        verbose_name_plural = _("box-office entries")
        ordering = ("booking", "week_start", "screen")
        constraints = [
            models.UniqueConstraint(
                fields=("booking", "screen", "week_start"), name="box_office_week_unique"
            ),
            models.CheckConstraint(
                condition=Q(gross__gte=0, taxes__gte=0, levies__gte=0), name="box_office_amounts"
            ),
            models.CheckConstraint(
                condition=Q(gross__gte=F("taxes") + F("levies")), name="box_office_deductions_within_gross"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.booking_id}/{self.screen_id} {self.week_start}"


class UsageEntry(models.Model):
    """What a platform reports for one month and country of a deal."""

    upload = models.ForeignKey(
        ReportUpload, on_delete=models.CASCADE, related_name="usage_entries", verbose_name=_("report")
    )
    row_number = models.PositiveIntegerField(_("row"))
    deal = models.ForeignKey(Deal, on_delete=models.PROTECT, related_name="usage", verbose_name=_("deal"))
    month = models.DateField(_("month"))  # the first day of the month
    territory = models.CharField(_("country"), max_length=2)
    media = models.CharField(_("medium"), max_length=30)  # a media vocabulary code: "SVOD", "TVOD"
    views = models.PositiveBigIntegerField(_("views"))
    minutes = models.PositiveBigIntegerField(_("minutes watched"))
    revenue = models.DecimalField(_("revenue"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)

    class Meta:
        verbose_name = _("usage entry")
        verbose_name_plural = _("usage entries")
        ordering = ("deal", "month", "territory")
        constraints = [
            models.UniqueConstraint(
                fields=("deal", "month", "territory", "media"), name="usage_month_unique"
            ),
            models.CheckConstraint(condition=Q(revenue__gte=0), name="usage_revenue_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.deal_id} {self.month:%Y-%m} {self.territory}"


class Expense(models.Model):
    """A recoupable expense the licensee incurred (prints, advertising, subtitling), capped by the terms."""

    deal = models.ForeignKey(Deal, on_delete=models.PROTECT, related_name="expenses", verbose_name=_("deal"))
    incurred_on = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=300)
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        ordering = ("deal", "incurred_on", "id")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="expense_positive")]

    def __str__(self) -> str:
        return self.description


class PaymentKind(models.TextChoices):
    MINIMUM_GUARANTEE = "mg", _("Minimum guarantee")
    FLAT_FEE = "flat_fee", _("Flat fee")
    STATEMENT = "statement", _("Statement payment")


class Payment(models.Model):
    """Money the licensee paid the licensor, in the deal's currency. Statements deduct what was paid
    and the licensor confirmed; a payment the licensor records is confirmed by that."""

    deal = models.ForeignKey(Deal, on_delete=models.PROTECT, related_name="payments", verbose_name=_("deal"))
    kind = models.CharField(_("kind"), max_length=10, choices=PaymentKind.choices)
    paid_on = models.DateField(_("paid on"))
    amount = models.DecimalField(_("amount"), **MONEY)
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    # A payment the licensee records counts in statements once the licensor confirms receiving it.
    awaiting_confirmation = models.BooleanField(_("awaiting the licensor's confirmation"), default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ("deal", "paid_on", "id")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_positive")]

    def __str__(self) -> str:
        return f"{self.deal_id} {self.kind} {self.amount}"


class Statement(models.Model):
    """An issued royalty statement: the engine's statement document, kept as it was when issued.

    Statements are cumulative from the deal's start to `period_end`; `payable` is what the period adds
    (never negative) and `carried_forward` an over-payment taken into the next one. `inputs_digest`
    (sha256 of the engine input) lets anyone recompute it and get the same document.
    """

    deal = models.ForeignKey(
        Deal, on_delete=models.PROTECT, related_name="statements", verbose_name=_("deal")
    )
    number = models.PositiveIntegerField(_("number"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))  # inclusive
    currency = models.CharField(_("currency"), max_length=3)
    payable = models.DecimalField(_("payable"), **MONEY)
    carried_forward = models.DecimalField(_("carried forward"), **MONEY)
    document = models.JSONField(_("statement"))
    inputs = models.JSONField(_("engine input"))
    inputs_digest = models.CharField(_("input digest"), max_length=64)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ("deal", "number")
        constraints = [
            models.UniqueConstraint(fields=("deal", "number"), name="statement_number_unique"),
            models.UniqueConstraint(fields=("deal", "period_end"), name="statement_period_unique"),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="statement_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(payable__gte=0, carried_forward__gte=0), name="statement_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deal.reference} statement {self.number}"
