"""Festivals and reciprocal film weeks.

A **programme** is what the public sees: the films of a film week or of a festival edition, its venues
and screens, its guests and its screenings. A film week (proposed by one film body, agreed by the other)
and a festival edition (with its sections, call for entries, submissions, juries and awards) each own
one programme, so curation, the optimised schedule, the public pages, iCal and the booklet serve both.

Short labels of events (festival, section, programme title, venue, city, award) are stored as a map
of language code → text in `names`, like the rights vocabularies: they are typed once by the
organiser in a few languages, not translated catalogue text. Datetimes are stored in UTC and shown in
the venue's time zone; dates are the host's calendar days, inclusive.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cinebridge.accounts.models import Organisation
from cinebridge.catalogue.models import Film, FilmVersion
from cinebridge.core.models import TimeStampedModel


class Strand(models.TextChoices):
    """Which audience a programme film is shown to; the children's and youth strand is scheduled in
    daytime or weekend slots only."""

    GENERAL = "general", pgettext_lazy("strand", "General")
    CHILDREN = "children", pgettext_lazy("strand", "Children's and youth")


class ProgrammeKind(models.TextChoices):
    FILM_WEEK = "film_week", _("Film week")
    FESTIVAL = "festival", _("Festival edition")


# Addresses the events pages take themselves (events/urls*.py), which a programme's slug would shadow
# or be shadowed by: the first segments under /events/, and film-weeks/propose/ before film-weeks/<slug>/.
# The services refuse them as programme slugs; the public URL converter never reads them as one.
RESERVED_PROGRAMME_SLUGS = frozenset({"festivals", "manage", "film-weeks", "propose"})


class Programme(TimeStampedModel):
    """The public face of a film week or festival edition: films, venues, guests and screenings."""

    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind.choices)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    names = models.JSONField(_("title"), default=dict)  # language code -> title
    host_country = models.CharField(_("host country"), max_length=2)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    time_zone = models.CharField(_("time zone"), max_length=64)  # IANA; venues may have their own
    grid_minutes = models.PositiveSmallIntegerField(_("start-time grid (minutes)"), default=15)
    changeover_minutes = models.PositiveSmallIntegerField(_("changeover (minutes)"), default=15)
    qa_minutes = models.PositiveSmallIntegerField(_("Q&A length (minutes)"), default=30)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # The last optimiser run: objective, bound, greedy objective, status, seconds, when (JSON of the engine).
    schedule_summary = models.JSONField(_("last schedule"), default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)  # bumped by every schedule change (optimistic lock)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ("-starts_on", "slug")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="programme_dates_ordered"),
            models.CheckConstraint(condition=Q(kind__in=ProgrammeKind.values), name="programme_kind_valid"),
            models.CheckConstraint(condition=Q(grid_minutes__gte=5), name="programme_grid_at_least_5"),
        ]

    def __str__(self) -> str:
        return str(self.names.get("en") or self.slug)


# --- festivals --------------------------------------------------------------------------------------


class Festival(TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="festivals", verbose_name=_("organiser")
    )
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    names = models.JSONField(_("name"), default=dict)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("festival")
        verbose_name_plural = _("festivals")
        ordering = ("slug",)

    def __str__(self) -> str:
        return str(self.names.get("en") or self.slug)


class Edition(TimeStampedModel):
    festival = models.ForeignKey(
        Festival, on_delete=models.PROTECT, related_name="editions", verbose_name=_("festival")
    )
    programme = models.OneToOneField(
        Programme, on_delete=models.PROTECT, related_name="edition", verbose_name=_("programme")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("edition number"), null=True, blank=True)

    class Meta:
        verbose_name = _("festival edition")
        verbose_name_plural = _("festival editions")
        ordering = ("festival", "-year")
        constraints = [models.UniqueConstraint(fields=("festival", "year"), name="edition_year_unique")]

    def __str__(self) -> str:
        return f"{self.festival} {self.year}"


class Section(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="sections")
    code = models.SlugField(_("code"), max_length=40)
    names = models.JSONField(_("name"), default=dict)
    strand = models.CharField(_("audience"), max_length=20, choices=Strand.choices, default=Strand.GENERAL)
    is_competition = models.BooleanField(_("competition"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ("edition", "position", "code")
        constraints = [models.UniqueConstraint(fields=("edition", "code"), name="section_code_unique")]

    def __str__(self) -> str:
        return str(self.names.get("en") or self.code)


class PremiereStatus(models.TextChoices):
    """From the strongest claim to none: a world premiere is also an international and a national one."""

    WORLD = "world", _("World premiere")
    INTERNATIONAL = "international", _("International premiere")
    NATIONAL = "national", _("National premiere")
    NONE = "none", _("No premiere")


class Call(TimeStampedModel):
    """A call for entries to one section, with the rules a submission is checked against."""

    section = models.OneToOneField(Section, on_delete=models.CASCADE, related_name="call")
    opens_on = models.DateField(_("opens"))
    deadline = models.DateField(_("deadline"))
    kinds = models.JSONField(_("kinds of film"), default=list, blank=True)  # FilmKind values; empty: any
    min_runtime = models.PositiveSmallIntegerField(_("shortest runtime (minutes)"), null=True, blank=True)
    max_runtime = models.PositiveSmallIntegerField(_("longest runtime (minutes)"), null=True, blank=True)
    min_year = models.PositiveSmallIntegerField(_("produced in or after"), null=True, blank=True)
    premiere = models.CharField(
        _("premiere required"), max_length=20, choices=PremiereStatus.choices, default=PremiereStatus.NONE
    )
    countries = models.JSONField(_("countries of production"), default=list, blank=True)  # empty: any
    audiences = models.JSONField(_("audiences"), default=list, blank=True)  # catalogue Audience values
    rules_text = models.TextField(_("other rules"), blank=True)

    class Meta:
        verbose_name = _("call for entries")
        verbose_name_plural = _("calls for entries")
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gte=F("opens_on")), name="call_dates_ordered"),
            models.CheckConstraint(
                condition=Q(min_runtime__isnull=True)
                | Q(max_runtime__isnull=True)
                | Q(max_runtime__gte=F("min_runtime")),
                name="call_runtime_ordered",
            ),
        ]


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("submission status", "Submitted")
    IN_REVIEW = "in_review", pgettext_lazy("submission status", "In review")
    SELECTED = "selected", pgettext_lazy("submission status", "Selected")
    NOT_SELECTED = "not_selected", pgettext_lazy("submission status", "Not selected")
    SCREENED = "screened", pgettext_lazy("submission status", "Screened")
    AWARDED = "awarded", pgettext_lazy("submission status", "Awarded")
    WITHDRAWN = "withdrawn", pgettext_lazy("submission status", "Withdrawn")


class Submission(TimeStampedModel):
    """A catalogue film entered to a call (never retyped), with its eligibility and where it stands."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="submissions")
    film = models.ForeignKey(Film, on_delete=models.PROTECT, related_name="submissions")
    applicant = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("applicant")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    premiere = models.CharField(
        _("premiere status"), max_length=20, choices=PremiereStatus.choices, default=PremiereStatus.NONE
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.SUBMITTED
    )
    # The eligibility engine's answer when entered: [{"rule": code, "params": {...}}] of rules broken.
    eligibility_problems = models.JSONField(default=list, blank=True)
    note = models.TextField(_("note to the festival"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(fields=("call", "film"), name="submission_once_per_call"),
            models.CheckConstraint(
                condition=Q(status__in=SubmissionStatus.values), name="submission_status_valid"
            ),
        ]


class SubmissionEvent(models.Model):
    """Every step of a submission: who moved it from which status to which, and the message sent."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    message = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class JuryMember(TimeStampedModel):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="jury")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="jury_seats")
    is_president = models.BooleanField(_("president"), default=False)

    class Meta:
        verbose_name = _("jury member")
        verbose_name_plural = _("jury members")
        ordering = ("section", "-is_president", "pk")
        constraints = [models.UniqueConstraint(fields=("section", "user"), name="jury_member_once")]


class JuryScore(TimeStampedModel):
    """One member's score of one submission; the note is private to the member (and never shown to the
    applicant). A declared conflict of interest takes the score out of the aggregate."""

    member = models.ForeignKey(JuryMember, on_delete=models.CASCADE, related_name="scores")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)  # 1..10; None: abstained
    private_note = models.TextField(_("private note"), blank=True)
    conflict_declared = models.BooleanField(_("I have a conflict of interest"), default=False)

    class Meta:
        verbose_name = _("jury score")
        verbose_name_plural = _("jury scores")
        constraints = [
            models.UniqueConstraint(fields=("member", "submission"), name="jury_score_once"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=10), name="jury_score_range"
            ),
        ]


class Award(TimeStampedModel):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="awards")
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="awards")
    names = models.JSONField(_("award"), default=dict)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ("section", "pk")


# --- film weeks ---------------------------------------------------------------------------------------


class FilmWeekStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("film week status", "Proposed")
    AGREED = "agreed", pgettext_lazy("film week status", "Agreed")
    DECLINED = "declined", pgettext_lazy("film week status", "Declined")
    CANCELLED = "cancelled", pgettext_lazy("film week status", "Cancelled")


class FilmWeek(TimeStampedModel):
    """A week of one country's films in another, proposed by one film body and agreed by the other."""

    programme = models.OneToOneField(
        Programme, on_delete=models.PROTECT, related_name="film_week", verbose_name=_("programme")
    )
    proposed_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="film_weeks_proposed",
        verbose_name=_("proposed by"),
    )
    partner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="film_weeks_partnered", verbose_name=_("partner")
    )
    guest_country = models.CharField(_("guest country"), max_length=2)
    status = models.CharField(
        _("status"), max_length=20, choices=FilmWeekStatus.choices, default=FilmWeekStatus.PROPOSED
    )
    proposal_note = models.TextField(_("proposal"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("film week")
        verbose_name_plural = _("film weeks")
        constraints = [
            models.CheckConstraint(condition=~Q(proposed_by=F("partner")), name="film_week_two_parties"),
            models.CheckConstraint(
                condition=Q(status__in=FilmWeekStatus.values), name="film_week_status_valid"
            ),
        ]


# --- what a programme holds ---------------------------------------------------------------------------


class Venue(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="venues")
    names = models.JSONField(_("name"), default=dict)
    city_names = models.JSONField(_("city"), default=dict)
    city_key = models.SlugField(_("city code"), max_length=60)  # groups venues of one city
    address = models.CharField(_("address"), max_length=300, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ("programme", "city_key", "pk")

    def __str__(self) -> str:
        return str(self.names.get("en") or next(iter(self.names.values()), "") or self.pk)


class Projection(models.TextChoices):
    DCP = "dcp", "DCP"
    FILE = "file", pgettext_lazy("projection", "File")
    BOTH = "both", pgettext_lazy("projection", "DCP and file")


class Hall(models.Model):
    """A screen of a venue (`Screen` is the exhibition app's cinema screen)."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="halls")
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveIntegerField(_("seats"))
    opens_at = models.TimeField(_("opens"))
    closes_at = models.TimeField(_("closes"))  # earlier than opens_at: past midnight
    projection = models.CharField(
        _("projection"), max_length=10, choices=Projection.choices, default=Projection.BOTH
    )

    class Meta:
        verbose_name = _("screen")
        verbose_name_plural = _("screens")
        ordering = ("venue", "name")
        constraints = [
            models.UniqueConstraint(fields=("venue", "name"), name="hall_name_unique"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="hall_has_seats"),
        ]

    def __str__(self) -> str:
        return f"{self.venue} — {self.name}"


class SlotAudience(models.TextChoices):
    """The oldest audience a slot admits, from the youngest up (the engine's `Audience`)."""

    CHILDREN = "children", pgettext_lazy("slot audience", "Children")
    YOUTH = "youth", pgettext_lazy("slot audience", "Children and youth")
    GENERAL = "general", pgettext_lazy("slot audience", "Everyone")


class AudienceSlot(models.Model):
    """Hours in which only films for a given audience and age may play (a children's cinema, family
    mornings at weekends): the engine's audience bands. No film rated above the slot's audience is
    scheduled in it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="audience_slots")
    hall = models.ForeignKey(
        Hall,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audience_slots",
        verbose_name=_("screen"),
    )  # None: every screen of the programme
    weekdays = models.JSONField(_("days of the week"), default=list, blank=True)  # ISO 1..7; empty: every day
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))
    audience = models.CharField(_("audience"), max_length=20, choices=SlotAudience.choices)
    max_age = models.PositiveSmallIntegerField(_("highest minimum age"), null=True, blank=True)

    class Meta:
        verbose_name = _("audience slot")
        verbose_name_plural = _("audience slots")
        ordering = ("programme", "starts_at", "pk")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="audience_slot_ordered"),
            models.CheckConstraint(condition=Q(audience__in=SlotAudience.values), name="audience_slot_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M} {self.audience}"


class CopyFormat(models.TextChoices):
    DCP = "dcp", "DCP"
    FILE = "file", pgettext_lazy("projection", "File")


class ProgrammeFilm(TimeStampedModel):
    """A film selected for a programme, with what the curator decided about showing it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="films")
    film = models.ForeignKey(Film, on_delete=models.PROTECT, related_name="programme_entries")
    version = models.ForeignKey(
        FilmVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    subtitle_language = models.CharField(_("subtitles"), max_length=8, blank=True)
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, null=True, blank=True, related_name="films"
    )
    submission = models.OneToOneField(
        Submission, on_delete=models.PROTECT, null=True, blank=True, related_name="programme_film"
    )
    strand = models.CharField(_("strand"), max_length=20, choices=Strand.choices, default=Strand.GENERAL)
    min_screenings = models.PositiveSmallIntegerField(_("at least"), default=1)
    max_screenings = models.PositiveSmallIntegerField(_("at most"), default=2)
    appeal = models.PositiveSmallIntegerField(_("expected appeal (%)"), default=50)  # share of seats filled
    is_premiere = models.BooleanField(_("premiere"), default=False)
    copy_format = models.CharField(
        _("copy"), max_length=10, choices=CopyFormat.choices, default=CopyFormat.DCP
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        verbose_name = _("programme film")
        verbose_name_plural = _("programme films")
        ordering = ("programme", "pk")
        constraints = [
            models.UniqueConstraint(fields=("programme", "film"), name="programme_film_once"),
            models.CheckConstraint(
                condition=Q(max_screenings__gte=F("min_screenings")), name="programme_film_counts_ordered"
            ),
            models.CheckConstraint(condition=Q(appeal__lte=100), name="programme_film_appeal_percent"),
        ]


class Guest(TimeStampedModel):
    """A guest of the programme (a director, an actor, a delegation member), with the data a visa
    invitation letter needs. Passport data is seen only by the programme's organisers."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="guests")
    full_name = models.CharField(_("full name (as in the passport)"), max_length=200)
    names = models.JSONField(_("name in other scripts"), default=dict, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    delegation = models.CharField(_("delegation"), max_length=200, blank=True)
    nationality = models.CharField(_("nationality"), max_length=2)
    passport_number = models.CharField(_("passport number"), max_length=40, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    arrives_at = models.DateTimeField(_("arrival"))
    departs_at = models.DateTimeField(_("departure"))
    city_key = models.SlugField(_("city code"), max_length=60)  # the city the guest stays in
    qa_films = models.ManyToManyField(
        ProgrammeFilm, blank=True, related_name="qa_guests", verbose_name=_("Q&A after")
    )

    class Meta:
        verbose_name = _("guest")
        verbose_name_plural = _("guests")
        ordering = ("programme", "arrives_at", "pk")
        constraints = [
            models.CheckConstraint(condition=Q(departs_at__gt=F("arrives_at")), name="guest_stay_ordered"),
        ]


class Screening(TimeStampedModel):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="screenings")
    programme_film = models.ForeignKey(ProgrammeFilm, on_delete=models.CASCADE, related_name="screenings")
    hall = models.ForeignKey(Hall, on_delete=models.PROTECT, related_name="screenings")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))  # the film's end (the Q&A follows)
    qa_guest = models.ForeignKey(
        Guest, on_delete=models.SET_NULL, null=True, blank=True, related_name="screenings"
    )
    is_locked = models.BooleanField(_("locked"), default=False)
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        ordering = ("starts_at", "hall")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="screening_ends_after_start"
            ),
        ]
