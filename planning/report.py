"""The closing report's reads (phase 6): who took part, every comment with its answer, and the comments'
geometries as GeoJSON and as an SVG drawing, each computed by PostgreSQL in one statement.

Only published comments count: a comment hidden by a moderator or waiting for one is in none of it.
A commenter is a signed-in account once, however many comments it wrote; an anonymous comment has
no account to recognise, so each counts as a commenter of its own (the figure is an upper bound).
Nothing in it names a commenter: no account, no email, no reaction key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import override

from config.design_tokens import token
from planning.models import COMMENT_PHASES, AgeBand, CommentStatus, Process, StakeholderGroup

# A report shows the public, published process to everyone, and any process to its planners (preview).
REPORT_PHASE = 6


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    comments: int
    commenters: int


@dataclass(frozen=True)
class Participation:
    total: Count
    by_group: list[Count]
    by_age_band: list[Count]
    by_phase: list[Count]


@dataclass(frozen=True)
class ReportComment:
    number: int  # 1, 2, … in the order they came: the same number on the map, in the list and in the files
    pk: int
    phase: int
    phase_name: str
    text: str
    group: str
    group_label: str
    age_band: str
    age_band_label: str
    language: str
    created_at: datetime
    geometry_type: str  # "Point", "LineString", "Polygon" or "" for the plan as a whole
    geometry_label: str
    answer_text: str
    answer_theme: str
    answered_at: datetime | None


@dataclass(frozen=True)
class ClosingReport:
    process: Process
    language: str
    participation: Participation
    comments: list[ReportComment]
    closing_summary: str
    answered: int
    unanswered: int
    mapped: int  # comments with a geometry (on the map)


_PARTICIPATION_SQL = """
SELECT GROUPING(c."group"), GROUPING(c.age_band), GROUPING(c.phase),
       c."group", c.age_band, c.phase,
       count(*),
       count(DISTINCT c.author_id) + count(*) FILTER (WHERE c.author_id IS NULL)
FROM planning_comment c
WHERE c.process_id = %(process)s AND c.status = %(published)s
GROUP BY GROUPING SETS ((c."group"), (c.age_band), (c.phase), ())
"""


def participation(process: Process) -> Participation:
    """Comments and commenters in all, by the group commenters said they belong to, by age band and by
    phase, in one statement (GROUPING SETS); every group and band is listed, also with none."""
    with connection.cursor() as cursor:
        cursor.execute(_PARTICIPATION_SQL, {"process": process.pk, "published": CommentStatus.PUBLISHED})
        rows = cursor.fetchall()
    groups, bands, phases, total = {}, {}, {}, (0, 0)
    for g_group, g_band, g_phase, group, band, phase, comments, commenters in rows:
        if not g_group:
            groups[group] = (comments, commenters)
        elif not g_band:
            bands[band] = (comments, commenters)
        elif not g_phase:
            phases[phase] = (comments, commenters)
        else:
            total = (comments, commenters)
    not_said = _("Did not say")

    def counts(known: dict, choices: list[tuple[str, str]]) -> list[Count]:
        listed = [Count(key, str(label), *known.get(key, (0, 0))) for key, label in choices]
        extra = [Count(key, key, *value) for key, value in known.items() if key not in dict(choices)]
        return listed + extra  # a group unknown to this version still counts, by its code

    return Participation(
        total=Count("", _("All comments"), *total),
        by_group=counts(groups, [*StakeholderGroup.choices, ("", not_said)]),
        by_age_band=counts(bands, [*AgeBand.choices, ("", not_said)]),
        by_phase=[Count(str(phase), process.phase_name(phase), *phases.get(int(phase), (0, 0)))
                  for phase in COMMENT_PHASES],
    )


# The published comments numbered in the order they came, with their answers. The SQL is shared by the
# list, the CSV, the GeoJSON and the SVG so that comment 7 is the same comment in each.
_NUMBERED = """
SELECT c.id, c.phase, c.text, c."group", c.age_band, c.language, c.created_at, c.geometry, c.answer_id,
       row_number() OVER (ORDER BY c.created_at, c.id) AS number
FROM planning_comment c
WHERE c.process_id = %(process)s AND c.status = %(published)s
"""

_COMMENTS_SQL = f"""
SELECT n.number, n.id, n.phase, n.text, n."group", n.age_band, n.language, n.created_at,
       COALESCE(ST_GeometryType(n.geometry), ''), a.text, a.theme, a.created_at
FROM ({_NUMBERED}) n
LEFT JOIN planning_answer a ON a.id = n.answer_id
ORDER BY n.number
"""

def geometry_label(kind: str) -> str:
    """A comment's place in words: a point, a line, an area, or the plan as a whole."""
    return {"Point": _("Point"), "LineString": _("Line"), "Polygon": _("Area")}.get(kind, _("The plan as a whole"))


def report_comments(process: Process) -> list[ReportComment]:
    """Every published comment with its answer (if any), numbered in the order they came."""
    with connection.cursor() as cursor:
        cursor.execute(_COMMENTS_SQL, {"process": process.pk, "published": CommentStatus.PUBLISHED})
        rows = cursor.fetchall()
    groups, bands = dict(StakeholderGroup.choices), dict(AgeBand.choices)
    comments = []
    for number, pk, phase, text, group, band, language, created_at, kind, answer, theme, answered_at in rows:
        kind = kind.removeprefix("ST_")
        comments.append(ReportComment(
            number=number, pk=pk, phase=phase, phase_name=process.phase_name(phase), text=text, group=group,
            group_label=str(groups.get(group, group)), age_band=band, age_band_label=str(bands.get(band, band)),
            language=language, created_at=created_at, geometry_type=kind, geometry_label=geometry_label(kind),
            answer_text=answer or "", answer_theme=theme or "", answered_at=answered_at))
    return comments


def closing_report(process: Process, *, language: str) -> ClosingReport:
    comments = report_comments(process)
    answered = sum(1 for comment in comments if comment.answer_text)
    return ClosingReport(
        process=process, language=language, participation=participation(process), comments=comments,
        closing_summary=process.closing_summary(language), answered=answered,
        unanswered=len(comments) - answered, mapped=sum(1 for comment in comments if comment.geometry_type))


# The commented geometries as a GeoJSON FeatureCollection in WGS84, built by PostGIS.
_GEOJSON_SQL = f"""
SELECT json_build_object(
    'type', 'FeatureCollection',
    'features', COALESCE(json_agg(json_build_object(
        'type', 'Feature',
        'id', n.number,
        'geometry', ST_AsGeoJSON(ST_Transform(n.geometry, 4326), 6)::json,
        'properties', json_build_object(
            'number', n.number,
            'phase', n.phase,
            'phase_name', %(phase_names)s::json ->> n.phase::text,
            'text', n.text,
            'group', NULLIF(n."group", ''),
            'group_name', %(group_names)s::json ->> n."group",
            'age_band', NULLIF(n.age_band, ''),
            'age_band_name', %(band_names)s::json ->> n.age_band,
            'created_at', n.created_at,
            'answer', a.text,
            'answer_theme', NULLIF(a.theme, ''),
            'answered_at', a.created_at
        )
    ) ORDER BY n.number) FILTER (WHERE n.geometry IS NOT NULL), '[]'::json)
)::text
FROM ({_NUMBERED}) n
LEFT JOIN planning_answer a ON a.id = n.answer_id
"""


def report_geojson(process: Process, *, language: str) -> str:
    """The commented geometries (points, lines, polygons) with their comment and answer, as GeoJSON text."""
    with override(language):
        params = {
            "process": process.pk, "published": CommentStatus.PUBLISHED,
            "phase_names": json.dumps({str(phase): process.phase_name(phase) for phase in range(1, 7)}),
            "group_names": json.dumps({key: str(label) for key, label in StakeholderGroup.choices}),
            "band_names": json.dumps({key: str(label) for key, label in AgeBand.choices}),
        }
    with connection.cursor() as cursor:
        cursor.execute(_GEOJSON_SQL, params)
        return cursor.fetchone()[0]


def process_boundary_geojson(process: Process) -> dict | None:
    """The plan's boundary in WGS84 for the report's map (None for a project without one)."""
    if process.boundary is None:
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT ST_AsGeoJSON(ST_Transform(boundary, 4326), 6) FROM planning_process WHERE id = %s",
                       [process.pk])
        return json.loads(cursor.fetchone()[0])


# The drawing of the PDF (which has no background map): the plan's boundary and every commented
# geometry as SVG path data from PostGIS, moved so that the frame's top-left corner is (0, 0) in the
# storage SRID's metres (ST_AsSVG turns y downwards; small numbers keep the PDF's renderer exact).
_SVG_SQL = f"""
WITH numbered AS ({_NUMBERED}),
frame AS (
    SELECT ST_Extent(g) AS box FROM (
        SELECT geometry AS g FROM numbered WHERE geometry IS NOT NULL
        UNION ALL SELECT boundary FROM planning_process WHERE id = %(process)s AND boundary IS NOT NULL
    ) everything
),
measured AS (
    SELECT box, GREATEST(ST_XMax(box) - ST_XMin(box), ST_YMax(box) - ST_YMin(box), 200.0) AS size
    FROM frame WHERE box IS NOT NULL
),
origin AS (
    SELECT size, ST_XMin(box) - size * 0.08 AS x0, ST_YMax(box) + size * 0.08 AS y1,
           ST_XMax(box) - ST_XMin(box) + size * 0.16 AS width, ST_YMax(box) - ST_YMin(box) + size * 0.16 AS height
    FROM measured
)
SELECT origin.size, origin.width, origin.height,
       (SELECT ST_AsSVG(ST_Translate(boundary, -origin.x0, -origin.y1), 0, 1)
        FROM planning_process WHERE id = %(process)s),
       (SELECT COALESCE(json_agg(json_build_array(
                   n.number, ST_GeometryType(n.geometry),
                   ST_AsSVG(ST_Translate(n.geometry, -origin.x0, -origin.y1), 0, 1),
                   ST_X(label.point) - origin.x0, origin.y1 - ST_Y(label.point)) ORDER BY n.number), '[]'::json)
        FROM numbered n CROSS JOIN LATERAL (SELECT ST_PointOnSurface(n.geometry) AS point) label
        WHERE n.geometry IS NOT NULL)
FROM origin
"""


@dataclass(frozen=True)
class SvgShape:
    number: int
    kind: str  # "point", "path"
    svg: str  # ST_AsSVG's attributes (cx/cy) of a point or path data of a line or polygon
    label_x: float
    label_y: float


@dataclass(frozen=True)
class SvgDrawing:
    view_box: str
    boundary: str  # path data of the plan's boundary, "" for none
    shapes: list[SvgShape]
    stroke: float
    radius: float
    font_size: float
    colours: dict[str, str]


def report_svg(process: Process) -> SvgDrawing | None:
    """The plan's boundary and the comments' geometries, numbered, framed with a margin; None when there
    is nothing to draw. Colours come from the design tokens."""
    with connection.cursor() as cursor:
        cursor.execute(_SVG_SQL, {"process": process.pk, "published": CommentStatus.PUBLISHED})
        row = cursor.fetchone()
    if row is None:
        return None
    size, width, height, boundary, shapes = row
    shapes = json.loads(shapes) if isinstance(shapes, str) else shapes
    return SvgDrawing(
        view_box=f"0 0 {width:.1f} {height:.1f}", boundary=boundary or "",
        shapes=[SvgShape(number=number, kind="point" if kind == "ST_Point" else "path", svg=svg,
                         label_x=round(x, 1), label_y=round(y, 1)) for number, kind, svg, x, y in shapes],
        stroke=round(size / 200, 2), radius=round(size / 45, 2), font_size=round(size / 35, 2),
        colours={"boundary": token("map-outline"), "comment": token("map-selected"), "fill": token("map-area-fill"),
                 "text": token("ink"), "halo": token("white")},
    )


def report_is_public(process: Process) -> bool:
    return process.published and process.phase == REPORT_PHASE
