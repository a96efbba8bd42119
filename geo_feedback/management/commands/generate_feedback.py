"""python manage.py generate_feedback N: N synthetic reports over the city, for benchmarks only.

Generated in the database (``INSERT … SELECT``) in batches: points by ``ST_GeneratePoints`` inside
each residential area, as many per area as its share of the population; category, kind, status
and date drawn at random (fixed seeds). A million rows take about a minute. The reports are
numbered ``BENCH-0000001`` … so they never mix with real numbers, have no history rows, photos
or followers, and are removed with ``--delete``. Refuses to run with DEBUG=false unless --force.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from city.models import AreaKind

PREFIX = "BENCH-"

# One batch: points in each area by population share, then one row per point. %(batch)s rows.
_INSERT = """
WITH areas AS (
    SELECT id, boundary, population::float8 / SUM(population) OVER () AS share
    FROM city_area
    WHERE kind = %(kind)s AND population > 0 AND NOT ST_IsEmpty(boundary)
), points AS (
    SELECT areas.id AS area_id, (ST_Dump(ST_GeneratePoints(areas.boundary,
           CEIL(areas.share * %(batch)s)::int, %(seed)s))).geom AS location
    FROM areas
), categories AS (
    SELECT array_agg(id ORDER BY id) AS ids, array_agg(department_id ORDER BY id) AS departments,
           count(*) AS n
    FROM geo_feedback_category WHERE is_active
), drawn AS (
    SELECT points.*, row_number() OVER () AS seq,
           1 + floor(random() * categories.n)::int AS pick,
           random() AS status_draw, random() AS kind_draw, random() AS age_draw, random() AS other_draw
    FROM points, categories
    LIMIT %(batch)s
)
INSERT INTO geo_feedback_feedback (
    number, category_id, department_id, kind, description, location, address_text, area_id, status,
    channel, language, reporter_name, reporter_email, reporter_phone, follow_token, supporter_count,
    created_at, updated_at, status_changed_at, version
)
SELECT
    %(prefix)s || lpad((%(offset)s + seq)::text, 7, '0'),
    categories.ids[pick], categories.departments[pick],
    CASE WHEN kind_draw < 0.50 THEN 'fault' WHEN kind_draw < 0.72 THEN 'idea'
         WHEN kind_draw < 0.88 THEN 'question' ELSE 'praise' END,
    'Vertailuaineiston palaute numero ' || (%(offset)s + seq) || '.',
    location, '', area_id,
    CASE WHEN status_draw < 0.08 THEN 'received' WHEN status_draw < 0.14 THEN 'in_triage'
         WHEN status_draw < 0.22 THEN 'routed' WHEN status_draw < 0.30 THEN 'in_progress'
         WHEN status_draw < 0.80 THEN 'handled' WHEN status_draw < 0.86 THEN 'duplicate'
         WHEN status_draw < 0.90 THEN 'forwarded' WHEN status_draw < 0.96 THEN 'not_citys'
         ELSE 'rejected' END,
    CASE WHEN other_draw < 0.7 THEN 'web' WHEN other_draw < 0.8 THEN 'phone' ELSE 'api' END,
    CASE WHEN other_draw < 0.88 THEN 'fi' WHEN other_draw < 0.97 THEN 'sv' ELSE 'en' END,
    '', '', '',
    'bench-' || (%(offset)s + seq) || '-' || md5(other_draw::text),
    CASE WHEN other_draw < 0.3 THEN floor(other_draw * 40)::int ELSE 0 END,
    now() - age_draw * interval '365 days',
    now() - age_draw * interval '300 days',
    now() - age_draw * interval '300 days',
    1
FROM drawn, categories
"""


def bench_reports_delete() -> int:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM geo_feedback_feedback WHERE number LIKE %s", [PREFIX + "%"])
        return cursor.rowcount


def bench_reports_generate(count: int, *, batch: int = 100_000, seed: int = 1, progress=None) -> int:
    """Insert ``count`` BENCH- reports in batches; returns how many exist afterwards."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(MAX(substr(number, %s)::bigint), 0) FROM geo_feedback_feedback WHERE number LIKE %s",
            [len(PREFIX) + 1, PREFIX + "%"],
        )
        offset = cursor.fetchone()[0]
        cursor.execute("SELECT setseed(%s)", [(seed % 1000) / 1000])
        made = 0
        started = time.monotonic()
        while made < count:
            size = min(batch, count - made)
            with transaction.atomic():
                cursor.execute(_INSERT, {
                    "kind": AreaKind.POSTAL_AREA, "batch": size, "seed": seed + offset + made + 1,
                    "prefix": PREFIX, "offset": offset + made,
                })
                if cursor.rowcount == 0:
                    raise CommandError("No residential area with a population: load the demo city first.")
                made += cursor.rowcount
            if progress:
                elapsed = time.monotonic() - started
                progress(f"{made:>10,} / {count:,} reports  {elapsed:6.1f} s  ({made / elapsed:,.0f} rows/s)")
        cursor.execute("ANALYZE geo_feedback_feedback")
    return offset + made


class Command(BaseCommand):
    help = "Insert N synthetic BENCH- reports over the city's residential areas (benchmarks; not with DEBUG=false)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, nargs="?", default=0, help="How many reports to add.")
        parser.add_argument("--batch", type=int, default=100_000, help="Rows per INSERT (default 100 000).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (the same seed, the same points).")
        parser.add_argument("--delete", action="store_true", help="Remove every BENCH- report first.")
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG=false.")

    def handle(self, *args, count: int, batch: int, seed: int, delete: bool, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is false: this looks like production. Add --force to fill it with "
                               "synthetic reports anyway.")
        if count < 0 or batch < 1:
            raise CommandError("N must be 0 or more and --batch at least 1.")
        if delete:
            self.stdout.write(f"Deleted {bench_reports_delete():,} BENCH- reports.")
        if count:
            total = bench_reports_generate(count, batch=batch, seed=seed, progress=self.stdout.write)
            self.stdout.write(f"Done: {total:,} BENCH- reports in the database.")
