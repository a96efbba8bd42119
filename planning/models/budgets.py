"""The resident budget (§3.1.3): rounds, and each budget area's share of the money by population.

A round's money is split into a city-wide share and the budget areas' amounts, each area's in
proportion to the population of the residential areas inside it, rounded to the round's step by the
largest-remainder method so that the parts add up exactly (``planning.services.budgets``). An
administrator may override an amount with a written reason, which is public.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BudgetPhase(models.TextChoices):
    PREPARATION = "preparation", _("In preparation")  # the money and its split are being set
    PROPOSALS = "proposals", _("Proposals")  # residents propose uses and comment
    REVIEW = "review", _("Review")  # officials estimate costs and feasibility
    VOTING = "voting", _("Voting")  # residents vote; the rules are locked
    RESULTS = "results", _("Results")  # the result is computed and shown


class VotingRule(models.TextChoices):
    KNAPSACK = "knapsack", _("Choose proposals within the area's money")
    APPROVAL = "approval", _("Choose at most a set number of proposals")


class ResultRule(models.TextChoices):
    GREEDY = "greedy", _("Most votes first")  # CONSUL's rule: by votes, skipping what no longer fits
    MES = "mes", _("Method of Equal Shares")  # equalshares.net, completed by raising the budget, then greedy


class BudgetRound(models.Model):
    """One year's resident budget: the money, its city-wide share, the rule of the vote, the phase."""

    year = models.PositiveSmallIntegerField(_("year"), help_text=_("The year the money is spent in."))
    name_fi = models.CharField(_("name in Finnish"), max_length=200, help_text=_("e.g. Asukasbudjetti 2027."))
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True, help_text=_("Name in Swedish."))
    name_en = models.CharField(_("name in English"), max_length=200, blank=True, help_text=_("Name in English."))
    total = models.PositiveIntegerField(_("total (€)"), help_text=_("All the money of the round, in whole euros."))
    city_wide = models.PositiveIntegerField(
        _("city-wide share (€)"), default=0,
        help_text=_("The part for proposals of the whole city; the rest is split between the budget areas."))
    rounding_step = models.PositiveIntegerField(
        _("rounding step (€)"), default=1,
        help_text=_("Each area's amount is a multiple of this (1 €, 100 €, 1000 €…)."))
    voting_rule = models.CharField(_("voting rule"), max_length=10, choices=VotingRule.choices,
                                   default=VotingRule.KNAPSACK, help_text=_("How a ballot chooses proposals."))
    approval_limit = models.PositiveSmallIntegerField(
        _("proposals per ballot"), null=True, blank=True,
        help_text=_("With the approval rule: at most this many proposals on a ballot."))
    areas = models.ManyToManyField(
        "city.Area", blank=True, related_name="+", verbose_name=_("budget areas taking part"),
        limit_choices_to={"kind": "budget_area"},
        help_text=_("The budget areas whose residents share the money; none chosen: every budget area."))
    min_spend_percent = models.PositiveSmallIntegerField(
        _("least share to spend (%)"), default=0,
        help_text=_("With the knapsack rule: a ballot's proposals cost at least this share of the area's money."))
    official_rule = models.CharField(
        _("official result rule"), max_length=10, choices=ResultRule.choices, default=ResultRule.MES,
        help_text=_("Which computation decides; both are shown side by side."))
    proposals_start = models.DateField(_("proposals open"), null=True, blank=True,
                                       help_text=_("The first day residents may propose."))
    proposals_end = models.DateField(_("proposals close"), null=True, blank=True,
                                     help_text=_("The last day residents may propose and edit proposals."))
    review_end = models.DateField(_("review ends"), null=True, blank=True,
                                  help_text=_("The day officials' cost estimates are ready."))
    voting_start = models.DateField(_("voting opens"), null=True, blank=True, help_text=_("The first day of voting."))
    voting_end = models.DateField(_("voting closes"), null=True, blank=True, help_text=_("The last day of voting."))
    rules_locked_at = models.DateTimeField(
        _("rules locked at"), null=True, blank=True,
        help_text=_("When the first ballot was cast; from then on the rules and the money do not change."))
    phase = models.CharField(_("phase"), max_length=12, choices=BudgetPhase.choices, default=BudgetPhase.PREPARATION,
                             help_text=_("Moved only by the round's phase service."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, help_text=_("When it was created."))

    class Meta:
        verbose_name = _("budget round")
        verbose_name_plural = _("budget rounds")
        ordering = ["-year", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(city_wide__lte=models.F("total")), name="budget_city_wide_within_total",
                                   violation_error_message=_("The city-wide share cannot exceed the total.")),
            models.CheckConstraint(condition=Q(rounding_step__gte=1), name="budget_step_positive",
                                   violation_error_message=_("The rounding step is at least 1 €.")),
            models.CheckConstraint(
                condition=~Q(voting_rule=VotingRule.APPROVAL) | Q(approval_limit__gte=1),
                name="budget_approval_has_a_limit",
                violation_error_message=_("The approval rule needs the number of proposals per ballot.")),
            models.CheckConstraint(condition=~Q(name_fi=""), name="budget_name_fi_not_empty",
                                   violation_error_message=_("Give the name in Finnish.")),
            models.CheckConstraint(condition=Q(min_spend_percent__lte=100), name="budget_min_spend_percent",
                                   violation_error_message=_("The least share to spend is at most 100 %.")),
            models.CheckConstraint(
                condition=Q(proposals_end__isnull=True) | Q(proposals_start__isnull=True)
                | Q(proposals_end__gte=models.F("proposals_start")),
                name="budget_proposals_dates_in_order",
                violation_error_message=_("Proposals cannot close before they open.")),
            models.CheckConstraint(
                condition=Q(voting_end__isnull=True) | Q(voting_start__isnull=True)
                | Q(voting_end__gte=models.F("voting_start")),
                name="budget_voting_dates_in_order",
                violation_error_message=_("Voting cannot close before it opens.")),
        ]

    def __str__(self) -> str:
        return self.name_fi

    def name(self, language: str = "fi") -> str:
        return getattr(self, f"name_{language}", "") or self.name_fi

    @property
    def areas_total(self) -> int:
        """The money split between the budget areas."""
        return self.total - self.city_wide


class BudgetAllocation(models.Model):
    """One budget area's money in a round: as computed from its population, or as overridden."""

    round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="allocations",
                              verbose_name=_("budget round"), help_text=_("The round."))
    area = models.ForeignKey("city.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("budget area"),
                             help_text=_("The resident budget area."))
    population = models.PositiveIntegerField(
        _("population"), help_text=_("The residents of the residential areas inside it when computed."))
    computed_amount = models.PositiveIntegerField(
        _("computed amount (€)"), help_text=_("Its share by population, rounded by the largest-remainder method."))
    override_amount = models.PositiveIntegerField(
        _("amount set by hand (€)"), null=True, blank=True,
        help_text=_("An administrator's amount in place of the computed one, with the reason beside it."))
    override_reason = models.TextField(_("reason for the amount"), blank=True,
                                       help_text=_("Why the amount was set by hand; shown publicly."))
    overridden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+", verbose_name=_("set by"),
                                      help_text=_("The administrator who set the amount by hand."))

    class Meta:
        verbose_name = _("budget allocation")
        verbose_name_plural = _("budget allocations")
        ordering = ["round", "area__name_fi"]
        constraints = [
            models.UniqueConstraint(fields=["round", "area"], name="budget_allocation_once_per_area"),
            models.CheckConstraint(condition=Q(override_amount__isnull=True) | ~Q(override_reason=""),
                                   name="budget_override_has_reason",
                                   violation_error_message=_("An amount set by hand needs its reason.")),
        ]

    @property
    def amount(self) -> int:
        return self.computed_amount if self.override_amount is None else self.override_amount


# The phases in their order; a round moves forward one phase at a time.
BUDGET_PHASE_ORDER = [BudgetPhase.PREPARATION, BudgetPhase.PROPOSALS, BudgetPhase.REVIEW, BudgetPhase.VOTING,
                      BudgetPhase.RESULTS]


class BudgetRoundEvent(models.Model):
    """One change of a round, written by the service that made it (its history)."""

    round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="events",
                              verbose_name=_("budget round"), help_text=_("The round that changed."))
    from_phase = models.CharField(_("from phase"), max_length=12, choices=BudgetPhase.choices, blank=True,
                                  help_text=_("The phase before the move."))
    to_phase = models.CharField(_("to phase"), max_length=12, choices=BudgetPhase.choices, blank=True,
                                help_text=_("The phase after the move."))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("actor"), help_text=_("Who moved it."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, help_text=_("When."))

    class Meta:
        verbose_name = _("budget round event")
        verbose_name_plural = _("budget round events")
        ordering = ["round", "created_at", "id"]
