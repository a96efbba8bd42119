"""Spatial and hierarchy queries on areas, and the one helper that transforms coordinates in Python.

A GDAL transformation costs 15-40 ms to build (a PROJ pipeline); ``transformed`` builds one per
pair of SRIDs per thread and reuses it, so no request pays for a new one. Prefer ST_Transform inside
the query where the data comes from the database anyway.
"""

import functools
import threading

from django.conf import settings
from django.contrib.gis.db.models import GeometryField
from django.contrib.gis.db.models.functions import Area as AreaOf
from django.contrib.gis.gdal import CoordTransform, SpatialReference
from django.contrib.gis.geos import GEOSGeometry, Point
from django.db import models
from django.db.models import Func, Value

# A point this close to a boundary counts as lying on it: a WGS84 coordinate with six
# decimals carries ~0.1 m, and a round trip through ST_Transform moves a vertex by nanometres.
BOUNDARY_TOLERANCE_METRES = 0.01


_transforms = threading.local()  # a GDAL transformation is not to be shared between threads


def _coord_transform(source: int, target: int) -> CoordTransform:
    cache = _transforms.__dict__.setdefault("by_pair", {})
    if (source, target) not in cache:
        cache[source, target] = CoordTransform(SpatialReference(source), SpatialReference(target))
    return cache[source, target]


def transformed(geometry: GEOSGeometry, srid: int) -> GEOSGeometry:
    """A copy of ``geometry`` (which must carry its SRID) in ``srid``, with a reused transformation."""
    if geometry.srid is None:
        raise ValueError("geometry has no SRID")
    if geometry.srid == srid:
        return geometry.clone()
    copy = geometry.clone()
    copy.transform(_coord_transform(geometry.srid, srid))
    copy.srid = srid
    return copy


def to_storage(geometry: GEOSGeometry) -> GEOSGeometry:
    """Return a copy of ``geometry`` in the storage SRID (it must carry its own SRID)."""
    return transformed(geometry, settings.STORAGE_SRID)


def to_api(geometry: GEOSGeometry) -> GEOSGeometry:
    """Return a copy of ``geometry`` in the APIs' SRID (WGS84)."""
    return transformed(geometry, settings.API_SRID)


# Areas of use from the EPSG registry, so that a request need not load pyproj (some 15 MB in every
# web worker) to read them; tests/test_transforms.py checks them against PROJ's database.
KNOWN_AREAS_OF_USE = {
    3067: (19.08, 58.84, 31.59, 70.09),  # ETRS-TM35FIN: Finland, onshore and offshore
}


@functools.cache
def storage_area_of_use() -> tuple[float, float, float, float]:
    """Where the storage CRS is valid, as (west, south, east, north) WGS84 degrees.

    ETRS-TM35FIN covers Finland; a box reaching far outside it degenerates when transformed.
    """
    if settings.STORAGE_SRID in KNOWN_AREAS_OF_USE:
        return KNOWN_AREAS_OF_USE[settings.STORAGE_SRID]
    from pyproj import CRS  # here, not at the top: only an unusual storage CRS needs PROJ's database

    return CRS.from_epsg(settings.STORAGE_SRID).area_of_use.bounds


# Segments along the longer side of a box before it is transformed: a parallel of latitude is a
# curve in the storage CRS, and a box of straight edges between its corners would miss points near
# its sides. (A shorter side gets proportionally fewer: its bulge shrinks with the square of its length.)
_BOX_EDGE_SEGMENTS = 16


def bbox_to_storage(bbox: tuple[float, float, float, float]) -> Func | None:
    """A (minlon, minlat, maxlon, maxlat) WGS84 box as an SQL expression of it in the storage SRID,
    clipped to where that CRS is valid (so a world-sized box still finds the city); None when the
    box lies wholly outside it.

    PostGIS densifies and transforms the box while planning the query (its functions are immutable
    and the corners are constants): building the 65-point ring in Python with GEOS cost the map's
    request 0.7 ms of CPU.
    """
    west, south, east, north = storage_area_of_use()
    minlon, minlat, maxlon, maxlat = max(bbox[0], west), max(bbox[1], south), min(bbox[2], east), min(bbox[3], north)
    if minlon >= maxlon or minlat >= maxlat:
        return None
    envelope = Func(*(Value(float(v)) for v in (minlon, minlat, maxlon, maxlat)), Value(settings.API_SRID),
                    function="ST_MakeEnvelope", output_field=GeometryField(srid=settings.API_SRID))
    densified = Func(envelope, Value(max(maxlon - minlon, maxlat - minlat) / _BOX_EDGE_SEGMENTS),
                     function="ST_Segmentize", output_field=GeometryField(srid=settings.API_SRID))
    return Func(densified, Value(settings.STORAGE_SRID), function="ST_Transform",
                output_field=GeometryField(srid=settings.STORAGE_SRID))


def point_in_storage(point: Point) -> Func:
    """``point`` (any SRID) as an SQL expression of it in the storage SRID: PostGIS transforms it
    while planning the query, where a GDAL transformation in Python cost a request 0.1-0.2 ms."""
    if point.srid is None:
        raise ValueError("point has no SRID")
    made = Func(Func(Value(float(point.x)), Value(float(point.y)), function="ST_MakePoint"), Value(point.srid),
                function="ST_SetSRID", output_field=GeometryField(srid=point.srid))
    if point.srid == settings.STORAGE_SRID:
        return made
    return Func(made, Value(settings.STORAGE_SRID), function="ST_Transform",
                output_field=GeometryField(srid=settings.STORAGE_SRID))


class AreaQuerySet(models.QuerySet):
    """Queries on residential areas."""

    def containing(self, point: Point) -> "AreaQuerySet":
        """Areas that contain ``point`` (any SRID), its boundary included, innermost first."""
        local = point_in_storage(point)
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
