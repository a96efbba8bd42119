"""Every JSON body the platform reads is refused cleanly when it cannot be stored or parsed.

Found by a hostile test: 50 000 opening brackets crashed the JSON parsers (RecursionError, a 500
without signing in), and a lone UTF-16 surrogate in Open311's JSON reached PostgreSQL (a 500).
Each is now a 400 in the answering API's own error format, and nothing is written.
"""

import json

import pytest
from django.contrib.gis.geos import Point

from geo_feedback.models import Category, Feedback, FeedbackFollower
from geo_feedback.services.feedback import FeedbackInvalid, feedback_create
from tests.factories import FeedbackFactory
from tests.geo_feedback.conftest import RAILWAY_STATION
from tests.open311.conftest import BASE, json_errors

DEEP = "[" * 50_000
DEEP_IN_A_FIELD = '{"category": "171", "kind": "fault", "description": ' + "[" * 50_000 + "}"
LONE_SURROGATE = "Kuoppa \ud800 pyörätiellä aseman edessä"
REPORT = {"category": "171", "kind": "fault", "description": "Syvä kuoppa pyörätiellä aseman edessä",
          "lon": RAILWAY_STATION[0], "lat": RAILWAY_STATION[1]}
OPEN311 = {"service_code": "171", "description": "Syvä kuoppa pyörätiellä aseman edessä",
           "lat": RAILWAY_STATION[1], "long": RAILWAY_STATION[0]}


@pytest.fixture
def api_key(db):
    from geo_feedback.open311.services import open311_key_create

    return open311_key_create(name="Vihamielinen testi")[1]


def api_errors(response) -> list[str]:
    body = response.json()
    return [message for messages in body.values() for message in messages]


@pytest.mark.parametrize("body", [DEEP, DEEP_IN_A_FIELD, '{"a": ' * 50_000])
def test_deep_json_is_a_400_from_the_report_api(client, city, body):
    response = client.post("/api/v1/feedback/?lang=en", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["The JSON is nested too deeply."]}
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("body", [DEEP, '{"email": ' + "[" * 50_000 + "}"])
def test_deep_json_is_a_400_from_me_too(client, city, body):
    target = FeedbackFactory()
    response = client.post(f"/api/v1/feedback/{target.number}/support/?lang=en", body,
                           content_type="application/json")
    assert response.status_code == 400 and "The JSON is nested too deeply." in api_errors(response)
    assert not FeedbackFollower.objects.exists()


@pytest.mark.parametrize("body", [DEEP, '{"service_code": "171", "description": ' + '{"a": ' * 50_000])
def test_deep_json_is_a_400_from_open311_before_any_key(client, city, body):
    response = client.post(f"{BASE}/requests.json?locale=en", body, content_type="application/json")
    assert response.status_code == 400
    assert json_errors(response) == [(400, "The JSON is nested too deeply.")]
    assert not Feedback.objects.exists()


def test_a_lone_surrogate_in_open311_json_is_a_400_naming_the_field(client, city, api_key):
    for field in ("description", "first_name", "address_string", "email"):
        payload = {**OPEN311, "api_key": api_key, field: LONE_SURROGATE}
        response = client.post(f"{BASE}/requests.json?locale=en", json.dumps(payload),  # "\ud800" escaped
                               content_type="application/json")
        assert response.status_code == 400, field
        assert (400, f"{field}: The text contains a broken character (a lone UTF-16 surrogate); remove it.") in \
            json_errors(response)
    assert not Feedback.objects.exists()


def test_a_lone_surrogate_in_the_report_api_is_a_400_naming_the_field(client, city):
    response = client.post("/api/v1/feedback/?lang=en", json.dumps({**REPORT, "description": LONE_SURROGATE}),
                           content_type="application/json")
    assert response.status_code == 400 and "description" in response.json()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("field", ["description", "address_text", "reporter_name", "reporter_email",
                                   "reporter_phone"])
def test_the_service_every_channel_uses_refuses_text_the_database_cannot_store(city, field):
    values = {"description": "Syvä kuoppa pyörätiellä aseman edessä", field: LONE_SURROGATE}
    with pytest.raises(FeedbackInvalid) as refused:
        feedback_create(category=Category.objects.get(service_code="171"), kind="fault",
                        location=Point(*RAILWAY_STATION, srid=4326), **values)
    assert list(refused.value.message_dict) == [field]
    with pytest.raises(FeedbackInvalid):
        feedback_create(category=Category.objects.get(service_code="171"), kind="fault",
                        location=Point(*RAILWAY_STATION, srid=4326), **{**values, field: "nolla\x00merkki ok?"})
    assert not Feedback.objects.exists()


def test_a_refused_value_with_a_lone_surrogate_is_quoted_back_without_a_500(client, city):
    # Found by the contract test: a refused choice is quoted in its message, and the renderer failed on it.
    response = client.post("/api/v1/feedback/?lang=en", json.dumps({**REPORT, "category": "\ud800"}),
                           content_type="application/json")
    assert response.status_code == 400 and "category" in response.json()
