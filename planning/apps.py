from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    """Zoning plans, stakeholders and resident budgets, built on the city core and the feedback channel."""

    name = "planning"
    verbose_name = _("Planning")

    def ready(self):
        # Every round of the outbox relay (manage.py relay_outbox) also deletes the panel sign-ups
        # never confirmed in time.
        from planning.services.panels import register_relays

        register_relays()
