"""Issue #14's voting journey in Debian's chromium: a voter signs in with the development identity
provider, fills a knapsack ballot that the page keeps within the budget (a pick over the money is
refused and explained, not silently disabled), confirms it, receives the receipt code, and later checks
it on the public receipt page; a second voter does the same by keyboard alone. axe finds nothing on the
pages, and at 320 px nothing scrolls sideways."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from planning.budget_selectors import budget_section_amount
from planning.models import Ballot, BudgetPhase
from tests.factories.budgets import budget_areas, budget_round_make, proposal_row

CODE = re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")


@pytest.fixture
def voting(city, settings):
    settings.IDENTITY_DEV_PROVIDER = True
    budget = budget_round_make(phase=BudgetPhase.VOTING, name_sv="Invånarbudget 2027", name_en="Resident budget 2027")
    east = budget_areas()["SJK-ITA"]
    money = budget_section_amount(budget, east)
    step = money // 10
    return budget, money, {
        "playground": proposal_row(budget, area=east, cost=6 * step, title="Leikkipuisto"),
        "track": proposal_row(budget, area=east, cost=5 * step, title="Kuntorata"),
        "benches": proposal_row(budget, area=east, cost=3 * step, title="Penkit"),
        "bus": proposal_row(budget, area=None, cost=5_000, title="Kirjastoauto"),
    }


def money_text(value: int) -> str:
    """12000 as the English page writes euros: "12,000 €" (a no-break space before the sign)."""
    return f"{value:,}\u00a0€"


def test_a_voter_signs_in_keeps_within_the_budget_confirms_and_checks_the_receipt(page, live_server, voting,
                                                                                   axe_check):
    budget, money, p = voting
    step = money // 10
    page.goto(f"{live_server.url}/en/asukasbudjetti/{budget.pk}/aanesta/")
    expect(page).to_have_url(re.compile(r"/en/tunnistaudu/\?next="))
    axe_check(page)
    page.locator("#sign-in-dev").click()
    expect(page.locator("#testing-only")).to_be_visible()
    axe_check(page)
    page.locator("#id_personal_code").fill("131052-308A")  # a typing error: the check character says so
    page.locator("#dev-sign-in").click()
    expect(page.locator("#personal-code-error")).to_contain_text("does not match the rest")
    page.locator("#id_personal_code").fill("131052-308T")
    page.locator("#id_home_area").select_option("SJK-ITA")
    page.locator("#dev-sign-in").click()

    expect(page.locator("h1")).to_have_text("Vote: Resident budget 2027")
    expect(page.locator("#id_alue")).to_have_value("SJK-ITA")
    status = page.locator("#status-SJK-ITA")
    expect(status).to_contain_text(money_text(money))
    expect(page.locator("#ballot-form")).to_have_attribute("data-ready", "true")
    page.locator(f"label[for=choice-{p['playground'].pk}]").click()
    expect(page.locator(f"#choice-{p['playground'].pk}")).to_be_checked()
    expect(status).to_contain_text(money_text(4 * step))
    # 6 + 5 tenths do not fit: the pick is refused and explained, the box stays enabled.
    page.locator(f"label[for=choice-{p['track'].pk}]").click()
    refusal = page.locator("#refusal-SJK-ITA")
    expect(refusal).to_contain_text(f"“Kuntorata” costs {money_text(5 * step)}, but only {money_text(4 * step)}")
    expect(page.locator(f"#choice-{p['track'].pk}")).not_to_be_checked()
    expect(page.locator(f"#choice-{p['track'].pk}")).to_be_enabled()
    axe_check(page)
    page.locator(f"label[for=choice-{p['benches'].pk}]").click()
    expect(refusal).to_be_empty()
    expect(status).to_contain_text(money_text(step))
    page.locator(f"label[for=choice-{p['bus'].pk}]").click()
    expect(page.locator("#status-city")).to_contain_text(money_text(budget.city_wide - 5_000))

    page.locator("#ballot-review").click()
    expect(page.locator("h1")).to_have_text("Confirm your ballot")
    expect(page.locator("#summary-SJK-ITA")).to_be_visible()
    for title in ("Leikkipuisto", "Penkit", "Kirjastoauto"):
        expect(page.locator("main")).to_contain_text(title)
    expect(page.locator("main")).not_to_contain_text("Kuntorata")
    assert not Ballot.objects.exists()  # nothing counts before the confirmation
    axe_check(page)
    page.locator("#ballot-confirm").click()

    expect(page.locator("h1")).to_have_text("Your receipt")
    code = page.locator("#receipt-code").inner_text().strip()
    assert CODE.match(code)
    ballot = Ballot.objects.get()
    assert ballot.receipt_code == code
    assert set(ballot.choices.values_list("proposal_id", flat=True)) == {p["playground"].pk, p["benches"].pk,
                                                                        p["bus"].pk}
    axe_check(page)

    # Later, signed out, anyone with the code checks it.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/en/asukasbudjetti/kuitti/")
    page.locator("#id_koodi").fill(code.lower().replace("-", " "))
    page.locator("#receipt-check").click()
    found = page.locator("#receipt-found")
    expect(found).to_contain_text("The ballot is counted")
    expect(found).to_contain_text("Resident budget 2027")
    expect(found).to_contain_text("Eastern area")
    expect(page.locator("main")).not_to_contain_text("Leikkipuisto")
    axe_check(page)


def test_by_keyboard_alone(page, live_server, voting):
    budget, money, p = voting
    step = money // 10
    page.goto(f"{live_server.url}/en/tunnistaudu/?next=/en/asukasbudjetti/{budget.pk}/aanesta/")
    page.locator("#sign-in-dev").focus()
    page.keyboard.press("Enter")
    page.locator("#id_personal_code").focus()
    page.keyboard.type("010594Y9021")
    page.keyboard.press("Enter")  # the form is sent without a home area
    expect(page.locator("#area-form")).to_be_visible()
    expect(page.locator("#ballot-form")).to_have_count(0)
    page.locator("#id_alue").focus()
    page.keyboard.type("Eastern")
    expect(page.locator("#id_alue")).to_have_value("SJK-ITA")
    page.locator("#area-show").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#ballot-form")).to_have_attribute("data-ready", "true")
    box = page.locator(f"#choice-{p['track'].pk}")
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    expect(page.locator("#status-SJK-ITA")).to_contain_text(money_text(5 * step))
    page.keyboard.press("Tab")  # the next proposal in the list (each box, then its link if any)
    page.locator(f"#choice-{p['playground'].pk}").focus()
    page.keyboard.press("Space")
    expect(page.locator("#refusal-SJK-ITA")).to_contain_text("“Leikkipuisto” costs")
    expect(page.locator(f"#choice-{p['playground'].pk}")).not_to_be_checked()
    page.locator(f"#choice-{p['benches'].pk}").focus()
    page.keyboard.press("Space")
    page.locator("#ballot-review").focus()
    page.keyboard.press("Enter")
    page.locator("#ballot-confirm").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#receipt-code")).to_have_text(CODE)
    assert set(Ballot.objects.get().choices.values_list("proposal_id", flat=True)) == {p["track"].pk,
                                                                                       p["benches"].pk}


@pytest.mark.parametrize("prefix", ["", "/sv", "/en"])
def test_the_ballot_reads_at_320_px_in_each_language(browser, live_server, voting, axe_check, prefix):
    budget, money, p = voting
    context = browser.new_context(viewport={"width": 320, "height": 800}, reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{prefix}/tunnistaudu/kehitys/?next={prefix}/asukasbudjetti/{budget.pk}/aanesta/")
        page.locator("#id_personal_code").fill("150575-915K")
        page.locator("#id_home_area").select_option("SJK-ITA")
        page.locator("#dev-sign-in").click()
        expect(page.locator("#ballot-form")).to_be_visible()
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        page.goto(f"{live_server.url}{prefix}/asukasbudjetti/kuitti/")
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()


def test_under_the_approval_rule_a_pick_over_the_limit_is_refused_and_explained(page, live_server, voting):
    budget, money, p = voting
    from planning.models import BudgetRound, VotingRule

    BudgetRound.objects.filter(pk=budget.pk).update(voting_rule=VotingRule.APPROVAL, approval_limit=1)
    page.goto(f"{live_server.url}/en/tunnistaudu/kehitys/?next=/en/asukasbudjetti/{budget.pk}/aanesta/")
    page.locator("#id_personal_code").fill("020304A900S")
    page.locator("#id_home_area").select_option("SJK-ITA")
    page.locator("#dev-sign-in").click()
    expect(page.locator("#ballot-rules")).to_contain_text("Choose at most 1 proposal for your budget area")
    expect(page.locator("#ballot-form")).to_have_attribute("data-ready", "true")
    page.locator(f"label[for=choice-{p['playground'].pk}]").click()
    expect(page.locator("#status-SJK-ITA")).to_contain_text("“Leikkipuisto” chosen")
    page.locator(f"label[for=choice-{p['track'].pk}]").click()
    expect(page.locator("#refusal-SJK-ITA")).to_contain_text("At most 1 proposal may be chosen in Eastern area")
    expect(page.locator(f"#choice-{p['track'].pk}")).not_to_be_checked()


def test_customer_service_enters_a_paper_ballot(page, live_server, voting, axe_check):
    from city.models import StaffRole
    from tests.factories.processes import staff

    budget, money, p = voting
    staff("palvelupiste", StaffRole.CUSTOMER_SERVICE)
    page.goto(f"{live_server.url}/en/henkilosto/kirjaudu/?next=/en/henkilosto/asukasbudjetti/aanestys/")
    page.locator("#id_username").fill("palvelupiste")
    page.locator("#id_password").fill("salasana-testi-123")
    page.locator("#id_password").press("Enter")
    page.get_by_role("link", name="Resident budget 2027").click()
    axe_check(page)
    page.locator("#id_alue").select_option("SJK-ITA")
    page.get_by_role("button", name="Show the ballot of this area").click()
    page.locator("#id_personal_code").fill("131052-308T")
    page.locator("#id_service_point").fill("Kaupungintalo")
    page.locator(f"label[for=choice-{p['benches'].pk}]").click()
    page.locator("#paper-ballot-save").click()
    expect(page.locator("#paper-receipt-code")).to_have_text(CODE)
    axe_check(page)
    ballot = Ballot.objects.get()
    assert ballot.channel == "paper" and ballot.service_point == "Kaupungintalo"
    # The same person again is refused, in words.
    page.locator("#id_personal_code").fill("131052-308T")
    page.locator(f"label[for=choice-{p['bus'].pk}]").click()
    page.locator("#paper-ballot-save").click()
    expect(page.locator("#error-summary")).to_contain_text("already voted")
    expect(page.locator("#personal-code-error")).to_contain_text("already voted")
    axe_check(page)
    assert Ballot.objects.count() == 1
