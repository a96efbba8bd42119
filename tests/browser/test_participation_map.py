"""A resident uses the planning map by keyboard alone: chooses a residential area from the list and
reads the plans touching it, the groups mapped for it and its resident budget; finds an area by its
address; switches the layers off and on. The page and the area's own page pass axe, and nothing
scrolls sideways at 320 px."""

import pytest
from playwright.sync_api import expect

from city.models import Area
from planning.models import BudgetAllocation, BudgetPhase, Phase
from tests.factories.budgets import budget_round_make, proposal_row
from tests.factories.processes import process_make, process_walk


@pytest.fixture
def planning_world(city):
    plan = process_walk(process_make(name_fi="Asemanseudun asemakaava", name_en="Station area plan"), Phase.GOALS)
    budget = budget_round_make(phase=BudgetPhase.PROPOSALS, name_fi="Asukasbudjetti 2027",
                               name_en="Resident budget 2027")
    west = Area.objects.get(code="SJK-LANSI")  # 60100, the centre, lies in the western budget area
    proposal_row(budget, area=west, cost=8_000, title="Kirjaston penkit")
    amount = BudgetAllocation.objects.get(round=budget, area=west).amount
    return {"plan": plan, "budget": budget, "amount": amount}


def _tab_to(page, element_id: str, limit: int = 60) -> None:
    """Press Tab until ``element_id`` has the focus, as a keyboard user gets there."""
    for _press in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def _choose_by_keyboard(page, select_id: str, value: str, limit: int = 60) -> None:
    """Arrow down a closed select (it changes its value without opening) until ``value`` is chosen."""
    for _press in range(limit):
        if page.evaluate(f"document.getElementById('{select_id}').value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{value} is not among #{select_id}'s options")


def test_a_keyboard_user_chooses_an_area_and_reads_its_plans_groups_and_budget(page, live_server,
                                                                             planning_world, axe_check):
    page.goto(f"{live_server.url}/en/osallistumiskartta/")
    expect(page.locator("h1")).to_have_text("Planning map")
    expect(page.locator("#participation-map")).to_have_attribute("data-ready", "true")
    _tab_to(page, "area-select")
    _choose_by_keyboard(page, "area-select", "60100")
    page.keyboard.press("Tab")
    expect(page.locator("#area-choose-button")).to_be_focused()
    page.keyboard.press("Enter")

    heading = page.locator("#panel-body #area-facts-title")
    expect(heading).to_have_text("Seinäjoki Centre")
    expect(heading).to_be_focused()  # the facts are where the focus is, and the status says so
    expect(page.locator("#panel-status")).to_have_text("Showing the facts of Seinäjoki Centre.")
    plans = page.locator("#area-plans")
    expect(plans).to_contain_text("Station area plan")
    expect(plans).to_contain_text("Phase 4/6: Goals")
    expect(plans).to_contain_text("Help set the plan's goals")
    expect(page.locator("#area-groups")).to_contain_text("Children and young people")
    budget = page.locator("#area-budget")
    expect(budget).to_contain_text("Resident budget 2027")
    expect(budget).to_contain_text(f"Western area: {planning_world['amount']:,} €")
    expect(budget).to_contain_text("Kirjaston penkit")
    expect(page.locator(".leaflet-areas-pane path[stroke-width='4']")).to_have_count(1)  # the area is marked
    axe_check(page)

    # From the panel, the plan's own view: its areas with their budgets (Tab to the link, Enter).
    link = page.locator("#area-plans a.plan-facts-link")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#panel-body #plan-facts-title")).to_be_focused()
    expect(page.locator("#plan-areas tr[data-area-code='60100']")).to_contain_text(f"{planning_world['amount']:,} €")


def test_the_address_search_chooses_the_area_and_the_layers_switch_by_keyboard(page, live_server, planning_world):
    page.goto(f"{live_server.url}/en/osallistumiskartta/")
    expect(page.locator("#participation-map")).to_have_attribute("data-ready", "true")
    _tab_to(page, "place-query")
    page.keyboard.type("Seinäjoki asema")
    page.keyboard.press("Enter")
    first = page.locator("#place-results button.place-result").first
    expect(first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#panel-body #area-facts-title")).to_have_text("Seinäjoki Centre")

    container = page.locator("#participation-map")
    plans = page.locator(".leaflet-plans-pane path")
    expect(plans).to_have_count(1)
    expect(page.locator(".leaflet-budget-pane path")).to_have_count(4)
    expect(page.locator(".leaflet-points-pane path")).not_to_have_count(0)  # the proposal's dot
    for layer, box_id in (("plans", "layer-plans"), ("budget", "layer-budget"), ("proposals", "layer-proposals"),
                          ("feedback", "layer-feedback")):
        _tab_to(page, box_id)
        page.keyboard.press("Space")
        expect(container).to_have_attribute(f"data-layer-{layer}", "off")
        expect(page.locator(f"[data-legend='{layer}']")).to_be_hidden()
    expect(plans).to_have_count(0)
    expect(page.locator(".leaflet-budget-pane path")).to_have_count(0)
    page.keyboard.press("Space")  # the last one (feedback) back on
    expect(container).to_have_attribute("data-layer-feedback", "on")
    page.locator("#layer-plans").focus()
    page.keyboard.press("Space")
    expect(plans).to_have_count(1)
    expect(page.locator("[data-legend='plans']")).to_be_visible()


@pytest.mark.parametrize("path", ["/osallistumiskartta/", "/osallistumiskartta/alue/60100/", "/sv/osallistumiskartta/"])
def test_the_map_and_the_area_view_fit_320_px_and_pass_axe(browser, live_server, planning_world, axe_check, path):
    context = browser.new_context(viewport={"width": 320, "height": 800}, reduced_motion="reduce")
    context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{path}#alue=60100")
        if "alue/" not in path:
            expect(page.locator("#participation-map")).to_have_attribute("data-ready", "true")
            expect(page.locator("#panel-body #area-plans")).to_contain_text("Asemanseudun asemakaava")
        else:
            expect(page.locator("h1")).to_have_text("Seinäjoki Keskus")
            expect(page.locator("#area-groups")).to_contain_text("Lapset ja nuoret")
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()
