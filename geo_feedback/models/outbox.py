"""The notification outbox: an email is a database row first, then a job that sends it."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One email to one recipient. Written in the same transaction as the change it tells of,
    so it survives a Redis outage; ``sent_at`` is set once it has gone out."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Receipt")  # "we got your report"
        STATUS = "status", _("Status change")  # "your report was handled"
        REPLY = "reply", _("Reply")  # a public answer without a change of status
        INFO_REQUEST = "info_request", _("Question to the reporter")  # staff ask for more details

    feedback = models.ForeignKey("geo_feedback.Feedback", on_delete=models.CASCADE, related_name="notifications",
                                 help_text=_("The ticket the message is about."))
    kind = models.CharField(max_length=16, choices=Kind.choices, help_text=_("What the message tells."))
    recipient = models.EmailField(help_text=_("Private: the address it goes to."))
    subject = models.CharField(max_length=300, help_text=_("Subject line."))
    body = models.TextField(help_text=_("Plain-text body."))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True, help_text=_("When it was queued."))
    enqueued_at = models.DateTimeField(null=True, blank=True, help_text=_("When a send job was last queued."))
    sent_at = models.DateTimeField(null=True, blank=True, help_text=_("When it was sent; empty while pending."))
    attempts = models.PositiveSmallIntegerField(default=0, help_text=_("Send attempts so far."))
    last_error = models.TextField(blank=True, help_text=_("Why the last attempt failed, if it did."))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["created_at"], condition=Q(sent_at__isnull=True), name="notification_pending"),
        ]
