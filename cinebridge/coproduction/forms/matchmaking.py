"""Forms of the matchmaking pages: they read what a person enters; the matchmaking services decide.

Amounts are typed as text (any digits, grouping) and parsed by the services in the right currency.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cinebridge.accounts.models import Organisation
from cinebridge.catalogue.models import Audience, Film
from cinebridge.coproduction.display import project_title
from cinebridge.coproduction.models import Capability, CompanyProfile, PartnerNeed, Project
from cinebridge.core.forms import BootstrapMixin
from cinebridge.core.i18n import translated_text
from cinebridge.core.vocabularies import country_choices, language_choices, language_name

NO_CHOICE = ("", "—")
DESCRIPTION_LANGUAGES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
ACCEPT = "accept"
DECLINE = "decline"
WITHDRAW = "withdraw"


def description_field(code: str) -> str:
    return f"description_{code}"


class StyledForm(BootstrapMixin, forms.Form):
    """A form whose widgets carry Bootstrap classes."""


class OrganisationChoiceField(forms.ModelChoiceField[Organisation]):
    """Organisations named in the active language."""

    def label_from_instance(self, obj: Organisation) -> str:
        return translated_text(obj.translations.all(), "name", obj.name)


class FilmMultipleChoiceField(forms.ModelMultipleChoiceField[Film]):
    def label_from_instance(self, obj: Film) -> str:
        title = translated_text(obj.translations.all(), "title", obj.original_title)
        return f"{title} ({obj.year})"


class ProjectChoiceField(forms.ModelChoiceField[Project]):
    def label_from_instance(self, obj: Project) -> str:
        return project_title(obj)


class ProfileForm(StyledForm):
    capabilities = forms.MultipleChoiceField(
        label=_("What we offer"),
        choices=Capability.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audiences = forms.MultipleChoiceField(
        label=_("Audiences we make films for"),
        choices=Audience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Working languages"), choices=language_choices, required=False
    )
    contribution_min = forms.CharField(label=_("Usual contribution from"), required=False, max_length=40)
    contribution_max = forms.CharField(label=_("Usual contribution up to"), required=False, max_length=40)
    currency = forms.CharField(
        label=_("Currency"),
        required=False,
        max_length=3,
        help_text=_("The ISO code of the currency of the amounts, such as EUR, IRR or BYN."),
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    past_coproductions = FilmMultipleChoiceField(
        label=_("Past co-productions"), queryset=Film.objects.none(), required=False
    )
    is_open = forms.BooleanField(label=_("Open to co-productions"), required=False, initial=True)

    def __init__(self, *args: Any, films: QuerySet[Film], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["past_coproductions"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101
        field.queryset = films
        for code in DESCRIPTION_LANGUAGES:
            self.fields[description_field(code)] = forms.CharField(
                label=_("What we offer, in %(language)s") % {"language": language_name(code)},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3, "dir": "auto", "class": "form-control"}),
            )

    @staticmethod
    def initial_from(profile: CompanyProfile | None) -> dict[str, Any]:
        if profile is None:
            return {"is_open": True}
        initial: dict[str, Any] = {
            "capabilities": profile.capabilities,
            "audiences": profile.audiences,
            "languages": profile.languages,
            "contribution_min": ""
            if profile.contribution_min is None
            else f"{profile.contribution_min.normalize():f}",
            "contribution_max": ""
            if profile.contribution_max is None
            else f"{profile.contribution_max.normalize():f}",
            "currency": profile.currency,
            "past_coproductions": list(profile.past_coproductions.all()),
            "is_open": profile.is_open,
        }
        for code, text in (profile.descriptions or {}).items():
            initial[description_field(code)] = text
        return initial

    def descriptions(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(description_field(code), "") for code in DESCRIPTION_LANGUAGES}


def _country_choices() -> list[tuple[str, str]]:
    return [("", str(_("Any country"))), *country_choices()]


class NeedForm(StyledForm):
    country = forms.ChoiceField(label=_("Country"), choices=_country_choices, required=False)
    capabilities = forms.MultipleChoiceField(
        label=_("Capabilities wanted"),
        choices=Capability.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contribution_min = forms.CharField(label=_("Contribution from"), required=False, max_length=40)
    contribution_max = forms.CharField(label=_("Contribution up to"), required=False, max_length=40)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    @staticmethod
    def initial_from(need: PartnerNeed) -> dict[str, Any]:
        return {
            "country": need.country,
            "capabilities": need.capabilities,
            "contribution_min": ""
            if need.contribution_min is None
            else f"{need.contribution_min.normalize():f}",
            "contribution_max": ""
            if need.contribution_max is None
            else f"{need.contribution_max.normalize():f}",
            "note": need.note,
        }


class MeetingRequestForm(StyledForm):
    from_organisation = OrganisationChoiceField(label=_("On behalf of"), queryset=Organisation.objects.none())
    to_organisation = OrganisationChoiceField(label=_("Meet"), queryset=Organisation.objects.none())
    project = ProjectChoiceField(
        label=_("About the project"), queryset=Project.objects.none(), required=False
    )
    message = forms.CharField(
        label=_("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"})
    )
    proposed_at = forms.DateTimeField(
        label=_("Proposed time"),
        required=False,
        help_text=_("In your time zone."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "dir": "ltr"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def __init__(
        self,
        *args: Any,
        senders: QuerySet[Organisation],
        recipients: QuerySet[Organisation],
        projects: QuerySet[Project],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (
            ("from_organisation", senders),
            ("to_organisation", recipients),
            ("project", projects),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
            field.queryset = queryset


class MeetingAnswerForm(StyledForm):
    decision = forms.ChoiceField(
        choices=((ACCEPT, _("Accept")), (DECLINE, _("Decline")), (WITHDRAW, _("Withdraw"))),
        widget=forms.HiddenInput,
    )
    reply = forms.CharField(
        label=_("Reply"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )
