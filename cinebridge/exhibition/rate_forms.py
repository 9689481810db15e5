"""Forms of the exchange-rate page: which pair to list, and a rate to record.

The rate is read as text and handed to the service, which parses it (Persian and Arabic-Indic digits,
a comma or a Persian decimal mark included) and says at the field what is wrong with it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cinebridge.catalogue.forms import DigitsDateField, StyledForm

from .forms import CurrencyField

RATE_MAX_LENGTH = 40


class ExchangeRateFilterForm(StyledForm):
    """The currency pair whose rates to list; either side may be left open."""

    base = CurrencyField(label=_("From currency"), required=False, help_text="")
    quote = CurrencyField(label=_("To currency"), required=False, help_text="")

    def pair(self) -> tuple[str | None, str | None]:
        """The pair asked for, or (None, None) when the filter is wrong (its errors are shown)."""
        if not self.is_valid():
            return None, None
        return self.cleaned_data.get("base") or None, self.cleaned_data.get("quote") or None


class ExchangeRateForm(StyledForm):
    """One rate: 1 `base` bought `rate` `quote` on a day, citing where the figure comes from."""

    base = CurrencyField(label=_("From currency"), help_text=_("ISO 4217 code, e.g. BYN."))
    quote = CurrencyField(label=_("To currency"), help_text=_("ISO 4217 code, e.g. EUR."))
    on = DigitsDateField(label=_("Date"))
    rate = forms.CharField(
        label=_("Rate"),
        max_length=RATE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr", "autocomplete": "off"}),
        help_text=_("How many units of the second currency one unit of the first bought, e.g. 0.28."),
    )
    source = forms.CharField(
        label=_("Source"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("Who published the rate, e.g. the National Bank of the Republic of Belarus."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Its own ids: the filter above it on the same page has fields of the same names.
        kwargs.setdefault("auto_id", "rate_%s")
        super().__init__(*args, **kwargs)

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned fields as `services.exchange_rate_record` takes them."""
        data = self.cleaned_data
        return {
            "base": data["base"],
            "quote": data["quote"],
            "on": data["on"],
            "rate": data["rate"],
            "source": data.get("source", ""),
        }
