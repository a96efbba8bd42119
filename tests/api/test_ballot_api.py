"""The ballot API for a signed-in voter: 403 for others, CSRF as for the pages, field-level refusals,
201 then 200 with the same receipt code, and the operations in the OpenAPI schema."""

import pytest
from rest_framework.test import APIClient

from planning.budget_selectors import budget_section_amount
from planning.identity import resident_identity_get_or_create
from planning.models import Ballot, BudgetPhase
from tests.factories.budgets import budget_areas, budget_round_make, proposal_row


@pytest.fixture
def voting(city):
    budget = budget_round_make(phase=BudgetPhase.VOTING)
    east = budget_areas()["SJK-ITA"]
    money = budget_section_amount(budget, east)
    return budget, east, money, {
        "half": proposal_row(budget, area=east, cost=money // 2, title="Leikkipuisto"),
        "big": proposal_row(budget, area=east, cost=money * 2 // 3, title="Kuntorata"),
        "city": proposal_row(budget, area=None, cost=5_000, title="Kirjastoauto"),
    }


@pytest.fixture
def voter_client(voting):
    resident = resident_identity_get_or_create(identifier="131052-308T", provider="dev", home_area=voting[1])
    client = APIClient()
    client.force_login(resident.user)
    return client


def test_anonymous_and_staff_get_403(voting):
    budget = voting[0]
    url = f"/api/v1/budgets/{budget.pk}/ballot/?lang=en"
    client = APIClient()
    answer = client.get(url)
    assert answer.status_code == 403 and answer.json() == {"detail": "Sign in as a resident to vote."}
    assert client.put(url, {"area": "SJK-ITA", "choices": []}, format="json").status_code == 403


def test_a_voter_reads_casts_and_changes_the_ballot(voting, voter_client):
    budget, east, money, p = voting
    url = f"/api/v1/budgets/{budget.pk}/ballot/?lang=en"
    read = voter_client.get(url).json()
    assert read["ballot"] is None and read["area"] == "SJK-ITA" and read["voting_rule"] == "knapsack"
    assert [s["area"] for s in read["sections"]] == ["SJK-ITA", None]
    assert read["sections"][0]["amount"] == money
    assert {x["title"] for x in read["sections"][0]["proposals"]} == {"Leikkipuisto", "Kuntorata"}
    cast = voter_client.put(url, {"area": "SJK-ITA", "choices": [p["half"].pk, p["city"].pk]}, format="json")
    assert cast.status_code == 201
    code = cast.json()["ballot"]["receipt_code"]
    changed = voter_client.put(url, {"area": "SJK-ITA", "choices": [p["big"].pk]}, format="json")
    assert changed.status_code == 200 and changed.json()["ballot"]["receipt_code"] == code
    assert changed.json()["ballot"]["choices"] == [p["big"].pk]
    assert Ballot.objects.count() == 1


def test_the_ballot_reads_in_the_same_queries_whatever_the_proposals(voting, voter_client,
                                                                    django_assert_num_queries):
    budget, east, money, p = voting
    url = f"/api/v1/budgets/{budget.pk}/ballot/"
    voter_client.put(url, {"area": "SJK-ITA", "choices": [p["half"].pk]}, format="json")
    with django_assert_num_queries(13) as counted:  # session, user, resident, round, ballot, areas, sections
        voter_client.get(url)
    for number in range(10):
        proposal_row(budget, area=east, cost=100 + number)
        proposal_row(budget, area=None, cost=100 + number)
    with django_assert_num_queries(len(counted.captured_queries)):
        assert len(voter_client.get(url).json()["sections"][0]["proposals"]) == 12


def test_refusals_name_the_field(voting, voter_client):
    budget, east, money, p = voting
    url = f"/api/v1/budgets/{budget.pk}/ballot/?lang=en"
    over = voter_client.put(url, {"area": "SJK-ITA", "choices": [p["half"].pk, p["big"].pk]}, format="json")
    assert over.status_code == 400 and "more than its money" in over.json()["choices"][0]
    area = voter_client.put(url, {"area": "NOWHERE", "choices": [p["city"].pk]}, format="json")
    assert area.status_code == 400 and area.json() == {"area": ["Choose one of the round's budget areas."]}
    shape = voter_client.put(url, {"area": 3, "choices": "x", "email": "no"}, format="json")
    assert shape.status_code == 400 and set(shape.json()) == {"choices", "email"}
    garbage = voter_client.generic("PUT", url, "{not json", content_type="application/json")
    assert garbage.status_code == 400 and "non_field_errors" in garbage.json()
    assert voter_client.get("/api/v1/budgets/999999/ballot/").status_code == 404
    assert voter_client.get("/api/v1/budgets/abc/ballot/").status_code == 404
    assert not Ballot.objects.exists()


def test_outside_voting_a_put_is_409(city):
    budget = budget_round_make(phase=BudgetPhase.REVIEW)
    resident = resident_identity_get_or_create(identifier="131052-308T", provider="dev")
    client = APIClient()
    client.force_login(resident.user)
    answer = client.put(f"/api/v1/budgets/{budget.pk}/ballot/?lang=en", {"area": "SJK-ITA", "choices": [1]},
                        format="json")
    assert answer.status_code == 409 and answer.json() == {"detail": "Voting is not open in this round."}


def test_csrf_is_required_as_for_the_pages(voting):
    budget, east, money, p = voting
    resident = resident_identity_get_or_create(identifier="131052-308T", provider="dev")
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(resident.user)
    url = f"/api/v1/budgets/{budget.pk}/ballot/"
    assert client.put(url, {"area": "SJK-ITA", "choices": [p["city"].pk]}, format="json").status_code == 403
    client.get(f"/asukasbudjetti/{budget.pk}/aanesta/?alue=SJK-ITA")  # the ballot form sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    answer = client.put(url, {"area": "SJK-ITA", "choices": [p["city"].pk]}, format="json", HTTP_X_CSRFTOKEN=token)
    assert answer.status_code == 201


def test_the_schema_describes_the_ballot(client, db):
    schema = client.get("/api/v1/schema/?format=json").json()
    operations = schema["paths"]["/api/v1/budgets/{id}/ballot/"]
    assert operations["get"]["operationId"] == "budget_ballot_retrieve"
    assert operations["put"]["operationId"] == "budget_ballot_update"
    assert set(operations["put"]["responses"]) == {"200", "201", "400", "403", "404", "409"}
    assert "VoterBallot" in schema["components"]["schemas"]
