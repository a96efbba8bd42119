from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CityConfig(AppConfig):
    """The ground both halves stand on: areas, places, departments, staff roles and the outbox."""

    name = "city"
    verbose_name = _("City")
