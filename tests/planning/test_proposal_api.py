"""GET|POST /api/v1/budgets/{id}/proposals/: GeoJSON in EPSG:4326 in one statement, cursor paging,
filters by area and status, never an email; a signed-in resident's proposal with CSRF, field-level
refusals, a rate limit, and the operations in the OpenAPI schema."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import Client

from planning.identity import resident_identity_get_or_create
from planning.models import BudgetPhase, BudgetProposal, ProposalStatus
from tests.factories.budgets import budget_areas, budget_round_make, proposal_row


def url(budget) -> str:
    return f"/api/v1/budgets/{budget.pk}/proposals/"


@pytest.fixture(autouse=True)
def _generous_proposal_rate(settings):
    """Many proposals come from one test address; the rate-limit test sets its own rate."""
    settings.BUDGET_PROPOSAL_RATE = "100000/minute"


@pytest.fixture
def budget(city):
    return budget_round_make(phase=BudgetPhase.PROPOSALS)


@pytest.fixture
def areas(city):
    return budget_areas()


def test_the_list_is_geojson_in_wgs84_without_emails_in_one_statement(client, budget, areas,
                                                                     django_assert_num_queries):
    east = areas["SJK-ITA"]
    proposal_row(budget, area=east, status=ProposalStatus.SUBMITTED, title="Teline", author_email="x@example.fi",
                 author_name="Maija")
    proposal_row(budget, area=None, status=ProposalStatus.FEASIBLE, title="Kirjastobussi", cost=5000)
    proposal_row(budget, area=east, status=ProposalStatus.WITHDRAWN, title="Peruttu")
    with django_assert_num_queries(2):  # the round, then the features
        response = client.get(url(budget))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection" and body["next"] is None
    assert [f["properties"]["title"] for f in body["features"]] == ["Kirjastobussi", "Teline"]
    city_wide, point = body["features"]
    assert city_wide["geometry"] is None and city_wide["properties"]["place"] == "city"
    assert city_wide["properties"]["on_ballot"] is True
    lon, lat = point["geometry"]["coordinates"]
    assert 22 < lon < 24 and 62 < lat < 63.5  # Seinäjoki in degrees
    assert point["properties"]["area"] == "SJK-ITA" and point["properties"]["author_name"] == "Maija"
    assert "x@example.fi" not in response.content.decode() and "author_email" not in response.content.decode()


def test_filters_and_the_cursor_walk_every_proposal_once(client, budget, areas):
    for number in range(5):
        proposal_row(budget, area=areas["SJK-ITA"], status=ProposalStatus.SUBMITTED, title=f"Idässä {number}")
    proposal_row(budget, area=areas["SJK-LANSI"], status=ProposalStatus.FEASIBLE, title="Lännessä")
    seen, next_url = [], url(budget) + "?area=SJK-ITA&limit=2"
    while next_url:
        body = client.get(next_url).json()
        seen += [f["properties"]["title"] for f in body["features"]]
        next_url = body["next"]
    assert sorted(seen) == [f"Idässä {n}" for n in range(5)]
    body = client.get(url(budget), {"status": "feasible"}).json()
    assert [f["properties"]["title"] for f in body["features"]] == ["Lännessä"]
    assert client.get(url(budget), {"cursor": "rubbish", "lang": "en"}).json() == {
        "cursor": ["This cursor is not valid; start again without it."]}
    assert client.get(url(budget), {"status": "withdrawn"}, HTTP_ACCEPT_LANGUAGE="en").status_code == 400
    assert client.get("/api/v1/budgets/abc/proposals/").status_code == 404


def _post(client, budget, body, **extra):
    return client.post(url(budget) + "?lang=en", body, content_type="application/json", **extra)


def test_a_signed_in_resident_proposes_with_csrf(budget, areas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident_identity_get_or_create(identifier="050505-555E", provider="test").user)
    point = areas["SJK-ITA"].boundary.point_on_surface.transform(4326, clone=True)
    body = {"title": "Kiipeilyteline", "description": "Kiipeilyteline leikkipuistoon.",
            "location": {"type": "Point", "coordinates": [point.x, point.y]}, "author_email": "m@example.fi"}
    assert _post(client, budget, body).status_code == 403  # no CSRF token
    client.cookies["csrftoken"] = "a" * 32
    response = _post(client, budget, body, HTTP_X_CSRFTOKEN="a" * 32)
    assert response.status_code == 201, response.content
    feature = response.json()
    assert feature["properties"]["area"] == "SJK-ITA" and "m@example.fi" not in response.content.decode()
    assert BudgetProposal.objects.get().author_email == "m@example.fi"


def test_visitors_are_refused_and_refusals_name_each_field(client, budget):
    assert _post(client, budget, {"title": "x", "description": "y"}).status_code == 403
    resident = Client()
    resident.force_login(resident_identity_get_or_create(identifier="060606-666F", provider="test").user)
    response = _post(resident, budget, {"title": "", "description": "lyhyt",
                                        "location": {"type": "Point", "coordinates": [24.94, 60.17]}})
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"title", "description", "location"}
    assert "outside every resident budget area" in errors["location"][0]
    response = _post(resident, budget, {"title": "T", "description": "Kymmenen merkkiä.",
                                        "location": {"type": "Point", "coordinates": ["a", 1]}})
    assert response.status_code == 400 and "location" in response.json()
    response = _post(resident, budget, {"title": "T", "description": "Kymmenen merkkiä.", "area": "EI-OLE"})
    assert response.json() == {"area": ["Choose one of the round's budget areas."]}
    assert not BudgetProposal.objects.exists()


def test_a_round_past_proposals_answers_409(city):
    budget = budget_round_make(phase=BudgetPhase.REVIEW)
    resident = Client()
    resident.force_login(resident_identity_get_or_create(identifier="070707-777G", provider="test").user)
    response = _post(resident, budget, {"title": "T", "description": "Kymmenen merkkiä."})
    assert response.status_code == 409


def test_proposals_are_rate_limited_per_address(settings, budget, areas):
    settings.BUDGET_PROPOSAL_RATE = "1/hour"
    caches["throttle"].clear()  # the other tests' proposals came from the same address
    resident = Client()
    resident.force_login(resident_identity_get_or_create(identifier="080808-888H", provider="test").user)
    body = {"title": "Penkki", "description": "Penkki koko alueelle.", "area": "SJK-LANSI"}
    assert _post(resident, budget, {"title": "", "description": ""}).status_code == 400  # gives its place back
    assert _post(resident, budget, body).status_code == 201
    response = _post(resident, budget, body)
    assert response.status_code == 429 and "Retry-After" in response


def test_the_operations_are_in_the_schema(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    operations = schema["paths"]["/api/v1/budgets/{id}/proposals/"]
    assert {operations["get"]["operationId"], operations["post"]["operationId"]} == {
        "budget_proposals_list", "budget_proposals_create"}
    assert "author_email" not in schema["components"]["schemas"]["ProposalProperties"]["properties"]
