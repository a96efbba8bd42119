"""Benchmark: Open311 ``GET requests.json`` and ``.xml`` (the default: last 90 days, 1000 requests)
against independent raw SQL building the same document.

Run with `make bench` (or `pytest tests/bench/test_bench_open311.py -s`); not part of CI. Fills the
test database with 100 000 synthetic reports over a year, with history, photos and addresses
(``generate_feedback``), checks the endpoint lists the raw statement's requests in its order, and
prints medians of interleaved runs and their ratio.
"""

import json
import time
import xml.etree.ElementTree as ET

import pytest
from django.db import connection

from city.demo import demo_city_load
from geo_feedback.management.commands.generate_feedback import bench_reports_generate
from geo_feedback.seed import categories_seed
from tests.bench import raw_sql
from tests.bench.timing import interleaved_medians

ROUNDS = 20
SIZE = 100_000


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "sql"), [("json", raw_sql.OPEN311_JSON), ("xml", raw_sql.OPEN311_XML)])
def test_open311_requests_against_raw_sql(client, name, sql):
    demo_city_load()
    categories_seed()
    started = time.monotonic()
    bench_reports_generate(SIZE, progress=lambda line: print("  " + line))
    print(f"\n{SIZE:,} reports generated in {time.monotonic() - started:.1f} s")
    params = {**raw_sql.finnish_parameters(), "limit": 1000, "media": "http://testserver/media/"}

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]

    def endpoint():
        response = client.get(f"/open311/v2/requests.{name}?locale=fi")
        assert response.status_code == 200, response.content[:500]
        return response.content

    if name == "json":
        ours = [r["service_request_id"] for r in json.loads(endpoint())]
        theirs = [r["service_request_id"] for r in json.loads(raw())]
    else:
        ours = [e.text for e in ET.fromstring(endpoint()).iter("service_request_id")]
        theirs = [e.text for e in ET.fromstring(raw().encode()).iter("service_request_id")]
    assert len(ours) == 1000 and ours == theirs  # the same requests in the same order
    raw_time, endpoint_time = interleaved_medians(raw, endpoint, ROUNDS)
    print(f"/open311/v2/requests.{name} (1000 of {SIZE:,} reports, {len(endpoint()) // 1024} KiB): "
          f"endpoint {endpoint_time * 1000:.1f} ms, raw SQL {raw_time * 1000:.1f} ms, "
          f"ratio {endpoint_time / raw_time:.2f}")
