"""The admin's area form holds a boundary to the importer's rules: what cannot be read is refused
with a reason (it was a 500 from GDAL), and a self-intersecting boundary is repaired (it was stored
as is, with ST_IsValid false)."""

import re

import pytest
from django.db import connection

from city.models import Area
from tests.factories import AreaFactory

UNREADABLE = {
    "empty point": '{"type": "Point", "coordinates": []}',
    "string coordinates": '{"type": "MultiPolygon", "coordinates": "abc"}',
    "a circle": '{"type": "Circle", "coordinates": [2540000, 8700000], "radius": 5}',
    "deep collections": '{"type": "GeometryCollection", "geometries": [' * 200 + "]}" * 200,
    "not JSON": "{oops",
    "a line": '{"type": "LineString", "coordinates": [[2540000, 8700000], [2541000, 8701000]]}',
    "outside Finland": '{"type": "MultiPolygon", "coordinates": [[[[0, 0], [0, 1000], [1000, 1000], [0, 0]]]]}',
}
# A bow tie around Seinäjoki's centre in the admin map's Web Mercator metres: its edges cross.
BOW_TIE = ('{"type": "MultiPolygon", "coordinates": [[[[2540000, 9060000], [2542000, 9062000], '
           '[2542000, 9060000], [2540000, 9062000], [2540000, 9060000]]]]}')


def form_data(boundary: str) -> dict:
    return {"code": "60100", "name_fi": "Keskus", "name_sv": "", "kind": "postal_area", "boundary": boundary,
            "population": "", "population_year": "", "population_source": ""}


def errors(response) -> list[str]:
    return re.findall(r'<ul class="errorlist[^"]*"[^>]*><li>(.*?)</li>', response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("name", UNREADABLE)
def test_a_boundary_that_cannot_be_stored_is_refused_with_a_reason(admin_client, name):
    area = AreaFactory(code="60100")
    before = area.boundary.wkb
    response = admin_client.post(f"/en/admin/city/area/{area.pk}/change/", form_data(UNREADABLE[name]))
    assert response.status_code == 200  # the form again, not a 500
    assert any(message.startswith("The boundary cannot be stored: ") for message in errors(response)), \
        errors(response)
    area.refresh_from_db()
    assert area.boundary.wkb == before


@pytest.mark.django_db
def test_a_self_intersecting_boundary_is_repaired_as_the_importer_would(admin_client):
    area = AreaFactory(code="60100")
    response = admin_client.post(f"/en/admin/city/area/{area.pk}/change/", form_data(BOW_TIE))
    assert response.status_code == 302, errors(response)
    area.refresh_from_db()
    assert area.boundary.valid and len(area.boundary) == 2  # the bow tie's two triangles
    with connection.cursor() as cursor:
        cursor.execute("SELECT ST_IsValid(boundary) FROM city_area WHERE id = %s", [area.pk])
        assert cursor.fetchone()[0] is True
    assert Area.objects.count() == 1


@pytest.mark.django_db
def test_the_database_refuses_an_invalid_boundary_from_any_other_way(city):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError, match="area_boundary_valid"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE city_area SET boundary = ST_GeomFromText(%s, 3067) WHERE code = '60100'",
                       ["MULTIPOLYGON(((300000 7000000, 302000 7002000, 302000 7000000, 300000 7002000, "
                        "300000 7000000)))"])


def test_a_boundary_stored_invalid_before_is_repaired_by_the_migration(migrator):
    old = migrator.apply_initial_migration([("city", "0002_generic_outbox_and_staff_roles")])
    with connection.cursor() as cursor:  # as the admin stored it before: a bow tie, ST_IsValid false
        cursor.execute("INSERT INTO city_area (code, name_fi, name_sv, kind, boundary, population_source, "
                       "created_at, updated_at) VALUES ('X1', 'Rusetti', '', 'district', ST_GeomFromText(%s, 3067), "
                       "'', now(), now())", ["MULTIPOLYGON(((300000 7000000, 302000 7002000, 302000 7000000, "
                                             "300000 7002000, 300000 7000000)))"])
    assert old.apps.get_model("city", "Area").objects.count() == 1
    new = migrator.apply_tested_migration([("city", "0003_area_boundary_valid")])
    area = new.apps.get_model("city", "Area").objects.get(code="X1")
    assert area.boundary.valid and area.boundary.geom_type == "MultiPolygon" and len(area.boundary) == 2
