"""Benchmark: Open311 ``GET requests.json`` (the default: last 90 days, 1000 requests) against raw SQL.

Run with `make bench` (or `pytest tests/bench/test_bench_open311.py -s`); not part of CI. Fills the
test database with 100 000 synthetic reports over a year (about 25 000 in the default window),
checks the endpoint's requests equal the raw SQL's (same ids in the same order, same fields),
and prints the times and their ratio. The raw SQL builds the same list as JSON in one statement;
the endpoint reads the rows in one query and shapes each in Python (``representation.py``).
"""

import json
import time

import pytest
from django.db import connection
from django.utils import translation

from city.demo import demo_city_load
from geo_feedback.management.commands.generate_feedback import bench_reports_generate
from geo_feedback.seed import categories_seed
from geo_feedback.statuses import HIDDEN_STATUSES, OPEN_STATUSES
from tests.bench.timing import best_of

ROUNDS = 20
SIZE = 100_000

RAW = """
WITH page AS (
    SELECT id FROM geo_feedback_feedback
    WHERE status <> ALL(%(hidden)s) AND created_at >= now() - interval '90 days' AND created_at <= now()
    ORDER BY created_at DESC, id DESC
    LIMIT 1000
)
SELECT COALESCE(json_agg(json_build_object(
    'service_request_id', f.number,
    'status', CASE WHEN f.status = ANY(%(open)s) THEN 'open' ELSE 'closed' END,
    'status_notes', (SELECT NULLIF(e.public_note, '') FROM geo_feedback_feedbackevent e
                     WHERE e.feedback_id = f.id AND e.public_note <> '' ORDER BY e.created_at DESC, e.id DESC LIMIT 1),
    'service_name', c.name_fi,
    'service_code', c.service_code,
    'description', f.description,
    'agency_responsible', d.name_fi,
    'requested_datetime', f.created_at,
    'updated_datetime', f.updated_at,
    'expected_datetime', f.created_at + c.target_days * interval '1 day',
    'address', NULLIF(f.address_text, ''),
    'zipcode', CASE WHEN a.kind = 'postal_area' THEN a.code END,
    'lat', round(ST_Y(ST_Transform(f.location, 4326))::numeric, 6),
    'long', round(ST_X(ST_Transform(f.location, 4326))::numeric, 6),
    'media_url', (SELECT p.image FROM geo_feedback_feedbackphoto p
                  WHERE p.feedback_id = f.id AND p.is_public ORDER BY p.position, p.id LIMIT 1)
) ORDER BY f.created_at DESC, f.id DESC), '[]'::json)::text
FROM page
JOIN geo_feedback_feedback f ON f.id = page.id
JOIN geo_feedback_category c ON c.id = f.category_id
JOIN city_department d ON d.id = f.department_id
LEFT JOIN city_area a ON a.id = f.area_id
"""

COMPARED = ("service_request_id", "status", "status_notes", "service_name", "service_code", "description",
            "agency_responsible", "address", "zipcode", "lat", "long", "media_url")


@pytest.mark.django_db
def test_open311_requests_against_raw_sql(client):
    demo_city_load()
    categories_seed()
    started = time.monotonic()
    bench_reports_generate(SIZE, progress=lambda line: print("  " + line))
    print(f"\n{SIZE:,} reports generated in {time.monotonic() - started:.1f} s")
    params = {"hidden": list(HIDDEN_STATUSES), "open": list(OPEN_STATUSES)}

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(RAW, params)
            return cursor.fetchone()[0]

    def endpoint():
        response = client.get("/open311/v2/requests.json?locale=fi")
        assert response.status_code == 200, response.content[:500]
        return response.content

    with translation.override("fi"):
        ours, theirs = json.loads(endpoint()), json.loads(raw())
    assert len(ours) == len(theirs) == 1000
    for mine, sql in zip(ours, theirs, strict=True):
        assert {k: mine[k] for k in COMPARED} == {k: sql[k] for k in COMPARED}
    def endpoint_xml():
        response = client.get("/open311/v2/requests.xml?locale=fi")
        assert response.status_code == 200, response.content[:500]
        return response.content

    raw_time = best_of(raw, ROUNDS)
    for name, function in (("json", endpoint), ("xml", endpoint_xml)):
        endpoint_time = best_of(function, ROUNDS)
        print(f"/open311/v2/requests.{name} (1000 of {SIZE:,} reports, {len(function()) // 1024} KiB): "
              f"endpoint {endpoint_time * 1000:.1f} ms, raw SQL (JSON) {raw_time * 1000:.1f} ms, "
              f"ratio {endpoint_time / raw_time:.2f}")
