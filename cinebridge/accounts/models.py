"""Organisations of the cooperation, the people who work in them, and their roles."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from cinebridge.core.models import TimeStampedModel


class User(AbstractUser):
    """A person who signs in; what they may do comes from their memberships."""

    email = models.EmailField(_("e-mail address"), unique=True)
    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)


class OrganisationKind(models.TextChoices):
    FILM_BODY = "film_body", _("Film body")
    RIGHTS_HOLDER = "rights_holder", _("Rights holder")
    EXHIBITOR = "exhibitor", _("Exhibitor")
    PLATFORM = "platform", _("Streaming platform")
    FESTIVAL = "festival", _("Festival")
    SCHOOL = "school", _("Film school")
    OBSERVER = "observer", _("Observer")


class Organisation(TimeStampedModel):
    """A film body, company, festival, school or observer taking part in the programme."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200, help_text=_("The name in its own language."))
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    country = models.CharField(_("country"), max_length=2)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class OrganisationTranslation(models.Model):
    """The organisation's name and description in one language."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="translations")
    language_code = models.CharField(_("language"), max_length=8)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organisation translation")
        verbose_name_plural = _("organisation translations")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "language_code"], name="organisation_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} [{self.language_code}]"


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")


class Membership(TimeStampedModel):
    """A person's role in one organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"
