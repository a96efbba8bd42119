"""Issue #13's "done when" as one journey in Debian's chromium, every step through the pages: a resident
opens a plan in phase 5, draws a line with the mouse and sends a comment; another resident, in a browser
of their own, does the same by keyboard alone; the plan's planner answers the first singly and the second
under a theme and moves the plan to phase 6; the public closing report lists both comments with their
answers and draws both lines. axe finds nothing on the plan's page, the planner's pages or the report.
The parts are tested in depth in test_plans.py (the residents) and test_plan_staff.py (the planner)."""

from __future__ import annotations

import re
from contextlib import contextmanager

from playwright.sync_api import expect

from planning.models import Answer, Comment, Phase, Process
from tests.browser.test_plan_staff import planner, planner_sign_in  # noqa: F401 (planner is a fixture)
from tests.browser.test_plans import _to_wgs84, draw_line_by_mouse, open_plan, write_and_draw_a_line_by_keyboard
from tests.planning.test_pages import in_phase


@contextmanager
def browser_of_their_own(browser, locale: str, number: int):
    """A person's own browser (cookies, once-per-browser key, address), as the ``page`` fixture makes
    it: tiles refused, and a JavaScript error or a CSP refusal fails the test."""
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900}, reduced_motion="reduce",
                                  extra_http_headers={"X-Forwarded-For": f"10.2.0.{number}"},
                                  user_agent=f"Journey person {number}")
    context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text)
            if "Content Security Policy" in message.text else None)
    try:
        yield page
    finally:
        context.close()
    assert errors == [], f"JavaScript errors or CSP refusals on the page: {errors}"


def test_the_whole_journey_from_two_residents_comments_to_the_closing_report(
        browser, live_server, planner, axe_check):  # noqa: F811
    process = in_phase(Phase.DRAFT, planners=[planner])
    base = live_server.url

    # A resident, in Finnish, draws a line with the mouse and sends the comment.
    with browser_of_their_own(browser, "fi-FI", 1) as page:
        open_plan(page, f"{base}/kaavat/{process.pk}/")
        expect(page.locator("#current-phase")).to_contain_text("5/6")
        axe_check(page)
        page.locator("#id_text").fill("Kävelykadun varrelle tarvitaan puita ja penkkejä.")
        draw_line_by_mouse(page, [_to_wgs84(200, 300), _to_wgs84(500, 500), _to_wgs84(800, 400)])
        page.locator("#draw-finish").click()
        expect(page.locator("#comment-map")).to_have_attribute("data-drawn", "LineString")
        page.locator("#send-comment").click()
        expect(page).to_have_url(re.compile(rf"/kaavat/{process.pk}/#comment-\d+$"))
        by_mouse = Comment.objects.get(process=process)
        expect(page.locator(f"#comment-{by_mouse.pk}")).to_contain_text("Kävelykadun varrelle")
        axe_check(page)

    # Another resident, in English, does the same by keyboard alone: no mouse event from here to the send.
    with browser_of_their_own(browser, "en-GB", 2) as page:
        open_plan(page, f"{base}/en/kaavat/{process.pk}/")
        write_and_draw_a_line_by_keyboard(page, "The crossing needs a safer route for children.")
        page.locator("#send-comment").focus()
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(rf"/en/kaavat/{process.pk}/#comment-\d+$"))
        by_keyboard = Comment.objects.filter(process=process).exclude(pk=by_mouse.pk).get()
        expect(page.locator(f"#comment-{by_keyboard.pk}")).to_contain_text("A line on the map")
        expect(page.locator("#plan-map")).to_have_attribute("data-comments", "2")
        axe_check(page)
    for comment in (by_mouse, by_keyboard):
        assert comment.geometry.geom_type == "LineString" and comment.geometry.num_coords == 3

    # The plan's planner answers the mouse's comment singly and the keyboard's under a theme.
    with browser_of_their_own(browser, "en-GB", 3) as page:
        planner_sign_in(page, base, planner.username, "/en")
        axe_check(page)
        page.get_by_role("link", name="Station area detailed plan").click()  # its English name
        expect(page.locator("#phase-blockers")).to_contain_text("2 still without an answer")
        expect(page.locator("#phase-forward-button")).to_have_count(0)
        axe_check(page)
        page.get_by_role("link", name="Comments and answers").first.click()
        expect(page.locator("#waiting-comments tbody tr")).to_have_count(2)
        axe_check(page)
        page.locator(f"label[for=answer-comment-{by_mouse.pk}]").click()
        page.locator("#id_answer-text").fill("Kävelykadulle istutetaan puita ja tuodaan penkkejä.")
        page.locator("#answer-button").click()
        expect(page.locator("#staff-messages")).to_contain_text("1 comments")
        expect(page.locator("#waiting-comments tbody tr")).to_have_count(1)
        page.locator(f"label[for=answer-comment-{by_keyboard.pk}]").click()
        page.locator("#id_answer-theme").fill("Koulureitit")
        page.locator("#id_answer-text").fill("Risteykseen tulee korotettu suojatie.")
        page.locator("#answer-button").click()
        expect(page.locator("#nothing-waiting")).to_be_visible()
        expect(page.locator("#answered-heading ~ article")).to_have_count(2)
        axe_check(page)
        assert Answer.objects.filter(process=process).count() == 2

        # Nothing blocks the final phase now: the planner moves the plan there on the plan's page.
        page.get_by_role("link", name="Phase and history").click()
        page.locator("#phase-forward-button").click()
        expect(page.locator("#staff-messages")).to_contain_text("phase 6")
        expect(page.locator("#plan-history")).to_contain_text("Moved to the next phase")
        axe_check(page)
    assert Process.objects.get(pk=process.pk).phase == Phase.FINAL

    # The public closing report, as anyone sees it: both comments with their answers, both lines drawn.
    with browser_of_their_own(browser, "en-GB", 4) as page:
        page.goto(f"{base}/en/kaavat/{process.pk}/raportti/")
        expect(page.locator("#report-preview")).to_have_count(0)
        comments = page.locator("#report-comments > li")
        expect(comments).to_have_count(2)
        expect(comments.nth(0)).to_contain_text("Kävelykadun varrelle tarvitaan puita")
        expect(comments.nth(0)).to_contain_text("Kävelykadulle istutetaan puita")
        expect(comments.nth(0).locator(".comment-place")).to_have_text("Line")
        expect(comments.nth(1)).to_contain_text("The crossing needs a safer route")
        expect(comments.nth(1).locator(".comment-answer h4")).to_have_text("Answer: Koulureitit")
        expect(comments.nth(1)).to_contain_text("Risteykseen tulee korotettu suojatie")
        expect(comments.nth(1).locator(".comment-place")).to_have_text("Line")
        map_ = page.locator("#report-map")
        expect(map_).to_have_attribute("data-features", "2")
        expect(map_.locator(".leaflet-tooltip")).to_have_count(2)
        # The comments' two lines (the plan's dashed boundary is the only other path, and not interactive).
        expect(map_.locator("path.leaflet-interactive")).to_have_count(2)
        axe_check(page)
        comments.nth(1).get_by_role("button", name=re.compile("Show on the map")).click()
        expect(map_.locator(".leaflet-popup-content")).to_contain_text("Koulureitit")
        axe_check(page)

