"""manage.py import_areas on the real files in fixtures/ and on broken ones."""

import json
from io import StringIO

import pytest
from django.contrib.gis.geos import Point
from django.core.management import CommandError, call_command

from city.models import Area, AreaImport
from tests.factories import AreaFactory
from tests.pg_stats import analyze_count

SEINAJOKI = "seinajoki_postal_areas_2019_epsg3067.geojson"
HELSINKI = "helsinki_districts_crs84.geojson"
KEMPELE = "kempele_test_plan_kaavatietomalli_epsg3067.gml"


def run_import(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_areas", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def seinajoki(fixtures_dir, *extra):
    return run_import(
        fixtures_dir / SEINAJOKI,
        "--code-field=postinumeroalue", "--name-field=nimi", "--name-sv-field=nimi_sv",
        "--kind=postal_area", *extra,
    )


def write_geojson(path, features, crs="urn:ogc:def:crs:EPSG::3067"):
    collection = {"type": "FeatureCollection", "features": features}
    if crs:
        collection["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def feature(code, name, geometry, **extra):
    return {"type": "Feature", "properties": {"code": code, "name": name, **extra}, "geometry": geometry}


def ring(x, y, size):
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


X, Y = 288_000, 6_968_000


@pytest.mark.django_db
def test_seinajoki_postal_areas_import_with_names_and_crs(fixtures_dir):
    out, err = seinajoki(fixtures_dir)
    assert "created 26, updated 0, repaired 0, rejected 0" in out
    assert "EPSG:3067" in err
    assert Area.objects.filter(kind="postal_area").count() == 26
    centre = Area.objects.get(code="60100")
    assert (centre.name_fi, centre.name_sv) == ("Seinäjoki Keskus", "Seinäjoki centrum")
    assert centre.boundary.srid == 3067 and centre.boundary.geom_type == "MultiPolygon"
    # Stored as given: the file is already in EPSG:3067. 60100 lies around E 288 000, N 6 969 000.
    assert 280_000 < centre.boundary.centroid.x < 296_000 and 6_960_000 < centre.boundary.centroid.y < 6_976_000
    # The 26 areas cover the whole municipality: 1 439 km² according to the data's README.
    total_km2 = sum(area.boundary.area for area in Area.objects.all()) / 1e6
    assert total_km2 == pytest.approx(1439, rel=0.01)
    run = AreaImport.objects.get()
    assert (run.created, run.updated, run.source_crs, run.rejected) == (26, 0, "EPSG:3067", [])


@pytest.mark.django_db
def test_reimport_updates_in_place_without_duplicates(fixtures_dir):
    seinajoki(fixtures_dir)
    Area.objects.filter(code="60100").update(name_fi="Vanha nimi")
    ids = dict(Area.objects.values_list("code", "id"))
    out, _ = seinajoki(fixtures_dir)
    assert "created 0, updated 26" in out
    assert Area.objects.count() == 26
    assert dict(Area.objects.values_list("code", "id")) == ids
    assert Area.objects.get(code="60100").name_fi == "Seinäjoki Keskus"


@pytest.mark.django_db
def test_helsinki_districts_in_crs84_are_reprojected(fixtures_dir):
    out, err = run_import(
        fixtures_dir / HELSINKI, "--code-field=tunnus", "--name-field=nimi_fi", "--name-sv-field=nimi_se",
        "--kind=district",
    )
    assert "created 60" in out and "rejected 0" in out
    assert "EPSG:4326" in err
    # Helsinki's Senate Square (24.9525, 60.1694) lies in the district of Kruununhaka or Kluuvi.
    senate_square = Point(24.9525, 60.1694, srid=4326)
    names = list(Area.objects.containing(senate_square).values_list("name_fi", flat=True))
    assert names in (["KRUUNUNHAKA"], ["KLUUVI"])
    district = Area.objects.get(name_fi=names[0])
    assert district.name_sv in ("KRONOHAGEN", "GLOET")
    # Metres in ETRS-TM35FIN: Helsinki lies around E 385 000, N 6 672 000.
    assert 370_000 < district.boundary.centroid.x < 400_000
    assert 6_660_000 < district.boundary.centroid.y < 6_690_000


@pytest.mark.django_db
def test_english_names_come_from_their_own_field_and_stay_when_a_file_has_none(tmp_path):
    square_of = {"type": "Polygon", "coordinates": [ring(X, Y, 1000)]}
    path = write_geojson(tmp_path / "areas.geojson", [
        feature("N", "Pohjoinen alue", square_of, nimi_en="Northern area"),
        feature("K", "Kasperi", {"type": "Polygon", "coordinates": [ring(X + 1000, Y, 1000)]}, nimi_en=None),
    ])
    with pytest.raises(CommandError, match=r"no field 'name_en' \(--name-en-field\); its fields are: .*nimi_en"):
        run_import(path, "--code-field=code", "--name-field=name", "--name-en-field=name_en", "--kind=budget_area")
    out, _ = run_import(path, "--code-field=code", "--name-field=name", "--name-en-field=nimi_en",
                        "--kind=budget_area")
    assert "created 2" in out
    north, kasperi = Area.objects.get(code="N"), Area.objects.get(code="K")
    assert (north.name_en, north.name("en"), north.name("fi")) == ("Northern area", "Northern area", "Pohjoinen alue")
    assert (kasperi.name_en, kasperi.name("en")) == ("", "Kasperi")  # a place name: Finnish in English too
    # A new boundary from a file without English names keeps the ones the areas have.
    Area.objects.filter(code="K").update(name_en="Typed in the admin")
    out, _ = run_import(path, "--code-field=code", "--name-field=name", "--kind=budget_area")
    assert "updated 2" in out
    assert dict(Area.objects.values_list("code", "name_en")) == {"N": "Northern area", "K": "Typed in the admin"}


@pytest.mark.django_db
def test_kempele_gml_plan_boundary_needs_and_takes_a_given_srid(fixtures_dir):
    args = ["--layer=SpatialPlan", "--code-field=identifier", "--name-field=localizedName", "--kind=district"]
    with pytest.raises(CommandError, match="does not say which coordinate system.*--srid"):
        run_import(fixtures_dir / KEMPELE, *args)
    assert Area.objects.count() == 0
    out, err = run_import(fixtures_dir / KEMPELE, *args, "--srid=3067")
    assert "created 1" in out and "given with --srid" in err
    plan = Area.objects.get()
    assert plan.code == "119012415431996" and plan.name_fi == "Kempelen testikaava"
    assert 429_000 < plan.boundary.centroid.x < 431_000  # the file's own metres, untouched


@pytest.mark.django_db
def test_a_file_with_several_layers_asks_which_one(fixtures_dir):
    with pytest.raises(CommandError, match="has 4 layers; choose one with --layer: .*SpatialPlan"):
        run_import(fixtures_dir / KEMPELE, "--code-field=x", "--name-field=y", "--kind=district", "--srid=3067")
    with pytest.raises(CommandError, match="no layer 'Plan'; its layers are"):
        run_import(fixtures_dir / KEMPELE, "--layer=Plan", "--code-field=x", "--name-field=y",
                   "--kind=district")


@pytest.mark.django_db
def test_a_wrong_field_name_names_the_fields_there_are_and_changes_nothing(fixtures_dir):
    with pytest.raises(CommandError) as error:
        run_import(fixtures_dir / SEINAJOKI, "--code-field=postinumero", "--name-field=nimi",
                   "--kind=postal_area")
    message = str(error.value)
    assert "no field 'postinumero' (--code-field)" in message
    assert "postinumeroalue" in message and "nimi_sv" in message
    assert Area.objects.count() == 0 and AreaImport.objects.count() == 0


@pytest.mark.django_db
def test_unknown_parent_and_missing_file_are_clear_errors(fixtures_dir, tmp_path):
    with pytest.raises(CommandError, match="--parent: no area has the code 'X'"):
        seinajoki(fixtures_dir, "--parent=X")
    with pytest.raises(CommandError, match="no such file"):
        run_import(tmp_path / "nothing.gpkg", "--code-field=a", "--name-field=b", "--kind=district")


@pytest.fixture
def broken_file(tmp_path):
    bowtie = [[X, Y], [X + 1000, Y + 1000], [X + 1000, Y], [X, Y + 1000], [X, Y]]
    flat = [[X, Y], [X + 500, Y], [X + 1000, Y], [X, Y]]  # all on one line: no area at all
    return write_geojson(
        tmp_path / "broken.geojson",
        [
            feature("OK1", "Kunnossa", {"type": "Polygon", "coordinates": [ring(X, Y, 1000)]}),
            feature("BOW", "Rusetti", {"type": "Polygon", "coordinates": [bowtie]}),
            feature("FLAT", "Litteä", {"type": "Polygon", "coordinates": [flat]}),
            feature("PT", "Piste", {"type": "Point", "coordinates": [X, Y]}),
            feature("", "Nimetön koodi", {"type": "Polygon", "coordinates": [ring(X, Y, 10)]}),
            feature("OK1", "Toistettu", {"type": "Polygon", "coordinates": [ring(X, Y, 10)]}),
            feature("NOGEOM", "Ei geometriaa", None),
            feature("GK", "Väärä CRS", {"type": "Polygon", "coordinates": [ring(23_500_000, 6_968_000, 100)]}),
            feature("NONAME", "", {"type": "Polygon", "coordinates": [ring(X, Y, 10)]}),
        ],
    )


@pytest.mark.django_db
def test_broken_geometry_is_repaired_where_safe_and_each_rejection_names_row_and_reason(broken_file):
    out, _ = run_import(broken_file, "--code-field=code", "--name-field=name", "--kind=district")
    assert "created 2, updated 0, repaired 1, rejected 7" in out
    assert "row 2 (code 'BOW'): repaired invalid geometry (Self-intersection" in out
    expected = {
        "row 3 (code 'FLAT') rejected: invalid geometry that cannot be repaired safely",
        "row 4 (code 'PT') rejected: expected a polygon, found a Point",
        "row 5 (code '') rejected: the code field is empty",
        "row 6 (code 'OK1') rejected: code 'OK1' appears again (first at row 1)",
        "row 7 (code 'NOGEOM') rejected: the row has no geometry",
        "row 8 (code 'GK') rejected: lies outside the area of use of EPSG:3067",
        "row 9 (code 'NONAME') rejected: the name field is empty",
    }
    for line in expected:
        assert line in out
    assert set(Area.objects.values_list("code", flat=True)) == {"OK1", "BOW"}
    bowtie = Area.objects.get(code="BOW").boundary
    assert bowtie.valid and bowtie.num_geom == 2 and bowtie.area == pytest.approx(500_000)
    assert [r["row"] for r in AreaImport.objects.get().rejected] == [3, 4, 5, 6, 7, 8, 9]


@pytest.mark.django_db
def test_strict_import_with_a_rejection_changes_nothing(broken_file):
    existing = AreaFactory(code="OK1", name_fi="Ennallaan")
    with pytest.raises(CommandError, match="7 rows rejected; nothing was imported"):
        run_import(broken_file, "--code-field=code", "--name-field=name", "--kind=district", "--strict")
    assert list(Area.objects.values_list("code", "name_fi")) == [("OK1", "Ennallaan")]
    assert Area.objects.get().boundary.equals(existing.boundary)
    assert AreaImport.objects.count() == 0


@pytest.mark.django_db
def test_dry_run_reports_but_changes_nothing(fixtures_dir):
    out, _ = seinajoki(fixtures_dir, "--dry-run")
    assert "Dry run: would have created 26" in out
    assert Area.objects.count() == 0


@pytest.mark.django_db
def test_an_import_analyses_the_area_table_after_it_commits_and_a_dry_run_does_not(
    fixtures_dir, django_capture_on_commit_callbacks,
):
    before = analyze_count("city_area")
    with django_capture_on_commit_callbacks(execute=True):
        seinajoki(fixtures_dir, "--dry-run")
    assert analyze_count("city_area") == before
    with django_capture_on_commit_callbacks(execute=True):
        seinajoki(fixtures_dir)
        assert analyze_count("city_area") == before  # not inside the import's transaction
    assert analyze_count("city_area") == before + 1


@pytest.mark.django_db
def test_populations_parent_and_progress_on_a_large_file(tmp_path):
    city = AreaFactory(code="CITY", kind="city")
    features = [
        feature(f"G{n:03d}", f"Ruutu {n}", {"type": "Polygon", "coordinates": [ring(X + 100 * n, Y, 100)]},
                asukkaat=str(n * 10) if n != 7 else "paljon")
        for n in range(150)
    ]
    path = write_geojson(tmp_path / "grid.geojson", features)
    out, err = run_import(path, "--code-field=code", "--name-field=name", "--kind=village", "--parent=CITY",
                          "--population-field=asukkaat", "--population-year=2024")
    assert "created 149" in out
    assert "row 8 (code 'G007') rejected: population 'paljon' is not a number" in out
    assert "150/150" in err  # the progress bar reached the end
    area = Area.objects.get(code="G003")
    assert (area.population, area.population_year, area.population_source) == (30, 2024, "official")
    assert area.parent == city


@pytest.mark.django_db
def test_a_population_needs_its_year(tmp_path):
    path = write_geojson(tmp_path / "p.geojson", [
        feature("P1", "Yksi", {"type": "Polygon", "coordinates": [ring(X, Y, 100)]}, asukkaat=5)])
    out, _ = run_import(path, "--code-field=code", "--name-field=name", "--kind=village",
                        "--population-field=asukkaat")
    assert "a population needs its year (--population-year)" in out
