"""The staff's council member pages (names and addresses for administrators and participation agents only;
add and remove through the services) and the panels' admin (members read-only, removed through the service)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from city.models import Department, Notification, StaffProfile, StaffRole
from planning.models import PanelAction, PanelEvent, PanelKind, PanelMember
from planning.services.panels import panel_join, panel_member_add
from tests.planning.test_panels import panel_make

pytestmark = pytest.mark.django_db


def _staff(django_user_model, username: str, *roles: str):
    user = django_user_model.objects.create_user(username, password="salasana-" * 3)
    department = Department.objects.first() if {StaffRole.PARTICIPATION_AGENT, StaffRole.HANDLER,
                                                StaffRole.PLANNER} & set(roles) else None
    StaffProfile.objects.create(user=user, roles=list(roles), department=department)
    return user


@pytest.fixture
def council(city):
    return panel_make("vanhusneuvosto", kind=PanelKind.COUNCIL, name_fi="Vanhusneuvosto")


def test_only_administrators_and_participation_agents_see_the_members(client, council, django_user_model):
    panel_member_add(panel=council, name="Aino Vanhala", email="aino@example.org", language="fi", actor=None)
    pages = ["/henkilosto/paneelit/jasenet/", f"/henkilosto/paneelit/jasenet/{council.slug}/"]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(reverse("staff:login") + "?next=")
    for role in (StaffRole.CUSTOMER_SERVICE, StaffRole.MODERATOR, StaffRole.PLANNER):
        client.force_login(_staff(django_user_model, f"user-{role}", role))
        for path in pages:
            assert client.get(path).status_code == 403, (role, path)
        assert client.post(f"{pages[1]}lisaa/", {"name": "X", "email": "x@example.org", "language": "fi"}
                           ).status_code == 403
    for role in (StaffRole.ADMINISTRATOR, StaffRole.PARTICIPATION_AGENT):
        client.force_login(_staff(django_user_model, f"keeper-{role}", role))
        listing = client.get(pages[0]).content.decode()
        assert "Vanhusneuvosto" in listing and "aino@example.org" not in listing
        members = client.get(pages[1]).content.decode()
        assert "Aino Vanhala" in members and "aino@example.org" in members


def test_staff_add_and_remove_a_council_member(client, council, django_user_model):
    agent = _staff(django_user_model, "agentti", StaffRole.PARTICIPATION_AGENT)
    client.force_login(agent)
    path = f"/henkilosto/paneelit/jasenet/{council.slug}/"
    response = client.post(path + "lisaa/", {"name": "Veikko Virta", "email": "veikko@example.org", "language": "sv"})
    assert response.status_code == 302 and response["Location"] == path
    member = PanelMember.objects.get()
    assert member.confirmed_at is not None and member.added_by == agent and member.language == "sv"
    assert Notification.objects.get().kind == "panel_added"
    page = client.get(path).content.decode()
    assert "Veikko Virta" in page and "veikko@example.org" in page

    again = client.post("/en" + path + "lisaa/", {"name": "Veikko", "email": "VEIKKO@example.org", "language": "fi"})
    assert again.status_code == 400 and "This address is in the council already." in again.content.decode()
    bad = client.post("/en" + path + "lisaa/", {"name": "", "email": "ei", "language": "de"})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Write the member&#x27;s name." in html or "Write the member's name." in html
    assert "Write the email address in the form name@example.fi." in html

    assert client.get(f"{path}{member.pk}/poista/").status_code == 405
    removed = client.post(f"{path}{member.pk}/poista/")
    assert removed.status_code == 302 and not PanelMember.objects.exists()
    assert list(PanelEvent.objects.values_list("action", "actor")) == [("added", agent.pk), ("removed", agent.pk)]
    assert client.post(f"{path}{member.pk}/poista/").status_code == 404


def test_open_panels_are_not_kept_on_the_council_pages(client, city, django_user_model):
    group = panel_make("liikennepaneeli")
    member = panel_join(panel=group, email="anna@example.org", language="fi")
    client.force_login(_staff(django_user_model, "yllapito", StaffRole.ADMINISTRATOR))
    assert client.get(f"/henkilosto/paneelit/jasenet/{group.slug}/").status_code == 404
    assert client.post(f"/henkilosto/paneelit/jasenet/{group.slug}/lisaa/",
                       {"name": "X", "email": "x@example.org", "language": "fi"}).status_code == 404
    assert client.post(f"/henkilosto/paneelit/jasenet/{group.slug}/{member.pk}/poista/").status_code == 404
    assert PanelMember.objects.filter(pk=member.pk).exists()


def test_the_admin_reads_members_and_removes_them_through_the_service(council, django_user_model):
    import planning.panel_admin  # noqa: F401  (registers the models if planning/admin.py does not yet)

    member = panel_member_add(panel=council, name="Aino", email="aino@example.org", language="fi", actor=None)
    model_admin = admin.site._registry[PanelMember]
    request = RequestFactory().get("/admin/")
    request.user = django_user_model.objects.create_superuser("root", password="x" * 20)
    assert not model_admin.has_add_permission(request) and not model_admin.has_change_permission(request, member)
    assert "token" not in model_admin.get_fields(request, member)
    model_admin.delete_model(request, member)
    assert not PanelMember.objects.exists()
    assert PanelEvent.objects.filter(action=PanelAction.REMOVED, actor=request.user).count() == 1
    events = admin.site._registry[PanelEvent]
    assert not events.has_add_permission(request) and not events.has_delete_permission(request)
