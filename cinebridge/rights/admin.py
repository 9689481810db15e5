"""Admin for the rights ledgers: read-only.

Grants and release events change only through the services, which check the conflict rules, write
the audit and raise the version every process's index watches; an edit here would do none of that.
Operators read everything here and change it in the application (or with the services in a shell).
"""

from typing import Any, Generic, TypeVar

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Grant, GrantAudit, ReleaseEvent, RightsState

M = TypeVar("M", bound=Model)


class ReadOnlyAdmin(admin.ModelAdmin[M], Generic[M]):
    """Shows every field, allows no change."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False


class GrantAuditInline(admin.TabularInline[GrantAudit, Grant]):
    model = GrantAudit
    fk_name = "grant"
    extra = 0
    can_delete = False
    fields = ("version", "at", "actor", "action", "before", "after")
    readonly_fields = fields
    ordering = ("version", "pk")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Grant)
class GrantAdmin(ReadOnlyAdmin[Grant]):
    list_display = (
        "pk",
        "work",
        "holder",
        "direction",
        "exclusivity",
        "media_entered",
        "territories_entered",
        "start_date",
        "end_date",
        "event",
        "status",
    )
    list_filter = ("status", "direction", "exclusivity", "term_kind", "source")
    search_fields = (
        "work__original_title",
        "holder__name",
        "counterparty__name",
        "counterparty_name",
        "reference",
    )
    list_select_related = ("work", "holder")
    raw_id_fields = ("work", "holder", "counterparty", "created_by")
    inlines = (GrantAuditInline,)
    fieldsets = (
        (None, {"fields": ("work", "holder", "counterparty", "counterparty_name", "direction", "status")}),
        (
            _("Dimensions"),
            {
                "fields": (
                    "territories_entered",
                    "territory_keys",
                    "media_entered",
                    "media_keys",
                    "language_uses",
                    "vocabulary_version",
                    "contract_date",
                )
            },
        ),
        (
            _("Exclusivity"),
            {"fields": ("exclusivity", "co_exclusive_group", "sublicensable", "licensing_until")},
        ),
        (
            _("Term"),
            {
                "fields": (
                    "term_kind",
                    "start_date",
                    "end_date",
                    "event",
                    "start_after_months",
                    "start_after_days",
                    "duration_months",
                    "duration_days",
                )
            },
        ),
        (_("Record"), {"fields": ("reference", "notes", "source", "created_by", "created_at", "updated_at")}),
    )
    readonly_fields = ("territory_keys", "media_keys", "vocabulary_version", "created_at", "updated_at")


@admin.register(ReleaseEvent)
class ReleaseEventAdmin(ReadOnlyAdmin[ReleaseEvent]):
    list_display = ("work", "kind", "territory", "date")
    list_filter = ("kind", "territory")
    search_fields = ("work__original_title",)
    list_select_related = ("work",)
    raw_id_fields = ("work",)


@admin.register(GrantAudit)
class GrantAuditAdmin(ReadOnlyAdmin[GrantAudit]):
    list_display = ("version", "at", "action", "grant", "work_id", "actor")
    list_filter = ("action",)
    search_fields = ("=work_id", "=grant__id")
    list_select_related = ("grant", "actor")
    raw_id_fields = ("grant", "actor")


@admin.register(RightsState)
class RightsStateAdmin(ReadOnlyAdmin[RightsState]):
    list_display = ("id", "version", "stamp")
