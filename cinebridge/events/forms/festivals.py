"""Forms of the festival pages: they read what a person enters; the festival services decide.

Names of festivals, editions, sections and awards are typed in a few languages (one input per UI
language, at least one filled) and handed to the services as a {language code: text} map. A
submission names a catalogue film by choice, never retyped.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cinebridge.accounts.models import Organisation, User
from cinebridge.accounts.selectors import user_find, user_find_by_email
from cinebridge.catalogue.forms import DigitsDateField, DigitsIntegerField, StyledForm
from cinebridge.catalogue.models import Audience, Film, FilmKind
from cinebridge.core.engine.digits import localize_digits
from cinebridge.core.errors import ApplicationError
from cinebridge.core.forms import Text, TextsMixin, add_service_error, time_zone_choices
from cinebridge.core.i18n import active_language, translated_text
from cinebridge.core.vocabularies import country_choices
from cinebridge.events.models import PremiereStatus, Section, Strand, SubmissionStatus

NO_CHOICE = ("", "—")
ABSTAIN = "abstain"
SCORES = tuple(range(1, 11))
# Service error fields naming the whole map → the input the message goes under.
NAMES_FIELD = "names"


def _blank_countries() -> list[tuple[str, str]]:
    return [NO_CHOICE, *country_choices()]


def _set_queryset(form: forms.Form, name: str, queryset: QuerySet[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - every caller names a model field
    field.queryset = queryset


class OrganisationChoiceField(forms.ModelChoiceField[Organisation]):
    """Organisations named in the active language."""

    def label_from_instance(self, obj: Organisation) -> str:
        return translated_text(obj.translations.all(), "name", obj.name)


class FilmChoiceField(forms.ModelChoiceField[Film]):
    """Catalogue films by their title in the active language and year."""

    def label_from_instance(self, obj: Film) -> str:
        title = translated_text(obj.translations.all(), "title", obj.original_title)
        return f"{title} ({obj.year})"


class SectionChoiceField(forms.ModelChoiceField[Section]):
    """Sections of one edition by their name in the active language."""

    def label_from_instance(self, obj: Section) -> str:
        return section_label(obj)


def section_label(section: Section) -> str:
    names: dict[str, str] = section.names or {}
    return names.get(active_language()) or names.get("en") or next(iter(names.values()), "") or section.code


# --- names in several languages ---------------------------------------------------------------------


class NamesMixin(TextsMixin):
    """A name typed in several languages (inputs `names_<code>`, at least one filled), handed to the
    services as a {language code: text} map."""

    TEXTS = (Text(NAMES_FIELD, _("Name"), required=True),)
    texts_required_message = _("Give the name in at least one language.")

    def names(self) -> dict[str, str]:
        return self.texts_of(NAMES_FIELD)

    @classmethod
    def names_initial(cls, names: dict[str, str] | None) -> dict[str, str]:
        return {f"{NAMES_FIELD}_{code}": text for code, text in (names or {}).items()}


def show_refusal(
    form: forms.BaseForm, error: ApplicationError | ValidationError, aliases: dict[str, str] | None = None
) -> None:
    """A service's refusal on the field it names (`aliases`: service name → form field; a names map goes
    under its English input), else above the form (also for hidden fields, whose errors nobody sees)."""
    if isinstance(error, ApplicationError):
        field = (aliases or {}).get(error.field or "", error.field)
        if field == NAMES_FIELD and isinstance(form, NamesMixin):
            field = f"{NAMES_FIELD}_en"
        if field not in form.fields or form.fields[field].widget.is_hidden:
            field = None
        form.add_error(field, error.message)
        return
    add_service_error(form, error)


# --- the festival office -----------------------------------------------------------------------------


class FestivalForm(NamesMixin, StyledForm):
    """A new festival of one of the viewer's festival organisations."""

    organisation = OrganisationChoiceField(label=_("Organiser"), queryset=Organisation.objects.none())
    slug = forms.SlugField(
        label=_("Address"),
        max_length=80,
        help_text=_("Latin letters, digits and hyphens, e.g. “listapad”."),
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", widget=forms.URLInput(attrs={"dir": "ltr"})
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "organisation", organisations.prefetch_related("translations"))
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.get().pk


class EditionForm(NamesMixin, StyledForm):
    """An edition of a festival: its year, address, names, host country, time zone and dates."""

    TEXTS = (Text(NAMES_FIELD, _("Title"), required=True),)
    year = DigitsIntegerField(label=_("Year"), min_value=1900, max_value=2100)
    number = DigitsIntegerField(
        label=_("Edition number"), required=False, min_value=1, help_text=_("E.g. 31 for the 31st edition.")
    )
    slug = forms.SlugField(
        label=_("Address"),
        max_length=120,
        help_text=_("The address of its programme pages, e.g. “listapad-2025”."),
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    host_country = forms.ChoiceField(label=_("Host country"), choices=_blank_countries)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)
    starts_on = DigitsDateField(label=_("First day"))
    ends_on = DigitsDateField(label=_("Last day"))

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            # An edition's year and address are what it is found by: they are not changed.
            del self.fields["year"]
            del self.fields["slug"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day cannot come before the first day."))
        return cleaned


class SectionForm(NamesMixin, StyledForm):
    """A section of an edition: a competition or not, for a general or a children's and youth audience."""

    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("Short, in Latin letters, e.g. “youth”."),
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    strand = forms.ChoiceField(label=_("Audience"), choices=Strand.choices, initial=Strand.GENERAL)
    is_competition = forms.BooleanField(label=_("Competition"), required=False, initial=True)
    position = DigitsIntegerField(label=_("Order on the page"), required=False, min_value=0, initial=0)


class CallForm(StyledForm):
    """A section's call for entries: when it is open and the rules an entry is checked against."""

    opens_on = DigitsDateField(label=_("Opens"))
    deadline = DigitsDateField(label=_("Deadline"))
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of film"),
        required=False,
        choices=FilmKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every kind."),
    )
    min_runtime = DigitsIntegerField(label=_("Shortest runtime (minutes)"), required=False, min_value=1)
    max_runtime = DigitsIntegerField(label=_("Longest runtime (minutes)"), required=False, min_value=1)
    min_year = DigitsIntegerField(
        label=_("Produced in or after"), required=False, min_value=1888, max_value=2100
    )
    premiere = forms.ChoiceField(
        label=_("Premiere required"), choices=PremiereStatus.choices, initial=PremiereStatus.NONE
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries of production"),
        required=False,
        choices=country_choices,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("None chosen: any country. A co-production with one of them is accepted."),
    )
    audiences = forms.MultipleChoiceField(
        label=_("Audiences"),
        required=False,
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every audience."),
    )
    rules_text = forms.CharField(
        label=_("Other rules"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        opens, deadline = cleaned.get("opens_on"), cleaned.get("deadline")
        if opens and deadline and deadline < opens:
            self.add_error("deadline", _("The deadline cannot come before the call opens."))
        shortest, longest = cleaned.get("min_runtime"), cleaned.get("max_runtime")
        if shortest and longest and longest < shortest:
            self.add_error("max_runtime", _("The longest runtime cannot be shorter than the shortest."))
        return cleaned

    @staticmethod
    def initial_for(call: Any) -> dict[str, Any]:
        if call is None:
            return {}
        return {
            name: getattr(call, name)
            for name in (
                "opens_on",
                "deadline",
                "kinds",
                "min_runtime",
                "max_runtime",
                "min_year",
                "premiere",
                "countries",
                "audiences",
                "rules_text",
            )
        }


class JuryMemberForm(StyledForm):
    """A person to sit on a section's jury, found by username or e-mail address."""

    who = forms.CharField(
        label=_("Username or e-mail address"),
        max_length=254,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    is_president = forms.BooleanField(label=_("President of the jury"), required=False)

    def clean_who(self) -> User:
        text = str(self.cleaned_data["who"]).strip()
        user = user_find_by_email(email=text) if "@" in text else user_find(username=text)
        if user is None:
            raise ValidationError(
                _("Nobody has an account under “%(who)s”."), code="unknown", params={"who": text}
            )
        return user


# --- submissions -------------------------------------------------------------------------------------


class SubmissionForm(StyledForm):
    """A catalogue film entered to a section's call, by one of the viewer's organisations."""

    applicant = OrganisationChoiceField(label=_("Entered by"), queryset=Organisation.objects.none())
    film = FilmChoiceField(
        label=_("Film"),
        queryset=Film.objects.none(),
        help_text=_("A film of your catalogue: its details are taken from there."),
    )
    section = SectionChoiceField(label=_("Section"), queryset=Section.objects.none())
    premiere = forms.ChoiceField(
        label=_("Premiere status"), choices=PremiereStatus.choices, initial=PremiereStatus.NONE
    )
    note = forms.CharField(
        label=_("Note to the festival"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )

    def __init__(
        self,
        *args: Any,
        applicants: QuerySet[Organisation],
        films: QuerySet[Film],
        sections: QuerySet[Section],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "applicant", applicants.prefetch_related("translations"))
        _set_queryset(self, "film", films.prefetch_related("translations"))
        _set_queryset(self, "section", sections)
        if len(applicants) == 1:
            # One organisation to enter for: no choice to make.
            self.fields["applicant"].initial = applicants[0].pk
            self.fields["applicant"].widget = forms.HiddenInput()


class SubmissionFilterForm(StyledForm):
    """The festival's submissions table filters, read from the query string."""

    section = SectionChoiceField(
        label=_("Section"), queryset=Section.objects.none(), required=False, empty_label=_("Every section")
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[])

    def __init__(self, *args: Any, sections: QuerySet[Section], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "section", sections)
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)  # noqa: S101 - declared above
        status.choices = [("", _("Every status")), *SubmissionStatus.choices]


class DecisionForm(StyledForm):
    """A festival's decision on a submission (the button pressed), against the version it saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    to_status = forms.ChoiceField(widget=forms.HiddenInput, choices=SubmissionStatus.choices)
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )


class WithdrawForm(StyledForm):
    """The applicant takes its submission back, against the version it saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    message = forms.CharField(
        label=_("Message to the festival"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )


class AwardForm(NamesMixin, StyledForm):
    """An award given to a selected or screened submission, named in a few languages."""

    TEXTS = (Text(NAMES_FIELD, _("Name of the award"), required=True),)


def score_choices() -> list[tuple[str, Any]]:
    """Nothing chosen yet, an abstention, then 1 to 10 in the reader's digits."""
    language = active_language()
    return [
        NO_CHOICE,
        (ABSTAIN, _("Abstain")),
        *((str(n), localize_digits(str(n), language)) for n in SCORES),
    ]


class JuryScoreForm(StyledForm):
    """A jury member's score of one submission (1–10 or abstain), a private note and a declared conflict."""

    score = forms.ChoiceField(label=_("Score"), choices=score_choices)
    private_note = forms.CharField(
        label=_("Private note"),
        required=False,
        max_length=5000,
        help_text=_("Seen only by you."),
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )
    conflict_declared = forms.BooleanField(label=_("I have a conflict of interest"), required=False)

    def score_value(self) -> int | None:
        value = self.cleaned_data["score"]
        return None if value == ABSTAIN else int(value)

    @staticmethod
    def initial_for(score: Any) -> dict[str, Any]:
        if score is None:
            return {}
        return {
            "score": ABSTAIN if score.score is None else str(score.score),
            "private_note": score.private_note,
            "conflict_declared": score.conflict_declared,
        }


def choice_labels(choices: Iterable[tuple[str, Any]], values: Iterable[str]) -> list[str]:
    """The labels of `values` among `choices`, in the choices' order."""
    wanted = set(values)
    return [str(label) for value, label in choices if value in wanted]
