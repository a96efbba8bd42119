from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    """Areas, zoning plans, stakeholders and resident budgets."""

    name = "planning"
    verbose_name = _("Planning and areas")
