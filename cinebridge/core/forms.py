"""Form helpers every app's interface shares: Bootstrap styling and service refusals on the right field."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from .errors import ApplicationError


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
