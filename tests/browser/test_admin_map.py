"""The admin's area map widget draws under the Content Security Policy (its set-up is an inline script)."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from city.demo import demo_city_load
from city.models import Area

PASSWORD = "salasana-testi-123"


@pytest.fixture
def admin_user(transactional_db):
    demo_city_load()
    return get_user_model().objects.create_superuser("yllapito", "yllapito@example.fi", PASSWORD)


def test_an_areas_boundary_is_drawn_on_the_admin_map(page, live_server, admin_user):
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("yllapito")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    area = Area.objects.get(code="60100")
    response = page.goto(f"{live_server.url}/admin/city/area/{area.pk}/change/")
    assert "'unsafe-inline'" in response.headers["content-security-policy"].split("script-src", 1)[1].split(";")[0]
    # OpenLayers builds its viewport only when the widget's inline set-up script has run.
    expect(page.locator("#id_boundary_map .ol-viewport")).to_have_count(1)
    assert page.evaluate("typeof geodjango_boundary") == "object"
