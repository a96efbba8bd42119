"""Issue #14's whole journey in one run, in Debian's chromium, each step by the person who takes it:
a resident signs in with the development identity provider and proposes a climbing frame in their
area; an official estimates its cost; once voting opens, a voter signs in, fills a knapsack ballot that
the page keeps within the area's money, confirms it, receives the receipt code, and later checks it.
The phases are moved between the steps by the administrator's phase service."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from city.models import StaffRole
from planning.budget_selectors import budget_section_amount
from planning.models import Ballot, BudgetPhase, BudgetProposal, ProposalStatus
from planning.services.budgets import budget_round_move_phase
from tests.browser.test_proposals import click_map_at, sign_in
from tests.factories.budgets import budget_admin, budget_areas, budget_round_make, proposal_row
from tests.factories.processes import staff


@pytest.fixture
def budget(transactional_db, city, settings):
    settings.IDENTITY_DEV_PROVIDER = True
    return budget_round_make(phase=BudgetPhase.PROPOSALS, name_en="Resident budget 2027")


def dev_sign_in(page, personal_code: str, home_area: str | None = None) -> None:
    """On the sign-in page: the development provider, a personal identity code, the home area."""
    page.locator("#sign-in-dev").click()
    page.locator("#id_personal_code").fill(personal_code)
    if home_area:
        page.locator("#id_home_area").select_option(home_area)
    page.locator("#dev-sign-in").click()


def euros(value: int) -> str:
    return f"{value:,}\u00a0€"


def test_propose_estimate_vote_and_check_the_receipt(browser, page, live_server, budget, axe_check):
    east = budget_areas()["SJK-ITA"]
    admin = budget_admin()
    point = east.boundary.point_on_surface.transform(4326, clone=True)

    # A resident proposes a climbing frame in their area, signing in on the way.
    page.goto(f"{live_server.url}/en/asukasbudjetti/{budget.pk}/")
    page.get_by_role("link", name="Make a proposal").click()
    expect(page).to_have_url(re.compile(r"/en/tunnistaudu/\?next="))
    dev_sign_in(page, "131052-308T", "SJK-ITA")
    expect(page.locator("#proposal-form-map")).to_have_attribute("data-ready", "true")
    page.locator("#id_title").fill("Kiipeilyteline")
    page.locator("#id_description").fill("Kiipeilyteline leikkipuistoon isommillekin lapsille.")
    click_map_at(page, "#proposal-form-map", point.x, point.y)
    expect(page.locator("#id_place_point")).to_be_checked()
    page.locator("#send-proposal").click()
    expect(page.locator("h1")).to_have_text("Kiipeilyteline")
    frame = BudgetProposal.objects.get(title="Kiipeilyteline")
    assert frame.area == east and frame.status == ProposalStatus.SUBMITTED

    # The proposals close; an official estimates its cost.
    budget_round_move_phase(budget_round=budget, to_phase=BudgetPhase.REVIEW, actor=admin)
    money = budget_section_amount(budget, east)
    official_context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    official = official_context.new_page()
    try:
        sign_in(official, live_server, staff("arvioija", StaffRole.BUDGET_OFFICIAL))
        official.goto(f"{live_server.url}/en/henkilosto/asukasbudjetti/")
        official.get_by_role("link", name="Resident budget 2027").click()
        official.get_by_role("link", name="Kiipeilyteline", exact=True).click()
        official.locator("label[for=id_feasible_0]").click()
        official.locator("#id_cost").fill(str(money * 6 // 10))
        official.locator("#id_note").fill("Asennettuna, turva-alustoineen.")
        official.locator("#save-review").click()
        expect(official.locator("#staff-messages")).to_contain_text("Kiipeilyteline")
    finally:
        official_context.close()
    frame.refresh_from_db()
    assert (frame.status, frame.cost_estimate) == (ProposalStatus.FEASIBLE, money * 6 // 10)
    track = proposal_row(budget, area=east, cost=money * 5 // 10, title="Kuntorata")
    benches = proposal_row(budget, area=east, cost=money * 3 // 10, title="Penkit")

    # Voting opens; another resident votes, and the page keeps the ballot within the money.
    budget_round_move_phase(budget_round=budget, to_phase=BudgetPhase.VOTING, actor=admin)
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/en/asukasbudjetti/{budget.pk}/")
    page.get_by_role("link", name="Vote", exact=True).click()
    dev_sign_in(page, "010594Y9021", "SJK-ITA")
    expect(page.locator("#ballot-form")).to_have_attribute("data-ready", "true")
    status = page.locator("#status-SJK-ITA")
    expect(status).to_contain_text(euros(money))
    page.locator(f"label[for=choice-{frame.pk}]").click()
    expect(status).to_contain_text(euros(money - frame.cost_estimate))
    page.locator(f"label[for=choice-{track.pk}]").click()  # does not fit: refused, and said why
    expect(page.locator("#refusal-SJK-ITA")).to_contain_text("“Kuntorata” costs")
    expect(page.locator(f"#choice-{track.pk}")).not_to_be_checked()
    page.locator(f"label[for=choice-{benches.pk}]").click()
    expect(status).to_contain_text(euros(money - frame.cost_estimate - benches.cost_estimate))
    axe_check(page)
    page.locator("#ballot-review").click()
    expect(page.locator("h1")).to_have_text("Confirm your ballot")
    assert not Ballot.objects.exists()
    page.locator("#ballot-confirm").click()
    expect(page.locator("h1")).to_have_text("Your receipt")
    code = page.locator("#receipt-code").inner_text().strip()
    ballot = Ballot.objects.get()
    assert ballot.receipt_code == code and ballot.area == east
    assert set(ballot.choices.values_list("proposal_id", flat=True)) == {frame.pk, benches.pk}

    # Later, anyone holding the code checks that the ballot is counted.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/en/asukasbudjetti/{budget.pk}/")
    page.get_by_role("link", name="Check your receipt").click()
    page.locator("#id_koodi").fill(code)
    page.locator("#receipt-check").click()
    expect(page.locator("#receipt-found")).to_contain_text("The ballot is counted")
    axe_check(page)
