"""Issue #13's "done when", the planner's half, in Debian's chromium: two residents' comments on a draft
(a line as a mouse draws it, a point as the keyboard places it; the residents' own pages are tested in
test_plans.py) are answered by a planner, one singly and one under a theme; the plan moves to phase 6;
the closing report lists both comments with their answers and draws both geometries; axe finds nothing
on the planner's pages or the report, and the report reflows at 320 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from city.models import StaffRole
from planning.models import Answer, Phase, Process, StakeholderGroup
from planning.services.comments import comment_create
from tests.factories.processes import line_in_plan, near_plan, process_make, process_walk, staff

PASSWORD = "salasana-testi-123"  # tests.factories.processes.staff's


def planner_sign_in(page, base: str, username: str, prefix: str = "") -> None:
    """Sign in at the staff sign-in and land on the planners' list (the sign-in's next page)."""
    page.goto(f"{base}{prefix}/henkilosto/kirjaudu/?next={prefix}/henkilosto/kaavat/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.locator(".staff-nav")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/henkilosto/kaavat/$"))


def plan_in_draft_with_two_comments(planner) -> tuple[Process, list]:
    process = process_walk(process_make(planners=[planner], name_fi="Asemanseudun kortteli"), Phase.DRAFT)
    line = comment_create(process=process, text="Koulureitti kulkee tästä: tarvitaan suojatie.",
                          geometry=line_in_plan(), group=StakeholderGroup.CHILDREN_AND_YOUNG, age_band="13_17")
    point = comment_create(process=process, text="Tähän kohtaan penkki ja varjoa.", geometry=near_plan(400, 650),
                           group=StakeholderGroup.ELDERLY, age_band="75_up")
    return process, [line, point]


@pytest.fixture
def planner(city):
    return staff("kaavoittaja", StaffRole.PLANNER)


def test_a_planner_answers_both_comments_moves_the_plan_to_phase_6_and_the_report_shows_them(
        page, live_server, planner, axe_check):
    process, (line, point) = plan_in_draft_with_two_comments(planner)
    base = live_server.url
    planner_sign_in(page, base, "kaavoittaja", "/en")
    expect(page.locator("#plan-list")).to_contain_text("Asemanseudun kortteli")
    axe_check(page)

    # The plan's page says what blocks the final phase, in words, and offers no button.
    page.get_by_role("link", name="Asemanseudun kortteli").click()
    expect(page.locator("#phase-blockers")).to_contain_text("2 still without an answer")
    expect(page.locator("#phase-forward-button")).to_have_count(0)
    axe_check(page)

    # The line's comment singly, chosen by keyboard.
    page.get_by_role("link", name="Comments and answers").first.click()
    expect(page.locator("#waiting-comments tbody tr")).to_have_count(2)
    axe_check(page)
    page.locator(f"#answer-comment-{line.pk}").focus()
    page.keyboard.press("Space")
    expect(page.locator(f"#answer-comment-{line.pk}")).to_be_checked()
    page.locator("#id_answer-text").fill("Suojatie lisätään koulureitille kaavaehdotukseen.")
    page.locator("#answer-button").click()
    expect(page.locator("#staff-messages")).to_contain_text("1 comments")
    expect(page.locator("#waiting-comments tbody tr")).to_have_count(1)
    # The point's under a theme, chosen by mouse; a missing answer text is said at the field first.
    page.locator(f"label[for=answer-comment-{point.pk}]").click()
    page.locator("#id_answer-theme").fill("Oleskelu ja varjo")
    page.locator("#answer-button").click()
    expect(page.locator("#id_answer-text-error")).to_be_visible()
    axe_check(page)
    expect(page.locator(f"#answer-comment-{point.pk}")).to_be_checked()  # the choice and theme are kept
    expect(page.locator("#id_answer-theme")).to_have_value("Oleskelu ja varjo")
    page.locator("#id_answer-text").fill("Aukiolle istutetaan puita ja tuodaan penkkejä.")
    page.locator("#answer-button").click()
    expect(page.locator("#nothing-waiting")).to_be_visible()
    expect(page.locator("#answered-heading ~ article")).to_have_count(2)
    assert Answer.objects.filter(process=process).count() == 2

    # How the plan changed, then the move.
    page.get_by_role("link", name="How the plan changed").first.click()
    page.locator("#id_closing-closing_summary_fi").fill("Koulureitille tuli suojatie ja aukiolle puita.")
    page.locator("#closing-save").click()
    expect(page.locator("#staff-messages")).to_contain_text("saved")
    axe_check(page)
    page.get_by_role("link", name="Stakeholder groups").first.click()
    expect(page.locator("#stakeholders")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Phase and history").click()
    page.locator("#phase-forward-button").click()
    expect(page.locator("#staff-messages")).to_contain_text("phase 6")
    expect(page.locator("#plan-history")).to_contain_text("Moved to the next phase")
    assert Process.objects.get(pk=process.pk).phase == Phase.FINAL
    axe_check(page)

    # The public closing report: both comments with their answers, both geometries on the map.
    page.goto(f"{base}/en/kaavat/{process.pk}/raportti/")
    expect(page.locator("#report-preview")).to_have_count(0)
    comments = page.locator("#report-comments > li")
    expect(comments).to_have_count(2)
    expect(comments.nth(0)).to_contain_text("Koulureitti kulkee tästä")
    expect(comments.nth(0)).to_contain_text("Suojatie lisätään koulureitille")
    expect(comments.nth(0)).to_contain_text("Line")
    expect(comments.nth(1)).to_contain_text("Tähän kohtaan penkki")
    expect(comments.nth(1)).to_contain_text("Oleskelu ja varjo")
    expect(comments.nth(1)).to_contain_text("Point")
    expect(page.locator("#closing-summary")).to_contain_text("Koulureitille tuli suojatie")
    expect(page.locator("#report-map")).to_have_attribute("data-features", "2")
    expect(page.locator("#report-map .leaflet-tooltip")).to_have_count(2)
    axe_check(page)
    # "Show on the map" opens the comment's popup on the map.
    comments.nth(1).get_by_role("button", name=re.compile("Show on the map")).click()
    expect(page.locator("#report-map .leaflet-popup-content")).to_contain_text("Tähän kohtaan penkki")
    axe_check(page)
    # The report in Finnish, and at a phone's width nothing scrolls sideways.
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{base}/kaavat/{process.pk}/raportti/")
    expect(page.locator("#report-map")).to_have_attribute("data-features", "2")
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
