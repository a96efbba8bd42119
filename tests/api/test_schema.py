"""The OpenAPI schema at /api/v1/schema/ and its documentation page at /api/v1/docs/.

The schema must be valid OpenAPI 3 without a single drf-spectacular warning, list every
/api/v1/ endpoint the URL configuration has (and nothing else), and describe each operation
fully; the docs page must work offline from our own static files.
"""

import re
from html.parser import HTMLParser

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import URLPattern, URLResolver, get_resolver, path
from drf_spectacular.drainage import GENERATOR_STATS
from rest_framework.response import Response
from rest_framework.views import APIView

from config.openapi import only_platform_api

API_PREFIX = "/api/v1/"
DOCUMENTATION_VIEWS = {"SpectacularAPIView", "ApiDocsView"}
TAGS = {"areas", "budgets", "feedback", "initiatives", "panels", "places", "plans", "reports", "staff"}
# Operations for a resident signed in through the identity step (a session, like the staff's).
RESIDENTS_SIGNED_IN = {"GET /api/v1/budgets/{id}/ballot/", "PUT /api/v1/budgets/{id}/ballot/",
                       "POST /api/v1/budgets/{id}/proposals/"}


class UndescribedView(APIView):
    """A view drf-spectacular cannot describe: no serializer, no extend_schema."""

    def get(self, request):
        return Response({})


# A URL configuration for test_spectacular_fails_on_a_view_it_cannot_describe (--urlconf).
urlpatterns = [path("api/v1/undescribed/", UndescribedView.as_view())]


@pytest.fixture
def fresh_generator_stats():
    """drf-spectacular counts warnings process-wide: each run here starts from none."""
    GENERATOR_STATS.reset()
    yield
    GENERATOR_STATS.reset()


def test_spectacular_validates_without_warnings(fresh_generator_stats, tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["license"]["name"] == "EUPL-1.2"


def test_spectacular_fails_on_a_view_it_cannot_describe(fresh_generator_stats, tmp_path):
    with pytest.raises(CommandError, match="warnings"):
        call_command("spectacular", "--validate", "--fail-on-warn", "--urlconf", __name__,
                     "--file", str(tmp_path / "schema.yaml"))


def _django_api_paths() -> set[str]:
    """Every DRF endpoint under /api/v1/ in the URL configuration, as OpenAPI paths."""
    found = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                view_class = getattr(pattern.callback, "cls", None)
                if view_class is None or not issubclass(view_class, APIView):
                    continue
                if view_class.__name__ in DOCUMENTATION_VIEWS or "open311" in view_class.__module__:
                    continue
                openapi_path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
                if openapi_path.startswith(API_PREFIX):
                    found.add(openapi_path)

    walk(get_resolver().url_patterns, "")
    return found


@pytest.fixture
def schema(client) -> dict:
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_lists_every_api_endpoint_and_nothing_else(schema):
    expected = _django_api_paths()
    assert len(expected) >= 10  # areas, feedback, places, staff: the walk above found them
    assert set(schema["paths"]) == expected
    assert not any("open311" in url.lower() for url in schema["paths"])
    assert not {f"{API_PREFIX}schema/", f"{API_PREFIX}docs/"} & set(schema["paths"])


def test_the_schema_is_yaml_by_default_and_json_on_request(client):
    yaml_response = client.get("/api/v1/schema/")
    assert yaml_response.status_code == 200
    assert yaml_response["Content-Type"].startswith("application/vnd.oai.openapi")
    from_yaml = yaml.safe_load(yaml_response.content)
    from_json = client.get("/api/v1/schema/?format=json").json()
    assert from_yaml["paths"].keys() == from_json["paths"].keys()


def test_every_operation_is_described(schema):
    operation_ids = []
    for url, methods in schema["paths"].items():
        for method, operation in methods.items():
            label = f"{method.upper()} {url}"
            operation_ids.append(operation["operationId"])
            assert operation.get("summary") and operation.get("description"), label
            assert set(operation["tags"]) <= TAGS and len(operation["tags"]) == 1, label
            assert not any(parameter["name"] == "format" for parameter in operation.get("parameters", [])), label
            codes = set(operation["responses"])
            assert codes & {"200", "201"}, label
            for code, response in operation["responses"].items():
                assert response["description"], (label, code)
                assert response.get("content"), (label, code)  # every answer has a body, errors too
            if url.startswith(f"{API_PREFIX}staff/") or label in RESIDENTS_SIGNED_IN:
                assert operation["security"] == [{"cookieAuth": []}], label
                assert "403" in codes, label
            else:
                assert {} in operation["security"], label  # residents need no session
            if "{" in url:
                assert "404" in codes, label
    assert len(operation_ids) == len(set(operation_ids))
    assert schema["components"]["securitySchemes"]["cookieAuth"] == {
        "type": "apiKey", "in": "cookie", "name": "sessionid"}


def test_geojson_answers_are_described_once_and_reused(schema):
    paths = schema["paths"]
    components = schema["components"]["schemas"]

    def success_schema(url, method="get", code="200", media_type="application/geo+json"):
        return paths[url][method]["responses"][code]["content"][media_type]["schema"]

    assert success_schema("/api/v1/areas/") == {"$ref": "#/components/schemas/AreaFeatureCollection"}
    assert success_schema("/api/v1/areas/{code}/") == {"$ref": "#/components/schemas/AreaFeature"}
    assert success_schema("/api/v1/feedback/") == {"$ref": "#/components/schemas/FeedbackFeatureCollection"}
    assert components["FeedbackMapFeature"]["properties"]["geometry"] == {"$ref": "#/components/schemas/PointGeometry"}
    # The GeoJSON lists answer with GeoJSON only; their refusals are JSON.
    assert set(paths["/api/v1/areas/"]["get"]["responses"]["200"]["content"]) == {"application/geo+json"}
    errors = paths["/api/v1/areas/"]["get"]["responses"]["400"]["content"]["application/json"]["schema"]
    assert errors == {"$ref": "#/components/schemas/ValidationErrors"}
    assert components["ValidationErrors"]["additionalProperties"] == {"type": "array", "items": {"type": "string"}}


def test_the_report_can_be_sent_as_json_or_multipart_with_photos(schema):
    body = schema["paths"]["/api/v1/feedback/"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)
    components = schema["components"]["schemas"]
    multipart = components[body["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[1]]
    assert multipart["properties"]["photos"]["items"] == {"type": "string", "format": "binary"}
    as_json = components[body["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]]
    assert "photos" not in as_json["properties"]
    assert set(as_json["required"]) == {"category", "kind", "description"}
    assert {"name", "email", "phone"} <= set(as_json["properties"])
    # Private contact details go in, and no public answer describes them coming out.
    public = [name for name in components if name.startswith(("Feedback", "Public")) and not name.endswith("Request")]
    assert len(public) >= 6
    for name in public:
        names = _property_names(components[name], components)
        assert not names & {"name", "email", "phone", "reporter_name", "reporter_email", "reporter_phone"}, name


def _property_names(schema: dict, components: dict) -> set[str]:
    """The property names of an object schema, through $ref, allOf, items and nested objects."""
    if "$ref" in schema:
        return _property_names(components[schema["$ref"].rsplit("/", 1)[1]], components)
    names = set(schema.get("properties", {}))
    items = [schema["items"]] if "items" in schema else []
    for nested in [*schema.get("properties", {}).values(), *schema.get("allOf", []), *items]:
        names |= _property_names(nested, components)
    return names


def test_enums_follow_the_models(schema):
    from city.models import AreaKind
    from geo_feedback.models import FeedbackKind
    from geo_feedback.statuses import FeedbackStatus

    components = schema["components"]["schemas"]
    assert components["FeedbackMapProperties"]["properties"]["kind"]["enum"] == FeedbackKind.values
    assert components["FeedbackMapProperties"]["properties"]["status"]["enum"] == FeedbackStatus.values
    assert components["AreaProperties"]["properties"]["kind"]["enum"] == AreaKind.values
    kind_parameter = next(parameter for parameter in schema["paths"]["/api/v1/feedback/"]["get"]["parameters"]
                          if parameter["name"] == "kind")
    assert kind_parameter["style"] == "form" and kind_parameter["explode"] is False  # kind=fault,idea


def test_endpoints_with_a_specification_of_their_own_are_left_out():
    class Open311View(APIView):
        pass

    Open311View.__module__ = "geo_feedback.open311.views"
    own = Open311View.as_view()
    platform = UndescribedView.as_view()
    endpoints = [
        ("/api/v1/open311/services.json", "", "GET", own),
        ("/api/v1/areas/", "", "GET", platform),
        ("/healthz", "", "GET", platform),
    ]
    assert [endpoint[0] for endpoint in only_platform_api(endpoints)] == ["/api/v1/areas/"]


class _Assets(HTMLParser):
    """The URLs a page loads: scripts, style sheets and icons."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.lang = None
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon"):
            self.urls.append(attrs["href"])
        self._in_title = tag == "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        self._in_title = False


def test_the_docs_page_loads_everything_from_our_own_static_files(client, settings):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assets = _Assets()
    assets.feed(page)
    assert assets.lang == "en"
    assert "Osallistu Seinäjoella API" in assets.title
    assert len(assets.urls) >= 4  # Swagger UI's script, preset, style sheet and icon
    for url in assets.urls:
        assert url.startswith(settings.STATIC_URL), url
        assert finders.find(url.removeprefix(settings.STATIC_URL)), f"{url} is not in our static files"
    assert "https://" not in page and "http://" not in page  # no CDN, no web fonts
    assert '"/api/v1/schema/"' in page
