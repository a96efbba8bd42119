"""Voters, ballots and results of the resident budget.

A voter is known only by a keyed hash of their identifier (``planning.identity``): the same person
signing in online or showing an identity card at a service point gets the same key, so the database's
unique constraint on (round, voter key) allows one ballot per person per round, whichever way it came.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planning.models.budgets import ResultRule


class ResidentIdentity(models.Model):
    """A signed-in resident: a Django user without a password, found by the keyed hash of their identifier."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resident_identity",
                                verbose_name=_("user"), help_text=_("The resident's account."))
    identity_hash = models.CharField(_("identity key"), max_length=64, unique=True,
                                     help_text=_("A keyed hash of the person's identifier; never the identifier."))
    provider = models.CharField(_("identity provider"), max_length=20, help_text=_("How they signed in."))
    home_area = models.ForeignKey("city.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=_("home area"),
                                  help_text=_("The budget area they live in, if known; the ballot's default."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, help_text=_("The first sign-in."))
    last_sign_in = models.DateTimeField(_("last sign-in"), default=timezone.now, help_text=_("The latest sign-in."))

    class Meta:
        verbose_name = _("resident identity")
        verbose_name_plural = _("resident identities")


class BallotChannel(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper ballot at a service point")


class Ballot(models.Model):
    """One person's ballot in one round: their choices in one budget area and city-wide."""

    round = models.ForeignKey("planning.BudgetRound", on_delete=models.PROTECT, related_name="ballots",
                              verbose_name=_("budget round"), help_text=_("The round."))
    voter_key = models.CharField(_("voter key"), max_length=64,
                                 help_text=_("A keyed hash of the voter's identifier; never the identifier."))
    area = models.ForeignKey("city.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("budget area"),
                             help_text=_("The budget area voted in."))
    receipt_code = models.CharField(_("receipt code"), max_length=16, unique=True,
                                    help_text=_("The code the voter checks their ballot with."))
    channel = models.CharField(_("channel"), max_length=8, choices=BallotChannel.choices,
                               default=BallotChannel.ONLINE, help_text=_("How the ballot came."))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("entered by"),
                                   help_text=_("The staff member who entered a paper ballot."))
    service_point = models.CharField(_("service point"), max_length=120, blank=True,
                                     help_text=_("Where a paper ballot was cast."))
    created_at = models.DateTimeField(_("cast at"), default=timezone.now, help_text=_("When it was first cast."))
    updated_at = models.DateTimeField(_("changed at"), default=timezone.now, help_text=_("When it last changed."))

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["round", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "voter_key"], name="ballot_one_per_voter_per_round",
                                    violation_error_message=_("This person has already voted in this round.")),
            models.CheckConstraint(condition=~Q(channel=BallotChannel.PAPER) | Q(entered_by__isnull=False),
                                   name="ballot_paper_has_enterer",
                                   violation_error_message=_("A paper ballot records who entered it.")),
        ]


class BallotChoice(models.Model):
    """One proposal chosen on a ballot (the round is repeated for the tally's index)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices", verbose_name=_("ballot"),
                               help_text=_("The ballot."))
    round = models.ForeignKey("planning.BudgetRound", on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("budget round"), help_text=_("The ballot's round."))
    proposal = models.ForeignKey("planning.BudgetProposal", on_delete=models.PROTECT, related_name="choices",
                                 verbose_name=_("proposal"), help_text=_("The chosen proposal."))

    class Meta:
        verbose_name = _("ballot choice")
        verbose_name_plural = _("ballot choices")
        indexes = [models.Index(fields=["round", "proposal"], name="ballot_choice_tally")]
        constraints = [models.UniqueConstraint(fields=["ballot", "proposal"], name="ballot_choice_once")]


class BallotAction(models.TextChoices):
    CAST = "cast", _("Cast")
    CHANGED = "changed", _("Changed")
    PAPER_ENTERED = "paper", _("Paper ballot entered")


class BallotEvent(models.Model):
    """The audit trail of ballots: who cast, changed or entered which, and when (never what was chosen)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="events", verbose_name=_("ballot"),
                               help_text=_("The ballot."))
    action = models.CharField(_("action"), max_length=8, choices=BallotAction.choices, help_text=_("What happened."))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("actor"),
                              help_text=_("The staff member who entered it, or the voter."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, help_text=_("When."))

    class Meta:
        verbose_name = _("ballot event")
        verbose_name_plural = _("ballot events")
        ordering = ["ballot", "created_at", "id"]


class BudgetResult(models.Model):
    """One rule's outcome in one budget area (or city-wide) of a round."""

    round = models.ForeignKey("planning.BudgetRound", on_delete=models.CASCADE, related_name="results",
                              verbose_name=_("budget round"), help_text=_("The round."))
    area = models.ForeignKey("city.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("budget area"), help_text=_("The budget area; empty for city-wide."))
    rule = models.CharField(_("rule"), max_length=10, choices=ResultRule.choices, help_text=_("The rule computed."))
    budget = models.PositiveIntegerField(_("money (€)"), help_text=_("The money of the area."))
    spent = models.PositiveIntegerField(_("spent (€)"), help_text=_("The cost of the selected proposals."))
    voters = models.PositiveIntegerField(_("voters"), help_text=_("Ballots counted in this area."))
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now, help_text=_("When it was computed."))

    class Meta:
        verbose_name = _("budget result")
        verbose_name_plural = _("budget results")
        ordering = ["round", "area", "rule"]
        constraints = [models.UniqueConstraint(fields=["round", "area", "rule"], nulls_distinct=False,
                                               name="budget_result_once_per_area_rule")]

    @property
    def left(self) -> int:
        return self.budget - self.spent


class BudgetResultProject(models.Model):
    """A proposal in a result: its votes and cost, whether the rule selected it, and in which order."""

    result = models.ForeignKey(BudgetResult, on_delete=models.CASCADE, related_name="projects",
                               verbose_name=_("result"), help_text=_("The result."))
    proposal = models.ForeignKey("planning.BudgetProposal", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("proposal"), help_text=_("The proposal."))
    votes = models.PositiveIntegerField(_("votes"), help_text=_("Ballots choosing it."))
    cost = models.PositiveIntegerField(_("cost (€)"), help_text=_("Its cost estimate."))
    selected = models.BooleanField(_("selected"), help_text=_("Whether the rule funds it."))
    position = models.PositiveSmallIntegerField(_("order selected"), null=True, blank=True,
                                                help_text=_("1 for the first proposal the rule selected."))

    class Meta:
        verbose_name = _("result proposal")
        verbose_name_plural = _("result proposals")
        ordering = ["result", "position", "-votes"]
        constraints = [
            models.UniqueConstraint(fields=["result", "proposal"], name="budget_result_project_once"),
            models.CheckConstraint(condition=Q(selected=False) | Q(position__isnull=False),
                                   name="budget_result_selected_has_position"),
        ]
