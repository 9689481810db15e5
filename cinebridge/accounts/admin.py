"""Admin for people, organisations and memberships, and the code fields every app's admin shares."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.contrib.admin.options import BaseModelAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Field
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cinebridge.core.vocabularies import country_choices, is_language_code

from .models import Membership, Organisation, OrganisationTranslation, User

if TYPE_CHECKING:
    ModelAdmin = admin.ModelAdmin
    TabularInline = admin.TabularInline
    StackedInline = admin.StackedInline
    _CodeFieldsBase = BaseModelAdmin[Any]
    _UserAdminBase = DjangoUserAdmin[User]
else:

    class _Generic:
        """Django's admin classes are generic only to the type checker (django-stubs is not installed in
        production), so here `ModelAdmin[Film]` is `ModelAdmin` at run time."""

        def __class_getitem__(cls, _item):
            return cls

    class ModelAdmin(_Generic, admin.ModelAdmin):
        pass

    class TabularInline(_Generic, admin.TabularInline):
        pass

    class StackedInline(_Generic, admin.StackedInline):
        pass

    _CodeFieldsBase = BaseModelAdmin
    _UserAdminBase = DjangoUserAdmin

COUNTRY_FIELDS = frozenset({"country"})
# Free text in any script: the browser decides each value's direction, whatever the page's.
MULTILINGUAL_TEXT_FIELDS = frozenset(
    {"name", "title", "original_title", "synopsis", "description", "character"}
)
LANGUAGE_FIELDS = frozenset({"language_code", "original_language", "audio_language", "preferred_language"})


def _validate_language(value: str) -> None:
    if value and not is_language_code(value):
        raise ValidationError(gettext("Unknown language code “%(code)s”.") % {"code": value})


class CodeFieldsMixin(_CodeFieldsBase):
    """Countries chosen from the ISO list by name; language codes checked as the services check them."""

    def formfield_for_dbfield(self, db_field: Field[Any, Any], request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name in COUNTRY_FIELDS:
            return forms.ChoiceField(
                choices=[("", "—"), *country_choices()],
                required=not db_field.blank,
                label=db_field.verbose_name,
            )
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in LANGUAGE_FIELDS and formfield is not None:
            formfield.validators.append(_validate_language)
        if db_field.name in MULTILINGUAL_TEXT_FIELDS and formfield is not None:
            formfield.widget.attrs["dir"] = "auto"
        return formfield


def bdi(text: str) -> str:
    """A name or title isolated from the page's direction (a Russian name in a Persian page)."""
    return format_html("<bdi>{}</bdi>", text)


class MembershipOfUserInline(TabularInline[Membership, User]):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ("organisation",)
    fields = ("organisation", "role", "created_at")
    readonly_fields = ("created_at",)


@admin.register(User)
class UserAdmin(CodeFieldsMixin, _UserAdminBase):
    """Django's user admin, with the e-mail address required and the preferred language."""

    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Platform"), {"fields": ("preferred_language",)}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "email", "password1", "password2")}),
    )
    list_display = (
        "username",
        "email",
        "first_name",
        "last_name",
        "preferred_language",
        "is_staff",
        "is_superuser",
        "is_active",
        "last_login",
    )
    list_filter = (
        "is_staff",
        "is_superuser",
        "is_active",
        "memberships__organisation__kind",
        "preferred_language",
    )
    search_fields = ("username", "email", "first_name", "last_name")
    inlines = (MembershipOfUserInline,)


class OrganisationTranslationInline(CodeFieldsMixin, TabularInline[OrganisationTranslation, Organisation]):
    model = OrganisationTranslation
    extra = 0
    fields = ("language_code", "name", "description")


class MembershipOfOrganisationInline(TabularInline[Membership, Organisation]):
    model = Membership
    fk_name = "organisation"
    extra = 0
    autocomplete_fields = ("user",)
    fields = ("user", "role", "created_at")
    readonly_fields = ("created_at",)


@admin.register(Organisation)
class OrganisationAdmin(CodeFieldsMixin, ModelAdmin[Organisation]):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("own_name", "slug", "kind", "country", "website", "created_at")
    list_filter = ("kind", "country")
    search_fields = ("name", "slug", "translations__name")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created_at", "updated_at")
    inlines = (OrganisationTranslationInline, MembershipOfOrganisationInline)

    @admin.display(description=_("name"), ordering="name")
    def own_name(self, organisation: Organisation) -> str:
        return bdi(organisation.name)


@admin.register(OrganisationTranslation)
class OrganisationTranslationAdmin(CodeFieldsMixin, ModelAdmin[OrganisationTranslation]):
    list_display = ("translated_name", "language_code", "organisation")
    list_filter = ("language_code",)
    search_fields = ("name", "organisation__name", "organisation__slug")
    autocomplete_fields = ("organisation",)
    list_select_related = ("organisation",)

    @admin.display(description=_("name"), ordering="name")
    def translated_name(self, translation: OrganisationTranslation) -> str:
        return bdi(translation.name)


@admin.register(Membership)
class MembershipAdmin(ModelAdmin[Membership]):
    list_display = ("user", "organisation", "role", "created_at")
    list_filter = ("role", "organisation__kind", "organisation__country")
    search_fields = ("user__username", "user__email", "organisation__name", "organisation__slug")
    autocomplete_fields = ("user", "organisation")
    list_select_related = ("user", "organisation")
    readonly_fields = ("created_at", "updated_at")
