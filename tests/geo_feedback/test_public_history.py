"""The public history of a report: each change of status, and each change with a word to the public.
A reply read as a second "routed to a department" (every event was shown by its status), and an
internal note appeared as an empty repeat of the current status."""

import pytest
from django.contrib.auth import get_user_model

from city.models import Department
from geo_feedback.services.triage import feedback_note, feedback_reply, feedback_route
from geo_feedback.statuses import FeedbackStatus as S
from tests.factories.feedback import FeedbackFactory


@pytest.fixture
def answered(city):
    agent = get_user_model().objects.create_user("agentti")
    ticket = FeedbackFactory()
    ticket = feedback_route(feedback=ticket, department=Department.objects.get(code="kaupunkiymparisto"), actor=agent)
    ticket = feedback_note(feedback=ticket, actor=agent, text="Soitettu urakoitsijalle, ei julkinen.")
    ticket = feedback_reply(feedback=ticket, actor=agent, text="Korjaamme valon tällä viikolla.")
    return ticket


def test_the_page_shows_a_reply_as_a_reply_and_no_internal_note(client, answered):
    page = client.get(f"/en/palaute/{answered.number}/").content.decode()
    history = page.split('<ol class="history">', 1)[1].split("</ol>", 1)[0]
    headings = [part.split("</strong>", 1)[0] for part in history.split("<strong>")[1:]]
    assert headings == ["Received", "Routed to a department", "Reply from the city"]
    assert "Korjaamme valon tällä viikolla." in history
    assert "urakoitsijalle" not in page


def test_the_api_lists_the_same_steps_with_what_each_was(client, answered):
    history = client.get(f"/api/v1/feedback/{answered.number}/").json()["properties"]["history"]
    assert [(step["action"], step["status"]) for step in history] == [
        ("created", S.RECEIVED), ("status", S.ROUTED), ("reply", S.ROUTED)]
    assert history[-1]["note"] == "Korjaamme valon tällä viikolla."
    assert all("urakoitsijalle" not in (step["note"] or "") for step in history)
