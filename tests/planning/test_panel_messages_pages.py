"""The staff's panel pages: who may open them, the panels with their counts, writing a message (counting
its recipients first, sending once however often the form is submitted, refusals by field), the
message's delivery figures without an address, and the offers on the plan and budget pages."""

from __future__ import annotations

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from city.models import Notification, StaffRole
from planning.models import BudgetAllocation, BudgetPhase, BudgetRound, PanelMessage, PanelMessageKind, Phase
from planning.services.panel_messages import panel_message_send
from tests.factories.panel_messages import district, member_make, panel_make, plan_areas, topic
from tests.factories.processes import PLAN_X, PLAN_Y, process_make, process_walk, staff

pytestmark = pytest.mark.django_db

BASE = "/en/henkilosto/paneelit/"  # English, so that the tests can read the messages


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin():
    return staff("yllapitaja-pp", StaffRole.ADMINISTRATOR)


@pytest.fixture
def planner():
    return staff("kaavoittaja-pp", StaffRole.PLANNER)


@pytest.fixture
def areas():
    return plan_areas()


@pytest.fixture
def process(planner):
    return process_walk(process_make(planners=[planner], name_fi="Asemanseutu"), Phase.DRAFT)


@pytest.fixture
def panel(areas):
    traffic = topic("liikenne", "Liikenne")
    panel = panel_make("Liikennepaneeli", slug="liikennepaneeli", topics=[traffic, topic("kaavoitus", "Kaavoitus")])
    member_make(panel, "maija@example.fi", areas=[areas["overlapping"]])
    member_make(panel, "matti@example.fi", areas=[areas["far"]], topics=[traffic])
    member_make(panel, "reuna@example.fi", areas=[areas["edge"]])
    member_make(panel, "vahvistamaton@example.fi", confirmed=False)
    return panel


def _form(**fields) -> dict:
    data = {"kind": PanelMessageKind.NEWSLETTER, "subject": "Uutiskirje", "body": "Kevään kuulumiset.",
            "link": "", "event_starts_at": "", "process": "", "budget_round": "",
            "send_key": "5b0f5a5e-08e3-4e4f-9a8e-7d1f3f3b9c11", "action": "send"}
    data.update(fields)
    return data


def _notifications(message) -> int:
    return Notification.objects.filter(about_type=ContentType.objects.get_for_model(PanelMessage),
                                       about_id=message.pk).count()


def test_signing_in_is_asked_first_and_staff_who_write_to_no_panel_get_403(client, panel, planner):
    response = client.get(BASE)
    assert response.status_code == 302 and "/henkilosto/kirjaudu/" in response["Location"]
    for role in (StaffRole.HANDLER, StaffRole.CUSTOMER_SERVICE, StaffRole.MODERATOR):
        other = _client(staff(f"pp-{role}", role))
        assert other.get(BASE).status_code == 403
        assert other.get(f"{BASE}{panel.slug}/kirjoita/").status_code == 403
    for user in (planner, staff("pp-budget", StaffRole.BUDGET_OFFICIAL), staff("pp-agent",
                                                                               StaffRole.PARTICIPATION_AGENT)):
        assert _client(user).get(BASE).status_code == 200
    assert _client(planner).get(f"{BASE}ei-ole/").status_code == 404


def test_the_list_shows_each_panels_confirmed_members_and_messages_sent(panel, admin, django_assert_max_num_queries):
    panel_message_send(panel=panel, kind=PanelMessageKind.NEWSLETTER, subject="Uutiskirje", body="Hei.", actor=admin)
    for number in range(3):
        panel_make(f"Paneeli {number}")
    client = _client(admin)
    client.get(BASE)  # the session and the user are read once before counting
    with django_assert_max_num_queries(5):
        response = client.get(BASE)
    html = response.content.decode()
    row = re.search(r"<tr>\s*<th scope=\"row\"><a href=\"/en/henkilosto/paneelit/liikennepaneeli/\">"
                    r"Liikennepaneeli</a></th>(.*?)</tr>", html, re.S)
    assert row is not None
    assert re.findall(r'<td class="num">(\d+)</td>', row.group(1)) == ["3", "1"]
    assert html.count('class="compose-link"') == 4
    assert "example.fi" not in html


def test_the_compose_page_is_prefilled_for_a_plan_and_for_a_budget_round(panel, process, planner, admin):
    response = _client(planner).get(f"{BASE}{panel.slug}/kirjoita/?process={process.pk}")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["kind"] == PanelMessageKind.PLAN_COMMENTS and form.initial["process"] == process.pk
    assert "Asemanseutu" in form.initial["subject"]
    assert [value for value, _label in form.fields["kind"].choices] == [PanelMessageKind.PLAN_COMMENTS]
    html = response.content.decode()
    assert f'<option value="{process.pk}" selected>Asemanseutu</option>' in html
    assert 'for="id_topics_0"' in html and "Count recipients" in html

    budget = BudgetRound.objects.create(year=2027, name_fi="Asukasbudjetti 2027", total=10_000,
                                        phase=BudgetPhase.VOTING)
    form = _client(admin).get(f"{BASE}{panel.slug}/kirjoita/?budget_round={budget.pk}").context["form"]
    assert form.initial["kind"] == PanelMessageKind.BUDGET and "Vote" in form.initial["subject"]
    # A plan the planner does not run is not prefilled; their only kind is chosen already.
    someone_elses = process_walk(process_make(name_fi="Toisen kaava"), Phase.DRAFT)
    response = _client(planner).get(f"{BASE}{panel.slug}/kirjoita/?process={someone_elses.pk}")
    assert "process" not in response.context["form"].initial
    assert re.search(r'<input type="radio" name="kind" value="plan_comments"[^>]*checked', response.content.decode())


def test_counting_recipients_sends_nothing_and_keeps_what_was_written(panel, process, admin, areas,
                                                                      django_assert_max_num_queries):
    client = _client(admin)
    client.get(BASE)
    with django_assert_max_num_queries(11):
        response = client.post(f"{BASE}{panel.slug}/kirjoita/",
                               _form(action="count", kind=PanelMessageKind.PLAN_COMMENTS, subject="",
                                     process=process.pk))
    assert response.status_code == 200
    assert "This message would reach 1 member." in response.content.decode()  # maija; reuna only borders it
    assert not PanelMessage.objects.exists()
    assert 'id="id_subject-error"' not in response.content.decode()  # no errors for what is not written yet
    assert response.context["form"].initial["process"] == str(process.pk)

    response = client.post(f"{BASE}{panel.slug}/kirjoita/",
                           _form(action="count", areas=[areas["far"].pk], topics=[panel.topics.get(code="liikenne").pk]))
    assert response.context["count"] == 1  # matti: in the far area, and chose traffic
    assert client.post(f"{BASE}{panel.slug}/kirjoita/", _form(action="count")).context["count"] == 3
    assert client.post(f"{BASE}{panel.slug}/kirjoita/", _form(action="count", process="x")).status_code == 400


def test_sending_queues_each_email_once_however_often_the_form_is_submitted(panel, admin, mail_queue):
    client = _client(admin)
    first = client.post(f"{BASE}{panel.slug}/kirjoita/", _form())
    message = PanelMessage.objects.get()
    assert first.status_code == 302 and first["Location"] == f"{BASE}{panel.slug}/viestit/{message.pk}/"
    again = client.post(f"{BASE}{panel.slug}/kirjoita/", _form())  # a double click or the back button
    assert again["Location"] == first["Location"]
    assert PanelMessage.objects.count() == 1 and _notifications(message) == 3
    assert message.recipient_count == 3 and message.created_by == admin


def test_bad_input_is_a_400_with_the_reason_at_each_field(panel, admin, planner, process):
    client = _client(admin)
    response = client.post(f"{BASE}{panel.slug}/kirjoita/",
                           _form(kind=PanelMessageKind.EVENT, subject="", link="ei osoite", event_starts_at="huomenna",
                                 send_key="ei-avain"))
    assert response.status_code == 400
    html = response.content.decode()
    for field in ("subject", "link", "event_starts_at"):
        assert f'id="id_{field}-error"' in html
    assert 'aria-invalid="true"' in html
    response = client.post(f"{BASE}{panel.slug}/kirjoita/", _form(kind=PanelMessageKind.EVENT))
    assert response.status_code == 400
    assert "Give the date and time the event begins." in response.content.decode()  # the service's check
    response = client.post(f"{BASE}{panel.slug}/kirjoita/", _form(kind=PanelMessageKind.SURVEY))
    assert "A survey invitation needs the survey&#x27;s link." in response.content.decode()

    # A planner may not send a newsletter, nor invite to someone else's plan: said at the field.
    planner_client = _client(planner)
    response = planner_client.post(f"{BASE}{panel.slug}/kirjoita/", _form())
    assert response.status_code == 400 and "You may not send this kind of message" in response.content.decode()
    someone_elses = process_walk(process_make(name_fi="Toisen kaava"), Phase.DRAFT)
    response = planner_client.post(f"{BASE}{panel.slug}/kirjoita/",
                                   _form(kind=PanelMessageKind.PLAN_COMMENTS, process=someone_elses.pk))
    assert response.status_code == 400 and "Choose one of the plans listed" in response.content.decode()
    assert not PanelMessage.objects.exists()
    response = planner_client.post(f"{BASE}{panel.slug}/kirjoita/",
                                   _form(kind=PanelMessageKind.PLAN_COMMENTS, process=process.pk))
    assert response.status_code == 302 and PanelMessage.objects.get().recipient_count == 1


def test_the_message_page_counts_the_emails_sent_queued_and_failed_without_an_address(
        panel, admin, django_assert_max_num_queries):
    message = panel_message_send(panel=panel, kind=PanelMessageKind.NEWSLETTER, subject="Uutiskirje",
                                 body="Kevään kuulumiset.", actor=admin)
    rows = Notification.objects.filter(about_id=message.pk, kind="panel_message").order_by("pk")
    Notification.objects.filter(pk=rows[0].pk).update(sent_at="2026-11-01T10:00Z", attempts=1)
    Notification.objects.filter(pk=rows[1].pk).update(attempts=10, last_error="SMTPRecipientsRefused")
    client = _client(admin)
    client.get(BASE)
    with django_assert_max_num_queries(7):
        response = client.get(f"{BASE}{panel.slug}/viestit/{message.pk}/")
    html = response.content.decode()
    assert response.context["delivery"] == {"sent": 1, "queued": 1, "retrying": 0, "failed": 1}
    assert re.search(r'id="delivery-sent">1<', html) and re.search(r'id="delivery-failed">1<', html)
    assert "example.fi" not in html and "Kevään kuulumiset." in html
    assert client.get(f"{BASE}toinen/viestit/{message.pk}/").status_code == 404


def test_the_panel_page_lists_its_messages(panel, admin, django_assert_max_num_queries):
    for number in range(3):
        panel_message_send(panel=panel, kind=PanelMessageKind.NEWSLETTER, subject=f"Uutiskirje {number}",
                           body="Hei.", actor=admin)
    client = _client(admin)
    client.get(BASE)
    with django_assert_max_num_queries(7):
        response = client.get(f"{BASE}{panel.slug}/")
    assert response.content.decode().count(f"{BASE}{panel.slug}/viestit/") == 3


# The offers on the plan's and the budget's staff pages -------------------------------------------


def test_the_plan_page_offers_the_panels_of_its_area_in_phases_4_and_5(panel, planner, areas, django_assert_max_num_queries):
    process = process_walk(process_make(planners=[planner], name_fi="Asemanseutu"), Phase.ANNOUNCEMENT)
    client = _client(planner)
    assert 'id="panel-offers"' not in client.get(f"/en/henkilosto/kaavat/{process.pk}/").content.decode()

    response = client.post(f"/en/henkilosto/kaavat/{process.pk}/vaihe/",
                           {"forward-to_phase": 4, "forward-version": process.version})
    assert response["Location"] == f"/en/henkilosto/kaavat/{process.pk}/#panel-offers"
    with django_assert_max_num_queries(10):
        html = client.get(response["Location"]).content.decode()
    assert "Comments are open: invite panels" in html
    offers = re.search(r'<section[^>]*id="panel-offers".*?</section>', html, re.S).group(0)
    assert "Liikennepaneeli" in offers
    assert re.findall(r'<td class="num">(\d+)</td>', offers) == ["1", "0", "1"]
    assert f'href="{BASE}liikennepaneeli/kirjoita/?process={process.pk}"' in offers


def test_the_budget_review_page_offers_the_panels_of_an_open_rounds_areas(areas):
    east = district("Itä", PLAN_X, PLAN_Y, size=2000, kind="budget_area")
    budget = BudgetRound.objects.create(year=2027, name_fi="Asukasbudjetti 2027", total=100_000,
                                        phase=BudgetPhase.PROPOSALS)
    BudgetAllocation.objects.create(round=budget, area=east, population=100, computed_amount=100_000)
    panel = panel_make("Kyläpaneeli", slug="kylapaneeli")
    member_make(panel, "a@example.fi", areas=[areas["overlapping"]])
    member_make(panel, "b@example.fi")
    html = _client(staff("pp-official", StaffRole.BUDGET_OFFICIAL)).get("/en/henkilosto/asukasbudjetti/").content.decode()
    offers = re.search(r'<section[^>]*id="panel-offers".*?</section>', html, re.S).group(0)
    assert re.findall(r'<td class="num">(\d+)</td>', offers) == ["1", "1", "2"]
    assert f'href="{BASE}kylapaneeli/kirjoita/?budget_round={budget.pk}"' in offers
    budget.phase = BudgetPhase.REVIEW
    budget.save()
    html = _client(staff("pp-official-2", StaffRole.BUDGET_OFFICIAL)).get("/en/henkilosto/asukasbudjetti/")
    assert 'id="panel-offers"' not in html.content.decode()


def test_moving_a_round_into_voting_in_the_admin_points_at_the_panels_to_invite(admin_client):
    budget = BudgetRound.objects.create(year=2027, name_fi="Asukasbudjetti 2027", total=100_000,
                                        phase=BudgetPhase.REVIEW)
    response = admin_client.post("/en/admin/planning/budgetround/", {
        "action": "move_forward", "_selected_action": [budget.pk]}, follow=True)
    budget.refresh_from_db()
    assert budget.phase == BudgetPhase.VOTING
    assert 'href="/en/henkilosto/asukasbudjetti/#panel-offers"' in response.content.decode()
