"""Issue #15's "done when", in Debian's chromium: a resident joins a panel on its page choosing the area
they live in and confirms by the link in the email; a planner moves a plan whose area meets theirs
into phase 5, is offered the panel with the one member it would reach, counts and sends the
invitation; the resident's email holds it with the plan's link, and its stop link takes them out with
one press of a button; a second invitation then reaches nobody. axe finds nothing on the staff's
panel pages in three languages, and they reflow at 320 px."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from city.models import StaffRole
from planning.models import Panel, PanelKind, PanelMember, PanelMessage, Phase
from planning.panel_selectors import residential_areas
from planning.services.panel_messages import panel_message_send
from tests.browser.test_plan_staff import planner_sign_in
from tests.factories import jobs_run
from tests.factories.panel_messages import member_make
from tests.factories.processes import near_plan, process_make, process_walk, staff

LINK = re.compile(r"https?://\S+")


@pytest.fixture
def world(city, mail_queue, settings, live_server):
    """The demo city, a resident panel, a planner and their plan in phase 4 over the centre's square;
    emails link to the live server."""
    settings.SITE_URL = live_server.url
    planner = staff("kaavoittaja", StaffRole.PLANNER)
    plan = process_walk(process_make(planners=[planner], name_fi="Asemanseudun kortteli"), Phase.GOALS)
    panel = Panel.objects.create(slug="keskustan-paneeli", kind=PanelKind.GROUP, name_fi="Keskustan asukaspaneeli",
                                 name_en="Centre residents' panel",
                                 description_fi="Asukkaat kommentoivat keskustan suunnitelmia.")
    home = residential_areas().filter(boundary__intersects=near_plan()).order_by("code").first()
    return {"planner": planner, "plan": plan, "panel": panel, "home": home}


def _links(body: str, part: str) -> list[str]:
    return [link for link in LINK.findall(body) if part in link]


def test_join_confirm_receive_the_plan_invitation_and_leave_with_one_click(page, live_server, world, axe_check):
    base, plan, panel, home = live_server.url, world["plan"], world["panel"], world["home"]

    # The resident joins on the panel's page, choosing the area they live in.
    page.goto(f"{base}/paneelit/{panel.slug}/")
    page.locator("#id_email").fill("asukas@example.fi")
    group = page.locator("details.area-group", has=page.locator(f"#id_areas_{home.pk}"))
    group.locator("summary").click()
    page.locator(f"label[for=id_areas_{home.pk}]").click()
    expect(page.locator(f"#id_areas_{home.pk}")).to_be_checked()
    page.locator("#panel-join-submit").click()
    expect(page).to_have_url(re.compile(r"/tarkista-sahkoposti/$"))

    # The confirmation link from the email itself.
    jobs_run()
    [confirmation] = mail.outbox
    [confirm_url] = _links(confirmation.body, "/paneelit/vahvista/")
    page.goto(confirm_url)
    page.locator("#panel-confirm-form button").click()
    expect(page.locator("#panel-confirmed")).to_be_visible()
    member = PanelMember.objects.get(panel=panel)
    assert member.confirmed_at is not None and list(member.areas.all()) == [home]
    mail.outbox.clear()

    # The planner moves the plan into phase 5 and lands on the offer of panels.
    planner_sign_in(page, base, "kaavoittaja", "/en")
    page.goto(f"{base}/en/henkilosto/kaavat/{plan.pk}/")
    page.locator("#phase-forward-button").click()
    expect(page.locator("#staff-messages")).to_contain_text("phase 5")
    expect(page).to_have_url(re.compile(r"#panel-offers$"))
    offers = page.locator("#panel-offers")
    row = offers.locator("tr", has_text="Centre residents' panel")  # the page's language
    expect(row.locator("td.num")).to_have_text(["1", "0", "1"])  # one member in the area, none city-wide
    axe_check(page)
    row.get_by_role("link", name=re.compile("Invite")).click()

    # The compose page, prefilled for the plan: count first, then send.
    expect(page).to_have_url(re.compile(rf"/henkilosto/paneelit/{panel.slug}/kirjoita/\?process={plan.pk}$"))
    expect(page.locator("#id_kind_0")).to_be_checked()
    expect(page.locator("#id_process")).to_have_value(str(plan.pk))
    expect(page.locator("#id_subject")).to_have_value(re.compile("Asemanseudun kortteli"))
    axe_check(page)
    page.locator("#count-button").click()
    expect(page.locator("#recipient-count")).to_contain_text("would reach 1 member")
    assert not PanelMessage.objects.exists()
    page.locator("#id_body").fill("Kaavaluonnos on nähtävillä: kerro mielipiteesi kartalla.")
    page.locator("#send-button").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#staff-messages")).to_contain_text("on its way to 1 member.")
    expect(page.locator("#delivery-recipients")).to_have_text("1")
    expect(page.locator("#delivery-queued")).to_contain_text("1")
    axe_check(page)

    # The invitation reaches the resident with the plan's link and their way out.
    jobs_run()
    [invitation] = mail.outbox
    assert invitation.to == ["asukas@example.fi"]
    assert "Kaavaluonnos on nähtävillä" in invitation.body
    assert f"{base}/kaavat/{plan.pk}/" in invitation.body
    page.reload()
    expect(page.locator("#delivery-sent")).to_have_text("1")

    # One click from the email's stop link, on the resident's side (the staff session signed out).
    page.context.clear_cookies()
    [stop_url] = _links(invitation.body, "/paneelit/eroa/")
    page.goto(stop_url)
    page.locator("#panel-leave-form button").click()
    expect(page.locator("#panel-left")).to_be_visible()
    assert not PanelMember.objects.filter(panel=panel).exists()

    # A second invitation reaches nobody.
    mail.outbox.clear()
    second = panel_message_send(panel=panel, kind="plan_comments", subject="Muistutus", body="Viimeinen viikko.",
                                process=plan, actor=world["planner"])
    assert second.recipient_count == 0
    jobs_run()
    assert mail.outbox == []


@pytest.mark.parametrize("prefix", ["", "/sv", "/en"])
def test_the_staff_panel_pages_pass_axe_and_reflow_at_320_pixels(browser, live_server, world, axe_check, prefix):
    """The list, a panel, the compose page (with a count, and sent with errors) and a message, in every
    language at 320 px: a participation agent's phone."""
    from tests.browser.test_proposals import sign_in

    panel, plan = world["panel"], world["plan"]
    member_make(panel, "asukas@example.fi", areas=[world["home"]])
    agent = staff("osallisuus", StaffRole.PARTICIPATION_AGENT)
    message = panel_message_send(panel=panel, kind="newsletter", subject="Uutiskirje", body="Kevään kuulumiset.",
                                 actor=agent)
    context = browser.new_context(viewport={"width": 320, "height": 640}, reduced_motion="reduce")
    page = context.new_page()

    def fits(path: str) -> None:
        expect(page.locator("html")).to_have_attribute("lang", prefix.strip("/") or "fi")
        axe_check(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width} px wide at 320 px"

    try:
        sign_in(page, live_server, agent)
        staff_base = f"{live_server.url}{prefix}/henkilosto/paneelit/"
        for path in ("", f"?process={plan.pk}", f"{panel.slug}/", f"{panel.slug}/kirjoita/",
                     f"{panel.slug}/kirjoita/?process={plan.pk}", f"{panel.slug}/viestit/{message.pk}/"):
            response = page.goto(staff_base + path)
            assert response.status == 200, (path, response.status)
            fits(path)
        page.goto(staff_base + f"{panel.slug}/kirjoita/")
        home = page.locator("#panel-compose").get_by_label(world["home"].name(prefix.strip("/") or "fi"), exact=True)
        home.check()  # an area ticked: its one member
        page.locator("#count-button").click()
        expect(page.locator("#recipient-count")).to_contain_text("1")
        expect(home).to_be_checked()  # kept for the send
        fits("count")
        page.locator("#send-button").click()  # nothing chosen or written: errors by field
        expect(page.locator(".error-message").first).to_be_visible()
        fits("errors")
        assert PanelMessage.objects.count() == 1
    finally:
        context.close()
