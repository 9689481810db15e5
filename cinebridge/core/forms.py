"""Form helpers every app's interface shares: Bootstrap styling, service refusals on the right field,
texts typed in several languages, and dates and times typed on a local clock (a cinema's, a venue's)
with the time zones to choose from."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .engine.digits import to_ascii_digits
from .errors import ApplicationError
from .vocabularies import language_name

LOCAL_DATETIME_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S")


def style_fields(form: forms.BaseForm) -> None:
    """Give every widget the Bootstrap class of its kind."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class BootstrapMixin:
    """A form whose widgets carry their Bootstrap classes."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self)  # type: ignore[arg-type]  # mixed into a Form


def add_service_error(form: forms.BaseForm, error: ApplicationError | ValidationError) -> None:
    """Show a service's refusal on the form field it names, or above the form when it names none we have."""
    if isinstance(error, ApplicationError):
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)


def time_zone_choices() -> list[tuple[str, str]]:
    """The IANA zones of regions people live in (no "Etc/GMT+3" or legacy aliases), by name."""
    zones = sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
    return [(zone, zone.replace("_", " ")) for zone in zones]


def aware_in_zone(local: datetime, zone: ZoneInfo) -> datetime | None:
    """The moment a local clock shows `local`, or None when the clock skips that time (a DST change)."""
    moment = local.replace(tzinfo=zone)
    if moment.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None) != local:
        return None
    return moment


class LocalDateTimeField(forms.DateTimeField):
    """A date and time on some local clock, read as naive (any digits): the form knows whose clock."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local", "dir": "ltr"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value: Any) -> datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        text = to_ascii_digits(str(value)).strip()
        for fmt in LOCAL_DATETIME_FORMATS:
            try:
                return datetime.strptime(text, fmt)  # noqa: DTZ007 - naive on purpose: a local clock
            except ValueError:
                continue
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


# --- texts typed in several languages -------------------------------------------------------------------

# English first: the language every partner reads; then the interface's other languages.
TEXT_LANGUAGES: tuple[str, ...] = ("en", *(code for code, _name in settings.LANGUAGES if code != "en"))


class Text(NamedTuple):
    """A text typed in several languages (a name, a title, a description): inputs `<prefix>_<code>`."""

    prefix: str
    label: Any
    required: bool = False  # at least one language must be filled
    long: bool = False  # a textarea (a description, a synopsis), else one line


class TextGroup(NamedTuple):
    """One text's inputs, a language each, for the template."""

    prefix: str
    label: str
    long: bool
    fields: list[tuple[str, str, forms.BoundField]]  # (code, language name, field)


class TextsMixin:
    """A form with texts typed in several languages (`TEXTS`), each kept as a {language: text} map.

    Adds one input `<prefix>_<code>` per UI language (English first) after the form's own fields, filled
    from `texts={prefix: {code: text}}` (or the form's `initial`); `clean` refuses a required text with
    no language filled, under its English input. web/components/texts_form.html shows the form: each
    text as a group of inputs, then the other fields.
    """

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]
    TEXTS: tuple[Text, ...] = ()
    short_max_length = 200
    long_max_length = 4000
    texts_required_message: Any = _("Enter it in at least one language.")

    def __init__(
        self, *args: Any, texts: Mapping[str, Mapping[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for text in self.TEXTS:
            values = (texts or {}).get(text.prefix) or {}
            for code in TEXT_LANGUAGES:
                attrs = {"lang": code, "dir": "auto", "class": "form-control"}
                self.fields[f"{text.prefix}_{code}"] = forms.CharField(
                    label=language_name(code),
                    required=False,
                    max_length=self.long_max_length if text.long else self.short_max_length,
                    initial=values.get(code, ""),
                    widget=forms.Textarea(attrs={**attrs, "rows": 3})
                    if text.long
                    else forms.TextInput(attrs=attrs),
                )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}  # type: ignore[misc]  # mixed into a Form
        for text in self.TEXTS:
            if text.required and not self.texts_of(text.prefix):
                self.add_error(  # type: ignore[attr-defined]  # mixed into a Form
                    f"{text.prefix}_en", self.texts_required_message
                )
        return cleaned

    def texts_of(self, prefix: str) -> dict[str, str]:
        """The texts typed for `prefix`, by language, the empty ones left out."""
        return {
            code: text
            for code in TEXT_LANGUAGES
            if (text := str(self.cleaned_data.get(f"{prefix}_{code}") or "").strip())
        }

    def text_field_names(self) -> list[str]:
        """The names of the text inputs, text by text, a language each."""
        return [f"{text.prefix}_{code}" for text in self.TEXTS for code in TEXT_LANGUAGES]

    def text_groups(self) -> list[TextGroup]:
        """The text inputs grouped by text, for the template."""
        return [
            TextGroup(
                text.prefix,
                str(text.label),
                text.long,
                [
                    (code, language_name(code), self[f"{text.prefix}_{code}"])  # type: ignore[index]
                    for code in TEXT_LANGUAGES
                ],
            )
            for text in self.TEXTS
        ]

    def other_fields(self) -> list[forms.BoundField]:
        """Every visible field but the texts, in declaration order."""
        names = set(self.text_field_names())
        return [
            self[name]  # type: ignore[index]
            for name in self.fields
            if name not in names and not self.fields[name].widget.is_hidden
        ]
