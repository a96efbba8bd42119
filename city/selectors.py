"""Reads of areas for the map, the API and the pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry
from django.core.exceptions import EmptyResultSet
from django.db import connection

from city.models import Area, AreaKind
from city.querysets import BOUNDARY_TOLERANCE_METRES, AreaQuerySet
from city.sql import localized_name_sql, queryset_sql

# The GeoJSON is built by PostGIS in one statement: geometry transformed to WGS84, properties
# joined with each area's parent and nearest resident-budget ancestor (a recursive walk up).
_FEATURES_SQL = """
WITH RECURSIVE wanted AS (
    SELECT id, ord FROM unnest({ids}) WITH ORDINALITY AS w(id, ord)
), chain AS (
    SELECT a.id AS area_id, a.id AS ancestor_id, a.parent_id, 0 AS depth
    FROM city_area a JOIN wanted USING (id)
    UNION ALL
    SELECT c.area_id, p.id, p.parent_id, c.depth + 1
    FROM chain c JOIN city_area p ON p.id = c.parent_id
    WHERE c.depth < 32
), budget AS (
    SELECT DISTINCT ON (c.area_id) c.area_id, b.code, b.name_fi, b.name_sv, b.name_en
    FROM chain c JOIN city_area b ON b.id = c.ancestor_id AND b.kind = %(budget_kind)s
    ORDER BY c.area_id, c.depth
)
SELECT {output}
FROM wanted
JOIN city_area a ON a.id = wanted.id
LEFT JOIN city_area parent ON parent.id = a.parent_id
LEFT JOIN budget ON budget.area_id = a.id
"""

# One area as a GeoJSON Feature; the properties are the public face of an area.
_FEATURE = """
json_build_object(
    'type', 'Feature',
    'id', a.code,
    'geometry', ST_AsGeoJSON(ST_Transform(a.boundary, %(srid)s), %(precision)s)::json,
    'properties', json_build_object(
        'code', a.code,
        'name', {name},
        'name_fi', a.name_fi,
        'name_sv', a.name_sv,
        'name_en', a.name_en,
        'kind', a.kind,
        'parent', parent.code,
        'population', a.population,
        'population_year', a.population_year,
        'population_source', NULLIF(a.population_source, ''),
        'budget_area', CASE WHEN budget.code IS NULL THEN NULL ELSE json_build_object(
            'code', budget.code,
            'name', {budget_name}
        ) END
    )
)
""".format(name=localized_name_sql("a"), budget_name=localized_name_sql("budget"))
_COLLECTION = (
    "json_build_object('type', 'FeatureCollection', "
    "'features', COALESCE(json_agg(" + _FEATURE + " ORDER BY wanted.ord), '[]'::json))::text"
)
_SINGLE = "(json_agg(" + _FEATURE + ") -> 0)::text"

# Six decimals of a degree is about 0.1 m: finer than any boundary we store.
GEOJSON_PRECISION = 6


def _geojson(queryset, *, output: str, language: str) -> str | None:
    """The areas of ``queryset`` (its ids, in its order) as GeoJSON, in one statement."""
    try:
        ids_sql, ids_params = queryset_sql(queryset.values_list("id", flat=True))
    except EmptyResultSet:  # a filter that nothing can match
        ids_sql, ids_params = "SELECT NULL::bigint WHERE false", {}
    with connection.cursor() as cursor:
        cursor.execute(
            _FEATURES_SQL.format(ids=f"ARRAY({ids_sql})", output=output),
            {
                **ids_params,
                "srid": settings.API_SRID,
                "precision": GEOJSON_PRECISION,
                "language": language,
                "budget_kind": AreaKind.BUDGET_AREA,
            },
        )
        return cursor.fetchone()[0]


def area_geojson(queryset: AreaQuerySet, *, language: str = "fi") -> str:
    """The areas of ``queryset``, in its order, as a GeoJSON FeatureCollection text (EPSG:4326)."""
    return _geojson(queryset, output=_COLLECTION, language=language)


def area_feature_geojson(code: str, *, language: str = "fi") -> str | None:
    """One area as a GeoJSON Feature text (EPSG:4326), or None if no area has ``code``."""
    return _geojson(Area.objects.filter(code=code), output=_SINGLE, language=language)


def area_list(*, kind: str | None = None, parent_code: str | None = None) -> AreaQuerySet:
    """Areas filtered by kind and parent code, in code order."""
    queryset = Area.objects.all()
    if kind:
        queryset = queryset.of_kind(kind)
    if parent_code:
        queryset = queryset.filter(parent__code=parent_code)
    return queryset


@dataclass(frozen=True)
class AreaListItem:
    """One row of the accessible area list beside the map."""

    code: str
    name: str
    kind_label: str
    population: int | None
    population_year: int | None
    population_is_estimate: bool
    budget_area: str


def area_table(*, language: str = "fi") -> list[AreaListItem]:
    """The residential areas with their budget areas, for the list beside the map (1 query)."""
    areas = list(Area.objects.defer("boundary").order_by("name_fi", "code"))
    by_id = {area.id: area for area in areas}

    def budget_of(area: Area) -> str:
        seen = 0
        while area is not None and seen < 32:
            if area.kind == AreaKind.BUDGET_AREA:
                return area.name(language)
            area = by_id.get(area.parent_id)
            seen += 1
        return ""

    return [
        AreaListItem(
            code=area.code,
            name=area.name(language),
            kind_label=str(AreaKind(area.kind).label),
            population=area.population,
            population_year=area.population_year,
            population_is_estimate=area.population_source == "estimate",
            budget_area=budget_of(area),
        )
        for area in areas
        if area.kind not in (AreaKind.CITY, AreaKind.BUDGET_AREA)
    ]


@dataclass(frozen=True)
class PointPlacement:
    """Where a point lies: whether it is inside the city, its innermost residential area, and the
    point itself in the storage SRID as PostGIS transformed it (no GDAL transformation in Python)."""

    inside_city: bool
    area_id: int | None
    point: GEOSGeometry

    @property
    def area(self) -> Area | None:
        return Area.objects.defer("boundary").get(pk=self.area_id) if self.area_id else None


# The city is the union of the areas of kind "city"; a database without one (an imported second
# city, say) counts any area as the city. The innermost area is the smallest that holds the point,
# its boundary included (within BOUNDARY_TOLERANCE_METRES).
_PLACEMENT_SQL = """
WITH point AS (
    SELECT ST_Transform(ST_GeomFromEWKB(%(point)s), %(srid)s) AS g
), hit AS (
    SELECT a.id, a.code, a.kind, ST_Area(a.boundary) AS surface
    FROM city_area a, point
    WHERE ST_DWithin(a.boundary, point.g, %(tolerance)s)
)
SELECT
    (SELECT id FROM hit WHERE kind <> ALL(%(not_residential)s) ORDER BY surface, code LIMIT 1),
    EXISTS (SELECT FROM hit WHERE kind = %(city)s)
        OR (EXISTS (SELECT FROM hit) AND NOT EXISTS (SELECT FROM city_area WHERE kind = %(city)s)),
    ST_AsEWKB(point.g)
FROM point
"""


def area_placement(point: GEOSGeometry) -> PointPlacement:
    """Place ``point`` (any SRID) in the city, in one statement."""
    with connection.cursor() as cursor:
        cursor.execute(_PLACEMENT_SQL, {
            "point": bytes(point.ewkb), "srid": settings.STORAGE_SRID, "tolerance": BOUNDARY_TOLERANCE_METRES,
            "not_residential": [AreaKind.CITY.value, AreaKind.BUDGET_AREA.value], "city": AreaKind.CITY.value,
        })
        area_id, inside_city, ewkb = cursor.fetchone()
    return PointPlacement(inside_city=inside_city, area_id=area_id, point=GEOSGeometry(memoryview(ewkb)))
