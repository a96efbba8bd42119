"""The staff pages at work: the queues, the ticket page's history and actions, a change made
meanwhile by someone else, bulk actions (all or nothing) and reports filed at the desk."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from city.models import Department
from geo_feedback.models import EventAction, Feedback, FeedbackPhoto, ReplyTemplate
from geo_feedback.services.feedback import feedback_transition
from geo_feedback.services.triage import feedback_note, feedback_route
from geo_feedback.statuses import FeedbackStatus as S
from tests.factories.feedback import POINTS, FeedbackFactory, category, jpeg_with_gps, point
from tests.geo_feedback.test_staff_fixtures import (  # noqa: F401 (fixtures)
    client_for,
    fixture_library_ticket,
    fixture_staff,
    fixture_street_ticket,
)


def department(code: str) -> int:
    return Department.objects.get(code=code).pk


def age(ticket, days: int) -> None:
    """Make ``ticket`` look ``days`` old (received then)."""
    Feedback.objects.filter(pk=ticket.pk).update(created_at=timezone.now() - timedelta(days=days, hours=1))


@pytest.fixture
def agent(staff):
    return client_for(Client, staff["asiakaspalvelu"])


@pytest.fixture
def handler(staff):
    return client_for(Client, staff["kaupunkiymparisto"])


# The triage queue ----------------------------------------------------------------------------------


def test_the_triage_queue_lists_new_tickets_oldest_first_with_their_pins(agent, city):
    newer = FeedbackFactory()
    older = FeedbackFactory(location=point(POINTS["60120"]))
    age(older, 3)
    routed = FeedbackFactory()
    feedback_transition(feedback=routed, to_status=S.ROUTED)
    response = agent.get("/henkilosto/kasittely/")
    assert [row.feedback.number for row in response.context["rows"]] == [older.number, newer.number]
    points = response.context["map_config"]["points"]
    assert [(p["number"], p["lon"], p["lat"]) for p in points][0] == (older.number, *POINTS["60120"])
    assert routed.number not in response.content.decode()


def test_the_triage_queue_filters_by_category_area_age_and_channel(agent, city):
    street = FeedbackFactory()
    age(street, 10)
    library = FeedbackFactory(category=category("304"), location=point(POINTS["61100"]), channel="phone")

    def numbers(**params):
        return [row.feedback.number for row in agent.get("/henkilosto/kasittely/", params).context["rows"]]

    assert numbers(category="304") == [library.number]
    assert numbers(area="60100") == [street.number]
    assert numbers(area="61100") == [library.number]
    assert numbers(older_than=7) == [street.number]
    assert numbers(channel="phone") == [library.number]
    assert numbers(older_than="not a number") == [street.number, library.number]  # told of and ignored


def test_the_triage_queue_is_paginated(agent, city, monkeypatch):
    monkeypatch.setattr("geo_feedback.staff.selectors.PAGE_SIZE", 2)
    tickets = [FeedbackFactory() for _ in range(3)]
    first = agent.get("/henkilosto/kasittely/")
    second = agent.get("/henkilosto/kasittely/", {"page": 2})
    assert first.context["page"].paginator.count == 3
    assert [row.feedback.number for row in second.context["rows"]] == [tickets[2].number]
    assert 'rel="next"' in first.content.decode()


# The department queue -----------------------------------------------------------------------------


def test_the_department_queue_sorts_by_due_date_or_age_and_marks_the_overdue(handler, city):
    slow = FeedbackFactory()  # street condition: 14 days to handle
    age(slow, 10)  # due in 4 days
    quick = FeedbackFactory(category=category("198"))  # traffic signs: 7 days
    age(quick, 5)  # due in 2 days
    late = FeedbackFactory(category=category("198"))
    age(late, 9)  # 2 days overdue
    for ticket in (slow, quick, late):
        feedback_transition(feedback=ticket, to_status=S.ROUTED)
    untouched = FeedbackFactory()  # still in triage: not the department's yet

    by_due = handler.get("/henkilosto/toimiala/")
    assert [row.feedback.number for row in by_due.context["rows"]] == [late.number, quick.number, slow.number]
    assert [row.overdue for row in by_due.context["rows"]] == [True, False, False]
    html = by_due.content.decode()
    assert untouched.number not in html
    # Overdue is said in words, not by colour alone.
    late_row = html.split(f'data-number="{late.number}"')[1].split("</tr>")[0]
    assert "overdue-badge" in late_row and "Overdue" in late_row or "Myöhässä" in late_row
    assert "overdue-badge" not in html.split(f'data-number="{quick.number}"')[1].split("</tr>")[0]
    expected_due = (timezone.localtime(Feedback.objects.get(pk=late.pk).created_at) + timedelta(days=7)).date()
    assert by_due.context["rows"][0].due_at.date() == expected_due or timezone.localtime(
        by_due.context["rows"][0].due_at).date() == expected_due

    by_age = handler.get("/henkilosto/toimiala/", {"sort": "age"})
    assert [row.feedback.number for row in by_age.context["rows"]] == [slow.number, late.number, quick.number]


# The ticket page ------------------------------------------------------------------------------------


def test_the_ticket_page_shows_hidden_photos_internal_notes_and_event_details(agent, staff, city):
    ticket = FeedbackFactory(photos=[jpeg_with_gps()], reporter_email="maija@example.fi")
    FeedbackPhoto.objects.filter(feedback=ticket).update(is_public=False)
    feedback_note(feedback=ticket, actor=staff["asiakaspalvelu"], text="Soitettu asukkaalle, odottaa kuvaa.")
    html = agent.get(f"/henkilosto/palaute/{ticket.number}/").content.decode()
    assert "Soitettu asukkaalle, odottaa kuvaa." in html
    assert "hidden-badge" in html and FeedbackPhoto.objects.get(feedback=ticket).image.url in html
    assert "maija@example.fi" in html
    public = Client().get(f"/palaute/{ticket.number}/").content.decode()
    assert "Soitettu asukkaalle" not in public and "maija@example.fi" not in public


def test_route_to_a_handler_of_another_department_is_refused_beside_the_field(agent, staff, street_ticket):
    response = agent.post(f"/henkilosto/palaute/{street_ticket.number}/route/", {
        "route-version": 1, "route-department": department("elinvoima"),
        "route-handler": staff["kaupunkiymparisto"].pk})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    street_ticket.refresh_from_db()
    assert street_ticket.version == 1


def test_route_to_a_handler_assigns_the_ticket(agent, staff, street_ticket):
    agent.post(f"/henkilosto/palaute/{street_ticket.number}/route/", {
        "route-version": 1, "route-department": department("kaupunkiymparisto"),
        "route-handler": staff["kaupunkiymparisto"].pk, "route-internal_note": "Kiireellinen"})
    street_ticket.refresh_from_db()
    assert (street_ticket.status, street_ticket.assigned_to) == (S.ROUTED, staff["kaupunkiymparisto"])


def test_moving_the_pin_recomputes_the_area_and_outside_the_city_is_refused(agent, street_ticket):
    response = agent.post(f"/henkilosto/palaute/{street_ticket.number}/move/", {
        "move-version": 1, "move-lon": POINTS["61400"][0], "move-lat": POINTS["61400"][1]})
    assert response.status_code == 302
    street_ticket.refresh_from_db()
    assert street_ticket.area.code == "61400"
    refused = agent.post(f"/henkilosto/palaute/{street_ticket.number}/move/", {
        "move-version": 2, "move-lon": 24.95, "move-lat": 60.17})
    assert refused.status_code == 400
    street_ticket.refresh_from_db()
    assert street_ticket.version == 2 and street_ticket.area.code == "61400"


def test_merge_candidates_are_open_tickets_nearby_nearest_first(agent, city):
    ticket = FeedbackFactory()
    lon, lat = POINTS["60100"]
    farther = FeedbackFactory(location=point((lon + 0.004, lat)))  # ~200 m
    nearer = FeedbackFactory(category=category("179"), location=point((lon + 0.001, lat)))  # ~50 m, other topic
    closed = FeedbackFactory(location=point((lon + 0.0005, lat)))
    feedback_transition(feedback=closed, to_status=S.HANDLED)
    FeedbackFactory(location=point(POINTS["60120"]))  # 2 km away
    response = agent.get(f"/henkilosto/palaute/{ticket.number}/")
    candidates = response.context["candidates"]
    assert [c.feedback.number for c in candidates] == [nearer.number, farther.number]
    assert candidates[0].distance_m < candidates[1].distance_m
    assert [c["number"] for c in response.context["map_config"]["candidates"]] == [nearer.number, farther.number]

    typed = agent.post(f"/henkilosto/palaute/{ticket.number}/merge/", {
        "merge-version": 1, "merge-into": nearer.number, "merge-into_other": farther.number})
    assert typed.status_code == 302  # a typed number wins over the list's choice
    ticket.refresh_from_db()
    assert ticket.merged_into == farther


def test_merge_into_an_unknown_number_is_told_and_nothing_changes(agent, street_ticket):
    response = agent.post(f"/henkilosto/palaute/{street_ticket.number}/merge/", {
        "merge-version": 1, "merge-into_other": "SJK-1999-000009"})
    assert response.status_code == 400
    street_ticket.refresh_from_db()
    assert street_ticket.status == S.RECEIVED


def test_a_reply_template_prefills_the_reply_without_javascript(agent, street_ticket):
    template = ReplyTemplate.objects.create(status=S.HANDLED, language="fi", title="Korjattu",
                                            body="Kiitos ilmoituksesta, asia on korjattu.")
    ReplyTemplate.objects.create(status=S.HANDLED, language="sv", title="Fixat", body="Tack, det är fixat.")
    page = agent.get(f"/henkilosto/palaute/{street_ticket.number}/", {"template": template.pk}).content.decode()
    reply = page.split('id="id_reply-text"')[1].split("</textarea>")[0]
    assert "Kiitos ilmoituksesta, asia on korjattu." in reply
    assert "Fixat" not in page  # the resident wrote in Finnish: their templates only


def test_redaction_replaces_the_description_and_hides_a_photo(agent, city):
    ticket = FeedbackFactory(photos=[jpeg_with_gps()], description="Naapurini Matti Virtanen jätti roskat tähän.")
    photo = FeedbackPhoto.objects.get(feedback=ticket)
    agent.post(f"/henkilosto/palaute/{ticket.number}/redact/", {
        "redact-version": 1, "redact-description": "Naapuri jätti roskat tähän.", "redact-hide_photos": [photo.pk]})
    ticket.refresh_from_db()
    photo.refresh_from_db()
    assert ticket.description == "Naapuri jätti roskat tähän." and not photo.is_public
    assert "Virtanen" not in Client().get(f"/palaute/{ticket.number}/").content.decode()


def test_handled_needs_a_public_note(handler, street_ticket):
    response = handler.post(f"/henkilosto/palaute/{street_ticket.number}/handled/", {"handled-version": 1})
    assert response.status_code == 400
    street_ticket.refresh_from_db()
    assert street_ticket.status == S.RECEIVED


def test_a_closed_ticket_offers_only_what_its_status_allows(agent, street_ticket):
    feedback_transition(feedback=street_ticket, to_status=S.HANDLED)
    html = agent.get(f"/henkilosto/palaute/{street_ticket.number}/").content.decode()
    assert 'name="triage-version"' in html  # reopen into triage
    assert 'name="handled-version"' not in html and 'name="route-version"' not in html
    refused = agent.post(f"/henkilosto/palaute/{street_ticket.number}/handled/",
                         {"handled-version": 2, "handled-public_note": "Taas"})
    assert refused.status_code == 400


# Changed meanwhile ----------------------------------------------------------------------------------


def test_two_people_with_the_same_version_the_second_sees_what_changed_and_nothing_is_overwritten(
        agent, handler, staff, street_ticket):
    url = f"/henkilosto/palaute/{street_ticket.number}/"
    assert agent.get(url).status_code == 200 and handler.get(url).status_code == 200  # both see version 1

    first = agent.post(url + "route/", {"route-version": 1, "route-department": department("kaupunkiymparisto"),
                                        "route-public_note": "Ohjattu kaupunkiympäristölle."})
    assert first.status_code == 302

    # The handler still has version 1 on their screen when they send their reply.
    second = handler.post(url + "reply/", {"reply-version": 1, "reply-text": "Korjaamme kuopan huomenna."})
    assert second.status_code == 409
    html = second.content.decode()
    assert 'id="changed-meanwhile"' in html
    changes = second.context["changed"].changes
    assert [(e.actor, e.from_status, e.to_status) for e in changes] == [(staff["asiakaspalvelu"], S.RECEIVED,
                                                                         S.ROUTED)]
    changed_box = html.split('id="changed-meanwhile"')[1].split("</div>")[0]
    assert "asiakaspalvelu" in changed_box
    # What was typed is kept, with the current version, so sending again is a deliberate choice.
    reply = html.split('id="id_reply-text"')[1].split("</textarea>")[0]
    assert "Korjaamme kuopan huomenna." in reply
    assert 'name="reply-version" value="2"' in html
    street_ticket.refresh_from_db()
    assert street_ticket.version == 2 and not street_ticket.events.filter(action=EventAction.REPLY).exists()
    assert street_ticket.status == S.ROUTED
    assert street_ticket.events.get(version=2).public_note == "Ohjattu kaupunkiympäristölle."

    again = handler.post(url + "reply/", {"reply-version": 2, "reply-text": "Korjaamme kuopan huomenna."})
    assert again.status_code == 302
    assert street_ticket.events.filter(action=EventAction.REPLY).count() == 1


def test_two_agents_routing_at_once_the_second_does_not_overwrite_the_first(staff, street_ticket):
    first, second = client_for(Client, staff["asiakaspalvelu"]), client_for(Client, staff["paakayttaja"])
    url = f"/henkilosto/palaute/{street_ticket.number}/route/"
    assert first.post(url, {"route-version": 1, "route-department": department("sivistys")}).status_code == 302
    late = second.post(url, {"route-version": 1, "route-department": department("elinvoima"),
                             "route-internal_note": "Elinvoimalle"})
    assert late.status_code == 409
    assert "Elinvoimalle" in late.content.decode()
    street_ticket.refresh_from_db()
    assert (street_ticket.department.code, street_ticket.version) == ("sivistys", 2)


# Bulk actions -----------------------------------------------------------------------------------------


def seen(*tickets):
    """The version fields the confirmation page carries for each chosen ticket."""
    return {f"version-{ticket.number}": ticket.version for ticket in tickets}


def test_bulk_reject_asks_for_confirmation_first(agent, city):
    spam = [FeedbackFactory(description=f"Osta halpoja kelloja nyt {n}!") for n in range(2)]
    numbers = [ticket.number for ticket in spam]
    confirm = agent.post("/henkilosto/kasittely/massatoiminto/", {"tickets": numbers, "action": "reject",
                                                                 "note": "Roskapostia"})
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert all(number in html for number in numbers) and 'name="confirm"' in html
    assert all(f'name="version-{number}" value="1"' in html for number in numbers)
    assert Feedback.objects.filter(status=S.REJECTED).count() == 0  # nothing yet

    done = agent.post("/henkilosto/kasittely/massatoiminto/", {"tickets": numbers, "action": "reject",
                                                              "note": "Roskapostia", "confirm": "1", **seen(*spam)})
    assert done.status_code == 302
    assert set(Feedback.objects.filter(number__in=numbers).values_list("status", flat=True)) == {S.REJECTED}


def test_bulk_route_and_merge(agent, city):
    a, b, original = FeedbackFactory(), FeedbackFactory(), FeedbackFactory()
    agent.post("/henkilosto/kasittely/massatoiminto/", {"tickets": [a.number], "action": "route",
                                                       "department": department("sivistys"), "confirm": "1",
                                                       **seen(a)})
    agent.post("/henkilosto/kasittely/massatoiminto/", {"tickets": [b.number], "action": "merge",
                                                       "into": original.number, "confirm": "1", **seen(b)})
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, a.department.code) == (S.ROUTED, "sivistys")
    assert (b.status, b.merged_into) == (S.DUPLICATE, original)


def test_bulk_is_all_or_nothing(agent, city):
    fresh, handled = FeedbackFactory(), FeedbackFactory()
    handled = feedback_transition(feedback=handled, to_status=S.HANDLED)
    response = agent.post("/henkilosto/kasittely/massatoiminto/", {
        "tickets": [fresh.number, handled.number], "action": "route", "department": department("sivistys"),
        "confirm": "1", **seen(fresh, handled)})
    assert response.status_code == 409
    fresh.refresh_from_db()
    assert (fresh.status, fresh.department.code, fresh.version) == (S.RECEIVED, "kaupunkiymparisto", 1)


def test_bulk_confirmed_after_someone_changed_a_ticket_changes_nothing(agent, city):
    first, second = FeedbackFactory(), FeedbackFactory()
    versions = seen(first, second)  # what the confirmation page showed
    feedback_route(feedback=second, department=Department.objects.get(code="sivistys"), actor=None)
    response = agent.post("/henkilosto/kasittely/massatoiminto/", {
        "tickets": [first.number, second.number], "action": "reject", "confirm": "1", **versions})
    assert response.status_code == 409
    html = response.content.decode()
    assert second.number in html and f'name="version-{second.number}" value="2"' in html
    assert set(Feedback.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)) == {
        S.RECEIVED, S.ROUTED}
    first.refresh_from_db()
    assert first.version == 1

    again = agent.post("/henkilosto/kasittely/massatoiminto/", {
        "tickets": [first.number, second.number], "action": "reject", "confirm": "1",
        **seen(first, Feedback.objects.get(pk=second.pk))})
    assert again.status_code == 302
    assert set(Feedback.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)) == {
        S.REJECTED}


def test_bulk_merge_into_one_of_the_chosen_is_refused(agent, city):
    a, b = FeedbackFactory(), FeedbackFactory()
    response = agent.post("/henkilosto/kasittely/massatoiminto/", {
        "tickets": [a.number, b.number], "action": "merge", "into": a.number, "confirm": "1"})
    assert response.status_code == 400
    assert not Feedback.objects.filter(status=S.DUPLICATE).exists()


def test_bulk_with_a_ticket_one_cannot_see_or_that_does_not_exist_is_403(agent, street_ticket):
    response = agent.post("/henkilosto/kasittely/massatoiminto/", {
        "tickets": [street_ticket.number, "SJK-1999-000001"], "action": "reject", "confirm": "1"})
    assert response.status_code == 403
    street_ticket.refresh_from_db()
    assert street_ticket.status == S.RECEIVED


# Desk entry ------------------------------------------------------------------------------------------


def test_an_agent_files_a_phone_report_for_a_resident_without_a_rate_limit(agent, staff, settings):
    settings.FEEDBACK_CREATE_RATE = "1/hour"
    data = {"channel": "phone", "category": "171", "kind": "fault",
            "description": "Asukas soitti: katulamppu rikki Koulukadulla.",
            "lon": POINTS["60100"][0], "lat": POINTS["60100"][1], "name": "Pekka Puhelin",
            "phone": "040 123 4567", "language": "sv"}
    for _ in range(2):
        response = agent.post("/henkilosto/uusi/", data)
        assert response.status_code == 302
    ticket = Feedback.objects.order_by("-id").first()
    assert response["Location"] == f"/henkilosto/palaute/{ticket.number}/"
    assert (ticket.channel, ticket.reporter_phone, ticket.language, ticket.area.code) == (
        "phone", "040 123 4567", "sv", "60100")
    created = ticket.events.get(action=EventAction.CREATED)
    assert created.actor == staff["asiakaspalvelu"] and created.details == {"channel": "phone"}


def test_desk_entry_errors_are_shown_beside_the_fields(agent, city):
    response = agent.post("/henkilosto/uusi/", {"channel": "email", "category": "171", "kind": "fault",
                                                "description": "lyhyt", "lon": 24.95})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html and 'id="id_lat-error"' in html and 'id="id_description-error"' in html
    assert not Feedback.objects.exists()
    outside = agent.post("/henkilosto/uusi/", {"channel": "email", "category": "171", "kind": "fault",
                                               "description": "Kuoppa Helsingissä, ei meidän.", "lon": 24.95,
                                               "lat": 60.17})
    assert outside.status_code == 400 and 'id="id_lat-error"' in outside.content.decode()


# Query counts: the queues and the ticket page cost the same however many tickets there are ------


def queries_for(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/henkilosto/kasittely/", "/henkilosto/toimiala/", "/henkilosto/haku/?q=kuoppa"])
def test_the_queues_do_not_query_per_ticket(handler, agent, city, url):
    client = agent if "kasittely" in url else handler

    def tickets(n):
        for _ in range(n):
            ticket = FeedbackFactory(description="Kuoppa kadussa, korjatkaa pian.", photos=[])
            if "kasittely" not in url:
                feedback_transition(feedback=ticket, to_status=S.ROUTED)

    tickets(2)
    few = queries_for(client, url)
    tickets(12)
    assert queries_for(client, url) == few


def test_the_ticket_page_does_not_query_per_event_or_photo(agent, staff, city):
    ticket = FeedbackFactory(photos=[jpeg_with_gps()])
    url = f"/henkilosto/palaute/{ticket.number}/"
    few = queries_for(agent, url)
    for n in range(6):
        feedback_note(feedback=ticket, actor=staff["asiakaspalvelu" if n % 2 else "kaupunkiymparisto"],
                      text=f"Sisäinen huomio {n}")
    FeedbackFactory.create_batch(4)  # more merge candidates nearby
    assert queries_for(agent, url) == few


def test_the_history_says_in_words_what_each_change_was(agent, staff, city):
    """The details of a history row read as labels and names, never raw values such as
    "channel: web" or "to: sivistys"."""
    ticket = FeedbackFactory()
    feedback_route(feedback=ticket, department=Department.objects.get(code="sivistys"),
                   actor=staff["asiakaspalvelu"])
    page = agent.get(f"/en/henkilosto/palaute/{ticket.number}/").content.decode()
    history = page.split('id="history"', 1)[1].split("</table>", 1)[0]
    assert "Channel: Web" in history
    assert "From department: City environment" in history and "To department: Education and wellbeing" in history
    assert "channel:" not in history and "to: sivistys" not in history
