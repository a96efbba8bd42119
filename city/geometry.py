"""The one place that decides whether a geometry may be stored, and repairs what can be repaired.

The area importer, the admin's map widget and every later geometry input (plan boundaries, map
comments) pass here, so a boundary is held to the same rules whichever way it arrives: polygons
only, finite coordinates inside the storage CRS's area of use, valid (``ST_IsValid``) after a safe
repair, and enclosing an area. Reading untrusted GeoJSON (a "Circle", an empty point, a collection
nested a thousand deep) is refused with a reason here, never a GDAL exception further on.
"""

from __future__ import annotations

import functools
import json
import math
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry

from city.querysets import storage_area_of_use, to_storage

# shapely and pyproj are imported by the functions that repair boundaries (the importer, the admin
# and forms saving one), not here: the admin loads this module in every web worker.
if TYPE_CHECKING:
    from shapely.geometry import MultiPolygon as ShapelyMultiPolygon
    from shapely.geometry.base import BaseGeometry

GEOJSON_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                 "GeometryCollection"}
MAX_COLLECTION_DEPTH = 8  # GeoJSON nests collections rarely, and never deeply


class GeometryRefused(ValueError):
    """The geometry cannot be stored; the message says why, in words a person can act on."""


@functools.cache
def storage_bounds() -> tuple[float, float, float, float]:
    """The storage CRS's area of use in its own metres: a sanity check on where a geometry lies."""
    from pyproj import CRS, Transformer

    to_storage = Transformer.from_crs("EPSG:4326", CRS.from_epsg(settings.STORAGE_SRID), always_xy=True)
    return to_storage.transform_bounds(*storage_area_of_use())


def _polygonal_part(geometry: BaseGeometry) -> ShapelyMultiPolygon:
    """The polygons of ``geometry`` as one MultiPolygon (lines and points left by a repair go)."""
    from shapely.geometry import MultiPolygon as ShapelyMultiPolygon
    from shapely.geometry import Polygon as ShapelyPolygon

    if isinstance(geometry, ShapelyPolygon):
        return ShapelyMultiPolygon([geometry])
    if isinstance(geometry, ShapelyMultiPolygon):
        return geometry
    polygons: list[ShapelyPolygon] = []
    for part in getattr(geometry, "geoms", []):
        if isinstance(part, (ShapelyPolygon, ShapelyMultiPolygon)):
            polygons.extend(_polygonal_part(part).geoms)
    return ShapelyMultiPolygon(polygons)


def _check_bounds(bounds: tuple[float, float, float, float]) -> None:
    """Finite coordinates inside the storage CRS's area of use, or GeometryRefused."""
    minx, miny, maxx, maxy = bounds
    if not all(math.isfinite(value) for value in (minx, miny, maxx, maxy)):
        raise GeometryRefused("coordinates could not be transformed; is the source CRS right (--srid)?")
    west, south, east, north = storage_bounds()
    if minx < west or maxx > east or miny < south or maxy > north:
        raise GeometryRefused(
            f"lies outside the area of use of EPSG:{settings.STORAGE_SRID} "
            f"(bounds {minx:.0f}, {miny:.0f}, {maxx:.0f}, {maxy:.0f}); is the source CRS right (--srid)?"
        )


def boundary_clean(geometry: BaseGeometry | GEOSGeometry | None) -> tuple[GEOSGeometry, str]:
    """A boundary (already in the storage SRID) checked and, where safe, repaired.

    Returns ``(multipolygon, repair_note)``; raises GeometryRefused with the reason otherwise. A
    repair is safe when GEOS's make_valid yields polygons only (slivers collapsed to lines or
    points are dropped) and they still enclose an area.
    """
    import shapely

    if geometry is None:
        raise GeometryRefused("the row has no geometry")
    if isinstance(geometry, GEOSGeometry):
        geometry = shapely.from_wkb(bytes(geometry.wkb))
    if geometry.is_empty:
        raise GeometryRefused("the geometry is empty")
    geometry = shapely.force_2d(geometry)
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        raise GeometryRefused(f"expected a polygon, found a {geometry.geom_type}")
    _check_bounds(geometry.bounds)
    note = ""
    if not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry)
        repaired = _polygonal_part(shapely.make_valid(geometry))
        if repaired.is_empty or repaired.area <= 0:
            raise GeometryRefused(f"invalid geometry that cannot be repaired safely ({reason})")
        note = f"repaired invalid geometry ({reason})"
        geometry = repaired
    geometry = _polygonal_part(geometry)
    if geometry.area <= 0:
        raise GeometryRefused("the polygon encloses no area")
    return GEOSGeometry(memoryview(shapely.to_wkb(geometry)), srid=settings.STORAGE_SRID), note


def area_boundary_from(geometry: BaseGeometry | None) -> tuple[GEOSGeometry | None, str, str]:
    """The importer's form of ``boundary_clean``: ``(boundary, repair_note, rejection_reason)``."""
    try:
        boundary, note = boundary_clean(geometry)
    except GeometryRefused as refusal:
        return None, "", str(refusal)
    return boundary, note, ""


def _collection_depth(node, depth: int = 0) -> int:
    if isinstance(node, dict) and node.get("type") == "GeometryCollection":
        children = node.get("geometries")
        if not isinstance(children, list):
            return depth + 1
        return max([depth + 1, *(_collection_depth(child, depth + 1) for child in children)])
    return depth


def geometry_from_text(text: str, *, srid: int | None = None) -> GEOSGeometry:
    """Untrusted GeoJSON (or WKT/EWKT/HEX) as a GEOS geometry; GeometryRefused with the reason otherwise."""
    text = (text or "").strip()
    if not text:
        raise GeometryRefused("no geometry was given")
    if text.startswith("{"):
        try:
            parsed = json.loads(text)
        except (ValueError, RecursionError):
            raise GeometryRefused("the GeoJSON cannot be read") from None
        if not isinstance(parsed, dict) or parsed.get("type") not in GEOJSON_TYPES:
            kind = parsed.get("type") if isinstance(parsed, dict) else type(parsed).__name__
            raise GeometryRefused(f"“{str(kind)[:40]}” is not a GeoJSON geometry type")
        if _collection_depth(parsed) > MAX_COLLECTION_DEPTH:
            raise GeometryRefused("geometry collections are nested too deeply")
    try:
        geometry = GEOSGeometry(text, srid=srid)
    except (GDALException, GEOSException, ValueError, TypeError):
        raise GeometryRefused("the geometry cannot be read (check its coordinates)") from None
    if geometry.empty:
        raise GeometryRefused("the geometry is empty")
    return geometry


# A resident's drawing on a map (a comment's place): refused, never repaired, since a repair could
# change what they meant. The messages are the residents' and are translated.
MAP_DRAWING_TYPES = ("Point", "LineString", "Polygon")
MAP_DRAWING_MAX_VERTICES = 5000
MAP_DRAWING_MAX_DISTANCE_M = 2000


def map_drawing_clean(geometry: GEOSGeometry | None, *, near: GEOSGeometry | None = None,
                      max_distance_m: float = MAP_DRAWING_MAX_DISTANCE_M) -> GEOSGeometry:
    """A point, line or polygon drawn by a resident, in the storage SRID, checked as it is.

    Refused (GeometryRefused, with a message for the resident) when it is empty, of another type,
    outside the storage CRS's area of use, has more than 5000 vertices, is a polygon crossing itself
    or enclosing nothing, a line of no length, or lies more than ``max_distance_m`` from ``near``
    (the plan's boundary)."""
    from django.utils.translation import gettext as _

    if geometry is None or geometry.empty:
        raise GeometryRefused(_("The drawing is empty: draw a point, a line or an area, or leave the map out."))
    if geometry.geom_type not in MAP_DRAWING_TYPES:
        raise GeometryRefused(_("Draw a point, a line or an area (a %(kind)s cannot be taken).")
                              % {"kind": geometry.geom_type})
    if geometry.num_coords > MAP_DRAWING_MAX_VERTICES:
        raise GeometryRefused(_("The drawing has %(count)s points; at most %(max)s are taken. Draw it more simply.")
                              % {"count": geometry.num_coords, "max": MAP_DRAWING_MAX_VERTICES})
    outside = _("The drawing lies outside Finland: check its coordinates.")
    if geometry.srid != settings.STORAGE_SRID:
        try:
            geometry = to_storage(geometry)  # the one reused transformation (tests/test_transforms.py)
        except (GDALException, GEOSException):  # PROJ refuses a latitude beyond ±90°, say
            raise GeometryRefused(outside) from None
    try:
        _check_bounds(geometry.extent)
    except GeometryRefused:
        raise GeometryRefused(outside) from None
    if geometry.geom_type == "Polygon" and geometry.convex_hull.area <= 0:
        # before validity: GEOS finds a flat polygon (all corners on a line) invalid too, and
        # "crossing" would mislead; a bow tie's area is 0 too, but its corners span an area
        raise GeometryRefused(_("The area encloses nothing: draw at least three corners apart."))
    if geometry.geom_type == "Polygon" and not geometry.valid:
        raise GeometryRefused(_("The area's edges cross each other: draw it again without crossings."))
    if geometry.geom_type == "LineString" and geometry.length <= 0:
        raise GeometryRefused(_("The line has no length: draw at least two points apart."))
    if near is not None and geometry.distance(near) > max_distance_m:
        raise GeometryRefused(_("The drawing is more than %(km)s km from the plan area: draw it nearer.")
                              % {"km": f"{max_distance_m / 1000:g}"})
    return geometry
