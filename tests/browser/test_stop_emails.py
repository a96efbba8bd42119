"""A reporter stops the emails from their private page, by keyboard alone; both pages pass axe."""

import pytest
from django.contrib.gis.geos import Point
from playwright.sync_api import expect

from city.demo import demo_city_load
from geo_feedback.models import Category, EventAction, Feedback
from geo_feedback.seed import categories_seed
from geo_feedback.services.feedback import feedback_create


@pytest.fixture
def report(transactional_db):
    demo_city_load()
    categories_seed()  # a transactional test's flush empties the seeded categories
    return feedback_create(
        category=Category.objects.get(service_code="171"), kind="fault",
        description="Katuvalo vilkkuu Kirkkokadulla", location=Point(22.8565, 62.7823, srid=4326),
        reporter_email="maija@example.fi", language="fi",
    ).feedback


def test_the_reporter_stops_the_emails_by_keyboard(page, live_server, report, axe_check):
    page.goto(f"{live_server.url}/en/palaute/seuraa/{report.follow_token}/")
    axe_check(page)
    link = page.locator("#stop-emails")
    link.focus()
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#unfollow-form")).to_be_visible()
    axe_check(page)
    button = page.get_by_role("button", name="Stop the emails")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#unfollow-done")).to_contain_text("the city still handles it")
    axe_check(page)
    report = Feedback.objects.get(pk=report.pk)
    assert report.reporter_email == ""
    assert report.events.filter(action=EventAction.REDACTED).exists()
    page.goto(f"{live_server.url}/en/palaute/seuraa/{report.follow_token}/")
    expect(page.locator("#stop-emails")).to_have_count(0)
