"""Every email carries a link that stops them, the reporter's too; opening the link alone changes nothing."""

import pytest

from city.models import Notification
from geo_feedback.models import EventAction, FeedbackFollower
from geo_feedback.services.feedback import feedback_support, feedback_transition
from geo_feedback.statuses import FeedbackStatus as S
from tests.factories.feedback import FeedbackFactory


@pytest.fixture
def followed(city):
    ticket = FeedbackFactory(reporter_email="ilmoittaja@example.fi", reporter_phone="040 123 4567")
    follower = feedback_support(feedback=ticket, email="Naapuri@Example.fi").follower
    return ticket, follower


def status_emails(ticket) -> dict[str, str]:
    return {row.recipient: row.body for row in Notification.objects.filter(feedback=ticket, kind="status")}


def test_everyone_gets_their_own_stop_link(followed):
    ticket, follower = followed
    feedback_transition(feedback=ticket, to_status=S.IN_TRIAGE)
    emails = status_emails(ticket)
    assert f"/palaute/lopeta/{follower.token}/" in emails["naapuri@example.fi"]
    assert ticket.follow_token not in emails["naapuri@example.fi"]  # a follower never sees the reporter's secret
    assert f"/palaute/lopeta/{ticket.follow_token}/" in emails["ilmoittaja@example.fi"]
    assert follower.token not in emails["ilmoittaja@example.fi"]
    receipt = Notification.objects.get(feedback=ticket, kind="receipt")
    assert f"/palaute/lopeta/{ticket.follow_token}/" in receipt.body


def test_opening_the_link_asks_and_the_button_stops_the_emails(client, followed):
    ticket, follower = followed
    url = f"/palaute/lopeta/{follower.token}/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'id="unfollow-form"' in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"
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


def test_the_reporter_stops_the_emails_and_staff_see_why_the_address_is_gone(client, followed):
    ticket, follower = followed
    url = f"/palaute/lopeta/{ticket.follow_token}/"
    feedback_transition(feedback=ticket, to_status=S.IN_TRIAGE)  # an email to the reporter not yet sent
    assert client.get(url).status_code == 200
    ticket.refresh_from_db()
    assert ticket.reporter_email == "ilmoittaja@example.fi"  # a GET changes nothing
    version = ticket.version

    done = client.post(url)
    assert done.status_code == 200 and 'id="unfollow-done"' in done.content.decode()
    assert "the city still handles it" in client.post(f"/en{url}").content.decode()
    ticket.refresh_from_db()
    assert ticket.reporter_email == "" and ticket.reporter_phone == "040 123 4567"  # the city may still call
    assert ticket.version == version + 1
    event = ticket.events.get(action=EventAction.REDACTED)
    assert event.actor is None and event.details == {"reporter_email": True, "by_reporter": True}
    assert not Notification.objects.filter(recipient="ilmoittaja@example.fi", sent_at__isnull=True).exists()

    feedback_transition(feedback=ticket, to_status=S.ROUTED)
    assert set(status_emails(ticket)) == {"naapuri@example.fi"}  # the follower still gets theirs
    assert client.post(url).status_code == 200  # a second press is harmless
    assert ticket.events.filter(action=EventAction.REDACTED).count() == 1


def test_the_reporters_private_page_links_to_the_stop_page_while_there_is_an_address(client, followed):
    ticket, _ = followed
    page = client.get(f"/palaute/seuraa/{ticket.follow_token}/").content.decode()
    assert f'href="/palaute/lopeta/{ticket.follow_token}/"' in page
    client.post(f"/palaute/lopeta/{ticket.follow_token}/")
    assert 'id="stop-emails"' not in client.get(f"/palaute/seuraa/{ticket.follow_token}/").content.decode()
