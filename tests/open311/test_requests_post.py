"""POST requests: keys, every field and its errors, photos, and that the report is like any other."""

import io
import json

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from city.models import Notification
from geo_feedback.models import Category, EventAction, Feedback, FeedbackEvent, FeedbackPhoto
from geo_feedback.open311.services import open311_key_set_active
from tests.factories import GPS_IFD, image_upload, jpeg_with_gps
from tests.geo_feedback.conftest import OUTSIDE_CITY, RAILWAY_STATION
from tests.open311.conftest import BASE, PRIVATE, as_json, as_xml, get, json_errors, xml_errors

VALID = {"service_code": "171", "description": "Syvä kuoppa pyörätiellä aseman edessä",
         "lat": str(RAILWAY_STATION[1]), "long": str(RAILWAY_STATION[0])}


def post(client, key, response_format="json", **fields):
    data = {**VALID, **fields}
    if key is not None:
        data["api_key"] = key
    data = {name: value for name, value in data.items() if value is not None}
    return client.post(f"{BASE}/requests.{response_format}", data)


def created_number(response) -> str:
    assert response.status_code == 200, response.content
    (created,) = as_json(response)
    return created["service_request_id"]


def errors_of(response) -> dict[str, str]:
    return {description.split(": ", 1)[0]: description.split(": ", 1)[1] for _c, description in json_errors(response)}


def test_form_post_creates_a_report_like_any_other(client, city, api_key):
    row, key = api_key
    response = post(client, key, address_string="Kalevankatu 1", first_name=PRIVATE[0], last_name=PRIVATE[1],
                    email=PRIVATE[2], phone=PRIVATE[3], locale="en")
    assert response.status_code == 200
    (created,) = as_json(response)
    assert list(created) == ["service_request_id", "service_notice", "account_id"]
    assert created["service_notice"] == "City environment aims to handle reports of this kind within 14 days."
    assert created["account_id"] is None and "token" not in created
    feedback = Feedback.objects.get(number=created["service_request_id"])
    assert feedback.number.startswith("SJK-")
    assert (feedback.channel, feedback.kind, feedback.language, feedback.status) == ("api", "fault", "en", "received")
    assert (feedback.reporter_name, feedback.reporter_email, feedback.reporter_phone) == (
        f"{PRIVATE[0]} {PRIVATE[1]}", PRIVATE[2], PRIVATE[3])
    assert feedback.area.code == "60100" and feedback.department.code == "kaupunkiymparisto"
    assert feedback.address_text == "Kalevankatu 1"
    event = FeedbackEvent.objects.get(feedback=feedback)
    assert (event.action, event.to_status) == (EventAction.CREATED, "received")
    assert event.details == {"channel": "api", "open311_client": "Kaupunkiappi Oy"}
    assert Notification.objects.filter(feedback=feedback, kind="receipt", recipient=PRIVATE[2]).count() == 1
    row.refresh_from_db()
    assert row.last_used_at is not None
    # It is public at once, without the private fields.
    listed = get(client, "requests.json")
    assert [request["service_request_id"] for request in as_json(listed)] == [feedback.number]
    for secret in PRIVATE:
        assert secret not in response.content.decode() and secret not in listed.content.decode()


def test_xml_post_answers_in_xml(client, city, api_key):
    response = post(client, api_key[1], "xml")
    assert response.status_code == 200
    request = as_xml(response).find("request")
    number = request.findtext("service_request_id")
    assert Feedback.objects.filter(number=number, channel="api").exists()
    assert request.findtext("service_notice").startswith("Kaupunkiympäristön toimiala")
    assert request.find("account_id").text is None


def test_without_email_no_receipt_is_queued(client, city, api_key):
    number = created_number(post(client, api_key[1]))
    assert not Notification.objects.filter(feedback__number=number).exists()


@pytest.mark.parametrize("response_format", ["json", "xml"])
def test_missing_unknown_and_disabled_keys_are_403(client, city, api_key, response_format):
    def descriptions(response):
        assert response.status_code == 403
        if response_format == "json":
            return [(str(code), text) for code, text in json_errors(response)]
        return xml_errors(response)

    assert descriptions(post(client, None, response_format, locale="en")) == [
        ("403", "api_key: An api_key is required to send requests.")]
    assert descriptions(post(client, "not-a-key", response_format, locale="en")) == [
        ("403", "api_key: Invalid api_key: no client has this key.")]
    open311_key_set_active(name=api_key[0].name, active=False)
    assert descriptions(post(client, api_key[1], response_format, locale="en")) == [
        ("403", "api_key: This api_key has been disabled.")]
    assert Feedback.objects.count() == 0
    open311_key_set_active(name=api_key[0].name, active=True)
    assert post(client, api_key[1], response_format).status_code == 200


def test_key_is_checked_before_the_fields(client, city):
    response = post(client, "wrong", service_code="", description="")
    assert response.status_code == 403


def test_key_may_also_come_in_the_query_string(client, city, api_key):
    response = client.post(f"{BASE}/requests.json?api_key={api_key[1]}", VALID)
    created_number(response)


def test_unknown_service_is_a_404_and_an_inactive_one_a_400(client, city, api_key):
    response = post(client, api_key[1], service_code="999", locale="en")
    assert response.status_code == 404
    assert json_errors(response) == [(404, "service_code: No service has the code “999”.")]
    assert xml_errors(post(client, api_key[1], "xml", service_code="999"))[0][0] == "404"
    Category.objects.filter(service_code="171").update(is_active=False)
    response = post(client, api_key[1], locale="en")
    assert response.status_code == 400
    assert errors_of(response) == {"service_code": "The service “171” no longer takes requests."}


def test_foreign_jurisdiction_is_a_404(client, city, api_key):
    assert post(client, api_key[1], jurisdiction_id="seinajoki.fi").status_code == 200
    response = post(client, api_key[1], jurisdiction_id="sfgov.org")
    assert response.status_code == 404 and json_errors(response)[0][1].startswith("jurisdiction_id:")


@pytest.mark.parametrize("change, field, message", [
    ({"service_code": None}, "service_code", "Give the code of one of the services"),
    ({"description": None}, "description", "at least 10 characters"),
    ({"description": "liian lyh"}, "description", "at least 10 characters"),
    ({"description": "x" * 5001}, "description", "at most 5000"),
    ({"lat": str(OUTSIDE_CITY[1]), "long": str(OUTSIDE_CITY[0])}, "lat, long", "outside the city"),
    ({"lat": None, "long": None}, "lat, long / address_string", "this category needs one"),
    ({"long": None}, "long", "Give both lat and long"),
    ({"lat": None}, "lat", "Give both lat and long"),
    ({"lat": "95"}, "lat", "from -90 to 90"),
    ({"long": "itä"}, "long", "from -180 to 180"),
    ({"lat": None, "long": None, "address_string": "Ei tällaista paikkaa ole"}, "address_string",
     "No place by this name was found"),
    ({"lat": None, "long": None, "address_id": "545483"}, "address_id", "give lat and long, or address_string"),
    ({"email": "not-an-email"}, "email", "valid email"),
    ({"phone": "call me"}, "phone", "digits only"),
    ({"media_url": "ftp://example.org/a.jpg"}, "media_url", "http or https"),
    ({"media_url": "not a url"}, "media_url", "http or https"),
    ({"kind": "complaint"}, "kind", "fault, idea, question or praise"),
    ({"service_object_id": "10844"}, "service_object_type", "with service_object_id"),
    ({"first_name": "x" * 101}, "first_name", "At most 100 characters"),
    ({"title": "x" * 201}, "title", "At most 200 characters"),
    ({"address_string": "x" * 301}, "address_string", "At most 300 characters"),
    ({"attribute[WHISPAWN]": "123456"}, "attribute[WHISPAWN]", "has no attribute"),
])
def test_refused_input_is_a_400_naming_the_field(client, city, api_key, change, field, message):
    response = post(client, api_key[1], locale="en", **change)
    assert response.status_code == 400, response.content
    errors = errors_of(response)
    assert field in errors and message in errors[field], errors
    xml_response = post(client, api_key[1], "xml", locale="en", **change)
    assert xml_response.status_code == 400
    assert any(description.startswith(f"{field}: ") for _code, description in xml_errors(xml_response))
    assert Feedback.objects.count() == 0


def test_every_refused_field_is_named_at_once(client, city, api_key):
    response = post(client, api_key[1], service_code=None, description=None, email="nope", lat="100")
    assert set(errors_of(response)) == {"service_code", "description", "email", "lat"}


def test_a_short_description_is_named_with_the_other_fields(client, city, api_key):
    errors = errors_of(post(client, api_key[1], "json", locale="en", long=None, description="lyhyt"))
    assert set(errors) == {"lat", "description"} or set(errors) == {"long", "description"}, errors
    assert "at least 10 characters" in errors["description"]


def test_errors_follow_the_locale(client, city, api_key):
    assert errors_of(post(client, api_key[1], description="lyhyt", locale="sv"))["description"].startswith("Berätta")
    assert errors_of(post(client, api_key[1], description="lyhyt"))["description"].startswith("Kerro")


def test_address_string_alone_is_looked_up(client, city, api_key):
    number = created_number(post(client, api_key[1], lat=None, long=None, address_string="Nurmo"))
    feedback = Feedback.objects.get(number=number)
    assert feedback.location is not None and feedback.address_text == "Nurmo"
    assert feedback.area.code == "60550"  # the place search's first hit: Nurmo Keskus (60550)
    assert FeedbackEvent.objects.get(feedback=feedback).details["geocoded"] == "Nurmo"


def test_address_string_with_lat_long_is_only_the_address(client, city, api_key):
    number = created_number(post(client, api_key[1], address_string="Asemakatu, Seinäjoki"))
    feedback = Feedback.objects.get(number=number)
    assert feedback.address_text == "Asemakatu, Seinäjoki" and feedback.area.code == "60100"


def test_services_without_a_place_need_no_location(client, city, api_key):
    number = created_number(post(client, api_key[1], service_code="304", lat=None, long=None,
                                 description="Kirjaston aukioloajat ovat liian lyhyet"))
    assert Feedback.objects.get(number=number).location is None


def test_wellbeing_county_topics_are_forwarded(client, city, api_key):
    response = post(client, api_key[1], service_code="401", lat=None, long=None, locale="en",
                    description="Miten saan ajan hammaslääkärille?")
    (created,) = as_json(response)
    assert "South Ostrobothnia wellbeing services county" in created["service_notice"]
    (request,) = as_json(get(client, f"requests/{created['service_request_id']}.json", extensions="true",
                             locale="en"))
    assert request["status"] == "closed"
    assert request["extended_attributes"]["detailed_status"] == "PROCESSED,FORWARDED"
    assert "forwarded" in request["status_notes"]
    # The note is in the language of whoever reads it, not of the report.
    (request,) = as_json(get(client, f"requests/{created['service_request_id']}.json", locale="sv"))
    assert request["status_notes"] == ("Det här ämnet hör till Södra Österbottens välfärdsområde. Din respons "
                                       "har vidarebefordrats dit.")


def test_title_is_kept_as_the_first_line(client, city, api_key):
    number = created_number(post(client, api_key[1], title="Kuoppa pyörätiellä"))
    feedback = Feedback.objects.get(number=number)
    assert feedback.description == "Kuoppa pyörätiellä\n\nSyvä kuoppa pyörätiellä aseman edessä"
    (request,) = as_json(get(client, f"requests/{number}.json", extensions="true"))
    assert request["extended_attributes"]["title"] == "Kuoppa pyörätiellä"


def test_kind_extension(client, city, api_key):
    number = created_number(post(client, api_key[1], kind="idea", description="Tähän voisi tulla penkki istua"))
    assert Feedback.objects.get(number=number).kind == "idea"


def test_media_url_is_kept_for_staff_but_never_fetched_nor_published(client, city, api_key):
    url = "http://169.254.169.254/latest/meta-data/photo.jpg"  # a client may name anything
    number = created_number(post(client, api_key[1], media_url=url, service_object_id="10844",
                                 service_object_type="http://www.hel.fi/servicemap/v2"))
    details = FeedbackEvent.objects.get(feedback__number=number).details
    assert details["media_url"] == url and details["service_object_id"] == "10844"
    assert not FeedbackPhoto.objects.filter(feedback__number=number).exists()
    for path in (f"requests/{number}.json?extensions=true", f"requests/{number}.xml?extensions=true"):
        assert "169.254" not in client.get(f"{BASE}/{path}").content.decode()


@pytest.mark.parametrize("field", ["media", "media[]"])
def test_multipart_media_are_cleaned_stored_and_listed(client, city, api_key, field):
    response = client.post(f"{BASE}/requests.json", {**VALID, "api_key": api_key[1],
                                                      field: [jpeg_with_gps(), image_upload("PNG")]})
    number = created_number(response)
    photos = list(FeedbackPhoto.objects.filter(feedback__number=number).order_by("position"))
    assert len(photos) == 2
    with photos[0].image.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif().get_ifd(GPS_IFD) and not image.getexif()
    (request,) = as_json(get(client, f"requests/{number}.json", extensions="true"))
    assert len(request["extended_attributes"]["media_urls"]) == 2
    assert request["media_url"] == request["extended_attributes"]["media_urls"][0]


def test_too_many_or_wrong_media_are_a_400(client, city, api_key):
    response = client.post(f"{BASE}/requests.json?locale=en",
                           {**VALID, "api_key": api_key[1], "media": [image_upload("PNG") for _ in range(6)]})
    assert response.status_code == 400 and errors_of(response) == {"media": "At most 5 files."}
    text = SimpleUploadedFile("notes.jpg", b"this is not an image at all", content_type="image/jpeg")
    response = client.post(f"{BASE}/requests.xml?locale=en", {**VALID, "api_key": api_key[1], "media": [text]})
    assert response.status_code == 400
    assert xml_errors(response) == [("400", "media: notes.jpg is not a JPEG, PNG or WebP image.")]
    gif = client.post(f"{BASE}/requests.json", {**VALID, "api_key": api_key[1], "media": [image_upload("GIF")]})
    assert gif.status_code == 400 and "media" in errors_of(gif)
    assert Feedback.objects.count() == 0


def test_json_body_is_accepted_too(client, city, api_key):
    payload = {**VALID, "api_key": api_key[1], "lat": RAILWAY_STATION[1], "long": RAILWAY_STATION[0]}
    number = created_number(client.post(f"{BASE}/requests.json", json.dumps(payload),
                                        content_type="application/json"))
    assert Feedback.objects.filter(number=number, channel="api").exists()
    bad = client.post(f"{BASE}/requests.json", "{not json", content_type="application/json")
    assert bad.status_code == 400
    listed = client.post(f"{BASE}/requests.json", "[1, 2]", content_type="application/json")
    assert listed.status_code == 400


def test_a_body_that_cannot_be_read_is_a_400(client, city, api_key):
    response = client.post(f"{BASE}/requests.json", b"--x\r\nbroken", content_type="multipart/form-data")
    assert response.status_code == 400 and json_errors(response)[0][0] == 400


def test_locale_decides_the_reporters_language(client, city, api_key):
    number = created_number(post(client, api_key[1], locale="sv", email=PRIVATE[2]))
    feedback = Feedback.objects.get(number=number)
    assert feedback.language == "sv"
    receipt = Notification.objects.get(feedback=feedback)
    assert receipt.subject == f"Vi har tagit emot din respons {feedback.number}"  # Swedish, not only present
    assert "Tack för din respons till Seinäjoki stad." in receipt.body


def test_idempotency_key_returns_the_first_report(client, city, api_key):
    first = client.post(f"{BASE}/requests.json", {**VALID, "api_key": api_key[1]}, HTTP_IDEMPOTENCY_KEY="abc-1")
    again = client.post(f"{BASE}/requests.json", {**VALID, "api_key": api_key[1]}, HTTP_IDEMPOTENCY_KEY="abc-1")
    assert created_number(first) == created_number(again)
    assert Feedback.objects.count() == 1


def test_creation_is_rate_limited_per_key(client, city, api_key, settings):
    from geo_feedback.open311.services import open311_key_create

    other = open311_key_create(name="Toinen sovellus")
    for row in (api_key[0], other[0]):  # earlier runs' counts for these key ids
        caches["throttle"].delete(f"throttle_open311_create_{row.pk}")
    caches["throttle"].delete("throttle_open311_address_127.0.0.1")
    settings.OPEN311_KEY_RATE = "2/hour"
    statuses = [post(client, api_key[1]).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    limited = post(client, api_key[1], "xml", locale="en")
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    assert xml_errors(limited)[0][1].startswith("Too many requests from this api_key")
    assert post(client, other[1]).status_code == 200  # another client


def test_the_key_limit_lets_requests_through_when_redis_is_down(client, city, api_key, settings, private_redis,
                                                                caplog):
    settings.OPEN311_KEY_RATE = settings.OPEN311_ADDRESS_RATE = "1/hour"
    settings.CACHES = {**settings.CACHES, "throttle": {**settings.CACHES["throttle"], "LOCATION": private_redis.url}}
    private_redis.stop()
    assert [post(client, api_key[1]).status_code for _ in range(2)] == [200, 200]
    assert Feedback.objects.count() == 2
    assert "rate limit skipped, Redis unavailable" in caplog.text


def test_a_photo_larger_than_the_limit_is_refused(client, city, api_key, settings):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "PNG")
    big = SimpleUploadedFile("big.png", buffer.getvalue() + b"\0" * (10 * 1024 * 1024 + 1))
    response = client.post(f"{BASE}/requests.json?locale=en", {**VALID, "api_key": api_key[1], "media": [big]})
    assert response.status_code == 400 and "at most 10 MB" in errors_of(response)["media"]


def test_clients_need_no_csrf_token(city, api_key):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    created_number(strict.post(f"{BASE}/requests.json", {**VALID, "api_key": api_key[1]}))


def test_a_nul_character_in_a_field_is_a_400_naming_it_in_form_and_json(client, city, api_key):
    response = post(client, api_key[1], locale="en", description="Kuoppa\x00 tiellä ja pitkä")
    assert response.status_code == 400 and "NUL character" in errors_of(response)["description"]
    response = client.post(f"{BASE}/requests.json?locale=en", json.dumps({**VALID, "api_key": api_key[1],
                                                                          "first_name": "Maija\x00"}),
                           content_type="application/json")
    assert response.status_code == 400 and "NUL character" in errors_of(response)["first_name"]
    assert Feedback.objects.count() == 0
