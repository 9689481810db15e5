"""Co-production: projects and their co-producers, financing and creatives; the editable rule sets; the
partner matchmaking; the directory of studios, locations and specialists (MoU areas 3, 5 and 6).

A project's **shares** come from one truth: each co-producer's share is the financing it brings (every
`FinancingSource` belongs to one co-producer, as in a treaty's financing plan: a pre-sale or a national
fund counts for the co-producer that raised it) plus the value of its in-kind contributions (studio,
post-production, VFX, equipment). Artistic contributions are recorded, not valued. The eligibility
engine (`engine/eligibility.py`) reads a project as plain data (`bridge.py`) and a rule set as data
(`rulesets/*.json`, or a `RuleSet` row for the ones film bodies edit).

Short labels (titles, loglines, studio and location names) are maps of language code → text, like the
events app's `names`. Amounts are decimals in the project's currency, `NUMERIC(24, 4)`.
"""

from __future__ import annotations

from typing import TypedDict

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cinebridge.accounts.models import Organisation
from cinebridge.catalogue.models import Audience, Film, Person
from cinebridge.core.models import TimeStampedModel


class _MoneyDigits(TypedDict):
    max_digits: int
    decimal_places: int


# As the exhibition app's amounts: up to 10^20 with four decimals (rials by the billion).
MONEY_DIGITS = _MoneyDigits(max_digits=24, decimal_places=4)


class ProjectKind(models.TextChoices):
    FEATURE = "feature", _("Feature")
    DOCUMENTARY = "documentary", _("Documentary")
    SHORT = "short", _("Short")
    ANIMATION = "animation", _("Animation")
    SERIES = "series", _("Series")


class ProjectStage(models.TextChoices):
    """In order: a project moves forward (or back) one stage at a time."""

    DEVELOPMENT = "development", _("Development")
    FINANCING = "financing", _("Financing")
    PRE_PRODUCTION = "pre_production", _("Pre-production")
    SHOOTING = "shooting", _("Shooting")
    POST_PRODUCTION = "post_production", _("Post-production")
    COMPLETED = "completed", pgettext_lazy("project stage", "Completed")


class Project(TimeStampedModel):
    """A film being co-produced. Its title, logline, kind and stage are seen by every signed-in person
    when it looks for partners; its financing, contributions and creatives only by its co-producers
    and their film bodies."""

    lead = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="led_projects", verbose_name=_("lead producer")
    )
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    titles = models.JSONField(_("title"), default=dict)  # language code -> title
    loglines = models.JSONField(_("logline"), default=dict, blank=True)
    synopses = models.JSONField(_("synopsis"), default=dict, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ProjectKind.choices)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.CHILDREN
    )
    stage = models.CharField(
        pgettext_lazy("project stage", "stage"),
        max_length=20,
        choices=ProjectStage.choices,
        default=ProjectStage.DEVELOPMENT,
    )
    target_runtime_minutes = models.PositiveSmallIntegerField(
        _("target runtime (minutes)"), null=True, blank=True
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)  # language codes
    budget = models.DecimalField(_("budget"), **MONEY_DIGITS)
    currency = models.CharField(_("currency"), max_length=3)
    # Where the work is done, as ISO 3166 codes: read by the rules on shooting and post-production and by
    # the points tables' place entries.
    shooting_countries = models.JSONField(_("shooting countries"), default=list, blank=True)
    post_countries = models.JSONField(_("post-production countries"), default=list, blank=True)
    animation_countries = models.JSONField(_("animation countries"), default=list, blank=True)
    start_year = models.PositiveSmallIntegerField(_("year production starts"))
    support_requested = models.DecimalField(
        _("support requested"), null=True, blank=True, **MONEY_DIGITS
    )  # from a fund whose rule set caps it (Eurimages)
    seeking_partners = models.BooleanField(_("looking for partners"), default=False)
    version = models.PositiveIntegerField(default=1)  # bumped by every change (optimistic lock)

    class Meta:
        verbose_name = _("co-production project")
        verbose_name_plural = _("co-production projects")
        ordering = ("-created_at", "slug")
        constraints = [
            models.CheckConstraint(condition=Q(budget__gte=0), name="project_budget_not_negative"),
            models.CheckConstraint(condition=Q(kind__in=ProjectKind.values), name="project_kind_valid"),
            models.CheckConstraint(condition=Q(stage__in=ProjectStage.values), name="project_stage_valid"),
        ]

    def __str__(self) -> str:
        return str(self.titles.get("en") or self.slug)


class CoProducer(models.Model):
    """A company co-producing the project. Usually an organisation of the platform (its members then
    see the project's private side); a company not on the platform is named with its country."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="coproducers")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="coproductions",
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("company"), max_length=200)
    country = models.CharField(_("country"), max_length=2)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("co-producer")
        verbose_name_plural = _("co-producers")
        ordering = ("project", "position", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("project", "organisation"),
                condition=Q(organisation__isnull=False),
                name="coproducer_organisation_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"


class ContributionKind(models.TextChoices):
    IN_KIND = "in_kind", _("In-kind technical contribution")
    ARTISTIC = "artistic", _("Artistic contribution")


class InKindCategory(models.TextChoices):
    STUDIO = "studio", _("Studio")
    POST_PRODUCTION = "post_production", _("Post-production")
    VFX = "vfx", _("Visual effects")
    ANIMATION = "animation", _("Animation")
    EQUIPMENT = "equipment", _("Equipment")
    SOUND = "sound", _("Sound")
    OTHER = "other", _("Other")


class Contribution(models.Model):
    """What a co-producer brings besides money: in-kind technical work, valued in the project's currency
    (it counts towards the co-producer's share), or an artistic contribution (recorded, value 0)."""

    coproducer = models.ForeignKey(CoProducer, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(_("kind"), max_length=20, choices=ContributionKind.choices)
    category = models.CharField(_("category"), max_length=20, choices=InKindCategory.choices, blank=True)
    description = models.CharField(_("description"), max_length=300)
    value = models.DecimalField(_("value"), default=0, **MONEY_DIGITS)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ("coproducer", "kind", "pk")
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="contribution_value_not_negative"),
            models.CheckConstraint(
                condition=~Q(kind="artistic") | Q(value=0), name="artistic_contribution_not_valued"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"


class FinancingKind(models.TextChoices):
    NATIONAL_FUND = "national_fund", _("National fund")
    COPRODUCER = "coproducer", _("Co-producer's own investment")
    PRE_SALE = "pre_sale", _("Pre-sale")
    MINIMUM_GUARANTEE = "minimum_guarantee", _("Minimum guarantee")
    BROADCASTER = "broadcaster", _("Broadcaster")
    INCENTIVE = "incentive", _("Tax incentive or rebate")
    OTHER = "other", _("Other")


class FinancingSource(models.Model):
    """One line of the financing plan, raised by one co-producer; confirmed by a letter of a date (letters
    older than six months are flagged) or still pending."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="financing")
    coproducer = models.ForeignKey(
        CoProducer, on_delete=models.CASCADE, related_name="financing", verbose_name=_("raised by")
    )
    kind = models.CharField(_("source"), max_length=20, choices=FinancingKind.choices)
    name = models.CharField(_("financier"), max_length=200)
    amount = models.DecimalField(_("amount"), **MONEY_DIGITS)
    is_confirmed = models.BooleanField(_("confirmed"), default=False)
    letter_date = models.DateField(_("date of the letter"), null=True, blank=True)

    class Meta:
        verbose_name = _("financing source")
        verbose_name_plural = _("financing sources")
        ordering = ("project", "coproducer", "pk")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="financing_amount_positive"),
            models.CheckConstraint(
                condition=Q(is_confirmed=False) | Q(letter_date__isnull=False),
                name="confirmed_financing_has_letter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.amount}"


class CreativeRole(models.TextChoices):
    """Key creative and technical posts, the vocabulary the points tables of the rule sets use."""

    DIRECTOR = "director", _("Director")
    SCREENWRITER = "screenwriter", _("Screenwriter")
    COMPOSER = "composer", _("Composer")
    LEAD_1 = "lead_1", _("First lead role")
    LEAD_2 = "lead_2", _("Second lead role")
    LEAD_3 = "lead_3", _("Third lead role")
    DIRECTOR_OF_PHOTOGRAPHY = "director_of_photography", _("Director of photography")
    SOUND = "sound", _("Sound recordist")
    EDITOR = "editor", _("Editor")
    PRODUCTION_DESIGNER = "production_designer", _("Production designer")
    COSTUME_DESIGNER = "costume_designer", _("Costume designer")
    MAKE_UP = "make_up", _("Make-up artist")
    STORYBOARD = "storyboard", _("Storyboard artist")
    CHARACTER_DESIGNER = "character_designer", _("Character designer")
    ANIMATION_DIRECTOR = "animation_director", _("Animation director")
    LAYOUT = "layout", _("Layout artist")
    BACKGROUND = "background", _("Background artist")
    LEAD_ANIMATOR = "lead_animator", _("Lead animator")
    COMPOSITING = "compositing", _("Compositing supervisor")
    VOICE_1 = "voice_1", _("First voice role")
    VOICE_2 = "voice_2", _("Second voice role")
    RESEARCHER = "researcher", _("Researcher")
    OTHER = "other", _("Other")


class Creative(models.Model):
    """A key creative or a member of the cast, with nationality; a lead's days worked are recorded too."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="creatives")
    role = models.CharField(_("post"), max_length=30, choices=CreativeRole.choices)
    name = models.CharField(_("name"), max_length=200)
    nationality = models.CharField(_("nationality"), max_length=2)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, related_name="+", null=True, blank=True, verbose_name=_("person")
    )
    days_worked = models.PositiveSmallIntegerField(_("days worked"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("creative")
        verbose_name_plural = _("creatives")
        ordering = ("project", "position", "pk")

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"


class RuleSet(TimeStampedModel):
    """A rule set kept in the database so that film bodies edit it in the UI (the Iran–Belarus programme
    rules). Its `document` has the shape of the shipped files (`rulesets/*.json`, docs/coproduction.md);
    each edit keeps the previous document as a revision."""

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    document = models.JSONField(_("rules"))
    editors = models.ManyToManyField(
        Organisation, related_name="coproduction_rule_sets", verbose_name=_("edited by")
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.slug


class RuleSetRevision(models.Model):
    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    document = models.JSONField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("rule_set", "-version")
        constraints = [models.UniqueConstraint(fields=("rule_set", "version"), name="rule_set_revision_once")]

    def __str__(self) -> str:
        return f"{self.rule_set_id} v{self.version}"


# --- matchmaking ------------------------------------------------------------------------------------


class Capability(models.TextChoices):
    ANIMATION_STUDIO = "animation_studio", _("Animation studio")
    POST_PRODUCTION = "post_production", _("Post-production")
    VFX = "vfx", _("Visual effects")
    SOUND = "sound", _("Sound and music")
    STAGES = "stages", _("Studio stages")
    EQUIPMENT = "equipment", _("Equipment rental")
    LOCATIONS = "locations", _("Locations and line production")
    DUBBING = "dubbing", _("Dubbing and subtitling")
    FINANCING = "financing", _("Financing")
    DISTRIBUTION = "distribution", _("Distribution")
    SCREENWRITING = "screenwriting", _("Screenwriting")


class CompanyProfile(TimeStampedModel):
    """What a company offers co-producers: capabilities, the audiences it makes films for, languages,
    the contribution it usually brings and its past co-productions (films of the catalogue)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="coproduction_profile"
    )
    capabilities = models.JSONField(_("capabilities"), default=list, blank=True)  # Capability values
    audiences = models.JSONField(_("audiences"), default=list, blank=True)  # catalogue Audience values
    languages = models.JSONField(_("working languages"), default=list, blank=True)
    contribution_min = models.DecimalField(
        _("usual contribution from"), null=True, blank=True, **MONEY_DIGITS
    )
    contribution_max = models.DecimalField(
        _("usual contribution up to"), null=True, blank=True, **MONEY_DIGITS
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    descriptions = models.JSONField(_("what we offer"), default=dict, blank=True)
    past_coproductions = models.ManyToManyField(
        Film, blank=True, related_name="+", verbose_name=_("past co-productions")
    )
    is_open = models.BooleanField(_("open to co-productions"), default=True)

    class Meta:
        verbose_name = _("company profile")
        verbose_name_plural = _("company profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(contribution_min__isnull=True)
                | Q(contribution_max__isnull=True)
                | Q(contribution_max__gte=F("contribution_min")),
                name="profile_contribution_ordered",
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation_id)


class PartnerNeed(models.Model):
    """What a project looks for in a partner: a country (blank: any), capabilities and the contribution
    it hopes the partner brings, in the project's currency."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="needs")
    country = models.CharField(_("country"), max_length=2, blank=True)
    capabilities = models.JSONField(_("capabilities"), default=list, blank=True)
    contribution_min = models.DecimalField(_("contribution from"), null=True, blank=True, **MONEY_DIGITS)
    contribution_max = models.DecimalField(_("contribution up to"), null=True, blank=True, **MONEY_DIGITS)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("partner wanted")
        verbose_name_plural = _("partners wanted")
        ordering = ("project", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(contribution_min__isnull=True)
                | Q(contribution_max__isnull=True)
                | Q(contribution_max__gte=F("contribution_min")),
                name="need_contribution_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.country or '*'}"


class RequestStatus(models.TextChoices):
    """Where a request between two parties stands: meetings, bookings and invitations."""

    PENDING = "pending", pgettext_lazy("request status", "Pending")
    ACCEPTED = "accepted", pgettext_lazy("request status", "Accepted")
    DECLINED = "declined", pgettext_lazy("request status", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("request status", "Withdrawn")


class MeetingRequest(TimeStampedModel):
    """One party asks another for a meeting, about a project or not; the other accepts or declines."""

    from_organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    to_organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="meetings", null=True, blank=True
    )
    message = models.TextField(_("message"))
    proposed_at = models.DateTimeField(_("proposed time"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    reply = models.TextField(_("reply"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ("-created_at",)
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_organisation=F("to_organisation")), name="meeting_between_two_parties"
            ),
            models.CheckConstraint(condition=Q(status__in=RequestStatus.values), name="meeting_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.from_organisation_id} → {self.to_organisation_id}"


# --- studios, locations and specialists (MoU areas 6 and 3) -----------------------------------------


class Studio(TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="studios", verbose_name=_("operated by")
    )
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    names = models.JSONField(_("name"), default=dict)
    descriptions = models.JSONField(_("description"), default=dict, blank=True)
    country = models.CharField(_("country"), max_length=2)
    region = models.CharField(_("region"), max_length=120, blank=True)
    city = models.CharField(_("city"), max_length=120)
    capabilities = models.JSONField(_("services"), default=list, blank=True)  # Capability values
    equipment = models.TextField(_("equipment"), blank=True)

    class Meta:
        verbose_name = _("studio")
        verbose_name_plural = _("studios")
        ordering = ("country", "slug")

    def __str__(self) -> str:
        return str(self.names.get("en") or self.slug)


class Stage(models.Model):
    studio = models.ForeignKey(Studio, on_delete=models.CASCADE, related_name="stages")
    name = models.CharField(_("name"), max_length=120)
    width_m = models.DecimalField(_("width (m)"), max_digits=6, decimal_places=2)
    length_m = models.DecimalField(_("length (m)"), max_digits=6, decimal_places=2)
    height_m = models.DecimalField(_("height (m)"), max_digits=6, decimal_places=2, null=True, blank=True)
    features = models.CharField(_("features"), max_length=300, blank=True)  # e.g. green screen, tank

    class Meta:
        verbose_name = pgettext_lazy("sound stage", "stage")
        verbose_name_plural = pgettext_lazy("sound stage", "stages")
        ordering = ("studio", "name")
        constraints = [
            models.CheckConstraint(condition=Q(width_m__gt=0) & Q(length_m__gt=0), name="stage_size_positive")
        ]

    def __str__(self) -> str:
        return self.name


class Location(TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="locations", verbose_name=_("managed by")
    )
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    names = models.JSONField(_("name"), default=dict)
    descriptions = models.JSONField(_("description"), default=dict, blank=True)
    country = models.CharField(_("country"), max_length=2)
    region = models.CharField(_("region"), max_length=120)
    permits_needed = models.TextField(_("permits needed"), blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ("country", "slug")

    def __str__(self) -> str:
        return str(self.names.get("en") or self.slug)


class LocationPhoto(models.Model):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="locations/%Y/")
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("location", "position", "pk")

    def __str__(self) -> str:
        return self.caption or str(self.pk)


class Closure(models.Model):
    """Days a studio or location cannot be booked (maintenance, a season, a booking made elsewhere)."""

    studio = models.ForeignKey(
        Studio, on_delete=models.CASCADE, related_name="closures", null=True, blank=True
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="closures", null=True, blank=True
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ("starts_on", "pk")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="closure_dates_ordered"),
            models.CheckConstraint(
                condition=(Q(studio__isnull=False) & Q(location__isnull=True))
                | (Q(studio__isnull=True) & Q(location__isnull=False)),
                name="closure_of_one_facility",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on}–{self.ends_on}"


class Booking(TimeStampedModel):
    """A request to use a studio (or one of its stages) or a location on some days; the operator accepts
    (the days are then taken) or declines."""

    studio = models.ForeignKey(
        Studio, on_delete=models.CASCADE, related_name="bookings", null=True, blank=True
    )
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="bookings", null=True, blank=True)
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="bookings", null=True, blank=True
    )
    requester = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="facility_bookings")
    project = models.ForeignKey(
        Project, on_delete=models.SET_NULL, related_name="bookings", null=True, blank=True
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    reply = models.TextField(_("reply"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("booking request")
        verbose_name_plural = _("booking requests")
        ordering = ("starts_on", "pk")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="booking_dates_ordered"),
            models.CheckConstraint(
                condition=(Q(studio__isnull=False) & Q(location__isnull=True))
                | (Q(studio__isnull=True) & Q(location__isnull=False) & Q(stage__isnull=True)),
                name="booking_of_one_facility",
            ),
            models.CheckConstraint(condition=Q(status__in=RequestStatus.values), name="booking_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on}–{self.ends_on}"


class Specialist(TimeStampedModel):
    """A professional available to work on co-productions (MoU area 3). Linked to a catalogue person, the
    credits shown are the catalogue's; the organisation that lists the specialist answers invitations."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="specialists", verbose_name=_("listed by")
    )
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, related_name="+", null=True, blank=True, verbose_name=_("person")
    )
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    names = models.JSONField(_("name"), default=dict)
    bios = models.JSONField(_("biography"), default=dict, blank=True)
    country = models.CharField(_("country"), max_length=2)
    skills = models.JSONField(_("skills"), default=list, blank=True)  # CreativeRole values
    languages = models.JSONField(_("languages"), default=list, blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)

    class Meta:
        verbose_name = _("specialist")
        verbose_name_plural = _("specialists")
        ordering = ("country", "slug")
        constraints = [
            models.CheckConstraint(
                condition=Q(available_from__isnull=True)
                | Q(available_until__isnull=True)
                | Q(available_until__gte=F("available_from")),
                name="specialist_availability_ordered",
            )
        ]

    def __str__(self) -> str:
        return str(self.names.get("en") or self.slug)


class Invitation(TimeStampedModel):
    """A project invites a specialist to a post for some days; the specialist's organisation answers."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    specialist = models.ForeignKey(Specialist, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(_("post"), max_length=30, choices=CreativeRole.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    reply = models.TextField(_("reply"), blank=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ("-created_at",)
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="invitation_dates_ordered"),
            models.CheckConstraint(
                condition=Q(status__in=RequestStatus.values), name="invitation_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.specialist_id} ({self.role})"
