"""Forms of the rights pages: they parse what a person enters; the services and the engine decide.

Dates are entered as a first and a last day (what people write in a contract); the ledgers keep the
first day no longer covered, so the forms add a day to the last one and take it away to show it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cinebridge.accounts.models import Organisation
from cinebridge.accounts.selectors import organisation_list
from cinebridge.catalogue.forms import DigitsDateField, DigitsIntegerField
from cinebridge.catalogue.models import Film
from cinebridge.core.engine.collation import collation_key
from cinebridge.core.forms import BootstrapMixin
from cinebridge.core.i18n import active_language, translated_text
from cinebridge.core.vocabularies import language_choices

from .convert import GrantInput, GrantInputError, Normaliser
from .engine.types import AvailsQuery, Direction, Exclusivity, LanguageUse, Match, Status, Use, day
from .engine.vocabulary import load_vocabularies
from .models import Direction as DirectionChoice
from .models import Exclusivity as ExclusivityChoice
from .models import Grant, ReleaseKind
from .models import Status as StatusChoice
from .services import TRANSITIONS

NO_CHOICE = ("", "—")
# The statuses a new grant may start in (expired and terminated are reached from these).
NEW_STATUSES = (Status.DRAFT, Status.PENDING, Status.ACTIVE)
# Service input fields → this module's form fields, where they are named differently.
SERVICE_FIELDS = {
    "event": "event_country",
    "counterparty_id": "counterparty",
    "end": "last_day",
    "media": "media_expression",
    "holder_id": None,
    "work_id": None,
}
DEFAULT_WINDOW_DAYS = 365
INDENT = "\u00a0\u00a0\u00a0"


class TermKind:
    """How a term is stated on the form (the ledgers know only fixed and relative terms)."""

    FIXED = "fixed"
    OPEN_END = "open_end"
    PERPETUITY = "perpetuity"
    RELATIVE = "relative"

    choices = (
        (FIXED, _("Fixed dates")),
        (OPEN_END, _("From a date, open end")),
        (PERPETUITY, _("In perpetuity")),
        (RELATIVE, _("Relative to a release event")),
    )


class Licence:
    EXCLUSIVE = "exclusive"
    NON_EXCLUSIVE = "non_exclusive"

    choices = ((EXCLUSIVE, _("Exclusive licence")), (NON_EXCLUSIVE, _("Non-exclusive licence")))


USE_CHOICES = (
    (Use.ORIGINAL.value, _("original")),
    (Use.SUBTITLED.value, _("subtitled")),
    (Use.DUBBED.value, _("dubbed")),
    (Use.VOICE_OVER.value, _("voice-over")),
    (Use.SDH.value, _("subtitles for the deaf and hard of hearing")),
)


def media_choices() -> list[tuple[str, str]]:
    """Every node of the media tree in tree order, indented by depth, named in the active language."""
    language = active_language()
    return [
        (node.code, INDENT * node.depth + node.names.get(language, node.names["en"]))
        for node in load_vocabularies().media.nodes()
    ]


def territory_group_choices() -> list[tuple[str, str]]:
    """The territory groups, named in the active language (in the vocabulary's order: regions first)."""
    language = active_language()
    return [
        (group.code, group.names.get(language, group.names["en"]))
        for group in load_vocabularies().territories.groups()
    ]


def territory_country_choices() -> list[tuple[str, str]]:
    """The countries of the territory vocabulary, by name in the active language."""
    language = active_language()
    vocab = load_vocabularies().territories
    pairs = [(code, vocab.name(code, language)) for code in vocab.countries()]
    return sorted(pairs, key=lambda pair: collation_key(pair[1], language))


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [NO_CHOICE, *choices]


class StyledForm(BootstrapMixin, forms.Form):
    """A form whose widgets carry Bootstrap classes."""


class OrganisationChoiceField(forms.ModelChoiceField[Organisation]):
    """Organisations named in the active language."""

    def label_from_instance(self, obj: Organisation) -> str:
        return translated_text(obj.translations.all(), "name", obj.name)


class ExpressionInput(forms.TextInput):
    """A territory or media expression: codes and English names, written left to right."""

    def __init__(self, kind: str, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "dir": "ltr",
                "autocomplete": "off",
                "spellcheck": "false",
                "class": "cb-expression",
                "data-expression": kind,
                **(attrs or {}),
            }
        )


# --- grants ----------------------------------------------------------------------------------------


class GrantForm(StyledForm):
    """One contract line of a film's rights: its box, its term, its exclusivity and its parties."""

    direction = forms.ChoiceField(label=_("Direction"), choices=DirectionChoice.choices)
    counterparty = OrganisationChoiceField(
        label=_("Counterparty on the platform"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("The licensee (or, for acquired rights, the licensor) when it is on the platform."),
    )
    counterparty_name = forms.CharField(
        label=_("Counterparty not on the platform"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    territories = forms.CharField(
        label=_("Territories"),
        max_length=4000,
        widget=ExpressionInput("territories", {"placeholder": "WORLD excluding IR, BY"}),
        help_text=_(
            "Countries (ISO codes such as IR or BY) and groups (such as WORLD, CIS or EU); "
            "write “excluding” before what is left out, e.g. “WORLD excluding IR, BY” or “CIS + IR”."
        ),
    )
    media_expression = forms.CharField(
        label=_("Media"),
        max_length=4000,
        widget=ExpressionInput("media", {"placeholder": "ON_DEMAND excluding AVOD"}),
        help_text=_("Media and groups of media from the tree, e.g. “SVOD”, “ON_DEMAND excluding AVOD”."),
    )
    language_uses = forms.CharField(
        label=_("Language uses"),
        required=False,
        max_length=500,
        widget=forms.TextInput(
            attrs={"dir": "ltr", "placeholder": "fa:original ru:dubbed", "data-language-uses": "true"}
        ),
        help_text=_("Empty: every language. Otherwise language:use pairs, e.g. “fa:original ru:dubbed”."),
    )
    exclusivity = forms.ChoiceField(
        label=_("Exclusivity"), choices=ExclusivityChoice.choices, initial=Exclusivity.NON_EXCLUSIVE.value
    )
    co_exclusive_group = forms.CharField(
        label=_("Co-exclusive group"),
        required=False,
        max_length=100,
        help_text=_("For a co-exclusive licence: the name of the group it is shared with."),
    )
    sublicensable = forms.BooleanField(label=_("May be sublicensed"), required=False)
    licensing_until = DigitsDateField(
        label=_("May be licensed until"),
        required=False,
        help_text=_("Acquired rights only: the last day on which they may still be licensed out."),
    )
    term = forms.ChoiceField(label=_("Term"), choices=TermKind.choices, initial=TermKind.FIXED)
    start = DigitsDateField(label=_("First day"), required=False)
    last_day = DigitsDateField(label=_("Last day"), required=False)
    event_kind = forms.ChoiceField(label=_("Release event"), required=False, choices=[])
    event_country = forms.ChoiceField(label=_("Country of the release"), required=False, choices=[])
    start_after_months = DigitsIntegerField(label=_("Starts … months after it"), required=False, min_value=0)
    start_after_days = DigitsIntegerField(label=_("and … days"), required=False, min_value=0)
    duration_months = DigitsIntegerField(
        label=_("Lasts … months"), required=False, min_value=0, help_text=_("Empty: no end date.")
    )
    duration_days = DigitsIntegerField(label=_("and … days"), required=False, min_value=0)
    status = forms.ChoiceField(label=_("Status"), choices=[])
    contract_date = DigitsDateField(
        label=_("Contract date"),
        required=False,
        help_text=_("Territory groups count the members they had on this date. Empty: today."),
    )
    reference = forms.CharField(
        label=_("Contract reference"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"})
    )

    def __init__(self, *args: Any, film: Film, grant: Grant | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.film = film
        self.grant = grant
        self._choices("event_kind", _blank(ReleaseKind.choices))
        self._choices("event_country", _blank(territory_country_choices()))
        counterparty = self.fields["counterparty"]
        assert isinstance(counterparty, forms.ModelChoiceField)  # noqa: S101 - declared above
        counterparty.queryset = organisation_list().exclude(pk=film.owner_id).order_by("name")
        if grant is None:
            self._choices("status", [(s.value, StatusChoice(s.value).label) for s in NEW_STATUSES])
            self.fields["status"].initial = Status.ACTIVE.value
        else:
            # Status changes have their own buttons (with their own checks); editing keeps the status.
            del self.fields["status"]

    def _choices(self, name: str, choices: Any) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - every caller names a choice field
        field.choices = choices

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        term = cleaned.get("term")
        start, last = cleaned.get("start"), cleaned.get("last_day")
        if term == TermKind.FIXED:
            if start is None:
                self.add_error("start", _("Enter the first day of a fixed term."))
            if last is None:
                self.add_error("last_day", _("Enter the last day of a fixed term."))
        elif term == TermKind.OPEN_END and start is None:
            self.add_error("start", _("Enter the day the rights start."))
        if term == TermKind.FIXED and start and last and last < start:
            self.add_error("last_day", _("The last day is before the first day."))
        if term == TermKind.RELATIVE:
            if not cleaned.get("event_kind"):
                self.add_error("event_kind", _("Choose the release the term counts from."))
            if not cleaned.get("event_country"):
                self.add_error("event_country", _("Choose the country of that release."))
            months, days = cleaned.get("duration_months"), cleaned.get("duration_days")
            if (months is not None or days is not None) and not (months or days):
                self.add_error(
                    "duration_months", _("A term lasts at least one day; leave both empty for no end.")
                )
        return cleaned

    def grant_input(self) -> GrantInput:
        """The cleaned form as the services' input."""
        data = self.cleaned_data
        term = data["term"]
        start = data.get("start") if term != TermKind.RELATIVE else None
        last = data.get("last_day") if term == TermKind.FIXED else None
        relative = term == TermKind.RELATIVE
        duration_months, duration_days = data.get("duration_months"), data.get("duration_days")
        has_duration = relative and (duration_months is not None or duration_days is not None)
        counterparty = data.get("counterparty")
        return GrantInput(
            work_id=self.film.pk,
            holder_id=self.grant.holder_id if self.grant is not None else self.film.owner_id,
            direction=Direction(data["direction"]),
            territories=data["territories"],
            media=data["media_expression"],
            language_uses=data.get("language_uses", ""),
            exclusivity=Exclusivity(data["exclusivity"]),
            co_exclusive_group=data.get("co_exclusive_group", ""),
            sublicensable=bool(data.get("sublicensable")),
            licensing_until=data.get("licensing_until"),
            status=Status(data["status"]) if "status" in data else Status(self.grant.status),  # type: ignore[union-attr]
            start=None if term == TermKind.PERPETUITY and start is None else start,
            end=None if last is None else last + timedelta(days=1),
            event=f"{data['event_kind']}:{data['event_country']}" if relative else "",
            start_after_months=(data.get("start_after_months") or 0) if relative else 0,
            start_after_days=(data.get("start_after_days") or 0) if relative else 0,
            duration_months=(duration_months or 0) if has_duration else None,
            duration_days=(duration_days or 0) if has_duration else None,
            counterparty_id=counterparty.pk if counterparty is not None else None,
            counterparty_name=data.get("counterparty_name", ""),
            contract_date=data.get("contract_date"),
            reference=data.get("reference", ""),
            notes=data.get("notes", ""),
        )

    @staticmethod
    def initial_for(grant: Grant) -> dict[str, Any]:
        """The form's values for editing a grant."""
        if grant.is_relative:
            term = TermKind.RELATIVE
        elif grant.end_date is not None:
            term = TermKind.FIXED
        elif grant.start_date is not None:
            term = TermKind.OPEN_END
        else:
            term = TermKind.PERPETUITY
        kind, _sep, country = grant.event.partition(":")
        return {
            "direction": grant.direction,
            "counterparty": grant.counterparty_id,
            "counterparty_name": grant.counterparty_name,
            "territories": grant.territories_entered,
            "media_expression": grant.media_entered,
            "language_uses": grant.language_uses,
            "exclusivity": grant.exclusivity,
            "co_exclusive_group": grant.co_exclusive_group,
            "sublicensable": grant.sublicensable,
            "licensing_until": grant.licensing_until,
            "term": term,
            "start": grant.start_date if not grant.is_relative else None,
            "last_day": grant.end_date - timedelta(days=1)
            if grant.end_date and not grant.is_relative
            else None,
            "event_kind": kind,
            "event_country": country,
            "start_after_months": grant.start_after_months,
            "start_after_days": grant.start_after_days,
            "duration_months": grant.duration_months,
            "duration_days": grant.duration_days,
            "contract_date": grant.contract_date,
            "reference": grant.reference,
            "notes": grant.notes,
        }


def next_statuses(status: str) -> list[tuple[str, str]]:
    """The statuses a grant may move to from `status`, with their labels, in the lifecycle's order."""
    allowed = TRANSITIONS.get(status, frozenset())
    return [(s.value, str(s.label)) for s in StatusChoice if s.value in allowed]


class ReleaseEventForm(StyledForm):
    """A release of the film in a country on a day (relative terms count from it)."""

    kind = forms.ChoiceField(label=_("Release"), choices=ReleaseKind.choices)
    territory = forms.ChoiceField(label=_("Country"), choices=[])
    on = DigitsDateField(label=_("Date"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        territory = self.fields["territory"]
        assert isinstance(territory, forms.ChoiceField)  # noqa: S101 - declared above
        territory.choices = _blank(territory_country_choices())


# --- avails ----------------------------------------------------------------------------------------


def _default_window() -> tuple[date, date]:
    today = timezone.localdate()
    return today, today + timedelta(days=DEFAULT_WINDOW_DAYS - 1)


def _check_window(form: forms.Form, cleaned: dict[str, Any]) -> None:
    start, last = cleaned.get("start"), cleaned.get("last_day")
    if start and last and last < start:
        form.add_error("last_day", _("The last day is before the first day."))


def window_of(cleaned: dict[str, Any]) -> tuple[int, int]:
    """A form's first and last day as the engine's half-open day range."""
    return day(cleaned["start"]), day(cleaned["last_day"]) + 1


class AvailsSearchForm(StyledForm):
    """What an avails search asks: media, territories, window, exclusivity, match, language use."""

    medium = forms.ChoiceField(label=_("Media"), choices=[])
    territories = forms.CharField(
        label=_("Territories"),
        max_length=4000,
        widget=ExpressionInput("territories", {"placeholder": "WORLD excluding IR, BY"}),
        help_text=_("Countries and groups, e.g. “BY”, “CIS + IR”, “WORLD excluding US, CA”."),
    )
    start = DigitsDateField(label=_("From"))
    last_day = DigitsDateField(label=_("To"))
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices)
    match = forms.ChoiceField(
        label=_("Match"),
        choices=(
            (Match.COVER_ENTIRE.value, _("Free for the whole window everywhere asked")),
            (Match.OVERLAP.value, _("Free somewhere for part of the window")),
        ),
    )
    language = forms.ChoiceField(label=_("Language"), required=False, choices=[])
    use = forms.ChoiceField(label=_("Use"), required=False, choices=_blank(USE_CHOICES))
    min_days = DigitsIntegerField(label=_("At least … days"), min_value=1, max_value=100_000)

    # The countries of `territories`, resolved by clean() at the window's start.
    territory_leaves: frozenset[str] = frozenset()
    DEFAULTS = {
        "medium": "SVOD",
        "territories": "WORLD",
        "licence": Licence.EXCLUSIVE,
        "match": Match.COVER_ENTIRE.value,
        "min_days": "1",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        medium = self.fields["medium"]
        language = self.fields["language"]
        assert isinstance(medium, forms.ChoiceField)  # noqa: S101 - declared above
        assert isinstance(language, forms.ChoiceField)  # noqa: S101 - declared above
        medium.choices = media_choices()
        language.choices = _blank(language_choices())

    @classmethod
    def with_defaults(cls, params: Any) -> AvailsSearchForm:
        """A bound form: the parameters given, the defaults for those not given at all."""
        start, last = _default_window()
        data = {**cls.DEFAULTS, "start": start.isoformat(), "last_day": last.isoformat()}
        data.update({key: params.get(key) for key in params})
        return cls(data)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_window(self, cleaned)
        if bool(cleaned.get("language")) != bool(cleaned.get("use")):
            self.add_error("use", _("Choose both a language and its use, or neither."))
        territories = cleaned.get("territories")
        start = cleaned.get("start")
        if territories and start:
            try:
                self.territory_leaves = Normaliser().territories(territories, start).leaves
            except GrantInputError as error:
                self.add_error("territories", error.message)
        return cleaned

    def query(self) -> AvailsQuery:
        """The engine's query for the valid form."""
        data = self.cleaned_data
        uses = None
        if data.get("language") and data.get("use"):
            uses = frozenset({LanguageUse(data["language"], Use(data["use"]))})
        return AvailsQuery(
            media=load_vocabularies().media.members(data["medium"]),
            territories=self.territory_leaves,
            window=window_of(data),
            exclusive=data["licence"] == Licence.EXCLUSIVE,
            match=Match(data["match"]),
            language_uses=uses,
            min_window_days=data["min_days"],
        )


class GridForm(StyledForm):
    """The window, the licence asked for, and optionally one country to inspect."""

    start = DigitsDateField(label=_("From"))
    last_day = DigitsDateField(label=_("To"))
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices)
    country = forms.ChoiceField(label=_("Country"), required=False, choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = self.fields["country"]
        assert isinstance(country, forms.ChoiceField)  # noqa: S101 - declared above
        country.choices = [("", _("All territories")), *territory_country_choices()]

    @classmethod
    def with_defaults(cls, params: Any) -> GridForm:
        start, last = _default_window()
        data = {"start": start.isoformat(), "last_day": last.isoformat(), "licence": Licence.EXCLUSIVE}
        data.update({key: params.get(key) for key in params})
        return cls(data)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_window(self, cleaned)
        return cleaned


# --- EMA Avails ------------------------------------------------------------------------------------


class AvailsImportForm(StyledForm):
    """An EMA Avails file to read into one organisation's rights ledger."""

    holder = OrganisationChoiceField(label=_("Into the rights of"), queryset=Organisation.objects.none())
    file = forms.FileField(
        label=_("Avails file"),
        help_text=_("EMA Avails XML (v2.x) or spreadsheet (XLSX 1.7–1.9)."),
        widget=forms.FileInput(attrs={"accept": ".xml,.xlsx,application/xml,text/xml"}),
    )
    direction = forms.ChoiceField(
        label=_("The file states"),
        choices=(
            (Direction.IN.value, _("Rights we acquired (the licensor licensed them to us)")),
            (Direction.OUT.value, _("Rights we licensed out (to the licensee)")),
        ),
    )
    create_missing_works = forms.BooleanField(
        label=_("Add the films the catalogue does not have yet (unpublished)"), required=False
    )

    def __init__(self, *args: Any, holders: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        holder = self.fields["holder"]
        assert isinstance(holder, forms.ModelChoiceField)  # noqa: S101 - declared above
        holder.queryset = holders.prefetch_related("translations").order_by("name")
        if len(holder.queryset) == 1:
            holder.initial = holder.queryset[0].pk


class AvailsExportForm(StyledForm):
    """Whose avails for whom, in which format."""

    licensor = OrganisationChoiceField(label=_("Licensor"), queryset=Organisation.objects.none())
    licensee = OrganisationChoiceField(label=_("Licensee"), queryset=Organisation.objects.none())
    fmt = forms.ChoiceField(
        label=_("Format"),
        choices=(("xml", _("EMA Avails XML (v2.7)")), ("xlsx", _("EMA Avails spreadsheet (XLSX 1.9)"))),
    )

    def __init__(self, *args: Any, licensors: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        licensor, licensee = self.fields["licensor"], self.fields["licensee"]
        assert isinstance(licensor, forms.ModelChoiceField)  # noqa: S101 - declared above
        assert isinstance(licensee, forms.ModelChoiceField)  # noqa: S101 - declared above
        licensor.queryset = licensors.prefetch_related("translations").order_by("name")
        licensee.queryset = organisation_list().order_by("name")
