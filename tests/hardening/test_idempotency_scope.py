"""An Idempotency-Key belongs to the client that sent it: a client reusing another client's key got
that client's report back (with its follow link). Keys are now scoped to the client's address or
signed-in user in the REST API, and to the API key in Open311."""

import json

from geo_feedback.models import Feedback
from geo_feedback.open311.services import open311_key_create
from tests.geo_feedback.conftest import RAILWAY_STATION
from tests.open311.conftest import BASE

REPORT = {"category": "171", "kind": "fault", "description": "Syvä kuoppa pyörätiellä aseman edessä",
          "lon": RAILWAY_STATION[0], "lat": RAILWAY_STATION[1]}


def create(client, address: str, key: str):
    return client.post("/api/v1/feedback/", json.dumps(REPORT), content_type="application/json",
                       HTTP_IDEMPOTENCY_KEY=key, REMOTE_ADDR=address)


def test_the_same_key_from_another_client_is_another_report(client, city):
    first = create(client, "192.0.2.1", "tilaus-1")
    again = create(client, "192.0.2.1", "tilaus-1")
    other = create(client, "198.51.100.2", "tilaus-1")
    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 201)
    assert again.json()["id"] == first.json()["id"] != other.json()["id"]
    assert "follow_url" in other.json() and other.json()["follow_url"] != first.json()["follow_url"]
    assert Feedback.objects.count() == 2


def test_open311_keys_are_scoped_to_the_api_key(client, city):
    one, two = open311_key_create(name="Sovellus A")[1], open311_key_create(name="Sovellus B")[1]
    fields = {"service_code": "171", "description": "Syvä kuoppa pyörätiellä aseman edessä",
              "lat": RAILWAY_STATION[1], "long": RAILWAY_STATION[0]}
    numbers = [client.post(f"{BASE}/requests.json", {**fields, "api_key": key}, HTTP_IDEMPOTENCY_KEY="sama")
               .json()[0]["service_request_id"] for key in (one, one, two)]
    assert numbers[0] == numbers[1] != numbers[2]
