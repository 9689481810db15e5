"""Forms of the catalogue pages: they parse input; the services decide and say what is wrong."""

from __future__ import annotations

import uuid
from typing import Any, NamedTuple

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cinebridge.accounts.models import Organisation
from cinebridge.core.engine.digits import to_ascii_digits
from cinebridge.core.forms import BootstrapMixin
from cinebridge.core.i18n import text_in
from cinebridge.core.vocabularies import country_choices, country_name, language_choices, language_name

from .engine.ratings import load_rating_systems
from .models import (
    FIRST_FILM_YEAR,
    LAST_PLAUSIBLE_YEAR,
    Audience,
    CreditRole,
    FestivalResult,
    Film,
    FilmKind,
    FilmVersion,
    Genre,
)
from .selectors import FilmFilters
from .services import FilmData, FilmText
from .vocabularies import genre_name

NO_CHOICE = ("", "—")
UI_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
# English first: it is the one title the catalogue requires.
TRANSLATION_LANGUAGES = ("en", *(code for code in UI_LANGUAGES if code != "en"))


class AsciiDigitsMixin:
    """Read Persian and Arabic-Indic digits as ASCII ones before the field parses the value.

    Python's int() happens to read any Unicode digit, but strptime reads ASCII digits only; one rule
    for every field keeps the promise explicit.
    """

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = to_ascii_digits(value).strip()
        return super().to_python(value)  # type: ignore[misc]


class DigitsIntegerField(AsciiDigitsMixin, forms.IntegerField):
    """An integer typed with ASCII, Persian or Arabic-Indic digits."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"})


class DigitsDateField(AsciiDigitsMixin, forms.DateField):
    """A Gregorian date typed with ASCII, Persian or Arabic-Indic digits."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class YearField(DigitsIntegerField):
    """A film year within the range the catalogue accepts."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=FIRST_FILM_YEAR, max_value=LAST_PLAUSIBLE_YEAR, **kwargs)


def _with_blank(choices: Any) -> list[tuple[str, str]]:
    return [NO_CHOICE, *choices]


def _blank_country_choices() -> list[tuple[str, str]]:
    return _with_blank(country_choices())


def _blank_language_choices() -> list[tuple[str, str]]:
    return _with_blank(language_choices())


def _genre_choices() -> list[tuple[str, str]]:
    return [
        (code, genre_name(code)) for code in Genre.objects.order_by("code").values_list("code", flat=True)
    ]


def _rating_country_choices() -> list[tuple[str, str]]:
    return _with_blank((system.country, country_name(system.country)) for system in load_rating_systems())


def _rating_choices() -> list[tuple[str, Any]]:
    """The ratings of every known system, grouped under the country's name, labelled in the active language."""
    return [
        NO_CHOICE,
        *(
            (
                country_name(system.country),
                [(r.code, text_in(r.labels)) for r in system.ratings],
            )
            for system in load_rating_systems()
        ),
    ]


class StyledForm(BootstrapMixin, forms.Form):
    """A form whose widgets carry Bootstrap classes."""


class FilmFilterForm(StyledForm):
    """The catalogue's filters, read from the query string."""

    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_with_blank(FilmKind.choices))
    audience = forms.ChoiceField(label=_("Audience"), required=False, choices=_with_blank(Audience.choices))
    year_from = YearField(label=_("Year from"), required=False)
    year_to = YearField(label=_("Year to"), required=False)
    country = forms.ChoiceField(label=_("Production country"), required=False, choices=_blank_country_choices)
    language = forms.ChoiceField(
        label=_("Original language"), required=False, choices=_blank_language_choices
    )
    subtitles = forms.ChoiceField(
        label=_("Has subtitles in"), required=False, choices=_blank_language_choices
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        year_from, year_to = cleaned.get("year_from"), cleaned.get("year_to")
        if year_from is not None and year_to is not None and year_from > year_to:
            self.add_error("year_to", _("The end year is before the start year."))
        return cleaned

    def filters(self) -> FilmFilters:
        """The filters of the fields that are valid (a wrong field is reported and ignored)."""
        cleaned = getattr(self, "cleaned_data", {})
        return FilmFilters(
            kind=cleaned.get("kind", ""),
            audience=cleaned.get("audience", ""),
            year_from=cleaned.get("year_from"),
            year_to=cleaned.get("year_to"),
            country=cleaned.get("country", ""),
            language=cleaned.get("language", ""),
            subtitles=cleaned.get("subtitles", ""),
        )


class TranslationFields(NamedTuple):
    code: str
    name: str
    title: forms.BoundField
    synopsis: forms.BoundField


class FilmForm(StyledForm):
    """A film's main record with its titles and synopses in the five interface languages."""

    owner = forms.ModelChoiceField(label=_("Rights holder"), queryset=Organisation.objects.none())
    original_title = forms.CharField(
        label=_("Original title"), max_length=300, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    original_language = forms.ChoiceField(label=_("Original language"), choices=_blank_language_choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=FilmKind.choices)
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices, initial=Audience.GENERAL)
    year = YearField(label=_("Year"))
    runtime_minutes = DigitsIntegerField(label=_("Runtime (minutes)"), min_value=1, max_value=32767)
    countries = forms.MultipleChoiceField(
        label=_("Production countries"),
        required=False,
        choices=country_choices,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    genres = forms.MultipleChoiceField(
        label=_("Genres"), required=False, choices=_genre_choices, widget=forms.CheckboxSelectMultiple
    )
    is_published = forms.BooleanField(
        label=_("Published"),
        required=False,
        initial=True,
        help_text=_("Unpublished films are seen only by their rights holder."),
    )
    eidr = forms.CharField(
        label=_("EIDR"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"dir": "ltr", "placeholder": "10.5240/…"}),
    )
    isan = forms.CharField(
        label=_("ISAN"), required=False, max_length=80, widget=forms.TextInput(attrs={"dir": "ltr"})
    )
    imdb_id = forms.CharField(
        label=_("IMDb id"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"dir": "ltr", "placeholder": "tt0118849"}),
    )
    poster = forms.FileField(
        label=_("Poster"),
        required=False,
        help_text=_("JPEG, PNG or WebP."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args: Any, owners: QuerySet[Organisation] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if owners is None:
            # Editing: a film keeps its rights holder.
            del self.fields["owner"]
        else:
            owner_field = self.fields["owner"]
            assert isinstance(owner_field, forms.ModelChoiceField)  # noqa: S101 - declared above
            owner_field.queryset = owners
            if owners.count() == 1:
                owner_field.initial = owners.get().pk
        for code in TRANSLATION_LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title"),
                required=False,
                max_length=300,
                widget=forms.TextInput(attrs={"lang": code, "dir": "auto", "class": "form-control"}),
            )
            self.fields[f"synopsis_{code}"] = forms.CharField(
                label=_("Synopsis"),
                required=False,
                widget=forms.Textarea(
                    attrs={"lang": code, "dir": "auto", "rows": 3, "class": "form-control"}
                ),
            )
        # The service requires an English title; the browser is told so too.
        self.fields["title_en"].widget.attrs["required"] = True

    def translation_fields(self) -> list[TranslationFields]:
        """The title and synopsis fields of each language, English first, for the template."""
        return [
            TranslationFields(code, language_name(code), self[f"title_{code}"], self[f"synopsis_{code}"])
            for code in TRANSLATION_LANGUAGES
        ]

    def main_fields(self) -> list[forms.BoundField]:
        """Every field but the translations, in declaration order."""
        return [self[name] for name in self.fields if not name.startswith(("title_", "synopsis_"))]

    def film_data(self) -> FilmData:
        """The cleaned form as the service's input."""
        data = self.cleaned_data
        return FilmData(
            original_title=data["original_title"],
            original_language=data["original_language"],
            kind=data["kind"],
            audience=data["audience"],
            year=data["year"],
            runtime_minutes=data["runtime_minutes"],
            translations={
                code: FilmText(title=data[f"title_{code}"], synopsis=data[f"synopsis_{code}"])
                for code in TRANSLATION_LANGUAGES
                if data[f"title_{code}"].strip() or data[f"synopsis_{code}"].strip()
            },
            countries=data["countries"],
            genre_codes=data["genres"],
            is_published=data["is_published"],
            eidr=data["eidr"],
            isan=data["isan"],
            imdb_id=data["imdb_id"],
        )

    @staticmethod
    def initial_for(film: Film) -> dict[str, Any]:
        """The form's initial values for editing an existing film."""
        initial: dict[str, Any] = {
            "original_title": film.original_title,
            "original_language": film.original_language,
            "kind": film.kind,
            "audience": film.audience,
            "year": film.year,
            "runtime_minutes": film.runtime_minutes,
            "countries": [c.country for c in film.countries.all()],
            "genres": [g.code for g in film.genres.all()],
            "is_published": film.is_published,
            "eidr": film.eidr,
            "isan": film.isan,
            "imdb_id": film.imdb_id,
        }
        for translation in film.translations.all():
            initial[f"title_{translation.language_code}"] = translation.title
            initial[f"synopsis_{translation.language_code}"] = translation.synopsis
        return initial


class CreditForm(StyledForm):
    """One person and their role on the film; the person is found by name or recorded."""

    name = forms.CharField(label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"}))
    name_language = forms.ChoiceField(label=_("Language of the name"), choices=language_choices)
    role = forms.ChoiceField(label=_("Role"), choices=CreditRole.choices)
    character = forms.CharField(
        label=_("Character"),
        required=False,
        max_length=200,
        help_text=_("For actors only."),
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("character") and cleaned.get("role") != CreditRole.ACTOR:
            self.add_error("character", _("Only actors play a character."))
        return cleaned


class VersionForm(StyledForm):
    """A language version of the film and, when it has one, its DCP."""

    label = forms.CharField(
        label=_("Label"), max_length=120, help_text=_("For example “Original with English subtitles”.")
    )
    audio_language = forms.ChoiceField(label=_("Audio language"), choices=_blank_language_choices)
    dcp_cpl_id = forms.UUIDField(
        label=_("DCP composition playlist (CPL) id"),
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr", "placeholder": str(uuid.UUID(int=0))}),
    )
    dcp_encrypted = forms.BooleanField(label=_("The DCP is encrypted (needs KDMs)"), required=False)


class SubtitleForm(StyledForm):
    """A subtitle file (SRT or WebVTT) for one version of the film."""

    version = forms.ModelChoiceField(label=_("Version"), queryset=FilmVersion.objects.none())
    language_code = forms.ChoiceField(label=_("Subtitle language"), choices=_blank_language_choices)
    for_hard_of_hearing = forms.BooleanField(
        label=_("For the deaf and hard of hearing (SDH)"), required=False
    )
    subtitle_file = forms.FileField(
        label=_("Subtitle file"),
        help_text=_("SubRip (.srt) or WebVTT (.vtt), in UTF-8."),
        widget=forms.FileInput(attrs={"accept": ".srt,.vtt,text/vtt,application/x-subrip"}),
    )

    def __init__(self, *args: Any, versions: QuerySet[FilmVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        version_field = self.fields["version"]
        assert isinstance(version_field, forms.ModelChoiceField)  # noqa: S101 - declared above
        version_field.queryset = versions


class RatingForm(StyledForm):
    """A film's rating and permit in a country whose rating system the catalogue knows."""

    country = forms.ChoiceField(label=_("Country"), choices=_rating_country_choices)
    rating_code = forms.ChoiceField(label=_("Rating"), choices=_rating_choices)
    permit_number = forms.CharField(
        label=_("Permit or certificate number"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    permit_date = DigitsDateField(label=_("Permit date"), required=False)


class FestivalEntryForm(StyledForm):
    """A line of the film's festival history."""

    festival_name = forms.CharField(
        label=_("Festival"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    edition_year = YearField(label=_("Year"))
    section = forms.CharField(
        label=_("Section"), required=False, max_length=200, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    result = forms.ChoiceField(
        label=_("Result"), choices=FestivalResult.choices, initial=FestivalResult.SELECTED
    )
    award = forms.CharField(
        label=_("Award"), required=False, max_length=200, widget=forms.TextInput(attrs={"dir": "auto"})
    )
