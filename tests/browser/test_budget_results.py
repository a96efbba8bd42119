"""A budget round's results page: both rules side by side in tables (the route without the map), the
winners marked on the map, axe in Finnish, Swedish and English, nothing sideways at 320 px; and the
notice before the results."""

import pytest
from playwright.sync_api import expect

from planning.services.budget_results import budget_results_compute
from tests.planning.test_budget_results import Round


@pytest.fixture
def computed(city):
    worked = Round(phase="results")
    budget_results_compute(budget_round=worked.budget)
    return worked


@pytest.mark.parametrize("prefix, official", [("", "virallinen"), ("/sv", "officiell"), ("/en", "official")])
def test_the_results_read_as_tables_and_a_map(browser, live_server, computed, axe_check, prefix, official):
    for width in (1280, 320):
        context = browser.new_context(viewport={"width": width, "height": 800}, reduced_motion="reduce")
        context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
        page = context.new_page()
        try:
            page.goto(f"{live_server.url}{prefix}/asukasbudjetti/{computed.budget.pk}/tulokset/")
            expect(page.locator("#results-map")).to_have_attribute("data-ready", "true")
            expect(page.locator(".result-section")).to_have_count(5)  # city-wide and four areas
            ita = page.locator("#tulos-SJK-ITA")
            expect(ita.locator("tr[data-official='true']")).to_have_attribute("data-rule", "mes")
            if prefix == "/en":
                expect(ita.locator("tr[data-official='true'] th")).to_contain_text(official)
            expect(ita.locator("tbody tr[data-selected='true']")).to_have_count(2)
            expect(page.locator("#results-map path.result-selected")).to_have_count(2)
            expect(page.locator("#results-map path.result-other")).to_have_count(2)  # B, and L without votes
            expect(page.locator("#results-legend li")).to_have_count(2)
            axe_check(page)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        finally:
            context.close()


def test_before_the_results_a_notice_says_when_they_come(browser, live_server, city, axe_check):
    worked = Round()
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/en/asukasbudjetti/{worked.budget.pk}/tulokset/")
        expect(page.locator("#results-notice")).to_contain_text("No results yet")
        expect(page.locator("#results-map")).to_have_count(0)
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()
