"""One report through the API: its Feature is one statement written by PostGIS, and sending a report
costs a fixed, small number of statements. The Feature keeps the shape, formats and privacy it had
when DRF serialised it (the values a user sees are compared with Python's own here)."""

import json
import threading

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from geo_feedback.models import Feedback, FeedbackEvent, FeedbackNumberCounter, FeedbackPhoto
from geo_feedback.services.feedback import feedback_number_next, feedback_transition
from geo_feedback.statuses import FeedbackStatus
from tests.factories import POINTS, FeedbackFactory, category, image_upload, point

PRIVATE = ("Maija Meikäläinen", "maija@example.fi", "040 123 4567")
INTERNAL = "Sisäinen muistiinpano: soita Maijalle"


def post(client, payload, **headers):
    return client.post("/api/v1/feedback/", json.dumps(payload), content_type="application/json", **headers)


def iso(moment) -> str:
    """A time as the API writes it: ISO 8601 in the city's time zone, as DRF's DateTimeField did."""
    text = timezone.localtime(moment).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


@pytest.fixture
def reported(city):
    """A street fault with a private contact, two photos (one hidden), an internal note and a public one."""
    feedback = FeedbackFactory(photos=[image_upload(), image_upload("JPEG")], address_text="Kalevankatu 1",
                               reporter_name=PRIVATE[0], reporter_email=PRIVATE[1], reporter_phone=PRIVATE[2])
    feedback_transition(feedback=feedback, to_status=FeedbackStatus.IN_PROGRESS, public_note="Korjaus alkaa",
                        internal_note=INTERNAL)
    hidden = FeedbackPhoto.objects.filter(feedback=feedback).order_by("position").last()
    FeedbackPhoto.objects.filter(pk=hidden.pk).update(is_public=False)
    return Feedback.objects.get(pk=feedback.pk)


def test_the_report_is_one_statement(client, reported, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(f"/api/v1/feedback/{reported.number}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    geojson = client.get(f"/api/v1/feedback/{reported.number}/", HTTP_ACCEPT="application/geo+json")
    assert geojson["Content-Type"] == "application/geo+json" and geojson.content == response.content


def test_the_feature_keeps_its_fields_formats_and_order(client, reported):
    body = client.get(f"/api/v1/feedback/{reported.number}/?lang=en").json()
    assert list(body) == ["type", "id", "geometry", "properties"]
    assert (body["type"], body["id"]) == ("Feature", reported.number)
    assert body["geometry"]["type"] == "Point"
    assert body["geometry"]["coordinates"] == pytest.approx(list(POINTS["60100"]), abs=1e-6)
    properties = body["properties"]
    assert list(properties) == ["number", "category", "category_name", "kind", "kind_label", "status",
                                "status_label", "description", "address", "area", "area_name", "department",
                                "channel", "created_at", "updated_at", "supporter_count", "photos", "history"]
    assert properties["category_name"] == "Street condition" and properties["kind_label"] == "Fault"
    assert (properties["status"], properties["status_label"]) == ("in_progress", "In progress")
    assert (properties["address"], properties["area"], properties["channel"]) == ("Kalevankatu 1", "60100", "web")
    assert properties["department"] == "City environment"
    assert properties["created_at"] == iso(reported.created_at)
    assert properties["updated_at"] == iso(reported.updated_at)
    events = list(FeedbackEvent.objects.filter(feedback=reported).order_by("created_at", "id"))
    assert properties["history"] == [
        {"at": iso(events[0].created_at), "action": "created", "status": "received", "status_label": "Received",
         "note": ""},
        {"at": iso(events[1].created_at), "action": "status", "status": "in_progress", "status_label": "In progress",
         "note": "Korjaus alkaa"},
    ]


def test_photos_are_the_public_ones_with_absolute_urls(client, reported):
    request = RequestFactory().get("/")
    public = FeedbackPhoto.objects.filter(feedback=reported, is_public=True).get()
    FeedbackPhoto.objects.filter(pk=public.pk).update(thumbnail="feedback/thumbs/2026/01/thumb-1.jpg")
    public.refresh_from_db()
    photos = client.get(f"/api/v1/feedback/{reported.number}/").json()["properties"]["photos"]
    assert photos == [{"url": request.build_absolute_uri(public.image.url),
                       "thumbnail_url": request.build_absolute_uri(public.thumbnail.url),
                       "width": public.width, "height": public.height}]
    assert photos[0]["url"].startswith("http://testserver/media/feedback/")
    FeedbackPhoto.objects.filter(pk=public.pk).update(thumbnail="", image="feedback/2026/01/kuva ä#1.jpg")
    public.refresh_from_db()
    photos = client.get(f"/api/v1/feedback/{reported.number}/").json()["properties"]["photos"]
    assert photos[0]["thumbnail_url"] is None  # until the thumbnail job has run
    assert photos[0]["url"] == request.build_absolute_uri(public.image.url)  # percent-encoded as Django does


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_names_follow_the_language_and_fall_back_to_finnish(client, city, language):
    library = category("304")
    library.name_en = library.department.name_en = ""  # no English names: the Finnish ones
    library.save(update_fields=["name_en"])
    library.department.save(update_fields=["name_en"])
    report = FeedbackFactory(category=library, location=None, description="Kirjaston aukioloajat ovat lyhyet")
    body = client.get(f"/api/v1/feedback/{report.number}/?lang={language}").json()
    assert body["geometry"] is None
    properties = body["properties"]
    expected = {"fi": (library.name_fi, library.department.name_fi),
                "sv": (library.name_sv, library.department.name_sv),
                "en": (library.name_fi, library.department.name_fi)}[language]
    assert (properties["category_name"], properties["department"]) == expected
    assert all(expected) and (properties["area"], properties["area_name"]) == (None, None)


@pytest.mark.parametrize("language, centre, pohja", [
    ("fi", "Seinäjoki Keskus", "Pohja"), ("sv", "Seinäjoki centrum", "Pohja"), ("en", "Seinäjoki Centre", "Pohja"),
])
def test_area_names_follow_the_language_on_the_map_and_the_page(client, city, language, centre, pohja):
    at_station = FeedbackFactory(category=category("171"), location=point(POINTS["60100"]),
                                 description="Kuoppa aseman edessä")
    in_pohja = FeedbackFactory(category=category("171"), location=point(POINTS["60120"]),
                               description="Kuoppa Pohjan koulun luona")
    detail = client.get(f"/api/v1/feedback/{at_station.number}/?lang={language}").json()["properties"]
    assert detail["area_name"] == centre
    features = client.get(f"/api/v1/feedback/?lang={language}").json()["features"]
    names = {feature["id"]: feature["properties"]["area_name"] for feature in features}
    assert names == {at_station.number: centre, in_pohja.number: pohja}  # Pohja has no English name


def test_no_private_field_is_in_the_text(client, reported):
    secrets = (*PRIVATE, "Meik", INTERNAL, reported.follow_token, "reporter", "internal", "follow")
    for language in ("fi", "sv", "en"):
        text = client.get(f"/api/v1/feedback/{reported.number}/?lang={language}").content.decode()
        assert reported.number in text and "Korjaus alkaa" in text
        for secret in secrets:
            assert secret not in text, (language, secret)
    created = post(client, {"category": "171", "kind": "fault", "description": "Kuoppa Kalevankadulla taas",
                            "lon": POINTS["60100"][0], "lat": POINTS["60100"][1], "name": PRIVATE[0],
                            "email": PRIVATE[1], "phone": PRIVATE[2]})
    token = Feedback.objects.get(number=created.json()["id"]).follow_token
    text = created.content.decode()
    assert f"/palaute/seuraa/{token}/" in text  # the sender's own follow link, in this response only
    for secret in (*PRIVATE, "Meik", "reporter"):
        assert secret not in text, secret
    assert token not in client.get(f"/api/v1/feedback/{created.json()['id']}/").content.decode()


def test_hidden_and_unknown_reports_are_404s_in_one_statement(client, city, django_assert_num_queries):
    spam = FeedbackFactory(description="Osta halpoja kelloja tästä linkistä")
    feedback_transition(feedback=spam, to_status=FeedbackStatus.REJECTED, internal_note="spam")
    with django_assert_num_queries(1):
        assert client.get(f"/api/v1/feedback/{spam.number}/").status_code == 404
    assert client.get("/api/v1/feedback/SJK-1900-000001/").status_code == 404


# Sending a report, in the test's transaction (the service's block is a savepoint, and the outbox's
# after-commit UPDATE does not run): the category; SAVEPOINT; the place; the number; the report; its
# event; [the receipt]; RELEASE SAVEPOINT; the Feature. In production BEGIN and COMMIT replace the
# savepoint's two, and a receipt adds the outbox's "enqueued" UPDATE after commit: 8, or 10 with a receipt.
@pytest.mark.parametrize("email, statements", [("", 8), ("maija@example.fi", 9)])
def test_sending_a_report_costs_a_fixed_number_of_statements(client, city, email, statements):
    payload = {"category": "171", "kind": "fault", "description": "Katulamppu ei pala aseman edessä",
               "lon": POINTS["60100"][0], "lat": POINTS["60100"][1], "email": email}
    post(client, payload)  # the first request of a process loads what it caches (content types, say)
    with CaptureQueriesContext(connection) as queries:
        response = post(client, payload)
    assert response.status_code == 201, response.content
    assert len(queries) == statements, "\n".join(query["sql"][:120] for query in queries.captured_queries)
    body = response.json()
    assert list(body) == ["type", "id", "geometry", "properties", "follow_url"]
    assert body["properties"]["area"] == "60100" and len(body["properties"]["history"]) == 1


def test_a_replayed_request_is_answered_in_one_statement_more_than_the_key(client, city, django_assert_num_queries):
    payload = {"category": "171", "kind": "fault", "description": "Katulamppu ei pala aseman edessä",
               "lon": POINTS["60100"][0], "lat": POINTS["60100"][1]}
    first = post(client, payload, HTTP_IDEMPOTENCY_KEY="k-1")
    # the category, SAVEPOINT, the key with its report, RELEASE SAVEPOINT, the Feature
    with django_assert_num_queries(5):
        again = post(client, payload, HTTP_IDEMPOTENCY_KEY="k-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()


def test_the_stored_point_is_the_one_postgis_placed(city):
    feedback = FeedbackFactory(location=point(POINTS["60550"]))
    assert feedback.area.code == "60550" and feedback.location.srid == 3067
    assert feedback.location.equals_exact(point(POINTS["60550"]).transform(3067, clone=True), tolerance=0.01)


@pytest.mark.django_db(transaction=True)
def test_parallel_numbers_wait_for_each_other_and_a_rollback_gives_its_number_back():
    """Two transactions ask for a number at once: the second waits for the first to commit and takes
    the next one. A transaction that rolls back leaves its number to the next report."""
    year = 2098
    prefix = f"{settings.FEEDBACK_NUMBER_PREFIX}-{year}-"
    taken, second_done = threading.Event(), threading.Event()
    seen: dict[str, object] = {}

    def first():
        try:
            with transaction.atomic():
                seen["first"] = feedback_number_next(year=year)
                taken.set()
                seen["second finished before the first committed"] = second_done.wait(0.5)
        finally:
            connection.close()

    def second():
        try:
            taken.wait(5)
            with transaction.atomic():
                seen["second"] = feedback_number_next(year=year)
            second_done.set()
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == {"first": f"{prefix}000001", "second": f"{prefix}000002",
                    "second finished before the first committed": False}

    with pytest.raises(RuntimeError), transaction.atomic():
        assert feedback_number_next(year=year) == f"{prefix}000003"
        raise RuntimeError("the report was refused after its number was taken")
    assert feedback_number_next(year=year) == f"{prefix}000003"
    assert FeedbackNumberCounter.objects.get(year=year).last == 3
