"""Admin pieces every app shares: code fields chosen from vocabularies, names isolated for bidi."""

from typing import Any

from django import forms
from django.contrib.admin.options import BaseModelAdmin
from django.core.exceptions import ValidationError
from django.db.models import Field
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from cinebridge.core.vocabularies import country_choices, is_language_code

COUNTRY_FIELDS = frozenset({"country"})
# Free text in any script: the browser decides each value's direction, whatever the page's.
MULTILINGUAL_TEXT_FIELDS = frozenset(
    {"name", "title", "original_title", "synopsis", "description", "character"}
)
LANGUAGE_FIELDS = frozenset({"language_code", "original_language", "audio_language", "preferred_language"})


def _validate_language(value: str) -> None:
    if value and not is_language_code(value):
        raise ValidationError(gettext("Unknown language code “%(code)s”.") % {"code": value})


class CodeFieldsMixin(BaseModelAdmin[Any]):
    """Countries chosen from the ISO list by name; language codes checked as the services check them."""

    def formfield_for_dbfield(self, db_field: Field[Any, Any], request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name in COUNTRY_FIELDS:
            return forms.ChoiceField(
                choices=[("", "—"), *country_choices()],
                required=not db_field.blank,
                label=db_field.verbose_name,
            )
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in LANGUAGE_FIELDS and formfield is not None:
            formfield.validators.append(_validate_language)
        if db_field.name in MULTILINGUAL_TEXT_FIELDS and formfield is not None:
            formfield.widget.attrs["dir"] = "auto"
        return formfield


def bdi(text: str) -> SafeString:
    """A name or title isolated from the page's direction (a Russian name in a Persian page)."""
    return format_html("<bdi>{}</bdi>", text)
