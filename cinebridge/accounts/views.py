"""Signing in and out, passwords, the profile page, and the management of an organisation's members."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cinebridge.core.errors import ApplicationError
from cinebridge.core.forms import add_service_error

from . import policy, services
from .forms import (
    MembershipAddForm,
    MembershipRemoveForm,
    MembershipRoleForm,
    PreferredLanguageForm,
    SignInForm,
)
from .models import Membership, Organisation, Role, User
from .selectors import organisation_get, organisation_members, user_memberships
from .services import user_set_preferred_language


def _ui_language(user: Any) -> str:
    """The person's preferred language when it is one of the UI languages, else ""."""
    language = getattr(user, "preferred_language", "")
    return language if language in dict(settings.LANGUAGES) else ""


def _remember_language(response: HttpResponseBase, language: str) -> None:
    """Set the language cookie, as Django's set_language view does, so unprefixed URLs follow it."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language,
        max_age=settings.LANGUAGE_COOKIE_AGE, path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN, secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY, samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )  # fmt: skip


class SignInView(LoginView):
    """Django's sign-in, which then continues in the person's preferred language."""

    form_class = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        language = _ui_language(form.get_user())
        if language:
            _remember_language(response, language)
        return response

    def get_success_url(self) -> str:
        url = super().get_success_url()
        language = _ui_language(self.request.user)
        return translate_url(url, language) if language else url


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """The person's memberships and roles, and their preferred language."""
    user = _person(request)
    current = _ui_language(user) or translation.get_language()
    form = PreferredLanguageForm(request.POST or None, initial={"preferred_language": current})
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["preferred_language"]
        user_set_preferred_language(user=user, language=language)
        with translation.override(language):
            messages.success(request, _("Your preferred language is saved."))
            response = redirect(reverse("accounts:profile"))
        _remember_language(response, language)
        return response
    context = {"form": form, "memberships": user_memberships(user=user)}
    return render(request, "accounts/profile.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_members_manage(request: HttpRequest, slug: str) -> HttpResponse:
    """Add people to an organisation, change their roles, remove them: for its administrators."""
    organisation = organisation_get(slug=slug)
    policy.require(request.user, policy.ORGANISATION_MANAGE, organisation)
    memberships = organisation_members(viewer=request.user, organisation=organisation)
    add_form = MembershipAddForm(prefix="add")
    failed: Form | None = None
    if request.method == "POST":
        form = _bound_form(request, memberships)
        if form is not None and _apply(request, form, organisation):
            return redirect(_after_change(request, organisation))
        if isinstance(form, MembershipAddForm):
            add_form = form
        else:
            failed = form
    context = {
        "organisation": organisation,
        "memberships": memberships,
        "add_form": add_form,
        "roles": Role.choices,
        # A refused change is shown on its member's row; one naming no member of this organisation, above.
        "failed": failed,
        "failed_membership": failed.cleaned_data.get("membership") if failed is not None else None,
    }
    return render(request, "accounts/organisation_members.html", context)


def _bound_form(request: HttpRequest, memberships: QuerySet[Membership]) -> Form | None:
    """The form the POST was sent from, told apart by its `action` button."""
    action = request.POST.get("action")
    if action == "add":
        return MembershipAddForm(request.POST, prefix="add")
    if action == "role":
        return MembershipRoleForm(request.POST, memberships=memberships)
    if action == "remove":
        return MembershipRemoveForm(request.POST, memberships=memberships)
    return None


def _apply(request: HttpRequest, form: Form, organisation: Organisation) -> bool:
    """Call the membership service for a valid form; show its refusal on the form."""
    if not form.is_valid():
        return False
    actor = _person(request)
    data = form.cleaned_data
    try:
        if isinstance(form, MembershipRemoveForm):
            membership: Membership = data["membership"]
            services.membership_remove(membership=membership, actor=actor)
            messages.success(
                request,
                _("%(person)s no longer belongs to %(organisation)s.")
                % {"person": _display_name(membership.user), "organisation": organisation.name},
            )
        else:
            person = data["user"] if isinstance(form, MembershipAddForm) else data["membership"].user
            role = Role(data["role"])
            services.membership_set(user=person, organisation=organisation, role=role, actor=actor)
            messages.success(
                request,
                _("%(person)s now has the role “%(role)s” in %(organisation)s.")
                % {"person": _display_name(person), "role": role.label, "organisation": organisation.name},
            )
    except ApplicationError as error:
        add_service_error(form, error)
        return False
    return True


def _person(request: HttpRequest) -> User:
    """The signed-in person; every view that asks requires sign-in, so anyone else is refused."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _display_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def _after_change(request: HttpRequest, organisation: Organisation) -> str:
    """Back to the management page, or to the organisation when the actor just gave up administering it."""
    policy.forget_cached_memberships(_person(request))
    if policy.can(request.user, policy.ORGANISATION_MANAGE, organisation):
        return reverse("accounts:organisation_members", args=[organisation.slug])
    return reverse("web:organisation_detail", args=[organisation.slug])
