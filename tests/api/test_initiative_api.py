"""The initiatives API: what it gives (state, decision, texts in the client's language where there are
such texts), the state filter, its paging, unknown numbers, and a contract test of its two operations
against the project's own OpenAPI schema with initiatives in the database."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from config.wsgi import application
from planning.services.initiatives import initiatives_import, initiatives_read
from tests.api.test_contract import CHECKS
from tests.planning.test_initiatives_import import row

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(fixtures_dir):
    initiatives_import(rows=initiatives_read(str(fixtures_dir / "kuntalaisaloite_sample.json")), source="sample")


def test_the_list_gives_state_and_decision_newest_first(client, sample, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/api/v1/initiatives/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    body = response.json()
    assert body["next"] is None
    assert [item["id"] for item in body["results"]] == [990002, 990005, 990001, 990003, 990006, 990004, 990007,
                                                        990008]
    by_id = {item["id"]: item for item in body["results"]}
    decided = by_id[990008]
    assert decided["state"] == "decided" and decided["sent_on"] == "2025-12-01"
    assert decided["decision"]["date"] == "2026-03-16"
    assert decided["decision"]["text"].startswith("Kaupunkiympäristön toimiala lisää")
    sent = by_id[990004]
    assert (sent["state"], sent["decision"], sent["support_count"], sent["type"]) == (
        "sent", None, 1260, "collaborative_citizen")
    assert sent["kuntalaisaloite_url"] == "https://www.kuntalaisaloite.fi/fi/aloite/990004"
    assert sent["url"].endswith("/aloitteet/990004/")
    assert by_id[990001]["sent_on"] is None and by_id[990001]["state"] == "open"
    assert "proposal" not in sent and "source" not in sent


def test_the_state_filter(client, sample):
    for state, expected in (("open", {990001, 990002, 990003}), ("sent", {990004, 990005, 990006}),
                            ("decided", {990007, 990008})):
        results = client.get(f"/api/v1/initiatives/?state={state}").json()["results"]
        assert {item["id"] for item in results} == expected and {item["state"] for item in results} == {state}
    response = client.get("/api/v1/initiatives/?state=closed")
    assert response.status_code == 400 and "state" in response.json()


def test_texts_follow_the_client_language_where_the_initiative_has_one(client, sample):
    swedish = client.get("/api/v1/initiatives/990007/?lang=sv").json()
    assert (swedish["name"], swedish["name_language"]) == ("Simhallen öppen tidigare på vardagsmorgnar", "sv")
    assert swedish["proposal"].startswith("Vi föreslår") and swedish["proposal_language"] == "sv"
    assert swedish["kuntalaisaloite_url"] == "https://www.kuntalaisaloite.fi/sv/initiativ/990007"
    assert swedish["url"].endswith("/sv/aloitteet/990007/")
    english = client.get("/api/v1/initiatives/990007/?lang=en").json()
    assert (english["name"], english["name_language"]) == ("Uimahalli auki aiemmin arkiaamuisin", "fi")
    assert english["state_label"] == "Decided"
    swedish_only = client.get("/api/v1/initiatives/990003/?lang=fi").json()
    assert swedish_only["name_language"] == "sv" and swedish_only["proposal_language"] == "sv"
    listed_only = client.get("/api/v1/initiatives/990002/").json()
    assert (listed_only["proposal"], listed_only["proposal_language"]) == ("", None)


def test_unknown_numbers_are_404_in_json(client, sample):
    initiatives_import(rows=[row(5, municipality={"id": 145})], source="Ilmajoki", municipality=None)
    for id in ("1", "5", "abc", "-1", "0", "99999999999999999999", "%00"):
        response = client.get(f"/api/v1/initiatives/{id}/")
        assert response.status_code == 404 and response["Content-Type"] == "application/json", id


def test_paging_follows_next_and_refuses_bad_parameters(client, django_assert_max_num_queries):
    # Two published the same day, so that the cursor must break the tie by number.
    initiatives_import(rows=[row(number, publishDate=f"2026-01-{min(number, 5):02d}") for number in range(1, 8)],
                       source="test")
    seen, url = [], "/api/v1/initiatives/?limit=2"
    while url:
        with django_assert_max_num_queries(2):
            body = client.get(url).json()
        seen += [item["id"] for item in body["results"]]
        url = body["next"]
    assert seen == [7, 6, 5, 4, 3, 2, 1]
    for query, field in (("limit=0", "limit"), ("limit=201", "limit"), ("limit=x", "limit"),
                         ("cursor=bad", "cursor"), ("state=x", "state")):
        response = client.get(f"/api/v1/initiatives/?{query}")
        assert response.status_code == 400 and field in response.json(), query


# The contract: requests generated from the schema, answers checked against it --------------------

schema = schemathesis.openapi.from_wsgi(
    "/api/v1/schema/?format=json", application,
    config=schemathesis.Config.from_dict({"seed": 1541, "generation": {"database": "none"},
                                          "phases": {"stateful": {"enabled": False}}}),
).include(path_regex="^/api/v1/initiatives/")

_KNOWN_IDS: list[int] = []


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    if path_parameters and "id" in path_parameters and _KNOWN_IDS:
        return st.sampled_from([path_parameters, *({**path_parameters, "id": i} for i in _KNOWN_IDS)])
    return st.just(path_parameters)


@pytest.fixture
def contract_world(city, fixtures_dir):
    initiatives_import(rows=initiatives_read(str(fixtures_dir / "kuntalaisaloite_sample.json")), source="sample")
    _KNOWN_IDS[:] = [990001, 990004, 990007, 990003]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    statuses: list[int] = []
    try:
        yield statuses
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        _KNOWN_IDS.clear()
    assert any(status == 200 for status in statuses), statuses


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_the_initiative_operations_keep_their_contract(case, contract_world):
    response = case.call()
    if case.method.upper() == case.operation.method.upper():
        contract_world.append(response.status_code)
    case.validate_response(response, checks=CHECKS)
    if response.status_code == 200:
        json.loads(response.text)
