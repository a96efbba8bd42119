"""The staff side in Debian's chromium: an agent signs in, routes a new ticket to a department and
merges a duplicate picked on the map; the department's handler marks it handled and the reporters
get the note by email; a handler of another department finds it nowhere."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import Point
from django.core import mail
from playwright.sync_api import expect

from city.demo import demo_city_load
from city.models import Department, StaffProfile, StaffRole
from geo_feedback.models import Category, Feedback
from geo_feedback.seed import categories_seed
from geo_feedback.services.feedback import feedback_create
from geo_feedback.statuses import FeedbackStatus as S
from tests.factories.feedback import jobs_run

PASSWORD = "salasana-testi-123"
STATION = (22.8565, 62.7823)


@pytest.fixture
def city(transactional_db, mail_queue):
    # The live server answers in another thread of this process: locmem's outbox is shared.
    demo_city_load()
    categories_seed()  # a transactional test's flush empties the seeded categories


@pytest.fixture
def staff(city):
    for username, role, department in (("asiakaspalvelu", StaffRole.CUSTOMER_SERVICE, None),
                                       ("kaupunkiymparisto", StaffRole.HANDLER, "kaupunkiymparisto"),
                                       ("sivistys", StaffRole.HANDLER, "sivistys")):
        user = get_user_model().objects.create_user(username, password=PASSWORD)
        StaffProfile.objects.create(user=user, roles=[role],
                                    department=Department.objects.get(code=department) if department else None)


def report(description: str, lon: float, lat: float, email: str) -> Feedback:
    return feedback_create(category=Category.objects.get(service_code="171"), kind="fault", description=description,
                           location=Point(lon, lat, srid=4326), reporter_email=email).feedback


def sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/henkilosto/")
    expect(page).to_have_url(base + "/henkilosto/kirjaudu/?next=/henkilosto/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


def sign_out(page) -> None:
    page.locator(".staff-user button[type=submit]").click()
    expect(page.locator("#id_username")).to_be_visible()


def test_triage_merge_handle_and_another_department_sees_nothing(page, live_server, staff, axe_check):
    base = live_server.url
    original = report("Syvä kuoppa aseman edessä, pyörä kaatui siihen.", *STATION, "eka@example.fi")
    duplicate = report("Iso kuoppa rautatieaseman kohdalla kadussa.", STATION[0] + 0.0006, STATION[1], "toka@example.fi")
    far = report("Kuoppa Pohjan kaupunginosassa, kaukana asemalta.", 22.8548, 62.8008, "")

    # The agent signs in with the login form and lands on the triage queue, oldest first.
    page.goto(base + "/henkilosto/kirjaudu/")
    axe_check(page)
    sign_in(page, base, "asiakaspalvelu")
    expect(page).to_have_url(base + "/henkilosto/kasittely/")
    rows = page.locator("#queue-table tbody tr[data-number]")
    expect(rows).to_have_count(3)
    assert [rows.nth(i).get_attribute("data-number") for i in range(3)] == [original.number, duplicate.number,
                                                                             far.number]
    expect(page.locator("#queue-map")).to_have_attribute("data-loaded", "3")
    axe_check(page)

    # Route the first ticket to the city environment department.
    page.locator(f"#queue-table a[href$='/{original.number}/']").click()
    expect(page.locator("h1")).to_contain_text(original.number)
    expect(page.locator("#contact-details")).to_contain_text("eka@example.fi")
    axe_check(page)
    # The actions are folded: a link above them opens one, and focus goes to it.
    page.locator(".action-links a[href='#route']").click()
    expect(page.locator("#route > summary")).to_be_focused()
    page.locator("#id_route-department").select_option(str(Department.objects.get(code="kaupunkiymparisto").pk))
    page.locator("#id_route-public_note").fill("Ohjattu kaupunkiympäristön toimialalle.")
    page.locator("#route button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    original.refresh_from_db()
    assert (original.status, original.department.code) == (S.ROUTED, "kaupunkiymparisto")

    # The duplicate: the original is the nearest candidate, on the map and in the list; the
    # far one is over a kilometre away and not offered. Choose it by its marker on the map.
    page.goto(f"{base}/henkilosto/palaute/{duplicate.number}/")
    candidates = page.locator("#merge-candidates input[type=radio]")
    expect(candidates.first).to_have_attribute("value", original.number)
    expect(page.locator(f"#merge-into-{far.number}")).to_have_count(0)
    expect(page.locator("#ticket-map")).to_have_attribute("data-ready", "true")
    page.locator(f"#ticket-map .leaflet-marker-icon[data-number='{original.number}']").click()
    expect(page.locator(f"#merge-into-{original.number}")).to_be_checked()
    expect(page.locator("#ticket-map-status")).to_contain_text(original.number)
    axe_check(page)
    page.locator("#merge button[type=submit]").click()
    expect(page.locator("#merged-into")).to_contain_text(original.number)
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into_id) == (S.DUPLICATE, original.pk)
    sign_out(page)

    # The department's handler: the ticket is in their queue; they mark it handled with a note.
    sign_in(page, base, "kaupunkiymparisto")
    expect(page).to_have_url(base + "/henkilosto/toimiala/")
    expect(page.locator(f"#department-table tr[data-number='{original.number}']")).to_be_visible()
    axe_check(page)
    page.locator(f"#department-table a[href$='/{original.number}/']").click()
    expect(page.locator("#route")).to_have_count(0)  # triage is not a handler's job
    page.locator("#handled > summary").click()
    page.locator("#id_handled-public_note").fill("Kuoppa paikattiin tänään. Kiitos ilmoituksesta!")
    page.locator("#handled button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("#history")).to_contain_text("Kuoppa paikattiin tänään.")
    axe_check(page)
    original.refresh_from_db()
    assert original.status == S.HANDLED

    mail.outbox.clear()  # the routing and merge news went out too; this test is about the handled note
    jobs_run()
    handled = [m for m in mail.outbox if "Kuoppa paikattiin tänään." in m.body]
    assert sorted(m.to[0] for m in handled) == ["eka@example.fi", "toka@example.fi"]
    sign_out(page)

    # A handler of another department: not in their queue, 403 by URL, nothing in a search.
    sign_in(page, base, "sivistys")
    expect(page).to_have_url(base + "/henkilosto/toimiala/")
    expect(page.locator(f"tr[data-number='{original.number}']")).to_have_count(0)
    response = page.goto(f"{base}/henkilosto/palaute/{original.number}/")
    assert response.status == 403
    page.goto(f"{base}/henkilosto/haku/?q={original.number}")
    expect(page.locator("#search-results tbody tr[data-number]")).to_have_count(0)
    page.goto(f"{base}/henkilosto/haku/?q=kuoppa")
    expect(page.locator("#search-results tbody tr[data-number]")).to_have_count(0)
    axe_check(page)
