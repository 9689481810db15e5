"""Forms of the organisers' programme pages: they read what a person enters into the services' input;
the services (and through them the rights checks and the schedule checker) decide what is acceptable.

Titles, venue and city names are typed in a few languages and kept as {language: text} maps (`names`).
Screening times are typed on the clock of the venue they play at, guests' arrivals and departures on
the programme's clock; both are turned into aware datetimes here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import QuerySet
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from cinebridge.accounts.models import Organisation
from cinebridge.catalogue.forms import DigitsDateField, DigitsIntegerField, StyledForm
from cinebridge.core.engine.digits import to_ascii_digits
from cinebridge.core.forms import LocalDateTimeField, Text, TextsMixin, aware_in_zone, time_zone_choices
from cinebridge.core.i18n import text_in, translated_text
from cinebridge.core.vocabularies import country_choices
from cinebridge.events.models import (
    Guest,
    Hall,
    Programme,
    ProgrammeFilm,
    Projection,
    Screening,
    SlotAudience,
    Strand,
)
from cinebridge.rights.forms import OrganisationChoiceField

NO_CHOICE = ("", "—")
TIME_FORMATS = ("%H:%M", "%H:%M:%S")
SOLVE_SECONDS = (10, 30, 60, 120)


def _country_choices() -> list[tuple[str, str]]:
    return [NO_CHOICE, *country_choices()]


def _time_zone_choices() -> list[tuple[str, str]]:
    return [NO_CHOICE, *time_zone_choices()]


def _model_choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - every caller names a model field
    return field


def film_label(film: Any) -> str:
    """A film's title in the active language (its translations prefetched), else its original title."""
    return translated_text(film.translations.all(), "title", film.original_title)


# --- fields ------------------------------------------------------------------------------------------------


class DigitsTimeField(forms.TimeField):
    """A time of day typed with ASCII, Persian or Arabic-Indic digits."""

    widget = forms.TimeInput(attrs={"type": "time", "dir": "ltr"}, format="%H:%M")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(input_formats=TIME_FORMATS, **kwargs)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = to_ascii_digits(value).strip()
        return super().to_python(value)


class HallChoiceField(forms.ModelChoiceField[Hall]):
    def label_from_instance(self, obj: Hall) -> str:
        venue = obj.venue
        return f"{text_in(venue.city_names) or venue.city_key} — {text_in(venue.names) or venue} — {obj.name}"


class ProgrammeFilmChoiceField(forms.ModelChoiceField[ProgrammeFilm]):
    def label_from_instance(self, obj: ProgrammeFilm) -> str:
        return film_label(obj.film)


class ProgrammeFilmMultipleChoiceField(forms.ModelMultipleChoiceField[ProgrammeFilm]):
    def label_from_instance(self, obj: ProgrammeFilm) -> str:
        return film_label(obj.film)


class GuestChoiceField(forms.ModelChoiceField[Guest]):
    def label_from_instance(self, obj: Guest) -> str:
        return obj.full_name


# --- film weeks ----------------------------------------------------------------------------------------------


class FilmWeekProposeForm(TextsMixin, StyledForm):
    """A film body proposes a week of its country's films in the partner's country."""

    TEXTS = (Text("title", _("Title"), required=True),)

    proposed_by = OrganisationChoiceField(label=_("Proposed by"), queryset=Organisation.objects.none())
    partner = OrganisationChoiceField(
        label=_("Partner film body"),
        queryset=Organisation.objects.none(),
        help_text=_("The film body of the other country, which agrees to the week or declines it."),
    )
    guest_country = forms.ChoiceField(
        label=_("Guest country"), choices=_country_choices, help_text=_("Whose films are shown.")
    )
    host_country = forms.ChoiceField(
        label=_("Host country"), choices=_country_choices, help_text=_("Where the films are shown.")
    )
    slug = forms.SlugField(
        label=_("Address"),
        max_length=120,
        help_text=_("The programme's address on the site, e.g. iranian-film-week-minsk-2026."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    starts_on = DigitsDateField(label=_("First day"))
    ends_on = DigitsDateField(label=_("Last day"))
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=_time_zone_choices,
        help_text=_("The host's clock; venues may have their own."),
    )
    note = forms.CharField(
        label=_("Proposal"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("What you propose, for the partner to read."),
    )

    def __init__(
        self,
        *args: Any,
        proposers: QuerySet[Organisation],
        partners: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _model_choice(self, "proposed_by").queryset = proposers
        _model_choice(self, "partner").queryset = partners
        if len(proposers) == 1:
            self.fields["proposed_by"].initial = proposers[0].pk
            self.fields["guest_country"].initial = proposers[0].country

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if isinstance(starts_on, date) and isinstance(ends_on, date) and ends_on < starts_on:
            self.add_error("ends_on", _("The last day is before the first day."))
        proposer, partner = cleaned.get("proposed_by"), cleaned.get("partner")
        if proposer is not None and proposer == partner:
            self.add_error("partner", _("The partner must be another film body."))
        if cleaned.get("host_country") and cleaned.get("host_country") == cleaned.get("guest_country"):
            self.add_error("host_country", _("The host country must differ from the guest country."))
        return cleaned

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "proposed_by": data["proposed_by"],
            "partner": data["partner"],
            "host_country": data["host_country"],
            "guest_country": data["guest_country"],
            "slug": data["slug"],
            "names": self.texts_of("title"),
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "time_zone": data["time_zone"],
            "note": data.get("note", ""),
        }


class FilmWeekAnswerForm(StyledForm):
    """An answer to a proposal (agree, decline) or a cancellation, with a note to the other film body."""

    note = forms.CharField(
        label=_("Note to the other film body"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )

    def __init__(self, *args: Any, note_required: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].required = note_required
        if note_required:
            self.fields["note"].help_text = _("Say why, for the other film body.")


# --- venues and halls ------------------------------------------------------------------------------------------


class VenueForm(TextsMixin, StyledForm):
    """A venue of the programme with its city (venues of one city share its code)."""

    TEXTS = (Text("name", _("Name of the venue"), required=True), Text("city", _("City"), required=True))

    city_key = forms.SlugField(
        label=_("City code"),
        max_length=60,
        help_text=_("Venues of one city share it, e.g. minsk."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    address = forms.CharField(
        label=_("Address"), required=False, max_length=300, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=_time_zone_choices)

    def __init__(self, *args: Any, names: Mapping[str, Mapping[str, str]] | None = None, **kwargs: Any):
        super().__init__(*args, texts=names, **kwargs)

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "names": self.texts_of("name"),
            "city_names": self.texts_of("city"),
            "city_key": data["city_key"],
            "address": data.get("address", ""),
            "time_zone": data["time_zone"],
        }

    @staticmethod
    def initial_for(venue: Any) -> dict[str, Any]:
        return {"city_key": venue.city_key, "address": venue.address, "time_zone": venue.time_zone}


class HallForm(StyledForm):
    """A screen of a venue: seats, opening hours and what it can project."""

    name = forms.CharField(label=_("Screen"), max_length=100, widget=forms.TextInput(attrs={"dir": "auto"}))
    capacity = DigitsIntegerField(label=_("Seats"), min_value=1, max_value=100_000)
    opens_at = DigitsTimeField(label=_("Opens"))
    closes_at = DigitsTimeField(
        label=_("Closes"), help_text=_("A time before the opening time means past midnight.")
    )
    projection = forms.ChoiceField(label=_("Projection"), choices=Projection.choices, initial=Projection.BOTH)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("opens_at") is not None and cleaned.get("opens_at") == cleaned.get("closes_at"):
            self.add_error("closes_at", _("The screen closes when it opens."))
        return cleaned

    @staticmethod
    def initial_for(hall: Hall) -> dict[str, Any]:
        return {
            "name": hall.name,
            "capacity": hall.capacity,
            "opens_at": hall.opens_at,
            "closes_at": hall.closes_at,
            "projection": hall.projection,
        }


# --- films -------------------------------------------------------------------------------------------------------


class ProgrammeFilmForm(StyledForm):
    """What the curator decides about showing a film: strand, how often, expected appeal, premiere, age."""

    strand = forms.ChoiceField(label=_("Strand"), choices=Strand.choices, initial=Strand.GENERAL)
    min_screenings = DigitsIntegerField(label=_("At least"), min_value=0, max_value=50, initial=1)
    max_screenings = DigitsIntegerField(label=_("At most"), min_value=1, max_value=50, initial=2)
    appeal = DigitsIntegerField(
        label=_("Expected appeal (%)"),
        min_value=0,
        max_value=100,
        initial=50,
        help_text=_("The share of seats you expect the film to fill in a good slot."),
    )
    min_age = DigitsIntegerField(
        label=_("Minimum age"),
        min_value=0,
        max_value=21,
        required=False,
        help_text=_("Empty: from the film's rating in the host country."),
    )
    is_premiere = forms.BooleanField(label=_("Premiere"), required=False)

    FIELDS = ("strand", "min_screenings", "max_screenings", "appeal", "min_age", "is_premiere")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("min_screenings"), cleaned.get("max_screenings")
        if low is not None and high is not None and high < low:
            self.add_error("max_screenings", _("At most is fewer than at least."))
        return cleaned

    def service_arguments(self) -> dict[str, Any]:
        arguments = {name: self.cleaned_data[name] for name in self.FIELDS}
        if arguments["min_age"] is None:
            del arguments["min_age"]  # the service takes it from the film's rating
        return arguments

    @classmethod
    def initial_for(cls, programme_film: ProgrammeFilm) -> dict[str, Any]:
        return {name: getattr(programme_film, name) for name in cls.FIELDS}


class CurationAddForm(ProgrammeFilmForm):
    """Add one film of the catalogue to the programme (the film is the search result the form sits by)."""

    film = forms.SlugField(widget=forms.HiddenInput)


# --- guests --------------------------------------------------------------------------------------------------------


class GuestForm(TextsMixin, StyledForm):
    """A guest with the data a visa invitation letter needs, the stay, and the Q&As they host."""

    TEXTS = (Text("name", _("Name in other scripts")),)

    full_name = forms.CharField(
        label=_("Full name (as in the passport)"),
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    role = forms.CharField(
        label=_("Role"),
        required=False,
        max_length=200,
        help_text=_("For example director, actress, head of delegation."),
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    delegation = forms.CharField(
        label=_("Delegation"), required=False, max_length=200, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    nationality = forms.ChoiceField(label=_("Nationality"), choices=_country_choices)
    passport_number = forms.CharField(
        label=_("Passport number"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"}),
    )
    birth_date = DigitsDateField(label=_("Date of birth"), required=False)
    arrives_at = LocalDateTimeField(label=_("Arrival"))
    departs_at = LocalDateTimeField(label=_("Departure"))
    city_key = forms.ChoiceField(label=_("Staying in"), choices=[])
    qa_films = ProgrammeFilmMultipleChoiceField(
        label=_("Q&A after"),
        required=False,
        queryset=ProgrammeFilm.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        zone: str,
        cities: Iterable[tuple[str, Mapping[str, str]]],
        films: QuerySet[ProgrammeFilm],
        names: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, texts={"name": names or {}}, **kwargs)
        self.zone = ZoneInfo(zone)
        city_field = self.fields["city_key"]
        assert isinstance(city_field, forms.ChoiceField)  # noqa: S101 - declared above
        city_field.choices = [NO_CHOICE, *((key, text_in(label) or key) for key, label in cities)]
        _model_choice(self, "qa_films").queryset = films
        for name in ("arrives_at", "departs_at"):
            self.fields[name].help_text = _("On the clock of %(zone)s.") % {"zone": zone}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("arrives_at", "departs_at"):
            local = cleaned.get(name)
            if isinstance(local, datetime):
                moment = aware_in_zone(local, self.zone)
                if moment is None:
                    self.add_error(name, _("The clock skips this time (a daylight-saving change)."))
                cleaned[name] = moment
        arrives, departs = cleaned.get("arrives_at"), cleaned.get("departs_at")
        if arrives is not None and departs is not None and departs <= arrives:
            self.add_error("departs_at", _("The departure is not after the arrival."))
        return cleaned

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "full_name": data["full_name"],
            "names": self.texts_of("name"),
            "role": data.get("role", ""),
            "delegation": data.get("delegation", ""),
            "nationality": data["nationality"],
            "passport_number": data.get("passport_number", ""),
            "birth_date": data.get("birth_date"),
            "arrives_at": data["arrives_at"],
            "departs_at": data["departs_at"],
            "city_key": data["city_key"],
            "qa_films": list(data.get("qa_films") or ()),
        }

    @staticmethod
    def initial_for(guest: Guest, zone: str) -> dict[str, Any]:
        clock = ZoneInfo(zone)
        return {
            "full_name": guest.full_name,
            "role": guest.role,
            "delegation": guest.delegation,
            "nationality": guest.nationality,
            "passport_number": guest.passport_number,
            "birth_date": guest.birth_date,
            "arrives_at": guest.arrives_at.astimezone(clock).replace(tzinfo=None),
            "departs_at": guest.departs_at.astimezone(clock).replace(tzinfo=None),
            "city_key": guest.city_key,
            "qa_films": [film.pk for film in guest.qa_films.all()],
        }


# --- the schedule --------------------------------------------------------------------------------------------------


class VersionForm(StyledForm):
    """The programme version a change was made against (someone else's change meanwhile is refused)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class _SlotForm(VersionForm):
    """A screen and a start time on the clock of the screen's venue."""

    hall = HallChoiceField(label=_("Screen"), queryset=Hall.objects.none())
    start = LocalDateTimeField(label=_("Starts"), help_text=_("On the clock of the venue."))

    def __init__(self, *args: Any, halls: QuerySet[Hall], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_choice(self, "hall").queryset = halls

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        hall, local = cleaned.get("hall"), cleaned.get("start")
        if isinstance(hall, Hall) and isinstance(local, datetime):
            moment = aware_in_zone(local, ZoneInfo(hall.venue.time_zone))
            if moment is None:
                self.add_error("start", _("The clock skips this time (a daylight-saving change)."))
            cleaned["starts_at"] = moment
        return cleaned


class ScreeningForm(_SlotForm):
    """A screening added by hand: a film of the programme on a screen at a time, maybe with a Q&A."""

    programme_film = ProgrammeFilmChoiceField(label=_("Film"), queryset=ProgrammeFilm.objects.none())
    qa_guest = GuestChoiceField(label=_("Q&A with"), required=False, queryset=Guest.objects.none())

    field_order = ("programme_film", "hall", "start", "qa_guest", "version")

    def __init__(
        self,
        *args: Any,
        halls: QuerySet[Hall],
        films: QuerySet[ProgrammeFilm],
        guests: Iterable[Guest],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, halls=halls, **kwargs)
        _model_choice(self, "programme_film").queryset = films
        _model_choice(self, "qa_guest").queryset = Guest.objects.filter(
            pk__in=[g.pk for g in guests]
        ).order_by("full_name")


class ScreeningMoveForm(_SlotForm):
    """Another screen or start time for a screening (it is then locked where it was put)."""

    @staticmethod
    def initial_for(screening: Screening, version: int) -> dict[str, Any]:
        zone = ZoneInfo(screening.hall.venue.time_zone)
        return {
            "hall": screening.hall_id,
            "start": screening.starts_at.astimezone(zone).replace(tzinfo=None),
            "version": version,
        }


class LockForm(VersionForm):
    locked = forms.BooleanField(required=False, widget=forms.HiddenInput)


def _solve_seconds_choices() -> list[tuple[int, str]]:
    return [(s, gettext("%(seconds)s seconds") % {"seconds": s}) for s in SOLVE_SECONDS]


class OptimiseForm(StyledForm):
    """How long the optimiser may search (locked screenings stay where they are)."""

    seconds = forms.TypedChoiceField(
        label=_("Search for"),
        coerce=int,
        choices=_solve_seconds_choices,  # a callable: worded in the language of each request
        initial=30,
    )


class PublishForm(StyledForm):
    publish = forms.BooleanField(required=False, widget=forms.HiddenInput)


# --- settings: the schedule's minutes, audience slots ------------------------------------------------------------


class ProgrammeSettingsForm(VersionForm):
    """The minutes the schedule is built with: the start-time grid, the changeover between screenings on a
    screen, and the length of a Q&A after a film."""

    grid_minutes = DigitsIntegerField(
        label=_("Start-time grid (minutes)"),
        min_value=5,
        max_value=60,
        help_text=_("Screenings start on multiples of this many minutes."),
    )
    changeover_minutes = DigitsIntegerField(
        label=_("Changeover (minutes)"),
        min_value=0,
        max_value=120,
        help_text=_("Free time on a screen between one screening and the next."),
    )
    qa_minutes = DigitsIntegerField(label=_("Q&A length (minutes)"), min_value=0, max_value=120)

    FIELDS = ("grid_minutes", "changeover_minutes", "qa_minutes")

    def service_arguments(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FIELDS}

    @classmethod
    def initial_for(cls, programme: Programme) -> dict[str, Any]:
        return {**{name: getattr(programme, name) for name in cls.FIELDS}, "version": programme.version}


def weekday_choices() -> list[tuple[int, Any]]:
    """ISO weekdays (1 Monday … 7 Sunday) with their names in the active language."""
    return [(day + 1, WEEKDAYS[day]) for day in range(7)]


class AudienceSlotForm(VersionForm):
    """Hours in which only films for an audience (and up to an age) may play: on one screen or every
    screen, on some days of the week or every day."""

    hall = HallChoiceField(
        label=_("Screen"), required=False, queryset=Hall.objects.none(), empty_label=_("Every screen")
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days of the week"),
        required=False,
        coerce=int,
        choices=weekday_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every day."),
    )
    starts_at = DigitsTimeField(label=pgettext_lazy("time of day", "From"))
    ends_at = DigitsTimeField(label=pgettext_lazy("time of day", "Until"))
    audience = forms.ChoiceField(label=_("Audience"), choices=SlotAudience.choices)
    max_age = DigitsIntegerField(
        label=_("Highest minimum age"),
        required=False,
        min_value=0,
        max_value=21,
        help_text=_("Films whose minimum age is above this do not play in these hours; empty: any."),
    )

    field_order = ("hall", "weekdays", "starts_at", "ends_at", "audience", "max_age", "version")

    def __init__(self, *args: Any, halls: QuerySet[Hall], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_choice(self, "hall").queryset = halls

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at is not None and ends_at is not None and ends_at <= starts_at:
            self.add_error("ends_at", _("The hours end before they begin."))
        return cleaned

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "audience": data["audience"],
            "max_age": data.get("max_age"),
            "weekdays": tuple(sorted(data.get("weekdays") or ())),
            "hall": data.get("hall"),
        }


# --- attendance ------------------------------------------------------------------------------------------------------


class AttendanceForm(StyledForm):
    """Admissions of each past screening, a field per screening; an empty field is "not known yet"."""

    def __init__(self, *args: Any, screenings: Iterable[Screening], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.screenings = list(screenings)
        for screening in self.screenings:
            self.fields[self.field_name(screening.pk)] = DigitsIntegerField(
                label=str(screening.pk),
                required=False,
                min_value=0,
                initial=screening.attendance,
                widget=forms.TextInput(
                    attrs={"inputmode": "numeric", "dir": "ltr", "class": "form-control", "size": 6}
                ),
            )

    @staticmethod
    def field_name(screening_id: int) -> str:
        return f"screening_{screening_id}"

    def rows(self) -> list[tuple[Screening, forms.BoundField]]:
        return [(screening, self[self.field_name(screening.pk)]) for screening in self.screenings]

    def values(self) -> dict[int, int | None]:
        return {
            screening.pk: self.cleaned_data.get(self.field_name(screening.pk))
            for screening in self.screenings
        }
