"""Forms of the project pages: they read what a person types into the services' arguments; the services
decide what is acceptable and say which field is wrong.

Titles, loglines and synopses are typed in several languages and kept as {language: text} maps. Amounts
are typed as text (any digits, grouped or not) and read with the minor units of the project's currency.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cinebridge.accounts.models import Organisation
from cinebridge.catalogue.forms import DigitsDateField, DigitsIntegerField, StyledForm
from cinebridge.catalogue.models import Audience
from cinebridge.coproduction.models import (
    Contribution,
    ContributionKind,
    CoProducer,
    Creative,
    CreativeRole,
    FinancingKind,
    FinancingSource,
    InKindCategory,
    Project,
    ProjectKind,
    ProjectStage,
)
from cinebridge.core.engine.money import AmountError, is_currency, minor_units, parse_amount
from cinebridge.core.forms import Text, TextsMixin
from cinebridge.core.vocabularies import country_choices, language_choices

NO_CHOICE = ("", "—")
FIRST_YEAR, LAST_YEAR = 1990, 2100

__all__ = [
    "CoProducerForm",
    "ContributionForm",
    "CreativeForm",
    "FinancingForm",
    "ProjectForm",
    "ProjectVersionForm",
    "VersionedForm",
    "field_for_service",
]


def _blank_countries() -> list[tuple[str, str]]:
    return [NO_CHOICE, *country_choices()]


def _set_choices(form: forms.BaseForm, name: str, choices: Iterable[tuple[Any, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)  # noqa: S101 - every caller names a choice field
    field.choices = list(choices)


def _set_queryset(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - every caller names a model field
    field.queryset = queryset


# --- fields ---------------------------------------------------------------------------------------------------


class AmountField(forms.CharField):
    """An amount as typed ("1 250 000", "۱٬۲۵۰٬۰۰۰", "1,250,000.50"); the form reads it with the currency."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr", "autocomplete": "off"})
        )
        super().__init__(**kwargs)


class CurrencyField(forms.CharField):
    """An ISO 4217 code, upper-cased."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Currency"))
        kwargs.setdefault("help_text", _("ISO 4217 code, e.g. EUR, BYN, IRR."))
        super().__init__(
            max_length=3,
            min_length=3,
            widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", "size": 4}),
            **kwargs,
        )

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).strip().upper()

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not is_currency(value):
            raise forms.ValidationError(_("%(code)s is not an ISO 4217 currency code.") % {"code": value})


class CodesField(forms.MultipleChoiceField):
    """Several codes (countries, languages) picked from a list."""

    widget = forms.SelectMultiple(attrs={"size": 6})


def read_amount(form: forms.BaseForm, name: str, currency: str | None) -> None:
    """The typed amount in `name` as a Decimal of `currency`, or an error at the field saying what is wrong."""
    text = form.cleaned_data.get(name)
    if text in (None, ""):
        form.cleaned_data[name] = None
        return
    if not currency or not is_currency(currency):
        return  # the currency field says what is wrong
    try:
        form.cleaned_data[name] = parse_amount(str(text), currency=currency)
    except AmountError as error:
        message = (
            _("“%(value)s” is too large an amount.")
            if error.code == "too_large"
            else _("Enter an amount of %(currency)s, at least zero, with at most %(places)s decimals.")
        )
        form.add_error(name, message % {"value": text, "currency": currency, "places": minor_units(currency)})


def field_for_service(form: forms.BaseForm, name: str | None) -> str | None:
    """The form field a service's refusal names: "titles" is the English title's input, and so on."""
    if name is None:
        return None
    if name in form.fields:
        return name
    singular = {"titles": "title", "loglines": "logline", "synopses": "synopsis"}.get(name)
    if singular and f"{singular}_en" in form.fields:
        return f"{singular}_en"
    return None


# --- the version a change was made against ---------------------------------------------------------------


class VersionField(forms.IntegerField):
    """The project's version the person started from, hidden in the page: a change made against an older
    one is refused (the page then keeps what was typed), and a change that does not say is refused too."""

    def __init__(self, **kwargs: Any) -> None:
        message = _(
            "The page did not say which version of the project it changes: reload it and make your change "
            "again."
        )
        kwargs.setdefault("error_messages", {"required": message, "invalid": message, "min_value": message})
        super().__init__(widget=forms.HiddenInput, min_value=0, **kwargs)


class VersionedForm(StyledForm):
    """A form that changes a project: `version` travels with it; its error is shown above the form (the
    field is hidden)."""

    version = VersionField()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        hidden = self.errors.pop("version", None)
        if hidden:
            self.add_error(None, hidden)
        return cleaned


class ProjectVersionForm(VersionedForm):
    """The one-button forms that change a project (delete a line, remove a co-producer)."""


# --- the project ------------------------------------------------------------------------------------------------


class OrganisationChoiceField(forms.ModelChoiceField[Organisation]):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class ProjectForm(TextsMixin, VersionedForm):
    """A project's card and plan: titles and loglines in several languages, kind, audience, stage, budget,
    where the work is done. On creation the lead producer is picked among the viewer's companies; on an
    edit the version the person started from travels with the form (a change made meanwhile is refused;
    one that does not say its version too)."""

    TEXTS = (
        Text("title", _("Title"), required=True),
        Text("logline", _("Logline")),
        Text("synopsis", _("Synopsis"), long=True),
    )
    short_max_length = 300

    lead = OrganisationChoiceField(
        label=_("Lead producer"),
        queryset=Organisation.objects.none(),
        help_text=_("Your company that leads the project; other co-producers are added afterwards."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ProjectKind.choices)
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices, initial=Audience.CHILDREN)
    stage = forms.ChoiceField(label=_("Stage"), choices=ProjectStage.choices)
    target_runtime_minutes = DigitsIntegerField(
        label=_("Target runtime (minutes)"), required=False, min_value=1, max_value=2000
    )
    languages = CodesField(label=_("Languages"), required=False, choices=[])
    budget = AmountField(label=_("Budget"))
    currency = CurrencyField()
    support_requested = AmountField(
        label=_("Support requested"),
        required=False,
        help_text=_("From a fund whose rules cap it (Eurimages), in the project's currency."),
    )
    shooting_countries = CodesField(label=_("Shooting countries"), required=False, choices=[])
    post_countries = CodesField(label=_("Post-production countries"), required=False, choices=[])
    animation_countries = CodesField(label=_("Animation countries"), required=False, choices=[])
    start_year = DigitsIntegerField(
        label=_("Year production starts"), min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    seeking_partners = forms.BooleanField(
        label=_("Looking for partners"),
        required=False,
        help_text=_("Every signed-in person then sees the project's card (never its financing)."),
    )

    def __init__(
        self,
        *args: Any,
        leads: QuerySet[Organisation] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if leads is None:
            del self.fields["lead"]
        else:  # creation: there is no version yet
            del self.fields["version"]
            _set_queryset(self, "lead", leads.order_by("name"))
            if len(leads) == 1:
                self.fields["lead"].initial = leads[0].pk
        for name in ("shooting_countries", "post_countries", "animation_countries"):
            _set_choices(self, name, country_choices())
        _set_choices(self, "languages", language_choices())
        # The text inputs come first on the page: the form lists them in that order.
        self.order_fields([name for name in self.fields if name in ("lead",)] + self.text_field_names())

    @staticmethod
    def initial_for(project: Project) -> dict[str, Any]:
        return {
            "kind": project.kind,
            "audience": project.audience,
            "stage": project.stage,
            "target_runtime_minutes": project.target_runtime_minutes,
            "languages": list(project.languages),
            "budget": f"{project.budget.normalize():f}" if project.budget is not None else "",
            "currency": project.currency,
            "support_requested": (
                f"{project.support_requested.normalize():f}" if project.support_requested is not None else ""
            ),
            "shooting_countries": list(project.shooting_countries),
            "post_countries": list(project.post_countries),
            "animation_countries": list(project.animation_countries),
            "start_year": project.start_year,
            "seeking_partners": project.seeking_partners,
            "version": project.version,
        }

    @staticmethod
    def texts_for(project: Project) -> dict[str, Mapping[str, str]]:
        return {"title": project.titles, "logline": project.loglines, "synopsis": project.synopses}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        currency = cleaned.get("currency")
        read_amount(self, "budget", currency)
        read_amount(self, "support_requested", currency)
        return cleaned

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        arguments: dict[str, Any] = {
            "titles": self.texts_of("title"),
            "loglines": self.texts_of("logline"),
            "synopses": self.texts_of("synopsis"),
            "kind": data["kind"],
            "audience": data["audience"],
            "stage": data["stage"],
            "target_runtime_minutes": data.get("target_runtime_minutes"),
            "languages": list(data.get("languages") or []),
            "budget": data["budget"],
            "currency": data["currency"],
            "support_requested": data.get("support_requested"),
            "shooting_countries": list(data.get("shooting_countries") or []),
            "post_countries": list(data.get("post_countries") or []),
            "animation_countries": list(data.get("animation_countries") or []),
            "start_year": data["start_year"],
            "seeking_partners": bool(data.get("seeking_partners")),
        }
        if "lead" in self.fields:
            arguments["lead"] = data["lead"]
        return arguments


# --- co-producers ---------------------------------------------------------------------------------------------


class CoProducerForm(VersionedForm):
    """A co-producer: an organisation of the platform (its members then see the project), or a company
    not on the platform named with its country. Only the lead producer's editors add an organisation of
    the platform (`organisations` None for the others: they name a company and are told why)."""

    organisation = OrganisationChoiceField(
        label=_("Organisation on the platform"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Its members then see and edit the project with you."),
    )
    name = forms.CharField(
        label=_("Or a company not on the platform"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    country = forms.ChoiceField(label=_("Its country"), required=False, choices=[])

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation] | None, lead: Organisation, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lead_only = ""
        if organisations is None:
            del self.fields["organisation"]
            self.fields["name"].label = _("A company not on the platform")
            self.lead_only = _(
                "Only the editors of %(lead)s, the lead producer, may add an organisation of the platform: "
                "it would see every co-producer's financing. You may name a company that is not on the "
                "platform."
            ) % {"lead": lead.name}
        else:
            _set_queryset(self, "organisation", organisations.order_by("name"))
        _set_choices(self, "country", _blank_countries())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.lead_only and self.data.get("organisation"):
            self.add_error(None, self.lead_only)
            return cleaned
        organisation, name = cleaned.get("organisation"), str(cleaned.get("name") or "").strip()
        cleaned["name"] = name
        if organisation is not None and name:
            self.add_error("name", _("Pick an organisation of the platform or name a company, not both."))
        elif organisation is None:
            if not name:
                self.add_error("organisation", _("Pick an organisation of the platform or name a company."))
            if not cleaned.get("country"):
                self.add_error("country", _("Say in which country the company is established."))
        return cleaned

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        if data.get("organisation") is not None:
            return {"organisation": data["organisation"]}
        return {"organisation": None, "name": data["name"], "country": data["country"]}


class CoProducerChoiceField(forms.ModelChoiceField[CoProducer]):
    def label_from_instance(self, obj: CoProducer) -> str:
        return f"{obj.name} ({obj.country})"


# --- financing ---------------------------------------------------------------------------------------------------


class FinancingForm(VersionedForm):
    """A line of the financing plan: who raised it, from whom, how much, confirmed by a letter of a date."""

    coproducer = CoProducerChoiceField(label=_("Raised by"), queryset=CoProducer.objects.none())
    kind = forms.ChoiceField(label=_("Source"), choices=FinancingKind.choices)
    name = forms.CharField(
        label=_("Financier"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    amount = AmountField(label=_("Amount"))
    is_confirmed = forms.BooleanField(label=_("Confirmed"), required=False)
    letter_date = DigitsDateField(
        label=_("Date of the letter"),
        required=False,
        help_text=_("A confirmed source needs its letter; letters older than six months are flagged."),
    )

    def __init__(
        self,
        *args: Any,
        currency: str,
        coproducers: Sequence[CoProducer] | QuerySet[CoProducer] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.fields["amount"].help_text = _("In %(currency)s, the project's currency.") % {
            "currency": currency
        }
        if coproducers is None:
            del self.fields["coproducer"]
        else:
            field = self.fields["coproducer"]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
            field.queryset = CoProducer.objects.filter(pk__in=[c.pk for c in coproducers])

    @staticmethod
    def initial_for(source: FinancingSource) -> dict[str, Any]:
        return {
            "kind": source.kind,
            "name": source.name,
            "amount": f"{source.amount.normalize():f}",
            "is_confirmed": source.is_confirmed,
            "letter_date": source.letter_date,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        read_amount(self, "amount", self.currency)
        amount = cleaned.get("amount")
        if isinstance(amount, Decimal) and amount <= 0:
            self.add_error("amount", _("A source brings more than zero."))
        if (
            cleaned.get("is_confirmed")
            and not cleaned.get("letter_date")
            and "letter_date" not in self.errors
        ):
            self.add_error("letter_date", _("A confirmed source needs the date of its letter."))
        return cleaned

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "name": data["name"].strip(),
            "amount": data["amount"],
            "is_confirmed": bool(data.get("is_confirmed")),
            "letter_date": data.get("letter_date"),
        }


# --- contributions ---------------------------------------------------------------------------------------------


class ContributionForm(VersionedForm):
    """What a co-producer brings besides money: in-kind work, valued, or an artistic contribution."""

    coproducer = CoProducerChoiceField(label=_("Brought by"), queryset=CoProducer.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=ContributionKind.choices)
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[NO_CHOICE, *InKindCategory.choices],
        help_text=_("For in-kind technical contributions."),
    )
    description = forms.CharField(
        label=_("Description"), max_length=300, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    value = AmountField(
        label=_("Value"),
        required=False,
        help_text=_("In-kind work counts towards the co-producer's share; artistic work is not valued."),
    )

    def __init__(
        self,
        *args: Any,
        currency: str,
        coproducers: Sequence[CoProducer] | QuerySet[CoProducer] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.currency = currency
        if coproducers is None:
            del self.fields["coproducer"]
        else:
            field = self.fields["coproducer"]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
            field.queryset = CoProducer.objects.filter(pk__in=[c.pk for c in coproducers])

    @staticmethod
    def initial_for(contribution: Contribution) -> dict[str, Any]:
        return {
            "kind": contribution.kind,
            "category": contribution.category,
            "description": contribution.description,
            "value": f"{contribution.value.normalize():f}" if contribution.value else "",
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        read_amount(self, "value", self.currency)
        kind = cleaned.get("kind")
        value = cleaned.get("value")
        if kind == ContributionKind.IN_KIND:
            if not cleaned.get("category"):
                self.add_error("category", _("Say what kind of technical work it is."))
            if value is None and "value" not in self.errors:
                self.add_error("value", _("Value the in-kind work in the project's currency."))
        elif kind == ContributionKind.ARTISTIC:
            if isinstance(value, Decimal) and value != 0:
                self.add_error(
                    "value", _("An artistic contribution is recorded, not valued: leave it empty.")
                )
            cleaned["category"] = ""
        return cleaned

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "category": data.get("category") or "",
            "description": data["description"].strip(),
            "value": data.get("value") or Decimal(0),
        }


# --- creatives ------------------------------------------------------------------------------------------------


class CreativeForm(VersionedForm):
    """A key creative or a member of the cast, with nationality; for leads, the days worked."""

    role = forms.ChoiceField(label=_("Post"), choices=CreativeRole.choices)
    name = forms.CharField(label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"}))
    nationality = forms.ChoiceField(label=_("Nationality"), choices=[])
    days_worked = DigitsIntegerField(
        label=_("Days worked"),
        required=False,
        min_value=0,
        max_value=3000,
        help_text=_("For lead roles: the points tables of some instruments count them."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "nationality", _blank_countries())

    @staticmethod
    def initial_for(creative: Creative) -> dict[str, Any]:
        return {
            "role": creative.role,
            "name": creative.name,
            "nationality": creative.nationality,
            "days_worked": creative.days_worked,
        }

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "role": data["role"],
            "name": data["name"].strip(),
            "nationality": data["nationality"],
            "days_worked": data.get("days_worked"),
        }
