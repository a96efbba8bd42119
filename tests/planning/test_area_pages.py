"""An area's page (/osallistumiskartta/alue/<code>/), built on the planning map's area view: its
population and where the figure comes from, its own channels (and those of the areas it lies in), its
meeting places as a list and as GeoJSON points for its small map, and its feedback figures against
hand-computed values (open, handled and the median time to handle over a fixed set); the same as JSON;
an area without a directory says so in words; an unknown code is a 404; each in a counted handful of
statements. Reaching it: the area map's list and popups link every area's page, and its address search
answers with links to the pages of the areas the places lie in."""

import io
import json
import re
from datetime import date, timedelta

import pytest
from django.contrib.gis.geos import Point
from django.core.management import call_command
from django.utils import timezone, translation

from city.models import Area, AreaChannel, ChannelKind, MeetingPlace
from geo_feedback.models import Feedback, FeedbackEvent
from geo_feedback.services.feedback import feedback_transition
from geo_feedback.statuses import FeedbackStatus
from planning.map_selectors import area_participation
from tests.factories.feedback import POINTS, FeedbackFactory, point

pytestmark = pytest.mark.django_db


def _received_days_ago(feedback: Feedback, days: float) -> None:
    Feedback.objects.filter(pk=feedback.pk).update(created_at=timezone.now() - timedelta(days=days))


def _handled_after(days_received: float, days_to_handle: float, where: str = "60100") -> Feedback:
    """A report received ``days_received`` ago and first marked handled ``days_to_handle`` later."""
    feedback = FeedbackFactory(location=point(POINTS[where]))
    feedback_transition(feedback=feedback, to_status=FeedbackStatus.HANDLED, public_note="Korjattu.")
    _received_days_ago(feedback, days_received)
    FeedbackEvent.objects.filter(feedback=feedback, to_status=FeedbackStatus.HANDLED).update(
        created_at=timezone.now() - timedelta(days=days_received - days_to_handle))
    return feedback


@pytest.fixture
def reports(city):
    """60100 (the centre): four handled after 1, 3, 5 and 8 days, two open (one received, one in
    progress), one closed as not the city's; spam, a report older than a year and another area's do
    not count. Hand-computed: received 7, open 2, handled 4, median (3 + 5) / 2 = 4.0 days (an even
    count: PostgreSQL's percentile_cont takes the mean of the two middle ones, percentile_disc would say 3)."""
    for received, to_handle in ((30, 1), (40, 3), (50, 5), (60, 8)):
        _handled_after(received, to_handle)
    FeedbackFactory(location=point(POINTS["60100"]))
    feedback_transition(feedback=FeedbackFactory(location=point(POINTS["60100"])), to_status=FeedbackStatus.IN_PROGRESS)
    feedback_transition(feedback=FeedbackFactory(location=point(POINTS["60100"])), to_status=FeedbackStatus.NOT_CITYS)
    feedback_transition(feedback=FeedbackFactory(location=point(POINTS["60100"])), to_status=FeedbackStatus.REJECTED,
                        internal_note="roskaa")
    _received_days_ago(FeedbackFactory(location=point(POINTS["60100"])), 400)
    _handled_after(10, 0.5, where="60550")


@pytest.fixture
def directory(city):
    """60100's own two channels and two meeting places, and a channel of the whole city (60100 lies in it)."""
    centre = Area.objects.get(code="60100")
    AreaChannel.objects.create(area=centre, kind=ChannelKind.FACEBOOK, name="Keskustan asukkaat",
                               url="https://example.org/keskusta/", kept_by="Keskustan asukasyhdistys",
                               checked_on=date(2026, 10, 5))
    AreaChannel.objects.create(area=centre, kind=ChannelKind.WHATSAPP, name="Korttelin WhatsApp",
                               how_to_join="Kysy kutsua asukastilan illoissa.")
    AreaChannel.objects.create(area=Area.objects.get(code="SJK"), kind=ChannelKind.WEBSITE, name="Koko kaupungin kylät",
                               url="https://example.org/kylat/")
    AreaChannel.objects.create(area=Area.objects.get(code="61400"), kind=ChannelKind.FACEBOOK, name="Ylistaron kylät")
    station = Point(*POINTS["60100"], srid=4326)
    station.transform(3067)
    hall = MeetingPlace.objects.create(
        area=centre, name="Asukastila Aseman vieressä", street_address="Esimerkkitie 1", location=station,
        capacity=40, accessible=True, how_to_book="Varaa kalenterista.", booking_url="https://example.org/varaa/",
        door="Ovikoodi tulee varauksen mukana.")
    MeetingPlace.objects.create(
        area=centre, name="Kerhohuone", street_address="Esimerkkitie 2", location=Point(station.x + 200, station.y,
                                                                                          srid=3067),
        how_to_book="Kysy isännöitsijältä.", door="Avain isännöitsijältä.")
    return {"hall": hall}


def _facts(code="60100", language="en", **options):
    with translation.override(language):
        return area_participation(code, language=language, **options)


def test_the_feedback_figures_are_the_hand_computed_ones(reports, django_assert_num_queries):
    with django_assert_num_queries(2):  # the area's facts, and its feedback figures
        facts = _facts()
    feedback = facts["feedback"]
    assert (feedback["days"], feedback["received"], feedback["open"], feedback["handled"]) == (365, 7, 2, 4)
    assert feedback["median_days_to_handle"] == 4.0
    assert _facts("60550")["feedback"]["median_days_to_handle"] == 0.5
    quiet = _facts("61440")["feedback"]  # Untamala: no reports
    assert (quiet["received"], quiet["open"], quiet["handled"], quiet["median_days_to_handle"]) == (0, 0, 0, None)


def test_the_page_says_the_figures_and_over_what_period(client, reports):
    html = client.get("/en/osallistumiskartta/alue/60100/").content.decode()
    figures = re.search(r'<dl class="facts-figures" id="area-feedback">(.*?)</dl>', html, re.S).group(1)
    assert re.findall(r"<dd>(.*?)</dd>", figures) == ["7", "2", "4", "4.0 days"]
    assert "received in the last 12 months" in html and "first time it was marked handled" in html
    quiet = client.get("/en/osallistumiskartta/alue/61440/").content.decode()
    assert "none handled yet" in quiet


def test_the_area_shows_its_population_with_its_year_and_source(client, city):
    Area.objects.filter(code="61440").update(population=1234, population_year=2023, population_source="official")
    official = client.get("/en/osallistumiskartta/alue/61440/").content.decode()
    assert re.search(r'id="area-population">Population <strong>1,234</strong> \(official statistics, 2023\)', official)
    estimate = client.get("/en/osallistumiskartta/alue/60100/").content.decode()  # the demo's estimate
    assert re.search(r'id="area-population">Population <strong>9,020</strong> \(an estimate, not an official '
                     r"figure, 2020\)", estimate)
    Area.objects.filter(code="61440").update(population=None, population_year=None, population_source="")
    assert "Population: not known." in client.get("/en/osallistumiskartta/alue/61440/").content.decode()


def test_the_area_lists_its_channels_its_own_first_then_the_citys(directory):
    channels = _facts()["channels"]
    assert [(c["name"], c["own"], c["area"]["code"]) for c in channels] == [
        ("Keskustan asukkaat", True, "60100"), ("Korttelin WhatsApp", True, "60100"),
        ("Koko kaupungin kylät", False, "SJK")]  # Ylistaro's is not the centre's
    facebook, whatsapp, _city = channels
    assert facebook == {"kind": "facebook", "kind_label": "Facebook group", "name": "Keskustan asukkaat",
                        "url": "https://example.org/keskusta/", "how_to_join": None,
                        "kept_by": "Keskustan asukasyhdistys", "checked_on": "2026-10-05", "own": True,
                        "area": {"code": "60100", "name": "Seinäjoki Centre", "url": "/en/osallistumiskartta/alue/60100/"}}
    assert (whatsapp["url"], whatsapp["how_to_join"]) == (None, "Kysy kutsua asukastilan illoissa.")
    # The whole city's page lists the channels of every area inside it.
    assert {c["name"] for c in _facts("SJK")["channels"]} == {"Koko kaupungin kylät", "Keskustan asukkaat",
                                                              "Korttelin WhatsApp", "Ylistaron kylät"}


def test_the_meeting_places_are_geojson_points_in_wgs84(directory):
    places = _facts()["meeting_places"]
    assert places["type"] == "FeatureCollection"
    hall, room = places["features"]  # by name
    assert hall["properties"] == {
        "id": directory["hall"].pk, "name": "Asukastila Aseman vieressä", "street_address": "Esimerkkitie 1",
        "capacity": 40, "accessible": True, "how_to_book": "Varaa kalenterista.",
        "booking_url": "https://example.org/varaa/", "door": "Ovikoodi tulee varauksen mukana.",
        "area": {"code": "60100", "name": "Seinäjoki Centre"}}
    assert hall["geometry"]["type"] == "Point"
    lon, lat = hall["geometry"]["coordinates"]
    assert abs(lon - POINTS["60100"][0]) < 1e-5 and abs(lat - POINTS["60100"][1]) < 1e-5  # degrees, from PostGIS
    assert (room["properties"]["capacity"], room["properties"]["booking_url"], room["properties"]["accessible"]) == (
        None, None, False)
    assert _facts("61400")["meeting_places"]["features"] == []
    assert "boundary" not in _facts()  # only the page's map asks for it
    boundary = _facts(with_boundary=True)["boundary"]
    assert boundary["type"] in ("Polygon", "MultiPolygon")


def test_the_page_lists_channels_and_meeting_places_beside_the_map(client, directory, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        page = client.get("/en/osallistumiskartta/alue/60100/")
    html = page.content.decode()
    assert page.status_code == 200
    places = re.search(r'<ul class="facts-list" id="area-places">(.*?)</ul>', html, re.S).group(1)
    assert "Asukastila Aseman vieressä" in places and "Esimerkkitie 1" in places and "40 people" in places
    assert "Yes: a wheelchair user gets in" in places and "Not confirmed: ask when you book" in places
    assert '<a href="https://example.org/varaa/" rel="noopener">Book Asukastila Aseman vieressä</a>' in places
    assert "Ovikoodi tulee varauksen mukana." in places and "Avain isännöitsijältä." in places
    channels = re.search(r'<ul class="facts-list" id="area-channels">(.*?)</ul>', html, re.S).group(1)
    assert '<a href="https://example.org/keskusta/" rel="noopener">Keskustan asukkaat</a>' in channels
    assert "Kysy kutsua asukastilan illoissa." in channels and "Keskustan asukasyhdistys" in channels
    assert "The city checked it on 05/10/2026." in channels and "A channel of Seinäjoki." in channels
    # The map is there for script to show, with its data (the list above says everything without it).
    assert re.search(r'<div id="area-map" class="map area-map" role="region" aria-label="[^"]+" hidden>', html)
    data = json.loads(re.search(r'<script id="area-map-data" type="application/json">(.*?)</script>', html,
                                re.S).group(1))
    assert len(data["meeting_places"]["features"]) == 2 and data["boundary"]["type"] in ("Polygon", "MultiPolygon")
    assert "js/area-page" in html and "vendor/leaflet/leaflet" in html
    # The map's panel shows the same lists, without a second map.
    with django_assert_max_num_queries(2):
        panel = client.get("/en/osallistumiskartta/alue/60100/paneeli/").content.decode()
    assert "Asukastila Aseman vieressä" in panel and "Korttelin WhatsApp" in panel and 'id="area-map"' not in panel


def test_an_area_without_a_directory_says_so_in_words(client, directory):
    html = client.get("/en/osallistumiskartta/alue/61440/").content.decode()
    assert '<p id="area-places-none">No meeting places have been listed for this area yet.</p>' in html
    assert "Koko kaupungin kylät" in html  # the city's channel reaches it
    AreaChannel.objects.filter(area__code="SJK").delete()
    html = client.get("/en/osallistumiskartta/alue/61440/").content.decode()
    assert '<p id="area-channels-none">The city knows of no channels of this area yet.</p>' in html


def test_an_unknown_code_is_a_404_on_the_page_the_panel_and_the_api(client, city):
    for path in ("/en/osallistumiskartta/alue/99999/", "/en/osallistumiskartta/alue/99999/paneeli/"):
        assert client.get(path).status_code == 404, path
    assert client.get("/en/osallistumiskartta/alue/%00/").status_code == 400  # the middleware refuses a NUL
    answer = client.get("/api/v1/areas/99999/participation/?lang=en")
    assert answer.status_code == 404 and answer.json() == {"detail": "No area has the code “99999”."}


def test_the_api_gives_the_channels_the_meeting_places_and_the_median(client, directory, reports,
                                                                     django_assert_num_queries):
    with django_assert_num_queries(2):
        body = client.get("/api/v1/areas/60100/participation/?lang=en").json()
    assert [c["name"] for c in body["channels"]] == ["Keskustan asukkaat", "Korttelin WhatsApp", "Koko kaupungin kylät"]
    assert [f["properties"]["name"] for f in body["meeting_places"]["features"]] == [
        "Asukastila Aseman vieressä", "Kerhohuone"]
    assert body["meeting_places"]["features"][0]["geometry"]["type"] == "Point"
    assert body["feedback"]["median_days_to_handle"] == 4.0 and "boundary" not in body


def test_the_area_map_links_every_area_to_its_page(client, city, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        html = client.get("/en/alueet/").content.decode()
    assert '<a href="/en/osallistumiskartta/alue/61440/">Untamala</a>' in html
    linked = set(re.findall(r'<a href="/en/osallistumiskartta/alue/([^/]+)/">', html))
    assert linked == set(Area.objects.exclude(kind__in=["city", "budget_area"]).values_list("code", flat=True))
    config = json.loads(re.search(r'<script id="map-config" type="application/json">(.*?)</script>', html,
                                  re.S).group(1))
    assert config["areaPagePrefix"] == "/en/osallistumiskartta/alue/"  # the popup's link to the page


def test_the_area_maps_address_search_leads_to_the_area_page(client, city, fixtures_dir,
                                                             django_assert_max_num_queries):
    call_command("import_places", str(fixtures_dir / "seinajoki_places_wgs84.csv"), stdout=io.StringIO())
    with django_assert_max_num_queries(4):  # the areas, the search, the places' areas
        html = client.get("/en/alueet/", {"osoite": "Sevontie 4"}).content.decode()
    found = re.search(r'<div class="place-results" id="area-address-results">(.*?)</div>', html, re.S).group(1)
    code = re.search(r'<a href="/en/osallistumiskartta/alue/([^/]+)/">Sevontie 4', found).group(1)
    sevontie = Point(22.8188208, 62.7370517, srid=4326)
    sevontie.transform(3067)
    assert Area.objects.filter(code=code, boundary__covers=sevontie).exists()
    assert 'value="Sevontie 4"' in html
    nothing = client.get("/en/alueet/", {"osoite": "Xyzzyvägen 99"}).content.decode()
    assert "No places found. Try another name, address or postal code." in nothing
    assert client.get("/en/alueet/", {"osoite": ""}).status_code == 200
    assert client.get("/en/alueet/", {"osoite": "a\x00b"}).status_code == 400  # the middleware refuses a NUL
