"""A resident budget round's money by area: the table (the route without the map) and the choropleth
pass axe in Finnish, Swedish and English, and nothing scrolls sideways at 320 px."""

import pytest
from playwright.sync_api import expect

from planning.models import BudgetPhase, BudgetRound
from planning.services.budgets import budget_allocations_compute


@pytest.fixture
def budget(city):
    budget = BudgetRound.objects.create(year=2027, name_fi="Asukasbudjetti 2027", name_sv="Invånarbudget 2027",
                                        name_en="Resident budget 2027", total=200_000, city_wide=20_000,
                                        rounding_step=1000)
    budget_allocations_compute(budget_round=budget)
    BudgetRound.objects.filter(pk=budget.pk).update(phase=BudgetPhase.PROPOSALS)
    return budget


@pytest.mark.parametrize("prefix, heading", [("", "Asukasbudjetti 2027"), ("/sv", "Invånarbudget 2027"),
                                             ("/en", "Resident budget 2027")])
def test_the_money_by_area_reads_as_a_table_and_a_map_in_each_language(browser, live_server, budget, axe_check,
                                                                       prefix, heading):
    for width in (1280, 320):
        context = browser.new_context(viewport={"width": width, "height": 800}, reduced_motion="reduce")
        context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
        page = context.new_page()
        try:
            page.goto(f"{live_server.url}{prefix}/asukasbudjetti/{budget.pk}/")
            expect(page.locator("h1")).to_have_text(heading)
            expect(page.locator("#budget-map")).to_have_attribute("data-ready", "true")
            rows = page.locator("#allocation-table tbody tr")
            expect(rows).to_have_count(4)  # the demo city's four budget areas
            expect(page.locator("#budget-map path.leaflet-interactive")).to_have_count(4)
            expect(page.locator("#budget-legend li")).to_have_count(5)
            axe_check(page)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        finally:
            context.close()
