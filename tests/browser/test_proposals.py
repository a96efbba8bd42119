"""Issue #14's first steps in Debian's chromium: a resident proposes a climbing frame
("kiipeilyteline") by picking a point in their area on the map, with a similar proposal nearby shown
while writing; an official estimates its cost on the review page. axe finds nothing on the form, the
proposal's page, the list and the review pages, and at 320 px nothing scrolls sideways."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from city.models import StaffRole
from planning.identity import resident_identity_get_or_create
from planning.models import BudgetPhase, BudgetProposal, ProposalStatus
from planning.services.budgets import budget_round_move_phase
from tests.factories.budgets import budget_admin, budget_areas, budget_round_make, proposal_row
from tests.factories.processes import staff


@pytest.fixture(autouse=True)
def _generous_proposal_rate(settings):
    settings.BUDGET_PROPOSAL_RATE = "100000/minute"


@pytest.fixture
def budget(transactional_db, city):
    return budget_round_make(phase=BudgetPhase.PROPOSALS, name_en="Resident budget 2027")


def sign_in(page, live_server, user) -> None:
    """The browser carries ``user``'s session, as after signing in."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                               "url": live_server.url}])


def click_map_at(page, selector: str, lon: float, lat: float) -> None:
    """Show ``lon``, ``lat`` on the map, as a resident pans there, and click it."""
    page.locator(selector).scroll_into_view_if_needed()
    x, y = page.evaluate(
        "([selector, lat, lon]) => { const map = document.querySelector(selector).leafletMap;"
        " map.setView([lat, lon], 15, { animate: false }); const p = map.latLngToContainerPoint([lat, lon]);"
        " return [p.x, p.y]; }", [selector, lat, lon])
    box = page.locator(selector).bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def test_a_resident_proposes_a_climbing_frame_and_an_official_estimates_its_cost(browser, page, live_server, budget,
                                                                                axe_check):
    east = budget_areas()["SJK-ITA"]
    place = east.boundary.point_on_surface
    proposal_row(budget, area=east, status=ProposalStatus.SUBMITTED, title="Vanha kiipeilyteline korjattava",
                 location=place)
    point = place.transform(4326, clone=True)
    resident = resident_identity_get_or_create(identifier="010190-123A", provider="test").user
    sign_in(page, live_server, resident)

    page.goto(f"{live_server.url}/en/asukasbudjetti/{budget.pk}/ehdotukset/uusi/")
    expect(page.locator("#proposal-form-map")).to_have_attribute("data-ready", "true")
    axe_check(page)
    page.locator("#id_title").fill("Kiipeilyteline")
    page.locator("#id_description").fill("Uusi kiipeilyteline leikkipuistoon, isommillekin lapsille.")
    click_map_at(page, "#proposal-form-map", point.x + 0.0004, point.y)
    expect(page.locator("#chosen-place")).to_contain_text("Chosen place")
    expect(page.locator("#id_place_point")).to_be_checked()
    # The similar proposal nearby is suggested while writing, announced in the live region.
    expect(page.locator("#similar-list")).to_contain_text("Vanha kiipeilyteline korjattava")
    expect(page.locator("#similar-status")).to_have_attribute("aria-live", "polite")
    expect(page.locator("#similar-status")).to_contain_text("Similar proposals")
    page.locator("#id_author_name").fill("Maija")
    page.locator("#send-proposal").click()
    expect(page.locator("h1")).to_have_text("Kiipeilyteline")
    proposal = BudgetProposal.objects.get(title="Kiipeilyteline")
    assert proposal.area == east and proposal.author == resident
    expect(page.locator("#proposal-status")).to_have_text("Waiting for review")
    axe_check(page)

    budget_round_move_phase(budget_round=budget, to_phase=BudgetPhase.REVIEW, actor=budget_admin())
    official_context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900},
                                           reduced_motion="reduce")
    official = official_context.new_page()
    try:
        sign_in(official, live_server, staff("budjettivirkailija", StaffRole.BUDGET_OFFICIAL))
        official.goto(f"{live_server.url}/en/henkilosto/asukasbudjetti/")
        axe_check(official)
        official.get_by_role("link", name="Resident budget 2027").click()
        axe_check(official)
        official.get_by_role("link", name="Kiipeilyteline", exact=True).click()
        expect(official.locator("h1")).to_contain_text("Kiipeilyteline")
        axe_check(official)
        official.locator("label[for=id_feasible_0]").click()  # HDS draws the radio over its label
        expect(official.locator("#id_feasible_0")).to_be_checked()
        official.locator("#id_cost").fill("15000")
        official.locator("#id_note").fill("Asennettuna, turva-alustoineen.")
        official.locator("#save-review").click()
        expect(official.locator("#staff-messages")).to_contain_text("Kiipeilyteline")
        axe_check(official)
    finally:
        official_context.close()
    proposal.refresh_from_db()
    assert (proposal.status, proposal.cost_estimate) == (ProposalStatus.FEASIBLE, 15_000)

    page.goto(f"{live_server.url}/en/asukasbudjetti/ehdotukset/{proposal.pk}/")
    expect(page.locator("#proposal-cost")).to_contain_text("15")
    expect(page.locator("#proposal-outcome")).to_contain_text("goes to the vote")
    axe_check(page)


@pytest.mark.parametrize("prefix", ["", "/sv", "/en"])
def test_the_list_and_the_map_read_at_320_px(browser, live_server, budget, axe_check, prefix):
    areas = budget_areas()
    proposal_row(budget, area=areas["SJK-ITA"], status=ProposalStatus.SUBMITTED, title="Kiipeilyteline")
    proposal_row(budget, area=areas["SJK-LANSI"], status=ProposalStatus.FEASIBLE, title="Penkit", location=None)
    proposal_row(budget, area=None, status=ProposalStatus.FEASIBLE, title="Kirjastobussi", cost=5000)
    for width in (1280, 320):
        context = browser.new_context(viewport={"width": width, "height": 800}, reduced_motion="reduce")
        context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
        page = context.new_page()
        try:
            page.goto(f"{live_server.url}{prefix}/asukasbudjetti/{budget.pk}/ehdotukset/")
            expect(page.locator("#proposal-map")).to_have_attribute("data-ready", "true")
            expect(page.locator("#proposal-list > li")).to_have_count(3)
            expect(page.locator("#proposal-map")).to_have_attribute("data-markers", "2")
            axe_check(page)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.locator("#filter-status").select_option("feasible")
            page.locator("#proposal-filters button[type=submit]").click()
            expect(page.locator("#proposal-list > li")).to_have_count(2)
        finally:
            context.close()


def test_by_keyboard_alone_a_resident_is_told_what_is_missing_and_proposes_for_a_whole_area(page, live_server,
                                                                                        budget, axe_check):
    sign_in(page, live_server, resident_identity_get_or_create(identifier="020202-222B", provider="test").user)
    page.goto(f"{live_server.url}/en/asukasbudjetti/{budget.pk}/ehdotukset/uusi/")
    expect(page.locator("#proposal-form-map")).to_have_attribute("data-ready", "true")
    # The pin by keyboard: the button drops it at the map's centre, and the place is announced.
    page.locator("#pin-centre").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#chosen-place")).to_contain_text("Chosen place")
    assert page.locator("#id_lon").input_value() != ""
    # Sent without a title: the errors come back, the summary first, and nothing is stored.
    page.locator("#send-proposal").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text("Give the proposal a title.")
    axe_check(page)
    assert not BudgetProposal.objects.exists()
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320  # the form with its errors too
    page.locator("#id_title").focus()
    page.keyboard.type("Penkit")
    page.locator("#id_description").focus()
    page.keyboard.type("Penkkejä kävelyreittien varsille koko alueelle.")
    page.locator("#id_place_area").focus()
    page.keyboard.press("Space")
    expect(page.locator("#id_place_area")).to_be_checked()
    page.locator("#id_area").focus()
    page.locator("#id_area").select_option("SJK-LANSI")  # a select is chosen by keyboard as the browser lets
    page.locator("#send-proposal").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Penkit")
    proposal = BudgetProposal.objects.get()
    assert (proposal.area.code, proposal.location) == ("SJK-LANSI", None)
    page.set_viewport_size({"width": 320, "height": 800})
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
