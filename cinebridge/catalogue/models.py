"""The film catalogue: films, their texts, people and credits, versions, ratings, identifiers."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cinebridge.accounts.models import Organisation
from cinebridge.core.models import TimeStampedModel

FIRST_FILM_YEAR = 1888  # Roundhay Garden Scene
LAST_PLAUSIBLE_YEAR = 2100


class FilmKind(models.TextChoices):
    FEATURE = "feature", _("Feature")
    SHORT = "short", _("Short")
    DOCUMENTARY = "documentary", _("Documentary")
    ANIMATION = "animation", _("Animation")
    SERIES = "series", _("Series")


class Audience(models.TextChoices):
    CHILDREN = "children", _("Children")
    YOUTH = "youth", _("Youth")
    GENERAL = "general", _("General")


class Genre(models.Model):
    """A genre of the shared vocabulary; its names are UI strings (see vocabularies.GENRE_NAMES)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("genre")
        verbose_name_plural = _("genres")

    def __str__(self) -> str:
        return self.code


class Film(TimeStampedModel):
    """A work offered in the catalogue by its rights holder."""

    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="films", verbose_name=_("rights holder")
    )
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    original_title = models.CharField(_("original title"), max_length=300)
    original_language = models.CharField(_("original language"), max_length=8)
    kind = models.CharField(_("kind"), max_length=20, choices=FilmKind.choices)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.GENERAL
    )
    year = models.PositiveSmallIntegerField(_("year"))
    runtime_minutes = models.PositiveSmallIntegerField(_("runtime (minutes)"))
    genres = models.ManyToManyField(Genre, blank=True, related_name="films", verbose_name=_("genres"))
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Unpublished films are seen only by their rights holder.")
    )
    poster = models.ImageField(_("poster"), upload_to="posters/%Y/", blank=True)
    eidr = models.CharField(_("EIDR"), max_length=40, blank=True)
    isan = models.CharField(_("ISAN"), max_length=60, blank=True)
    imdb_id = models.CharField(_("IMDb id"), max_length=12, blank=True)
    # Saleor's pattern: writes raise the flag, a batch job rebuilds the search document and lowers it.
    search_index_dirty = models.BooleanField(
        _("search index out of date"), default=True, db_index=True, editable=False
    )

    class Meta:
        verbose_name = _("film")
        verbose_name_plural = _("films")
        # The catalogue's orderings: a page is read by walking an index in order, filtering on the way
        # and stopping when it is full, instead of sorting every film.
        indexes = [
            models.Index(fields=["-year", "original_title", "id"], name="film_catalogue_order"),
            models.Index(fields=["-created_at", "-id"], name="film_latest_order"),
            models.Index(fields=["kind", "year"]),
            models.Index(fields=["audience", "year"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_FILM_YEAR) & Q(year__lte=LAST_PLAUSIBLE_YEAR),
                name="film_year_plausible",
            ),
            models.CheckConstraint(condition=Q(runtime_minutes__gte=1), name="film_runtime_positive"),
            models.CheckConstraint(condition=Q(kind__in=FilmKind.values), name="film_kind_valid"),
            models.CheckConstraint(condition=Q(audience__in=Audience.values), name="film_audience_valid"),
            models.UniqueConstraint(fields=["eidr"], condition=~Q(eidr=""), name="film_eidr_unique"),
            models.UniqueConstraint(fields=["isan"], condition=~Q(isan=""), name="film_isan_unique"),
            models.UniqueConstraint(fields=["imdb_id"], condition=~Q(imdb_id=""), name="film_imdb_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.original_title} ({self.year})"


class FilmCountry(models.Model):
    """A production country of a film, in the order the film credits them."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="countries")
    country = models.CharField(_("country"), max_length=2)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("production country")
        verbose_name_plural = _("production countries")
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["film", "country"], name="film_country_unique")]
        indexes = [models.Index(fields=["country", "film"])]

    def __str__(self) -> str:
        return self.country


class FilmTranslation(models.Model):
    """The film's title and synopsis in one language (Saleor's translation-table pattern)."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="translations")
    language_code = models.CharField(_("language"), max_length=8)
    title = models.CharField(_("title"), max_length=300)
    synopsis = models.TextField(_("synopsis"), blank=True)

    class Meta:
        verbose_name = _("film translation")
        verbose_name_plural = _("film translations")
        constraints = [
            models.UniqueConstraint(fields=["film", "language_code"], name="film_translation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} [{self.language_code}]"


class Person(TimeStampedModel):
    """Someone credited on films, with names in several scripts."""

    slug = models.SlugField(_("address"), max_length=120, unique=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    search_index_dirty = models.BooleanField(
        _("search index out of date"), default=True, db_index=True, editable=False
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.slug


class PersonName(models.Model):
    """The person's name as written in one language (and so in its script)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    language_code = models.CharField(_("language"), max_length=8)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("person's name")
        verbose_name_plural = _("people's names")
        constraints = [models.UniqueConstraint(fields=["person", "language_code"], name="person_name_unique")]

    def __str__(self) -> str:
        return self.name


class CreditRole(models.TextChoices):
    DIRECTOR = "director", _("Director")
    SCREENWRITER = "screenwriter", _("Screenwriter")
    PRODUCER = "producer", _("Producer")
    CINEMATOGRAPHER = "cinematographer", _("Cinematographer")
    EDITOR = "editor", pgettext_lazy("film credit", "Editor")
    COMPOSER = "composer", _("Composer")
    ANIMATOR = "animator", _("Animation director")
    ACTOR = "actor", _("Actor")


class Credit(models.Model):
    """A person's role on a film."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="credits")
    role = models.CharField(_("role"), max_length=20, choices=CreditRole.choices)
    character = models.CharField(_("character"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["film", "person", "role", "character"], name="credit_unique"),
            models.CheckConstraint(condition=Q(role__in=CreditRole.values), name="credit_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.role}"


class FilmVersion(TimeStampedModel):
    """A language version of a film, with its digital cinema package when there is one."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="versions")
    label = models.CharField(_("label"), max_length=120)
    audio_language = models.CharField(_("audio language"), max_length=8)
    dcp_cpl_id = models.UUIDField(_("DCP composition playlist id"), null=True, blank=True)
    dcp_encrypted = models.BooleanField(_("DCP encrypted"), default=False)

    class Meta:
        verbose_name = _("film version")
        verbose_name_plural = _("film versions")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["film", "label"], name="film_version_label_unique"),
            models.UniqueConstraint(fields=["dcp_cpl_id"], name="film_version_cpl_unique"),
            models.CheckConstraint(
                condition=Q(dcp_encrypted=False) | Q(dcp_cpl_id__isnull=False),
                name="film_version_encrypted_needs_cpl",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class SubtitleFormat(models.TextChoices):
    SRT = "srt", "SubRip (SRT)"
    VTT = "vtt", "WebVTT"


class SubtitleTrack(TimeStampedModel):
    """A validated subtitle file of a version, in one language."""

    version = models.ForeignKey(FilmVersion, on_delete=models.CASCADE, related_name="subtitles")
    language_code = models.CharField(_("language"), max_length=8)
    for_hard_of_hearing = models.BooleanField(_("for the deaf and hard of hearing"), default=False)
    format = models.CharField(_("format"), max_length=3, choices=SubtitleFormat.choices)
    file = models.FileField(_("file"), upload_to="subtitles/%Y/")
    cue_count = models.PositiveIntegerField(_("cues"))
    last_cue_end_ms = models.PositiveIntegerField(_("end of last cue (ms)"))

    class Meta:
        verbose_name = _("subtitle track")
        verbose_name_plural = _("subtitle tracks")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "language_code", "for_hard_of_hearing"], name="subtitle_track_unique"
            ),
        ]
        indexes = [models.Index(fields=["language_code", "version"])]

    def __str__(self) -> str:
        return f"{self.language_code} ({self.format})"


class FilmRating(models.Model):
    """A film's rating and screening permit in one country, per that country's system."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="ratings")
    country = models.CharField(_("country"), max_length=2)
    rating_code = models.CharField(_("rating"), max_length=16)
    permit_number = models.CharField(_("permit or certificate number"), max_length=60, blank=True)
    permit_date = models.DateField(_("permit date"), null=True, blank=True)

    class Meta:
        verbose_name = _("rating and permit")
        verbose_name_plural = _("ratings and permits")
        ordering = ["country"]
        constraints = [models.UniqueConstraint(fields=["film", "country"], name="film_rating_unique")]

    def __str__(self) -> str:
        return f"{self.country}: {self.rating_code}"


class FestivalResult(models.TextChoices):
    SELECTED = "selected", _("Official selection")
    NOMINATED = "nominated", _("Nominated")
    WON = "won", _("Won")


class FestivalEntry(models.Model):
    """A film's appearance at a festival edition, and the award when it won one."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="festival_entries")
    festival_name = models.CharField(_("festival"), max_length=200)
    edition_year = models.PositiveSmallIntegerField(_("year"))
    section = models.CharField(_("section"), max_length=200, blank=True)
    result = models.CharField(
        _("result"), max_length=12, choices=FestivalResult.choices, default=FestivalResult.SELECTED
    )
    award = models.CharField(_("award"), max_length=200, blank=True)

    class Meta:
        ordering = ["-edition_year", "festival_name"]
        verbose_name = _("festival entry")
        verbose_name_plural = _("festival history")
        constraints = [
            models.CheckConstraint(
                condition=Q(result="won", award__gt="") | ~Q(result="won"), name="festival_win_names_award"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.festival_name} {self.edition_year}"
