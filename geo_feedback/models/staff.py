"""Who works the tickets: staff roles and their departments."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    """What a staff member may see and do."""

    CUSTOMER_SERVICE = "customer_service", _("Customer service agent")  # every ticket; triage
    HANDLER = "handler", _("Department handler")  # their department's tickets; replies, handled
    PARTICIPATION_AGENT = "participation_agent", _("Participation agent")  # their department, read-only
    ADMINISTRATOR = "administrator", _("Administrator")  # everything


# Roles that belong to one department and see only its tickets.
DEPARTMENT_ROLES = (StaffRole.HANDLER, StaffRole.PARTICIPATION_AGENT)


class StaffProfile(models.Model):
    """A signed-in staff member's role and, for department roles, their department."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile",
                                help_text=_("The staff member's account."))
    role = models.CharField(max_length=32, choices=StaffRole.choices, help_text=_("What they may see and do."))
    department = models.ForeignKey(
        "geo_feedback.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="staff",
        help_text=_("Their department; required for handlers and participation agents."),
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=DEPARTMENT_ROLES) | Q(department__isnull=False),
                name="staff_department_role_has_department",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"
