"""The token page's one form."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ApiTokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “festival website sync”."),
        widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}),
    )
