"""Residents' proposals for a resident budget round, their photos and comments, and officials' review.

A proposal belongs to one budget area (the area follows from its point) or to the whole city (no
area). In review, officials record a cost estimate and feasibility, or merge it into another proposal;
only feasible proposals with a cost that fits their area's money go to the vote.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PROPOSAL_TITLE_MAX = 120
PROPOSAL_TEXT_MAX = 4000
PROPOSAL_COMMENT_MAX = 2000


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for review")  # proposed; editable by its author until proposals close
    FEASIBLE = "feasible", _("Feasible")  # officials estimated its cost; goes to the vote if it fits
    INFEASIBLE = "infeasible", _("Not feasible")  # with the officials' public reason
    MERGED = "merged", _("Merged")  # joined into another proposal, whose authors' list credits this one's
    WITHDRAWN = "withdrawn", _("Withdrawn")  # by its author before proposals close


class BudgetProposal(models.Model):
    """A resident's proposal for the use of the round's money in one budget area or the whole city."""

    round = models.ForeignKey("planning.BudgetRound", on_delete=models.CASCADE, related_name="proposals",
                              verbose_name=_("budget round"), help_text=_("The round it is proposed in."))
    area = models.ForeignKey("city.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("budget area"),
                             help_text=_("The budget area whose money it uses; empty for the whole city."))
    location = models.PointField(_("place"), srid=settings.STORAGE_SRID, null=True, blank=True,
                                 help_text=_("A point on the map; empty for the whole area."))
    title = models.CharField(_("title"), max_length=PROPOSAL_TITLE_MAX, help_text=_("What is proposed, briefly."))
    description = models.TextField(_("description"), help_text=_("What, where and why."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("author"), help_text=_("The signed-in resident."))
    author_name = models.CharField(_("author's public name"), max_length=80, blank=True,
                                   help_text=_("The name shown with the proposal, as the author gave it."))
    author_email = models.EmailField(_("author's email"), blank=True,
                                     help_text=_("For news of the proposal; never shown publicly."))
    language = models.CharField(_("language"), max_length=5, default="fi", help_text=_("The page's language."))
    status = models.CharField(_("status"), max_length=12, choices=ProposalStatus.choices,
                              default=ProposalStatus.SUBMITTED, help_text=_("Where it stands."))
    cost_estimate = models.PositiveIntegerField(_("cost estimate (€)"), null=True, blank=True,
                                                help_text=_("The officials' estimate, in whole euros."))
    review_note = models.TextField(_("officials' note"), blank=True,
                                   help_text=_("Public: why it is not feasible, or what the estimate covers."))
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="merged_from", verbose_name=_("merged into"),
                                    help_text=_("The proposal this one was joined into."))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("reviewed by"),
                                    help_text=_("The official who reviewed it."))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, help_text=_("When it was reviewed."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, help_text=_("When it was proposed."))
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now, help_text=_("When it last changed."))

    class Meta:
        verbose_name = _("budget proposal")
        verbose_name_plural = _("budget proposals")
        ordering = ["round", "-created_at", "-id"]
        indexes = [models.Index(fields=["round", "area", "status"], name="budget_proposal_round_area")]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="budget_proposal_title_not_empty",
                                   violation_error_message=_("Give the proposal a title.")),
            models.CheckConstraint(
                condition=~Q(status=ProposalStatus.FEASIBLE) | Q(cost_estimate__isnull=False),
                name="budget_proposal_feasible_has_cost",
                violation_error_message=_("A feasible proposal needs its cost estimate.")),
            models.CheckConstraint(
                condition=~Q(status=ProposalStatus.INFEASIBLE) | ~Q(review_note=""),
                name="budget_proposal_infeasible_has_reason",
                violation_error_message=_("Say why the proposal is not feasible.")),
            models.CheckConstraint(
                condition=Q(status=ProposalStatus.MERGED, merged_into__isnull=False)
                | (~Q(status=ProposalStatus.MERGED) & Q(merged_into__isnull=True)),
                name="budget_proposal_merged_has_target",
                violation_error_message=_("A merged proposal names the proposal it was joined into.")),
            models.CheckConstraint(condition=~Q(merged_into=models.F("id")), name="budget_proposal_not_merged_self",
                                   violation_error_message=_("A proposal cannot be merged into itself.")),
        ]

    def __str__(self) -> str:
        return self.title


class ProposalPhoto(models.Model):
    """A photo of a proposal, stored re-encoded without EXIF (no GPS)."""

    proposal = models.ForeignKey(BudgetProposal, on_delete=models.CASCADE, related_name="photos",
                                 verbose_name=_("proposal"), help_text=_("The proposal."))
    image = models.ImageField(_("photo"), upload_to="budget/%Y/%m/", help_text=_("The cleaned photo."))
    alt_text = models.CharField(_("description of the photo"), max_length=200, blank=True,
                                help_text=_("What the photo shows, for those who cannot see it."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, help_text=_("When it was added."))

    class Meta:
        verbose_name = _("proposal photo")
        verbose_name_plural = _("proposal photos")
        ordering = ["proposal", "id"]


class ProposalCommentKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    ADDITION = "addition", _("Addition to the proposal")


class ProposalComment(models.Model):
    """A resident's comment on a proposal, or an addition to it."""

    proposal = models.ForeignKey(BudgetProposal, on_delete=models.CASCADE, related_name="comments",
                                 verbose_name=_("proposal"), help_text=_("The proposal."))
    kind = models.CharField(_("kind"), max_length=10, choices=ProposalCommentKind.choices,
                            default=ProposalCommentKind.COMMENT, help_text=_("A comment or an addition."))
    text = models.TextField(_("comment"), help_text=_("The comment, at most 2000 characters."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("author"), help_text=_("The signed-in resident."))
    author_name = models.CharField(_("author's public name"), max_length=80, blank=True,
                                   help_text=_("The name shown with the comment."))
    hidden = models.BooleanField(_("hidden by a moderator"), default=False,
                                 help_text=_("Hidden comments are not shown to residents."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, help_text=_("When it was sent."))

    class Meta:
        verbose_name = _("proposal comment")
        verbose_name_plural = _("proposal comments")
        ordering = ["proposal", "created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="budget_proposal_comment_not_empty")]


class ProposalAction(models.TextChoices):
    CREATED = "created", _("Proposed")
    EDITED = "edited", _("Edited by its author")
    WITHDRAWN = "withdrawn", _("Withdrawn by its author")
    REVIEWED = "reviewed", _("Reviewed")
    MERGED = "merged", _("Merged")


class ProposalEvent(models.Model):
    """One change of a proposal, written by the service that made it."""

    proposal = models.ForeignKey(BudgetProposal, on_delete=models.CASCADE, related_name="events",
                                 verbose_name=_("proposal"), help_text=_("The proposal that changed."))
    action = models.CharField(_("action"), max_length=12, choices=ProposalAction.choices, help_text=_("What happened."))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("actor"), help_text=_("Who did it."))
    note = models.TextField(_("note"), blank=True, help_text=_("What changed, in words."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, help_text=_("When."))

    class Meta:
        verbose_name = _("proposal event")
        verbose_name_plural = _("proposal events")
        ordering = ["proposal", "created_at", "id"]
