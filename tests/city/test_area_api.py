"""GET /api/v1/areas/: GeoJSON in EPSG:4326, filters, point queries and errors."""

import pytest
from django.contrib.gis.geos import GEOSGeometry, Point

from city.models import AreaKind, PopulationSource
from tests.factories import AreaFactory, square

X0, Y0 = 288_000, 6_968_000


@pytest.fixture
def nested_city(db):
    """City ⊃ budget area ⊃ two districts that share the edge x = X0 + 1000."""
    city = AreaFactory(code="C", name_fi="Kaupunki", kind=AreaKind.CITY, boundary=square(X0, Y0, 4000))
    west = AreaFactory(
        code="W", name_fi="Länsi", name_sv="Väst", name_en="West", kind=AreaKind.BUDGET_AREA, parent=city,
        boundary=square(X0, Y0, 2000),
    )
    a = AreaFactory(code="A", name_fi="Aalto", name_sv="Våg", parent=west, boundary=square(X0, Y0, 1000),
                    population=1234, population_year=2020, population_source=PopulationSource.ESTIMATE)
    b = AreaFactory(code="B", name_fi="Bertta", name_sv="", parent=west, boundary=square(X0 + 1000, Y0, 1000))
    return {"city": city, "west": west, "a": a, "b": b}


def lonlat(x: float, y: float) -> str:
    point = Point(x, y, srid=3067).transform(4326, clone=True)
    return f"{point.x!r},{point.y!r}"


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    return [feature["id"] for feature in collection["features"]]


def test_list_is_geojson_in_wgs84_with_public_properties(client, nested_city):
    response = client.get("/api/v1/areas/")
    assert codes(response) == ["A", "B", "C", "W"]
    feature = response.json()["features"][0]
    assert feature["properties"] == {
        "code": "A",
        "name": "Aalto",
        "name_fi": "Aalto",
        "name_sv": "Våg",
        "name_en": "",
        "kind": "district",
        "parent": "W",
        "population": 1234,
        "population_year": 2020,
        "population_source": "estimate",
        "budget_area": {"code": "W", "name": "Länsi"},
    }
    # Degrees, not metres, and the same shape as stored once projected back.
    geometry = GEOSGeometry(str(feature["geometry"]).replace("'", '"'), srid=4326)
    lon, lat = geometry.centroid.coords
    assert 22 < lon < 23.5 and 62.5 < lat < 63
    assert geometry.transform(3067, clone=True).area == pytest.approx(1_000_000, rel=1e-4)


def test_swedish_names_are_served_on_request(client, nested_city):
    features = client.get("/api/v1/areas/?lang=sv&kind=district").json()["features"]
    assert [f["properties"]["name"] for f in features] == ["Våg", "Bertta"]  # no Swedish name: Finnish
    assert features[0]["properties"]["budget_area"]["name"] == "Väst"


def test_english_names_are_served_on_request_and_finnish_where_there_is_none(client, nested_city):
    features = client.get("/api/v1/areas/?lang=en").json()["features"]
    names = {f["id"]: (f["properties"]["name"], f["properties"]["name_en"]) for f in features}
    assert names == {"A": ("Aalto", ""), "B": ("Bertta", ""), "C": ("Kaupunki", ""), "W": ("West", "West")}
    assert features[0]["properties"]["budget_area"] == {"code": "W", "name": "West"}
    detail = client.get("/api/v1/areas/W/", HTTP_ACCEPT_LANGUAGE="en").json()["properties"]
    assert (detail["name"], detail["budget_area"]["name"]) == ("West", "West")
    # Finnish pages and Swedish ones keep their own names.
    assert client.get("/api/v1/areas/W/").json()["properties"]["name"] == "Länsi"
    assert client.get("/api/v1/areas/W/?lang=sv").json()["properties"]["name"] == "Väst"


def test_filter_by_kind_and_parent(client, nested_city):
    assert codes(client.get("/api/v1/areas/?kind=budget_area")) == ["W"]
    assert codes(client.get("/api/v1/areas/?parent=W")) == ["A", "B"]
    assert codes(client.get("/api/v1/areas/?parent=C&kind=budget_area")) == ["W"]
    assert codes(client.get("/api/v1/areas/?parent=NOPE")) == []


def test_point_inside_returns_containing_areas_innermost_first(client, nested_city):
    response = client.get("/api/v1/areas/", {"contains": lonlat(X0 + 500, Y0 + 500)})
    assert codes(response) == ["A", "W", "C"]


def test_point_on_a_shared_boundary_belongs_to_both_sides(client, nested_city):
    response = client.get("/api/v1/areas/", {"contains": lonlat(X0 + 1000, Y0 + 500)})
    assert set(codes(response)[:2]) == {"A", "B"}
    assert codes(response)[2:] == ["W", "C"]


def test_point_just_beside_a_boundary_belongs_to_one_side(client, nested_city):
    response = client.get("/api/v1/areas/", {"contains": lonlat(X0 + 1000.5, Y0 + 500)})
    assert codes(response) == ["B", "W", "C"]


def test_point_outside_every_area_returns_an_empty_collection(client, nested_city):
    response = client.get("/api/v1/areas/", {"contains": lonlat(X0 + 10_000, Y0 + 500)})
    assert codes(response) == []
    assert response.json() == {"type": "FeatureCollection", "features": []}


@pytest.mark.parametrize(
    "value, message",
    [
        ("abc", "LON,LAT"),
        ("22.8", "LON,LAT"),
        ("22.8,62.7,3", "LON,LAT"),
        ("22.8;62.7", "LON,LAT"),
        ("nan_x,62", "LON,LAT"),
        ("200,62.7", "between -180 and 180"),
        ("22.8,95", "between -90 and 90"),
        ("nan,62.7", "between -180 and 180"),
        ("22.8,inf", "between -180 and 180"),
    ],
)
def test_malformed_point_is_a_400_naming_the_field(client, nested_city, value, message):
    response = client.get("/api/v1/areas/", {"contains": value}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert message in response.json()["contains"][0]


def test_errors_speak_finnish_by_default_and_swedish_on_request(client, nested_city):
    finnish = client.get("/api/v1/areas/", {"contains": "abc"})
    assert finnish.json() == {"contains": ["Anna piste muodossa LON,LAT desimaaliasteina, esim. 22.84,62.79."]}
    swedish = client.get("/api/v1/areas/", {"contains": "abc"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert swedish.json()["contains"][0].startswith("Ange punkten som LON,LAT")


def test_unknown_kind_is_a_400_naming_the_field(client, nested_city):
    response = client.get("/api/v1/areas/?kind=planet")
    assert response.status_code == 400
    assert "kind" in response.json()


def test_detail_returns_one_feature(client, nested_city):
    response = client.get("/api/v1/areas/A/")
    assert response.status_code == 200
    feature = response.json()
    assert feature["type"] == "Feature" and feature["id"] == "A"
    assert feature["geometry"]["type"] == "MultiPolygon"


def test_detail_of_unknown_code_is_404_with_a_message(client, nested_city):
    response = client.get("/api/v1/areas/ZZZ/")
    assert response.status_code == 404
    assert "ZZZ" in response.json()["detail"]


def test_list_query_count_does_not_grow_with_areas(client, nested_city, django_assert_num_queries):
    for _ in range(20):
        AreaFactory(parent=nested_city["west"])
    with django_assert_num_queries(1):  # the ids in order and the GeoJSON built by PostGIS, in one statement
        assert len(codes(client.get("/api/v1/areas/"))) == 24


def test_clients_may_ask_for_geojson_by_media_type(client, nested_city):
    response = client.get("/api/v1/areas/", HTTP_ACCEPT="application/geo+json")
    assert codes(response) == ["A", "B", "C", "W"]
    error = client.get("/api/v1/areas/?contains=x", HTTP_ACCEPT="application/geo+json")
    assert error.status_code == 400 and "contains" in error.json()
