"""The place search: places, areas and postal codes from our own database, and its endpoint."""

import io

import pytest
from django.contrib.gis.geos import Point
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from city.geocoding import OfflineGeocoder, geocoder
from city.models import Place
from city.selectors import area_placement
from tests.pg_stats import analyze_count


@pytest.fixture
def places(city, fixtures_dir):
    call_command("import_places", str(fixtures_dir / "seinajoki_places_wgs84.csv"), stdout=io.StringIO())


def test_import_places_loads_every_row_and_running_again_creates_none(city, fixtures_dir, capsys):
    call_command("import_places", str(fixtures_dir / "seinajoki_places_wgs84.csv"))
    out = capsys.readouterr().out
    assert "49 places created, 0 updated, 0 unchanged, 0 rows rejected" in out
    assert "49/49 rows" in out
    station = Place.objects.get(kind="rail_station", name="Seinäjoki asema")
    assert station.location.srid == 3067
    Place.objects.filter(pk=station.pk).update(accuracy_m=999)  # edited since
    call_command("import_places", str(fixtures_dir / "seinajoki_places_wgs84.csv"))
    assert "0 places created, 1 updated, 48 unchanged" in capsys.readouterr().out
    with CaptureQueriesContext(connection) as queries:  # a re-run writes only what differs: here nothing
        call_command("import_places", str(fixtures_dir / "seinajoki_places_wgs84.csv"))
    assert "0 places created, 0 updated, 49 unchanged" in capsys.readouterr().out
    assert not any(query["sql"].startswith(("INSERT", "UPDATE", "ANALYZE")) for query in queries.captured_queries)
    assert Place.objects.count() == 49


def test_import_places_names_the_rows_it_rejects(db, tmp_path, capsys):
    path = tmp_path / "places.csv"
    path.write_text(
        "kind,name,street_address,postcode,lon,lat\n"
        "address,,Kalevankatu 1,60100,22.85,62.79\n"
        "address,,Nowhere 2,,east,62.79\n"
        ",Nameless,,,22.8,62.7\n"
        "address,,Far away 3,,222.8,62.7\n",
        encoding="utf-8",
    )
    call_command("import_places", str(path))
    captured = capsys.readouterr()
    assert "1 places created, 0 updated, 0 unchanged, 3 rows rejected" in captured.out
    assert "row 3: lon/lat are not numbers" in captured.err
    assert "row 4: no kind" in captured.err
    assert "row 5: lon/lat out of range" in captured.err
    with pytest.raises(CommandError, match="3 rows rejected; nothing imported"):
        call_command("import_places", str(path), "--strict")


def test_import_places_analyses_the_place_table_after_it_commits(db, fixtures_dir, tmp_path,
                                                                  django_capture_on_commit_callbacks):
    before = analyze_count("city_place")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_places", str(fixtures_dir / "seinajoki_places_wgs84.csv"), stdout=io.StringIO())
        assert analyze_count("city_place") == before  # not inside the import's transaction
    assert analyze_count("city_place") == before + 1
    rejected = tmp_path / "places.csv"
    rejected.write_text("kind,name,street_address,postcode,lon,lat\naddress,,Nowhere 2,,east,62.79\n",
                        encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(CommandError):
        call_command("import_places", str(rejected), "--strict", stderr=io.StringIO())
    assert analyze_count("city_place") == before + 1  # nothing imported, nothing to analyse


def test_import_places_lists_the_columns_when_one_is_missing(db, tmp_path):
    path = tmp_path / "places.csv"
    path.write_text("kind,name,x,y\naddress,A,1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing columns street_address, postcode, lon, lat; the file has"):
        call_command("import_places", str(path))


def test_postal_code_finds_the_locality_and_the_postal_area(places):
    results = OfflineGeocoder().search("60100", 10)
    labels = [result.label for result in results]
    assert "60100 Seinäjoki" in labels
    assert "Seinäjoki Keskus (60100)" in labels
    area = next(result for result in results if result.kind == "area")
    # The point on the area's surface lies in the area itself.
    assert area_placement(Point(area.lon, area.lat, srid=4326)).area.code == "60100"


def test_street_address_and_station_and_area_name_are_found(places):
    search = OfflineGeocoder().search
    assert search("Sevontie", 5)[0].label == "Sevontie 4"
    assert search("sevontie 4", 5)[0].kind == "address"
    station = search("asema", 5)
    assert [result.label for result in station][:1] == ["Seinäjoki asema"]
    assert station[0].lon == pytest.approx(22.844217) and station[0].lat == pytest.approx(62.792016)
    nurmo = search("Nurmo", 10)
    assert {result.kind for result in nurmo} >= {"area", "postal_locality"}
    assert search("x", 5) == []
    assert search("   ", 5) == []
    assert search("Zzzyzx", 5) == []
    assert len(search("Seinäjoki", 3)) == 3


def test_the_setting_chooses_the_geocoder(settings):
    assert isinstance(geocoder(), OfflineGeocoder)
    with override_settings(GEOCODER="pelias"), pytest.raises(LookupError, match="not one of: offline"):
        geocoder()


def test_places_endpoint_returns_labels_kinds_and_coordinates(client, places):
    response = client.get("/api/v1/places/", {"q": "60550", "limit": 5})
    assert response.status_code == 200
    results = response.json()["results"]
    assert results and results[0].keys() >= {"label", "kind", "lon", "lat"}
    assert any(result["label"] == "60550 Nurmo" for result in results)
    assert client.get("/api/v1/places/", {"q": "Seinäjoki", "limit": 2}).json()["results"].__len__() == 2
    assert client.get("/api/v1/places/").json() == {"results": []}


@pytest.mark.parametrize("params", [{"q": "a", "limit": "many"}, {"q": "a", "limit": 0}, {"q": "x" * 101}])
def test_places_endpoint_refuses_bad_parameters_with_400(client, places, params):
    response = client.get("/api/v1/places/", params)
    assert response.status_code == 400


@pytest.mark.parametrize("example", ["Sevontie 4", "Nurmo", "60100"])
def test_each_example_the_search_hints_give_finds_a_place(places, example):
    """The report form's and the home page's hint: "For example Sevontie 4, Nurmo or 60100." (an
    earlier example, Kalevankatu 1, found nothing in the offline search)."""
    assert geocoder().search(example, 5, language="fi"), example


@pytest.mark.parametrize("typed, found", [
    ("ammalantie", "Ämmäläntie 444"),  # no ä typed
    ("ÄMMÄLÄNTIE 444", "Ämmäläntie 444"),
    ("perasein", "Peräseinäjoki"),
    ("seinajoki asema", "Seinäjoki asema"),
])
def test_search_forgives_case_and_a_missing_a_or_o_with_dots(places, typed, found):
    labels = [result.label for result in geocoder().search(typed, 5, language="fi")]
    assert labels and labels[0].startswith(found), labels
