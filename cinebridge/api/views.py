"""The API token page: list your tokens, create one (its plain text shown once), revoke one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from cinebridge.accounts.models import User
from cinebridge.core.errors import ApplicationError
from cinebridge.core.forms import add_service_error

from .forms import ApiTokenCreateForm
from .selectors import api_token_get_own, api_token_list
from .services import api_token_create, api_token_revoke


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - login_required let only a signed-in user through
    return request.user


@never_cache  # the page may hold a new token's plain text
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """The page; a POST creates a token and answers with the page showing its plain text this once."""
    user = _user(request)
    form = ApiTokenCreateForm(request.POST if request.method == "POST" else None)
    plaintext = None
    if form.is_bound and form.is_valid():
        try:
            _token, plaintext = api_token_create(user=user, name=form.cleaned_data["name"])
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            # Rendered, not redirected: the plain text then never has to be kept anywhere.
            form = ApiTokenCreateForm()
    context = {"tokens": api_token_list(user=user), "form": form, "plaintext": plaintext}
    return render(request, "api/token_list.html", context)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    """Revoke one of your tokens and return to the list."""
    user = _user(request)
    token = api_token_revoke(token=api_token_get_own(user=user, pk=pk), actor=user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api_tokens:list")
