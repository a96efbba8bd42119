"""A resident reports a fault in Debian's chromium: by a click on the map, and by keyboard alone
with the place search, a photo carrying GPS data, and a nearby duplicate suggested first."""

import io
import json
import re

import pytest
from django.contrib.gis.geos import Point
from PIL import Image
from playwright.sync_api import expect

from geo_feedback.models import Category, Feedback, FeedbackPhoto
from geo_feedback.services.feedback import feedback_create

PRIVATE = ("Maija Meikäläinen", "maija.meikalainen@example.fi", "040 765 4321")
SEVONTIE_4 = (22.8188208, 62.7370517)  # a street address in the place fixture


def click_map_at(page, selector: str, lon: float, lat: float) -> None:
    # Centre the map on the point at street zoom, as a resident would before clicking.
    x, y = page.evaluate(
        "([selector, lat, lon]) => { const map = document.querySelector(selector).leafletMap;"
        " map.setView([lat, lon], 15, {animate: false});"
        " const p = map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
        [selector, lat, lon],
    )
    box = page.locator(selector).bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def jpeg_with_gps() -> bytes:
    """A small JPEG whose EXIF says where it was taken (62°44'13"N 22°49'7"E) and with what."""
    exif = Image.Exif()
    exif[0x010F] = "Kamera Oy"  # Make
    exif[0x0110] = "Taskukamera 3000"  # Model
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (62.0, 44.0, 13.0), 3: "E", 4: (22.0, 49.0, 7.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(buffer, "JPEG", exif=exif)
    data = buffer.getvalue()
    with Image.open(io.BytesIO(data)) as check:  # the test photo really carries GPS
        assert check.getexif().get_ifd(0x8825)[2] == (62.0, 44.0, 13.0)
    return data


def assert_no_contact_details(text: str, where: str) -> None:
    for secret in (*PRIVATE, "Meikäläinen", "meikalainen"):
        assert secret not in text, f"{secret!r} appears in {where}"


def fill_description(page, text: str) -> None:
    page.locator("#id_description").fill(text)
    expect(page.locator("#description-count")).to_contain_text(str(len(text)))


def test_a_pin_placed_by_clicking_the_map_files_a_report(page, live_server, city, axe_check):
    page.goto(live_server.url + "/palaute/uusi/")
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.locator("#report-map")).to_have_attribute("data-ready", "true")
    page.locator("#id_category").select_option("179")  # street lighting
    page.locator("label[for=id_kind_0]").click()  # HDS draws the radio button on its label  # fault
    # Seinäjoki's railway station: postal area 60100, Seinäjoki Keskus.
    click_map_at(page, "#report-map", 22.8565, 62.7823)
    pin = page.locator("#report-map").get_attribute("data-pin")
    lon, lat = map(float, pin.split(","))
    assert lon == pytest.approx(22.8565, abs=1e-4) and lat == pytest.approx(62.7823, abs=1e-4)
    expect(page.locator("#chosen-place")).to_contain_text("62.78")
    # The pin can be dragged: drop it a little to the east.
    marker = page.locator("#report-map .leaflet-marker-icon")
    box = marker.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] - 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 40, box["y"] + box["height"] - 2, steps=5)
    page.mouse.up()
    expect(page.locator("#report-map")).not_to_have_attribute("data-pin", pin)
    dragged = page.locator("#report-map").get_attribute("data-pin")
    axe_check(page)

    # Sent too soon: the error summary takes focus, links to the field, and the pin stays put.
    page.locator("#send-button").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(page.locator("#report-map")).to_have_attribute("data-pin", dragged)
    expect(page.locator("#id_category")).to_have_value("179")
    axe_check(page)
    summary.locator("a[href='#id_description']").click()
    expect(page.locator("#id_description")).to_be_focused()
    fill_description(page, "Katuvalo ei pala aseman edessä, pimeää illalla.")
    page.locator("#send-button").click()

    expect(page).to_have_url(live_server.url + "/palaute/kiitos/")
    number = page.locator("#feedback-number").inner_text()
    feedback = Feedback.objects.get(number=number)
    assert feedback.category.service_code == "179" and feedback.channel == "web" and feedback.language == "fi"
    assert feedback.area.code == "60100"
    assert feedback.location.transform(4326, clone=True).x > 22.8565 + 1e-4  # the drag moved it east
    axe_check(page)


def test_by_keyboard_alone_a_resident_finds_the_address_supports_a_duplicate_and_sends_a_photo(
    page, live_server, city, axe_check, tmp_path
):
    # An open report of the same topic some 40 metres from the address the resident will search.
    earlier = feedback_create(
        category=Category.objects.get(service_code="171"), kind="fault",
        description="Syvä kuoppa Sevontiellä talon 4 kohdalla",
        location=Point(SEVONTIE_4[0] + 0.0005, SEVONTIE_4[1] + 0.0001, srid=4326),
    ).feedback

    page.goto(live_server.url + "/palaute/uusi/")
    expect(page.locator("#report-map")).to_have_attribute("data-ready", "true")
    page.locator("#id_category").focus()
    page.locator("#id_category").select_option("171")  # street condition
    page.keyboard.press("Tab")  # into the kind radio group: the first choice, fault
    page.keyboard.press("Space")
    expect(page.locator("#id_kind_0")).to_be_checked()

    search = page.locator("#id_place_query")
    search.focus()
    page.keyboard.type("Sevontie")
    page.keyboard.press("Enter")
    result = page.get_by_role("button", name="Sevontie 4")
    expect(result).to_be_focused()  # focus moves to the first result, ready to choose
    page.keyboard.press("Enter")
    expect(page.locator("#chosen-place")).to_be_focused()
    expect(page.locator("#chosen-place")).to_contain_text("Sevontie 4")
    assert page.locator("#id_lon").input_value() == "22.818821"

    # The open report nearby is offered before a duplicate is filed.
    nearby = page.locator("#nearby")
    expect(nearby).to_be_visible()
    item = page.locator(f"#nearby-list li[data-number='{earlier.number}']")
    expect(item).to_contain_text(earlier.number)
    expect(item.locator(".count-word")).to_have_text("tukijaa")  # 0 tukijaa
    expect(page.locator("#report-map path.leaflet-interactive")).to_have_count(1)  # and it is on the map
    axe_check(page)
    page.locator("#nearby-email").focus()
    page.keyboard.type("naapuri@example.fi")
    me_too = item.get_by_role("button", name=f"Minäkin: {earlier.number}")
    me_too.focus()
    page.keyboard.press("Enter")
    # The confirmation takes the button's place and its focus (not the page's body), in Finnish.
    expect(item.locator(".supported")).to_have_text("Kiitos, tukesi on laskettu.")
    expect(item.locator(".supported")).to_be_focused()
    expect(item.locator(".count")).to_have_text("1")
    expect(item.locator(".count-word")).to_have_text("tukija")  # 1 tukija, 0 or 2 tukijaa (ngettext)
    earlier.refresh_from_db()
    assert earlier.supporter_count == 1
    assert earlier.followers.get().email == "naapuri@example.fi"

    # The resident's own report is different after all: it goes in too, with a photo.
    page.locator("#id_description").focus()
    page.keyboard.type("Toinen kuoppa pyörätien puolella, reuna murentunut.")
    page.locator("#id_photos").set_input_files(
        files=[{"name": "kuoppa.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}]
    )
    page.locator("#id_name").fill(PRIVATE[0])
    page.locator("#id_email").fill(PRIVATE[1])
    page.locator("#id_phone").fill(PRIVATE[2])
    page.locator("#send-button").focus()
    page.keyboard.press("Enter")

    expect(page).to_have_url(live_server.url + "/palaute/kiitos/")
    number = page.locator("#feedback-number").inner_text()
    feedback = Feedback.objects.get(number=number)
    assert number.startswith("SJK-") and feedback.address_text == "Sevontie 4"
    expect(page.locator("#follow-link")).to_have_attribute(
        "href", f"{live_server.url}/palaute/seuraa/{feedback.follow_token}/"
    )
    axe_check(page)

    # The stored photo carries no EXIF at all: no GPS, no camera.
    photo = FeedbackPhoto.objects.get(feedback=feedback)
    with Image.open(photo.image.path) as stored:
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info

    # The report is on the public map and in the list beside it.
    page.goto(live_server.url + "/palaute/")
    row = page.locator(f"tr[data-number='{number}']")
    expect(row).to_be_visible()
    map_box = page.locator("#feedback-map")
    expect(map_box).to_have_attribute("data-loaded", "2")  # this report and the one it resembled
    row.get_by_role("button").click()
    expect(page.locator(".leaflet-popup-content")).to_contain_text(number)
    axe_check(page)
    public_pages = {"/palaute/": page.content()}

    page.goto(live_server.url + f"/palaute/{number}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)
    expect(page.locator(".description")).to_contain_text("Toinen kuoppa")
    axe_check(page)
    public_pages[f"/palaute/{number}/"] = page.content()

    for path in ["/en/palaute/", f"/sv/palaute/{number}/", f"/api/v1/feedback/{number}/",
                 "/api/v1/feedback/?bbox=22,62,24,63"]:
        public_pages[path] = page.request.get(live_server.url + path).text()
    for path, text in public_pages.items():
        assert number in text, path
        assert_no_contact_details(text, path)


def test_the_public_pages_pass_axe_in_swedish_and_english(page, live_server, city, axe_check):
    feedback = feedback_create(
        category=Category.objects.get(service_code="174"), kind="praise",
        description="Kiitos uusista penkeistä puistossa!", location=Point(22.9123, 62.8267, srid=4326),
    ).feedback
    for prefix in ("/sv", "/en"):
        page.goto(live_server.url + prefix + "/palaute/")
        expect(page.locator("#feedback-map")).to_have_attribute("data-loaded", "1")
        axe_check(page)
        page.goto(live_server.url + prefix + f"/palaute/{feedback.number}/")
        expect(page.locator(".praise")).to_be_visible()
        axe_check(page)
        page.goto(live_server.url + prefix + "/palaute/uusi/")
        axe_check(page)
    # The filters drive the map too: a topic with no reports shows none.
    page.goto(live_server.url + "/en/palaute/?category=171")
    expect(page.locator("#feedback-map")).to_have_attribute("data-loaded", "0")
    assert json.loads(page.request.get(live_server.url + "/api/v1/feedback/?category=174").text())["features"]


def test_a_category_name_with_markup_is_shown_as_text_in_the_nearby_tooltip(page, live_server, city):
    # Staff name categories in the admin; a name is text, never markup (it was put into the tooltip raw).
    Category.objects.filter(service_code="171").update(name_fi='Katu <img src=x id="injected">')
    feedback_create(category=Category.objects.get(service_code="171"), kind="fault",
                    description="Syvä kuoppa Sevontiellä talon 4 kohdalla",
                    location=Point(SEVONTIE_4[0] + 0.0005, SEVONTIE_4[1] + 0.0001, srid=4326))
    page.goto(live_server.url + "/palaute/uusi/")
    expect(page.locator("#report-map")).to_have_attribute("data-ready", "true")
    page.locator("#id_category").select_option("171")
    page.locator("#id_place_query").fill("Sevontie")
    page.locator("#id_place_query").press("Enter")
    page.get_by_role("button", name="Sevontie 4").click()
    marker = page.locator("#report-map path.leaflet-interactive")
    expect(marker).to_have_count(1)
    marker.dispatch_event("mouseover")  # the resident's own pin lies on top of it
    expect(page.locator(".leaflet-tooltip")).to_contain_text('Katu <img src=x id="injected">')
    expect(page.locator("#injected")).to_have_count(0)


@pytest.mark.parametrize("prefix", ["", "/sv", "/en"])
def test_the_public_pages_reflow_at_320_pixels(browser, live_server, city, prefix):
    """WCAG 1.4.10: at 320 CSS pixels nothing scrolls sideways. The list of reports scrolls within
    its own panel; the page around it does not (a visually hidden header cell once widened it)."""
    feedback = feedback_create(
        category=Category.objects.get(service_code="174"), kind="praise",
        description="Kiitos uusista penkeistä puistossa!", location=Point(22.9123, 62.8267, srid=4326),
    ).feedback
    context = browser.new_context(viewport={"width": 320, "height": 640}, reduced_motion="reduce")
    context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    try:
        for path in ("/", "/palaute/", "/palaute/uusi/", f"/palaute/{feedback.number}/", "/alueet/",
                     "/saavutettavuus/", "/tietosuoja/"):
            page.goto(live_server.url + prefix + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{prefix + path} is {width} px wide at 320 px"
    finally:
        context.close()


def test_by_keyboard_alone_the_pin_is_placed_and_moved_on_the_map(page, live_server, city, axe_check):
    """WCAG 2.1.1: the place can be marked on the map without a mouse and without the search: the
    map pans with the arrow keys, a button drops the pin at its centre, the focused pin moves with
    the arrow keys, and each place is announced."""
    page.goto(live_server.url + "/palaute/uusi/")
    expect(page.locator("#report-map")).to_have_attribute("data-ready", "true")
    page.locator("#id_category").select_option("179")
    page.locator("label[for=id_kind_0]").click()  # HDS draws the radio button on its label
    page.locator("#report-map").focus()
    start = page.evaluate("document.querySelector('#report-map').leafletMap.getCenter().lng")
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # the map pans east
    page.evaluate("() => new Promise(done => { const map = document.querySelector('#report-map').leafletMap;"
                  " const pan = map._panAnim; if (pan && pan._inProgress) { map.once('moveend', done); }"
                  " else { done(); } })")  # the last press's pan has ended
    assert page.evaluate("() => document.querySelector('#report-map').leafletMap.getCenter().lng") > start
    for _ in range(6):  # past the map's zoom buttons and attribution links
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "pin-centre":
            break
    expect(page.locator("#pin-centre")).to_be_focused()
    expect(page.locator("#report-map")).to_have_class(re.compile("show-centre"))  # where the pin will go
    page.keyboard.press("Enter")
    placed = page.locator("#report-map").get_attribute("data-pin")
    centre = page.evaluate("(() => { const c = document.querySelector('#report-map').leafletMap.getCenter();"
                           " return [c.lng, c.lat]; })()")
    lon, lat = map(float, placed.split(","))
    assert (lon, lat) == (pytest.approx(centre[0], abs=1e-5), pytest.approx(centre[1], abs=1e-5))
    expect(page.locator("#chosen-place")).to_contain_text(f"{lat:.5f}")  # announced (aria-live)
    axe_check(page)

    pin = page.locator("#report-map .leaflet-marker-icon")
    pin.focus()
    expect(pin).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    moved = page.locator("#report-map").get_attribute("data-pin")
    moved_lon, moved_lat = map(float, moved.split(","))
    assert moved_lat > lat and moved_lon == pytest.approx(lon, abs=1e-5)  # north, not east or west
    expect(page.locator("#chosen-place")).to_contain_text(f"{moved_lat:.5f}")
    expect(pin).to_be_focused()  # the pin keeps focus while it moves

    fill_description(page, "Katuvalo vilkkuu koko yön, kohta merkitty kartalle näppäimistöllä.")
    page.locator("#send-button").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/palaute/kiitos/")
    feedback = Feedback.objects.get(number=page.locator("#feedback-number").inner_text())
    stored = feedback.location.transform(4326, clone=True)
    assert (stored.x, stored.y) == (pytest.approx(moved_lon, abs=1e-6), pytest.approx(moved_lat, abs=1e-6))
