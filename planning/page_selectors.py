"""Reads for the residents' pages of a process: its timeline, areas, groups, history, comments and
the map's GeoJSON (built by PostGIS), and the earlier feedback around it (through geo_feedback's
public selector). Only what is public: never a commenter's account, a follower or a reactor key."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from django.contrib.gis.db.models.functions import ClosestPoint, Intersection, PointOnSurface
from django.contrib.gis.geos import GEOSGeometry
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet

from city.sql import localized_name_sql
from geo_feedback.selectors import feedback_public_near
from planning.models import (
    COMMENT_PHASES,
    WHAT_RESIDENTS_CAN_DO,
    AffectedArea,
    Attachment,
    Comment,
    CommentStatus,
    Phase,
    Process,
    ProcessAction,
    ProcessEvent,
    StakeholderMapping,
)
from planning.models.processes import PUBLIC_PROCESS_ACTIONS
from planning.selectors import processes_public
from planning.services.comments import comment_place_reference

COMMENTS_PAGE_SIZE = 50
FEEDBACK_NEAR_LIMIT = 200  # phase 1's earlier reports: the newest this many


@dataclass(frozen=True)
class PhaseStep:
    """One phase on the timeline: its name as the process's kind calls it, and its planned dates."""

    number: int
    name: str
    state: str  # "done", "current" or "upcoming"
    starts_on: date | None
    ends_on: date | None

    @property
    def is_current(self) -> bool:
        return self.state == "current"


@dataclass(frozen=True)
class HistoryRow:
    """A public event: a phase move (a move back with its reason) or the publication."""

    at: object
    action: str
    phase: int | None
    phase_name: str
    reason: str


def processes_open_for_comments() -> QuerySet[Process]:
    """Published processes in a phase that takes comments (1, 4 and 5), newest first."""
    return processes_public().filter(phase__in=COMMENT_PHASES)


def process_timeline(process: Process) -> list[PhaseStep]:
    schedule = {row.phase: row for row in process.schedule.all()}
    steps = []
    for phase in Phase:
        state = "done" if phase < process.phase else "current" if phase == process.phase else "upcoming"
        row = schedule.get(phase)
        steps.append(PhaseStep(number=int(phase), name=process.phase_name(phase), state=state,
                               starts_on=row.starts_on if row else None, ends_on=row.ends_on if row else None))
    return steps


def what_residents_can_do(process: Process) -> str:
    return str(WHAT_RESIDENTS_CAN_DO[Phase(process.phase)])


def process_affected_areas(process: Process) -> list[AffectedArea]:
    """The residential areas the process touches, those inside first (largest share first)."""
    return list(AffectedArea.objects.filter(process=process).select_related("area"))


def process_stakeholders_public(process: Process) -> list[StakeholderMapping]:
    """The groups a planner has accepted; the system's proposals are not yet the plan's word."""
    return list(StakeholderMapping.objects.filter(process=process, proposed=False).select_related("area")
                .order_by("group", "area__name_fi"))


def process_attachments(process: Process) -> list[Attachment]:
    return list(Attachment.objects.filter(process=process).order_by("created_at", "id"))


def process_history_public(process: Process) -> list[HistoryRow]:
    rows = []
    for event in ProcessEvent.objects.filter(process=process, action__in=PUBLIC_PROCESS_ACTIONS):
        phase = event.to_phase if event.action != ProcessAction.PUBLISHED else None
        rows.append(HistoryRow(at=event.created_at, action=event.action, phase=phase,
                               phase_name=process.phase_name(phase) if phase else "",
                               reason=event.reason if event.action == ProcessAction.PHASE_BACK else ""))
    return rows


def process_comments_page(process: Process, page_number) -> Page:
    """One page of the process's published comments, newest first, with their answers."""
    comments = (Comment.objects.filter(process=process, status=CommentStatus.PUBLISHED)
                .select_related("answer").order_by("-created_at", "-id")
                .only("id", "process_id", "phase", "text", "geometry", "group", "age_band", "language",
                      "like_count", "created_at", "answer__id", "answer__text", "answer__theme",
                      "answer__created_at"))
    return Paginator(comments, COMMENTS_PAGE_SIZE).get_page(page_number)


def comment_public(process: Process, comment_pk: int) -> Comment | None:
    """A comment residents may like or flag: published, of this (public) process."""
    return Comment.objects.filter(process=process, pk=comment_pk, status=CommentStatus.PUBLISHED).first()


# The process's place and its affected areas in WGS84, and the comments of one page of the list,
# as GeoJSON built by PostGIS in one statement. A service project without a boundary shows the area
# it serves, if any.
_MAP_SQL = """
SELECT json_build_object(
    'boundary', ST_AsGeoJSON(ST_Transform(COALESCE(p.boundary, served.boundary), 4326), 6)::json,
    'areas', (
        SELECT COALESCE(json_agg(json_build_object(
            'type', 'Feature',
            'id', a.code,
            'geometry', ST_AsGeoJSON(ST_Transform(a.boundary, 4326), 6)::json,
            'properties', json_build_object(
                'code', a.code, 'name', {area_name}, 'inside', aa.share_inside > 0,
                'share', round((aa.share_inside * 100)::numeric, 1),
                'distance_m', round(aa.distance_m::numeric), 'residents_estimate', aa.residents_estimate)
        ) ORDER BY aa.share_inside DESC, aa.distance_m), '[]'::json)
        FROM planning_affectedarea aa JOIN city_area a ON a.id = aa.area_id
        WHERE aa.process_id = p.id
    ),
    'comments', (
        SELECT COALESCE(json_agg(json_build_object(
            'type', 'Feature',
            'id', c.id,
            'geometry', ST_AsGeoJSON(ST_Transform(c.geometry, 4326), 6)::json,
            'properties', json_build_object('id', c.id, 'excerpt', left(c.text, 120))
        ) ORDER BY c.created_at DESC, c.id DESC), '[]'::json)
        FROM planning_comment c
        WHERE c.id = ANY(%(comments)s) AND c.process_id = p.id AND c.status = 'published' AND c.geometry IS NOT NULL
    )
)::text
FROM planning_process p
LEFT JOIN city_area served ON served.id = p.area_id
WHERE p.id = %(process)s
""".format(area_name=localized_name_sql("a"))


def process_map_json(process: Process, *, comment_ids: list[int], language: str) -> dict:
    """What the plan's maps draw: ``boundary`` (GeoJSON geometry or None), ``areas`` (the affected
    areas as Features) and ``comments`` (the listed comments that have a place, as Features)."""
    with connection.cursor() as cursor:
        cursor.execute(_MAP_SQL, {"process": process.pk, "comments": comment_ids, "language": language})
        return json.loads(cursor.fetchone()[0])


def process_feedback_near(process: Process, *, language: str) -> list[dict]:
    """Phase 1: public feedback reports inside the plan's area or within its neighbour distance
    (a service project: its area's), newest first, as GeoJSON Features; empty without a place."""
    reference = comment_place_reference(process)
    if reference is None:
        return []
    return json.loads(feedback_public_near(reference, metres=process.neighbour_distance_m,
                                           limit=FEEDBACK_NEAR_LIMIT, language=language))


def feedback_by_category_and_kind(features: list[dict]) -> list[dict]:
    """How many of ``features`` there are of each category and kind, most first."""
    counts: dict[tuple[str, str], int] = {}
    for feature in features:
        props = feature["properties"]
        key = (props["category_name"], props["kind_label"])
        counts[key] = counts.get(key, 0) + 1
    return [{"category": category, "kind": kind, "count": count}
            for (category, kind), count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def affected_area_point(process: Process, area_code: str) -> GEOSGeometry | None:
    """A point standing for an affected area, for a comment placed by choosing it from the list:
    inside the part of it within the plan, or, for a neighbour, its point nearest the plan."""
    row = (AffectedArea.objects.filter(process=process, area__code=area_code)
           .annotate(inside_point=PointOnSurface(Intersection("area__boundary", "process__boundary")),
                     nearest_point=ClosestPoint("area__boundary", "process__boundary"),
                     any_point=PointOnSurface("area__boundary"))
           .values("share_inside", "inside_point", "nearest_point", "any_point").first())
    if row is None:
        return None
    if row["share_inside"] > 0 and row["inside_point"] is not None and not row["inside_point"].empty:
        return row["inside_point"]
    return row["nearest_point"] or row["any_point"]


def attachment_by_file(name: str) -> Attachment | None:
    """The attachment stored as ``name`` (relative to MEDIA_ROOT), with its process."""
    if not name or name.startswith("/") or ".." in name.split("/"):
        return None
    return Attachment.objects.select_related("process").filter(file=name).first()
