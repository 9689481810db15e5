"""Reads for organisations and memberships."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from cinebridge.core.i18n import active_language

from . import policy
from .models import Membership, Organisation, OrganisationTranslation, User


def _with_translations(qs: QuerySet[Organisation], language: str | None = None) -> QuerySet[Organisation]:
    lang = language or active_language()
    return qs.prefetch_related(
        Prefetch(
            "translations", queryset=OrganisationTranslation.objects.filter(language_code__in=[lang, "en"])
        )
    )


def organisation_list(*, kind: str | None = None, country: str | None = None) -> QuerySet[Organisation]:
    """Organisations of the programme, public to everyone, filtered by kind and country."""
    qs = Organisation.objects.all()
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country=country.upper())
    return _with_translations(qs).order_by("country", "name")


def organisation_get(*, slug: str) -> Organisation:
    """One organisation by its short name (404 when unknown); its profile is public."""
    return get_object_or_404(_with_translations(Organisation.objects.all()), slug=slug)


def organisation_members(*, viewer: policy.Viewer, organisation: Organisation) -> QuerySet[Membership]:
    """The organisation's people and roles: visible to its members and its country's film body only."""
    if not policy.can(viewer, policy.ORGANISATION_VIEW_MEMBERS, organisation):
        raise PermissionDenied
    return organisation.memberships.select_related("user").order_by(
        "role", "user__last_name", "user__username"
    )


def user_memberships(*, user: User) -> QuerySet[Membership]:
    """The organisations a person belongs to, with roles."""
    translations = OrganisationTranslation.objects.filter(language_code__in=[active_language(), "en"])
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .prefetch_related(Prefetch("organisation__translations", queryset=translations))
        .order_by("organisation__name")
    )


def organisation_countries() -> list[str]:
    """The countries that have at least one organisation in the programme (for the list's filter)."""
    return list(Organisation.objects.order_by("country").values_list("country", flat=True).distinct())


def user_find_by_email(*, email: str) -> User | None:
    """The person with this e-mail address, or None when nobody has an account under it."""
    try:
        return User.objects.get(email__iexact=email.strip())
    except User.DoesNotExist:
        return None


def organisation_find(*, slug: str) -> Organisation | None:
    """The organisation with this short name, or None (for imports and seeds, where absence is no 404)."""
    try:
        return Organisation.objects.get(slug=slug)
    except Organisation.DoesNotExist:
        return None


def user_find(*, username: str) -> User | None:
    """The person who signs in under this username, or None."""
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        return None
