"""OpenAPI description of the area API (GeoJSON built by PostGIS, city/selectors.py) and the place search."""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema

from city.geocoding import MAX_QUERY_LENGTH, MAX_RESULTS
from city.models import AreaKind, PopulationSource
from config.api import GEOJSON
from config.openapi import BAD_REQUEST, LOCALIZED_PARAMETERS, NOT_FOUND, object_schema, ref, register_components

# A LON,LAT pair as the query string carries it; PointParameterField checks the ranges.
POINT_PATTERN = r"^ *-?[0-9]+(\.[0-9]+)? *, *-?[0-9]+(\.[0-9]+)? *$"

register_components({
    "Place": object_schema({
        "label": {"type": "string"},
        "kind": {"type": "string", "example": "rail_station"},
        "kind_label": {"type": "string"},
        "lon": {"type": "number", "minimum": -180, "maximum": 180},
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
    }, description="A place search hit and where to put the pin (WGS84)."),
    "PlaceResults": object_schema({"results": {"type": "array", "items": ref("Place")}},
                            description="Best matches first."),
    "MultiPolygonGeometry": {
        "type": "object",
        "description": "A GeoJSON MultiPolygon in WGS84: polygons of rings of positions.",
        "properties": {
            "type": {"type": "string", "enum": ["MultiPolygon"]},
            "coordinates": {
                "type": "array",
                "items": {"type": "array", "items": {"type": "array", "items": ref("LonLat"), "minItems": 4}},
            },
        },
        "required": ["type", "coordinates"],
    },
    "AreaProperties": {
        "type": "object",
        "description": "The public facts of an area.",
        "properties": {
            "code": {"type": "string", "description": "Stable identifier, e.g. a postal code.", "example": "60100"},
            "name": {"type": "string",
                     "description": "In the language asked for (`lang=sv`, `lang=en`) where the area has a name in "
                                    "it, else Finnish."},
            "name_fi": {"type": "string"},
            "name_sv": {"type": "string", "description": "Empty when the area has no Swedish name."},
            "name_en": {"type": "string", "description": "Empty when the area has no English name."},
            "kind": {"type": "string", "enum": AreaKind.values},
            "parent": {"type": "string", "nullable": True, "description": "Code of the area this one lies in."},
            "population": {"type": "integer", "minimum": 0, "nullable": True},
            "population_year": {"type": "integer", "minimum": 0, "nullable": True},
            "population_source": {
                "type": "string",
                "enum": [*PopulationSource.values, None],
                "nullable": True,
                "description": "`estimate` marks figures that are not official statistics.",
            },
            "budget_area": {
                "type": "object",
                "nullable": True,
                "description": "The resident-budget area it belongs to (itself, for a budget area).",
                "properties": {"code": {"type": "string"},
                               "name": {"type": "string", "description": "In the language asked for, as `name`."}},
                "required": ["code", "name"],
            },
        },
        "required": [
            "code", "name", "name_fi", "name_sv", "name_en", "kind", "parent", "population", "population_year",
            "population_source", "budget_area",
        ],
    },
    "AreaFeature": {
        "type": "object",
        "description": "One area as a GeoJSON Feature; its `id` is the area's code.",
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "id": {"type": "string"},
            "geometry": ref("MultiPolygonGeometry"),
            "properties": ref("AreaProperties"),
        },
        "required": ["type", "id", "geometry", "properties"],
    },
    "AreaFeatureCollection": {
        "type": "object",
        "description": "Areas as a GeoJSON FeatureCollection (RFC 7946, EPSG:4326).",
        "properties": {
            "type": {"type": "string", "enum": ["FeatureCollection"]},
            "features": {"type": "array", "items": ref("AreaFeature")},
        },
        "required": ["type", "features"],
    },
})

area_list_schema = extend_schema(
    operation_id="areas_list",
    tags=["areas"],
    summary="List areas as GeoJSON",
    description=(
        "Every area (the city, resident-budget areas, districts, postal code areas…) as a GeoJSON "
        "FeatureCollection in EPSG:4326, in code order. With `contains`, only the areas containing "
        "that point, innermost first; a point within 1 cm of a shared boundary belongs to both sides, "
        "and a point outside every area gives an empty collection. The GeoJSON is built by PostGIS "
        "in one statement."
    ),
    parameters=[
        OpenApiParameter("kind", {"type": "string", "enum": AreaKind.values}, OpenApiParameter.QUERY,
                         description="Only areas of this kind.",
                         examples=[OpenApiExample("Postal code areas", value=AreaKind.POSTAL_AREA)]),
        OpenApiParameter("parent", {"type": "string", "maxLength": 40}, OpenApiParameter.QUERY,
                         description="Only the areas directly inside the area with this code.",
                         examples=[OpenApiExample("In the western budget area", value="SJK-LANSI")]),
        OpenApiParameter("contains", {"type": "string", "pattern": POINT_PATTERN}, OpenApiParameter.QUERY,
                         description="`LON,LAT` in WGS84 degrees: only the areas containing this point.",
                         examples=[OpenApiExample("The railway station", value="22.8565,62.7823")]),
        *LOCALIZED_PARAMETERS,
    ],
    responses={
        (200, GEOJSON): OpenApiResponse(ref("AreaFeatureCollection"), description="The areas."),
        400: BAD_REQUEST,
    },
)

area_detail_schema = extend_schema(
    operation_id="areas_retrieve",
    tags=["areas"],
    summary="One area as GeoJSON",
    description="The area with this code as a GeoJSON Feature in EPSG:4326.",
    parameters=[
        OpenApiParameter("code", {"type": "string", "maxLength": 40}, OpenApiParameter.PATH,
                         description="The area's code.", examples=[OpenApiExample("Keskus", value="60100")]),
        *LOCALIZED_PARAMETERS,
    ],
    responses={
        (200, GEOJSON): OpenApiResponse(ref("AreaFeature"), description="The area."),
        404: NOT_FOUND,
    },
)

place_search_schema = extend_schema(
    operation_id="places_search",
    tags=["places"],
    summary="Search places",
    description=(
        "Places, residential areas and postal codes matching `q` (at least 2 characters; fewer give "
        "no results), for putting a report's pin on the map."
    ),
    parameters=[
        OpenApiParameter("q", {"type": "string", "maxLength": MAX_QUERY_LENGTH}, OpenApiParameter.QUERY,
                         description="What the resident typed: a place, an address or a postal code.",
                         examples=[OpenApiExample("The railway station", value="asema")]),
        OpenApiParameter("limit", {"type": "integer", "minimum": 1, "maximum": MAX_RESULTS, "default": 10},
                         OpenApiParameter.QUERY, description="At most this many results."),
        *LOCALIZED_PARAMETERS,
    ],
    responses={200: OpenApiResponse(ref("PlaceResults"), description="Hits."), 400: BAD_REQUEST},
)
