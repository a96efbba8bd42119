"""A resident reaches an area's page without the map: by keyboard from the list of the residential
areas (/alueet/) and by an address search there, and by mouse from the map's popup; the page shows
the area's boundary and meeting places on a small map and lists the same places beside it, so that
with script off (or a screen reader skipping the map) nothing is lost; at 320 px nothing scrolls
sideways, and the page passes axe."""

import re

import pytest
from playwright.sync_api import expect

from city.community_demo import demo_community_load


@pytest.fixture
def directory(city):
    demo_community_load()


def _tab_to_link(page, href_end: str, limit: int = 200) -> None:
    """Press Tab until a link whose address ends with ``href_end`` has the focus."""
    for _press in range(limit):
        href = page.evaluate("document.activeElement && document.activeElement.getAttribute('href')")
        if href and href.endswith(href_end):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached a link to …{href_end}")


def _tab_to(page, element_id: str, limit: int = 60) -> None:
    for _press in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def _the_ylistaro_page(page) -> None:
    expect(page).to_have_url(re.compile(r".*/en/osallistumiskartta/alue/61400/$"))
    expect(page.locator("h1")).to_have_text("Ylistaro Centre")
    places = page.locator("#area-places")
    expect(places).to_contain_text("Ylistaron kylätalo (esimerkki)")
    expect(places).to_contain_text("Avain noudetaan Ylistaron kirjastosta")
    expect(page.locator("#area-channels")).to_contain_text("Ylistaron kylät (esimerkki)")
    area_map = page.locator("#area-map")
    expect(area_map).to_be_visible()
    expect(area_map).to_have_attribute("data-markers", "1")
    expect(page.locator("#area-map .leaflet-marker-icon")).to_have_count(1)


def test_a_keyboard_user_reaches_an_area_page_from_the_list_of_areas(page, live_server, directory, axe_check):
    page.goto(f"{live_server.url}/en/alueet/")
    expect(page.locator("#area-map")).to_have_attribute("data-loaded", "26")
    _tab_to_link(page, "/osallistumiskartta/alue/61400/")
    expect(page.locator(":focus")).to_have_text("Ylistaro Centre")
    page.keyboard.press("Enter")
    _the_ylistaro_page(page)
    axe_check(page)
    # The marker is reached by Tab too, and its popup leads to the place in the list.
    marker = page.locator("#area-map .leaflet-marker-icon")
    marker.focus()
    page.keyboard.press("Enter")
    popup_link = page.locator("#area-map .leaflet-popup a[href^='#meeting-place-']")
    expect(popup_link).to_have_text("Ylistaron kylätalo (esimerkki)")


def test_an_address_search_on_the_area_map_leads_to_the_area_page(page, live_server, directory):
    page.goto(f"{live_server.url}/en/alueet/")
    _tab_to(page, "area-address")
    page.keyboard.type("61400")  # a postal code, as a resident knows it
    page.keyboard.press("Enter")
    results = page.locator("#area-address-results")
    expect(results).to_contain_text("Ylistaro Centre")
    _tab_to_link(page, "/osallistumiskartta/alue/61400/")
    page.keyboard.press("Enter")
    _the_ylistaro_page(page)


def test_the_map_popup_links_the_area_page(page, live_server, directory):
    page.goto(f"{live_server.url}/en/alueet/")
    expect(page.locator("#area-map")).to_have_attribute("data-loaded", "26")
    page.locator("tr[data-area-code='61400'] button.show-on-map").click()
    link = page.locator("#area-details a.area-page-link")
    expect(link).to_have_text("Ylistaro Centre: the area's own page")
    page.locator("#area-map .leaflet-popup a.area-page-link").click()
    _the_ylistaro_page(page)


def test_the_planning_maps_address_search_leads_to_the_area_page(page, live_server, directory):
    page.goto(f"{live_server.url}/en/osallistumiskartta/")
    expect(page.locator("#participation-map")).to_have_attribute("data-ready", "true")
    _tab_to(page, "place-query")
    page.keyboard.type("61400")
    page.keyboard.press("Enter")
    expect(page.locator("#place-results button.place-result").first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#panel-body #area-facts-title")).to_have_text("Ylistaro Centre")
    expect(page.locator("#panel-body #area-places")).to_contain_text("Ylistaron kylätalo (esimerkki)")
    _tab_to_link(page, "/en/osallistumiskartta/alue/61400/")
    page.keyboard.press("Enter")
    _the_ylistaro_page(page)


def test_without_script_the_meeting_places_are_all_there_in_words(browser, live_server, directory):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/en/osallistumiskartta/alue/61400/")
        expect(page.locator("#area-map")).to_be_hidden()
        place = page.locator("#area-places li").first
        for text in ("Ylistaron kylätalo (esimerkki)", "Esimerkkitie 2, 61400 Ylistaro", "80 people",
                     "Yes: a wheelchair user gets in", "Book Ylistaron kylätalo (esimerkki)",
                     "Avain noudetaan Ylistaron kirjastosta"):
            expect(place).to_contain_text(text)
        expect(place.locator("a")).to_have_attribute("href", "https://example.org/seinajoki-demo/ylistaro/varaa/")
        page.goto(f"{live_server.url}/en/osallistumiskartta/alue/61440/")
        expect(page.locator("#area-places-none")).to_have_text("No meeting places have been listed for this area yet.")
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/en/osallistumiskartta/alue/61400/", "/osallistumiskartta/alue/60100/",
                                  "/sv/osallistumiskartta/alue/61440/", "/en/alueet/?osoite=61400"])
def test_the_area_pages_fit_320_px_and_pass_axe(browser, live_server, directory, axe_check, path):
    context = browser.new_context(viewport={"width": 320, "height": 800}, reduced_motion="reduce")
    context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto(live_server.url + path)
        if "alue/" in path:
            expect(page.locator("#area-map")).to_have_attribute("data-loaded", "true")
        axe_check(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width} px wide at 320 px"
    finally:
        context.close()
