"""Benchmark: one page of the feedback map (bbox, 500 reports) against the raw SQL giving the same output.

Run with `make bench` (or `pytest tests/bench/test_bench_feedback.py -s`); not part of CI. Fills the
test database with 100 000 and then 1 000 000 synthetic reports (``generate_feedback``), checks
the endpoint's features equal the raw SQL's, and prints the times and their ratio.
"""

import json
import time

import pytest
from django.contrib.gis.geos import Polygon
from django.db import connection
from django.utils import translation

from city.demo import demo_city_load
from city.querysets import to_storage
from geo_feedback.management.commands.generate_feedback import bench_reports_generate
from geo_feedback.models import FeedbackKind
from geo_feedback.seed import categories_seed
from geo_feedback.selectors import _FEATURE, _labels
from geo_feedback.statuses import HIDDEN_STATUSES, FeedbackStatus
from tests.bench.timing import best_of

ROUNDS = 20
LIMIT = 500
BBOXES = {
    "centre, 3 × 2 km": (22.83, 62.77, 22.89, 62.79),
    "whole city": (22.2, 62.4, 23.5, 63.2),
}

# The same page in one statement: ids by the spatial filter and the order, then the features.
RAW = """
WITH page AS (
    SELECT id FROM geo_feedback_feedback
    WHERE status <> ALL(%(hidden)s) AND location IS NOT NULL
      AND ST_Intersects(location, ST_GeomFromEWKB(%(box)s))
    ORDER BY created_at DESC, id DESC
    LIMIT %(limit)s
)
SELECT COALESCE(json_agg({feature} ORDER BY f.created_at DESC, f.id DESC), '[]'::json)::text
FROM page
JOIN geo_feedback_feedback f ON f.id = page.id
JOIN geo_feedback_category c ON c.id = f.category_id
LEFT JOIN city_area a ON a.id = f.area_id
""".format(feature=_FEATURE.format(extra=""))


@pytest.mark.django_db
@pytest.mark.parametrize("size", [100_000, 1_000_000])
def test_feedback_bbox_page_against_raw_sql(client, size):
    demo_city_load()
    categories_seed()
    started = time.monotonic()
    bench_reports_generate(size, progress=lambda line: print("  " + line))
    print(f"\n{size:,} reports generated in {time.monotonic() - started:.1f} s")
    with translation.override("fi"):
        params = {"hidden": list(HIDDEN_STATUSES), "limit": LIMIT, "language": "fi",
                  "kind_labels": _labels(FeedbackKind), "status_labels": _labels(FeedbackStatus),
                  "url_prefix": "/palaute/"}

    for name, bbox in BBOXES.items():
        box = Polygon.from_bbox(bbox)
        box.srid = 4326

        def raw(box=box):
            with connection.cursor() as cursor:
                cursor.execute(RAW, {**params, "box": bytes(to_storage(box).ewkb)})
                return cursor.fetchone()[0]

        def endpoint(bbox=bbox):
            response = client.get(f"/api/v1/feedback/?bbox={','.join(map(str, bbox))}&limit={LIMIT}&lang=fi")
            assert response.status_code == 200, response.content[:500]
            return response.content

        features = json.loads(endpoint())["features"]
        assert len(features) == LIMIT
        assert features == json.loads(raw())  # the same reports, in the same order, with the same properties
        raw_time, endpoint_time = best_of(raw, ROUNDS), best_of(endpoint, ROUNDS)
        print(f"/api/v1/feedback/?bbox ({name}, {size:,} reports, {len(endpoint()) // 1024} KiB): "
              f"endpoint {endpoint_time * 1000:.1f} ms, raw SQL {raw_time * 1000:.1f} ms, "
              f"ratio {endpoint_time / raw_time:.2f}")
