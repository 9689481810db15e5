"""E-mails of notifications, sent by a Celery worker after the transaction that wrote them commits.

In the embedded default Celery runs the task at once (eagerly) when the transaction commits.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Notification
from .services import language_of, notification_mark_emailed

logger = logging.getLogger(__name__)

SEND_EMAIL_TASK = "notifications.send_email"


def _email_body(notification: Notification) -> str:
    """The notification's text, with its link when it has one (a path: the site's address is prefixed)."""
    parts = [notification.body] if notification.body else []
    if notification.link:
        base = getattr(settings, "SITE_URL", "").rstrip("/")
        parts.append(_("Open it here: %(link)s") % {"link": f"{base}{notification.link}"})
    return "\n\n".join(parts)


@shared_task(name=SEND_EMAIL_TASK)
def send_email(*, notification_id: int) -> bool:
    """E-mail one notification to its recipient, once; returns whether an e-mail went out."""
    notification = (
        Notification.objects.select_related("recipient")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None or not notification.recipient.email:
        return False
    with translation.override(language_of(notification.recipient)):
        body = _email_body(notification)
    send_mail(
        subject=notification.subject,
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[notification.recipient.email],
    )
    return notification_mark_emailed(notification=notification)
