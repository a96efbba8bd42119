"""Residents comment on a plan in its draft phase in Debian's chromium: one draws a line on the map
with the mouse, another by keyboard alone (the map pans with the arrow keys, a button adds each
point at its centre); likes and reports work in place; axe finds nothing on the plan's page in
Finnish, Swedish and English, with its errors shown, while drawing, and at 320 px nothing scrolls
sideways."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from planning.models import Comment, CommentStatus, Phase
from planning.services.comments import comment_create
from tests.factories.processes import near_plan
from tests.planning.test_pages import in_phase

LANGUAGES = ["", "/sv", "/en"]


def _to_wgs84(dx: float, dy: float) -> tuple[float, float]:
    point = near_plan(dx, dy).transform(4326, clone=True)
    return point.x, point.y


def click_map_at(page, selector: str, lon: float, lat: float) -> None:
    """A click on the map where ``lon``, ``lat`` is shown (the map is not moved)."""
    page.locator(selector).scroll_into_view_if_needed()
    x, y = page.evaluate(
        "([selector, lat, lon]) => { const p = document.querySelector(selector).leafletMap"
        ".latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }", [selector, lat, lon])
    box = page.locator(selector).bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def open_plan(page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#comment-map")).to_have_attribute("data-ready", "true")
    expect(page.locator("#plan-map")).to_have_attribute("data-ready", "true")


def draw_line_by_mouse(page, corners: list[tuple[float, float]]) -> None:
    """Choose "Draw a line" and click its ``corners`` (lon, lat) on the comment map; the line is left
    unfinished, for the caller to finish."""
    page.locator("#draw-line").click()
    expect(page.locator("#draw-line")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#id_place_1")).to_be_checked()  # the map's way of placing the comment
    for lon, lat in corners:
        click_map_at(page, "#comment-map", lon, lat)
    expect(page.locator("#drawn-status")).to_contain_text(str(len(corners)))


def write_and_draw_a_line_by_keyboard(page, text: str) -> None:
    """By keyboard alone on the English plan page: type ``text``, choose drawing on the map, and draw
    and finish a line of 3 points (the map pans with the arrow keys, "Add a point" adds its centre).
    No mouse event is sent; the comment is not yet sent."""
    page.locator("#id_text").focus()
    page.keyboard.type(text)
    page.locator("#id_place_0").focus()  # the plan as a whole, chosen at first
    page.keyboard.press("ArrowDown")  # the next way: drawing on the map
    expect(page.locator("#id_place_1")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.locator("#draw-point")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Draw a line"
    expect(page.locator("#draw-line")).to_have_attribute("aria-pressed", "true")

    def add_point_after(keys: list[str]) -> None:
        page.locator("#comment-map").focus()
        for key in keys:
            page.keyboard.press(key)
        page.locator("#draw-centre").focus()
        page.keyboard.press("Enter")

    add_point_after([])
    expect(page.locator("#drawn-status")).to_have_text("Point 1 added at the centre of the map.")
    add_point_after(["ArrowRight", "ArrowRight", "ArrowDown"])
    # Each point is announced before the map moves on: on a loaded machine the next key could
    # otherwise come while the pan still runs (a run saw "Point 2" where it waited for "Point 3").
    expect(page.locator("#drawn-status")).to_have_text("Point 2 added at the centre of the map.")
    add_point_after(["ArrowUp", "ArrowUp", "ArrowUp"])
    expect(page.locator("#drawn-status")).to_have_text("Point 3 added at the centre of the map.")
    page.keyboard.press("Shift+Tab")  # back past "Add a point": nothing to move
    page.locator("#draw-finish").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#drawn-status")).to_be_focused()
    expect(page.locator("#drawn-status")).to_have_text("Drawn on the map: a line of 3 points.")


@pytest.fixture
def draft(city):
    return in_phase(Phase.DRAFT)


def test_a_resident_draws_a_line_on_the_map_and_sends_a_comment(page, live_server, draft, axe_check):
    open_plan(page, live_server.url + f"/kaavat/{draft.pk}/")
    expect(page.locator("#current-phase")).to_contain_text("5/6")
    axe_check(page)
    page.locator("#id_text").fill("Kävelykadun varrelle tarvitaan puita ja penkkejä.")
    expect(page.locator("#text-count")).to_contain_text("49")

    corners = [_to_wgs84(200, 300), _to_wgs84(500, 500), _to_wgs84(800, 400)]
    draw_line_by_mouse(page, corners)
    axe_check(page)  # while drawing: Geoman's vertices and hint line are no nameless controls
    page.locator("#draw-finish").click()
    expect(page.locator("#comment-map")).to_have_attribute("data-drawn", "LineString")
    expect(page.locator("#draw-clear")).to_be_visible()
    page.locator("#send-comment").click()

    expect(page).to_have_url(re.compile(rf"/kaavat/{draft.pk}/#comment-\d+$"))
    comment = Comment.objects.get(process=draft)
    assert page.url.endswith(f"#comment-{comment.pk}")
    assert comment.geometry.geom_type == "LineString" and comment.geometry.num_coords == 3
    stored = comment.geometry.transform(4326, clone=True).coords
    for (lon, lat), (x, y) in zip(corners, stored, strict=True):
        assert x == pytest.approx(lon, abs=2e-4) and y == pytest.approx(lat, abs=2e-4)
    item = page.locator(f"#comment-{comment.pk}")
    expect(item).to_contain_text("Kävelykadun varrelle")
    expect(page.locator("#plan-map")).to_have_attribute("data-comments", "1")
    item.get_by_role("button", name=re.compile("Näytä kartalla|Show on map")).click()
    expect(page.locator("#plan-map .leaflet-popup-content")).to_contain_text("Kävelykadun varrelle")
    axe_check(page)


def test_by_keyboard_alone_a_resident_draws_a_line_and_sends_a_comment(page, live_server, draft, axe_check):
    open_plan(page, live_server.url + f"/en/kaavat/{draft.pk}/")
    write_and_draw_a_line_by_keyboard(page, "The crossing needs a safer route for children.")
    page.locator("#send-comment").focus()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(rf"/en/kaavat/{draft.pk}/#comment-\d+$"))
    comment = Comment.objects.get(process=draft)
    assert page.url.endswith(f"#comment-{comment.pk}")
    assert comment.geometry.geom_type == "LineString" and comment.geometry.num_coords == 3
    assert draft.boundary.intersects(comment.geometry)  # drawn inside the plan, at the map's centres
    assert comment.language == "en"
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text("A line on the map")


def test_without_the_map_a_resident_places_a_comment_at_an_area_or_an_address(page, live_server, draft):
    open_plan(page, live_server.url + f"/en/kaavat/{draft.pk}/")
    inside = draft.affected_areas.select_related("area").filter(share_inside__gt=0).first()
    page.locator("#id_text").fill("The park of this area needs lights.")
    page.locator("#id_area").select_option(inside.area.code)
    expect(page.locator("#id_place_2")).to_be_checked()
    page.locator("#send-comment").click()
    expect(page.locator(".comment")).to_have_count(1)
    first = Comment.objects.get()
    expect(page.locator(f"#comment-{first.pk}")).to_be_focused()  # the page opens at the new comment
    assert first.geometry.geom_type == "Point" and inside.area.boundary.intersects(first.geometry)

    page.locator("#id_text").fill("A bench by the freight station, please.")
    page.locator("#id_place_query").fill("Seinäjoki tavara")
    page.locator("#id_place_query").press("Enter")
    result = page.get_by_role("button", name=re.compile("Seinäjoki tavara"))
    expect(result).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#chosen-place")).to_contain_text("Seinäjoki tavara")
    expect(page.locator("#id_place_3")).to_be_checked()
    page.locator("#send-comment").click()
    expect(page.locator(".comment")).to_have_count(2)
    second = Comment.objects.exclude(pk=first.pk).get().geometry.transform(4326, clone=True)
    assert second.x == pytest.approx(22.866289, abs=1e-5)


def test_likes_and_reports_work_in_place_and_the_third_report_hides_the_comment(browser, live_server, draft):
    comment = comment_create(process=draft, text="Tämä kommentti on asiaton.")
    url = live_server.url + f"/en/kaavat/{draft.pk}/"
    for n in range(3):  # three residents, each in a browser of their own
        context = browser.new_context(locale="en-GB", reduced_motion="reduce", extra_http_headers={
            "X-Forwarded-For": f"10.1.0.{n}"}, user_agent=f"Resident {n}")
        context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
        page = context.new_page()
        try:
            page.goto(url)
            item = page.locator(f"#comment-{comment.pk}")
            if n == 0:
                item.get_by_role("button", name="Like").click()
                expect(item.locator(".like-count")).to_have_text("1 like")
                expect(item.locator(".reaction-status")).to_have_text("Thank you: your like was counted.")
                item.get_by_role("button", name="Like").click()
                expect(item.locator(".reaction-status")).to_have_text("You have liked this comment already.")
            item.locator("summary").click()
            item.get_by_role("button", name="Report to the moderators").click()
            if n < 2:
                expect(item.locator(".reaction-status")).to_have_text("Thank you: a moderator will check the comment.")
            else:
                expect(item).to_have_text("Thank you. The comment is hidden until a moderator has checked it.")
                expect(item).to_be_focused()
        finally:
            context.close()
    comment.refresh_from_db()
    assert (comment.like_count, comment.flag_count, comment.status) == (1, 3, CommentStatus.FLAGGED)


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_the_plan_page_passes_axe_with_its_errors_and_reflows_at_320_pixels(browser, live_server, city, axe_check,
                                                                           prefix):
    process = in_phase(Phase.DRAFT)
    comment_create(process=process, text="Pisteellä.", geometry=near_plan(400, 400))
    context = browser.new_context(viewport={"width": 320, "height": 640}, reduced_motion="reduce")
    context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    try:
        open_plan(page, live_server.url + prefix + f"/kaavat/{process.pk}/")
        expect(page.locator("html")).to_have_attribute("lang", prefix.strip("/") or "fi")
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        # Sent empty: the summary takes focus, the error is beside the text.
        page.locator("#send-comment").click()
        expect(page.locator("#error-summary")).to_be_focused()
        expect(page.locator("#id_text-error-1")).to_be_visible()
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        # An area begun but not finished: the error is beside the drawing tools, the text kept.
        page.locator("#id_text").fill("Aukio tähän.")
        page.locator("#draw-polygon").click()
        page.locator("#draw-centre").click()
        page.locator("#send-comment").click()
        expect(page.locator("#error-summary")).to_be_focused()
        expect(page.locator("#id_geometry-error-1")).to_be_visible()
        expect(page.locator("#id_text")).to_have_value("Aukio tähän.")
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        page.goto(live_server.url + prefix + "/kaavat/")
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()
