"""Stakeholder groups (§3.2.3 phase 2): whose lives a process touches, and how each is reached."""

from __future__ import annotations

from django.contrib.gis.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StakeholderGroup(models.TextChoices):
    """The seed's groups; a commenter may also name theirs (counted in the closing report)."""

    RESIDENTS = "residents", _("Residents")
    BUSINESSES = "businesses", _("Businesses")
    EMPLOYEES = "employees", _("Employees")
    CHILDREN_AND_YOUNG = "children_young", _("Children and young people")
    ELDERLY = "elderly", _("Elderly people")
    DISABLED = "disabled", _("Disabled people")
    IMMIGRANTS = "immigrants", _("Immigrants")
    ASSOCIATIONS = "associations", _("Associations")
    YOUTH_COUNCIL = "youth_council", _("Youth council")
    ELDERLY_COUNCIL = "elderly_council", _("Elderly council")
    DISABILITY_COUNCIL = "disability_council", _("Disability council")


class StakeholderMapping(models.Model):
    """One group a process touches: why, how and when it is reached, and what came of it.

    The residents of each affected area are proposed by the system (``proposed``) with the
    population estimate; a planner accepts, edits or removes the proposal."""

    process = models.ForeignKey("planning.Process", on_delete=models.CASCADE, related_name="stakeholders",
                                verbose_name=_("process"), help_text=_("The process."))
    group = models.CharField(_("group"), max_length=32, choices=StakeholderGroup.choices,
                             help_text=_("Whose lives the process touches."))
    area = models.ForeignKey("city.Area", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("area"),
                             help_text=_("For residents: the residential area whose residents are meant."))
    why = models.TextField(_("why affected"), blank=True, help_text=_("How the process touches the group."))
    how_reached = models.TextField(_("how reached"), blank=True,
                                   help_text=_("How the group is reached: a letter, a school visit, a council meeting."))
    when_reached = models.CharField(_("when reached"), max_length=200, blank=True,
                                    help_text=_("When, in words or dates (e.g. in phase 4, May 2026)."))
    outcome = models.TextField(_("outcome"), blank=True, help_text=_("What reaching them gave; filled in later."))
    residents_estimate = models.PositiveIntegerField(
        _("people (estimate)"), null=True, blank=True,
        help_text=_("For an area's residents: population times the share inside, an estimate."))
    proposed = models.BooleanField(_("proposed by the system"), default=False,
                                   help_text=_("Proposed from the affected areas and not yet accepted by a planner."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, help_text=_("When it was added."))

    class Meta:
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")
        ordering = ["process", "group", "area"]
        constraints = [
            models.UniqueConstraint(fields=["process", "group", "area"], name="stakeholder_once_per_area",
                                    nulls_distinct=False,
                                    violation_error_message=_("This group is already mapped for the plan.")),
            models.CheckConstraint(condition=Q(area__isnull=True) | Q(group=StakeholderGroup.RESIDENTS),
                                   name="stakeholder_area_only_for_residents",
                                   violation_error_message=_("Only residents are mapped by area.")),
        ]

    @property
    def is_reached_somehow(self) -> bool:
        """Phase 3's guard: a group counts as mapped when it is accepted and says how it is reached."""
        return not self.proposed and bool(self.how_reached.strip())
