"""The inbox: a person's notifications, unread first, marked read one by one or all at once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from cinebridge.accounts.models import User
from cinebridge.core.engine.digits import localize_digits, to_ascii_digits
from cinebridge.core.i18n import active_language

from .selectors import inbox_list, unread_count
from .services import notification_mark_read

INBOX_PAGE_SIZE = 30


def _signed_in(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """The viewer's notifications: the unread ones first, each newest first."""
    user = _signed_in(request)
    # Unread first: what needs attention is on top whatever its age.
    notifications = inbox_list(user=user).order_by(F("read_at").asc(nulls_first=True), "-created_at", "-id")
    page = Paginator(notifications, INBOX_PAGE_SIZE).get_page(to_ascii_digits(request.GET.get("page", "")))
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "notifications": page.object_list, "unread": unread_count(user=user)},
    )


def _ids(request: HttpRequest) -> list[int]:
    return [
        int(value) for value in (to_ascii_digits(v) for v in request.POST.getlist("id")) if value.isdigit()
    ]


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    """Mark notifications read: the ones named (`id`), or all (`all`); then go on to `next` if given
    (opening a notification marks it read and follows its link)."""
    user = _signed_in(request)
    ids = None if request.POST.get("all") else _ids(request)
    marked = notification_mark_read(user=user, notification_ids=ids)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    if ids is None:
        messages.success(
            request,
            ngettext("%(count)s notification marked read.", "%(count)s notifications marked read.", marked)
            % {"count": localize_digits(str(marked), active_language())},
        )
    elif not marked:
        messages.info(request, _("Nothing new to mark read."))
    return redirect("notifications:inbox")
