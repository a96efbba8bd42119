"""Contract test: requests generated from our own OpenAPI schema, answers checked against it.

The schema comes from the project itself (``/api/v1/schema/`` through the WSGI app), so a view
that changes without its description, or a description that promises what the view does not
do, fails here. Schemathesis generates valid and invalid requests for every operation and calls
the Django WSGI application in this process, inside the test's database transaction: it sees the
demo city and the reports ``api_world`` made, and everything it creates is rolled back.

Every response must: not be a 5xx, have a status code the operation documents, a content type
documented for that status, headers as documented, and a body valid against the documented
schema. Staff operations are called twice per case: signed out (must be 403) and as a
customer-service agent (must not be 403).
"""

import json
from urllib.parse import urlencode

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from tests.api.conftest import ApiWorld

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_OPERATION = 25

schema = schemathesis.openapi.from_wsgi(
    "/api/v1/schema/?format=json",
    application,
    config=schemathesis.Config.from_dict({
        "seed": 5100,  # with derandomize below: the same requests on every run
        "generation": {"database": "none"},
        "phases": {"stateful": {"enabled": False}},
    }),
)

# Filled by the fixture before Hypothesis draws: real report numbers and plan ids to try besides
# generated ones, so the 200 answers of the detail, "me too", staff ticket and plan operations are
# checked too.
_KNOWN_NUMBERS: list[str] = []
_KNOWN_PLAN_IDS: list[int] = []
_KNOWN_BUDGET_IDS: list[int] = []
_KNOWN_BALLOTS: list[dict] = []
_KNOWN_PROPOSALS: list[dict] = []
_KNOWN_PANEL_SLUGS: list[str] = []
_KNOWN_INITIATIVE_IDS: list[int] = []


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    if path_parameters and "number" in path_parameters and _KNOWN_NUMBERS:
        return st.sampled_from([path_parameters, *({**path_parameters, "number": n} for n in _KNOWN_NUMBERS)])
    if path_parameters and "id" in path_parameters and context.operation.path.startswith("/api/v1/budgets/") \
            and _KNOWN_BUDGET_IDS:
        return st.sampled_from([path_parameters, *({**path_parameters, "id": i} for i in _KNOWN_BUDGET_IDS)])
    if path_parameters and "slug" in path_parameters and _KNOWN_PANEL_SLUGS:
        return st.sampled_from([path_parameters, *({**path_parameters, "slug": s} for s in _KNOWN_PANEL_SLUGS)])
    if path_parameters and "id" in path_parameters and context.operation.path.startswith("/api/v1/initiatives/") \
            and _KNOWN_INITIATIVE_IDS:
        return st.sampled_from([path_parameters, *({**path_parameters, "id": i} for i in _KNOWN_INITIATIVE_IDS)])
    if path_parameters and "year" in path_parameters:
        return st.sampled_from([path_parameters, {**path_parameters, "year": 2026}])
    if path_parameters and "id" in path_parameters and _KNOWN_PLAN_IDS:
        return st.sampled_from([path_parameters, *({**path_parameters, "id": i} for i in _KNOWN_PLAN_IDS)])
    return st.just(path_parameters)


@schema.hook
def flatmap_body(context, body):
    """A voter's ballot is valid only with a real area and real proposals: try those too."""
    if context.operation.path.endswith("/ballot/") and _KNOWN_BALLOTS:
        return st.sampled_from([body, *_KNOWN_BALLOTS])
    if context.operation.path.endswith("/proposals/") and context.operation.method.upper() == "POST" \
            and _KNOWN_PROPOSALS:
        return st.sampled_from([body, *_KNOWN_PROPOSALS])
    return st.just(body)


# JSON bodies a hostile client sends besides each generated one: a lone UTF-16 surrogate in each
# text field (json.dumps writes it as an escape the server decodes to an unpaired code point), and
# a body over the size the platform reads. Each answer must be one the operation documents.
HOSTILE_TEXT = "Kuoppa \ud800 pyörätiellä aseman edessä"
OVERSIZE_TEXT = "x" * (3 * 1024 * 1024)


def hostile_variants(body: dict) -> list[dict]:
    texts = [name for name, value in body.items() if isinstance(value, str)] or ["description"]
    return [*({**body, name: HOSTILE_TEXT} for name in texts), {**body, "description": OVERSIZE_TEXT}]


def assert_hostile_json_keeps_the_contract(case) -> None:
    """Send the case's JSON body made hostile (Django's client: only JSON can carry a lone surrogate)."""
    documented = {str(code) for code in case.operation.definition.raw["responses"]}
    for hostile in hostile_variants(case.body):
        response = Client().post(case.formatted_path, json.dumps(hostile), content_type="application/json",
                                 QUERY_STRING=urlencode(case.query or {}, doseq=True))
        # Django's client connects the connection recycling again when it is done: keep it off (see world).
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        assert response.status_code < 500, response.content[:300]
        assert str(response.status_code) in documented, (response.status_code, response.content[:300])


class World:
    """The API world of one operation's test, and the status codes its answers had."""

    def __init__(self, api_world: ApiWorld):
        self.staff_cookies = api_world.staff_cookies
        self.resident_cookies = api_world.resident_cookies
        self.statuses: list[int] = []


@pytest.fixture
def world(api_world: ApiWorld):
    """The API world, with Django's per-request connection recycling off for in-process calls.

    Django closes a connection at the start and end of each request when its autocommit differs
    from the settings': inside the test's transaction it always does, which would end the
    transaction. Django's own test client disconnects the same handler while it calls the app.

    Afterwards: at least one answer of the operation was a success, so the schema of its
    success body was checked against a real one, not only the error shapes.
    """
    _KNOWN_NUMBERS[:] = [*api_world.public_numbers, api_world.hidden_number]
    _KNOWN_PLAN_IDS[:] = list(api_world.plan_ids)
    _KNOWN_BUDGET_IDS[:] = list(api_world.budget_ids)
    _KNOWN_BALLOTS[:] = list(api_world.ballot_bodies)
    _KNOWN_PROPOSALS[:] = list(api_world.proposal_bodies)
    _KNOWN_PANEL_SLUGS[:] = list(api_world.panel_slugs)
    _KNOWN_INITIATIVE_IDS[:] = list(api_world.initiative_ids)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    world = World(api_world)
    try:
        yield world
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        _KNOWN_NUMBERS.clear()
        _KNOWN_PLAN_IDS.clear()
        _KNOWN_BUDGET_IDS.clear()
        _KNOWN_BALLOTS.clear()
        _KNOWN_PROPOSALS.clear()
        _KNOWN_PANEL_SLUGS.clear()
        _KNOWN_INITIATIVE_IDS.clear()
    assert any(200 <= status < 300 for status in world.statuses), f"no success answer among {world.statuses}"


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_keeps_its_contract(case, world):
    probe = case.method.upper() != case.operation.method.upper()  # an undocumented method: must be 405
    if case.path.startswith("/api/v1/staff/"):
        signed_out = case.call()
        signed_in = case.call(cookies=world.staff_cookies)
        if not probe:
            world.statuses.append(signed_in.status_code)
        case.validate_response(signed_out, checks=CHECKS)
        case.validate_response(signed_in, checks=CHECKS)
        if not probe:
            assert signed_out.status_code == 403, signed_out.text
            assert signed_in.status_code != 403, signed_in.text
    elif case.path.endswith("/ballot/") or (case.path.endswith("/proposals/") and case.method.upper() == "POST"):
        # A voter's ballot or a resident's proposal: 403 signed out, answered to a signed-in resident.
        signed_out = case.call()
        signed_in = case.call(cookies=world.resident_cookies,
                              headers={"X-CSRFToken": world.resident_cookies["csrftoken"]})
        if not probe:
            world.statuses.append(signed_in.status_code)
        case.validate_response(signed_out, checks=CHECKS)
        case.validate_response(signed_in, checks=CHECKS)
        if not probe:  # the ballot asks for a voter first; a proposal to no round, or in no JSON, is refused as such
            assert signed_out.status_code in ({403} if case.path.endswith("/ballot/") else {403, 404, 415}), \
                signed_out.text
            assert signed_in.status_code != 403, signed_in.text
    else:
        response = case.call()
        if not probe:
            world.statuses.append(response.status_code)
        case.validate_response(response, checks=CHECKS)
        if not probe and case.media_type == "application/json" and isinstance(case.body, dict):
            assert_hostile_json_keeps_the_contract(case)
