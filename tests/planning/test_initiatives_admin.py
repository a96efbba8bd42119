"""The initiatives' admin reads the imported rows, their history and the import log, and changes nothing."""

import pytest

import planning.initiative_admin  # noqa: F401 (registers the admin until planning/admin.py imports it)
from planning.models import Initiative, InitiativeImport
from planning.services.initiatives import initiatives_import
from tests.planning.test_initiatives_import import row

pytestmark = pytest.mark.django_db


def test_the_admin_shows_initiatives_and_imports_read_only(admin_client):
    initiatives_import(rows=[row(7, sentTime="2026-02-01"), "bad"], source="test.json")
    initiative = Initiative.objects.get()
    run = InitiativeImport.objects.get()
    listing = admin_client.get("/admin/planning/initiative/")
    assert listing.status_code == 200 and "Penkki bussipysäkille" in listing.content.decode()
    page = admin_client.get(f"/admin/planning/initiative/{initiative.pk}/change/").content.decode()
    assert "Penkki bussipysäkille" in page and 'name="_save"' not in page
    assert admin_client.get("/admin/planning/initiative/add/").status_code == 403
    log = admin_client.get(f"/admin/planning/initiativeimport/{run.pk}/change/").content.decode()
    assert "it is not an object" in log
    assert admin_client.post(f"/admin/planning/initiative/{initiative.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Initiative.objects.filter(pk=initiative.pk).exists()


def test_an_administrator_runs_an_import_again_in_the_worker(admin_client, tmp_path, mail_queue,
                                                             django_capture_on_commit_callbacks):
    import json

    from tests.factories.feedback import jobs_run

    path = tmp_path / "aloitteet.json"
    path.write_text(json.dumps([row(1)]), encoding="utf-8")
    first = initiatives_import(rows=[row(1)], source=str(path))
    path.write_text(json.dumps([row(1, sentTime="2026-02-01"), row(2)]), encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/admin/planning/initiativeimport/",
                                     {"action": "run_again", "_selected_action": [first.pk]}, follow=True)
    assert response.status_code == 200
    assert InitiativeImport.objects.count() == 1  # not in the request: in the worker
    assert jobs_run() == {"finished": 1, "failed": 0}
    again = InitiativeImport.objects.exclude(pk=first.pk).get()
    assert (again.source, again.created, again.updated) == (str(path), 1, 1)
    assert Initiative.objects.get(external_id=1).state == "sent"


def test_staff_without_the_administrator_role_cannot_run_an_import_again(client, django_user_model, mail_queue,
                                                                         django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Permission

    from city.models import StaffProfile, StaffRole

    clerk = django_user_model.objects.create_user("kirjaaja", password="salasana-testi-123", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_initiativeimport"))
    StaffProfile.objects.create(user=clerk, roles=[StaffRole.CUSTOMER_SERVICE])
    client.force_login(clerk)
    run = initiatives_import(rows=[row(1)], source="test.json")
    page = client.get("/admin/planning/initiativeimport/")
    assert page.status_code == 200 and "run_again" not in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/planning/initiativeimport/", {"action": "run_again", "_selected_action": [run.pk]})
    assert mail_queue.count == 0
