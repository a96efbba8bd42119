"""The admin edits areas on a map whose scripts come from our own static files."""

import pytest

from tests.factories import AreaFactory


@pytest.mark.django_db
def test_area_change_page_has_a_local_map_widget(admin_client):
    area = AreaFactory(code="60100")
    response = admin_client.get(f"/admin/city/area/{area.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/vendor/ol/ol.js" in html and "/static/gis/js/OLMapWidget.js" in html
    assert "cdn.jsdelivr" not in html and "https://" not in html.split("<body")[0]


@pytest.mark.django_db
def test_area_list_in_admin_searches_by_name(admin_client):
    AreaFactory(code="60550", name_fi="Nurmo Keskus")
    AreaFactory(code="60100", name_fi="Seinäjoki Keskus")
    response = admin_client.get("/admin/city/area/?q=Nurmo")
    assert response.status_code == 200
    assert "60550" in response.content.decode() and "60100" not in response.content.decode()
