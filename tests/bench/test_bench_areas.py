"""Benchmark: the area list endpoint against the raw SQL doing the same work.

Run with `make bench`; prints ratios, asserts nothing about time (not part of CI).
"""

import pytest
from django.core.management import call_command
from django.db import connection

from city.demo import demo_city_load
from city.selectors import _COLLECTION, _FEATURES_SQL, GEOJSON_PRECISION
from tests.bench.timing import best_of


@pytest.mark.django_db
def test_area_list_endpoint_against_raw_sql(client, fixtures_dir):
    demo_city_load()
    call_command("import_areas", str(fixtures_dir / "helsinki_districts_crs84.geojson"),
                 "--code-field=tunnus", "--name-field=nimi_fi", "--kind=district", stdout=None)

    def raw():
        with connection.cursor() as cursor:
            cursor.execute("SELECT array_agg(id ORDER BY code) FROM city_area")
            ids = cursor.fetchone()[0]
            cursor.execute(_FEATURES_SQL.format(output=_COLLECTION), {
                "ids": ids, "srid": 4326, "precision": GEOJSON_PRECISION, "language": "fi",
                "budget_kind": "budget_area"})
            return cursor.fetchone()[0]

    def endpoint():
        response = client.get("/api/v1/areas/")
        assert response.status_code == 200
        return response.content

    assert raw().encode() == endpoint()  # the same output, byte for byte
    raw_time, endpoint_time = best_of(raw), best_of(endpoint)
    print(f"\n/api/v1/areas/ ({len(endpoint()) // 1024} KiB, 91 areas): endpoint {endpoint_time * 1000:.1f} ms, "
          f"raw SQL {raw_time * 1000:.1f} ms, ratio {endpoint_time / raw_time:.2f}")
