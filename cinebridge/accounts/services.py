"""Writes for organisations, people and memberships."""

from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from cinebridge.core.errors import ApplicationError
from cinebridge.core.vocabularies import is_country_code

from . import policy
from .models import Membership, Organisation, OrganisationKind, OrganisationTranslation, Role, User


@transaction.atomic
def organisation_create(
    *,
    slug: str,
    name: str,
    kind: OrganisationKind,
    country: str,
    website: str = "",
    translations: Mapping[str, tuple[str, str]] | None = None,
) -> Organisation:
    """Register an organisation with its names (and descriptions) in several languages."""
    _require_country(country)
    organisation = Organisation(slug=slug, name=name, kind=kind, country=country.upper(), website=website)
    organisation.full_clean()
    organisation.save()
    organisation_set_translations(organisation=organisation, translations=translations or {})
    return organisation


@transaction.atomic
def organisation_set_translations(
    *, organisation: Organisation, translations: Mapping[str, tuple[str, str]]
) -> None:
    """Replace the organisation's (name, description) per language."""
    organisation.translations.all().delete()
    OrganisationTranslation.objects.bulk_create(
        OrganisationTranslation(
            organisation=organisation, language_code=lang, name=name, description=description
        )
        for lang, (name, description) in translations.items()
    )


def _require_country(code: str) -> None:
    if not is_country_code(code.upper()):
        raise ApplicationError(f"Unknown country code {code!r}.", extra={"field": "country"})


@transaction.atomic
def user_create(
    *,
    username: str,
    email: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    preferred_language: str = "",
    is_superuser: bool = False,
) -> User:
    """Create a person who can sign in; a None password leaves the account to a reset e-mail.

    A superuser operates the platform (the admin) and passes every permission check of the policy.
    """
    user = User(
        username=username,
        email=email.lower(),
        first_name=first_name,
        last_name=last_name,
        preferred_language=preferred_language,
        is_staff=is_superuser,
        is_superuser=is_superuser,
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def membership_set(*, user: User, organisation: Organisation, role: Role, actor: User | None) -> Membership:
    """Give a person a role in an organisation (or change it); the actor must administer it."""
    if actor is not None:
        policy.require(actor, policy.ORGANISATION_MANAGE, organisation)
    if role != Role.ADMIN:
        _require_another_admin(organisation, leaving=user)
    membership, _created = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    policy.forget_cached_memberships(user)
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor: User) -> None:
    """Take a person out of an organisation, keeping at least one administrator."""
    policy.require(actor, policy.ORGANISATION_MANAGE, membership.organisation)
    _require_another_admin(membership.organisation, leaving=membership.user)
    membership.delete()
    policy.forget_cached_memberships(membership.user)


def _require_another_admin(organisation: Organisation, *, leaving: User) -> None:
    """Refuse a change that would leave the organisation without an administrator."""
    admins = Membership.objects.filter(organisation=organisation, role=Role.ADMIN)
    if admins.filter(user=leaving).exists() and not admins.exclude(user=leaving).exists():
        raise ApplicationError(
            _("An organisation must keep at least one administrator."), extra={"field": "role"}
        )


@transaction.atomic
def user_set_preferred_language(*, user: User, language: str) -> User:
    """Record the language a person wants the platform to speak to them in."""
    user.preferred_language = language
    user.full_clean()
    user.save(update_fields=["preferred_language"])
    return user
