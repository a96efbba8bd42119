"""Who works for the city here: staff profiles, their roles and their department."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    """What a staff member may see and do; one person may hold several roles."""

    CUSTOMER_SERVICE = "customer_service", _("Customer service agent")  # every ticket; triage
    HANDLER = "handler", _("Department handler")  # their department's tickets; replies, handled
    PARTICIPATION_AGENT = "participation_agent", _("Participation agent")  # their department, read-only
    ADMINISTRATOR = "administrator", _("Administrator")  # everything
    PLANNER = "planner", _("Planner")  # runs their department's zoning plans
    BUDGET_OFFICIAL = "budget_official", _("Budget official")  # estimates cost and feasibility of proposals
    MODERATOR = "moderator", _("Moderator")  # hides and restores residents' comments


# Roles that belong to one department: a profile holding any of them must name its department.
DEPARTMENT_ROLES = (StaffRole.HANDLER, StaffRole.PARTICIPATION_AGENT, StaffRole.PLANNER)


class StaffProfile(models.Model):
    """A signed-in staff member's roles and, for department roles, their department."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile",
                                verbose_name=_("user"),
                                help_text=_("The staff member's account."))
    roles = ArrayField(
        models.CharField(max_length=32, choices=StaffRole.choices),
        verbose_name=_("roles"),
        help_text=_("What they may see and do; one person may hold several roles."),
    )
    department = models.ForeignKey(
        "city.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="staff",
        verbose_name=_("department"),
        help_text=_("Their department; required for handlers, participation agents and planners."),
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        constraints = [
            models.CheckConstraint(condition=~Q(roles=[]), name="staff_has_a_role",
                                   violation_error_message=_("Choose at least one role.")),
            models.CheckConstraint(condition=Q(roles__contained_by=StaffRole.values), name="staff_roles_known",
                                   violation_error_message=_("Choose the roles from the list.")),
            models.CheckConstraint(
                condition=~Q(roles__overlap=list(DEPARTMENT_ROLES)) | Q(department__isnull=False),
                name="staff_department_role_has_department",
                violation_error_message=_("Handlers, participation agents and planners work for a department: "
                                          "choose it."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({', '.join(self.role_labels())})"

    def has_role(self, *roles: str) -> bool:
        """Whether the profile holds any of ``roles``."""
        return any(role in self.roles for role in roles)

    def role_labels(self) -> list[str]:
        return [str(StaffRole(role).label) if role in StaffRole.values else role for role in self.roles]
