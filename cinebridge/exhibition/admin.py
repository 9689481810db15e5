"""Admin for exhibition: read-only.

Bookings, keys, reports, payments and statements change only through the services, which check the
licence, the engagement, who acts and that a report is whole; an edit here would do none of that.
Operators read everything here (confidential figures included: the admin is for staff) and act in
the application.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from cinebridge.core.models import ExchangeRate
from cinebridge.rights.admin import ReadOnlyAdmin

from .models import (
    Booking,
    BoxOfficeEntry,
    Cinema,
    Delivery,
    Expense,
    KdmRequest,
    Payment,
    ReportUpload,
    Screen,
    Statement,
    UsageEntry,
)


class _ReadOnlyInline:
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ScreenInline(_ReadOnlyInline, admin.TabularInline[Screen, Cinema]):
    model = Screen
    fields = ("name", "capacity", "certificate_thumbprint")
    readonly_fields = fields


@admin.register(Cinema)
class CinemaAdmin(ReadOnlyAdmin[Cinema]):
    list_display = ("name", "city", "country", "time_zone", "operator")
    list_filter = ("country",)
    search_fields = ("name", "city", "operator__name")
    inlines = (ScreenInline,)


class KdmRequestInline(_ReadOnlyInline, admin.TabularInline[KdmRequest, Booking]):
    model = KdmRequest
    fields = ("screen", "valid_from", "valid_until", "requested_by", "created_at")
    readonly_fields = fields


@admin.register(Booking)
class BookingAdmin(ReadOnlyAdmin[Booking]):
    list_display = ("pk", "deal", "cinema", "version", "first_day", "last_day", "currency", "status")
    list_filter = ("status", "currency")
    search_fields = ("deal__reference", "cinema__name")
    date_hierarchy = "first_day"
    list_select_related = ("deal", "cinema", "version")
    inlines = (KdmRequestInline,)


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin[Delivery]):
    list_display = ("pk", "deal", "version", "delivered_on", "missing_languages")
    search_fields = ("deal__reference",)
    list_select_related = ("deal", "version")


class BoxOfficeEntryInline(_ReadOnlyInline, admin.TabularInline[BoxOfficeEntry, ReportUpload]):
    model = BoxOfficeEntry
    fields = (
        "row_number",
        "booking",
        "screen",
        "week_start",
        "playing_week",
        "admissions",
        "gross",
        "taxes",
        "levies",
        "currency",
    )
    readonly_fields = fields


class UsageEntryInline(_ReadOnlyInline, admin.TabularInline[UsageEntry, ReportUpload]):
    model = UsageEntry
    fields = ("row_number", "month", "territory", "media", "views", "minutes", "revenue", "currency")
    readonly_fields = fields


@admin.register(ReportUpload)
class ReportUploadAdmin(ReadOnlyAdmin[ReportUpload]):
    list_display = ("pk", "deal", "kind", "source", "filename", "row_count", "uploaded_by", "uploaded_at")
    list_filter = ("kind", "source")
    search_fields = ("deal__reference", "filename")
    list_select_related = ("deal", "uploaded_by")
    inlines = (BoxOfficeEntryInline, UsageEntryInline)


@admin.register(Expense)
class ExpenseAdmin(ReadOnlyAdmin[Expense]):
    list_display = ("pk", "deal", "incurred_on", "description", "amount", "currency")
    search_fields = ("deal__reference", "description")
    list_select_related = ("deal",)


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin[Payment]):
    list_display = ("pk", "deal", "kind", "paid_on", "amount", "reference")
    list_filter = ("kind",)
    search_fields = ("deal__reference", "reference")
    list_select_related = ("deal",)


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin[Statement]):
    list_display = ("deal", "number", "period_start", "period_end", "currency", "payable", "carried_forward")
    search_fields = ("deal__reference",)
    list_select_related = ("deal",)


@admin.register(ExchangeRate)
class ExchangeRateAdmin(ReadOnlyAdmin[ExchangeRate]):
    """The rates statements convert with; recorded on the exchange-rate page (one per pair and day)."""

    list_display = ("on", "base", "quote", "rate", "source")
    list_filter = ("base", "quote")
    search_fields = ("base", "quote", "source")
    date_hierarchy = "on"
