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
