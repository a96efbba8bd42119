"""Staff roles live in the city core: one person may hold several, the database refuses a profile
that breaks the rules, and each half asks its own table what the roles allow."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.test import Client

from city.models import Department, StaffProfile, StaffRole
from city.permissions import has_role, is_staff_member
from geo_feedback.permissions import Action, can, feedback_for_staff
from tests.factories.feedback import POINTS, FeedbackFactory, category, point

R = StaffRole


def person(username: str, roles: list[str], department: str | None = None):
    user = get_user_model().objects.create_user(username, password="salasana-testi-123")
    StaffProfile.objects.create(user=user, roles=roles,
                                department=Department.objects.get(code=department) if department else None)
    return user


@pytest.fixture
def tickets(city):
    """A street fault (city environment) and a library question (education and wellbeing)."""
    street = FeedbackFactory(description="Syvä kuoppa aseman edessä, pyörä kaatui.")
    library = FeedbackFactory(category=category("304"), location=point(POINTS["60120"]),
                              description="Kirjaston aukioloajat ovat liian lyhyet lauantaisin.")
    return street, library


@pytest.mark.parametrize("roles, department, rule", [
    ([], None, "staff_has_a_role"),
    (["janitor"], None, "staff_roles_known"),
    ([R.PLANNER], None, "staff_department_role_has_department"),
    ([R.MODERATOR, R.HANDLER], None, "staff_department_role_has_department"),
])
def test_the_database_refuses_a_profile_that_breaks_the_rules(city, roles, department, rule):
    user = get_user_model().objects.create_user("rikki")
    with pytest.raises(IntegrityError, match=rule), transaction.atomic():
        StaffProfile.objects.create(user=user, roles=roles, department=None)
    assert not StaffProfile.objects.exists()


def test_roles_without_a_department_need_none(city):
    for username, roles in (("moderaattori", [R.MODERATOR]), ("budjetti", [R.BUDGET_OFFICIAL]),
                            ("asiakaspalvelu", [R.CUSTOMER_SERVICE, R.MODERATOR])):
        person(username, roles)
    assert StaffProfile.objects.count() == 3


def test_a_planner_alone_is_staff_but_sees_no_ticket(tickets):
    planner = person("kaavoittaja", [R.PLANNER], "kaupunkiymparisto")
    assert is_staff_member(planner) and has_role(planner, R.PLANNER)
    assert not feedback_for_staff(planner).exists()
    assert not any(can(planner, action) for action in Action)
    client = Client()
    client.force_login(planner)
    assert client.get("/henkilosto/toimiala/").status_code == 403
    assert client.get(f"/henkilosto/palaute/{tickets[0].number}/").status_code == 403


def test_a_handler_who_is_also_a_budget_official_handles_their_departments_tickets_only(tickets):
    street, library = tickets
    official = person("budjetti", [R.BUDGET_OFFICIAL, R.HANDLER], "kaupunkiymparisto")
    assert list(feedback_for_staff(official)) == [street]
    assert can(official, Action.HANDLE, street) and not can(official, Action.HANDLE, library)
    assert not can(official, Action.TRIAGE, street)


def test_the_widest_role_decides_what_a_person_sees(tickets):
    # A participation agent of one department who also serves customers sees and triages every ticket.
    both = person("molemmat", [R.PARTICIPATION_AGENT, R.CUSTOMER_SERVICE, R.MODERATOR], "kaupunkiymparisto")
    assert set(feedback_for_staff(both)) == set(tickets)
    assert all(can(both, Action.TRIAGE, ticket) for ticket in tickets)
    client = Client()
    client.force_login(both)
    assert client.get("/henkilosto/").headers["Location"] == "/henkilosto/kasittely/"
    assert client.get(f"/henkilosto/palaute/{tickets[1].number}/").status_code == 200


def test_a_superuser_without_a_profile_is_an_administrator(tickets):
    root = get_user_model().objects.create_superuser("root", password="salasana-testi-123")
    assert has_role(root, R.ADMINISTRATOR) and set(feedback_for_staff(root)) == set(tickets)


def test_the_admin_gives_a_person_several_roles_with_checkboxes(admin_client, city):
    user = get_user_model().objects.create_user("uusi")
    page = admin_client.get("/admin/city/staffprofile/add/")
    assert page.status_code == 200
    assert 'type="checkbox" name="roles" value="planner"' in page.content.decode()
    response = admin_client.post("/admin/city/staffprofile/add/", {
        "user": user.pk, "roles": [R.PLANNER, R.MODERATOR],
        "department": Department.objects.get(code="kaupunkiymparisto").pk,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert StaffProfile.objects.get(user=user).roles == [R.PLANNER, R.MODERATOR]


def test_the_admin_explains_a_planner_without_a_department(admin_client, city):
    user = get_user_model().objects.create_user("uusi")
    response = admin_client.post("/en/admin/city/staffprofile/add/", {"user": user.pk, "roles": [R.PLANNER]})
    assert response.status_code == 200  # the form again, with the reason; nothing saved, no 500
    assert not StaffProfile.objects.exists()
    assert "Handlers, participation agents and planners work for a department: choose it." in \
        response.content.decode()
