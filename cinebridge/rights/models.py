"""Rights ledgers: grants (one contract line per work), release events, the audit trail, the version.

A grant keeps its dimensions twice: as entered ("World excluding US, CA") and normalised to leaves
(`territory_keys`, `media_keys`: sorted, space-separated integer ids), resolved with the vocabulary
version and at the contract date recorded beside them, so that a later vocabulary never rewrites it.

Time is half-open: `end_date` is the first day the grant no longer covers; NULL bounds are open (from
the beginning, forever). A term relative to a release event gets its dates when the event is recorded
and keeps NULL bounds while it waits, so that it blocks at every time until then.

On PostgreSQL migration 0002 adds generated `int[]` columns from the key texts and an exclusion
constraint: no two active exclusive OUT grants (for every language) of a work overlap in territory,
media and time, even when two writers race. Altering `territory_keys`, `media_keys`, `start_date` or
`end_date` there needs that migration's objects dropped and re-created around the change.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cinebridge.accounts.models import Organisation
from cinebridge.catalogue.models import Film
from cinebridge.core.models import TimeStampedModel

from .engine import types as engine

# The name of the PostgreSQL exclusion constraint (migration 0002); services recognise its violation.
EXCLUSIVE_OUT_CONSTRAINT = "rights_grant_exclusive_out_no_overlap"

EVENT_KIND_PATTERN = r"[a-z][a-z0-9_]*"
EVENT_KEY_PATTERN = rf"{EVENT_KIND_PATTERN}:[A-Z]{{2}}"
_KEYS_PATTERN = r"\d+( \d+)*"


# The values are the engine's (one vocabulary for both); the labels are what people read.
class Direction(models.TextChoices):
    IN = engine.Direction.IN.value, _("In (acquired or held)")
    OUT = engine.Direction.OUT.value, _("Out (licensed to someone)")
    HOLDBACK = engine.Direction.HOLDBACK.value, _("Holdback")


class Exclusivity(models.TextChoices):
    EXCLUSIVE = engine.Exclusivity.EXCLUSIVE.value, _("Exclusive")
    NON_EXCLUSIVE = engine.Exclusivity.NON_EXCLUSIVE.value, _("Non-exclusive")
    CO_EXCLUSIVE = engine.Exclusivity.CO_EXCLUSIVE.value, _("Co-exclusive")


class Status(models.TextChoices):
    DRAFT = engine.Status.DRAFT.value, _("Draft")
    PENDING = engine.Status.PENDING.value, _("Pending")
    ACTIVE = engine.Status.ACTIVE.value, _("Active")
    EXPIRED = engine.Status.EXPIRED.value, _("Expired")
    TERMINATED = engine.Status.TERMINATED.value, _("Terminated")


class TermKind(models.TextChoices):
    FIXED = "fixed", _("Fixed dates")
    RELATIVE = "relative", _("Relative to a release event")


class GrantSource(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    EMA = "ema", _("EMA Avails file")
    DEAL = "deal", _("Signed deal")


class ReleaseKind(models.TextChoices):
    """The release events a term is usually relative to (other lower-case kinds are accepted)."""

    THEATRICAL = "theatrical", _("Theatrical release")
    FESTIVAL = "festival", _("Festival premiere")
    TELEVISION = "television", _("First television broadcast")
    ON_DEMAND = "on_demand", _("First on-demand release")
    HOME_VIDEO = "home_video", _("Home video release")


class AuditAction(models.TextChoices):
    CREATE = "create", pgettext_lazy("grant history", "Created")
    UPDATE = "update", _("Changed")
    STATUS = "status", _("Status changed")
    IMPORT = "import", _("Imported")
    RESOLVE = "resolve", _("Term resolved by a release event")
    EVENT = "event", _("Release event recorded")


class Grant(TimeStampedModel):
    """One contract line of a rights ledger for one work: a box of media × territories × languages × time."""

    # The foreign keys' own indexes would repeat the composite ones in Meta (each index slows imports).
    work = models.ForeignKey(
        Film, on_delete=models.PROTECT, related_name="grants", verbose_name=_("work"), db_index=False
    )
    holder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        db_index=False,
        related_name="rights_grants",
        verbose_name=_("rights holder"),
        help_text=_("Whose rights ledger this line belongs to: normally the film's owner."),
    )
    counterparty = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,
        related_name="rights_grants_as_counterparty",
        verbose_name=_("counterparty"),
    )
    counterparty_name = models.CharField(
        _("counterparty name"),
        max_length=200,
        blank=True,
        help_text=_("The licensee or licensor when they are not on the platform."),
    )
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    exclusivity = models.CharField(
        _("exclusivity"), max_length=15, choices=Exclusivity.choices, default=Exclusivity.NON_EXCLUSIVE
    )
    co_exclusive_group = models.CharField(_("co-exclusive group"), max_length=100, blank=True)
    sublicensable = models.BooleanField(_("sublicensable"), default=False)
    licensing_until = models.DateField(
        _("licensing until"),
        null=True,
        blank=True,
        help_text=_("The last day on which these rights may still be licensed out (acquired rights only)."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE)

    territories_entered = models.TextField(_("territories"))
    media_entered = models.TextField(_("media"))
    territory_keys = models.TextField(
        _("territory keys"), editable=False, validators=[RegexValidator(f"^{_KEYS_PATTERN}$")]
    )
    media_keys = models.TextField(
        _("media keys"), editable=False, validators=[RegexValidator(f"^{_KEYS_PATTERN}$")]
    )
    language_uses = models.CharField(
        _("language uses"),
        max_length=500,
        blank=True,
        help_text=_("Empty: every language. Otherwise e.g. “fa:original ru:dubbed”."),
    )
    vocabulary_version = models.CharField(_("vocabulary version"), max_length=40, editable=False)
    contract_date = models.DateField(
        _("contract date"), help_text=_("Territory groups are resolved as they stood on this date.")
    )

    term_kind = models.CharField(_("term"), max_length=10, choices=TermKind.choices, default=TermKind.FIXED)
    start_date = models.DateField(
        _("start"), null=True, blank=True, help_text=_("Empty: from the beginning.")
    )
    end_date = models.DateField(
        _("end (exclusive)"),
        null=True,
        blank=True,
        help_text=_("The first day no longer covered. Empty: open end or perpetuity."),
    )
    event = models.CharField(
        _("release event"),
        max_length=40,
        blank=True,
        validators=[RegexValidator(f"^{EVENT_KEY_PATTERN}$")],
        help_text=_("For a relative term: kind:country, e.g. “theatrical:BY”."),
    )
    start_after_months = models.PositiveIntegerField(_("starts months after the event"), default=0)
    start_after_days = models.PositiveIntegerField(_("and days"), default=0)
    duration_months = models.PositiveIntegerField(_("lasts months"), null=True, blank=True)
    duration_days = models.PositiveIntegerField(_("and days"), null=True, blank=True)

    reference = models.CharField(_("contract reference"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=GrantSource.choices, default=GrantSource.MANUAL
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_index=False,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["work_id", "pk"]
        indexes = [
            models.Index(fields=["work", "status"], name="rights_grant_work_status"),
            models.Index(fields=["holder", "work"], name="rights_grant_holder"),
            models.Index(
                fields=["counterparty"],
                condition=Q(counterparty__isnull=False),
                name="rights_grant_counterparty",
            ),
            models.Index(fields=["work", "event"], condition=~Q(event=""), name="rights_grant_waiting"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(direction__in=Direction.values), name="rights_grant_direction_valid"
            ),
            models.CheckConstraint(
                condition=Q(exclusivity__in=Exclusivity.values), name="rights_grant_exclusivity_valid"
            ),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="rights_grant_status_valid"),
            models.CheckConstraint(
                condition=Q(term_kind__in=TermKind.values), name="rights_grant_term_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(source__in=GrantSource.values), name="rights_grant_source_valid"
            ),
            models.CheckConstraint(
                condition=~Q(territory_keys="") & ~Q(media_keys=""), name="rights_grant_dimensions_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(start_date__lt=F("end_date")),
                name="rights_grant_start_before_end",
            ),
            # A fixed term has no event fields; a relative one names its event, and its bounds are
            # either both unknown (waiting) or start from a known date.
            models.CheckConstraint(
                condition=(
                    Q(term_kind=TermKind.FIXED)
                    & Q(event="")
                    & Q(start_after_months=0)
                    & Q(start_after_days=0)
                    & Q(duration_months__isnull=True)
                    & Q(duration_days__isnull=True)
                )
                | (
                    Q(term_kind=TermKind.RELATIVE)
                    & ~Q(event="")
                    & (Q(start_date__isnull=False) | Q(end_date__isnull=True))
                ),
                name="rights_grant_term_consistent",
            ),
            models.CheckConstraint(
                condition=Q(duration_months__isnull=True, duration_days__isnull=True)
                | Q(duration_months__isnull=False, duration_days__isnull=False),
                name="rights_grant_duration_whole",
            ),
            models.CheckConstraint(
                condition=(Q(exclusivity=Exclusivity.CO_EXCLUSIVE) & ~Q(co_exclusive_group=""))
                | (~Q(exclusivity=Exclusivity.CO_EXCLUSIVE) & Q(co_exclusive_group="")),
                name="rights_grant_co_exclusive_group",
            ),
            models.CheckConstraint(
                condition=Q(licensing_until__isnull=True) | Q(direction=Direction.IN),
                name="rights_grant_licensing_until_only_in",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.direction} {self.media_entered} / {self.territories_entered}"

    @property
    def is_relative(self) -> bool:
        return self.term_kind == TermKind.RELATIVE

    @property
    def is_waiting(self) -> bool:
        """A relative term whose event is not recorded yet (it blocks at every time)."""
        return self.is_relative and self.start_date is None


class ReleaseEvent(TimeStampedModel):
    """A release of a work in a country on a date, that relative terms count from."""

    work = models.ForeignKey(
        Film, on_delete=models.PROTECT, related_name="release_events", verbose_name=_("work")
    )
    kind = models.CharField(_("kind"), max_length=30, validators=[RegexValidator(f"^{EVENT_KIND_PATTERN}$")])
    territory = models.CharField(_("country"), max_length=2, validators=[RegexValidator("^[A-Z]{2}$")])
    date = models.DateField(_("date"))

    class Meta:
        verbose_name = _("release event")
        verbose_name_plural = _("release events")
        ordering = ["work_id", "date", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["work", "kind", "territory"], name="rights_release_event_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.date.isoformat()}"

    @property
    def key(self) -> str:
        """The name relative terms use for this event: "theatrical:BY"."""
        return f"{self.kind}:{self.territory}"


class GrantAudit(models.Model):
    """One change of a work's rights: who, when, what the grant was before and after.

    `version` and `stamp` are the RightsState version and stamp of the transaction that made the
    change; a process holding an index reloads the works of the audit rows newer than the version it
    has seen, after checking by the stamp that the history it built on is still there (a database
    restored from a backup, or a test's rolled-back transaction, may reach the same version again).
    """

    grant = models.ForeignKey(
        Grant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit",
        verbose_name=_("grant"),
        help_text=_("Empty for a release event, which changes the work's terms but no grant line."),
    )
    work_id = models.BigIntegerField(_("work"))
    version = models.BigIntegerField(_("version"))
    stamp = models.CharField(_("transaction stamp"), max_length=16, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_index=False,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"))
    action = models.CharField(_("action"), max_length=10, choices=AuditAction.choices)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        verbose_name = _("grant audit entry")
        verbose_name_plural = _("grant audit entries")
        ordering = ["version", "pk"]
        indexes = [
            # What a loader asks: the works changed after a version (answered from the index alone).
            models.Index(fields=["version", "work_id"], name="rights_audit_version_work"),
            models.Index(fields=["work_id", "version"], name="rights_audit_work"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=AuditAction.values), name="rights_audit_action_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"v{self.version} {self.action} grant {self.grant_id} of work {self.work_id}"


class RightsState(models.Model):
    """The single row whose version every grant-changing transaction raises (and so orders writers).

    `stamp` is new with every version: the same version number with another stamp is another history.
    """

    SINGLETON_ID = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_ID)
    version = models.BigIntegerField(_("version"), default=0)
    stamp = models.CharField(_("stamp"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("rights state")
        verbose_name_plural = _("rights state")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="rights_state_single_row")]

    def __str__(self) -> str:
        return f"rights v{self.version}"
