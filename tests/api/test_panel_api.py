"""The panels API: what it gives (kinds, localized names, topics, criteria, areas chosen, confirmed counts,
the page's address), what it never gives (a member's address), its paging, and a contract test of its two
operations against the project's own OpenAPI schema with panels in the database."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from config.wsgi import application
from planning.models import PanelKind
from planning.panel_selectors import residential_areas
from planning.services.panels import panel_confirm, panel_join, panel_member_add
from tests.api.test_contract import CHECKS
from tests.planning.test_panels import panel_make, topic

pytestmark = pytest.mark.django_db

MEMBERS = ("anna@example.org", "pekka@example.org", "odottaa@example.org", "aino@example.org")


def _world():
    traffic, culture = topic("liikenne", "Liikenne"), topic("kulttuuri", "Kulttuuri")
    group = panel_make("liikennepaneeli", topics=[traffic], name_fi="Liikennepaneeli", name_sv="Trafikpanelen")
    library = panel_make("kirjastoryhma", kind=PanelKind.EXPERIENCE, topics=[culture],
                         name_fi="Kirjaston kokemusasiantuntijat", criteria_fi="Käyttää kirjastoa viikoittain.",
                         criteria_sv="Använder biblioteket varje vecka.", service_fi="Kirjastopalvelut")
    council = panel_make("vanhusneuvosto", kind=PanelKind.COUNCIL, name_fi="Vanhusneuvosto",
                         contact_email="vanhusneuvosto@example.org")
    first, second = residential_areas().order_by("code")[:2]
    anna = panel_join(panel=group, email=MEMBERS[0], language="fi", areas=[first, second])
    pekka = panel_join(panel=group, email=MEMBERS[1], language="fi", areas=[first])
    panel_join(panel=group, email=MEMBERS[2], language="fi", areas=[second])  # never confirmed: not counted
    for member in (anna, pekka):
        panel_confirm(token=member.token)
    panel_member_add(panel=council, name="Aino", email=MEMBERS[3], language="fi", actor=None)
    return {"group": group, "library": library, "council": council, "first": first, "second": second,
            "tokens": [anna.token, pekka.token]}


@pytest.fixture
def panels(city):
    return _world()


def test_the_list_gives_every_kind_with_confirmed_counts_and_no_address(client, panels):
    response = client.get("/api/v1/panels/?lang=sv")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    body = response.json()
    assert body["next"] is None
    by_slug = {item["slug"]: item for item in body["results"]}
    assert list(by_slug) == ["liikennepaneeli", "kirjastoryhma", "vanhusneuvosto"]  # oldest first
    group, library, council = by_slug["liikennepaneeli"], by_slug["kirjastoryhma"], by_slug["vanhusneuvosto"]
    assert group["name"] == "Trafikpanelen" and group["kind"] == "group" and group["accepts_members"] is True
    assert group["member_count"] == 2 and group["topics"] == [{"code": "liikenne", "name": "Liikenne (sv)"}]
    assert group["service"] is None and group["criteria"] is None
    assert group["url"].endswith("/sv/paneelit/liikennepaneeli/")
    first, second = panels["first"], panels["second"]
    assert sorted((a["code"], a["member_count"]) for a in group["areas"]) == [(first.code, 2), (second.code, 1)]
    assert library["criteria"] == "Använder biblioteket varje vecka." and library["service"] == "Kirjastopalvelut"
    assert library["member_count"] == 0 and library["areas"] == []
    assert council["accepts_members"] is False and council["member_count"] == 1
    assert council["contact_email"] == "vanhusneuvosto@example.org"
    text = response.content.decode()
    assert not any(address in text for address in MEMBERS)
    assert not any(token in text for token in panels["tokens"])


def test_one_panel_and_unknown_ones(client, panels):
    item = client.get("/api/v1/panels/liikennepaneeli/?lang=en").json()
    assert item["slug"] == "liikennepaneeli" and item["member_count"] == 2
    assert item["url"].endswith("/en/paneelit/liikennepaneeli/")
    for slug in ("ei-ole", "x" * 61, "%00", "ä"):
        response = client.get(f"/api/v1/panels/{slug}/")
        assert response.status_code == 404 and response["Content-Type"] == "application/json", slug


def test_paging_follows_next_and_refuses_bad_parameters(client, panels, django_assert_max_num_queries):
    for number in range(5):
        panel_make(f"paneeli-{number}")
    seen, url = [], "/api/v1/panels/?limit=3"
    while url:
        with django_assert_max_num_queries(3):
            body = client.get(url).json()
        seen += [item["slug"] for item in body["results"]]
        url = body["next"]
    assert len(seen) == 8 == len(set(seen))
    for query, field in (("limit=0", "limit"), ("limit=201", "limit"), ("limit=x", "limit"),
                         ("cursor=bad", "cursor")):
        response = client.get(f"/api/v1/panels/?{query}")
        assert response.status_code == 400 and field in response.json(), query


# The contract: requests generated from the schema, answers checked against it --------------------

schema = schemathesis.openapi.from_wsgi(
    "/api/v1/schema/?format=json", application,
    config=schemathesis.Config.from_dict({"seed": 1515, "generation": {"database": "none"},
                                          "phases": {"stateful": {"enabled": False}}}),
).include(path_regex="^/api/v1/panels/")

_KNOWN_SLUGS: list[str] = []


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    if path_parameters and "slug" in path_parameters and _KNOWN_SLUGS:
        return st.sampled_from([path_parameters, *({**path_parameters, "slug": s} for s in _KNOWN_SLUGS)])
    return st.just(path_parameters)


@pytest.fixture
def contract_world(city):
    world = _world()
    _KNOWN_SLUGS[:] = [world["group"].slug, world["library"].slug, world["council"].slug]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    statuses: list[int] = []
    try:
        yield statuses
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        _KNOWN_SLUGS.clear()
    assert any(status == 200 for status in statuses), statuses


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_the_panel_operations_keep_their_contract(case, contract_world):
    response = case.call()
    if case.method.upper() == case.operation.method.upper():
        contract_world.append(response.status_code)
    case.validate_response(response, checks=CHECKS)
    if response.status_code == 200:
        assert not any(address in response.text for address in MEMBERS)
        json.loads(response.text)
