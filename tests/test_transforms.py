"""Coordinates are transformed with one GDAL transformation per pair of SRIDs per thread, built once:
building one costs 15-40 ms (a PROJ pipeline), and every request built several (the bbox, the point
of a new report, each row of the public list)."""

import ast
import json
from pathlib import Path

import pytest
from django.contrib.gis.gdal import CoordTransform, geometries
from django.db import connection

from tests.factories import FeedbackFactory
from tests.geo_feedback.conftest import RAILWAY_STATION

ROOT = Path(__file__).resolve().parent.parent
HELPER = ROOT / "city" / "querysets.py"


def test_only_the_helper_transforms_coordinates_in_python():
    calls = []
    for app in ("city", "geo_feedback", "planning", "config"):
        for path in (ROOT / app).rglob("*.py"):
            if path == HELPER or "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "transform":
                    calls.append(f"{path.relative_to(ROOT)}:{node.lineno}")
                if isinstance(node, ast.Name) and node.id == "CoordTransform":
                    calls.append(f"{path.relative_to(ROOT)}:{node.lineno} (CoordTransform)")
    assert calls == [], "use city.querysets.to_storage / to_api / transformed"


@pytest.fixture
def transformations_built(monkeypatch):
    """Every GDAL transformation built: a CoordTransform, or the one OGR builds on the fly for a
    geometry transformed to a bare SRID (GEOSGeometry.transform(3067) does that on every call)."""
    built = []
    original_init = CoordTransform.__init__
    original_to = geometries.capi.geom_transform_to

    def counting_init(self, *args, **kwargs):
        built.append("CoordTransform")
        original_init(self, *args, **kwargs)

    def counting_to(*args):
        built.append("OGR_G_TransformTo")
        return original_to(*args)

    monkeypatch.setattr(CoordTransform, "__init__", counting_init)
    monkeypatch.setattr(geometries.capi, "geom_transform_to", counting_to)
    return built


def test_requests_build_no_transformation_once_the_process_has_one(client, city, transformations_built):
    number = FeedbackFactory(reporter_email="maija@example.fi").number
    report = {"category": "171", "kind": "fault", "description": "Syvä kuoppa pyörätiellä aseman edessä",
              "lon": RAILWAY_STATION[0], "lat": RAILWAY_STATION[1]}

    def every_kind_of_request():
        assert client.get("/api/v1/feedback/", {"bbox": "22.7,62.7,23.0,62.9"}).status_code == 200
        assert client.get(f"/api/v1/feedback/{number}/").status_code == 200
        assert client.get("/api/v1/areas/", {"contains": "22.8565,62.7823"}).status_code == 200
        assert client.post("/api/v1/feedback/", json.dumps(report), content_type="application/json").status_code == 201
        assert client.get("/palaute/").status_code == 200
        assert client.get(f"/palaute/{number}/").status_code == 200
        assert client.get("/open311/v2/requests.json", {"bbox": "22.7,62.7,23.0,62.9"}).status_code == 200

    every_kind_of_request()  # the process builds what it needs once
    built_first = len(transformations_built)
    every_kind_of_request()
    every_kind_of_request()
    assert len(transformations_built) == built_first <= 2  # 4326 -> 3067 and back, once each


@pytest.mark.django_db
def test_the_applications_connections_neither_jit_compile_nor_start_parallel_workers():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"


def test_the_public_list_page_transforms_its_points_in_postgis(client, city, monkeypatch):
    """A page of 50 reports once made 50 transformations in Python, one per row; PostGIS now gives
    each row's WGS84 point with the page's query."""
    for index in range(50):
        FeedbackFactory(description=f"Kuoppa numero {index} ajoradalla")
    transformed = []
    original = geometries.capi.geom_transform

    def counting(*args):
        transformed.append(args)
        return original(*args)

    monkeypatch.setattr(geometries.capi, "geom_transform", counting)
    html = client.get("/palaute/").content.decode()
    assert html.count("data-lon=") == 50
    assert transformed == []


def test_the_known_areas_of_use_are_the_epsg_registrys():
    from pyproj import CRS

    from city.querysets import KNOWN_AREAS_OF_USE

    for srid, bounds in KNOWN_AREAS_OF_USE.items():
        assert bounds == CRS.from_epsg(srid).area_of_use.bounds
