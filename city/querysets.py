"""Spatial and hierarchy queries on areas; the only place that knows the storage SRID."""

from django.conf import settings
from django.contrib.gis.db.models.functions import Area as AreaOf
from django.contrib.gis.geos import GEOSGeometry, Point
from django.db import models

# A point this close to a boundary counts as lying on it: a WGS84 coordinate with six
# decimals carries ~0.1 m, and a round trip through ST_Transform moves a vertex by nanometres.
BOUNDARY_TOLERANCE_METRES = 0.01


def to_storage(geometry: GEOSGeometry) -> GEOSGeometry:
    """Return a copy of ``geometry`` in the storage SRID (it must carry its own SRID)."""
    if geometry.srid is None:
        raise ValueError("geometry has no SRID")
    return geometry.transform(settings.STORAGE_SRID, clone=True)


class AreaQuerySet(models.QuerySet):
    """Queries on residential areas."""

    def containing(self, point: Point) -> "AreaQuerySet":
        """Areas that contain ``point`` (any SRID), its boundary included, innermost first."""
        local = to_storage(point)
        return (
            self.filter(boundary__dwithin=(local, BOUNDARY_TOLERANCE_METRES))
            .annotate(surface=AreaOf("boundary"))
            .order_by("surface", "code")
        )

    def of_kind(self, kind: str) -> "AreaQuerySet":
        return self.filter(kind=kind)

    def residential(self) -> "AreaQuerySet":
        """The areas residents live in: everything below the budget areas and the whole city."""
        return self.exclude(kind__in=["city", "budget_area"])
