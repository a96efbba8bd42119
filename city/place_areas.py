"""The residential area each place of an address search lies in: how an address leads to an area's page.

Used by the area map (/alueet/) and the planning map (/osallistumiskartta/), which both answer an address
search with links to the areas' pages; one statement however many places the geocoder found.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from city.models import AreaKind
from city.sql import localized_name_sql

# Areas a resident lives in, as opposed to the whole city and the resident-budget groupings.
NOT_RESIDENTIAL = [AreaKind.CITY.value, AreaKind.BUDGET_AREA.value]

# The innermost residential area of each place, in one statement (a point within 1 cm of a shared
# boundary belongs to the smaller area, then to the lower code).
_PLACES_SQL = " ".join("""
SELECT place.n, hit.code, hit.name
FROM unnest(%(lons)s::float8[], %(lats)s::float8[]) WITH ORDINALITY AS place(lon, lat, n)
LEFT JOIN LATERAL (
    SELECT a.code, {name} AS name FROM city_area a
    WHERE a.kind <> ALL(%(not_residential)s)
      AND ST_DWithin(a.boundary, ST_Transform(ST_SetSRID(ST_MakePoint(place.lon, place.lat), 4326), %(srid)s), 0.01)
    ORDER BY ST_Area(a.boundary), a.code LIMIT 1
) hit ON true
ORDER BY place.n
""".format(name=localized_name_sql("a")).split())


@dataclass(frozen=True)
class PlaceArea:
    """A place the address search found, and the residential area it lies in (None outside every one)."""

    label: str
    kind_label: str
    area_code: str | None
    area_name: str | None


def places_with_areas(places, *, language: str) -> list[PlaceArea]:
    """``places`` (the geocoder's results, WGS84) each with its innermost residential area (1 statement)."""
    places = list(places)
    if not places:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_PLACES_SQL, {"lons": [p.lon for p in places], "lats": [p.lat for p in places],
                                     "language": language, "not_residential": NOT_RESIDENTIAL,
                                     "srid": settings.STORAGE_SRID})
        rows = cursor.fetchall()
    return [PlaceArea(label=place.label, kind_label=place.kind_label, area_code=code, area_name=name)
            for place, (_n, code, name) in zip(places, rows, strict=True)]
