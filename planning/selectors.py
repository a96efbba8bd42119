"""Reads of participation processes for residents' pages and the API: what is public, in a language.

The API's GeoJSON (the processes on the map, one process, a process's comments) is built by PostGIS,
one statement each, as the feedback map is (geo_feedback/selectors.py): geometry transformed to
WGS84 in the database, labels passed in as JSON in the request's language. Never a commenter's
account, a reactor key, a follower or a comment that is hidden or waits for a moderator.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from city.links import page_path
from city.paging import InvalidCursor, decode_cursor, encode_cursor  # noqa: F401 (the API views import them from here)
from city.sql import local_time_sql, localized_name_sql, queryset_sql, stored_file_url_sql
from planning.models import (
    COMMENT_PHASES,
    AgeBand,
    AttachmentKind,
    CommentStatus,
    Phase,
    Process,
    ProcessAction,
    ProcessKind,
    StakeholderGroup,
    StatutoryStep,
)
from planning.models.processes import PUBLIC_PROCESS_ACTIONS, WHAT_RESIDENTS_CAN_DO

MAX_PAGE = 500  # processes per page of the API's list; a city runs a few dozen at a time


def processes_public() -> QuerySet[Process]:
    """The processes residents may see: the published ones, newest first."""
    return Process.objects.filter(published=True).select_related("department", "area")


def process_public(pk: int) -> Process | None:
    return processes_public().filter(pk=pk).first()


def _labels(choices) -> dict[str, str]:
    return {str(value): str(label) for value, label in choices.choices}


@functools.lru_cache(maxsize=8)
def _language_params(language: str) -> Mapping[str, object]:
    """What the processes' SQL reads besides their rows, in one language: the labels of kinds,
    phases (as each kind names them), statutory steps, groups and actions, and the pages' address.

    Made once a language while the process lives (the catalogues are read at start)."""
    with translation.override(language):
        phase_names = {kind: {str(phase): Process(kind=kind).phase_name(phase) for phase in Phase.values}
                       for kind in ProcessKind.values}
        return MappingProxyType({
            "language": language,
            "kind_labels": json.dumps(_labels(ProcessKind)),
            "phase_names": json.dumps(phase_names),
            "phase_lists": json.dumps({kind: [{"phase": int(phase), "name": names[phase]} for phase in names]
                                       for kind, names in phase_names.items()}),
            "can_do": json.dumps({str(int(phase)): str(text) for phase, text in WHAT_RESIDENTS_CAN_DO.items()}),
            "step_labels": json.dumps(_labels(StatutoryStep)),
            "group_labels": json.dumps(_labels(StakeholderGroup)),
            "age_labels": json.dumps(_labels(AgeBand)),
            "action_labels": json.dumps(_labels(ProcessAction)),
            "attachment_labels": json.dumps(_labels(AttachmentKind)),
            "comment_phases": [int(phase) for phase in COMMENT_PHASES],
            "public_actions": [str(action) for action in PUBLIC_PROCESS_ACTIONS],
            "url_prefix": page_path("plans:list", language),  # a process's page is this + its id + "/"
        })


def _api_path(name: str, *args) -> str:
    return reverse(name, args=args)


# One process as a GeoJSON Feature: what the map and the list show. The boundary (a service
# project may have none: null) in WGS84; the affected areas with their share and estimate.
_PROPERTIES = """
    'id', p.id,
    'kind', p.kind,
    'kind_label', %(kind_labels)s::jsonb ->> p.kind,
    'name', {name},
    'name_fi', p.name_fi,
    'name_sv', p.name_sv,
    'name_en', p.name_en,
    'phase', p.phase,
    'phase_name', %(phase_names)s::jsonb -> p.kind ->> p.phase::text,
    'statutory_step', NULLIF(p.statutory_step, ''),
    'statutory_step_label', CASE WHEN p.statutory_step <> '' THEN %(step_labels)s::jsonb ->> p.statutory_step END,
    'diary_number', p.diary_number,
    'accepts_comments', p.phase = ANY(%(comment_phases)s),
    'area', CASE WHEN sa.id IS NOT NULL THEN json_build_object('code', sa.code, 'name', {area_name}) END,
    'affected_areas', (
        SELECT COALESCE(json_agg(json_build_object(
            'code', a.code,
            'name', {affected_name},
            'share_inside', round(aa.share_inside::numeric, 4),
            'distance_m', round(aa.distance_m::numeric, 1),
            'residents_estimate', aa.residents_estimate
        ) ORDER BY aa.share_inside DESC, aa.distance_m, a.code), '[]'::json)
        FROM planning_affectedarea aa JOIN city_area a ON a.id = aa.area_id
        WHERE aa.process_id = p.id
    ),
    'url', %(url_prefix)s || p.id || '/'
""".format(name=localized_name_sql("p"), area_name=localized_name_sql("sa"), affected_name=localized_name_sql("a"))

_FEATURE = """
json_build_object(
    'type', 'Feature',
    'id', p.id,
    'geometry', ST_AsGeoJSON(ST_Transform(p.boundary, 4326), 6)::json,
    'properties', json_build_object({properties}{extra})
)
"""


def _one_line(sql: str) -> str:
    """psycopg caches its parsing of a statement only up to 4 KB; the literals hold no runs of spaces."""
    return " ".join(sql.split())


@dataclass(frozen=True)
class PlanPage:
    features_json: str  # a JSON array of GeoJSON Features, as text from the database
    next_cursor: str | None


_LIST_COLUMNS = ("pk", "created_at")
_LIST_SQL = _one_line("""
SELECT
    COALESCE(json_agg({feature} ORDER BY q.n) FILTER (WHERE q.n <= %(limit)s), '[]'::json)::text,
    count(*) > %(limit)s,
    max(q.created_at) FILTER (WHERE q.n = %(limit)s),
    max(q.id) FILTER (WHERE q.n = %(limit)s)
FROM (
    SELECT r.id, r.created_at, row_number() OVER (ORDER BY r.created_at DESC, r.id DESC) AS n
    FROM ({rows}) AS r(id, created_at)
) q
JOIN planning_process p ON p.id = q.id
LEFT JOIN city_area sa ON sa.id = p.area_id
""".format(feature=_FEATURE.format(properties=_PROPERTIES, extra=""), rows="{rows}"))


def plans_page(*, kinds: tuple[str, ...] = (), phases: tuple[int, ...] = (), limit: int = 100, cursor: str = "",
               language: str = "fi") -> PlanPage:
    """One page of the public processes, newest first, as GeoJSON Features built by PostGIS (one statement)."""
    queryset = processes_public()
    if kinds:
        queryset = queryset.filter(kind__in=kinds)
    if phases:
        queryset = queryset.filter(phase__in=phases)
    if cursor:
        created_at, pk = decode_cursor(cursor)
        queryset = queryset.filter(created_at__lte=created_at).exclude(created_at=created_at, pk__gte=pk)
    try:
        rows_sql, rows_params = queryset_sql(
            queryset.order_by("-created_at", "-pk").values_list(*_LIST_COLUMNS)[: limit + 1])
    except EmptyResultSet:
        return PlanPage(features_json="[]", next_cursor=None)
    with connection.cursor() as db:
        db.execute(_LIST_SQL.replace("{rows}", rows_sql), {**rows_params, "limit": limit, **_language_params(language)})
        features, more, last_created, last_id = db.fetchone()
    return PlanPage(features_json=features, next_cursor=encode_cursor(last_created, last_id) if more else None)


# Everything public about one process: the list's properties and its summary, the six phases as
# its kind names them, what residents can do now, the schedule, the public history, the stakeholder
# groups a planner accepted, the attachments' addresses and the number of public comments.
_DETAIL_EXTRA = """,
    'summary', COALESCE(NULLIF(CASE %(language)s WHEN 'sv' THEN p.summary_sv WHEN 'en' THEN p.summary_en END, ''),
                        p.summary_fi),
    'closing_summary', NULLIF(COALESCE(NULLIF(CASE %(language)s WHEN 'sv' THEN p.closing_summary_sv
                                                 WHEN 'en' THEN p.closing_summary_en END, ''),
                                       p.closing_summary_fi), ''),
    'department', {department_name},
    'requires_sign_in', p.requires_sign_in,
    'what_residents_can_do', %(can_do)s::jsonb ->> p.phase::text,
    'phases', %(phase_lists)s::jsonb -> p.kind,
    'schedule', (
        SELECT COALESCE(json_agg(json_build_object(
            'phase', s.phase,
            'phase_name', %(phase_names)s::jsonb -> p.kind ->> s.phase::text,
            'starts_on', s.starts_on,
            'ends_on', s.ends_on
        ) ORDER BY s.phase), '[]'::json)
        FROM planning_phaseschedule s WHERE s.process_id = p.id
    ),
    'history', (
        SELECT COALESCE(json_agg(json_build_object(
            'at', {event_at},
            'action', e.action,
            'action_label', %(action_labels)s::jsonb ->> e.action,
            'from_phase', e.from_phase,
            'to_phase', e.to_phase,
            'reason', e.reason
        ) ORDER BY e.created_at, e.id), '[]'::json)
        FROM planning_processevent e WHERE e.process_id = p.id AND e.action = ANY(%(public_actions)s)
    ),
    'stakeholders', (
        SELECT COALESCE(json_agg(json_build_object(
            'group', m."group",
            'group_label', %(group_labels)s::jsonb ->> m."group",
            'area', CASE WHEN ma.id IS NOT NULL THEN json_build_object('code', ma.code, 'name', {mapped_area_name}) END,
            'why', m.why,
            'how_reached', m.how_reached,
            'when_reached', m.when_reached,
            'outcome', m.outcome,
            'residents_estimate', m.residents_estimate
        ) ORDER BY m."group", ma.code NULLS FIRST, m.id), '[]'::json)
        FROM planning_stakeholdermapping m LEFT JOIN city_area ma ON ma.id = m.area_id
        WHERE m.process_id = p.id AND NOT m.proposed
    ),
    'attachments', (
        SELECT COALESCE(json_agg(json_build_object(
            'kind', f.kind,
            'kind_label', %(attachment_labels)s::jsonb ->> f.kind,
            'title', COALESCE(NULLIF(CASE %(language)s WHEN 'sv' THEN f.title_sv WHEN 'en' THEN f.title_en END, ''),
                              f.title_fi),
            'url', {attachment_url}
        ) ORDER BY f.created_at, f.id), '[]'::json)
        FROM planning_attachment f WHERE f.process_id = p.id
    ),
    'comment_count', (SELECT count(*) FROM planning_comment c WHERE c.process_id = p.id AND c.status = %(published)s),
    'comments_url', %(comments_prefix)s || p.id || '/comments/'
""".format(
    department_name=localized_name_sql("d"),
    mapped_area_name=localized_name_sql("ma"),
    event_at=local_time_sql("e.created_at", "%(tz)s", isoformat=True),
    attachment_url=stored_file_url_sql("f.file", "%(media)s"),
)
_DETAIL_SQL = _one_line("""
SELECT {feature}::text
FROM planning_process p
JOIN city_department d ON d.id = p.department_id
LEFT JOIN city_area sa ON sa.id = p.area_id
WHERE p.id = %(id)s AND p.published
""".format(feature=_FEATURE.format(properties=_PROPERTIES, extra=_DETAIL_EXTRA)))


def plan_public_json(pk: int, *, language: str, media_url: str) -> str | None:
    """The public process ``pk`` as a GeoJSON Feature with everything public about it (one
    statement), or None if there is none. ``media_url`` is the absolute URL stored files follow."""
    params = {**_language_params(language), "id": pk, "media": media_url, "published": CommentStatus.PUBLISHED,
              "tz": timezone.get_current_timezone_name(), "comments_prefix": _api_path("plan-list")}
    with connection.cursor() as cursor:
        cursor.execute(_DETAIL_SQL, params)
        row = cursor.fetchone()
    return row[0] if row else None


# A public comment as a GeoJSON Feature: its drawing in WGS84 (null for the plan as a whole) and
# what residents see of it. Never its author, its language, its reactions or its flags.
_COMMENT_FEATURE = """
json_build_object(
    'type', 'Feature',
    'id', c.id,
    'geometry', ST_AsGeoJSON(ST_Transform(c.geometry, 4326), 6)::json,
    'properties', json_build_object(
        'id', c.id,
        'text', c.text,
        'phase', c.phase,
        'phase_name', %(phase_names)s::jsonb -> p.kind ->> c.phase::text,
        'group', NULLIF(c."group", ''),
        'group_label', CASE WHEN c."group" <> '' THEN %(group_labels)s::jsonb ->> c."group" END,
        'age_band', NULLIF(c.age_band, ''),
        'age_band_label', CASE WHEN c.age_band <> '' THEN %(age_labels)s::jsonb ->> c.age_band END,
        'like_count', c.like_count,
        'created', {created},
        'answer', CASE WHEN an.id IS NOT NULL THEN json_build_object('text', an.text, 'theme', an.theme) END
    )
)
""".format(created=local_time_sql("c.created_at", "%(tz)s", isoformat=True))

# The collection is built inside the process's row: an unknown or unpublished process gives no row.
_COMMENTS_SQL = _one_line("""
SELECT (
    SELECT '{{"type": "FeatureCollection", "features": ' || COALESCE(json_agg({feature} ORDER BY c.created_at, c.id),
                                                                  '[]'::json)::text || '}}'
    FROM planning_comment c
    LEFT JOIN planning_answer an ON an.id = c.answer_id
    WHERE c.process_id = p.id AND c.status = %(published)s
)
FROM planning_process p
WHERE p.id = %(id)s AND p.published
""".format(feature=_COMMENT_FEATURE))

_COMMENT_SQL = _one_line("""
SELECT {feature}::text
FROM planning_comment c
JOIN planning_process p ON p.id = c.process_id
LEFT JOIN planning_answer an ON an.id = c.answer_id
WHERE c.id = %(id)s AND c.status = %(published)s AND p.published
""".format(feature=_COMMENT_FEATURE))


def _comment_params(language: str, pk: int) -> dict:
    return {**_language_params(language), "id": pk, "published": CommentStatus.PUBLISHED,
            "tz": timezone.get_current_timezone_name()}


def plan_comments_json(pk: int, *, language: str) -> str | None:
    """The published comments of the public process ``pk``, oldest first, as a GeoJSON
    FeatureCollection built by PostGIS in one statement; None if there is no such process."""
    with connection.cursor() as cursor:
        cursor.execute(_COMMENTS_SQL, _comment_params(language, pk))
        row = cursor.fetchone()
    return row[0] if row else None


def comment_public_json(pk: int, *, language: str) -> str | None:
    """One published comment as a GeoJSON Feature (what its sender gets back), or None."""
    with connection.cursor() as cursor:
        cursor.execute(_COMMENT_SQL, _comment_params(language, pk))
        row = cursor.fetchone()
    return row[0] if row else None
