"""A resident opens the area map, reads the list, and clicks an area on the map."""

import pytest
from playwright.sync_api import expect

from city.demo import demo_city_load


@pytest.fixture
def demo_city(transactional_db):
    demo_city_load()


def click_map_at(page, lon: float, lat: float) -> None:
    # Centre the map on the point at street zoom, as a resident would before clicking.
    x, y = page.evaluate(
        "([lat, lon]) => { const map = document.getElementById('area-map').leafletMap;"
        " map.setView([lat, lon], 14, {animate: false});"
        " const p = map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
        [lat, lon],
    )
    box = page.locator("#area-map").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def test_map_page_lists_the_areas_and_a_click_on_the_map_tells_about_the_area(
    page, live_server, demo_city, axe_check
):
    page.goto(live_server.url + "/alueet/")
    expect(page).to_have_title("Asuinalueet – Osallistu Seinäjoella")
    rows = page.locator("table.area-table tbody tr")
    expect(rows).to_have_count(26)
    nurmo = page.locator("tr[data-area-code='60550']")
    expect(nurmo).to_contain_text("Nurmo Keskus")
    expect(nurmo).to_contain_text("Itäinen alue")
    expect(page.locator("#area-map")).to_have_attribute("data-loaded", "26")

    # Seinäjoki's railway station lies in the centre's postal area, 60100.
    click_map_at(page, 22.8565, 62.7823)
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Seinäjoki Keskus")
    expect(popup).to_contain_text("Läntinen alue")
    expect(popup).to_contain_text("arvio")
    expect(page.locator("#area-details")).to_contain_text("Seinäjoki Keskus")
    expect(page.locator("tr[data-area-code='60100']")).to_have_class("is-selected")
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")
    axe_check(page)


def test_every_area_is_reachable_by_keyboard_from_the_list(page, live_server, demo_city):
    page.goto(live_server.url + "/alueet/")
    expect(page.locator("#area-map")).to_have_attribute("data-loaded", "26")
    button = page.get_by_role("button", name="Näytä kartalla: Nurmo Keskus")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#area-details")).to_contain_text("Nurmo Keskus")
    expect(page.locator("#area-details")).to_contain_text("Itäinen alue")


@pytest.mark.parametrize(
    "path, language, heading",
    [("/sv/alueet/", "sv", "Bostadsområden"), ("/en/alueet/", "en", "Residential areas")],
)
def test_swedish_and_english_pages(page, live_server, demo_city, axe_check, path, language, heading):
    page.goto(live_server.url + path)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("#area-map")).to_have_attribute("data-loaded", "26")
    axe_check(page)
