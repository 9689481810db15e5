"""Licensing deals: a request, the offers and counter-offers answering it, both signatures, the life after.

Every proposal is an immutable `Offer` row; the deal points at the one on the table. `Deal.version`
rises with every change, and every change names the version it was made against, so that two people
answering the same offer cannot overwrite each other (optimistic concurrency). `DealEvent` is the
audit trail. The financial terms of an offer are a JSON document in the shape of
`deals.engine.terms` (docs/royalties.md), validated there; amounts are decimal strings.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cinebridge.accounts.models import Organisation
from cinebridge.catalogue.models import Film
from cinebridge.core.models import TimeStampedModel
from cinebridge.rights.models import Grant


class DealStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("deal status", "Requested")
    OFFERED = "offered", pgettext_lazy("deal status", "Offered")
    COUNTERED = "countered", pgettext_lazy("deal status", "Counter-offered")
    SIGNING = "signing", pgettext_lazy("deal status", "Signed by one party")
    ACTIVE = "active", pgettext_lazy("deal status", "Active")
    DECLINED = "declined", pgettext_lazy("deal status", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("deal status", "Withdrawn")
    EXPIRED = "expired", pgettext_lazy("deal status", "Expired")
    TERMINATED = "terminated", pgettext_lazy("deal status", "Terminated")


OPEN_STATUSES = frozenset(
    {DealStatus.REQUESTED, DealStatus.OFFERED, DealStatus.COUNTERED, DealStatus.SIGNING}
)


class Party(models.TextChoices):
    LICENSOR = "licensor", _("Licensor")
    LICENSEE = "licensee", _("Licensee")


class OfferKind(models.TextChoices):
    REQUEST = "request", pgettext_lazy("offer kind", "Request")
    OFFER = "offer", pgettext_lazy("offer kind", "Offer")
    COUNTER = "counter", pgettext_lazy("offer kind", "Counter-offer")


class Deal(TimeStampedModel):
    """A licence of one film from its rights holder (licensor) to a cinema, platform or distributor."""

    reference = models.CharField(_("reference"), max_length=30, unique=True)  # "CB-2026-0007"
    film = models.ForeignKey(Film, on_delete=models.PROTECT, related_name="deals", verbose_name=_("film"))
    licensor = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="deals_as_licensor", verbose_name=_("licensor")
    )
    licensee = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="deals_as_licensee", verbose_name=_("licensee")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=DealStatus.choices, default=DealStatus.REQUESTED
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    current_offer = models.ForeignKey(
        "Offer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("terms on the table"),
    )
    # Who signed the offer on the table; both signatures make the deal active.
    licensor_signed_at = models.DateTimeField(_("signed by the licensor"), null=True, blank=True)
    licensor_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    licensee_signed_at = models.DateTimeField(_("signed by the licensee"), null=True, blank=True)
    licensee_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    activated_at = models.DateTimeField(_("active since"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    end_reason = models.TextField(_("reason"), blank=True)
    grants = models.ManyToManyField(Grant, blank=True, related_name="deals", verbose_name=_("rights granted"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )

    class Meta:
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        ordering = ("-created_at", "-id")
        constraints = [
            models.CheckConstraint(condition=~Q(licensor=F("licensee")), name="deal_parties_differ"),
        ]
        indexes = [models.Index(fields=("status",), name="deal_status")]

    def __str__(self) -> str:
        return self.reference


class Offer(models.Model):
    """One proposal: the rights asked for or offered and the financial terms. Never changed once made."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="offers", verbose_name=_("deal"))
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=8, choices=OfferKind.choices)
    party = models.CharField(_("proposed by"), max_length=8, choices=Party.choices)
    # The rights, in the rights vocabularies' expressions (validated through rights.convert).
    media = models.TextField(_("media"))
    territories = models.TextField(_("territories"))
    language_uses = models.CharField(_("language versions"), max_length=500, blank=True)
    start = models.DateField(_("from"))
    end = models.DateField(_("until (exclusive)"))  # half-open, as grants are
    exclusive = models.BooleanField(_("exclusive"), default=False)
    currency = models.CharField(_("currency"), max_length=3)
    terms = models.JSONField(_("financial terms"), default=dict)  # deals.engine.terms JSON shape
    message = models.TextField(_("message"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ("deal", "number")
        constraints = [
            models.UniqueConstraint(fields=("deal", "number"), name="offer_number_unique"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="offer_term_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.deal.reference} #{self.number}"


class DealAction(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("deal action", "requested")
    OFFERED = "offered", pgettext_lazy("deal action", "offered")
    COUNTERED = "countered", pgettext_lazy("deal action", "counter-offered")
    SIGNED = "signed", pgettext_lazy("deal action", "signed")
    ACTIVATED = "activated", pgettext_lazy("deal action", "activated")
    DECLINED = "declined", pgettext_lazy("deal action", "declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("deal action", "withdrew")
    EXPIRED = "expired", pgettext_lazy("deal action", "expired")
    TERMINATED = "terminated", pgettext_lazy("deal action", "terminated")


class DealEvent(models.Model):
    """The audit trail: who did what to a deal, when, from which status to which."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="events", verbose_name=_("deal"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    party = models.CharField(_("party"), max_length=8, choices=Party.choices, blank=True)
    action = models.CharField(_("action"), max_length=12, choices=DealAction.choices)
    from_status = models.CharField(_("from"), max_length=12, choices=DealStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=DealStatus.choices)
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(_("version"))  # the deal's version after this change
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("deal event")
        verbose_name_plural = _("deal events")
        ordering = ("deal", "at", "id")

    def __str__(self) -> str:
        return f"{self.deal_id} {self.action}"
