"""Admin for notifications: read-only (they are written by `notify`, in the recipient's language)."""

from django.contrib import admin

from cinebridge.rights.admin import ReadOnlyAdmin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin[Notification]):
    list_display = ("recipient", "kind", "subject", "created_at", "read_at", "emailed_at")
    list_filter = ("kind",)
    search_fields = ("recipient__username", "recipient__email", "subject")
    list_select_related = ("recipient",)
    date_hierarchy = "created_at"
