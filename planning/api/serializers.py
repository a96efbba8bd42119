"""Shapes of the plans API: the list's query parameters and a resident's comment (the answers are
GeoJSON that PostGIS writes: planning/selectors.py)."""

from __future__ import annotations

import json

from django.contrib.gis.geos import GEOSGeometry
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.settings import api_settings

from city.geometry import GeometryRefused, geometry_from_text
from config.bodies import unstorable_text_errors
from geo_feedback.api.serializers import CommaListField
from planning.models import Phase, ProcessKind
from planning.selectors import MAX_PAGE, InvalidCursor, decode_cursor

INVALID_CURSOR = _("This cursor is not valid; start again without it.")
DRAWING_TYPES = ("Point", "LineString", "Polygon")
UNREADABLE_DRAWING = _("The drawing cannot be read: give a GeoJSON Point, LineString or Polygon with "
                       "longitude, latitude in WGS84 degrees.")


class CursorPageSerializer(serializers.Serializer):
    """A page of a keyset-paged list: ``limit`` and a ``cursor`` this server could have made."""

    limit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE, default=100)
    cursor = serializers.CharField(required=False, max_length=200)

    def validate_cursor(self, cursor):
        try:
            decode_cursor(cursor)
        except InvalidCursor:
            raise serializers.ValidationError(INVALID_CURSOR) from None
        return cursor


class PlanQuerySerializer(CursorPageSerializer):
    """Filters and paging of ``GET /api/v1/plans/``."""

    kind = CommaListField(required=False, choices=ProcessKind.values)
    phase = CommaListField(required=False, choices=[str(phase) for phase in Phase.values])


class DrawingField(serializers.Field):
    """A GeoJSON geometry object in WGS84, read as it is: ``planning.services.comments`` (through
    ``city.geometry.map_drawing_clean``) decides whether it may be stored."""

    default_error_messages = {"unreadable": UNREADABLE_DRAWING}

    def to_internal_value(self, data) -> GEOSGeometry:
        if not isinstance(data, dict):
            self.fail("unreadable")
        try:
            return geometry_from_text(json.dumps(data), srid=4326)
        except (GeometryRefused, ValueError, RecursionError):  # RecursionError: nested beyond json.dumps
            self.fail("unreadable")

    def to_representation(self, value):
        return json.loads(value.geojson)


class StorableCharField(serializers.CharField):
    """Text PostgreSQL can store: DRF refuses a NUL; a lone UTF-16 surrogate is refused here."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if problems := unstorable_text_errors(value):
            raise serializers.ValidationError(problems)
        return value


class CommentCreateSerializer(serializers.Serializer):
    """``POST /api/v1/plans/{id}/comments/``: a GeoJSON Feature (its ``properties`` hold the fields)
    or a plain JSON object with the same fields and an optional ``geometry``."""

    text = StorableCharField(allow_blank=True, trim_whitespace=False)
    geometry = DrawingField(required=False, allow_null=True)
    group = StorableCharField(required=False, allow_blank=True, max_length=32)
    age_band = StorableCharField(required=False, allow_blank=True, max_length=10)

    def to_internal_value(self, data):
        if isinstance(data, dict) and "type" in data:
            data = self._feature_fields(data)
        return super().to_internal_value(data)

    @staticmethod
    def _feature_fields(feature: dict) -> dict:
        """A Feature's properties and geometry as one object of fields."""
        if feature["type"] != "Feature":
            raise serializers.ValidationError({"type": [_("Send a GeoJSON Feature, or an object without “type”.")]})
        properties = feature.get("properties")
        if properties is None:
            properties = {}
        if not isinstance(properties, dict):
            raise serializers.ValidationError({"properties": [_("Give the properties as an object.")]})
        if "geometry" not in feature:
            raise serializers.ValidationError({"geometry": [_("A Feature has a geometry: null for the plan as a "
                                                              "whole.")]})
        if "geometry" in properties:
            raise serializers.ValidationError({
                api_settings.NON_FIELD_ERRORS_KEY: [_("Give the geometry beside the properties, not in them.")]})
        return {**properties, "geometry": feature["geometry"]}
