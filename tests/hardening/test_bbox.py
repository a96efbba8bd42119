"""Any box that contains a report returns it, however large: a world-sized box was transformed to
EPSG:3067 whole, degenerated there, and the city's reports vanished from the map and Open311."""

import pytest

from tests.factories import FeedbackFactory, point
from tests.geo_feedback.conftest import RAILWAY_STATION
from tests.open311.conftest import BASE, as_json

BOXES = ["-180,-90,180,90", "-179.9,-89,179.9,89", "0,0,180,90", "19.08,58.84,31.59,70.09",
         "22.85,62.78,22.86,62.79", "-10,40,60,75"]
OUTSIDE = ["-180,-90,0,0", "100,0,180,50", "32,60,40,70"]  # the Americas, Asia, Russia: not Finland


@pytest.fixture
def station_report(city):
    return FeedbackFactory(location=point(RAILWAY_STATION))


@pytest.mark.parametrize("bbox", BOXES)
def test_a_box_around_the_report_finds_it_in_the_api(client, station_report, bbox):
    features = client.get("/api/v1/feedback/", {"bbox": bbox}).json()["features"]
    assert [feature["properties"]["number"] for feature in features] == [station_report.number]


@pytest.mark.parametrize("bbox", BOXES)
def test_a_box_around_the_report_finds_it_in_open311(client, station_report, bbox):
    requests = as_json(client.get(f"{BASE}/requests.json", {"bbox": bbox}))
    assert [request["service_request_id"] for request in requests] == [station_report.number]


@pytest.mark.parametrize("bbox", OUTSIDE)
def test_a_box_elsewhere_finds_nothing(client, station_report, bbox):
    assert client.get("/api/v1/feedback/", {"bbox": bbox}).json()["features"] == []
    assert as_json(client.get(f"{BASE}/requests.json", {"bbox": bbox})) == []
