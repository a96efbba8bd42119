"""The feedback channel's emails to reporters and followers, through the city's outbox."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from city.links import page_path
from city.models import Notification
from city.queue import enqueue_now
from city.services.outbox import Recipient, notification_queue, outbox_relay_register
from geo_feedback import jobs
from geo_feedback.models import Feedback, FeedbackFollower, FeedbackPhoto
from geo_feedback.notes import SystemNote

AS_REPORTER = _("You get these emails because you sent this feedback. To stop them:")
AS_FOLLOWER = _("You get these emails because you follow this feedback. To stop them:")


def _follow_url(feedback: Feedback) -> str:
    return settings.SITE_URL + page_path("feedback_pages:follow", feedback.language, feedback.follow_token)


def _stop_url(token: str, language: str) -> str:
    return settings.SITE_URL + page_path("feedback_pages:unfollow", language, token)


def _public_url(feedback: Feedback) -> str:
    return settings.SITE_URL + page_path("feedback_pages:detail", feedback.language, feedback.number)


def feedback_notify(*, feedback: Feedback, kind: str, recipients: list[str], public_note: str = "",
                    note: SystemNote | None = None) -> list[Notification]:
    """Queue one email of ``kind`` (a ``FeedbackMessage``) per address, in the resident's language.

    A ``note`` the system wrote is told in that language too, in place of ``public_note``.
    Everyone gets a link to stop the emails: followers their own, the reporter the report's secret.
    Call it inside the transaction of the change the email tells of.
    """
    followers = [email for email in recipients if email != feedback.reporter_email]
    tokens = dict(FeedbackFollower.objects.filter(feedback=feedback, email__in=followers)
                  .values_list("email", "token")) if followers else {}  # a receipt asks for none
    addressed = []
    for email in recipients:
        is_reporter = email == feedback.reporter_email
        token = feedback.follow_token if is_reporter else tokens.get(email)
        addressed.append(Recipient(
            email=email,
            stop_url=_stop_url(token, feedback.language) if token else "",
            stop_reason=AS_REPORTER if is_reporter else AS_FOLLOWER,
            context={"is_reporter": is_reporter},
        ))
    if note is not None:
        public_note = note.text(feedback.language, departments=[feedback.department]) or public_note
    with translation.override(feedback.language):  # the status's label in the resident's language
        context = {
            "feedback": feedback,
            "category": feedback.category.name(feedback.language),
            "status": feedback.get_status_display(),
            "public_note": public_note,
            "public_url": _public_url(feedback),
            "follow_url": _follow_url(feedback),
            "department": feedback.department.name(feedback.language),
        }
    return notification_queue(about=feedback, kind=kind, language=feedback.language,
                              template=f"geo_feedback/email/{kind}", recipients=addressed, context=context)


def photo_thumbnails_relay(*, cutoff, limit: int) -> int | None:
    """Queue the thumbnails whose job was lost (registered with the outbox relay); None if Redis is down."""
    queued = 0
    unfinished = FeedbackPhoto.objects.filter(thumbnail="", created_at__lt=cutoff).values_list("pk", flat=True)
    for photo_id in list(unfinished[:limit]):
        if not enqueue_now(jobs.photo_thumbnail_make, photo_id):
            return None
        queued += 1
    return queued


def register_relays() -> None:
    outbox_relay_register("geo_feedback.photo_thumbnails", photo_thumbnails_relay)
