"""The site's own pages in Debian's chromium: the home page answers "what can I do here?" with a
place search as the first step, every page's footer leads to the accessibility statement and the
privacy notice, the statement's feedback link opens the form on its own topic, and on a phone
the menu folds behind a button that works by keyboard."""

import pytest
from playwright.sync_api import expect


def test_the_home_page_starts_a_report_with_the_place(page, live_server, city, axe_check):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Osallistu Seinäjoella")
    axe_check(page)
    search = page.get_by_label("Katu tai paikka")
    search.focus()
    page.keyboard.type("sevontie 4")  # lower case, as people type
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/palaute/uusi/?place_query=sevontie+4")
    expect(page.locator("#id_place_query")).to_have_value("sevontie 4")
    expect(page.locator("#place-results")).to_contain_text("Sevontie 4")
    axe_check(page)


@pytest.mark.parametrize("prefix, statement, privacy", [
    ("", "Saavutettavuusseloste", "Tietosuojaseloste: asukkaiden palaute"),
    ("/sv", "Tillgänglighetsutlåtande", "Dataskyddsbeskrivning: invånarnas respons"),
    ("/en", "Accessibility statement", "Privacy notice: residents' feedback"),
])
def test_every_page_leads_to_the_statement_and_the_notice(page, live_server, city, axe_check, prefix, statement,
                                                          privacy):
    for path in ("/", "/palaute/", "/palaute/uusi/", "/alueet/", "/henkilosto/kirjaudu/"):
        page.goto(live_server.url + prefix + path)
        expect(page.locator("#footer-accessibility")).to_be_visible()
        expect(page.locator("#footer-privacy")).to_be_visible()
    page.locator("#footer-accessibility").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(statement)
    expect(page.locator("main")).to_contain_text("saavutettavuus@avi.fi")
    axe_check(page)
    page.locator("#accessibility-feedback").click()  # the feedback channel: the form, on its own topic
    expect(page.locator("#id_category")).to_have_value("901")
    page.goto(live_server.url + prefix + "/")
    page.locator("#footer-privacy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(privacy)
    axe_check(page)


def test_on_a_phone_the_menu_folds_and_opens_by_keyboard(browser, live_server, city, axe_check):
    context = browser.new_context(locale="fi-FI", viewport={"width": 360, "height": 740}, reduced_motion="reduce")
    context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        toggle = page.locator("#menu-toggle")
        expect(toggle).to_be_visible()
        expect(toggle).to_have_attribute("aria-expanded", "false")
        menu_link = page.locator("#site-menu").get_by_role("link", name="Palautteet kartalla")
        expect(menu_link).to_be_hidden()
        toggle.focus()
        page.keyboard.press("Enter")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(menu_link).to_be_visible()
        axe_check(page)
        page.keyboard.press("Escape")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(toggle).to_be_focused()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()


def test_a_radio_button_focused_by_keyboard_shows_the_focus_ring(page, live_server, city):
    """HDS marks a focused radio button only by a darker border; ours adds the 3 px focus ring."""
    page.goto(live_server.url + "/palaute/uusi/")
    page.locator("#id_category").focus()
    page.keyboard.press("Tab")
    expect(page.locator("#id_kind_0")).to_be_focused()
    ring_of = "getComputedStyle(document.querySelector('label[for=id_kind_0]'), '::before').boxShadow"
    page.wait_for_function(f"() => {ring_of}.endsWith(' 3px')", timeout=2000)  # after HDS's 85 ms transition
    ring = page.evaluate(ring_of)
    focus_colour = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--sjk-sky').trim()")
    assert focus_colour == "#0067b1" and "rgb(0, 103, 177) 0px 0px 0px 3px" in ring, ring
