"""Forms of the exhibition pages: they read what a person enters; the services decide what is allowed.

Amounts are read as text and handed to the services, which parse them with the currency's minor
units (`core.engine.money.parse_amount`, Persian and Arabic-Indic digits included). KDM windows are
typed in the cinema's local clock and turned into aware datetimes here, in that cinema's zone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import PurePath
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cinebridge.accounts.models import Organisation
from cinebridge.catalogue.forms import DigitsDateField, DigitsIntegerField, StyledForm
from cinebridge.catalogue.models import FilmVersion, SubtitleTrack
from cinebridge.core.engine.digits import to_ascii_digits
from cinebridge.core.engine.money import AmountError, is_currency, minor_units, parse_amount
from cinebridge.core.forms import LocalDateTimeField, aware_in_zone, time_zone_choices
from cinebridge.core.vocabularies import country_choices, language_name
from cinebridge.rights.forms import OrganisationChoiceField

from .models import Cinema, PaymentKind, ReportKind, ReportSource, Screen

NO_CHOICE = ("", "—")
REPORT_FILE_SOURCES = {".csv": ReportSource.CSV, ".xlsx": ReportSource.XLSX}
# A season of weekly reports for a whole network fits comfortably; anything larger is a mistake.
REPORT_MAX_BYTES = 5 * 2**20


def _set_choices(form: forms.Form, name: str, choices: Iterable[tuple[Any, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)  # noqa: S101 - every caller names a choice field
    field.choices = list(choices)


def _set_queryset(form: forms.Form, name: str, queryset: QuerySet[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - every caller names a model field
    field.queryset = queryset


class AmountInput(forms.TextInput):
    def __init__(self) -> None:
        super().__init__(attrs={"inputmode": "decimal", "dir": "ltr", "autocomplete": "off"})


def amount_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.CharField:
    """An amount as typed; the service reads it with the currency's minor units."""
    return forms.CharField(
        label=label, required=required, max_length=40, widget=AmountInput(), help_text=help_text
    )


class CurrencyField(forms.CharField):
    """An ISO 4217 code, upper-cased (the services check that it is a currency)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Currency"))
        kwargs.setdefault("help_text", _("ISO 4217 code, e.g. BYN, EUR, IRR."))
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


def read_amount(form: forms.Form, name: str, currency: str | None) -> None:
    """Turn the typed amount in `name` into a Decimal of `currency`, or say at the field what is wrong."""
    text = form.cleaned_data.get(name)
    if not text or not currency or not is_currency(currency):
        return
    try:
        form.cleaned_data[name] = parse_amount(text, currency=currency)
    except AmountError as error:
        message = (
            _("“%(value)s” is too large an amount.")
            if error.code == "too_large"
            else _("Enter an amount of %(currency)s, at least zero, with at most %(places)s decimals.")
        )
        form.add_error(name, message % {"value": text, "currency": currency, "places": minor_units(currency)})


# --- cinemas and screens -----------------------------------------------------------------------------


class CinemaForm(StyledForm):
    operator = OrganisationChoiceField(label=_("Operated by"), queryset=Organisation.objects.none())
    name = forms.CharField(label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"}))
    city = forms.CharField(label=_("City"), max_length=120, widget=forms.TextInput(attrs={"dir": "auto"}))
    country = forms.ChoiceField(label=_("Country"), choices=[])
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=[],
        help_text=_("Engagement days, KDM windows and showtimes are on this clock."),
    )

    def __init__(self, *args: Any, operators: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "operator", operators.prefetch_related("translations").order_by("name"))
        _set_choices(self, "country", [NO_CHOICE, *country_choices()])
        _set_choices(self, "time_zone", [NO_CHOICE, *time_zone_choices()])
        if len(operators) == 1:
            self.fields["operator"].initial = operators[0].pk
            self.fields["country"].initial = operators[0].country


class ScreenForm(StyledForm):
    name = forms.CharField(label=_("Screen"), max_length=100, widget=forms.TextInput(attrs={"dir": "auto"}))
    capacity = DigitsIntegerField(label=_("Seats"), min_value=1, max_value=100_000)
    certificate_thumbprint = forms.CharField(
        label=_("Server certificate thumbprint"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"}),
        help_text=_(
            "The base64 SHA-1 thumbprint of the media block's certificate, which key requests target."
        ),
    )


# --- bookings and keys ---------------------------------------------------------------------------------


class ScreenChoiceField(forms.ModelMultipleChoiceField[Screen]):
    def label_from_instance(self, obj: Screen) -> str:
        return f"{obj.cinema.name} — {obj.name}"


class VersionChoiceField(forms.ModelChoiceField[FilmVersion]):
    def label_from_instance(self, obj: FilmVersion) -> str:
        return f"{obj.label} ({language_name(obj.audio_language)})"


class BookingForm(StyledForm):
    """A film version on screens of one of the licensee's cinemas for an engagement."""

    cinema = forms.ModelChoiceField(label=_("Cinema"), queryset=Cinema.objects.none())
    screens = ScreenChoiceField(
        label=_("Screens"), queryset=Screen.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    version = VersionChoiceField(label=_("Film version"), queryset=FilmVersion.objects.none())
    first_day = DigitsDateField(label=_("First day"))
    last_day = DigitsDateField(label=_("Last day"))
    currency = CurrencyField(help_text=_("The currency the cinema reports its box office in."))
    house_nut_per_week = amount_field(
        _("House nut per week"),
        required=False,
        help_text=_("The cinema's weekly cost, for “90/10 over the house nut” terms."),
    )

    def __init__(
        self,
        *args: Any,
        cinemas: QuerySet[Cinema],
        versions: QuerySet[FilmVersion],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "cinema", cinemas)
        _set_queryset(
            self,
            "screens",
            Screen.objects.filter(cinema__in=cinemas)
            .select_related("cinema")
            .order_by("cinema__name", "name"),
        )
        _set_queryset(self, "version", versions)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, last = cleaned.get("first_day"), cleaned.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", _("The last day is before the first day."))
        cinema, screens = cleaned.get("cinema"), cleaned.get("screens")
        if cinema is not None and screens:
            foreign = [screen for screen in screens if screen.cinema_id != cinema.pk]
            if foreign:
                self.add_error(
                    "screens",
                    _("Choose screens of %(cinema)s only.") % {"cinema": cinema.name},
                )
        if not cleaned.get("house_nut_per_week"):
            cleaned["house_nut_per_week"] = None
        read_amount(self, "house_nut_per_week", cleaned.get("currency"))
        return cleaned


class KdmRequestForm(StyledForm):
    """A key for one booked screen, its window typed on the cinema's clock."""

    screen = forms.ModelChoiceField(label=_("Screen"), queryset=Screen.objects.none())
    valid_from = LocalDateTimeField(label=_("Valid from"))
    valid_until = LocalDateTimeField(label=_("Valid until"))

    def __init__(self, *args: Any, screens: QuerySet[Screen], time_zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "screen", screens)
        self.zone = ZoneInfo(time_zone)
        for name in ("valid_from", "valid_until"):
            self.fields[name].help_text = _("Local time of the cinema (%(zone)s).") % {"zone": time_zone}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("valid_from", "valid_until"):
            local = cleaned.get(name)
            if local is None:
                continue
            moment = aware_in_zone(local, self.zone)
            if moment is None:
                self.add_error(name, _("This time does not exist on the cinema's clock (the clocks change)."))
            else:
                cleaned[name] = moment
        start, until = cleaned.get("valid_from"), cleaned.get("valid_until")
        if (
            isinstance(start, datetime)
            and isinstance(until, datetime)
            and start.tzinfo
            and until.tzinfo
            and until <= start
        ):
            self.add_error("valid_until", _("The key must stop being valid after it starts."))
        return cleaned


# --- deliveries ------------------------------------------------------------------------------------------


class SubtitleChoiceField(forms.ModelMultipleChoiceField[SubtitleTrack]):
    def label_from_instance(self, obj: SubtitleTrack) -> str:
        label = f"{obj.version.label}: {language_name(obj.language_code)}"
        return f"{label} ({_('SDH')})" if obj.for_hard_of_hearing else label


class DeliveryForm(StyledForm):
    version = VersionChoiceField(label=_("Film version"), queryset=FilmVersion.objects.none())
    subtitle_tracks = SubtitleChoiceField(
        label=_("Subtitle tracks"),
        queryset=SubtitleTrack.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    delivered_on = DigitsDateField(label=_("Delivered on"))

    def __init__(self, *args: Any, versions: QuerySet[FilmVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "version", versions)
        _set_queryset(
            self,
            "subtitle_tracks",
            SubtitleTrack.objects.filter(version__in=versions)
            .select_related("version")
            .order_by("version_id", "language_code"),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        version, tracks = cleaned.get("version"), cleaned.get("subtitle_tracks")
        if version is not None and tracks and any(t.version_id != version.pk for t in tracks):
            self.add_error("subtitle_tracks", _("Choose subtitle tracks of the delivered version only."))
        return cleaned


# --- reports ------------------------------------------------------------------------------------------


class BoxOfficeRowForm(StyledForm):
    """One screen's film week, in the columns of a box-office file."""

    cinema = forms.ChoiceField(label=_("Cinema"), choices=[])
    screen = forms.ChoiceField(label=_("Screen"), choices=[])
    week_start = DigitsDateField(label=_("Film week from"))
    admissions = DigitsIntegerField(label=_("Admissions"), min_value=0)
    gross = amount_field(_("Gross box office"))
    taxes = amount_field(_("Taxes"))
    levies = amount_field(_("Levies"))

    def __init__(self, *args: Any, cinemas: Iterable[str], screens: Iterable[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "cinema", [NO_CHOICE, *((name, name) for name in cinemas)])
        _set_choices(self, "screen", [NO_CHOICE, *((name, name) for name in screens)])

    def row(self) -> dict[str, str]:
        """The row as a report file would have it: every cell as text."""
        data = self.cleaned_data
        return {
            "cinema": data["cinema"],
            "screen": data["screen"],
            "week_start": data["week_start"].isoformat(),
            "admissions": str(data["admissions"]),
            "gross": data["gross"],
            "taxes": data["taxes"],
            "levies": data["levies"],
        }


class UsageRowForm(StyledForm):
    """One month, country and medium of a platform's usage, in the columns of a usage file."""

    # The file's "media" column (a form's `media` is its CSS and JavaScript).
    COLUMN_FIELDS = {"media": "medium"}

    month = forms.CharField(
        label=_("Month"),
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "dir": "ltr", "placeholder": "2026-01"}),
    )
    territory = forms.ChoiceField(label=_("Country"), choices=[])
    medium = forms.CharField(
        label=_("Medium"),
        max_length=30,
        widget=forms.TextInput(attrs={"dir": "ltr", "placeholder": "SVOD"}),
        help_text=_("A media code of the rights vocabulary, e.g. SVOD or TVOD."),
    )
    views = DigitsIntegerField(label=_("Views"), min_value=0)
    minutes = DigitsIntegerField(label=_("Minutes watched"), min_value=0)
    revenue = amount_field(_("Revenue"))
    currency = CurrencyField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "territory", [NO_CHOICE, *country_choices()])

    def row(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "month": to_ascii_digits(data["month"]).strip(),
            "territory": data["territory"],
            "media": data["medium"].strip().upper(),
            "views": str(data["views"]),
            "minutes": str(data["minutes"]),
            "revenue": data["revenue"],
            "currency": data["currency"],
        }


class ReportFileForm(StyledForm):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (UTF-8, with a header row) or XLSX (the first sheet, with the same header)."),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if self.source_of(upload.name) is None:
            raise forms.ValidationError(_("Upload a CSV or XLSX file."))
        if upload.size > REPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.") % {"size": REPORT_MAX_BYTES // 2**20}
            )
        return upload

    @staticmethod
    def source_of(filename: str) -> ReportSource | None:
        return REPORT_FILE_SOURCES.get(PurePath(filename or "").suffix.lower())


# --- money ------------------------------------------------------------------------------------------


class ExpenseForm(StyledForm):
    incurred_on = DigitsDateField(label=_("Date"))
    description = forms.CharField(
        label=_("Description"), max_length=300, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    amount = amount_field(_("Amount"))
    currency = CurrencyField()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        read_amount(self, "amount", cleaned.get("currency"))
        return cleaned


class PaymentForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=PaymentKind.choices)
    paid_on = DigitsDateField(label=_("Paid on"))
    amount = amount_field(_("Amount"), help_text=_("In the deal's currency."))
    reference = forms.CharField(
        label=_("Reference"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("A bank transfer or invoice number."),
    )

    def __init__(self, *args: Any, currency: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.fields["amount"].help_text = _("In the deal's currency, %(currency)s.") % {"currency": currency}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        read_amount(self, "amount", self.currency)
        return cleaned
