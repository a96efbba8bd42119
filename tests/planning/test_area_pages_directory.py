"""The directory behind the area pages: staff keep the areas' channels and meeting places in the admin
(a meeting place set on the map, refused outside its area), and the demo city's directory is demo data
under example.org, inside its areas, made once."""

import pytest
from django.contrib.gis.geos import Point

from city.community_demo import DIRECTORY, demo_community_load
from city.models import Area, AreaChannel, MeetingPlace
from tests.factories.feedback import POINTS

pytestmark = pytest.mark.django_db


def test_the_demo_directory_is_made_once_inside_its_areas_and_sends_nobody_to_a_real_group(city):
    lines = demo_community_load(actor=None)
    channels, places = AreaChannel.objects.all(), MeetingPlace.objects.select_related("area")
    expected_channels = sum(len(entry[0]) for entry in DIRECTORY.values())
    expected_places = sum(len(entry[1]) for entry in DIRECTORY.values())
    assert (channels.count(), places.count()) == (expected_channels, expected_places) and expected_places >= 5
    assert len(lines) == expected_channels + expected_places
    assert {c.area.code for c in channels} >= {"61400", "60550", "61100"}  # Ylistaro, Nurmo, Peräseinäjoki
    for url in [*channels.values_list("url", flat=True), *places.values_list("booking_url", flat=True)]:
        assert url == "" or url.startswith("https://example.org/"), url
    for place in places:
        assert "(esimerkki)" in place.name and place.street_address.startswith("Esimerkkitie ")
        assert Area.objects.filter(pk=place.area_id, boundary__covers=place.location).exists(), place.name
    assert all("(esimerkki)" in name for name in channels.values_list("name", flat=True))
    again = demo_community_load(actor=None)
    assert (AreaChannel.objects.count(), MeetingPlace.objects.count()) == (expected_channels, expected_places)
    assert len(again) == 1 and "none added" in again[0]


def test_the_demo_makes_what_is_missing_only(city):
    demo_community_load()
    MeetingPlace.objects.filter(area__code="61400").delete()
    assert demo_community_load() == ["Meeting place (demo): Ylistaron kylätalo (esimerkki) in Ylistaro Keskus"]


def test_staff_keep_channels_and_meeting_places_in_the_admin(admin_client, city):
    assert admin_client.get("/admin/city/areachannel/add/").status_code == 200
    form = admin_client.get("/admin/city/meetingplace/add/").content.decode()
    assert "vendor/ol/ol" in form and "OLMapWidget" in form  # the area admin's map widget, served locally
    centre = Area.objects.get(code="60100")
    fields = {"area": centre.pk, "name": "Asukastila", "street_address": "Esimerkkitie 1", "capacity": "30",
              "how_to_book": "Varaa kalenterista.", "booking_url": "", "door": "Ovikoodi varauksen mukana."}
    outside = admin_client.post("/en/admin/city/meetingplace/add/", {**fields, "location": "SRID=4326;POINT(24.9521 60.1704)"})
    assert outside.status_code == 200 and "The place lies outside the area" in outside.content.decode()
    assert not MeetingPlace.objects.exists()
    lon, lat = POINTS["60100"]
    inside = admin_client.post("/admin/city/meetingplace/add/", {**fields, "location": f"SRID=4326;POINT({lon} {lat})"})
    assert inside.status_code == 302, inside.content.decode()[:2000]
    place = MeetingPlace.objects.get()
    assert place.location.srid == 3067
    station = Point(lon, lat, srid=4326)
    station.transform(3067)
    assert place.location.distance(station) < 0.01
    empty = admin_client.post("/admin/city/meetingplace/add/", {**fields, "name": "Toinen", "door": "",
                                                                 "location": f"SRID=4326;POINT({lon} {lat})"})
    assert empty.status_code == 200 and MeetingPlace.objects.count() == 1  # how the door opens is required
    assert admin_client.get("/admin/city/meetingplace/").status_code == 200
    assert admin_client.get("/admin/city/areachannel/").status_code == 200
