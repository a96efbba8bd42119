"""Generated hostile JSON against every endpoint that reads a body: nesting deep enough to exhaust
the parser, lone surrogates anywhere, bodies over the size limit, values of every JSON type. Every
answer must be a 2xx or 4xx in the endpoint's own error format, never a 5xx (each was found as a
500 once: RecursionError, UnicodeEncodeError in psycopg, Django's HTML 400 page)."""

import json
import uuid
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo_feedback.open311.services import open311_key_create
from tests.factories import FeedbackFactory
from tests.open311.conftest import BASE

REPORT_FIELDS = ["category", "kind", "description", "lon", "lat", "address", "name", "email", "phone"]
OPEN311_FIELDS = ["service_code", "description", "lat", "long", "address_string", "email", "first_name",
                  "last_name", "phone", "media_url", "title", "kind", "attribute", "locale"]

# Letters, digits, punctuation, spaces and lone UTF-16 surrogates (category Cs) that json.dumps
# writes as "\udXXX" escapes: the decoder gives them back as unpaired code points.
TEXT = st.text(alphabet=st.characters(categories=("L", "N", "P", "Zs", "Cs")), max_size=20)
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | TEXT


def json_values(keys):
    return st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.sampled_from(keys) | TEXT, inner, max_size=3), max_leaves=8)


def bodies(keys):
    plausible = {"category": "171", "service_code": "171", "kind": "fault", "description": "Kuoppa pyörätiellä x",
                 "lon": 22.8565, "lat": 62.7823, "long": 22.8565}
    return st.one_of(
        st.dictionaries(st.sampled_from(keys), json_values(keys), max_size=6).map(json.dumps),
        # a plausible report with one field made hostile, so validation gets past the first refusal
        st.tuples(st.sampled_from(keys), json_values(keys)).map(lambda pair: json.dumps({**plausible, pair[0]: pair[1]})),
        # a lone surrogate in each field in turn: refused values are quoted back in the messages
        st.sampled_from(keys).map(lambda key: json.dumps({**plausible, key: "x\ud800y"})),
        st.integers(500, 60_000).map(lambda depth: "[" * depth),
        st.integers(500, 60_000).map(lambda depth: '{"description": ' + '{"a": ' * depth),
        st.sampled_from(["", "null", "[]", '"x"', "{", "\x00", '{"description": "\\ud800"}', "1e999"]),
        st.just(json.dumps({"description": "x" * (3 * 1024 * 1024)})),  # over DATA_UPLOAD_MAX_MEMORY_SIZE
    )


FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large, HealthCheck.large_base_example])


def assert_api_answer(response):
    assert response.status_code < 500, response.content[:300]
    assert response["Content-Type"].startswith("application/json"), response.content[:300]
    if response.status_code >= 400:
        assert isinstance(response.json(), dict) and response.json()


def assert_open311_answer(response, response_format):
    assert response.status_code < 500, response.content[:300]
    if response_format == "xml":
        root = ET.fromstring(response.content)
        assert response.status_code < 400 or (root.tag == "errors" and root.findall("error"))
    else:
        body = json.loads(response.content)
        assert response.status_code < 400 or all(set(error) == {"code", "description"} for error in body)


@pytest.mark.django_db
@FUZZ
@given(body=bodies(REPORT_FIELDS))
def test_the_report_api_never_fails_on_hostile_json(client, city, body):
    assert_api_answer(client.post("/api/v1/feedback/", body, content_type="application/json"))


@pytest.mark.django_db
@FUZZ
@given(body=bodies(["email"]))
def test_me_too_never_fails_on_hostile_json(client, city, body):
    number = FeedbackFactory().number
    assert_api_answer(client.post(f"/api/v1/feedback/{number}/support/", body, content_type="application/json"))


@pytest.mark.django_db
@FUZZ
@given(body=bodies(OPEN311_FIELDS), with_key=st.booleans(), response_format=st.sampled_from(["json", "xml"]))
def test_open311_never_fails_on_hostile_json(client, city, body, with_key, response_format):
    if with_key and body.startswith("{") and body.endswith("}") and len(body) < 1_000_000:
        try:
            fields = json.loads(body)
        except (ValueError, RecursionError):
            fields = None
        if isinstance(fields, dict):
            fields["api_key"] = open311_key_create(name=f"Fuzz {uuid.uuid4().hex}")[1]
            body = json.dumps(fields)
    response = client.post(f"{BASE}/requests.{response_format}", body, content_type="application/json")
    assert_open311_answer(response, response_format)
