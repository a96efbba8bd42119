from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoFeedbackConfig(AppConfig):
    """Residents' map feedback and the city's handling of it."""

    name = "geo_feedback"
    verbose_name = _("Map feedback")
