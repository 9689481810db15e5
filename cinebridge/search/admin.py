"""Admin for the search index: read-only, since documents and keys are rebuilt from the catalogue."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import SearchDocument, SearchKey


class ReadOnlyMixin:
    """Shown for inspection only: the rebuild writes these rows."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SearchKeyInline(ReadOnlyMixin, admin.TabularInline[SearchKey, SearchDocument]):
    model = SearchKey
    fields = ("key_kind", "key")
    readonly_fields = ("key_kind", "key")


@admin.register(SearchDocument)
class SearchDocumentAdmin(ReadOnlyMixin, admin.ModelAdmin[SearchDocument]):
    list_display = ("kind", "object_id", "first_name", "updated_at")
    list_filter = ("kind",)
    search_fields = ("names", "=object_id")
    readonly_fields = ("kind", "object_id", "names", "updated_at")
    show_full_result_count = False  # the index holds a row per film and person
    inlines = (SearchKeyInline,)

    @admin.display(description=_("name"))
    def first_name(self, document: SearchDocument) -> str:
        return document.names.split("\n", 1)[0]


@admin.register(SearchKey)
class SearchKeyAdmin(ReadOnlyMixin, admin.ModelAdmin[SearchKey]):
    list_display = ("key", "key_kind", "document")
    list_filter = ("key_kind",)
    search_fields = ("^key",)  # a prefix: it uses the (key_kind, key) index
    readonly_fields = ("document", "key_kind", "key")
    list_select_related = ("document",)
    show_full_result_count = False  # millions of rows at catalogue scale
