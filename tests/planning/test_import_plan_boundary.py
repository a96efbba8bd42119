"""manage.py import_plan_boundary PLAN FILE: the national plan data model's test GML (no CRS declared),
a small GeoJSON in WGS84, and the files and arguments it must refuse without changing anything."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from planning.models import AffectedArea, ProcessAction, ProcessEvent
from tests.factories.processes import process_make

GML_NAME = "kempele_test_plan_kaavatietomalli_epsg3067.gml"
SHARED_GML = Path(settings.BASE_DIR).parent / "shared" / "data" / GML_NAME
if not SHARED_GML.exists():  # a checkout without the shared data has the copy in fixtures/
    SHARED_GML = Path(settings.BASE_DIR) / "fixtures" / GML_NAME


@pytest.fixture
def kempele(tmp_path) -> Path:
    """The test plan GML, copied: GDAL writes a .gfs schema file beside a GML it reads, and the
    shared data is read-only input."""
    copy = tmp_path / GML_NAME
    copy.write_bytes(SHARED_GML.read_bytes())
    return copy


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_plan_boundary", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write_geojson(path: Path, geometries: list[dict], crs: str | None = None) -> Path:
    collection = {"type": "FeatureCollection",
                  "features": [{"type": "Feature", "properties": {"n": index}, "geometry": geometry}
                               for index, geometry in enumerate(geometries)]}
    if crs:
        collection["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def rectangle(west: float, south: float, east: float, north: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[west, south], [east, south], [east, north], [west, north],
                                                 [west, south]]]}


@pytest.fixture
def plan(city):
    return process_make(boundary=False, diary_number="77/10.02.03/2026")


def _unchanged(plan) -> None:
    plan.refresh_from_db()
    assert plan.boundary is None
    assert not ProcessEvent.objects.filter(process=plan, action=ProcessAction.BOUNDARY).exists()
    assert not AffectedArea.objects.filter(process=plan).exists()


def test_the_kempele_gml_needs_an_srid_and_then_gives_a_boundary_outside_seinajoki(plan, kempele):
    with pytest.raises(CommandError) as refusal:
        run(plan.pk, kempele, "--layer=SpatialPlan")
    message = str(refusal.value)
    assert "does not say which coordinate system" in message and "--srid 3067" in message
    _unchanged(plan)

    out, err = run(plan.pk, kempele, "--layer=SpatialPlan", "--srid=3067")
    assert "Reading 1 rows from kempele_test_plan_kaavatietomalli_epsg3067.gml:SpatialPlan" in err
    assert "given with --srid" in err
    assert f"Set the boundary of plan {plan.pk} from 1 rows" in out
    # Kempele is 200 km north of Seinäjoki: the demo city has no area near it, and the output says so.
    assert "Affected residential areas: none" in out and "26 residential areas" in out
    plan.refresh_from_db()
    assert 429_000 < plan.boundary.centroid.x < 430_000 and 7_199_000 < plan.boundary.centroid.y < 7_200_000
    assert plan.boundary.srid == 3067 and plan.boundary.geom_type == "MultiPolygon"
    event = ProcessEvent.objects.get(process=plan, action=ProcessAction.BOUNDARY)
    assert event.details["areas"] == [] and "SpatialPlan" in event.details["source"]


def test_a_geojson_in_wgs84_is_reprojected_joined_and_its_affected_areas_listed(plan, tmp_path):
    # Two overlapping rectangles and one apart in Seinäjoki's centre (GeoJSON without crs: WGS84).
    path = write_geojson(tmp_path / "kaava.geojson", [
        rectangle(22.840, 62.785, 22.850, 62.790), rectangle(22.848, 62.785, 22.855, 62.790),
        rectangle(22.860, 62.780, 22.862, 62.781),
    ])
    out, err = run(plan.diary_number, path)  # the plan by its diary number
    assert "Reading 3 rows" in err and ("OGC:CRS84" in err or "EPSG:4326" in err)
    assert "2 polygons" in out  # the overlapping two became one
    assert "Affected residential areas (" in out and "60100 Seinäjoki Keskus" in out
    assert "residents" in out and "inside" in out
    plan.refresh_from_db()
    assert len(plan.boundary) == 2 and plan.boundary.srid == 3067
    assert 285_000 < plan.boundary.centroid.x < 290_000
    assert AffectedArea.objects.filter(process=plan, area__code="60100").exists()
    assert plan.stakeholders.filter(proposed=True, area__code="60100").exists()  # residents proposed

    # Re-importing another file replaces the boundary and the areas with it.
    smaller = write_geojson(tmp_path / "pienempi.geojson", [rectangle(22.860, 62.780, 22.862, 62.781)])
    run(plan.pk, smaller)
    plan.refresh_from_db()
    assert len(plan.boundary) == 1
    assert ProcessEvent.objects.filter(process=plan, action=ProcessAction.BOUNDARY).count() == 2


def test_a_dry_run_checks_and_shows_but_changes_nothing(plan, tmp_path):
    path = write_geojson(tmp_path / "kaava.geojson", [rectangle(22.840, 62.785, 22.850, 62.790)])
    out, _err = run(plan.pk, path, "--dry-run")
    assert "Dry run: would have set the boundary" in out and "60100" in out
    _unchanged(plan)


def test_a_missing_layer_is_refused_naming_the_layers_there_are(plan, kempele):
    with pytest.raises(CommandError, match="no layer 'Plan'; its layers are: .*SpatialPlan"):
        run(plan.pk, kempele, "--layer=Plan", "--srid=3067")
    with pytest.raises(CommandError, match="has 4 layers; choose one with --layer"):
        run(plan.pk, kempele, "--srid=3067")
    _unchanged(plan)


def test_a_layer_without_geometry_is_refused(plan, kempele):
    with pytest.raises(CommandError, match="layer 'OrdinanceProcessEvent' has no geometry"):
        run(plan.pk, kempele, "--layer=OrdinanceProcessEvent", "--srid=3067")
    _unchanged(plan)


def test_a_layer_of_points_or_lines_is_refused_row_by_row(plan, tmp_path):
    path = write_geojson(tmp_path / "pisteet.geojson", [
        rectangle(22.840, 62.785, 22.850, 62.790),
        {"type": "Point", "coordinates": [22.85, 62.78]},
        {"type": "LineString", "coordinates": [[22.85, 62.78], [22.86, 62.79]]},
    ])
    out = StringIO()
    with pytest.raises(CommandError, match="2 of 3 rows .* cannot be part of a boundary"):
        call_command("import_plan_boundary", str(plan.pk), str(path), stdout=out, stderr=StringIO())
    assert "row 2 rejected: expected a polygon, found a Point" in out.getvalue()
    assert "row 3 rejected: expected a polygon, found a LineString" in out.getvalue()
    _unchanged(plan)


def test_a_wrong_srid_is_refused_with_the_reason(plan, tmp_path):
    path = write_geojson(tmp_path / "kaava.geojson", [rectangle(22.840, 62.785, 22.850, 62.790)])
    out = StringIO()
    with pytest.raises(CommandError, match="1 of 1 rows"):  # degrees read as metres: off the equator
        call_command("import_plan_boundary", str(plan.pk), str(path), "--srid=3067", stdout=out, stderr=StringIO())
    assert "row 1 rejected: lies outside the area of use of EPSG:3067" in out.getvalue()
    assert "is the source CRS right (--srid)?" in out.getvalue()
    _unchanged(plan)


def test_a_bow_tie_is_repaired_and_the_repair_named(plan, tmp_path):
    bow_tie = {"type": "Polygon", "coordinates": [[[22.84, 62.785], [22.85, 62.79], [22.85, 62.785], [22.84, 62.79],
                                                   [22.84, 62.785]]]}
    out, _err = run(plan.pk, write_geojson(tmp_path / "rusetti.geojson", [bow_tie]))
    assert "row 1: repaired invalid geometry" in out and "2 polygons" in out


@pytest.mark.parametrize("reference", ["999999", "ei-ole", "", "99999999999999999999999"])
def test_an_unknown_plan_is_refused(city, kempele, reference):
    with pytest.raises(CommandError, match="no plan has the id or diary number"):
        run(reference, kempele, "--layer=SpatialPlan", "--srid=3067")


def test_a_missing_file_is_refused(plan, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(plan.pk, tmp_path / "puuttuu.gpkg")
    _unchanged(plan)
