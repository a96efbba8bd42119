"""The other staff pages in chromium: axe-core finds no WCAG 2.1 A/AA violation on the desk entry
form (with its errors), the bulk confirmation, the changed-meanwhile page, a read-only ticket and an
overdue department queue; and the reply template and the desk map work."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from city.demo import demo_city_load
from city.models import Department, StaffProfile, StaffRole
from geo_feedback.models import Feedback, ReplyTemplate
from geo_feedback.seed import categories_seed
from geo_feedback.services.feedback import feedback_transition
from geo_feedback.statuses import FeedbackStatus as S
from tests.factories.feedback import FeedbackFactory

PASSWORD = "salasana-testi-123"


@pytest.fixture
def staff(transactional_db):
    demo_city_load()
    categories_seed()
    for username, role, department in (("asiakaspalvelu", StaffRole.CUSTOMER_SERVICE, None),
                                       ("osallisuus", StaffRole.PARTICIPATION_AGENT, "kaupunkiymparisto")):
        user = get_user_model().objects.create_user(username, password=PASSWORD)
        StaffProfile.objects.create(user=user, roles=[role],
                                    department=Department.objects.get(code=department) if department else None)


def sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/henkilosto/kirjaudu/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.locator(".staff-nav")).to_be_visible()


def test_desk_entry_by_map_click_and_its_errors(page, live_server, staff, axe_check):
    base = live_server.url
    sign_in(page, base, "asiakaspalvelu")
    page.goto(base + "/henkilosto/uusi/")
    expect(page.locator("#desk-map")).to_have_attribute("data-ready", "true")
    axe_check(page)
    page.locator("#desk-send").click()  # nothing filled in
    expect(page.locator("#error-summary")).to_be_focused()
    axe_check(page)
    page.locator("label[for=id_channel_1]").click()  # phone
    page.locator("#id_category").select_option("171")
    page.locator("label[for=id_kind_0]").click()  # HDS draws the radio button on its label
    page.locator("#id_description").fill("Asukas soitti: kuoppa aseman edessä on syvä.")
    page.locator("#desk-map").scroll_into_view_if_needed()  # the mouse clicks within the window
    x, y = page.evaluate("() => { const map = document.querySelector('#desk-map').leafletMap;"
                         " map.setView([62.7823, 22.8565], 15, {animate: false});"
                         " const p = map.latLngToContainerPoint([62.7823, 22.8565]); return [p.x, p.y]; }")
    box = page.locator("#desk-map").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    assert float(page.locator("#id_lat").input_value()) == pytest.approx(62.7823, abs=1e-4)
    page.locator("#desk-send").click()
    expect(page.locator("h1")).to_contain_text("SJK-")
    ticket = Feedback.objects.get()
    assert (ticket.channel, ticket.area.code) == ("phone", "60100")


def test_bulk_confirmation_changed_meanwhile_and_reply_template(page, live_server, staff, axe_check):
    base = live_server.url
    tickets = [FeedbackFactory(description=f"Osta halpoja kelloja nyt {n}!") for n in range(2)]
    template = ReplyTemplate.objects.create(status=S.RECEIVED, language="fi", title="Kiitos",
                                            body="Kiitos palautteesta, selvitämme asian.")
    sign_in(page, base, "asiakaspalvelu")
    page.goto(base + "/henkilosto/kasittely/")
    for ticket in tickets:
        page.locator(f"#pick-{ticket.number}").check()
    page.locator("#id_action").select_option("reject")
    page.locator("#bulk-form button[type=submit]").click()
    expect(page.locator("#bulk-tickets li")).to_have_count(2)
    axe_check(page)
    page.locator("button[name=confirm]").click()
    expect(page).to_have_url(base + "/henkilosto/kasittely/")
    assert set(Feedback.objects.values_list("status", flat=True)) == {S.REJECTED}

    ticket = FeedbackFactory()
    page.goto(f"{base}/henkilosto/palaute/{ticket.number}/#reply")  # a link to the action opens it
    expect(page.locator("#reply")).to_have_attribute("open", "")
    page.locator("#reply-template").select_option(str(template.pk))  # JavaScript fills the reply at once
    expect(page.locator("#id_reply-text")).to_have_value(template.body)
    feedback_transition(feedback=ticket, to_status=S.IN_TRIAGE)  # someone else, meanwhile
    page.locator("#reply button.hds-button--primary").click()
    expect(page.locator("#changed-meanwhile")).to_be_focused()
    expect(page.locator("#id_reply-text")).to_have_value(template.body)
    axe_check(page)


def test_a_participation_agent_reads_an_overdue_queue_and_a_ticket(page, live_server, staff, axe_check):
    base = live_server.url
    late = FeedbackFactory()
    feedback_transition(feedback=late, to_status=S.ROUTED)
    Feedback.objects.filter(pk=late.pk).update(created_at=timezone.now() - timedelta(days=30))
    sign_in(page, base, "osallisuus")
    expect(page).to_have_url(base + "/henkilosto/toimiala/")
    expect(page.locator(f"tr[data-number='{late.number}'] .overdue-badge")).to_be_visible()
    axe_check(page)
    page.locator(f"a[href$='/{late.number}/']").first.click()
    expect(page.locator("#read-only-note")).to_be_visible()
    expect(page.locator("form[action*='/henkilosto/palaute/']")).to_have_count(0)
    axe_check(page)


def test_the_summary_page_by_keyboard_with_its_offline_map(page, live_server, staff, axe_check):
    base = live_server.url
    FeedbackFactory.create_batch(3)
    FeedbackFactory(kind="praise", description="Kiitos siististä puistosta ja uusista penkeistä!")
    outside = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith((base, "data:", "about:")) and "tile" not in request.url else None)
    sign_in(page, base, "asiakaspalvelu")
    page.locator(".staff-nav a", has_text="Palauteyhteenveto").click()
    expect(page).to_have_url(base + "/henkilosto/yhteenveto/")
    expect(page.locator("#figure-total")).to_have_text("4")
    expect(page.locator("#figure-praise")).to_have_text("1")
    map_frame = page.frame_locator("iframe.summary-map")
    expect(map_frame.locator(".leaflet-interactive").first).to_be_attached()
    # The frame's own page has a language and a title, and its scale is metric only.
    expect(map_frame.locator("html")).to_have_attribute("lang", "fi")
    frame = page.main_frame.child_frames[0]
    assert frame.title() == "Palautteita 1000 asukasta kohden asuinalueittain"
    expect(map_frame.locator(".leaflet-control-scale-line")).to_have_count(1)
    expect(map_frame.locator(".leaflet-control-scale-line")).to_contain_text(re.compile(r"\d+ k?m"))
    axe_check(page)  # inside the frame too

    # Choose a department by keyboard; the figures follow.
    page.locator("#id_department").focus()
    page.locator("#id_department").select_option("sivistys")
    page.locator("#id_to").press("Enter")
    expect(page).to_have_url(re.compile(r"/henkilosto/yhteenveto/\?department=sivistys&"))
    expect(page.locator("#figure-total")).to_have_text("0")
    assert outside == [], f"the summary page loaded something from outside: {outside}"


def test_the_staff_pages_fit_a_1280_pixel_screen(page, live_server, staff):
    """WCAG 1.4.10 for the staff side: at 1280 CSS pixels no page scrolls sideways; a wide table
    scrolls within its own box (the triage queue once made the page 1710 px wide)."""
    base = live_server.url
    ticket = FeedbackFactory(description="Pitkä kuvaus " * 40, address_text="Hyvin pitkä osoite " * 5)
    FeedbackFactory.create_batch(5)
    sign_in(page, base, "asiakaspalvelu")
    for path in ("/henkilosto/kasittely/", "/henkilosto/toimiala/", "/henkilosto/uusi/", f"/henkilosto/palaute/{ticket.number}/",
                 "/henkilosto/yhteenveto/", f"/henkilosto/haku/?q={ticket.number[:8]}"):
        page.goto(base + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1280, f"{path} is {width} px wide at 1280 px"


def test_desk_entry_finds_the_residents_address_with_the_place_search(page, live_server, staff, fixtures_dir,
                                                                      axe_check):
    import io

    from django.core.management import call_command

    call_command("import_places", str(fixtures_dir / "seinajoki_places_wgs84.csv"), stdout=io.StringIO())
    base = live_server.url
    sign_in(page, base, "asiakaspalvelu")
    page.goto(base + "/henkilosto/uusi/")
    expect(page.locator("#desk-map")).to_have_attribute("data-ready", "true")
    query = page.locator("#desk-place-query")
    query.focus()
    page.keyboard.type("sevontie 4")  # as the resident said it on the phone
    page.keyboard.press("Enter")  # searches; does not send the form
    result = page.locator("#desk-place-results button.place-result").first
    expect(result).to_be_focused()
    expect(result).to_contain_text("Sevontie 4")
    axe_check(page)
    page.keyboard.press("Enter")
    expect(page.locator("#id_lat")).to_have_value("62.737052")
    expect(page.locator("#id_lon")).to_have_value("22.818821")
    expect(page.locator("#id_address")).to_have_value(re.compile(r"^Sevontie 4"))
    expect(page.locator("#desk-map-status")).to_contain_text("62.737052")
    expect(page.locator("#error-summary")).to_have_count(0)  # nothing was sent
