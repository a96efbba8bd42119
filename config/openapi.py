"""The OpenAPI 3 schema of /api/v1/: shared components, the hooks that shape it and the docs page.

The GeoJSON views return text built by PostGIS, which drf-spectacular cannot look into, so their
shapes are written here and in each app's ``api/schema.py`` as plain OpenAPI schemas, registered
once with ``register_components`` and referenced with ``ref(name)``. The contract test
(tests/api/test_contract.py) checks real responses against them.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from drf_spectacular.views import SpectacularSwaggerView

API_PREFIX = "/api/v1/"
# Code of the apps whose endpoints have their own specification (Open311 GeoReport v2).
EXCLUDED_MODULES = ("geo_feedback.open311",)

_COMPONENTS: dict[str, dict[str, Any]] = {}


def register_components(components: dict[str, dict[str, Any]]) -> None:
    """Add named schemas to ``#/components/schemas``; a name may be registered only once."""
    for name, schema in components.items():
        if name in _COMPONENTS and _COMPONENTS[name] != schema:
            raise ValueError(f"OpenAPI component {name!r} is registered twice with different schemas")
        _COMPONENTS[name] = schema


def ref(name: str) -> dict[str, str]:
    """A reference to a registered component (checked when the schema is generated)."""
    return {"$ref": f"#/components/schemas/{name}"}


def only_platform_api(endpoints, **kwargs):
    """Preprocessing hook: the /api/v1/ endpoints, without those that have a specification of their own."""
    kept = []
    for path, path_regex, method, callback in endpoints:
        view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
        module = getattr(view_class, "__module__", "") or getattr(callback, "__module__", "")
        if path.startswith(API_PREFIX) and not module.startswith(EXCLUDED_MODULES):
            kept.append((path, path_regex, method, callback))
    return kept


def add_components(result, generator, request, public):
    """Postprocessing hook: put the registered schemas into ``#/components/schemas``."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in _COMPONENTS.items():
        if name in schemas and schemas[name] != schema:
            raise ValueError(f"OpenAPI component {name!r} clashes with one drf-spectacular generated")
        schemas[name] = schema
    return result


# Shared shapes ---------------------------------------------------------------------------------

register_components({
    "ValidationErrors": {
        "type": "object",
        "description": (
            "A refused input: each field that is wrong, with its messages in the client's language. "
            "`non_field_errors` holds messages about the input as a whole."
        ),
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
        "example": {"contains": ["Give the point as LON,LAT in decimal degrees, e.g. 22.84,62.79."]},
    },
    "ErrorDetail": {
        "type": "object",
        "description": "An error that is not about one field: not found, forbidden, too many requests.",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    "LonLat": {
        "type": "array",
        "description": "A position: longitude, latitude in WGS84 degrees (EPSG:4326, RFC 7946).",
        "items": {"type": "number"},
        "minItems": 2,
        "maxItems": 2,
        "example": [22.8565, 62.7823],
    },
    "PointGeometry": {
        "type": "object",
        "description": "A GeoJSON Point in WGS84 (six decimals, about 0.1 m).",
        "properties": {
            "type": {"type": "string", "enum": ["Point"]},
            "coordinates": ref("LonLat"),
        },
        "required": ["type", "coordinates"],
    },
})

# Parameters and responses used by more than one view.
LANG_PARAMETER = OpenApiParameter(
    "lang",
    {"type": "string", "enum": ["fi", "sv", "en"]},
    OpenApiParameter.QUERY,
    description=(
        "Language of names, labels and messages. Without it, the `django_language` cookie and "
        "`Accept-Language` decide; Finnish by default."
    ),
    examples=[OpenApiExample("Swedish", value="sv")],
)

# DRF's ``?format=json|geojson`` override works, but clients choose by Accept: it is left out.
LOCALIZED_PARAMETERS = [LANG_PARAMETER, OpenApiParameter("format", exclude=True)]


def cursor_page_parameters(*, maximum: int, per_page: str) -> list[OpenApiParameter]:
    """``limit`` and ``cursor`` of a keyset-paged list, whose ``next`` is made by ``config.api.next_page_url``."""
    return [
        OpenApiParameter("limit", {"type": "integer", "minimum": 1, "maximum": maximum, "default": 100},
                         OpenApiParameter.QUERY, description=per_page),
        OpenApiParameter("cursor", {"type": "string", "maxLength": 200}, OpenApiParameter.QUERY,
                         description="From a previous page's `next`; not made by hand."),
    ]


def error_response(description: str, detail: str) -> OpenApiResponse:
    """A ``{"detail": …}`` answer; ``detail`` is an example of the message (in English)."""
    return OpenApiResponse(ref("ErrorDetail"), description=description,
                           examples=[OpenApiExample("Message", value={"detail": detail})])


BAD_REQUEST = OpenApiResponse(ref("ValidationErrors"), description="Refused input: the messages name each field.")
TOO_LARGE = OpenApiResponse(ref("ValidationErrors"), description=(
    "The body is larger than the platform reads (2.5 MB of fields, photos aside): "
    "`{\"non_field_errors\": [message]}`."))
NOT_FOUND = error_response("Nothing public has that code or number.", "Not found.")
THROTTLED = error_response(
    "Too many reports or \"me too\"s from this address; the `Retry-After` header says how many seconds to wait.",
    "Request was throttled. Expected available in 1800 seconds.",
)
FORBIDDEN_STAFF = error_response("Not signed in, or signed in without a staff role.",
                                 "Only the city's staff may use this.")


class ApiDocsView(SpectacularSwaggerView):
    """The browsable documentation (Swagger UI from our own static files), an English page."""

    template_name = "api/docs.html"


def object_schema(properties: dict, *, description: str, optional: tuple[str, ...] = ()) -> dict:
    """An object schema whose properties are all required except ``optional``."""
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": [name for name in properties if name not in optional],
    }
