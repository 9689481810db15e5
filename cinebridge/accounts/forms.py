"""Forms for signing in, passwords, the profile, organisation filters and membership management."""

from collections.abc import Iterable, Sequence
from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.db.models import QuerySet
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from cinebridge.core.forms import BootstrapMixin
from cinebridge.core.vocabularies import country_name

from .models import Membership, OrganisationKind, Role, User
from .selectors import user_find_by_email


class SignInForm(BootstrapMixin, auth_forms.AuthenticationForm):
    """Django's sign-in form, styled."""


class PasswordResetRequestForm(BootstrapMixin, auth_forms.PasswordResetForm):
    """Ask for a reset link; people invited without a password set their first one this way too."""

    def get_users(self, email: str) -> Iterable[Any]:
        # Django skips accounts without a usable password; ours are created that way on purpose
        # (accounts.services.user_create with password=None) and wait for exactly this e-mail.
        return User.objects.filter(email__iexact=email, is_active=True)


class NewPasswordForm(BootstrapMixin, auth_forms.SetPasswordForm):  # type: ignore[type-arg]
    """Choose a new password from a reset link, styled."""


class PasswordChangeForm(BootstrapMixin, auth_forms.PasswordChangeForm):
    """Change one's password knowing the old one, styled."""


def ui_language_choices() -> list[tuple[str, str]]:
    """The UI languages, each named in itself (as the language switcher shows them)."""
    return [(code, str(get_language_info(code)["name_local"])) for code, _name in settings.LANGUAGES]


class PreferredLanguageForm(BootstrapMixin, forms.Form):
    """The language the platform speaks to a person in."""

    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=ui_language_choices)


class OrganisationFilterForm(BootstrapMixin, forms.Form):
    """The organisation list's filters: kind and country, both optional."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args: Any, countries: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = ("", _("All"))
        named = sorted(((code, country_name(code)) for code in countries), key=lambda pair: pair[1])
        cast(forms.ChoiceField, self.fields["kind"]).choices = [every, *OrganisationKind.choices]
        cast(forms.ChoiceField, self.fields["country"]).choices = [every, *named]


class MembershipAddForm(BootstrapMixin, forms.Form):
    """Add a person who already has an account to the organisation, with a role."""

    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.VIEWER)

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"]
        user = user_find_by_email(email=email)
        if user is None:
            raise forms.ValidationError(
                _("Nobody has an account with this e-mail address; they must have one before joining.")
            )
        self.cleaned_data["user"] = user
        return email


class MembershipRoleForm(BootstrapMixin, forms.Form):
    """Change the role of one member of the organisation."""

    membership = forms.ModelChoiceField(queryset=Membership.objects.none(), widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args: Any, memberships: QuerySet[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only this organisation's memberships can be named, so a forged id cannot reach another one.
        self.fields["membership"].queryset = memberships  # type: ignore[attr-defined]


class MembershipRemoveForm(forms.Form):
    """Take one member out of the organisation."""

    membership = forms.ModelChoiceField(queryset=Membership.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args: Any, memberships: QuerySet[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = memberships  # type: ignore[attr-defined]
