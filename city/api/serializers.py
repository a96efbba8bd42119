"""Validation of the area API's query parameters."""

from django.contrib.gis.geos import Point
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from city.models import AreaKind


class PointParameterField(serializers.Field):
    """A ``LON,LAT`` pair in WGS84 degrees, returned as a Point with SRID 4326."""

    default_error_messages = {
        "format": _("Give the point as LON,LAT in decimal degrees, e.g. 22.84,62.79."),
        "range": _("Longitude must be between -180 and 180 and latitude between -90 and 90."),
    }

    def to_internal_value(self, data):
        parts = str(data).split(",")
        if len(parts) != 2:
            self.fail("format")
        try:
            lon, lat = (float(part.strip()) for part in parts)
        except ValueError:
            self.fail("format")
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            self.fail("range")
        return Point(lon, lat, srid=4326)

    def to_representation(self, value):
        return f"{value.x},{value.y}"


class AreaQuerySerializer(serializers.Serializer):
    """Filters of ``GET /api/v1/areas/``."""

    kind = serializers.ChoiceField(choices=AreaKind.choices, required=False)
    parent = serializers.CharField(required=False, max_length=40, help_text="Code of the parent area.")
    contains = PointParameterField(
        required=False, help_text="LON,LAT: only areas containing this point, innermost first."
    )
