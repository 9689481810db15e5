"""Admin for the catalogue: films with everything about them inline, people with their names.

Admin edits bypass the services, so after a film or person is saved here its search flag is raised
the way the services raise it. Subtitle tracks are shown, not uploaded: only `subtitle_track_upload`
validates a file.
"""

from typing import Any

from django.contrib import admin
from django.db.models import Prefetch, QuerySet
from django.forms import BaseModelFormSet, ModelForm
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from cinebridge.core.admin import CodeFieldsMixin, bdi
from cinebridge.core.i18n import FALLBACK_LANGUAGE

from .models import (
    Credit,
    FestivalEntry,
    Film,
    FilmCountry,
    FilmRating,
    FilmTranslation,
    FilmVersion,
    Genre,
    Person,
    PersonName,
    SubtitleTrack,
)
from .search_index import mark_films_dirty, mark_people_dirty
from .vocabularies import genre_name

SUBTITLE_READONLY = (
    "language_code",
    "for_hard_of_hearing",
    "format",
    "file",
    "cue_count",
    "last_cue_end_ms",
    "created_at",
)


@admin.register(Genre)
class GenreAdmin(admin.ModelAdmin[Genre]):
    list_display = ("code", "name")
    search_fields = ("code",)

    @admin.display(description=_("name"))
    def name(self, genre: Genre) -> str:
        return genre_name(genre.code)


class FilmTranslationInline(CodeFieldsMixin, admin.StackedInline[FilmTranslation, Film]):
    model = FilmTranslation
    extra = 0
    fields = (("language_code", "title"), "synopsis")


class FilmCountryInline(CodeFieldsMixin, admin.TabularInline[FilmCountry, Film]):
    model = FilmCountry
    extra = 0
    fields = ("country", "position")


class CreditOfFilmInline(admin.TabularInline[Credit, Film]):
    model = Credit
    fk_name = "film"
    extra = 0
    autocomplete_fields = ("person",)
    fields = ("person", "role", "character", "position")


class FilmVersionInline(CodeFieldsMixin, admin.TabularInline[FilmVersion, Film]):
    model = FilmVersion
    extra = 0
    show_change_link = True  # its subtitle tracks are on the version's own page
    fields = ("label", "audio_language", "dcp_cpl_id", "dcp_encrypted", "subtitle_languages")
    readonly_fields = ("subtitle_languages",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[FilmVersion]:
        return super().get_queryset(request).prefetch_related("subtitles")

    @admin.display(description=_("subtitles"))
    def subtitle_languages(self, version: FilmVersion) -> str:
        return ", ".join(track.language_code for track in version.subtitles.all()) or "—"


class FilmRatingInline(CodeFieldsMixin, admin.TabularInline[FilmRating, Film]):
    model = FilmRating
    extra = 0
    fields = ("country", "rating_code", "permit_number", "permit_date")


class FestivalEntryInline(admin.TabularInline[FestivalEntry, Film]):
    model = FestivalEntry
    extra = 0
    fields = ("festival_name", "edition_year", "section", "result", "award")


@admin.register(Film)
class FilmAdmin(CodeFieldsMixin, admin.ModelAdmin[Film]):
    list_display = (
        "title_in_original",
        "english_title",
        "year",
        "kind",
        "audience",
        "runtime_minutes",
        "owner_name",
        "is_published",
        "search_index_dirty",
    )
    list_filter = ("kind", "audience", "is_published", "original_language", "owner", "search_index_dirty")
    search_fields = ("original_title", "slug", "translations__title", "imdb_id", "eidr", "isan")
    autocomplete_fields = ("owner",)
    filter_horizontal = ("genres",)
    readonly_fields = ("search_index_dirty", "created_at", "updated_at")
    list_select_related = ("owner",)
    inlines = (
        FilmTranslationInline,
        FilmCountryInline,
        CreditOfFilmInline,
        FilmVersionInline,
        FilmRatingInline,
        FestivalEntryInline,
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "owner",
                    "slug",
                    "original_title",
                    "original_language",
                    "kind",
                    "audience",
                    "year",
                    "runtime_minutes",
                    "genres",
                    "is_published",
                    "poster",
                )
            },
        ),
        (_("Identifiers"), {"fields": ("eidr", "isan", "imdb_id")}),
        (_("Record"), {"fields": ("search_index_dirty", "created_at", "updated_at")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Film]:
        english = FilmTranslation.objects.filter(language_code=FALLBACK_LANGUAGE)
        return super().get_queryset(request).prefetch_related(Prefetch("translations", queryset=english))

    @admin.display(description=_("original title"), ordering="original_title")
    def title_in_original(self, film: Film) -> str:
        return bdi(film.original_title)

    @admin.display(description=_("English title"))
    def english_title(self, film: Film) -> str:
        return bdi(
            next((t.title for t in film.translations.all() if t.language_code == FALLBACK_LANGUAGE), "—")
        )

    @admin.display(description=_("rights holder"), ordering="owner__name")
    def owner_name(self, film: Film) -> str:
        return bdi(film.owner.name)

    def save_related(
        self,
        request: HttpRequest,
        form: ModelForm[Film],
        formsets: list[BaseModelFormSet[Any, Any]],
        change: bool,
    ) -> None:
        super().save_related(request, form, formsets, change)
        film = form.instance
        mark_films_dirty([film.pk])
        mark_people_dirty(film.credits.values_list("person_id", flat=True))


@admin.register(FilmTranslation)
class FilmTranslationAdmin(CodeFieldsMixin, admin.ModelAdmin[FilmTranslation]):
    list_display = ("translated_title", "language_code", "film")
    list_filter = ("language_code",)
    search_fields = ("title", "film__original_title", "film__slug")
    autocomplete_fields = ("film",)
    list_select_related = ("film",)

    @admin.display(description=_("title"), ordering="title")
    def translated_title(self, translation: FilmTranslation) -> str:
        return bdi(translation.title)


@admin.register(FilmCountry)
class FilmCountryAdmin(CodeFieldsMixin, admin.ModelAdmin[FilmCountry]):
    list_display = ("film", "country", "position")
    list_filter = ("country",)
    search_fields = ("film__original_title", "film__slug")
    autocomplete_fields = ("film",)
    list_select_related = ("film",)


class PersonNameInline(CodeFieldsMixin, admin.TabularInline[PersonName, Person]):
    model = PersonName
    extra = 0
    fields = ("language_code", "name")


class CreditOfPersonInline(admin.TabularInline[Credit, Person]):
    model = Credit
    fk_name = "person"
    extra = 0
    autocomplete_fields = ("film",)
    fields = ("film", "role", "character", "position")


@admin.register(Person)
class PersonAdmin(CodeFieldsMixin, admin.ModelAdmin[Person]):
    list_display = ("slug", "all_names", "birth_year", "country", "search_index_dirty")
    list_filter = ("country", "search_index_dirty")
    search_fields = ("slug", "names__name")
    readonly_fields = ("search_index_dirty", "created_at", "updated_at")
    inlines = (PersonNameInline, CreditOfPersonInline)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Person]:
        return super().get_queryset(request).prefetch_related("names")

    @admin.display(description=_("names"))
    def all_names(self, person: Person) -> str:
        return format_html_join(" · ", "<bdi>{}</bdi>", ((name.name,) for name in person.names.all()))

    def save_related(
        self,
        request: HttpRequest,
        form: ModelForm[Person],
        formsets: list[BaseModelFormSet[Any, Any]],
        change: bool,
    ) -> None:
        super().save_related(request, form, formsets, change)
        person = form.instance
        mark_people_dirty([person.pk])
        mark_films_dirty(person.credits.values_list("film_id", flat=True))


@admin.register(PersonName)
class PersonNameAdmin(CodeFieldsMixin, admin.ModelAdmin[PersonName]):
    list_display = ("written_name", "language_code", "person")
    list_filter = ("language_code",)
    search_fields = ("name", "person__slug")
    autocomplete_fields = ("person",)
    list_select_related = ("person",)

    @admin.display(description=_("name"), ordering="name")
    def written_name(self, name: PersonName) -> str:
        return bdi(name.name)


@admin.register(Credit)
class CreditAdmin(admin.ModelAdmin[Credit]):
    list_display = ("film", "person", "role", "character", "position")
    list_filter = ("role",)
    search_fields = ("film__original_title", "film__slug", "person__slug", "person__names__name", "character")
    autocomplete_fields = ("film", "person")
    list_select_related = ("film", "person")


class SubtitleTrackInline(admin.TabularInline[SubtitleTrack, FilmVersion]):
    model = SubtitleTrack
    extra = 0
    fields = SUBTITLE_READONLY
    readonly_fields = SUBTITLE_READONLY

    def has_add_permission(self, request: HttpRequest, obj: FilmVersion | None = None) -> bool:
        return False


@admin.register(FilmVersion)
class FilmVersionAdmin(CodeFieldsMixin, admin.ModelAdmin[FilmVersion]):
    list_display = ("label", "film", "audio_language", "dcp_cpl_id", "dcp_encrypted")
    list_filter = ("audio_language", "dcp_encrypted")
    search_fields = ("label", "film__original_title", "film__slug", "dcp_cpl_id")
    autocomplete_fields = ("film",)
    list_select_related = ("film",)
    readonly_fields = ("created_at", "updated_at")
    inlines = (SubtitleTrackInline,)


@admin.register(SubtitleTrack)
class SubtitleTrackAdmin(admin.ModelAdmin[SubtitleTrack]):
    list_display = ("version", "language_code", "format", "for_hard_of_hearing", "cue_count", "created_at")
    list_filter = ("language_code", "format", "for_hard_of_hearing")
    search_fields = ("version__label", "version__film__original_title", "version__film__slug")
    list_select_related = ("version", "version__film")
    readonly_fields = ("version", *SUBTITLE_READONLY)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(FilmRating)
class FilmRatingAdmin(CodeFieldsMixin, admin.ModelAdmin[FilmRating]):
    list_display = ("film", "country", "rating_code", "permit_number", "permit_date")
    list_filter = ("country", "rating_code")
    search_fields = ("film__original_title", "film__slug", "permit_number")
    autocomplete_fields = ("film",)
    list_select_related = ("film",)


@admin.register(FestivalEntry)
class FestivalEntryAdmin(admin.ModelAdmin[FestivalEntry]):
    list_display = ("film", "festival_name", "edition_year", "section", "result", "award")
    list_filter = ("result", "edition_year")
    search_fields = ("festival_name", "award", "film__original_title", "film__slug")
    autocomplete_fields = ("film",)
    list_select_related = ("film",)
