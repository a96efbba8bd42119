from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoFeedbackConfig(AppConfig):
    """Residents' map feedback and the city's handling of it."""

    name = "geo_feedback"
    verbose_name = _("Map feedback")

    def ready(self):
        # Thumbnails are rows before they are jobs, like emails: the outbox relay queues lost ones.
        from geo_feedback.services.notifications import register_relays

        register_relays()
