"""Generated input against every Open311 endpoint: whatever a client sends, the answer is never a 5xx.

Hypothesis draws parameter names from the spec's and our extensions' and values from text that
includes NUL characters, far-off dates, huge numbers and markup; every answer must be a 2xx or a
4xx in the format the address asks for, errors in the spec's shape.
"""

import json
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.open311.conftest import BASE

GET_PARAMETERS = [
    "service_request_id", "service_code", "start_date", "end_date", "status", "updated_after", "updated_before",
    "lat", "long", "radius", "bbox", "extensions", "locale", "limit", "jurisdiction_id",
]
POST_FIELDS = [
    "api_key", "service_code", "lat", "long", "address_string", "address_id", "description", "email",
    "first_name", "last_name", "phone", "media_url", "title", "kind", "service_object_id",
    "service_object_type", "attribute[a]", "locale", "jurisdiction_id",
]
NASTY = st.sampled_from([
    "\x00", "9999-12-31", "0001-01-01", "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "1e400",
    "-1e400", "nan", "inf", "99999999999999999999999", "open,closed,", ",,,", "<x>&</x>", "171", "true",
    "62.78", "22.85", "22.8,62.7,22.9,62.8", "fi_FI", "seinajoki.fi", "SJK-2026-000001",
])
VALUE = st.one_of(NASTY, st.text(max_size=30), st.from_regex(r"-?\d{1,4}(\.\d{1,8})?", fullmatch=True))


def params_of(names):
    return st.dictionaries(st.sampled_from(names), VALUE, max_size=6)


def assert_answer_in_format(response, response_format: str):
    assert response.status_code < 500, response.content[:500]
    if response_format == "xml":
        root = ET.fromstring(response.content)
        if response.status_code >= 400:
            assert root.tag == "errors" and root.findall("error")
    else:
        body = json.loads(response.content)
        if response.status_code >= 400:
            assert body and all(set(error) == {"code", "description"} for error in body)


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])


@pytest.mark.django_db
@FUZZ
@given(params=params_of(GET_PARAMETERS), response_format=st.sampled_from(["json", "xml"]))
def test_requests_list_never_fails(client, city, params, response_format):
    assert_answer_in_format(client.get(f"{BASE}/requests.{response_format}", params), response_format)


@pytest.mark.django_db
@FUZZ
@given(endpoint=st.sampled_from(["requests", "tokens", "services"]), identifier=VALUE.filter(lambda v: "/" not in v),
       params=params_of(["extensions", "locale", "jurisdiction_id"]), response_format=st.sampled_from(["json", "xml"]))
def test_single_items_never_fail(client, city, endpoint, identifier, params, response_format):
    from urllib.parse import quote

    path = f"{BASE}/{endpoint}/{quote(identifier or 'x', safe='')}.{response_format}"
    assert_answer_in_format(client.get(path, params), response_format)


@pytest.mark.django_db
@FUZZ
@given(fields=params_of(POST_FIELDS), as_json=st.booleans(), response_format=st.sampled_from(["json", "xml"]))
def test_posting_requests_never_fails(client, city, api_key, fields, as_json, response_format):
    fields.setdefault("api_key", api_key[1])
    url = f"{BASE}/requests.{response_format}"
    response = (client.post(url, json.dumps(fields), content_type="application/json") if as_json
                else client.post(url, fields))
    assert_answer_in_format(response, response_format)
