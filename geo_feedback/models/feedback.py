"""Feedback tickets, their photos, their history and their followers."""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.gis.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from geo_feedback.querysets import FeedbackEventQuerySet, FeedbackQuerySet
from geo_feedback.statuses import FeedbackStatus, can_transition

DESCRIPTION_MIN = 10
DESCRIPTION_MAX = 5000


class FeedbackKind(models.TextChoices):
    """What the resident is telling the city."""

    FAULT = "fault", _("Fault")  # something is broken or dangerous
    IDEA = "idea", _("Idea or suggestion")  # something could be better
    QUESTION = "question", _("Question")  # the resident wants an answer
    PRAISE = "praise", _("Praise")  # shared publicly and highlighted (§3.3.2)


class Channel(models.TextChoices):
    """How the ticket reached the city."""

    WEB = "web", _("Web")
    SERVICE_POINT = "service_point", _("Customer service point")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    API = "api", _("API")


class FeedbackMessage(models.TextChoices):
    """The emails the feedback channel sends through the city's outbox (``Notification.kind``)."""

    RECEIPT = "receipt", _("Receipt")  # "we got your report"
    STATUS = "status", _("Status change")  # "your report was handled"
    REPLY = "reply", _("Reply")  # a public answer without a change of status
    INFO_REQUEST = "info_request", _("Question to the reporter")  # staff ask for more details


def _follow_token() -> str:
    return secrets.token_urlsafe(24)


class Feedback(models.Model):
    """One report from a resident: a fault, idea, question or praise, usually on the map."""

    number = models.CharField(
        _("number"),
        max_length=32, unique=True, help_text=_("Readable number residents quote, e.g. SJK-2026-000123.")
    )
    category = models.ForeignKey(
        "geo_feedback.Category", on_delete=models.PROTECT, related_name="feedback", verbose_name=_("category"),
        help_text=_("Topic."),
    )
    kind = models.CharField(
        _("kind of feedback"), max_length=16, choices=FeedbackKind.choices, help_text=_("Kind of feedback."),
    )
    description = models.TextField(_("description"), help_text=_("What the resident wrote (public)."))
    location = models.PointField(
        _("location"),
        srid=settings.STORAGE_SRID, null=True, blank=True, help_text=_("Where (EPSG:3067), if anywhere.")
    )
    address_text = models.CharField(
        _("address or place"),
        max_length=300, blank=True, help_text=_("The place as the resident described or searched it.")
    )
    area = models.ForeignKey(
        "city.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback",
        verbose_name=_("area"),
        help_text=_("Residential area the location lies in, found by point-in-polygon."),
    )
    department = models.ForeignKey(
        "city.Department", on_delete=models.PROTECT, related_name="feedback",
        verbose_name=_("department"),
        help_text=_("Department or outside body responsible, from the category."),
    )
    status = models.CharField(
        _("status"),
        max_length=16, choices=FeedbackStatus.choices, default=FeedbackStatus.RECEIVED,
        help_text=_("Where the ticket stands; changed only by the status service."),
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.WEB,
                               help_text=_("How the ticket reached the city."))
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, default="fi",
                                help_text=_("Language the resident used; their emails are in it."))
    # Private: never in a public page, list or API.
    reporter_name = models.CharField(
        _("reporter's name"), max_length=200, blank=True, help_text=_("Private: reporter's name."),
    )
    reporter_email = models.EmailField(
        _("reporter's email"), blank=True, help_text=_("Private: for the receipt and status news."),
    )
    reporter_phone = models.CharField(
        _("reporter's phone"), max_length=40, blank=True, help_text=_("Private: reporter's phone."),
    )
    follow_token = models.CharField(
        _("follow token"),
        max_length=64, unique=True, default=_follow_token, editable=False,
        help_text=_("Private: the secret in the reporter's follow link."),
    )
    supporter_count = models.PositiveIntegerField(
        _("supporter count"),
        default=0, help_text=_("Residents who said 'me too' (kept by the support service).")
    )
    created_at = models.DateTimeField(
        _("received"), auto_now_add=True, db_index=True, help_text=_("When it was received."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True, help_text=_("When it last changed."))
    status_changed_at = models.DateTimeField(
        _("status changed"), auto_now_add=True, help_text=_("When the status last changed."),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_feedback",
        verbose_name=_("assigned to"),
        help_text=_("The handler the ticket is routed to, if a person rather than the whole department."),
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1, help_text=_("Grows with every change; lets two people acting at once notice each other.")
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates",
        verbose_name=_("merged into"),
        help_text=_("The ticket this one was closed as a duplicate of."),
    )

    # The outbox's emails about this ticket: Notification.objects.filter(feedback=…) reads them, and
    # deleting a ticket deletes them (the outbox itself knows no ticket).
    notifications = GenericRelation(
        "city.Notification", content_type_field="about_type", object_id_field="about_id",
        verbose_name=_("notifications"),
        related_query_name="feedback",
    )

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        indexes = [
            models.Index(fields=["status", "category"]),
            models.Index(fields=["area", "status"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=FeedbackStatus.values), name="feedback_status_known"),
            # The description's length is a rule of the data, not only of the form.
            models.CheckConstraint(
                condition=Q(
                    GreaterThanOrEqual(Length("description"), DESCRIPTION_MIN),
                    LessThanOrEqual(Length("description"), DESCRIPTION_MAX),
                ),
                name="feedback_description_10_to_5000_chars",
            ),
            models.CheckConstraint(condition=Q(kind__in=FeedbackKind.values), name="feedback_kind_known"),
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="feedback_channel_known"),
            models.CheckConstraint(condition=~Q(merged_into=models.F("id")), name="feedback_not_merged_into_self"),
        ]

    def __str__(self) -> str:
        return self.number

    def can_transition_to(self, status: str) -> bool:
        return can_transition(self.status, status)


class FeedbackNumberCounter(models.Model):
    """The last number given in a year; locked row by row so numbers never repeat."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True, help_text=_("Calendar year."))
    last = models.PositiveIntegerField(
        _("last number"), default=0, help_text=_("Last sequence number given this year."),
    )

    class Meta:
        verbose_name = _("feedback number counter")
        verbose_name_plural = _("feedback number counters")


class FeedbackPhoto(models.Model):
    """A photo attached to feedback, re-encoded without any EXIF or GPS data."""

    feedback = models.ForeignKey(Feedback, verbose_name=_("feedback"), on_delete=models.CASCADE, related_name="photos",
                                 help_text=_("The report the photo belongs to."))
    image = models.ImageField(_("photo"), upload_to="feedback/%Y/%m/", help_text=_("The cleaned photo."))
    thumbnail = models.ImageField(_("thumbnail"), upload_to="feedback/thumbs/%Y/%m/", blank=True,
                                  help_text=_("Small version, made by a background job."))
    width = models.PositiveIntegerField(_("width (px)"), help_text=_("Width in pixels."))
    height = models.PositiveIntegerField(_("height (px)"), help_text=_("Height in pixels."))
    position = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Order among the report's photos."))
    is_public = models.BooleanField(_("public"), default=True, help_text=_("Hidden photos are seen by staff only."))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True, help_text=_("When it was uploaded."))

    class Meta:
        ordering = ["feedback", "position", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class EventAction(models.TextChoices):
    """What kind of change an event records."""

    CREATED = "created", _("Received")
    STATUS = "status", _("Status changed")
    ROUTED = "routed", _("Routed")
    RECATEGORISED = "recategorised", _("Category changed")
    MOVED = "moved", _("Place moved")
    MERGED = "merged", _("Merged")
    REDACTED = "redacted", _("Personal data removed")
    REPLY = "reply", _("Reply")
    NOTE = "note", _("Internal note")
    INFO_REQUESTED = "info_requested", _("More information asked")


class FeedbackEvent(models.Model):
    """One change to a ticket: who, when, what (status from/to and more), and the notes."""

    feedback = models.ForeignKey(Feedback, verbose_name=_("feedback"), on_delete=models.CASCADE, related_name="events",
                                 help_text=_("The ticket that changed."))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("made by"),
        help_text=_("Staff member who made the change; empty for the resident or the system."),
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True, help_text=_("When the change happened."))
    from_status = models.CharField(_("status before"), max_length=16, blank=True, choices=FeedbackStatus.choices,
                                   help_text=_("Status before; empty when the ticket was created."))
    to_status = models.CharField(
        _("status after"), max_length=16, choices=FeedbackStatus.choices, help_text=_("Status after."),
    )
    public_note = models.TextField(_("public note"), blank=True, help_text=_("Shown to everyone on the report's page."))
    internal_note = models.TextField(_("internal note"), blank=True, help_text=_("Seen by staff only."))
    action = models.CharField(_("action"), max_length=20, choices=EventAction.choices, default=EventAction.STATUS,
                              help_text=_("What kind of change this was."))
    details = models.JSONField(_("details"), default=dict, blank=True,
                               help_text=_("What changed, e.g. {'from': …, 'to': …} (staff only)."))
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("The ticket's version after this change."),
    )

    objects = FeedbackEventQuerySet.as_manager()

    class Meta:
        ordering = ["feedback", "created_at", "id"]
        verbose_name = _("feedback event")
        verbose_name_plural = _("feedback events")

    @property
    def public_heading(self) -> str:
        """How the public history names this change: the status it reached, or what it was."""
        if self.from_status != self.to_status:
            return self.get_to_status_display()
        if self.action == EventAction.REPLY:
            return str(_("Reply from the city"))
        return self.get_action_display()


class FeedbackFollower(models.Model):
    """A resident who follows a ticket: said 'me too' and, with an email, hears of changes."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="followers",
                                 verbose_name=_("feedback"), help_text=_("The ticket followed."))
    email = models.EmailField(
        _("email"), blank=True, help_text=_("Private: where status news go; empty for support only."),
    )
    token = models.CharField(_("unsubscribe token"), max_length=64, unique=True, default=_follow_token, editable=False,
                             help_text=_("Private: the secret in this follower's unsubscribe link."))
    browser_key = models.CharField(
        _("browser key"),
        max_length=64, blank=True, editable=False,
        help_text=_("Private: a keyed hash identifying the browser that said 'me too', so it counts once."),
    )
    created_at = models.DateTimeField(_("joined"), auto_now_add=True, help_text=_("When they joined."))

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(
                fields=["feedback", "email"], condition=~Q(email=""), name="follower_once_per_email"
            ),
            models.UniqueConstraint(
                fields=["feedback", "browser_key"], condition=~Q(browser_key=""), name="follower_once_per_browser"
            ),
        ]


class ReplyTemplate(models.Model):
    """A public reply staff start from, per status and language; they edit it before sending."""

    status = models.CharField(_("status"), max_length=16, choices=FeedbackStatus.choices,
                              help_text=_("The status the reply goes with."))
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, default="fi",
                                help_text=_("Language of the text."))
    title = models.CharField(_("title"), max_length=200, help_text=_("Name staff pick it by."))
    body = models.TextField(_("reply text"), help_text=_("The reply; staff can edit it before sending."))

    class Meta:
        ordering = ["status", "language", "title"]
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()}, {self.language})"


class IdempotencyKey(models.Model):
    """A client's Idempotency-Key on creation: a retried request gets the first one's report."""

    key = models.CharField(_("key"), max_length=200, unique=True, help_text=_("The header's value."))
    feedback = models.ForeignKey(Feedback, verbose_name=_("feedback"), on_delete=models.CASCADE, related_name="+",
                                 help_text=_("The report the first request created."))
    created_at = models.DateTimeField(_("first used"), auto_now_add=True, help_text=_("When the key was first used."))

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
