"""python manage.py generate_feedback N: N synthetic reports over the city, for benchmarks only.

Generated in the database (``INSERT … SELECT``) in batches of one statement each: points by
``ST_GeneratePoints`` inside each residential area, as many per area as its share of the
population; category, kind, status, date and street address drawn at random (fixed seeds). Like a
real city's reports they have a history: each its creation event, and one that moved on from
"received" its status event, often with a public note (what the Open311 list shows) and sometimes
an internal one; about one in twenty has a public photo (the file does not exist). A million
reports take about a minute or two. The reports are numbered ``BENCH-0000001`` … so they never mix
with real numbers, have no followers, and are removed with their rows by ``--delete``. The tables
filled are analysed at the end. Refuses to run with DEBUG=false unless --force.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from city.models import AreaKind
from city.sql import tables_analyze
from geo_feedback.models import Feedback, FeedbackEvent, FeedbackPhoto

PREFIX = "BENCH-"
PHOTO_SHARE = 0.05  # reports with one public photo

# Real Seinäjoki streets; a report's address is one of these and a house number.
STREETS = [
    "Kauppakatu", "Keskuskatu", "Koulukatu", "Kalevankatu", "Valtionkatu", "Vapaudentie", "Ruukintie",
    "Puistopurontie", "Alvar Aallon katu", "Kirkkokatu", "Vaasantie", "Ilmajoentie", "Kyrönkatu",
    "Kivistöntie", "Törnäväntie", "Pohjankatu", "Marttilantie", "Jouppilanvuorentie", "Alavudentie",
    "Sevontie", "Hietasalontie", "Somppilantie", "Koskelanmäentie", "Louontie", "Luomantie", "Hamarintie",
]

# Staff notes, in Finnish as the city writes them. A status event carries a public note with the
# probability given (the Open311 list shows the latest one), the note drawn from the list.
PUBLIC_NOTES = {
    "routed": (0.15, ["Palaute on välitetty vastuuyksikölle."]),
    "in_progress": (0.40, ["Asia on työn alla.", "Korjaus on tilattu urakoitsijalta.",
                           "Käymme katsomassa paikan tällä viikolla."]),
    "handled": (0.85, ["Korjattu.", "Kiitos palautteesta! Asia on korjattu.", "Alue on siivottu.",
                       "Kiitos ideasta, se on välitetty suunnittelijoille.", "Vastasimme sähköpostitse."]),
    "duplicate": (0.70, ["Sama asia on jo ilmoitettu, ja sitä käsitellään toisessa palautteessa."]),
    "forwarded": (1.00, ["Tämä aihe kuuluu toiselle taholle. Palautteesi on välitetty sinne."]),
    "not_citys": (0.80, ["Alue ei ole kaupungin ylläpitämä. Välitimme tiedon maanomistajalle.",
                         "Tie on valtion ylläpitämä: ilmoitathan Väylävirastolle."]),
}
INTERNAL_SHARE = 0.20  # status events with an internal note besides; a rejection always has one
INTERNAL_NOTES = ["Tarkistettu paikan päällä.", "Urakoitsija kuitannut työn.", "Soitettu ilmoittajalle.",
                  "Sama paikka kuin viime kuussa."]
REJECTED_NOTE = "Asiaton sisältö."


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _texts(values: list[str]) -> str:
    return "ARRAY[" + ", ".join(map(_literal, values)) + "]"


def _note(status_column: str, draw: str) -> str:
    """SQL picking a status's public note when ``draw`` (uniform in 0…1) falls below its probability."""
    cases = [
        f"WHEN {status_column} = '{status}' AND {draw} < {share} "
        f"THEN ({_texts(notes)})[1 + floor({draw} / {share} * {len(notes)})::int]"
        for status, (share, notes) in PUBLIC_NOTES.items()
    ]
    return "CASE " + " ".join(cases) + " ELSE '' END"


# One batch, one statement: points in each area by population share, one report per point, and
# with the reports their history rows and photos (data-modifying CTEs: each sees the reports'
# RETURNING rows). %(batch)s reports.
#
# The history is what the services write: every report's creation event (version 1, from "" to
# "received", details {"channel": …}, as feedback_create), and for a report that moved on one
# status event from "received" (version 2, as feedback_transition) at the time of its last change.
# A "received" report has not changed since it came in.
_INSERT = f"""
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
           random() AS status_draw, random() AS kind_draw, random() AS age_draw, random() AS other_draw,
           random() AS handling_draw, random() AS street_draw, random() AS house_draw
    FROM points, categories
    LIMIT %(batch)s
), timed AS (
    SELECT drawn.*,
           CASE WHEN status_draw < 0.08 THEN 'received' WHEN status_draw < 0.14 THEN 'in_triage'
                WHEN status_draw < 0.22 THEN 'routed' WHEN status_draw < 0.30 THEN 'in_progress'
                WHEN status_draw < 0.80 THEN 'handled' WHEN status_draw < 0.86 THEN 'duplicate'
                WHEN status_draw < 0.90 THEN 'forwarded' WHEN status_draw < 0.96 THEN 'not_citys'
                ELSE 'rejected' END AS status,
           now() - age_draw * interval '365 days' AS created_at
    FROM drawn
), reports AS (
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
        location,
        ({_texts(STREETS)})[1 + floor(street_draw * {len(STREETS)})::int] || ' ' || (1 + floor(house_draw * 120)::int),
        area_id, status,
        CASE WHEN other_draw < 0.7 THEN 'web' WHEN other_draw < 0.8 THEN 'phone' ELSE 'api' END,
        CASE WHEN other_draw < 0.88 THEN 'fi' WHEN other_draw < 0.97 THEN 'sv' ELSE 'en' END,
        '', '', '',
        'bench-' || (%(offset)s + seq) || '-' || md5(other_draw::text),
        CASE WHEN other_draw < 0.3 THEN floor(other_draw * 40)::int ELSE 0 END,
        created_at, changed_at, changed_at,
        CASE WHEN status = 'received' THEN 1 ELSE 2 END
    FROM (
        -- Handled within hours to weeks (most soon, a few after two months), never in the future.
        SELECT timed.*, CASE WHEN status = 'received' THEN created_at
                             ELSE LEAST(now(), created_at + handling_draw ^ 3 * interval '60 days'
                                               + interval '10 minutes') END AS changed_at
        FROM timed
    ) AS changed, categories
    RETURNING id, number, status, channel, created_at, updated_at
), events AS (
    INSERT INTO geo_feedback_feedbackevent (
        feedback_id, actor_id, created_at, from_status, to_status, public_note, internal_note, action,
        details, version
    )
    SELECT id, NULL::integer, created_at, '', 'received', '', '', 'created', jsonb_build_object('channel', channel), 1
    FROM reports
    UNION ALL
    SELECT id, NULL::integer, updated_at, 'received', status, {_note("status", "note_draw")},
           CASE WHEN status = 'rejected' THEN {_literal(REJECTED_NOTE)}
                WHEN internal_draw < {INTERNAL_SHARE}
                THEN ({_texts(INTERNAL_NOTES)})[1 + floor(internal_draw / {INTERNAL_SHARE}
                                                          * {len(INTERNAL_NOTES)})::int]
                ELSE '' END,
           'status', '{{}}'::jsonb, 2
    FROM (SELECT reports.*, random() AS note_draw, random() AS internal_draw
          FROM reports WHERE status <> 'received') AS moved
    RETURNING 1
), photos AS (
    -- Uploaded with the report; the thumbnail job has run. The files do not exist.
    INSERT INTO geo_feedback_feedbackphoto (
        feedback_id, image, thumbnail, width, height, position, is_public, created_at
    )
    SELECT id, 'feedback/bench/' || number || '.jpg', 'feedback/bench/thumbs/' || number || '.jpg',
           1600, 1200, 0, true, created_at
    FROM reports
    WHERE random() < {PHOTO_SHARE}
    RETURNING 1
)
SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM events), (SELECT count(*) FROM photos)
"""

# Every table the generator fills: analysed at the end.
_FILLED = (Feedback, FeedbackEvent, FeedbackPhoto)


def bench_reports_delete() -> int:
    """Remove every BENCH- report with its history, photos, followers and Idempotency-Keys."""
    bench = "SELECT id FROM geo_feedback_feedback WHERE number LIKE %s"
    with transaction.atomic(), connection.cursor() as cursor:
        # The foreign keys cascade in Django (on_delete), not in the database: the rows that refer
        # to a report go first.
        for table in ("geo_feedback_feedbackphoto", "geo_feedback_feedbackevent", "geo_feedback_feedbackfollower",
                      "geo_feedback_idempotencykey"):
            cursor.execute(f"DELETE FROM {table} WHERE feedback_id IN ({bench})", [PREFIX + "%"])
        cursor.execute("DELETE FROM geo_feedback_feedback WHERE number LIKE %s", [PREFIX + "%"])
        return cursor.rowcount


def bench_reports_generate(count: int, *, batch: int = 100_000, seed: int = 1, progress=None) -> int:
    """Insert ``count`` BENCH- reports in batches, with their history and photos; returns how many exist afterwards."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(MAX(substr(number, %s)::bigint), 0) FROM geo_feedback_feedback WHERE number LIKE %s",
            [len(PREFIX) + 1, PREFIX + "%"],
        )
        offset = cursor.fetchone()[0]
        cursor.execute("SELECT setseed(%s)", [(seed % 1000) / 1000])
        made = events = photos = 0
        started = time.monotonic()
        while made < count:
            size = min(batch, count - made)
            with transaction.atomic():
                cursor.execute(_INSERT, {
                    "kind": AreaKind.POSTAL_AREA, "batch": size, "seed": seed + offset + made + 1,
                    "prefix": PREFIX, "offset": offset + made,
                })
                reports, batch_events, batch_photos = cursor.fetchone()
                if reports == 0:
                    raise CommandError("No residential area with a population: load the demo city first.")
                made += reports
                events += batch_events
                photos += batch_photos
            if progress:
                elapsed = time.monotonic() - started
                progress(f"{made:>10,} / {count:,} reports  {elapsed:6.1f} s  ({made / elapsed:,.0f} rows/s)"
                         f"  {events:,} events, {photos:,} photos")
    # The planner's estimates of the lists the benchmarks time come from these statistics.
    tables_analyze(*_FILLED)
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
