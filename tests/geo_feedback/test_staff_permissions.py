"""Every staff page and action for every role: signed out goes to the login, a role that may not
gets 403 and changes nothing, and no list, count or search shows another department's ticket."""

import pytest
from django.test import Client

from city.models import Department
from geo_feedback.models import Category, Feedback
from geo_feedback.statuses import FeedbackStatus as S
from tests.factories.feedback import POINTS, FeedbackFactory
from tests.geo_feedback.test_staff_fixtures import (  # noqa: F401 (fixtures)
    client_for,
    fixture_library_ticket,
    fixture_staff,
    fixture_street_ticket,
)

STAFF = ["asiakaspalvelu", "kaupunkiymparisto", "sivistys", "osallisuus", "paakayttaja"]
TRIAGERS = {"asiakaspalvelu", "paakayttaja"}
# Who may see the street ticket (the city environment department's).
SEES_STREET = {"asiakaspalvelu", "kaupunkiymparisto", "osallisuus", "paakayttaja"}
HANDLES_STREET = {"asiakaspalvelu", "kaupunkiymparisto", "paakayttaja"}


@pytest.mark.parametrize("path", ["/henkilosto/", "/henkilosto/kasittely/", "/henkilosto/toimiala/",
                                  "/henkilosto/haku/?q=SJK", "/henkilosto/uusi/", "/sv/henkilosto/kasittely/"])
def test_signed_out_every_staff_page_goes_to_the_login(client, city, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].split("?")[0] in ("/henkilosto/kirjaudu/", "/sv/henkilosto/kirjaudu/")


def test_signed_out_a_ticket_page_and_an_action_go_to_the_login(client, street_ticket):
    assert client.get(f"/henkilosto/palaute/{street_ticket.number}/")["Location"].startswith("/henkilosto/kirjaudu/")
    response = client.post(f"/henkilosto/palaute/{street_ticket.number}/note/", {"note-version": 1, "note-text": "x"})
    assert response.status_code == 302 and not Feedback.objects.filter(version__gt=1).exists()


@pytest.mark.parametrize("path", ["/henkilosto/", "/henkilosto/kasittely/", "/henkilosto/toimiala/",
                                  "/henkilosto/haku/?q=SJK", "/henkilosto/uusi/"])
def test_a_signed_in_resident_without_a_staff_role_gets_403(client, staff, path):
    client.force_login(staff["asukas"])
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("username", STAFF)
def test_pages_by_role(staff, username):
    client = client_for(Client, staff[username])
    expected_triage = 200 if username in TRIAGERS else 403
    assert client.get("/henkilosto/kasittely/").status_code == expected_triage
    assert client.get("/henkilosto/uusi/").status_code == expected_triage
    assert client.get("/henkilosto/toimiala/").status_code == 200
    assert client.get("/henkilosto/haku/?q=kuoppa").status_code == 200
    home = client.get("/henkilosto/")
    assert home["Location"] == ("/henkilosto/kasittely/" if username in TRIAGERS else "/henkilosto/toimiala/")


@pytest.mark.parametrize("username", STAFF + ["asukas"])
def test_the_ticket_page_is_403_outside_the_role_and_shows_contacts_inside(staff, street_ticket, username):
    response = client_for(Client, staff[username]).get(f"/henkilosto/palaute/{street_ticket.number}/")
    if username in SEES_STREET:
        assert response.status_code == 200
        html = response.content.decode()
        assert "maija@example.fi" in html and "040 765 4321" in html
    else:
        assert response.status_code == 403
        assert "maija@example.fi" not in response.content.decode()


def test_an_unknown_number_is_404_for_staff(staff, city):
    assert client_for(Client, staff["asiakaspalvelu"]).get("/henkilosto/palaute/SJK-1999-000001/").status_code == 404


def _action_data(ticket, slug):
    """Valid input for each action on ``ticket``, as the ticket page would post it."""
    if slug == "merge":
        original = FeedbackFactory(location=ticket.location)
        fields = {"into": original.number}
    else:
        fields = {
            "route": {"department": Department.objects.get(code="elinvoima").pk, "public_note": "Ohjattu."},
            "forward": {"department": Department.objects.get(code="hyvinvointialue").pk},
            "recategorise": {"category": Category.objects.get(service_code="174").pk},
            "move": {"lon": POINTS["60120"][0], "lat": POINTS["60120"][1]},
            "reject": {"internal_note": "Roskapostia"},
            "request_info": {"question": "Missä kohdassa tarkalleen?"},
            "redact": {"description": "Kuoppa aseman edessä (henkilötiedot poistettu)."},
            "reply": {"text": "Kiitos, katsomme asiaa."},
            "note": {"text": "Sisäinen huomio"},
            "in_progress": {"public_note": "Työn alla."},
            "handled": {"public_note": "Korjattu."},
            "triage": {"public_note": ""},
        }[slug]
    return {f"{slug}-{key}": value for key, value in {"version": ticket.version, **fields}.items()}


TRIAGE_ACTIONS = ["route", "forward", "recategorise", "move", "merge", "reject", "request_info", "redact"]
HANDLE_ACTIONS = ["reply", "note", "in_progress", "handled", "triage"]


@pytest.mark.parametrize("slug", TRIAGE_ACTIONS + HANDLE_ACTIONS)
@pytest.mark.parametrize("username", STAFF)
def test_every_action_for_every_role(staff, street_ticket, username, slug):
    allowed = username in (TRIAGERS if slug in TRIAGE_ACTIONS else HANDLES_STREET)
    client = client_for(Client, staff[username])
    page = client.get(f"/henkilosto/palaute/{street_ticket.number}/")
    if username in SEES_STREET:  # the form is on the page exactly when the role may use it
        assert (f'name="{slug}-version"' in page.content.decode()) is allowed
    response = client.post(f"/henkilosto/palaute/{street_ticket.number}/{slug}/", _action_data(street_ticket, slug))
    street_ticket.refresh_from_db()
    if allowed:
        assert response.status_code == 302, response.content.decode()[:3000]
        assert street_ticket.version == 2
        assert street_ticket.events.order_by("-version").first().actor == staff[username]
    else:
        assert response.status_code == 403
        assert street_ticket.version == 1 and street_ticket.events.count() == 1


def test_a_participation_agent_reads_the_ticket_with_no_forms(staff, street_ticket):
    html = client_for(Client, staff["osallisuus"]).get(f"/henkilosto/palaute/{street_ticket.number}/").content.decode()
    assert 'id="read-only-note"' in html and "-version" not in html


def test_lists_counts_and_search_never_show_another_departments_ticket(staff, street_ticket, library_ticket):
    cs = client_for(Client, staff["asiakaspalvelu"])
    for ticket, department in ((street_ticket, "kaupunkiymparisto"), (library_ticket, "sivistys")):
        cs.post(f"/henkilosto/palaute/{ticket.number}/route/", {
            "route-version": 1, "route-department": Department.objects.get(code=department).pk})
    assert Feedback.objects.filter(status=S.ROUTED).count() == 2

    other = client_for(Client, staff["sivistys"])
    queue = other.get("/henkilosto/toimiala/")
    assert queue.context["page"].paginator.count == 1
    assert library_ticket.number in queue.content.decode() and street_ticket.number not in queue.content.decode()
    for query in (street_ticket.number, "kuoppa", "SJK"):
        found = other.get("/henkilosto/haku/", {"q": query})
        # The query itself is echoed in the search box and language links; no result row may be there.
        assert f'data-number="{street_ticket.number}"' not in found.content.decode()
        assert street_ticket.number not in [row.feedback.number for row in found.context["rows"]]
    mine = other.get("/henkilosto/haku/", {"q": "SJK"})
    assert [row.feedback.number for row in mine.context["rows"]] == [library_ticket.number]
    assert f'data-number="{library_ticket.number}"' in mine.content.decode()
    assert other.get(f"/henkilosto/palaute/{street_ticket.number}/").status_code == 403
    # A customer service agent's department filter still ends inside the agent's own reach.
    assert other.get("/henkilosto/toimiala/?department=kaupunkiymparisto").context["page"].paginator.count == 1

    own = client_for(Client, staff["kaupunkiymparisto"]).get("/henkilosto/toimiala/")
    assert own.context["page"].paginator.count == 1 and street_ticket.number in own.content.decode()
    assert client_for(Client, staff["osallisuus"]).get("/henkilosto/toimiala/").context["page"].paginator.count == 1
    assert cs.get("/henkilosto/toimiala/").context["page"].paginator.count == 2


@pytest.mark.parametrize("slug", HANDLE_ACTIONS)
def test_a_role_that_may_act_is_still_stopped_at_another_departments_ticket(staff, street_ticket, library_ticket,
                                                                             slug):
    # The library's handler may do this very action to their own department's ticket...
    handler = client_for(Client, staff["sivistys"])
    own = handler.post(f"/henkilosto/palaute/{library_ticket.number}/{slug}/", _action_data(library_ticket, slug))
    assert own.status_code == 302
    # ...so the refusal on the street ticket is the department boundary, not the role.
    other = handler.post(f"/henkilosto/palaute/{street_ticket.number}/{slug}/", _action_data(street_ticket, slug))
    assert other.status_code == 403
    street_ticket.refresh_from_db()
    assert street_ticket.version == 1 and street_ticket.events.count() == 1
    api = handler.get(f"/api/v1/staff/feedback/{street_ticket.number}/")
    assert api.status_code == 404 and "maija@example.fi" not in api.content.decode()


def test_handlers_do_not_merge_at_all(staff, street_ticket, library_ticket):
    handler_client = client_for(Client, staff["kaupunkiymparisto"])
    response = handler_client.post(f"/henkilosto/palaute/{street_ticket.number}/merge/",
                                   {"merge-version": 1, "merge-into": library_ticket.number})
    assert response.status_code == 403  # by role: merging is triage
    street_ticket.refresh_from_db()
    assert street_ticket.status == S.RECEIVED


def test_a_handler_cannot_bulk_change_or_file_desk_entries(staff, street_ticket):
    handler_client = client_for(Client, staff["kaupunkiymparisto"])
    assert handler_client.post("/henkilosto/kasittely/massatoiminto/", {
        "tickets": [street_ticket.number], "action": "reject", "confirm": "1"}).status_code == 403
    assert handler_client.post("/henkilosto/uusi/", {}).status_code == 403
    street_ticket.refresh_from_db()
    assert street_ticket.status == S.RECEIVED
