"""Staff's report pages: participation agents enter their department's events and targets, administrators
any department's or the whole city's; field errors for bad input; nobody else gets in."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from city.models import StaffProfile, StaffRole
from city.seed import CITY_ENVIRONMENT, EDUCATION_WELLBEING, departments_seed
from planning.models import EventAttendance, ParticipationTarget

pytestmark = pytest.mark.django_db
PAGE = "/henkilosto/osallistumisraportti/"


def signed_in(username: str, *roles: str, department: str | None = CITY_ENVIRONMENT) -> Client:
    departments = departments_seed()
    user = get_user_model().objects.create_user(username, password="salasana-testi-123")
    StaffProfile.objects.create(user=user, roles=list(roles),
                                department=departments[department] if department else None)
    client = Client()
    client.force_login(user)
    return client


def test_an_agent_enters_an_event_for_their_own_department():
    client = signed_in("agentti", StaffRole.PARTICIPATION_AGENT)
    page = client.get(PAGE)
    assert page.status_code == 200 and 'name="event-department"' not in page.content.decode()
    answer = client.post(f"{PAGE}tapahtumat/", {"event-name": "Asukasilta", "event-held_on": "2025-05-05",
                                               "event-participants": "30"})
    assert answer.status_code == 302
    event = EventAttendance.objects.get()
    assert (event.department.code, event.participants, event.held_on) == (CITY_ENVIRONMENT, 30, date(2025, 5, 5))
    assert event.entered_by.username == "agentti"
    assert "Asukasilta" in client.get(PAGE).content.decode()


def test_bad_input_is_told_at_each_field():
    client = signed_in("agentti", StaffRole.PARTICIPATION_AGENT)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    answer = client.post(f"{PAGE}tapahtumat/", {"event-name": "", "event-held_on": tomorrow,
                                               "event-participants": "0"})
    assert answer.status_code == 400
    page = answer.content.decode()
    for field in ("name", "held_on", "participants"):
        assert f'id="id_event-{field}-error"' in page, field
    assert not EventAttendance.objects.exists()
    answer = client.post(f"{PAGE}tavoitteet/", {"target-year": str(timezone.localdate().year + 1),
                                               "target-metric": "budget_voters", "target-value": "10"})
    assert answer.status_code == 400 and 'id="id_target-metric-error"' in answer.content.decode()
    answer = client.post(f"{PAGE}tavoitteet/", {"target-year": "1999", "target-metric": "praise",
                                               "target-value": "-1"})
    assert answer.status_code == 400
    assert 'id="id_target-year-error"' in answer.content.decode()
    assert 'id="id_target-value-error"' in answer.content.decode()
    assert not ParticipationTarget.objects.exists()


def test_a_target_is_set_and_changed():
    client = signed_in("agentti", StaffRole.PARTICIPATION_AGENT)
    next_year = timezone.localdate().year + 1
    for value in ("120", "150"):
        answer = client.post(f"{PAGE}tavoitteet/", {"target-year": str(next_year), "target-metric": "praise",
                                                   "target-value": value, "target-note": "Kiitokset näkyviin."})
        assert answer.status_code == 302
    target = ParticipationTarget.objects.get()
    assert (target.department.code, target.year, target.value) == (CITY_ENVIRONMENT, next_year, 150)


def test_an_administrator_sets_the_whole_citys_budget_target_and_any_departments_event():
    client = signed_in("yllapito", StaffRole.ADMINISTRATOR, department=None)
    year = timezone.localdate().year + 1
    assert client.post(f"{PAGE}tavoitteet/", {"target-year": str(year), "target-metric": "budget_voters",
                                             "target-value": "500", "target-department": ""}).status_code == 302
    assert ParticipationTarget.objects.get().department is None
    assert client.post(f"{PAGE}tapahtumat/", {"event-name": "Koulun ilta", "event-held_on": "2025-03-03",
                                             "event-participants": "7",
                                             "event-department": EDUCATION_WELLBEING}).status_code == 302
    assert EventAttendance.objects.get().department.code == EDUCATION_WELLBEING


def test_an_agent_removes_only_their_own_departments_rows():
    departments = departments_seed()
    other = EventAttendance.objects.create(department=departments[EDUCATION_WELLBEING], name="Muu",
                                           held_on=date(2025, 1, 1), participants=3)
    own = EventAttendance.objects.create(department=departments[CITY_ENVIRONMENT], name="Oma",
                                         held_on=date(2025, 1, 1), participants=3)
    client = signed_in("agentti", StaffRole.PARTICIPATION_AGENT)
    assert client.post(f"{PAGE}tapahtumat/{other.pk}/poista/").status_code == 403
    assert client.post(f"{PAGE}tapahtumat/{own.pk}/poista/").status_code == 302
    assert list(EventAttendance.objects.values_list("name", flat=True)) == ["Muu"]
    assert client.post(f"{PAGE}tapahtumat/999999/poista/").status_code == 404


def test_only_agents_and_administrators_get_in():
    assert Client().get(PAGE).status_code == 302  # to the sign-in
    assert signed_in("kasittelija", StaffRole.HANDLER).get(PAGE).status_code == 403


def test_the_page_takes_few_queries(django_assert_max_num_queries):
    departments = departments_seed()
    for number in range(30):
        EventAttendance.objects.create(department=departments[CITY_ENVIRONMENT], name=f"Ilta {number}",
                                       held_on=date(2025, 1, 1), participants=3)
    client = signed_in("agentti", StaffRole.PARTICIPATION_AGENT)
    with django_assert_max_num_queries(14):
        page = client.get(PAGE).content.decode()
    assert page.count("<th scope=\"row\">Ilta ") == 25  # a page of events



def test_the_admin_registers_events_targets_and_read_only_reports(rf):
    from django.contrib import admin

    from planning import participation_report_admin  # noqa: F401  (planning/admin.py is to import it)
    from planning.models import ParticipationReport

    assert all(admin.site.is_registered(model) for model in (EventAttendance, ParticipationTarget,
                                                              ParticipationReport))
    report_admin = admin.site._registry[ParticipationReport]
    assert not report_admin.has_add_permission(rf.get("/")) and not report_admin.has_change_permission(rf.get("/"))



def test_the_staff_navigation_leads_to_pages_the_agent_may_open():
    """Every link of the report's staff navigation opens for an agent; the panels' navigation marks its own
    list as the current page, not the councils' list that shares its url name."""
    client = signed_in("agentti", StaffRole.PARTICIPATION_AGENT)
    page = client.get(PAGE).content.decode()
    for path in ("/henkilosto/kaavat/", "/henkilosto/paneelit/", "/henkilosto/paneelit/jasenet/", PAGE):
        assert f'href="{path}"' in page, path
        assert client.get(path).status_code == 200, path
    councils = client.get("/henkilosto/paneelit/jasenet/").content.decode()
    assert '<a href="/henkilosto/paneelit/jasenet/"' in councils
    assert '<a href="/henkilosto/paneelit/" aria-current="page">' not in councils
    assert '<a href="/henkilosto/paneelit/" aria-current="page">' in client.get("/henkilosto/paneelit/").content.decode()
