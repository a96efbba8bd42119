"""Benchmark: one page of the feedback map (bbox, 500 reports) against independent raw SQL.

Run with `make bench` (or `pytest tests/bench/test_bench_feedback.py -s`); not part of CI. Fills the
test database with 100 000 and then 1 000 000 synthetic reports (``generate_feedback``), checks the
endpoint gives the raw statement's reports in its order, and prints medians of interleaved runs.
"""

import json
import time

import pytest
from django.db import connection

from city.demo import demo_city_load
from geo_feedback.management.commands.generate_feedback import bench_reports_generate
from geo_feedback.seed import categories_seed
from tests.bench import raw_sql
from tests.bench.timing import interleaved_medians

ROUNDS = 20
BBOXES = {
    "centre, 3 × 2 km": (22.83, 62.77, 22.89, 62.79),
    "whole city": (22.2, 62.4, 23.5, 63.2),
}


@pytest.mark.django_db
@pytest.mark.parametrize("size", [100_000, 1_000_000])
def test_feedback_bbox_page_against_raw_sql(client, size):
    demo_city_load()
    categories_seed()
    started = time.monotonic()
    bench_reports_generate(size, progress=lambda line: print("  " + line))
    print(f"\n{size:,} reports generated in {time.monotonic() - started:.1f} s")
    labels = raw_sql.finnish_parameters()

    for name, (west, south, east, north) in BBOXES.items():
        box = {**labels, "west": west, "south": south, "east": east, "north": north}

        def raw(box=box):
            with connection.cursor() as cursor:
                cursor.execute(raw_sql.MAP_BBOX, box)
                return cursor.fetchone()[0]

        def endpoint(bbox=f"{west},{south},{east},{north}"):
            response = client.get(f"/api/v1/feedback/?bbox={bbox}&limit=500&lang=fi")
            assert response.status_code == 200, response.content[:500]
            return response.content

        ours = [feature["id"] for feature in json.loads(endpoint())["features"]]
        assert len(ours) == 500
        assert ours == [feature["id"] for feature in json.loads(raw())]  # the same reports, in the same order
        raw_time, endpoint_time = interleaved_medians(raw, endpoint, ROUNDS)
        print(f"/api/v1/feedback/?bbox ({name}, {size:,} reports, {len(endpoint()) // 1024} KiB): "
              f"endpoint {endpoint_time * 1000:.1f} ms, raw SQL {raw_time * 1000:.1f} ms, "
              f"ratio {endpoint_time / raw_time:.2f}")
