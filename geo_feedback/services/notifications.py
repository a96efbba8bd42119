"""Emails to reporters and followers, through the outbox: a row first, then a job."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from geo_feedback import jobs
from geo_feedback.models import Feedback, FeedbackFollower, FeedbackPhoto, Notification
from geo_feedback.services.queue import enqueue_now

MAX_ATTEMPTS = 10


def _follow_url(feedback: Feedback) -> str:
    return f"{settings.SITE_URL}/palaute/seuraa/{feedback.follow_token}/"


def _stop_url(token: str) -> str:
    return f"{settings.SITE_URL}/palaute/lopeta/{token}/"


def _public_url(feedback: Feedback) -> str:
    return f"{settings.SITE_URL}/palaute/{feedback.number}/"


def notification_queue(*, feedback: Feedback, kind: str, recipients: list[str], public_note: str = "") -> list[Notification]:
    """Write one outbox row per recipient, in the resident's language; send them after commit."""
    rows = []
    with translation.override(feedback.language):
        context = {
            "feedback": feedback,
            "category": feedback.category.name(feedback.language),
            "status": feedback.get_status_display(),
            "public_note": public_note,
            "public_url": _public_url(feedback),
            "follow_url": _follow_url(feedback),
            "department": feedback.department.name(feedback.language),
        }
        subject = render_to_string(f"geo_feedback/email/{kind}_subject.txt", context).strip()
        # Everyone gets a link to stop the emails: followers their own, the reporter the report's secret.
        tokens = dict(FeedbackFollower.objects.filter(feedback=feedback, email__in=recipients)
                      .values_list("email", "token"))
        for recipient in dict.fromkeys(recipients):  # one email per address, even if listed twice
            is_reporter = recipient == feedback.reporter_email
            token = feedback.follow_token if is_reporter else tokens.get(recipient)
            stop_url = _stop_url(token) if token else ""
            body = render_to_string(f"geo_feedback/email/{kind}_body.txt",
                                    {**context, "is_reporter": is_reporter, "stop_url": stop_url})
            rows.append(Notification(feedback=feedback, kind=kind, recipient=recipient, subject=subject, body=body))
    created = Notification.objects.bulk_create(rows)
    for row in created:
        transaction.on_commit(lambda pk=row.pk: notification_enqueue(pk))
    return created


def notification_send(*, notification_id: int) -> bool:
    """Send one queued email; sending it again is harmless (a sent row is skipped)."""
    with transaction.atomic():
        row = Notification.objects.select_for_update(skip_locked=True).filter(pk=notification_id).first()
        if row is None or row.sent_at is not None:
            return False
        row.attempts += 1
        try:
            send_mail(row.subject, row.body, settings.DEFAULT_FROM_EMAIL, [row.recipient])
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


def notification_enqueue(notification_id: int) -> bool:
    """Queue the send job and note when; False while Redis does not answer (the row waits)."""
    if not enqueue_now(jobs.notification_send, notification_id):
        return False
    Notification.objects.filter(pk=notification_id).update(enqueued_at=timezone.now())
    return True


def outbox_relay(*, stale_after: timedelta = timedelta(minutes=5), limit: int = 500) -> int:
    """Queue the notifications (and thumbnails) whose job was never queued or got lost.

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
    unfinished = FeedbackPhoto.objects.filter(thumbnail="", created_at__lt=cutoff).values_list("pk", flat=True)
    for photo_id in list(unfinished[:limit]):
        if not enqueue_now(jobs.photo_thumbnail_make, photo_id):
            return queued
        queued += 1
    return queued
