"""Every page of the site, in Finnish, Swedish and English, scanned by axe-core (inside frames too):
the residents' pages at 320 px and the staff's at 1280 px, as the pages are built on the design
system. A page added later belongs in these lists."""

import pytest
from django.contrib.gis.geos import Point
from playwright.sync_api import expect

from geo_feedback.models import Category
from geo_feedback.services.feedback import feedback_create
from geo_feedback.services.triage import feedback_route
from tests.browser.test_staff_pages import sign_in, staff  # noqa: F401 (a fixture)
from tests.factories import FeedbackFactory

LANGUAGES = ["", "/sv", "/en"]


def _report():
    created = feedback_create(
        category=Category.objects.get(service_code="179"), kind="fault", reporter_email="asukas@example.fi",
        description="Katuvalo ei pala Koulukadulla.", location=Point(22.8420, 62.7900, srid=4326),
    )
    return created.feedback


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_public_page_passes_axe_and_reflows_at_320_pixels(browser, live_server, city, axe_check, prefix):
    report = _report()
    context = browser.new_context(viewport={"width": 320, "height": 640}, reduced_motion="reduce")
    context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    try:
        for path in ("/", "/palaute/", "/palaute/uusi/", f"/palaute/{report.number}/",
                     f"/palaute/seuraa/{report.follow_token}/", f"/palaute/lopeta/{report.follow_token}/",
                     "/alueet/", "/saavutettavuus/", "/tietosuoja/", "/palaute/ei-ole/", "/henkilosto/kirjaudu/"):
            response = page.goto(live_server.url + prefix + path)
            assert response.status in (200, 404), (path, response.status)
            expect(page.locator("html")).to_have_attribute("lang", prefix.strip("/") or "fi")
            axe_check(page)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{prefix + path} is {width} px wide at 320 px"
        # The form's error state and the thanks page.
        page.goto(live_server.url + prefix + "/palaute/uusi/")
        page.locator("#send-button").click()
        expect(page.locator("#error-summary")).to_be_focused()
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_staff_page_passes_axe_at_1280_pixels(page, live_server, staff, axe_check, prefix):  # noqa: F811
    from city.models import Department

    ticket = FeedbackFactory(description="Katuvalo ei pala.")
    routed = FeedbackFactory(description="Kuoppa tiellä.")
    feedback_route(feedback=routed, department=Department.objects.get(code="kaupunkiymparisto"), actor=None)
    sign_in(page, live_server.url, "asiakaspalvelu")
    for path in ("/henkilosto/kasittely/", "/henkilosto/toimiala/", "/henkilosto/uusi/",
                 f"/henkilosto/palaute/{ticket.number}/", f"/henkilosto/palaute/{routed.number}/",
                 "/henkilosto/yhteenveto/", f"/henkilosto/haku/?q={ticket.number[:8]}"):
        page.goto(live_server.url + prefix + path)
        expect(page.locator("html")).to_have_attribute("lang", prefix.strip("/") or "fi")
        axe_check(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1280, f"{prefix + path} is {width} px wide at 1280 px"
    # Every action of the ticket page open at once, as a handler may leave them.
    page.goto(live_server.url + prefix + f"/henkilosto/palaute/{ticket.number}/")
    page.evaluate("document.querySelectorAll('details.action-section').forEach(d => d.open = true)")
    axe_check(page)
