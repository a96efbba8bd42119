"""A resident joins a panel by keyboard alone, confirms by the link read from the queued email, changes
their choices on their own-data page and leaves the panel; axe finds nothing on any of the pages."""

from __future__ import annotations

import re

from django.conf import settings
from playwright.sync_api import expect

from city.models import Notification
from planning.models import PanelMember
from planning.panel_selectors import residential_areas
from tests.planning.test_panels import panel_make, topic


def _emailed_path(kind: str, name: str) -> str:
    body = Notification.objects.filter(kind=kind).latest("id").body
    match = re.search(rf"{re.escape(settings.SITE_URL)}(\S*/paneelit/{name}/[\w-]+/)", body)
    assert match, body
    return match.group(1)


def test_join_by_keyboard_confirm_change_and_leave(page, live_server, city, axe_check):
    traffic, culture = topic("liikenne", "Liikenne"), topic("kulttuuri", "Kulttuuri")
    panel = panel_make("liikennepaneeli", topics=[traffic, culture], name_fi="Liikennepaneeli",
                       name_en="Traffic panel")
    area = residential_areas().select_related("parent").order_by("code").first()
    base = live_server.url

    page.goto(f"{base}/en/paneelit/")
    expect(page.locator('[data-panel="liikennepaneeli"] .member-count')).to_have_text("0")
    axe_check(page)
    page.goto(f"{base}/en/paneelit/{panel.slug}/")
    axe_check(page)

    # By keyboard alone: the address, a topic, an area inside its group's disclosure, then send.
    page.locator("#id_email").focus()
    page.keyboard.type("Anna.Asukas@example.org")
    page.keyboard.press("Tab")
    expect(page.locator(f"#id_topics_{culture.pk}")).to_be_focused()  # topics by name: Kulttuuri first
    page.keyboard.press("Tab")
    expect(page.locator(f"#id_topics_{traffic.pk}")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator(f"#id_topics_{traffic.pk}")).to_be_checked()
    group = page.locator("details.area-group", has=page.locator(f"#id_areas_{area.pk}"))
    summary = group.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(group).to_have_attribute("open", "")
    checkbox = page.locator(f"#id_areas_{area.pk}")
    while not page.evaluate("document.activeElement.id") == f"id_areas_{area.pk}":
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(checkbox).to_be_checked()
    page.locator("#panel-join-submit").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#check-email")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Anna.Asukas@example.org")
    axe_check(page)
    member = PanelMember.objects.get()
    assert member.confirmed_at is None and member.language == "en"
    assert list(member.topics.all()) == [traffic] and list(member.areas.all()) == [area]

    # The link from the queued email: opening it shows a button, pressing it confirms.
    page.goto(base + _emailed_path("panel_confirm", "vahvista"))
    axe_check(page)
    page.get_by_role("button", name="Confirm").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#panel-confirmed")).to_be_visible()
    axe_check(page)
    member.refresh_from_db()
    assert member.confirmed_at is not None

    # Own data: everything shown; change the topics and the language by keyboard.
    page.locator("#own-data-link").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#member-email")).to_have_text("Anna.Asukas@example.org")
    expect(page.locator("#member-topics")).to_have_text(traffic.name("en"))
    expect(page.locator("#member-areas")).to_have_text(area.name("en"))
    axe_check(page)
    page.locator(f"#id_topics_{culture.pk}").focus()
    page.keyboard.press("Space")
    page.locator("#id_language_1").focus()  # svenska
    page.keyboard.press("Space")
    page.locator("#panel-member-save").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#member-saved")).to_be_visible()
    expect(page.locator("#member-topics")).to_have_text(f"{culture.name('en')}, {traffic.name('en')}")
    expect(page.locator("#member-language")).to_have_text("svenska")
    axe_check(page)
    member.refresh_from_db()
    assert member.language == "sv" and member.topics.count() == 2

    # Leave: the address and choices are erased.
    page.locator("#panel-member-leave button").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#panel-left")).to_be_visible()
    axe_check(page)
    assert not PanelMember.objects.exists()


def test_the_stop_link_leaves_with_one_button(page, live_server, city, axe_check):
    from planning.services.panels import panel_confirm, panel_join

    panel = panel_make("kaavaryhma", name_fi="Kaavoituksen kehittäjäryhmä")
    member = panel_confirm(token=panel_join(panel=panel, email="pekka@example.org", language="fi").token)
    page.goto(f"{live_server.url}/paneelit/eroa/{member.token}/")
    axe_check(page)
    button = page.locator("#panel-leave-form button")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#panel-left")).to_be_visible()
    assert not PanelMember.objects.exists()
