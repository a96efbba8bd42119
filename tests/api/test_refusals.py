"""Inputs that used to crash the API (500) or answer in an undocumented shape, one test each.

Each was found by the contract test or while writing the schema; the answer must now be the
documented 4xx with a message naming the field, and nothing may be stored.
"""

import base64
import json

import pytest

from geo_feedback.models import Feedback, FeedbackFollower

VALID = {"category": "171", "kind": "fault", "description": "Kuoppa ajoradalla Kalevankadulla",
         "lon": 22.8565, "lat": 62.7823}
TOO_LONG_EMAIL = "a" * 250 + "@example.fi"


def _field_errors(response, status=400) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body and all(isinstance(messages, list) and messages for messages in body.values()), body
    return body


@pytest.mark.parametrize("body", ['"a report"', "5", "null", "true"])
def test_a_json_body_that_is_not_an_object_is_a_400(client, city, body):
    response = client.post("/api/v1/feedback/", body, content_type="application/json")
    assert "non_field_errors" in _field_errors(response)
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("url", ["/api/v1/feedback/", "/api/v1/feedback/{number}/support/"])
def test_a_body_that_is_not_json_is_a_field_level_400(client, api_world, url):
    response = client.post(url.format(number=api_world.public_numbers[0]), "{not json",
                           content_type="application/json")
    assert "JSON" in _field_errors(response)["non_field_errors"][0]


def test_a_multipart_body_without_a_boundary_is_a_field_level_400(client, city):
    response = client.post("/api/v1/feedback/", b"--x\r\n", content_type="multipart/form-data")
    assert "non_field_errors" in _field_errors(response)


@pytest.mark.parametrize("url", [
    "/api/v1/areas/60%00100/",
    "/api/v1/feedback/SJK%00/",
])
def test_a_nul_byte_in_a_code_or_number_is_a_404(client, city, url):
    response = client.get(url)
    assert response.status_code == 404 and "detail" in response.json()


def test_a_nul_byte_in_the_number_of_me_too_is_a_404(client, city):
    response = client.post("/api/v1/feedback/SJK%00/support/", {}, content_type="application/json")
    assert response.status_code == 404


@pytest.mark.parametrize("query, field", [
    ("category=17%001", "category"),
    ("near=22.85,62.78&category=%00", "category"),
    ("created_before=9999-12-31", "created_before"),
    ("created_after=9999-12-31", "created_after"),
])
def test_map_filters_that_used_to_crash_are_a_400(client, city, query, field):
    assert field in _field_errors(client.get(f"/api/v1/feedback/?{query}"))


def test_the_last_day_a_filter_may_name_still_works(client, api_world):
    response = client.get("/api/v1/feedback/?created_before=9998-12-31")
    assert response.status_code == 200
    assert len(response.json()["features"]) == 4  # every public report with a place


def _cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00",
                                    "2026-01-01T00:00:00"])
def test_a_cursor_this_server_could_not_have_made_is_a_400(client, city, moment):
    body = _field_errors(client.get(f"/api/v1/feedback/?cursor={_cursor(moment + '|1')}"))
    assert list(body) == ["cursor"]


def test_a_cursor_from_next_still_pages(client, api_world):
    first = client.get("/api/v1/feedback/?limit=2").json()
    second = client.get(first["next"]).json()
    numbers = [feature["id"] for feature in first["features"] + second["features"]]
    assert len(numbers) == len(set(numbers)) == 4


@pytest.mark.parametrize("url", ["/api/v1/feedback/", "/api/v1/feedback/{number}/support/"])
def test_an_email_longer_than_the_column_is_a_400(client, api_world, url):
    payload = {**VALID, "email": TOO_LONG_EMAIL} if url == "/api/v1/feedback/" else {"email": TOO_LONG_EMAIL}
    before = Feedback.objects.count(), FeedbackFollower.objects.count()
    response = client.post(url.format(number=api_world.public_numbers[0]), json.dumps(payload),
                           content_type="application/json")
    assert "email" in _field_errors(response)
    assert (Feedback.objects.count(), FeedbackFollower.objects.count()) == before


def test_a_nul_byte_in_the_idempotency_key_is_a_400(client, city):
    response = client.post("/api/v1/feedback/", json.dumps(VALID), content_type="application/json",
                           HTTP_IDEMPOTENCY_KEY="retry\x00-1")
    assert "Idempotency-Key" in _field_errors(response)
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("query, field", [
    ("category=%00", "category"),
    ("department=%00", "department"),
])
def test_staff_list_filters_that_used_to_crash_are_a_400(client, api_world, query, field):
    client.cookies.load(api_world.staff_cookies)
    assert field in _field_errors(client.get(f"/api/v1/staff/feedback/?{query}"))


def test_a_nul_byte_in_a_staff_ticket_number_is_a_404(client, api_world):
    client.cookies.load(api_world.staff_cookies)
    assert client.get("/api/v1/staff/feedback/SJK%00/").status_code == 404
    assert client.get(f"/api/v1/staff/feedback/{api_world.public_numbers[0]}/").status_code == 200


def test_a_summary_up_to_the_end_of_time_is_a_400(client, api_world):
    client.cookies.load(api_world.staff_cookies)
    assert "to" in _field_errors(client.get("/api/v1/staff/summary/?from=2020-01-01&to=9999-12-31"))
    assert client.get("/api/v1/staff/summary/?from=2020-01-01&to=9998-12-31").status_code == 200
