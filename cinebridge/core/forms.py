"""Form helpers every app's interface shares: Bootstrap styling, service refusals on the right field,
and dates and times typed on a local clock (a cinema's, a venue's) with the time zones to choose from."""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.core.exceptions import ValidationError

from .engine.digits import to_ascii_digits
from .errors import ApplicationError

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
