"""'Me too' counts once per browser and once per email, also under parallel requests: without an
email it used to count every request (50 parallel requests from one client added 24, five presses
of the button in one browser added 5)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from config.browser import COOKIE_NAME
from geo_feedback.models import Feedback, FeedbackFollower
from geo_feedback.services.feedback import SupportClosed, feedback_support
from tests.factories import FeedbackFactory


@pytest.fixture
def ticket(city) -> Feedback:
    return FeedbackFactory()


def count(ticket) -> int:
    ticket.refresh_from_db(fields=["supporter_count"])
    return ticket.supporter_count


def test_five_presses_in_one_browser_count_once(client, ticket):
    url = f"/api/v1/feedback/{ticket.number}/support/"
    answers = [client.post(url, {}, content_type="application/json") for _ in range(5)]
    assert [answer.json()["supporter_count"] for answer in answers] == [1, 1, 1, 1, 1]
    assert COOKIE_NAME in answers[0].cookies and answers[0].cookies[COOKIE_NAME]["httponly"]
    page = f"/palaute/{ticket.number}/minakin/"
    for _ in range(5):
        client.post(page, {})
    assert count(ticket) == 1


def test_a_client_that_keeps_no_cookies_counts_once(ticket):
    url = f"/api/v1/feedback/{ticket.number}/support/"
    for _ in range(5):  # a new client each time: no cookie is ever sent back
        Client(HTTP_USER_AGENT="curl/8.0").post(url, {}, content_type="application/json")
    assert count(ticket) == 1


def test_the_browser_keeps_its_key_when_it_moves_to_another_network(client, ticket):
    url = f"/api/v1/feedback/{ticket.number}/support/"
    client.post(url, {}, content_type="application/json", REMOTE_ADDR="192.0.2.10")
    client.post(url, {}, content_type="application/json", REMOTE_ADDR="198.51.100.7")  # its cookie goes along
    assert count(ticket) == 1


def test_an_invented_cookie_does_not_count_again(ticket):
    url = f"/api/v1/feedback/{ticket.number}/support/"
    for forged in ("abc", "abc:def", "0" * 32 + ":x"):
        browser = Client(HTTP_USER_AGENT="Hyökkääjä")
        browser.cookies[COOKIE_NAME] = forged
        browser.post(url, {}, content_type="application/json")
    assert count(ticket) == 1


def test_different_browsers_count_each_and_an_email_once(ticket):
    url = f"/api/v1/feedback/{ticket.number}/support/"
    for agent in ("Firefox", "Chromium", "Safari"):
        Client(HTTP_USER_AGENT=agent).post(url, {}, content_type="application/json")
    assert count(ticket) == 3
    Client(HTTP_USER_AGENT="Edge").post(url, {"email": "naapuri@example.fi"}, content_type="application/json")
    Client(HTTP_USER_AGENT="Opera").post(url, {"email": "Naapuri@example.fi"}, content_type="application/json")
    assert count(ticket) == 4


def test_a_browser_that_adds_its_email_later_follows_without_counting_again(client, ticket):
    url = f"/api/v1/feedback/{ticket.number}/support/"
    client.post(url, {}, content_type="application/json")
    client.post(url, {"email": "myohemmin@example.fi"}, content_type="application/json")
    assert count(ticket) == 1
    assert FeedbackFollower.objects.get(feedback=ticket).email == "myohemmin@example.fi"


@pytest.mark.django_db(transaction=True)
def test_parallel_requests_from_one_browser_count_once(city):
    ticket = FeedbackFactory()

    def support(_):
        try:
            return feedback_support(feedback=ticket, browser_key="a" * 64).follower
        finally:
            connection.close()  # each thread has its own connection: close it, or the test database stays busy

    with ThreadPoolExecutor(max_workers=16) as pool:
        made = [follower for follower in pool.map(support, range(50)) if follower is not None]
    assert len(made) == 1 and count(ticket) == 1
    assert FeedbackFollower.objects.filter(feedback=ticket).count() == 1


def test_each_answer_says_truthfully_whether_it_counted(client, ticket):
    url = f"/api/v1/feedback/{ticket.number}/support/?lang=en"
    first = client.post(url, {}, content_type="application/json").json()
    again = client.post(url, {}, content_type="application/json").json()
    with_email = client.post(url, {"email": "myohemmin@example.fi"}, content_type="application/json").json()
    assert (first["counted"], first["message"]) == (True, "Thank you: your support was counted.")
    assert (again["counted"], again["message"]) == (
        False, "You have already supported this report: each person counts once.")
    assert with_email["counted"] is False and "you will now also hear of its changes by email" in with_email["message"]
    assert [first["supporter_count"], again["supporter_count"], with_email["supporter_count"]] == [1, 1, 1]

    page = client.post(f"/palaute/{ticket.number}/minakin/", {}, follow=True)  # the page without JavaScript
    assert "Olet jo tukenut tätä palautetta" in page.content.decode()


def test_a_closed_report_takes_no_support_and_its_page_offers_none(client, ticket):
    Feedback.objects.filter(pk=ticket.pk).update(status="handled")
    answer = client.post(f"/api/v1/feedback/{ticket.number}/support/?lang=en", {}, content_type="application/json")
    assert answer.status_code == 409
    assert answer.json()["detail"].startswith("This report is closed and takes no more support.")
    page = client.get(f"/palaute/{ticket.number}/").content.decode()
    assert "/minakin/" not in page and 'id="support-closed"' in page
    client.post(f"/palaute/{ticket.number}/minakin/", {})
    with pytest.raises(SupportClosed):
        feedback_support(feedback=ticket, email="naapuri@example.fi")
    assert count(ticket) == 0 and not FeedbackFollower.objects.filter(feedback=ticket).exists()
