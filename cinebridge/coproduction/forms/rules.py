"""Forms of the rule-set and balance pages: the editable parameters of a programme's rule set (one input
per parameter the engine lets film bodies change, with a note of what changed), and the pair of countries
and first year of the overall balance."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from django import forms
from django.utils.translation import gettext_lazy as _

from cinebridge.catalogue.forms import DigitsIntegerField, StyledForm
from cinebridge.core.engine.digits import to_ascii_digits
from cinebridge.core.engine.money import is_currency
from cinebridge.core.vocabularies import country_choices

NO_CHOICE = ("", "—")

__all__ = ["BalanceForm", "EditableParam", "RuleSetParamsForm", "param_field_name"]


class EditableParam(NamedTuple):
    """One parameter of one rule the film bodies may change, as the page lists it."""

    code: str  # the rule's code
    param: str  # the parameter's name in the rule's params
    kind: str  # its type as the engine names it
    title: str  # the rule's title in the active language
    value: Any  # its value now
    label: str = ""  # the parameter's name in the active language
    hint: str = ""  # what kind of number it is


def param_field_name(code: str, param: str) -> str:
    return f"p__{code}__{param}"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class RuleSetParamsForm(StyledForm):
    """The rule set's editable parameters (typed as text: the service reads each with the engine's rules
    and names the one it refuses), the note of what changed, and the version the editor started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    note = forms.CharField(
        label=_("What changed"),
        max_length=300,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("Kept with the revision, for the other film body to read."),
    )

    def __init__(self, *args: Any, params: Sequence[EditableParam], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params = list(params)
        for entry in self.params:
            self.fields[param_field_name(entry.code, entry.param)] = forms.CharField(
                label=entry.label or entry.param.replace("_", " "),
                help_text=entry.hint,
                max_length=40,
                initial=_text(entry.value),
                required=entry.value is not None,
                widget=forms.TextInput(
                    attrs={
                        "dir": "ltr",
                        "inputmode": "decimal",
                        "autocomplete": "off",
                        "class": "form-control",
                    }
                ),
            )
        self.order_fields([param_field_name(p.code, p.param) for p in self.params] + ["note", "version"])

    def rows(self) -> list[tuple[EditableParam, forms.BoundField]]:
        """Each parameter with its input, in the order of the rules, for the template."""
        return [(entry, self[param_field_name(entry.code, entry.param)]) for entry in self.params]

    def values(self) -> dict[str, dict[str, str]]:
        """values[rule code][param] = the text typed (ASCII digits), for `rule_set_update_params`."""
        values: dict[str, dict[str, str]] = {}
        for entry in self.params:
            text = to_ascii_digits(
                str(self.cleaned_data.get(param_field_name(entry.code, entry.param)) or "")
            )
            values.setdefault(entry.code, {})[entry.param] = text.strip().replace("\u066b", ".")
        return values

    def field_of(self, code: str | None, param: str | None) -> str | None:
        """The input of a parameter a refusal names (or None: above the form)."""
        if code and param:
            name = param_field_name(code, param)
            if name in self.fields:
                return name
        return None


class BalanceForm(StyledForm):
    """Two countries and the first year of the four-year periods."""

    country_a = forms.ChoiceField(label=_("Country"), choices=[])
    country_b = forms.ChoiceField(label=_("And country"), choices=[])
    first_year = DigitsIntegerField(
        label=_("First year"),
        min_value=1990,
        max_value=2100,
        help_text=_("Periods of four years start here."),
    )
    last_year = DigitsIntegerField(
        label=_("Last year"),
        min_value=1990,
        max_value=2100,
        required=False,
        help_text=_("Default: this year."),
    )
    currency = forms.CharField(
        label=_("Reporting currency"),
        max_length=3,
        min_length=3,
        initial="EUR",
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", "size": 4}),
    )

    def __init__(self, *args: Any, countries: Iterable[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [NO_CHOICE, *(countries if countries is not None else country_choices())]
        for name in ("country_a", "country_b"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
            field.choices = choices

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("country_a") and cleaned.get("country_a") == cleaned.get("country_b"):
            self.add_error("country_b", _("Pick two different countries."))
        first, last = cleaned.get("first_year"), cleaned.get("last_year")
        if first is not None and last is not None:
            if last < first:
                self.add_error("last_year", _("The last year is before the first year."))
            elif last - first > 60:
                self.add_error("last_year", _("Look at sixty years at most."))
        currency = str(cleaned.get("currency") or "EUR").strip().upper()
        if not is_currency(currency):
            self.add_error("currency", _("%(code)s is not an ISO 4217 currency code.") % {"code": currency})
        cleaned["currency"] = currency
        return cleaned


def initial_values(document: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The parameters of every rule of a rule-set document by rule code."""
    return {rule["code"]: dict(rule.get("params") or {}) for rule in document.get("rules") or []}
