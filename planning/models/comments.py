"""Residents' comments on a process (phases 1, 4 and 5), planners' answers, likes, flags and followers."""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.db.models import CharField, F, Func, Q
from django.db.models.lookups import In
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

COMMENT_MAX = 5000
FLAGS_TO_HIDE = 3  # a comment flagged this many times waits hidden for a moderator


class AgeBand(models.TextChoices):
    """Optional, so children's and elderly residents' voices can be counted (§3.2.3 phase 4)."""

    UNDER_13 = "under_13", _("Under 13")
    AGE_13_17 = "13_17", _("13–17")
    AGE_18_29 = "18_29", _("18–29")
    AGE_30_64 = "30_64", _("30–64")
    AGE_65_74 = "65_74", _("65–74")
    AGE_75_UP = "75_up", _("75 or over")


class CommentStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")  # shown; counts in the closing report
    FLAGGED = "flagged", _("Hidden until checked")  # flagged three times; a moderator decides
    HIDDEN = "hidden", _("Hidden by a moderator")  # with a reason in the history


class Answer(models.Model):
    """A planner's answer to one comment or to several grouped by theme (phase 6's closing report)."""

    process = models.ForeignKey("planning.Process", on_delete=models.CASCADE, related_name="answers",
                                verbose_name=_("process"), help_text=_("The process."))
    theme = models.CharField(_("theme"), max_length=200, blank=True,
                             help_text=_("What the comments it answers have in common, if several."))
    text = models.TextField(_("answer"), help_text=_("The answer, public in the closing report."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("author"), help_text=_("The planner who answered."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, help_text=_("When it was written."))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["process", "created_at"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="answer_not_empty")]


class Comment(models.Model):
    """A resident's comment, with an optional point, line or polygon drawn on the map."""

    process = models.ForeignKey("planning.Process", on_delete=models.CASCADE, related_name="comments",
                                verbose_name=_("process"), help_text=_("The process commented on."))
    phase = models.PositiveSmallIntegerField(_("phase"), help_text=_("The phase it was written in (1, 4 or 5)."))
    text = models.TextField(_("comment"), help_text=_("The comment, at most 5000 characters."))
    geometry = models.GeometryField(_("place"), srid=settings.STORAGE_SRID, null=True, blank=True,
                                    help_text=_("A point, line or polygon; empty for the plan as a whole."))
    group = models.CharField(_("group"), max_length=32, blank=True,
                             help_text=_("The group the commenter says they belong to, if they said."))
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices, blank=True,
                                help_text=_("The commenter's age band, if they said."))
    language = models.CharField(_("language"), max_length=5, default="fi", help_text=_("The page's language."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("author"),
                               help_text=_("The signed-in commenter; empty for an anonymous comment."))
    status = models.CharField(_("status"), max_length=12, choices=CommentStatus.choices,
                              default=CommentStatus.PUBLISHED, help_text=_("Whether residents see it."))
    like_count = models.PositiveIntegerField(_("likes"), default=0, help_text=_("Kept by the like service."))
    flag_count = models.PositiveIntegerField(_("flags"), default=0, help_text=_("Kept by the flag service."))
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments",
                               verbose_name=_("answer"), help_text=_("The planner's answer that covers it."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, help_text=_("When it was sent."))

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["process", "created_at", "id"]
        indexes = [
            models.Index(fields=["process", "status", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(phase__in=[1, 4, 5]), name="comment_in_a_comment_phase",
                                   violation_error_message=_("Comments are taken in phases 1, 4 and 5.")),
            models.CheckConstraint(condition=~Q(text=""), name="comment_not_empty"),
            models.CheckConstraint(condition=Q(age_band__in=["", *AgeBand.values]), name="comment_age_band_known"),
            models.CheckConstraint(
                condition=Q(geometry__isnull=True) | Q(In(Func(F("geometry"), function="GeometryType", output_field=CharField()),
                                                     ["POINT", "LINESTRING", "POLYGON"])),
                name="comment_geometry_point_line_or_polygon"),
        ]

    @property
    def is_public(self) -> bool:
        return self.status == CommentStatus.PUBLISHED


class CommentReaction(models.Model):
    """A like or a flag, once per browser or account (``reactor_key`` is a keyed hash of either)."""

    class Kind(models.TextChoices):
        LIKE = "like", _("Like")
        FLAG = "flag", _("Flag")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reactions",
                                verbose_name=_("comment"), help_text=_("The comment."))
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices, help_text=_("A like or a flag."))
    reactor_key = models.CharField(_("reactor key"), max_length=64,
                                   help_text=_("A keyed hash of the browser or account: never the address itself."))
    reason = models.CharField(_("reason"), max_length=500, blank=True, help_text=_("Why it was flagged, if said."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, help_text=_("When."))

    class Meta:
        verbose_name = _("comment reaction")
        verbose_name_plural = _("comment reactions")
        constraints = [
            models.UniqueConstraint(fields=["comment", "kind", "reactor_key"], name="reaction_once_per_reactor",
                                    violation_error_message=_("Counted already.")),
        ]


class Follower(models.Model):
    """An email address that follows a process: confirmed by its link first, stopped by another."""

    process = models.ForeignKey("planning.Process", on_delete=models.CASCADE, related_name="followers",
                                verbose_name=_("process"), help_text=_("The process followed."))
    email = models.EmailField(_("email"), help_text=_("Where the phase changes are sent; never shown."))
    language = models.CharField(_("language"), max_length=5, default="fi",
                                help_text=_("The language of the emails: the page's when they followed."))
    token = models.CharField(_("token"), max_length=64, unique=True,
                             help_text=_("The secret of the confirmation and stop links."))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True,
                                        help_text=_("When the address was confirmed; emails go only after it."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, help_text=_("When they followed."))

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(fields=["process", "email"], name="follower_once_per_process",
                                    violation_error_message=_("This address follows the plan already.")),
        ]
