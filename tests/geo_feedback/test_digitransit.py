"""The Digitransit geocoder against a real HTTP server of the test's own, answering in the Pelias
format of Digitransit's geocoding API (fixtures/digitransit/): what it asks, what it makes of the
answer, and that the offline search answers when Digitransit does not."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from city.geocoding import DigitransitGeocoder, geocoder


class Digitransit(BaseHTTPRequestHandler):
    answer: bytes = b""
    status = 200
    seen: list = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        type(self).seen.append({"path": urlsplit(self.path).path, "query": parse_qs(urlsplit(self.path).query),
                                "key": self.headers.get("digitransit-subscription-key")})
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.answer if self.status == 200 else b'{"error": "unavailable"}')

    def log_message(self, *args):
        pass


@pytest.fixture
def digitransit(settings, fixtures_dir):
    Digitransit.answer = (fixtures_dir / "digitransit" / "search_sevontie.json").read_bytes()
    Digitransit.status, Digitransit.seen = 200, []
    server = HTTPServer(("127.0.0.1", 0), Digitransit)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.GEOCODER = "digitransit"
    settings.DIGITRANSIT_API_KEY = "avain-123"
    settings.DIGITRANSIT_GEOCODING_URL = f"http://127.0.0.1:{server.server_port}/geocoding/v1/search"
    yield Digitransit
    server.shutdown()
    server.server_close()


def test_it_asks_within_the_citys_box_with_the_key_and_reads_the_answer(digitransit, settings):
    assert isinstance(geocoder(), DigitransitGeocoder)
    results = geocoder().search("  sevontie   4 ", 5, language="sv")
    asked = digitransit.seen[0]
    assert asked["path"] == "/geocoding/v1/search" and asked["key"] == "avain-123"
    assert (asked["query"]["text"], asked["query"]["size"], asked["query"]["lang"]) == (["sevontie 4"], ["5"], ["sv"])
    assert [asked["query"][f"boundary.rect.{edge}"][0] for edge in ("min_lon", "min_lat", "max_lon", "max_lat")] == [
        str(value) for value in settings.DIGITRANSIT_BOUNDARY]
    assert [(r.label, r.kind) for r in results] == [
        ("Sevontie 4, Seinäjoki", "address"), ("Sevontie, Seinäjoki", "street"), ("Pajuluoma, Seinäjoki", "area")]
    assert (results[0].lon, results[0].lat) == (22.818821, 62.737052)  # GeoJSON order: lon, lat


def test_the_place_search_endpoint_answers_from_digitransit(client, digitransit):
    body = client.get("/api/v1/places/", {"q": "sevontie 4", "lang": "fi"}).json()
    assert body["results"][0] == {"label": "Sevontie 4, Seinäjoki", "kind": "address", "lon": 22.818821,
                                  "lat": 62.737052, "kind_label": "Osoite"}


def test_when_digitransit_fails_the_offline_search_answers(digitransit, city, fixtures_dir, caplog):
    import io

    from django.core.management import call_command

    call_command("import_places", str(fixtures_dir / "seinajoki_places_wgs84.csv"), stdout=io.StringIO())
    digitransit.status = 503
    results = geocoder().search("Sevontie 4", 5)
    assert results and results[0].label.startswith("Sevontie 4") and results[0].kind == "address"
    assert "Digitransit geocoding failed" in caplog.text


def test_a_short_query_asks_nothing(digitransit):
    assert geocoder().search("s") == [] and digitransit.seen == []

