"""The creation limit holds under concurrency: 40 parallel reports from one address let 21–22
through a limit of 20, because DRF's throttle reads, appends to and writes back a history. The
limit is now one atomic step in Redis."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from geo_feedback.api.throttling import FeedbackCreateThrottle

ADDRESS = "203.0.113.40"


def _hourly_limit(settings, count: int):
    """The creation limit at ``count`` an hour, with ADDRESS's window empty before and after."""
    settings.FEEDBACK_CREATE_RATE = f"{count}/hour"
    caches["throttle"].delete(f"throttle_feedback_create_{ADDRESS}")
    yield
    caches["throttle"].delete(f"throttle_feedback_create_{ADDRESS}")


@pytest.fixture
def limit_of_20(settings):
    yield from _hourly_limit(settings, 20)


def test_forty_parallel_requests_from_one_address_let_exactly_twenty_through(limit_of_20):
    requests = [RequestFactory().post("/api/v1/feedback/", REMOTE_ADDR=ADDRESS) for _ in range(40)]
    start = Barrier(40)

    def attempt(request):
        start.wait()  # all at once, as the hostile test did
        return FeedbackCreateThrottle().allow_request(request, None)

    with ThreadPoolExecutor(max_workers=40) as pool:
        outcomes = list(pool.map(attempt, requests))
    assert outcomes.count(True) == 20


def test_the_refused_request_is_told_how_long_to_wait(limit_of_20):
    throttle = None
    for _ in range(21):
        throttle = FeedbackCreateThrottle()
        allowed = throttle.allow_request(RequestFactory().post("/", REMOTE_ADDR=ADDRESS), None)
    assert not allowed and 3590 < throttle.wait() <= 3600
    other = FeedbackCreateThrottle()
    assert other.allow_request(RequestFactory().post("/", REMOTE_ADDR="203.0.113.41"), None)  # another address


@pytest.fixture
def limit_of_3(settings):
    yield from _hourly_limit(settings, 3)


def _valid_report() -> dict:
    return {"category": "179", "kind": "fault", "description": "Katuvalo ei pala aseman edessä.",
            "lon": 22.8565, "lat": 62.7823}


@pytest.mark.django_db
def test_refused_reports_do_not_use_up_the_senders_limit(client, city, limit_of_3):
    api = "/api/v1/feedback/"
    for _ in range(5):  # five mistakes: each refused with its reason, none counted
        refused = client.post(api, {**_valid_report(), "description": "lyhyt"}, content_type="application/json",
                              REMOTE_ADDR=ADDRESS)
        assert refused.status_code == 400 and "description" in refused.json()
    for _ in range(5):  # the same on the form of the page
        page = client.post("/palaute/uusi/", {"category": "179", "kind": "fault", "description": "lyhyt"},
                           REMOTE_ADDR=ADDRESS)
        assert page.status_code == 200 and "error-summary" in page.content.decode()
    stored = [client.post(api, _valid_report(), content_type="application/json", REMOTE_ADDR=ADDRESS).status_code
              for _ in range(4)]
    assert stored == [201, 201, 201, 429]  # the three the limit allows were stored; the fourth waits
