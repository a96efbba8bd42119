"""The staff API: private fields and history for staff only, another department's ticket is 404,
lists never hold another department's tickets, and a page of the list costs the same queries
however many tickets there are."""

import pytest
from django.utils import timezone

from geo_feedback.models import Feedback, FeedbackKind
from geo_feedback.services.triage import feedback_note
from geo_feedback.summaries import default_period
from tests.geo_feedback import test_summaries
from tests.geo_feedback.test_summaries import ticket

# The summary tests' staff and tickets (their timestamps and hand-computed figures are documented there).
people = test_summaries.people
tickets = test_summaries.tickets

LIST = "/api/v1/staff/feedback/"
SUMMARY = "/api/v1/staff/summary/"
DEPARTMENT_A = {"A1", "A2", "A3", "A4", "A5", "A6", "OLD"}


def _numbers(response) -> set[str]:
    return {row["number"] for row in response.json()["results"]}


@pytest.mark.parametrize("path", [LIST, f"{LIST}SJK-2026-000001/", SUMMARY])
def test_signed_out_gets_403_and_no_data(client, tickets, path):
    response = client.get(path)
    assert response.status_code == 403
    assert b"maija" not in response.content and b"SJK-" not in response.content


@pytest.mark.parametrize("path", [LIST, f"{LIST}SJK-2026-000001/", SUMMARY])
def test_a_resident_without_a_staff_role_gets_403(client, people, tickets, path):
    client.force_login(people["asukas"])
    response = client.get(path)
    assert response.status_code == 403
    assert b"maija" not in response.content


def test_a_handler_lists_only_their_departments_tickets_with_private_fields(client, people, tickets):
    client.force_login(people["katu"])
    response = client.get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 7 and _numbers(response) == {tickets[name].number for name in DEPARTMENT_A}
    row = next(row for row in body["results"] if row["number"] == tickets["A2"].number)
    assert row["reporter_email"] == "maija@example.fi" and row["reporter_phone"] == "040 765 4321"
    assert row["reporter_name"] == "Maija Meikäläinen" and row["department"] == "kaupunkiymparisto"
    assert row["status"] == "handled" and row["channel"] == "phone" and row["area"] == "60100"
    assert 22 < row["location"]["lon"] < 24 and 62 < row["location"]["lat"] < 63.5
    # Asking for the other department gives nothing, not its tickets
    other = client.get(LIST, {"department": "sivistys"})
    assert other.status_code == 200 and other.json()["count"] == 0


def test_customer_service_lists_every_department_and_filters(client, people, tickets):
    client.force_login(people["asiakaspalvelu"])
    assert client.get(LIST).json()["count"] == 9
    assert _numbers(client.get(LIST, {"department": "sivistys"})) == {tickets["B1"].number, tickets["B2"].number}
    assert _numbers(client.get(LIST, {"status": "handled"})) == {
        tickets[name].number for name in ("A1", "A2", "A6", "B1")}
    assert _numbers(client.get(LIST, {"status": "received,in_triage", "category": "304"})) == {tickets["B2"].number}
    assert _numbers(client.get(LIST, {"category": "177"})) == {tickets["A3"].number}


def test_bad_filters_are_400(client, people, tickets):
    client.force_login(people["asiakaspalvelu"])
    response = client.get(LIST, {"status": "lost"})
    assert response.status_code == 400 and "status" in response.json()
    assert client.get(LIST, {"department": "nowhere"}).status_code == 400


def test_the_list_is_paginated_newest_first(client, people, tickets):
    client.force_login(people["asiakaspalvelu"])
    first = client.get(LIST, {"page_size": 4}).json()
    assert len(first["results"]) == 4 and first["next"] and first["previous"] is None
    assert first["results"][0]["number"] == tickets["A5"].number  # received an hour ago
    last = client.get(LIST, {"page_size": 4, "page": 3}).json()
    assert [row["number"] for row in last["results"]] == [tickets["OLD"].number]
    assert client.get(LIST, {"page": 99}).status_code == 404


@pytest.mark.parametrize("extra", [0, 12])
def test_a_page_of_the_list_costs_the_same_queries_however_many_tickets(client, people, tickets, extra,
                                                                        django_assert_max_num_queries):
    for index in range(extra):
        ticket("171" if index % 2 else "304", kind=FeedbackKind.IDEA, where="60120")
    client.force_login(people["asiakaspalvelu"])
    # session, user, staff profile, count, page with its categories/departments/areas/handlers
    with django_assert_max_num_queries(5):
        response = client.get(LIST)
    assert response.json()["count"] == 9 + extra


def test_the_detail_has_the_full_history_with_internal_notes(client, people, tickets):
    a1 = tickets["A1"]
    feedback_note(feedback=a1, actor=people["katu"], text="Soitettu urakoitsijalle.")
    client.force_login(people["osallisuus"])  # participation agent of the same department: may read
    response = client.get(f"{LIST}{a1.number}/")
    assert response.status_code == 200
    body = response.json()
    assert body["reporter_email"] == "maija@example.fi"
    history = body["history"]
    assert [event["to_status"] for event in history] == ["received", "routed", "in_progress", "handled", "handled"]
    assert history[1]["internal_note"] == "Sisäinen muistiinpano"
    assert history[-1]["internal_note"] == "Soitettu urakoitsijalle." and history[-1]["actor"] == "katu"


@pytest.mark.parametrize("username", ["katu", "osallisuus"])
def test_another_departments_ticket_is_404_like_an_unknown_number(client, people, tickets, username):
    client.force_login(people[username])
    hidden = client.get(f"{LIST}{tickets['B1'].number}/")
    unknown = client.get(f"{LIST}SJK-1999-000001/")
    assert hidden.status_code == unknown.status_code == 404
    assert hidden.json() == unknown.json()
    assert b"maija" not in hidden.content


def test_customer_service_and_the_other_handler_see_department_bs_ticket(client, people, tickets):
    for username in ("asiakaspalvelu", "kirjasto", "paakayttaja"):
        client.force_login(people[username])
        assert client.get(f"{LIST}{tickets['B1'].number}/").status_code == 200
    client.force_login(people["kirjasto"])
    assert client.get(f"{LIST}{tickets['A1'].number}/").status_code == 404


# The figures as JSON -------------------------------------------------------------------------


def test_the_summary_json_has_the_hand_computed_figures(client, people, tickets):
    client.force_login(people["katu"])
    response = client.get(SUMMARY, {"from": "2026-03-01"})
    assert response.status_code == 200
    body = response.json()
    assert body["department"] == "kaupunkiymparisto"  # their own, without asking
    assert (body["total"], body["praise"], body["overdue_open"], body["handled_late"]) == (6, 2, 2, 1)
    assert body["time_to_triage"] == {"measured": 4, "median_hours": 5.0, "p90_hours": 8.8,
                                      "median_days": 0.21, "p90_days": 0.37}
    assert body["time_to_handle"]["median_hours"] == 48.0 and body["time_to_handle"]["p90_days"] == 16.4
    assert {row["key"]: row["count"] for row in body["by_department"]} == {"kaupunkiymparisto": 6}
    rate = next(row for row in body["per_1000_inhabitants"] if row["area"] == "60100")
    assert rate == {"area": "60100", "name": "Seinäjoki Keskus", "count": 5, "population": 9020,
                    "population_year": 2020, "population_is_estimate": True, "per_1000": 0.55}


def test_the_summary_json_for_another_department_is_refused_for_a_handler(client, people, tickets):
    client.force_login(people["katu"])
    response = client.get(SUMMARY, {"department": "sivistys", "from": "2026-03-01"})
    assert response.status_code == 400 and "department" in response.json()
    assert "total" not in response.json()


def test_customer_service_may_summarise_one_department_or_all(client, people, tickets):
    client.force_login(people["asiakaspalvelu"])
    everything = client.get(SUMMARY, {"from": "2026-03-01"}).json()
    assert everything["department"] is None and everything["total"] == 8
    only_b = client.get(SUMMARY, {"department": "sivistys", "from": "2026-03-01", "to": "2026-03-31"}).json()
    assert only_b["total"] == 2 and only_b["time_to_handle"]["median_hours"] == 200.0


def test_the_summary_json_refuses_a_bad_date(client, people, tickets):
    client.force_login(people["asiakaspalvelu"])
    assert client.get(SUMMARY, {"from": "1.3.2026"}).status_code == 400
    assert client.get(SUMMARY, {"from": "2026-03-10", "to": "2026-03-01"}).status_code == 400


def test_the_summary_default_period_is_the_last_12_months(client, people, tickets):
    client.force_login(people["katu"])
    body = client.get(SUMMARY).json()
    first, last = default_period()
    assert (body["from"], body["to"]) == (first.isoformat(), last.isoformat())
    # The tickets' own receipt dates decide which are in (OLD, June 2025, is not when run in 2026).
    expected = {name for name in DEPARTMENT_A
                if first <= timezone.localtime(Feedback.objects.get(pk=tickets[name].pk).created_at).date() <= last}
    assert body["total"] == len(expected) and "OLD" not in expected
