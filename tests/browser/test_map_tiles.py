"""When the background tiles fail or hang, the map says so in words, and the page still finishes
loading: before, a failed background left a blank grey box, and tiles that hung held the page's load."""

import re
import time

import pytest
from playwright.sync_api import expect

NOTICE = "Taustakarttaa ei voitu ladata."


def test_failed_tiles_are_told_of_in_words(page, live_server, city, axe_check):
    page.goto(live_server.url + "/palaute/")  # the page fixture refuses every tile
    notice = page.locator("#feedback-map .tile-notice")
    expect(notice).to_contain_text(NOTICE)
    expect(notice).to_have_attribute("role", "status")
    axe_check(page)


def test_tiles_that_hang_neither_hold_the_page_nor_go_untold(browser, live_server, city):
    context = browser.new_context(locale="fi-FI", reduced_motion="reduce")
    hanging = []
    context.route("https://tile.openstreetmap.org/**", lambda route: hanging.append(route))  # never answered
    page = context.new_page()
    try:
        started = time.monotonic()
        page.goto(live_server.url + "/alueet/", wait_until="load", timeout=15000)
        assert time.monotonic() - started < 10
        expect(page.locator("#area-map")).to_have_attribute("data-loaded", "26")  # the areas are drawn
        expect(page.locator("#area-map .tile-notice")).to_contain_text(NOTICE, timeout=10000)
        assert hanging  # tiles were asked for, and are still waiting
    finally:
        for route in hanging:
            try:
                route.abort()
            except Exception:  # the page may be gone already
                pass
        context.close()


@pytest.mark.parametrize("path, selector", [("/palaute/uusi/", "#report-map"), ("/palaute/", "#feedback-map")])
def test_every_map_draws_the_city_and_its_areas_without_its_background(page, live_server, city, path, selector):
    page.goto(live_server.url + path)  # no tiles: only the outlines tell where things are
    expect(page.locator(selector)).to_have_attribute("data-outlines", "27")  # the city and its 26 postal areas
    expect(page.locator(f"{selector} path.area-outline-city")).to_have_count(1)
    expect(page.locator(f"{selector} path.area-outline-postal_area")).to_have_count(26)
    if path == "/palaute/uusi/":  # the outlines take no clicks: a click still places the pin
        from tests.browser.test_feedback_report import click_map_at

        expect(page.locator(selector)).to_have_attribute("data-ready", "true")
        click_map_at(page, selector, 22.8565, 62.7823)
        expect(page.locator(selector)).to_have_attribute("data-pin", re.compile(r"^22\.85[5-7]"))


def test_reports_close_together_gather_into_a_circle_that_opens_by_keyboard(page, live_server, city, axe_check):
    from django.contrib.gis.geos import Point

    from geo_feedback.models import Category
    from geo_feedback.services.feedback import feedback_create

    streets = Category.objects.get(service_code="171")
    for index in range(6):  # some 25 metres apart in a row, by the railway station
        feedback_create(category=streets, kind="fault", description=f"Kuoppa numero {index} aseman edessä.",
                        location=Point(22.8565 + index * 0.0005, 62.7823, srid=4326))
    feedback_create(category=Category.objects.get(service_code="304"), kind="idea",
                    description="Kirjastoon lisää iltaaukioloa, kiitos.", location=Point(22.9253, 62.8296, srid=4326))
    page.goto(live_server.url + "/palaute/")
    expect(page.locator("#feedback-map")).to_have_attribute("data-loaded", "7")
    cluster = page.locator("#feedback-map .fb-cluster-icon")
    expect(cluster).to_have_count(1)
    expect(cluster.locator(".fb-cluster")).to_have_text("6")
    expect(cluster).to_contain_text("6 palautetta lähekkäin")  # its name for a screen reader
    single = page.locator("#feedback-map .fb-icon")
    expect(single).to_have_count(1)  # the library's report, alone: a pin without a number
    assert single.locator(".fb-marker").inner_text() == ""
    axe_check(page)
    cluster.focus()
    page.keyboard.press("Enter")  # zooms in until the six come apart (the library's is then out of view)
    expect(page.locator("#feedback-map .fb-icon")).to_have_count(6, timeout=10000)
