"""Admin for people, organisations and memberships."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _

from cinebridge.core.admin import CodeFieldsMixin, bdi

from .models import Membership, Organisation, OrganisationTranslation, User


class MembershipOfUserInline(admin.TabularInline[Membership, User]):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ("organisation",)
    fields = ("organisation", "role", "created_at")
    readonly_fields = ("created_at",)


@admin.register(User)
class UserAdmin(CodeFieldsMixin, DjangoUserAdmin[User]):
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


class OrganisationTranslationInline(
    CodeFieldsMixin, admin.TabularInline[OrganisationTranslation, Organisation]
):
    model = OrganisationTranslation
    extra = 0
    fields = ("language_code", "name", "description")


class MembershipOfOrganisationInline(admin.TabularInline[Membership, Organisation]):
    model = Membership
    fk_name = "organisation"
    extra = 0
    autocomplete_fields = ("user",)
    fields = ("user", "role", "created_at")
    readonly_fields = ("created_at",)


@admin.register(Organisation)
class OrganisationAdmin(CodeFieldsMixin, admin.ModelAdmin[Organisation]):
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
class OrganisationTranslationAdmin(CodeFieldsMixin, admin.ModelAdmin[OrganisationTranslation]):
    list_display = ("translated_name", "language_code", "organisation")
    list_filter = ("language_code",)
    search_fields = ("name", "organisation__name", "organisation__slug")
    autocomplete_fields = ("organisation",)
    list_select_related = ("organisation",)

    @admin.display(description=_("name"), ordering="name")
    def translated_name(self, translation: OrganisationTranslation) -> str:
        return bdi(translation.name)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ("user", "organisation", "role", "created_at")
    list_filter = ("role", "organisation__kind", "organisation__country")
    search_fields = ("user__username", "user__email", "organisation__name", "organisation__slug")
    autocomplete_fields = ("user", "organisation")
    list_select_related = ("user", "organisation")
    readonly_fields = ("created_at", "updated_at")
