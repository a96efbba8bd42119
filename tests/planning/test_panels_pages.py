"""The residents' panel pages: the list by kind, joining from a panel's page with readable refusals, the
confirmation link from the queued email, the own-data page (see, change, delete), the one-click stop
(a button, and RFC 8058's POST), and no address on any public page."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.cache import caches

from city.models import Notification
from planning.models import PanelAction, PanelEvent, PanelKind, PanelMember, PanelMessage
from planning.services.panels import panel_confirm, panel_join, panel_member_add
from tests.planning.test_panels import ANNA, panel_make, panel_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(city):
    return panel_world()


@pytest.fixture(autouse=True)
def _generous_join_rate(settings):
    settings.PANEL_JOIN_RATE = "100000/minute"


def _confirm_path(email: Notification) -> str:
    match = re.search(rf"{re.escape(settings.SITE_URL)}(\S*/paneelit/vahvista/[\w-]+/)", email.body)
    assert match, email.body
    return match.group(1)


def _join(client, panel, data, prefix=""):
    return client.post(f"{prefix}/paneelit/{panel.slug}/liity/", data)


def test_the_list_groups_panels_by_kind_with_confirmed_counts_only(client, world, django_assert_max_num_queries):
    panel = world["panel"]
    panel_make("kirjastoryhma", kind=PanelKind.EXPERIENCE, name_fi="Kirjaston kokemusasiantuntijat",
               criteria_fi="Käyttää kirjastoa viikoittain.", service_fi="Kirjastopalvelut")
    council = panel_make("vanhusneuvosto", kind=PanelKind.COUNCIL, name_fi="Vanhusneuvosto",
                         contact_email="vanhusneuvosto@example.org")
    confirmed = panel_join(panel=panel, email=ANNA, language="fi")
    panel_confirm(token=confirmed.token)
    panel_join(panel=panel, email="odottaa@example.org", language="fi")  # not confirmed: not counted
    panel_member_add(panel=council, name="Aino", email="aino@example.org", language="fi", actor=None)
    with django_assert_max_num_queries(4):
        page = client.get("/paneelit/")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index('id="panels-group"') < html.index('id="panels-experience"') < html.index('id="panels-council"')
    card = html[html.index('data-panel="liikennepaneeli"'):]
    assert re.search(r'class="member-count">1<', card)
    assert "Käyttää kirjastoa viikoittain." in html and "Kirjastopalvelut" in html
    assert "vanhusneuvosto@example.org" in html  # the council's own contact address is public
    assert ANNA not in html and "odottaa@" not in html and "aino@" not in html
    # Ten more panels cost no more queries.
    for number in range(10):
        panel_make(f"paneeli-{number}", topics=[world["traffic"]])
    with django_assert_max_num_queries(4):
        assert client.get("/paneelit/").status_code == 200
    assert client.get("/sv/paneelit/").status_code == 200 and client.get("/en/paneelit/").status_code == 200


def test_join_from_the_page_then_confirm_by_the_emailed_link(client, world, django_assert_max_num_queries):
    panel = world["panel"]
    with django_assert_max_num_queries(8):
        page = client.get(f"/paneelit/{panel.slug}/")
    html = page.content.decode()
    assert 'id="panel-join-form"' in html and 'name="areas"' in html and "<details" in html
    assert 'id="member-count">0<' in html
    area = world["areas"][0]
    response = _join(client, panel, {"email": ANNA, "topics": [world["traffic"].pk], "areas": [area.pk]}, "/sv")
    assert response.status_code == 302 and response["Location"] == f"/sv/paneelit/{panel.slug}/tarkista-sahkoposti/"
    check = client.get(response["Location"])
    assert check.status_code == 200 and ANNA not in check.content.decode()
    member = PanelMember.objects.get()
    assert member.language == "sv" and member.confirmed_at is None
    assert 'id="member-count">0<' in client.get(f"/paneelit/{panel.slug}/").content.decode()

    path = _confirm_path(Notification.objects.get(kind="panel_confirm"))
    opened = client.get(path)  # opening confirms nothing: mail scanners open links
    assert opened.status_code == 200 and 'id="panel-confirm-form"' in opened.content.decode()
    assert opened["Referrer-Policy"] == "same-origin" and opened["X-Robots-Tag"] == "noindex"
    member.refresh_from_db()
    assert member.confirmed_at is None
    confirmed = client.post(path)
    assert 'id="panel-confirmed"' in confirmed.content.decode()
    member.refresh_from_db()
    assert member.confirmed_at is not None
    assert 'id="member-count">1<' in client.get(f"/paneelit/{panel.slug}/").content.decode()
    assert client.post(path).status_code == 200  # twice is harmless
    assert client.get("/paneelit/vahvista/no-such-token/").status_code == 404


def test_joining_again_shows_the_same_page(client, world):
    panel = world["panel"]
    member = panel_join(panel=panel, email=ANNA, language="fi")
    panel_confirm(token=member.token)
    new = _join(client, panel, {"email": "uusi@example.org"})
    again = _join(client, panel, {"email": ANNA.upper()})
    assert new.status_code == again.status_code == 302 and new["Location"] == again["Location"]
    assert list(Notification.objects.order_by("id").values_list("kind", flat=True)) == [
        "panel_confirm", "panel_confirm", "panel_own_data"]


def test_bad_input_comes_back_with_readable_field_errors(client, world):
    panel = world["panel"]
    budget_area_pk = world["areas"][0].parent_id
    cases = [
        ({"email": "ei-osoite"}, "email", "Write the email address in the form name@example.fi."),
        ({"email": ""}, "email", "Write your email address."),
        ({"email": ANNA, "topics": [world["other_topic"].pk]}, "topics", "Choose the topics from the list."),
        ({"email": ANNA, "topics": ["x"]}, "topics", "Choose the topics from the list."),
        ({"email": ANNA, "areas": [budget_area_pk]}, "areas", "Choose the areas from the list."),
        ({"email": ANNA, "areas": ["999999999"]}, "areas", "Choose the areas from the list."),
    ]
    for data, field, message in cases:
        response = _join(client, panel, data, "/en")
        html = response.content.decode()
        assert response.status_code == 400, data
        assert 'id="error-summary"' in html and f'href="#field-{field}"' in html and message in html, data
    assert not PanelMember.objects.exists() and not Notification.objects.exists()
    assert client.post("/paneelit/no-such-panel/liity/", {"email": ANNA}).status_code == 404
    assert client.get(f"/paneelit/{panel.slug}/liity/").status_code == 405


def test_a_council_or_a_closed_panel_refuses_joining(client, world):
    council = panel_make("nuorisovaltuusto", kind=PanelKind.COUNCIL, contact_email="nuoret@example.org")
    closed = panel_make("suljettu", accepts_members=False)
    page = client.get(f"/paneelit/{council.slug}/").content.decode()
    assert 'id="council-note"' in page and "panel-join-form" not in page and "nuoret@example.org" in page
    assert 'id="closed-note"' in client.get(f"/paneelit/{closed.slug}/").content.decode()
    for panel in (council, closed):
        response = _join(client, panel, {"email": ANNA})
        assert response.status_code == 403
    assert not PanelMember.objects.exists() and not Notification.objects.exists()


def test_joining_is_rate_limited(client, world, settings):
    settings.PANEL_JOIN_RATE = "2/hour"
    caches["throttle"].clear()
    panel = world["panel"]
    assert _join(client, panel, {"email": "bad"}).status_code == 400  # a refused one gives its place back
    assert _join(client, panel, {"email": "a@example.org"}).status_code == 302
    assert _join(client, panel, {"email": "b@example.org"}).status_code == 302
    response = _join(client, panel, {"email": "c@example.org"})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert PanelMember.objects.count() == 2


def _confirmed(world, email=ANNA, language="fi"):
    member = panel_join(panel=world["panel"], email=email, language=language, topics=[world["traffic"]],
                        areas=world["areas"][:1])
    return panel_confirm(token=member.token)


def test_the_own_data_page_shows_everything_held(client, world, django_assert_max_num_queries):
    member = _confirmed(world)
    message = PanelMessage.objects.create(panel=world["panel"], kind="survey", subject="Pyöräilykysely 2026",
                                          body="Vastaa.")
    other_panel = panel_make("toinen")
    other = PanelMessage.objects.create(panel=other_panel, kind="survey", subject="Toisen paneelin kysely",
                                        body="Vastaa.")
    from django.contrib.contenttypes.models import ContentType

    message_type = ContentType.objects.get_for_model(PanelMessage)
    for about in (message, other):
        Notification.objects.create(about_type=message_type, about_id=about.pk, kind="panel_message",
                                    recipient=ANNA, subject=about.subject, body="…")
    with django_assert_max_num_queries(10):
        page = client.get(f"/paneelit/omat-tiedot/{member.token}/")
    html = page.content.decode()
    assert page.status_code == 200 and page["Referrer-Policy"] == "same-origin" and page["X-Robots-Tag"] == "noindex"
    data = html[html.index('id="member-data"'):html.index("</dl>", html.index('id="member-data"'))]
    assert ANNA in data and "Liikenne" in data and world["areas"][0].name_fi in data and "suomi" in data
    assert "Pyöräilykysely 2026" in html and "Toisen paneelin kysely" not in html
    # The form starts from her choices: her area ticked, and only its group open.
    assert html.count('<details class="area-group" open>') == 1
    assert f'value="{world["areas"][0].pk}" id="id_areas_{world["areas"][0].pk}" checked' in html
    assert client.get("/paneelit/omat-tiedot/no-such-token/").status_code == 404


def test_the_own_data_page_changes_choices(client, world):
    member = _confirmed(world)
    path = f"/paneelit/omat-tiedot/{member.token}/"
    response = client.post(path, {"topics": [world["libraries"].pk], "areas": [a.pk for a in world["areas"][1:]],
                                  "language": "sv"})
    assert response.status_code == 302 and response["Location"] == path + "?saved=1"
    member.refresh_from_db()
    assert member.language == "sv" and list(member.topics.all()) == [world["libraries"]]
    assert set(member.areas.all()) == set(world["areas"][1:])
    assert 'id="member-saved"' in client.get(response["Location"]).content.decode()
    bad = client.post("/en" + path, {"topics": [world["other_topic"].pk], "language": "de"})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Choose the topics from the list." in html and "Choose a language from the list." in html
    member.refresh_from_db()
    assert member.language == "sv"
    assert PanelEvent.objects.filter(action=PanelAction.CHANGED).count() == 1


def test_unsubscribe_by_the_button_and_by_rfc_8058_one_click(world):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    anna = _confirmed(world)
    page = csrf_client.get(f"/en/paneelit/eroa/{anna.token}/")
    assert page.status_code == 200 and page["X-Robots-Tag"] == "noindex"
    assert 'id="panel-leave-form"' in page.content.decode() and "Leave the panel" in page.content.decode()
    assert PanelMember.objects.filter(pk=anna.pk).exists()  # opening the link leaves nothing
    left = csrf_client.post(f"/paneelit/eroa/{anna.token}/")  # the button, no sign-in
    assert left.status_code == 200 and 'id="panel-left"' in left.content.decode()
    assert not PanelMember.objects.filter(pk=anna.pk).exists()

    pekka = _confirmed(world, email="pekka@example.org")
    one_click = csrf_client.post(f"/paneelit/eroa/{pekka.token}/", data="List-Unsubscribe=One-Click",
                                 content_type="application/x-www-form-urlencoded")
    assert one_click.status_code == 200 and not PanelMember.objects.filter(pk=pekka.pk).exists()
    again = csrf_client.post(f"/paneelit/eroa/{pekka.token}/", data="List-Unsubscribe=One-Click",
                             content_type="application/x-www-form-urlencoded")
    assert again.status_code == 200  # a mail program's retry is harmless
    assert csrf_client.get(f"/paneelit/eroa/{pekka.token}/").status_code == 404
    for bad in ("%00", "x" * 65, "ä"):  # never a token: no database error, no member (a NUL is refused earlier)
        assert csrf_client.get(f"/paneelit/eroa/{bad}/").status_code in (400, 404), bad
        assert csrf_client.post(f"/paneelit/eroa/{bad}/").status_code in (200, 400), bad
        assert csrf_client.get(f"/paneelit/omat-tiedot/{bad}/").status_code in (400, 404), bad
        assert csrf_client.get(f"/paneelit/vahvista/{bad}/").status_code in (400, 404), bad
    assert list(PanelEvent.objects.filter(action=PanelAction.LEFT).values_list("member_number", flat=True)) == [
        anna.pk, pekka.pk]


def test_the_own_data_page_deletes_through_the_stop_link(client, world):
    member = _confirmed(world)
    html = client.get(f"/paneelit/omat-tiedot/{member.token}/").content.decode()
    assert f'action="/paneelit/eroa/{member.token}/"' in html
    client.post(f"/paneelit/eroa/{member.token}/")
    assert not PanelMember.objects.exists()


def test_no_public_page_shows_an_address(client, world):
    member = _confirmed(world)
    council = panel_make("vammaisneuvosto", kind=PanelKind.COUNCIL)
    panel_member_add(panel=council, name="Veikko", email="veikko@example.org", language="fi", actor=None)
    for path in ("/paneelit/", f"/paneelit/{world['panel'].slug}/", f"/paneelit/{council.slug}/",
                 f"/paneelit/{world['panel'].slug}/tarkista-sahkoposti/", "/api/v1/panels/",
                 f"/api/v1/panels/{world['panel'].slug}/", f"/api/v1/panels/{council.slug}/"):
        response = client.get(path)
        body = response.content.decode()
        assert response.status_code == 200, path
        assert ANNA not in body and "veikko@example.org" not in body and member.token not in body, path
