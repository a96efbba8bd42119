"""The outbox: emails about anything, written with the change they tell of and sent once.

A service of ``geo_feedback`` or ``planning`` calls ``notification_queue`` inside its transaction:
the rows are committed with the change or not at all, their send jobs are queued after commit, and
``outbox_relay`` (``manage.py relay_outbox``) queues again whatever Redis could not take. Sending
locks the row and skips a sent one, so a job run twice sends one email.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, send_mail
from django.db import models, transaction
from django.db.models import Q
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone, translation

from city import jobs
from city.models import Notification
from city.queue import enqueue_now

MAX_ATTEMPTS = 10
SUBJECT_MAX = 300  # Notification.subject's length


@dataclass(frozen=True)
class Recipient:
    """One address a message goes to, with the link that stops such emails for that address.

    Every email to a resident carries a stop link: ``stop_reason`` says why they get the emails
    ("…because you sent this feedback. To stop them:") and ``stop_url`` where they stop them. What
    stopping means belongs to the app that owns the subject (the feedback channel erases the address).
    ``context`` adds what the templates show this recipient only. ``one_click`` says that ``stop_url``
    also takes a plain POST without a page (RFC 8058): the email then carries the List-Unsubscribe and
    List-Unsubscribe-Post headers, so that mail programs offer their own unsubscribe button.
    """

    email: str
    stop_url: str = ""
    stop_reason: str = ""
    context: Mapping = field(default_factory=dict)
    one_click: bool = False


def _render_text(name: str, context: Mapping) -> str:
    """A plain-text email template rendered without HTML escaping: a note saying "Katu & puisto"
    reaches the resident as written, not as "Katu &amp; puisto"."""
    return get_template(name).template.render(Context(dict(context), autoescape=False))


def _stop_footer(recipient: Recipient) -> str:
    """The last paragraph of an email to a resident: why they get it, and the link that stops it."""
    if not recipient.stop_url:
        return ""
    return "\n" + " ".join(filter(None, [str(recipient.stop_reason).strip(), recipient.stop_url])) + "\n"


def notification_queue(
    *, about: models.Model, kind: str, language: str, template: str, context: Mapping,
    recipients: Iterable[Recipient],
) -> list[Notification]:
    """Write one outbox row per address about ``about``, rendered in ``language``; send after commit.

    ``template`` names ``{template}_subject.txt`` and ``{template}_body.txt``; the body gets the
    recipient's stop link appended. An address listed twice gets one email. Call it inside the
    transaction of the change the message tells of.
    """
    about_type = ContentType.objects.get_for_model(about)
    rows = []
    with translation.override(language):
        subject = " ".join(_render_text(f"{template}_subject.txt", context).split())[:SUBJECT_MAX]
        seen = set()
        for recipient in recipients:
            if not recipient.email or recipient.email in seen:
                continue
            seen.add(recipient.email)
            body = _render_text(f"{template}_body.txt", {**context, **recipient.context,
                                                               "stop_url": recipient.stop_url})
            body = body.rstrip("\n") + "\n" + _stop_footer(recipient)
            rows.append(Notification(about_type=about_type, about_id=about.pk, kind=kind, recipient=recipient.email,
                                     subject=subject, body=body,
                                     unsubscribe_url=recipient.stop_url if recipient.one_click else ""))
    created = Notification.objects.bulk_create(rows)
    for row in created:
        transaction.on_commit(lambda pk=row.pk: notification_enqueue(pk))
    return created


def notification_drop_unsent(*, about: models.Model, recipient: str) -> int:
    """Delete the emails about ``about`` still waiting for ``recipient`` (they asked to stop)."""
    deleted, _by_model = Notification.objects.filter(
        about_type=ContentType.objects.get_for_model(about), about_id=about.pk, recipient=recipient,
        sent_at__isnull=True,
    ).delete()
    return deleted


def notification_send(*, notification_id: int) -> bool:
    """Send one queued email; sending it again is harmless (a sent row is skipped)."""
    with transaction.atomic():
        row = Notification.objects.select_for_update(skip_locked=True).filter(pk=notification_id).first()
        if row is None or row.sent_at is not None:
            return False
        row.attempts += 1
        try:
            _send(row)
        except Exception as error:  # SMTP errors are many; the row keeps the reason and is retried
            row.last_error = f"{error.__class__.__name__}: {error}"
            row.save(update_fields=["attempts", "last_error"])
            failure = error
        else:
            row.sent_at = timezone.now()
            row.last_error = ""
            row.save(update_fields=["attempts", "sent_at", "last_error"])
            return True
    # Raised only after the block has committed the attempt: raising inside it would roll the
    # count and the reason back, and the relay would retry a broken address for ever.
    raise failure


def _send(row: Notification) -> None:
    if not row.unsubscribe_url:
        send_mail(row.subject, row.body, settings.DEFAULT_FROM_EMAIL, [row.recipient])
        return
    EmailMessage(row.subject, row.body, settings.DEFAULT_FROM_EMAIL, [row.recipient], headers={
        "List-Unsubscribe": f"<{row.unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }).send()


def notification_enqueue(notification_id: int) -> bool:
    """Queue the send job and note when; False while Redis does not answer (the row waits)."""
    if not enqueue_now(jobs.notification_send, notification_id):
        return False
    Notification.objects.filter(pk=notification_id).update(enqueued_at=timezone.now())
    return True


# Other work that is a database row before it is a job (the feedback channel's thumbnails, say):
# each app registers, in its AppConfig.ready(), a function that queues what is missing and returns
# how many jobs it queued, or None when Redis did not answer.
Relay = Callable[..., "int | None"]
_relays: dict[str, Relay] = {}


def outbox_relay_register(name: str, relay: Relay) -> None:
    """Add ``relay(cutoff=…, limit=…)`` to every round of ``outbox_relay`` (once per name)."""
    _relays[name] = relay


def outbox_relay(*, stale_after: timedelta = timedelta(minutes=5), limit: int = 500) -> int:
    """Queue the notifications (and the registered work) whose job was never queued or got lost.

    Runs beside the worker (``manage.py relay_outbox``): after a Redis outage it is what sends
    what could not be queued. Returns how many jobs it queued.
    """
    cutoff = timezone.now() - stale_after
    pending = (
        Notification.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
        .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=cutoff))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    queued = 0
    for notification_id in list(pending):
        if not notification_enqueue(notification_id):
            return queued  # Redis is still down: the next round tries again
        queued += 1
    for relay in list(_relays.values()):
        more = relay(cutoff=cutoff, limit=limit)
        if more is None:
            return queued
        queued += more
    return queued
