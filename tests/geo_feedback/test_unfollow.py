"""A follower's emails carry a link that stops them; opening the link alone changes nothing."""

import pytest

from geo_feedback.models import FeedbackFollower, Notification
from geo_feedback.services.feedback import feedback_support, feedback_transition
from geo_feedback.statuses import FeedbackStatus as S
from tests.factories.feedback import FeedbackFactory


@pytest.fixture
def followed(city):
    ticket = FeedbackFactory(reporter_email="ilmoittaja@example.fi")
    follower = feedback_support(feedback=ticket, email="Naapuri@Example.fi")
    return ticket, follower


def status_emails(ticket) -> dict[str, str]:
    return {row.recipient: row.body for row in Notification.objects.filter(feedback=ticket, kind="status")}


def test_only_a_followers_email_carries_the_stop_link(followed):
    ticket, follower = followed
    feedback_transition(feedback=ticket, to_status=S.IN_TRIAGE)
    emails = status_emails(ticket)
    assert f"/palaute/lopeta/{follower.token}/" in emails["naapuri@example.fi"]
    assert "/palaute/lopeta/" not in emails["ilmoittaja@example.fi"]


def test_opening_the_link_asks_and_the_button_stops_the_emails(client, followed):
    ticket, follower = followed
    url = f"/palaute/lopeta/{follower.token}/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'id="unfollow-form"' in page.content.decode()
    assert page["Referrer-Policy"] == "no-referrer"
    assert "naapuri@example.fi" not in page.content.decode().lower()
    assert FeedbackFollower.objects.get(pk=follower.pk).email == "naapuri@example.fi"  # a GET changes nothing

    done = client.post(url)
    assert done.status_code == 200 and 'id="unfollow-done"' in done.content.decode()
    assert FeedbackFollower.objects.get(pk=follower.pk).email == ""
    ticket.refresh_from_db()
    assert ticket.supporter_count == 1  # the support still counts

    feedback_transition(feedback=ticket, to_status=S.IN_TRIAGE)
    assert set(status_emails(ticket)) == {"ilmoittaja@example.fi"}
    again = client.post(url)
    assert again.status_code == 200 and 'id="unfollow-done"' in again.content.decode()


def test_an_unknown_link_is_404(client, city):
    assert client.get("/palaute/lopeta/ei-tallaista/").status_code == 404
    assert client.post("/palaute/lopeta/ei-tallaista/").status_code == 404


def test_the_page_speaks_swedish(client, followed):
    _, follower = followed
    assert "Stoppa e-posten" in client.get(f"/sv/palaute/lopeta/{follower.token}/").content.decode()
