"""The outbox: an email is a database row first, then a job that sends it.

A message is about any subject (a ticket, a plan, a budget round, a panel invitation): the app
that owns the subject writes the row in the same transaction as the change it tells of, so the
message survives a Redis outage and ``relay_outbox`` queues it later.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One email to one recipient about one thing; ``sent_at`` is set once it has gone out."""

    about_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("object type"),
        help_text=_("What kind of thing the message is about (a ticket, a plan, …)."),
    )
    about_id = models.PositiveBigIntegerField(_("object id"), help_text=_("Which one of them."))
    about = GenericForeignKey("about_type", "about_id")
    kind = models.CharField(
        _("message kind"),
        max_length=32, help_text=_("What the message tells, in the words of the app that wrote it, e.g. 'receipt'."),
    )
    recipient = models.EmailField(_("recipient"), help_text=_("Private: the address it goes to."))
    subject = models.CharField(_("subject"), max_length=300, help_text=_("Subject line."))
    body = models.TextField(
        _("message text"), help_text=_("Plain-text body, ending with the recipient's stop link where there is one."),
    )
    unsubscribe_url = models.URLField(
        _("one-click unsubscribe address"), max_length=500, blank=True,
        help_text=_("Sent as the List-Unsubscribe header (RFC 8058) where the stop link takes a one-click POST; "
                    "empty: no such header."),
    )
    created_at = models.DateTimeField(_("queued"), auto_now_add=True, db_index=True, help_text=_("When it was queued."))
    enqueued_at = models.DateTimeField(
        _("send job queued"), null=True, blank=True, help_text=_("When a send job was last queued."),
    )
    sent_at = models.DateTimeField(
        _("sent"), null=True, blank=True, help_text=_("When it was sent; empty while pending."),
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0, help_text=_("Send attempts so far."))
    last_error = models.TextField(_("last error"), blank=True, help_text=_("Why the last attempt failed, if it did."))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["created_at"], condition=Q(sent_at__isnull=True), name="notification_pending"),
            models.Index(fields=["about_type", "about_id"], name="notification_about"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient}"
