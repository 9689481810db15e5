"""Admin for deals: read-only.

Deals change only through the services, which check whose turn it is, keep the version, write the
audit trail, tell the other party and enter the licence into the rights ledger; an edit here would do
none of that. Operators read everything here and act in the application.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from cinebridge.rights.admin import ReadOnlyAdmin

from .models import Deal, DealEvent, Offer


class OfferInline(admin.TabularInline[Offer, Deal]):
    model = Offer
    extra = 0
    can_delete = False
    fields = (
        "number",
        "kind",
        "party",
        "media",
        "territories",
        "start",
        "end",
        "exclusive",
        "currency",
        "terms",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class DealEventInline(admin.TabularInline[DealEvent, Deal]):
    model = DealEvent
    extra = 0
    can_delete = False
    fields = ("at", "actor", "party", "action", "from_status", "to_status", "version", "note")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Deal)
class DealAdmin(ReadOnlyAdmin[Deal]):
    list_display = ("reference", "film", "licensor", "licensee", "status", "version", "created_at")
    list_filter = ("status",)
    search_fields = ("reference", "film__original_title", "licensor__name", "licensee__name")
    list_select_related = ("film", "licensor", "licensee")
    inlines = (OfferInline, DealEventInline)


@admin.register(Offer)
class OfferAdmin(ReadOnlyAdmin[Offer]):
    list_display = ("deal", "number", "kind", "party", "media", "territories", "currency", "created_at")
    list_filter = ("kind", "party")
    search_fields = ("deal__reference",)
    list_select_related = ("deal",)


@admin.register(DealEvent)
class DealEventAdmin(ReadOnlyAdmin[DealEvent]):
    list_display = ("deal", "at", "actor", "party", "action", "from_status", "to_status", "version")
    list_filter = ("action",)
    search_fields = ("deal__reference",)
    list_select_related = ("deal", "actor")
