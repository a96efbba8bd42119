"""Named places for the offline place search (postal localities, addresses, stations)."""

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _


class Place(models.Model):
    """A named point residents can search for instead of pointing at the map."""

    kind = models.CharField(_("kind"), max_length=40, help_text=_("postal_locality, address, rail_station, …"))
    name = models.CharField(_("name"), max_length=200, help_text=_("Name as residents write it."))
    street_address = models.CharField(
        _("street address"), max_length=200, blank=True, help_text=_("Street address, if any."),
    )
    postcode = models.CharField(_("postal code"), max_length=10, blank=True, help_text=_("Postal code, if known."))
    location = models.PointField(
        _("location"), srid=settings.STORAGE_SRID, help_text=_("Where the place is (EPSG:3067)."),
    )
    accuracy_m = models.PositiveIntegerField(
        _("accuracy (m)"), null=True, blank=True, help_text=_("Rough accuracy in metres."),
    )
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("Where the place comes from (licence)."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.UniqueConstraint(fields=["kind", "name", "street_address", "postcode"], name="place_unique"),
        ]

    def __str__(self) -> str:
        return self.street_address or self.name
