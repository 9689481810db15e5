"""Forms of the directory pages: they read what a person enters into the services' input; the services
decide what is acceptable (free days, availability, real photos) and say what is wrong.

Names, descriptions and biographies are typed in a few languages and kept as {language: text} maps.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cinebridge.accounts.models import Organisation
from cinebridge.catalogue.forms import AsciiDigitsMixin, DigitsDateField, StyledForm
from cinebridge.catalogue.selectors import person_find
from cinebridge.coproduction.display import project_title
from cinebridge.coproduction.models import (
    Capability,
    CreativeRole,
    Location,
    Project,
    Specialist,
    Stage,
    Studio,
)
from cinebridge.coproduction.selectors.directory import DirectoryFilters
from cinebridge.coproduction.services.directory import LocationData, SpecialistData, StudioData
from cinebridge.core.forms import Text, TextsMixin
from cinebridge.core.i18n import translated_text
from cinebridge.core.vocabularies import country_choices, language_choices

NO_CHOICE = ("", "—")


def _blank(choices: Any) -> list[tuple[str, str]]:
    return [NO_CHOICE, *choices]


def _country_choices() -> list[tuple[str, str]]:
    return _blank(country_choices())


def _language_choices() -> list[tuple[str, str]]:
    return _blank(language_choices())


def _model_choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - every caller names a model field
    return field


class DigitsDecimalField(AsciiDigitsMixin, forms.DecimalField):
    """A decimal number typed with ASCII, Persian or Arabic-Indic digits."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"})


class OrganisationChoiceField(forms.ModelChoiceField[Organisation]):
    def label_from_instance(self, obj: Organisation) -> str:
        return translated_text(obj.translations.all(), "name", obj.name)


class ProjectChoiceField(forms.ModelChoiceField[Project]):
    def label_from_instance(self, obj: Project) -> str:
        return project_title(obj)


class StageChoiceField(forms.ModelChoiceField[Stage]):
    def label_from_instance(self, obj: Stage) -> str:
        return obj.name


class ListingForm(TextsMixin, StyledForm):
    """A listing's organisation (when created) and address."""

    organisation = OrganisationChoiceField(label=_("Listed by"), queryset=Organisation.objects.none())
    slug = forms.SlugField(
        label=_("Address"),
        max_length=120,
        help_text=_("The listing's address on the site, e.g. belarusfilm-animation."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if organisations is None:
            # Editing: a listing keeps its organisation and address.
            del self.fields["organisation"]
            del self.fields["slug"]
        else:
            _model_choice(self, "organisation").queryset = organisations
            if len(organisations) == 1:
                self.fields["organisation"].initial = organisations[0].pk

    @classmethod
    def texts_for(cls, listing: Studio | Location | Specialist) -> dict[str, Mapping[str, str]]:
        """The listing's texts for the form: each text's prefix is the listing's field."""
        return {text.prefix: getattr(listing, text.prefix) for text in cls.TEXTS}

    @staticmethod
    def initial_for(listing: Any) -> dict[str, Any]:
        """The listing's other fields for the form (each kind of listing says which)."""
        raise NotImplementedError

    def data_for_service(self) -> StudioData | LocationData | SpecialistData:
        """What the form says, for the kind of listing's service."""
        raise NotImplementedError


# --- studios, stages ---------------------------------------------------------------------------------


class StudioForm(ListingForm):
    TEXTS = (Text("names", _("Name"), required=True), Text("descriptions", _("Description"), long=True))

    country = forms.ChoiceField(label=_("Country"), choices=_country_choices)
    region = forms.CharField(
        label=_("Region"), required=False, max_length=120, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    city = forms.CharField(label=_("City"), max_length=120, widget=forms.TextInput(attrs={"dir": "auto"}))
    capabilities = forms.MultipleChoiceField(
        label=_("Services offered"),
        required=False,
        choices=Capability.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    equipment = forms.CharField(
        label=_("Equipment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("Cameras, lights, grip, sound: what comes with the studio."),
    )

    def data_for_service(self) -> StudioData:
        data = self.cleaned_data
        return StudioData(
            names=self.texts_of("names"),
            descriptions=self.texts_of("descriptions"),
            country=data["country"],
            region=data.get("region", ""),
            city=data["city"],
            capabilities=data.get("capabilities") or [],
            equipment=data.get("equipment", ""),
        )

    @staticmethod
    def initial_for(studio: Studio) -> dict[str, Any]:
        return {
            "country": studio.country,
            "region": studio.region,
            "city": studio.city,
            "capabilities": studio.capabilities,
            "equipment": studio.equipment,
        }


class StageForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=120, widget=forms.TextInput(attrs={"dir": "auto"}))
    width_m = DigitsDecimalField(label=_("Width (m)"), max_digits=6, decimal_places=2, min_value=0)
    length_m = DigitsDecimalField(label=_("Length (m)"), max_digits=6, decimal_places=2, min_value=0)
    height_m = DigitsDecimalField(
        label=_("Height (m)"), required=False, max_digits=6, decimal_places=2, min_value=0
    )
    features = forms.CharField(
        label=_("Features"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("For example: green screen, water tank, sound-proofed."),
    )


# --- locations ---------------------------------------------------------------------------------------


class LocationForm(ListingForm):
    TEXTS = (Text("names", _("Name"), required=True), Text("descriptions", _("Description"), long=True))

    country = forms.ChoiceField(label=_("Country"), choices=_country_choices)
    region = forms.CharField(label=_("Region"), max_length=120, widget=forms.TextInput(attrs={"dir": "auto"}))
    permits_needed = forms.CharField(
        label=_("Permits needed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Which permits a crew needs to film here, and who issues them."),
    )

    def data_for_service(self) -> LocationData:
        data = self.cleaned_data
        return LocationData(
            names=self.texts_of("names"),
            descriptions=self.texts_of("descriptions"),
            country=data["country"],
            region=data["region"],
            permits_needed=data.get("permits_needed", ""),
        )

    @staticmethod
    def initial_for(location: Location) -> dict[str, Any]:
        return {
            "country": location.country,
            "region": location.region,
            "permits_needed": location.permits_needed,
        }


class PhotoForm(StyledForm):
    image = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP, at least 100 pixels on each side."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption = forms.CharField(
        label=_("Caption"), required=False, max_length=200, widget=forms.TextInput(attrs={"dir": "auto"})
    )


# --- days: closures, bookings ------------------------------------------------------------------------


class _DaysForm(StyledForm):
    starts_on = DigitsDateField(label=_("From"))
    ends_on = DigitsDateField(label=_("Until"), help_text=_("The last day, included."))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if isinstance(starts_on, date) and isinstance(ends_on, date) and ends_on < starts_on:
            self.add_error("ends_on", _("The last day comes before the first."))
        return cleaned


class ClosureForm(_DaysForm):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=200, widget=forms.TextInput(attrs={"dir": "auto"})
    )


class BookingRequestForm(_DaysForm):
    requester = OrganisationChoiceField(label=_("Booking for"), queryset=Organisation.objects.none())
    stage = StageChoiceField(
        label=pgettext_lazy("sound stage", "Stage"),
        required=False,
        queryset=Stage.objects.none(),
        empty_label=_("The whole studio"),
    )
    project = ProjectChoiceField(
        label=_("Project"),
        required=False,
        queryset=Project.objects.none(),
        help_text=_("The co-production the days are for, if any."),
    )
    message = forms.CharField(
        label=_("Message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("Seen only by the studio's or location's operator and your organisation."),
    )

    field_order = ("requester", "stage", "starts_on", "ends_on", "project", "message")

    def __init__(
        self,
        *args: Any,
        requesters: QuerySet[Organisation],
        stages: QuerySet[Stage] | None,
        projects: QuerySet[Project],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _model_choice(self, "requester").queryset = requesters
        if len(requesters) == 1:
            self.fields["requester"].initial = requesters[0].pk
        if stages is None:
            del self.fields["stage"]
        else:
            _model_choice(self, "stage").queryset = stages
        _model_choice(self, "project").queryset = projects


class AnswerForm(StyledForm):
    """An answer to a booking request or an invitation: accept, decline or withdraw, with a note."""

    action = forms.ChoiceField(
        choices=(("accept", _("Accept")), ("decline", _("Decline")), ("withdraw", _("Withdraw"))),
        widget=forms.HiddenInput,
    )
    reply = forms.CharField(
        label=_("Note to the other party"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )


# --- specialists, invitations ------------------------------------------------------------------------


class SpecialistForm(ListingForm):
    TEXTS = (Text("names", _("Name"), required=True), Text("bios", _("Biography"), long=True))

    country = forms.ChoiceField(label=_("Country"), choices=_country_choices)
    skills = forms.MultipleChoiceField(
        label=_("Skills"), choices=CreativeRole.choices, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        required=False,
        choices=language_choices,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    available_from = DigitsDateField(label=_("Available from"), required=False)
    available_until = DigitsDateField(label=_("Available until"), required=False)
    person = forms.CharField(
        label=_("Catalogue person"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
        help_text=_(
            "The address of the person in the catalogue (e.g. parviz-shahbazi): their credits are shown."
        ),
    )

    def clean_person(self) -> Any:
        slug = str(self.cleaned_data.get("person") or "").strip()
        if not slug:
            return None
        person = person_find(slug=slug)
        if person is None:
            raise forms.ValidationError(
                _("No person of the catalogue has the address “%(slug)s”."), params={"slug": slug}
            )
        return person

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("available_from"), cleaned.get("available_until")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            self.add_error("available_until", _("The end of the availability comes before its start."))
        return cleaned

    def data_for_service(self) -> SpecialistData:
        data = self.cleaned_data
        return SpecialistData(
            names=self.texts_of("names"),
            bios=self.texts_of("bios"),
            country=data["country"],
            skills=data.get("skills") or [],
            languages=data.get("languages") or [],
            available_from=data.get("available_from"),
            available_until=data.get("available_until"),
            person=data.get("person"),
        )

    @staticmethod
    def initial_for(specialist: Specialist) -> dict[str, Any]:
        return {
            "country": specialist.country,
            "skills": specialist.skills,
            "languages": specialist.languages,
            "available_from": specialist.available_from,
            "available_until": specialist.available_until,
            "person": specialist.person.slug if specialist.person else "",
        }


class InvitationForm(_DaysForm):
    project = ProjectChoiceField(label=_("Project"), queryset=Project.objects.none())
    role = forms.ChoiceField(label=_("Post"), choices=CreativeRole.choices)
    message = forms.CharField(
        label=_("Message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("Seen only by the specialist's organisation and the project's co-producers."),
    )

    field_order = ("project", "role", "starts_on", "ends_on", "message")

    def __init__(self, *args: Any, projects: QuerySet[Project], skills: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_choice(self, "project").queryset = projects
        if len(projects) == 1:
            self.fields["project"].initial = projects[0].pk
        if skills:
            self.fields["role"].initial = skills[0]


# --- filters -----------------------------------------------------------------------------------------


class DirectoryFilterForm(StyledForm):
    """The directory's filters, read from the query string; which appear depends on the list."""

    country = forms.ChoiceField(label=_("Country"), required=False, choices=_country_choices)
    region = forms.CharField(
        label=_("Region"), required=False, max_length=120, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    capability = forms.ChoiceField(
        label=_("Service"), required=False, choices=lambda: _blank(Capability.choices)
    )
    skill = forms.ChoiceField(label=_("Skill"), required=False, choices=lambda: _blank(CreativeRole.choices))
    language = forms.ChoiceField(label=_("Language"), required=False, choices=_language_choices)
    available_on = DigitsDateField(label=_("Free on"), required=False)

    def __init__(self, *args: Any, fields: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in fields:
                del self.fields[name]

    def filters(self) -> DirectoryFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return DirectoryFilters(
            country=data.get("country") or "",
            region=data.get("region") or "",
            capability=data.get("capability") or "",
            skill=data.get("skill") or "",
            language=data.get("language") or "",
            available_on=data.get("available_on"),
        )
