"""Telling people: one inbox row per recipient, written in the recipient's language, e-mailed after commit.

Subjects and bodies arrive as lazy translations with their parameters, and are rendered once per
recipient inside `translation.override(<their language>)`: a Persian-preferring member reads Persian,
and a link built by a callable gets their language prefix (/fa/deals/…). The e-mail goes out from a
Celery task scheduled with `on_commit`, so nobody is e-mailed about a change that was rolled back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise, lazy

from cinebridge.accounts.models import Organisation, User
from cinebridge.core.i18n import text_in, translated_text

from .models import Notification

StrOrPromise = str | Promise
Link = Callable[[], str] | str

_SUBJECT_LENGTH = Notification._meta.get_field("subject").max_length or 300
_LINK_LENGTH = Notification._meta.get_field("link").max_length or 500
_NO_PARAMS: Mapping[str, object] = {}


def language_of(user: User) -> str:
    """The language a person reads their messages in: their preference when it is a UI language."""
    available = {code for code, _name in settings.LANGUAGES}
    preferred = (user.preferred_language or "").strip()
    return preferred if preferred in available else settings.LANGUAGE_CODE


def in_reader_language(translations: Iterable[Any], attribute: str, original: str) -> str:
    """A name or title to pass in `params`: rendered in each recipient's language (else English, else
    `original`), isolated (FSI…PDI) so that it keeps its own direction inside the sentence."""
    rows = list(translations)
    return lazy(lambda: f"\u2068{translated_text(rows, attribute, original)}\u2069", str)()


def names_in_reader_language(names: Mapping[str, str], fallback: str = "") -> str:
    """Like `in_reader_language`, for a {language: text} map (event, venue and award names)."""
    snapshot = dict(names)

    def render() -> str:
        text = text_in(snapshot) or next(iter(snapshot.values()), "") or fallback
        return f"\u2068{text}\u2069"

    return lazy(render, str)()


def _render(text: StrOrPromise, params: Mapping[str, object]) -> str:
    # Lazy parameters (a status label, say) are rendered here too, in the active language.
    rendered = str(text)
    if not params:
        return rendered
    return rendered % {
        name: str(value) if isinstance(value, Promise) else value for name, value in params.items()
    }


def _truncated(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@transaction.atomic
def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    subject: StrOrPromise,
    body: StrOrPromise,
    params: Mapping[str, object] = _NO_PARAMS,
    link: Link = "",
) -> list[Notification]:
    """Write a notification for each recipient in their own language and e-mail it once committed."""
    unique: dict[int, User] = {}
    for recipient in recipients:
        unique.setdefault(recipient.pk, recipient)
    notifications = []
    for recipient in unique.values():
        with translation.override(language_of(recipient)):
            notifications.append(
                Notification(
                    recipient=recipient,
                    kind=kind,
                    subject=_truncated(_render(subject, params), _SUBJECT_LENGTH),
                    body=_render(body, params),
                    link=_truncated(link() if callable(link) else link, _LINK_LENGTH),
                )
            )
    for notification in notifications:
        notification.full_clean()
        notification.save()
    for notification in notifications:
        if notification.recipient.email:
            transaction.on_commit(_email_later(notification.pk))
    return notifications


def _email_later(notification_id: int) -> Callable[[], Any]:
    def schedule() -> Any:
        # Imported here: the task module imports this one (its e-mail wording lives beside `notify`).
        from .tasks import send_email

        return send_email.delay(notification_id=notification_id)

    return schedule


def organisation_members(organisation: Organisation, *, exclude: User | None = None) -> list[User]:
    """The active members of an organisation, in a stable order."""
    members = User.objects.filter(memberships__organisation=organisation, is_active=True)
    if exclude is not None:
        members = members.exclude(pk=exclude.pk)
    return list(members.distinct().order_by("pk"))


def notify_organisation(
    *,
    organisation: Organisation,
    exclude: User | None = None,
    kind: str,
    subject: StrOrPromise,
    body: StrOrPromise,
    params: Mapping[str, object] = _NO_PARAMS,
    link: Link = "",
) -> list[Notification]:
    """`notify` every member of the organisation (but `exclude`, the person who caused it)."""
    return notify(
        recipients=organisation_members(organisation, exclude=exclude),
        kind=kind,
        subject=subject,
        body=body,
        params=params,
        link=link,
    )


@transaction.atomic
def notification_mark_read(*, user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's own notifications read (all of them when no ids are given); returns how many."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())


def notification_mark_emailed(*, notification: Notification) -> bool:
    """Record that the e-mail went out; False when another worker recorded it first."""
    now = timezone.now()
    done = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(emailed_at=now)
    if done:
        notification.emailed_at = now
    return bool(done)
