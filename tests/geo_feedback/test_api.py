"""The feedback REST API: creation, public GeoJSON, filters, paging, privacy and limits."""

import io
import json

import pytest
from django.contrib.gis.geos import Point
from django.test import Client, override_settings
from PIL import Image

from city.models import Notification
from geo_feedback.models import Category, Feedback, FeedbackPhoto
from geo_feedback.services.feedback import feedback_create, feedback_transition
from geo_feedback.statuses import FeedbackStatus
from tests.geo_feedback.conftest import NURMO, OUTSIDE_CITY, RAILWAY_STATION

PRIVATE = ("Maija Meikäläinen", "maija@example.fi", "040 123 4567")


def report(code="171", point=RAILWAY_STATION, description="Kuoppa ajoradalla, vaarallinen pyörille", **extra):
    location = Point(*point, srid=4326) if point else None
    return feedback_create(category=Category.objects.get(service_code=code), kind=extra.pop("kind", "fault"),
                           description=description, location=location, **extra).feedback


def post(client, payload, **headers):
    return client.post("/api/v1/feedback/", json.dumps(payload), content_type="application/json",
                       HTTP_ACCEPT_LANGUAGE="en", **headers)


VALID = {"category": "171", "kind": "fault", "description": "Kuoppa ajoradalla Kalevankadulla",
         "lon": RAILWAY_STATION[0], "lat": RAILWAY_STATION[1]}


def test_create_by_json_routes_numbers_and_places_the_report(client, city):
    response = post(client, {**VALID, "name": PRIVATE[0], "email": PRIVATE[1], "phone": PRIVATE[2]})
    assert response.status_code == 201, response.content
    body = response.json()
    number = body["id"]
    assert number.startswith("SJK-") and len(number.split("-")[2]) == 6
    assert body["properties"]["area"] == "60100"
    assert body["properties"]["department"] == "City environment"
    assert body["properties"]["status"] == "received"
    assert body["geometry"]["coordinates"] == pytest.approx(list(RAILWAY_STATION), abs=1e-6)
    # in the client's language, as the emails' links are
    assert body["follow_url"] == f"http://testserver/en/palaute/seuraa/{Feedback.objects.get().follow_token}/"
    assert response["Location"] == f"/api/v1/feedback/{number}/"
    feedback = Feedback.objects.get(number=number)
    assert (feedback.reporter_name, feedback.reporter_email, feedback.reporter_phone) == PRIVATE
    assert feedback.channel == "api" and feedback.language == "en"
    assert Notification.objects.filter(feedback=feedback, kind="receipt", recipient=PRIVATE[1]).count() == 1


def test_private_fields_never_appear_in_public_responses(client, city):
    number = post(client, {**VALID, "name": PRIVATE[0], "email": PRIVATE[1], "phone": PRIVATE[2]}).json()["id"]
    token = Feedback.objects.get(number=number).follow_token
    for url in ["/api/v1/feedback/", f"/api/v1/feedback/{number}/", "/api/v1/feedback/?bbox=22,62,24,63"]:
        text = client.get(url).content.decode()
        assert number in text
        for secret in (*PRIVATE, "Meik", token, "reporter"):
            assert secret not in text, (url, secret)


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"lon": OUTSIDE_CITY[0], "lat": OUTSIDE_CITY[1]}, "location", "outside the city"),
        ({"description": "liian lyh"}, "description", "at least 10 characters"),
        ({"description": "x" * 5001}, "description", "at most 5000"),
        ({"category": "999"}, "category", "No category has the service code"),
        ({"kind": "complaint"}, "kind", "not a valid choice"),
        ({"lon": None, "lat": None}, "location", "needs one"),
        ({"email": "not-an-email"}, "email", "valid email"),
        ({"lat": 95}, "lat", "less than or equal to 90"),
    ],
)
def test_refused_input_is_a_400_naming_the_field(client, city, change, field, message):
    payload = {**VALID, **change}
    payload = {key: value for key, value in payload.items() if value is not None or key not in ("lon", "lat")}
    response = post(client, payload)
    assert response.status_code == 400, response.content
    errors = response.json()
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert Feedback.objects.count() == 0


def test_missing_location_where_required_and_optional_where_not(client, city):
    without_place = {key: value for key, value in VALID.items() if key not in ("lon", "lat")}
    response = post(client, without_place)
    assert response.status_code == 400
    assert "needs one" in response.json()["location"][0]
    library = post(client, {**without_place, "category": "304", "description": "Kirjaston aukioloajat lyhyet"})
    assert library.status_code == 201 and library.json()["geometry"] is None


def test_only_one_of_lon_and_lat_is_a_field_error(client, city):
    response = post(client, {key: value for key, value in VALID.items() if key != "lat"})
    assert response.status_code == 400 and "lat" in response.json()


def test_wellbeing_county_topics_are_forwarded_and_the_resident_is_told(client, city):
    payload = {"category": "401", "kind": "question", "description": "Miten saan ajan hammaslääkärille?"}
    body = post(client, payload).json()
    assert body["properties"]["status"] == "forwarded"
    notes = [event["note"] for event in body["properties"]["history"]]
    assert any("South Ostrobothnia wellbeing services county" in note for note in notes)


def _jpeg(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (62.0, 47.0, 0.0), "E", (22.0, 51.0, 0.0)
    Image.new("RGB", size, "red").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_multipart_with_photos_stores_them_without_exif(client, city):
    from django.core.files.uploadedfile import SimpleUploadedFile

    photo = SimpleUploadedFile("kuoppa.jpg", _jpeg(), content_type="image/jpeg")
    assert Image.open(io.BytesIO(_jpeg())).getexif().get_ifd(0x8825)  # the input really carries GPS
    data = {key: str(value) for key, value in VALID.items()}
    response = client.post("/api/v1/feedback/", {**data, "photos": [photo]}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 201, response.content
    stored = FeedbackPhoto.objects.get()
    with stored.image.open("rb") as handle:
        image = Image.open(handle)
        assert len(image.getexif()) == 0 and "exif" not in image.info
    assert response.json()["properties"]["photos"][0]["url"].endswith(stored.image.name.split("/")[-1])


def test_multipart_refuses_a_file_that_is_not_an_image(client, city):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("kuva.jpg", b"not an image at all", content_type="image/jpeg")
    data = {key: str(value) for key, value in VALID.items()}
    response = client.post("/api/v1/feedback/", {**data, "photos": [fake]}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "not a JPEG, PNG or WebP" in response.json()["photos"][0]
    assert Feedback.objects.count() == 0


def test_idempotency_key_returns_the_first_report(client, city):
    first = post(client, VALID, HTTP_IDEMPOTENCY_KEY="abc-123")
    again = post(client, {**VALID, "description": "Toinen yritys samasta asiasta"}, HTTP_IDEMPOTENCY_KEY="abc-123")
    assert first.status_code == 201 and again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert Feedback.objects.count() == 1


@override_settings(FEEDBACK_CREATE_RATE="2/hour")
def test_creation_is_rate_limited_per_address_with_retry_after(client, city):
    from django.core.cache import caches

    for address in ("10.9.8.7", "10.9.8.6"):  # earlier runs' counts for these addresses
        caches["throttle"].delete(f"throttle_feedback_create_{address}")
    statuses = [post(client, VALID, REMOTE_ADDR="10.9.8.7").status_code for _ in range(3)]
    assert statuses == [201, 201, 429]
    limited = post(client, VALID, REMOTE_ADDR="10.9.8.7")
    assert int(limited["Retry-After"]) > 0
    assert post(client, VALID, REMOTE_ADDR="10.9.8.6").status_code == 201  # another address


@override_settings(FEEDBACK_CREATE_RATE="1/hour")
def test_rate_limit_lets_reports_through_when_redis_is_down(client, city, settings, private_redis, caplog):
    # Changing CACHES makes Django rebuild its cache connections (the setting_changed signal).
    settings.CACHES = {**settings.CACHES, "throttle": {**settings.CACHES["throttle"], "LOCATION": private_redis.url}}
    private_redis.stop()
    assert [post(client, VALID).status_code for _ in range(2)] == [201, 201]
    assert "rate limit skipped, Redis unavailable" in caplog.text


def test_list_is_geojson_newest_first_with_cursor_paging(client, city, django_assert_num_queries):
    numbers = [report(description=f"Kuoppa numero {n} kadulla").number for n in range(7)]
    seen, url = [], "/api/v1/feedback/?limit=3"
    while url:
        with django_assert_num_queries(1):  # the page, its features and the next cursor in one statement
            response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
        body = response.json()
        assert len(body["features"]) <= 3
        seen += [feature["id"] for feature in body["features"]]
        url = body["next"]
    assert seen == list(reversed(numbers))


def test_list_filters(client, city):
    pothole = report()
    park = report(code="174", point=NURMO, kind="idea", description="Lisää penkkejä puistoon, kiitos")
    handled = report(description="Rikkinäinen kaivon kansi tiellä")
    feedback_transition(feedback=handled, to_status=FeedbackStatus.HANDLED, public_note="Korjattu")

    def numbers(query):
        response = client.get(f"/api/v1/feedback/?{query}")
        assert response.status_code == 200, response.content
        return {feature["id"] for feature in response.json()["features"]}

    assert numbers("category=174") == {park.number}
    assert numbers("category=171,174") == {pothole.number, park.number, handled.number}
    assert numbers("kind=idea") == {park.number}
    assert numbers("status=handled") == {handled.number}
    assert numbers("open=true") == {pothole.number, park.number}
    assert numbers("area=60550") == {park.number}
    assert numbers("area=SJK-ITA") == {park.number}  # a budget area includes its postal areas
    assert numbers("bbox=22.80,62.75,22.88,62.80") == {pothole.number, handled.number}
    assert numbers("bbox=25,60,25.1,60.1") == set()
    assert numbers("created_after=2000-01-01&created_before=2100-01-01") == {pothole.number, park.number,
                                                                             handled.number}
    assert numbers("created_before=2000-01-01") == set()


def test_rejected_reports_are_invisible(client, city):
    spam = report(description="Osta halpoja kelloja tästä linkistä")
    feedback_transition(feedback=spam, to_status=FeedbackStatus.REJECTED, internal_note="spam")
    assert client.get("/api/v1/feedback/").json()["features"] == []
    assert client.get(f"/api/v1/feedback/{spam.number}/").status_code == 404


@pytest.mark.parametrize(
    "query, field",
    [("bbox=1,2,3", "bbox"), ("bbox=5,5,1,1", "bbox"), ("status=lost", "status"), ("kind=x", "kind"),
     ("limit=0", "limit"), ("limit=5000", "limit"), ("cursor=%%%", "cursor"), ("created_after=eilen", "created_after"),
     ("near=22.85,62.78", "category"), ("near=abc&category=171", "near")],
)
def test_bad_list_parameters_are_400s_naming_the_field(client, city, query, field):
    response = client.get(f"/api/v1/feedback/?{query}")
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_near_finds_open_reports_of_the_category_within_its_radius(client, city):
    close = report(point=(22.8565, 62.7823))
    report(point=(22.8565, 62.7900))  # ~850 m north: outside 250 m
    report(code="174", point=(22.8566, 62.7823), description="Puiston penkki rikki, ilkivaltaa")
    closed = report(point=(22.8566, 62.7824), description="Toinen kuoppa samassa paikassa")
    feedback_transition(feedback=closed, to_status=FeedbackStatus.HANDLED)
    body = client.get("/api/v1/feedback/?near=22.8567,62.7823&category=171&open=true").json()
    assert [feature["id"] for feature in body["features"]] == [close.number]
    assert body["features"][0]["properties"]["distance_m"] == pytest.approx(10.2, abs=1.5)


def test_support_counts_once_per_email(client, city):
    target = report()
    url = f"/api/v1/feedback/{target.number}/support/"
    assert client.post(url, {"email": "a@example.fi"}, content_type="application/json").json()["supporter_count"] == 1
    assert client.post(url, {"email": "a@example.fi"}, content_type="application/json").json()["supporter_count"] == 1
    assert client.post(url, {}, content_type="application/json").json()["supporter_count"] == 1  # same browser
    other_browser = Client(HTTP_USER_AGENT="Toinen selain")
    assert other_browser.post(url, {}, content_type="application/json").json()["supporter_count"] == 2
    assert client.post(url, {"email": "nope"}, content_type="application/json").status_code == 400
    assert client.post("/api/v1/feedback/SJK-1900-000001/support/", {}, content_type="application/json").status_code == 404


def test_categories_in_the_clients_language(client, city):
    body = client.get("/api/v1/categories/?lang=sv").json()
    street = next(category for category in body if category["service_code"] == "171")
    assert street["name"] == "Gatornas skick" and street["location_required"] is True
    health = next(category for category in body if category["service_code"] == "401")
    assert health["forwarded_outside"] is True
    assert len(body) == Category.objects.filter(is_active=True).count()
