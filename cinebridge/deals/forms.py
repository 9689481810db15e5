"""Forms of the deals pages: they read what a person enters into the services' input; the services
(and through them the rights vocabularies and the terms engine) decide whether it is acceptable.

The financial terms are entered as ordinary fields — amounts, a week-by-week list of percentages,
a fee per medium — and turned into the terms JSON of `deals.engine.terms`. Dates are entered as a
first and a last day; offers keep the first day no longer covered (`end`), as grants do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

import iso4217
from babel.numbers import get_currency_name
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from cinebridge.accounts.models import Organisation
from cinebridge.catalogue.forms import DigitsDateField
from cinebridge.core.engine.digits import localize_digits, to_ascii_digits
from cinebridge.core.engine.money import (
    AmountError,
    Rounding,
    format_amount,
    minor_units,
    parse_amount,
    quantize,
)
from cinebridge.core.errors import ApplicationError
from cinebridge.core.forms import BootstrapMixin, add_service_error
from cinebridge.core.i18n import active_language
from cinebridge.rights.engine.vocabulary import load_vocabularies
from cinebridge.rights.forms import ExpressionInput, OrganisationChoiceField

from .models import Offer, Party

# Currencies this trade pays in first, then every other ISO 4217 currency with minor units.
COMMON_CURRENCIES = ("EUR", "USD", "IRR", "BYN", "RUB")
ROUNDING_CHOICES = (
    (Rounding.HALF_UP.value, _("Half up (0.5 → 1)")),
    (Rounding.HALF_EVEN.value, _("Half to even (banker's rounding)")),
    (Rounding.DOWN.value, _("Down (towards zero)")),
)
AMOUNT_FIELDS = ("flat_fee", "minimum_guarantee", "expenses_cap")
# Empty inputs shown beyond the values a list already has, so a person can add weeks or media.
SPARE_SLOTS = 2
MIN_WEEK_SLOTS = 4
MIN_FEE_SLOTS = 2
# Service error fields → form fields (the rights input, and the parts of the terms JSON).
RIGHTS_FIELDS = {"end": "last_day", "language_uses": "language_uses", "media": "media_expression"}
TERMS_FIELDS = (
    ("theatrical.over_nut_percent_by_week", "over_nut_percent_by_week"),
    ("theatrical", "percent_by_week"),
    ("on_demand", "revenue_share_percent"),
    ("distribution_fee_percent", "distribution_fees"),
    ("flat_fee", "flat_fee"),
    ("minimum_guarantee", "minimum_guarantee"),
    ("expenses_cap", "expenses_cap"),
    ("rounding", "rounding"),
)


def currency_choices() -> list[tuple[str, str]]:
    """Currencies named in the active language, the common ones of the trade first."""
    language = active_language()
    codes = sorted(c.code for c in iso4217.Currency if c.exponent is not None)
    ordered = [*COMMON_CURRENCIES, *(code for code in codes if code not in COMMON_CURRENCIES)]
    return [(code, f"{code} — {get_currency_name(code, locale=language)}") for code in ordered]


def media_leaf_choices() -> list[tuple[str, str]]:
    """The media a fee can be set for: the leaves of the media tree, named in the active language."""
    language = active_language()
    return [
        (node.code, node.names.get(language, node.names["en"]))
        for node in load_vocabularies().media.nodes()
        if node.is_leaf
    ]


def _plain_decimal(text: str) -> str:
    """Persian/Arabic digits and decimal marks read as ASCII; grouping spaces dropped."""
    return to_ascii_digits(text).replace("\u066b", ".").replace(",", ".").replace(" ", "").strip()


def _percent(text: str) -> str:
    """A percentage 0..100 as canonical text ("45", "12.5"); ValueError otherwise."""
    try:
        number = Decimal(_plain_decimal(text))
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite() or number < 0 or number > 100:
        raise ValueError(text)
    return f"{number.normalize():f}"


def _shown(number: int) -> str:
    return localize_digits(str(number), active_language())


# --- widgets and fields for repeating inputs -----------------------------------------------------------


class PercentListWidget(forms.Widget):
    """A short list of percentage inputs, one per playing week, with spare empty ones to add weeks."""

    template_name = "deals/widgets/percent_list.html"

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        return _values(data, name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False

    def format_value(self, value: Any) -> list[str]:  # type: ignore[override]
        if not value:
            return []
        return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        values: list[str] = context["widget"]["value"] or []
        slots = max(len(values) + SPARE_SLOTS, MIN_WEEK_SLOTS)
        context["widget"]["slots"] = [
            (
                index + 1,
                localize_digits(str(index + 1), active_language()),
                values[index] if index < len(values) else "",
            )
            for index in range(slots)
        ]
        return context


class PercentListField(forms.Field):
    """Percentages by playing week; empty inputs at the end are ignored, a gap before a value is not."""

    widget = PercentListWidget

    def to_python(self, value: Any) -> list[str]:
        raw = [str(v).strip() for v in (value or [])]
        while raw and not raw[-1]:
            raw.pop()
        percents: list[str] = []
        for week, text in enumerate(raw, start=1):
            if not text:
                raise ValidationError(
                    _("Week %(week)s is empty: give a percentage for every week up to the last one."),
                    code="gap",
                    params={"week": _shown(week)},
                )
            try:
                percents.append(_percent(text))
            except ValueError:
                raise ValidationError(
                    _("Week %(week)s: “%(value)s” is not a percentage from 0 to 100."),
                    code="percent",
                    params={"week": _shown(week), "value": text},
                ) from None
        return percents

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")


def _values(data: Any, name: str) -> list[str]:
    if isinstance(data, MultiValueDict):
        return list(data.getlist(name))
    value = data.get(name, [])
    return list(value) if isinstance(value, list | tuple) else [value]


class FeeRowsWidget(forms.Widget):
    """Rows of (medium, percentage): the distribution fee per medium."""

    template_name = "deals/widgets/fee_rows.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.choices: Sequence[tuple[str, str]] = ()

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[tuple[str, str]]:
        media, percents = _values(data, f"{name}_medium"), _values(data, f"{name}_percent")
        width = max(len(media), len(percents))
        media += [""] * (width - len(media))
        percents += [""] * (width - len(percents))
        return list(zip(media, percents, strict=True))

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False

    def format_value(self, value: Any) -> list[tuple[str, str]]:  # type: ignore[override]
        if isinstance(value, Mapping):
            return [(str(m), str(p)) for m, p in value.items()]
        return [(str(m), str(p)) for m, p in (value or [])]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        rows: list[tuple[str, str]] = [row for row in context["widget"]["value"] or [] if any(row)]
        slots = max(len(rows) + 1, MIN_FEE_SLOTS)
        rows += [("", "")] * (slots - len(rows))
        context["widget"]["rows"] = rows
        context["widget"]["choices"] = self.choices
        return context


class FeeRowsField(forms.Field):
    """The distribution fee per medium: {"THEATRICAL": "25", "SVOD": "30"}."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(widget=FeeRowsWidget(), **kwargs)
        if isinstance(self.widget, FeeRowsWidget):  # the field's own copy of the widget
            self.widget.choices = [("", "—"), *media_leaf_choices()]

    def to_python(self, value: Any) -> dict[str, str]:
        fees: dict[str, str] = {}
        known = {code for code, _name in media_leaf_choices()}
        for medium, text in value or []:
            medium, text = str(medium).strip(), str(text).strip()
            if not medium and not text:
                continue
            if not medium:
                raise ValidationError(_("Choose the medium of the fee %(value)s %%."), params={"value": text})
            if medium not in known:
                raise ValidationError(_("“%(value)s” is not a medium."), params={"value": medium})
            if not text:
                raise ValidationError(
                    _("Give the fee for %(medium)s."), params={"medium": dict(media_leaf_choices())[medium]}
                )
            if medium in fees:
                raise ValidationError(
                    _("%(medium)s has two fees: give one."),
                    params={"medium": dict(media_leaf_choices())[medium]},
                )
            try:
                fees[medium] = _percent(text)
            except ValueError:
                raise ValidationError(
                    _("“%(value)s” is not a percentage from 0 to 100."), params={"value": text}
                ) from None
        return fees


class PercentField(forms.CharField):
    """One percentage from 0 to 100, typed with any digits."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr", "size": 6}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        if not text:
            return ""
        try:
            return _percent(text)
        except ValueError:
            raise ValidationError(
                _("“%(value)s” is not a percentage from 0 to 100."), params={"value": text}
            ) from None


def _amount_input() -> forms.TextInput:
    return forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr", "placeholder": "20000.00"})


# --- the offer -----------------------------------------------------------------------------------------


class OfferForm(BootstrapMixin, forms.Form):
    """The rights asked for or offered and the financial terms: an offer, a counter-offer or a request."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    party = forms.ChoiceField(label=_("Acting for"), choices=Party.choices, required=False)
    # Not "media": a form's `media` is its widgets' CSS and JavaScript.
    media_expression = forms.CharField(
        label=_("Media"),
        max_length=4000,
        widget=ExpressionInput("media", {"placeholder": "THEATRICAL"}),
        help_text=_("Media and groups of media from the tree, e.g. “THEATRICAL” or “SVOD + TVOD”."),
    )
    territories = forms.CharField(
        label=_("Territories"),
        max_length=4000,
        widget=ExpressionInput("territories", {"placeholder": "BY"}),
        help_text=_(
            "Countries (ISO codes such as BY) and groups (such as CIS), e.g. “BY” or “CIS excluding RU”."
        ),
    )
    language_uses = forms.CharField(
        label=_("Language versions"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"dir": "ltr", "placeholder": "fa:original ru:subtitled"}),
        help_text=_("Empty: every language. Otherwise language:use pairs, e.g. “fa:original ru:subtitled”."),
    )
    start = DigitsDateField(label=_("First day"))
    last_day = DigitsDateField(label=_("Last day"))
    exclusive = forms.BooleanField(label=_("Exclusive licence"), required=False)
    currency = forms.ChoiceField(label=_("Currency"), choices=[])
    flat_fee = forms.CharField(label=_("Flat fee"), required=False, widget=_amount_input())
    minimum_guarantee = forms.CharField(
        label=_("Minimum guarantee (MG)"),
        required=False,
        widget=_amount_input(),
        help_text=_(
            "Paid in advance and recouped from the licensor's share; what the share earns above it is overage."
        ),
    )
    percent_by_week = PercentListField(
        label=_("Film rental, percent of net box office by playing week"),
        required=False,
        help_text=_("The last week's percentage applies to every later week."),
    )
    over_nut_percent_by_week = PercentListField(
        label=_("Or, percent over the house nut by playing week (“90/10”)"),
        required=False,
        help_text=_("The cinema pays whichever is higher. Needs the percentages of net box office."),
    )
    revenue_share_percent = PercentField(
        label=_("Licensor's share of platform revenue, %"),
        help_text=_("For on-demand media: the part of what the platform earns that goes to the licensor."),
    )
    distribution_fees = FeeRowsField(label=_("Distribution fee per medium, %"), required=False)
    expenses_cap = forms.CharField(
        label=_("Recoupable expenses capped at"),
        required=False,
        widget=_amount_input(),
        help_text=_("Empty: expenses are recouped without a cap; 0: no expenses are recoupable."),
    )
    rounding = forms.ChoiceField(
        label=_("Rounding of each statement line"), choices=ROUNDING_CHOICES, initial=Rounding.HALF_UP.value
    )
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )

    def __init__(self, *args: Any, sides: frozenset[str] = frozenset(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _keep_party_if_both(self, sides)
        currency = self.fields["currency"]
        assert isinstance(currency, forms.ChoiceField)  # noqa: S101 - declared above
        currency.choices = currency_choices()
        self.terms: dict[str, Any] = {}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, last = cleaned.get("start"), cleaned.get("last_day")
        if start and last and last < start:
            self.add_error("last_day", _("The last day is before the first day."))
        currency = cleaned.get("currency")
        if currency:
            for name in AMOUNT_FIELDS:
                self._clean_amount(cleaned, name, currency)
        if cleaned.get("over_nut_percent_by_week") and not cleaned.get("percent_by_week"):
            self.add_error(
                "over_nut_percent_by_week",
                _("Give the percentages of net box office too: the higher of the two is paid."),
            )
        if not self.errors:
            self.terms = self._terms(cleaned)
        return cleaned

    def _clean_amount(self, cleaned: dict[str, Any], name: str, currency: str) -> None:
        text = (cleaned.get(name) or "").strip()
        if not text:
            cleaned[name] = ""
            return
        try:
            amount = parse_amount(text, currency=currency)
        except AmountError as error:
            message = (
                _("“%(value)s” is too large an amount.")
                if error.code == "too_large"
                else _(
                    "“%(value)s” is not an amount of %(currency)s (zero or more, at most %(places)s decimals)."
                )
            )
            self.add_error(
                name, message % {"value": text, "currency": currency, "places": _shown(minor_units(currency))}
            )
            return
        cleaned[name] = format_amount(quantize(amount, currency, Rounding.HALF_UP), currency)

    @staticmethod
    def _terms(cleaned: Mapping[str, Any]) -> dict[str, Any]:
        """The cleaned fields as the terms JSON (contract §1)."""
        terms: dict[str, Any] = {}
        for name in ("flat_fee", "minimum_guarantee"):
            if cleaned.get(name):
                terms[name] = cleaned[name]
        if cleaned.get("percent_by_week"):
            theatrical: dict[str, Any] = {"percent_by_week": list(cleaned["percent_by_week"])}
            if cleaned.get("over_nut_percent_by_week"):
                theatrical["over_nut_percent_by_week"] = list(cleaned["over_nut_percent_by_week"])
            terms["theatrical"] = theatrical
        if cleaned.get("revenue_share_percent"):
            terms["on_demand"] = {"revenue_share_percent": cleaned["revenue_share_percent"]}
        if cleaned.get("distribution_fees"):
            terms["distribution_fee_percent"] = dict(cleaned["distribution_fees"])
        if cleaned.get("expenses_cap") not in (None, ""):
            terms["expenses_cap"] = cleaned["expenses_cap"]
        terms["rounding"] = cleaned.get("rounding") or Rounding.HALF_UP.value
        return terms

    @property
    def end(self) -> date:
        """The first day no longer covered (offers keep half-open terms)."""
        last: date = self.cleaned_data["last_day"]
        return last + timedelta(days=1)

    def show_refusal(self, error: ApplicationError | ValidationError) -> None:
        """A service's refusal on the field it names: rights fields, or the part of the terms."""
        if isinstance(error, ApplicationError) and error.field:
            path = str(error.extra.get("path") or "") if error.field == "terms" else ""
            name = form_field_for(f"terms.{path}" if path else error.field)
            if name in self.fields:
                self.add_error(name, error.message)
                return
        add_service_error(self, error)

    @staticmethod
    def initial_from(offer: Offer | None) -> dict[str, Any]:
        """The form's values repeating an offer (the starting point of an answer to it)."""
        if offer is None:
            return {"rounding": Rounding.HALF_UP.value}
        terms: Mapping[str, Any] = offer.terms or {}
        theatrical = terms.get("theatrical") or {}
        on_demand = terms.get("on_demand") or {}
        return {
            "media_expression": offer.media,
            "territories": offer.territories,
            "language_uses": offer.language_uses,
            "start": offer.start,
            "last_day": offer.end - timedelta(days=1),
            "exclusive": offer.exclusive,
            "currency": offer.currency,
            "flat_fee": terms.get("flat_fee", ""),
            "minimum_guarantee": terms.get("minimum_guarantee", ""),
            "percent_by_week": list(theatrical.get("percent_by_week") or []),
            "over_nut_percent_by_week": list(theatrical.get("over_nut_percent_by_week") or []),
            "revenue_share_percent": on_demand.get("revenue_share_percent", ""),
            "distribution_fees": dict(terms.get("distribution_fee_percent") or {}),
            "expenses_cap": terms.get("expenses_cap", ""),
            "rounding": terms.get("rounding", Rounding.HALF_UP.value),
        }


def form_field_for(service_field: str) -> str:
    """The form field of a service's error field ("terms.theatrical.percent_by_week[2]" → percent_by_week)."""
    name = (
        service_field.removeprefix("terms").lstrip(".")
        if service_field.startswith("terms")
        else service_field
    )
    if name in RIGHTS_FIELDS:
        return RIGHTS_FIELDS[name]
    for prefix, form_name in TERMS_FIELDS:
        if name == prefix or name.startswith((f"{prefix}.", f"{prefix}[")):
            return form_name
    return name


class DealRequestForm(OfferForm):
    """A licence request: which film, for which of the viewer's organisations, and the first proposal."""

    film = forms.CharField(widget=forms.HiddenInput)
    licensee = OrganisationChoiceField(label=_("Requested by"), queryset=Organisation.objects.none())

    field_order = ("film", "licensee")

    def __init__(self, *args: Any, licensees: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.pop("party", None)  # a request is always the licensee's
        self.fields.pop("version", None)
        licensee = self.fields["licensee"]
        assert isinstance(licensee, forms.ModelChoiceField)  # noqa: S101 - declared above
        licensee.queryset = licensees.prefetch_related("translations").order_by("name")
        if len(licensee.queryset) == 1:
            licensee.initial = licensee.queryset[0].pk
            licensee.widget = forms.HiddenInput()

    @staticmethod
    def initial_from_query(params: Mapping[str, str]) -> dict[str, Any]:
        """The form's values from an avails answer's link (`end` is the first day no longer asked)."""
        initial: dict[str, Any] = {"rounding": Rounding.HALF_UP.value}
        for key, name in (
            ("film", "film"),
            ("media", "media_expression"),
            ("territories", "territories"),
            ("languages", "language_uses"),
            ("currency", "currency"),
        ):
            if params.get(key):
                initial[name] = params[key]
        start = _date(params.get("start", ""))
        end = _date(params.get("end", ""))
        if start:
            initial["start"] = start
        if end:
            initial["last_day"] = end - timedelta(days=1)
        initial["exclusive"] = params.get("exclusive", "") in ("1", "true", "on", "yes")
        return initial


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(to_ascii_digits(text).strip())
    except ValueError:
        return None


def _keep_party_if_both(form: forms.Form, sides: frozenset[str]) -> None:
    """Who acts for both parties (a superuser, a member of both) says for which; others need not."""
    if len(sides) < 2:
        del form.fields["party"]


class DealActionForm(BootstrapMixin, forms.Form):
    """A signature, a decline, a withdrawal or a termination: the version it was made against and why."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    party = forms.ChoiceField(label=_("Acting for"), choices=Party.choices, required=False)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )

    def __init__(
        self, *args: Any, reason_required: bool = False, sides: frozenset[str] = frozenset(), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _keep_party_if_both(self, sides)
        self.fields["reason"].required = reason_required
