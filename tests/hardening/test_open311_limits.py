"""Open311 keys have limits of their own: a key shared a resident's 20 reports an hour, so a real app
used by many residents was refused. Now a key has OPEN311_KEY_RATE (or its own, set in the admin),
and each address sending through any key has OPEN311_ADDRESS_RATE."""

import pytest
from django.core.cache import caches

from geo_feedback.models import Feedback, Open311ApiKey
from geo_feedback.open311.services import open311_key_create
from tests.geo_feedback.conftest import RAILWAY_STATION
from tests.open311.conftest import BASE, json_errors

FIELDS = {"service_code": "171", "description": "Syvä kuoppa pyörätiellä aseman edessä",
          "lat": RAILWAY_STATION[1], "long": RAILWAY_STATION[0]}


@pytest.fixture
def fresh_counts():
    yield lambda *keys: [caches["throttle"].delete(key) for key in keys]


def send(client, key, address):
    return client.post(f"{BASE}/requests.json?locale=en", {**FIELDS, "api_key": key}, REMOTE_ADDR=address)


def test_an_app_sends_far_more_than_a_resident_could(client, city, settings, fresh_counts):
    settings.FEEDBACK_CREATE_RATE = "2/hour"  # a resident's limit
    row, key = open311_key_create(name="Kaupunkisovellus")
    fresh_counts(f"throttle_open311_create_{row.pk}",
                 *(f"throttle_open311_address_198.51.100.{i}" for i in range(10)))
    statuses = [send(client, key, f"198.51.100.{i % 10}").status_code for i in range(30)]  # 30 residents' phones
    assert statuses == [200] * 30 and Feedback.objects.count() == 30


def test_a_key_can_have_its_own_limit(client, city, settings, fresh_counts):
    row, key = open311_key_create(name="Pieni sovellus")
    Open311ApiKey.objects.filter(pk=row.pk).update(rate_per_hour=2)
    fresh_counts(f"throttle_open311_create_{row.pk}", "throttle_open311_address_198.51.100.50")
    statuses = [send(client, key, "198.51.100.50").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_one_address_is_limited_whichever_key_it_uses(client, city, settings, fresh_counts):
    settings.OPEN311_ADDRESS_RATE = "2/hour"
    (one, key_one), (two, key_two) = open311_key_create(name="A"), open311_key_create(name="B")
    fresh_counts("throttle_open311_address_203.0.113.9", f"throttle_open311_create_{one.pk}",
                 f"throttle_open311_create_{two.pk}")
    assert [send(client, key, "203.0.113.9").status_code for key in (key_one, key_two)] == [200, 200]
    refused = send(client, key_one, "203.0.113.9")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert json_errors(refused)[0][1].startswith("Too many requests from this address")
