"""Benchmark: a plan's comments as GeoJSON (/api/v1/plans/{id}/comments/) against independent raw SQL,
for a plan with 10 000 comments.

Run with `make bench` (or `pytest tests/bench/test_bench_plan_comments.py -s`); not part of CI, and
asserts nothing about time. The comments are generated with a fixed seed: points, lines, areas and
comments on the plan as a whole, texts of every length, likes, answers by theme, and some hidden or
flagged (which both sides leave out). Prints medians of interleaved runs and their ratio (issue #13
aims at 1.5× or less).
"""

from __future__ import annotations

import json
import random
import time
from datetime import timedelta

import pytest
from django.contrib.gis.geos import LineString, Point, Polygon
from django.db import connection
from django.utils import timezone, translation

from city.demo import demo_city_load
from city.sql import tables_analyze
from planning.models import AgeBand, Answer, Comment, CommentStatus, Phase, StakeholderGroup
from tests.bench import raw_sql
from tests.bench.timing import interleaved_medians
from tests.factories.processes import PLAN_X, PLAN_Y, process_make

SIZE = 10_000
SEED = 13
ROUNDS = 20
WORDS = ("suojatie", "puisto", "pyörätie", "koulureitti", "valaistus", "penkki", "leikkipaikka", "bussipysäkki",
         "kerrostalo", "pysäköinti", "metsä", "melu", "katu", "ylitys", "hidaste", "talvikunnossapito")


def _geometry(rng: random.Random):
    """A point, line or area in the plan's surroundings (a 1 km square with 500 m around it), or none."""
    kind = rng.random()
    x, y = PLAN_X + rng.uniform(-500, 1500), PLAN_Y + rng.uniform(-500, 1500)
    if kind < 0.45:
        return Point(x, y, srid=3067)
    if kind < 0.65:
        steps = rng.randint(2, 12)
        return LineString([(x + i * rng.uniform(10, 60), y + rng.uniform(-40, 40)) for i in range(steps)], srid=3067)
    if kind < 0.85:
        size = rng.uniform(20, 200)
        return Polygon(((x, y), (x + size, y), (x + size, y + size * 0.7), (x + size * 0.2, y + size), (x, y)),
                       srid=3067)
    return None


def comments_generate(process, size: int = SIZE) -> int:
    """``size`` comments of ``process`` in its draft phase, deterministic (fixed seed); returns the
    number of published ones. Bulk-inserted: the services' checks are not what is measured here."""
    rng = random.Random(SEED)
    themes = [Answer.objects.create(process=process, theme=f"Teema {n}", text=f"Vastaus teemaan {n}: " + " ".join(
        rng.choices(WORDS, k=30))) for n in range(40)]
    start = timezone.now() - timedelta(days=60)
    rows = []
    for index in range(size):
        roll = rng.random()
        status = (CommentStatus.HIDDEN if roll < 0.02 else CommentStatus.FLAGGED if roll < 0.04
                  else CommentStatus.PUBLISHED)
        rows.append(Comment(
            process=process, phase=rng.choice([Phase.NEEDS, Phase.GOALS, Phase.DRAFT, Phase.DRAFT]),
            text=" ".join(rng.choices(WORDS, k=rng.randint(3, 90))).capitalize() + ".",
            geometry=_geometry(rng), group=rng.choice(["", "", *StakeholderGroup.values]),
            age_band=rng.choice(["", "", *AgeBand.values]), language=rng.choice(["fi", "fi", "fi", "sv", "en"]),
            status=status, like_count=int(rng.paretovariate(1.5)) - 1, flag_count=3 if roll < 0.04 else 0,
            answer=rng.choice(themes) if rng.random() < 0.3 else None,
            created_at=start + timedelta(seconds=index * 500 + rng.randint(0, 400))))
    Comment.objects.bulk_create(rows, batch_size=2000)
    tables_analyze(Comment, Answer)
    return sum(1 for row in rows if row.status == CommentStatus.PUBLISHED)


def _labels() -> dict:
    with translation.override("fi"):
        return {
            "phases": json.dumps({str(value): str(label) for value, label in Phase.choices}),
            "groups": json.dumps({value: str(label) for value, label in StakeholderGroup.choices}),
            "ages": json.dumps({value: str(label) for value, label in AgeBand.choices}),
        }


@pytest.mark.django_db
def test_plan_comments_against_raw_sql(client):
    demo_city_load()
    plan = process_make(name_fi="Vertailukaava")
    started = time.monotonic()
    published = comments_generate(plan)
    print(f"\n{SIZE:,} comments generated in {time.monotonic() - started:.1f} s ({published:,} published)")
    params = {**_labels(), "process": plan.pk}

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(raw_sql.PLAN_COMMENTS, params)
            return cursor.fetchone()[0]

    def endpoint():
        response = client.get(f"/api/v1/plans/{plan.pk}/comments/?lang=fi")
        assert response.status_code == 200, response.content[:500]
        return response.content

    ours, theirs = json.loads(endpoint()), json.loads(raw())
    assert len(ours["features"]) == published
    assert [f["id"] for f in ours["features"]] == [f["id"] for f in theirs["features"]]  # the same, in order
    assert [f["geometry"] for f in ours["features"]] == [f["geometry"] for f in theirs["features"]]
    raw_time, endpoint_time = interleaved_medians(raw, endpoint, ROUNDS)
    print(f"/api/v1/plans/{{id}}/comments/ ({published:,} of {SIZE:,} comments, {len(endpoint()) // 1024} KiB): "
          f"endpoint {endpoint_time * 1000:.1f} ms, raw SQL {raw_time * 1000:.1f} ms, "
          f"ratio {endpoint_time / raw_time:.2f}")
