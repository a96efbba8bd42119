"""Benchmark: the area endpoints against independent raw SQL giving the same areas.

Run with `make bench`; prints medians of interleaved runs and their ratio, asserts nothing about
time (not part of CI). The raw side (raw_sql.py) is written without the application's SQL.
"""

import json

import pytest
from django.core.management import call_command
from django.db import connection

from city.demo import demo_city_load
from tests.bench import raw_sql
from tests.bench.timing import interleaved_medians

POINT = (22.8440, 62.7900)


def _codes(text: str) -> list[str]:
    return [feature["id"] for feature in json.loads(text)["features"]]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "path", "sql", "params"), [
    ("/api/v1/areas/ (every area)", "/api/v1/areas/", raw_sql.AREAS_ALL, {}),
    ("/api/v1/areas/?contains=", f"/api/v1/areas/?contains={POINT[0]},{POINT[1]}", raw_sql.AREAS_CONTAINING,
     {"lon": POINT[0], "lat": POINT[1]}),
])
def test_area_endpoint_against_raw_sql(client, fixtures_dir, name, path, sql, params):
    demo_city_load()
    call_command("import_areas", str(fixtures_dir / "helsinki_districts_crs84.geojson"),
                 "--code-field=tunnus", "--name-field=nimi_fi", "--kind=district", stdout=None)

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]

    def endpoint():
        response = client.get(path)
        assert response.status_code == 200
        return response.content

    assert sorted(_codes(endpoint())) == sorted(_codes(raw()))  # the same areas
    raw_time, endpoint_time = interleaved_medians(raw, endpoint)
    print(f"\n{name} ({len(endpoint()) // 1024} KiB, {len(_codes(raw()))} areas): endpoint "
          f"{endpoint_time * 1000:.1f} ms, raw SQL {raw_time * 1000:.1f} ms, ratio {endpoint_time / raw_time:.2f}")
