"""OpenAPI description of the plans API: zoning plans and service development projects, their
comments, and a resident's new comment.

The answers are GeoJSON written by PostGIS (planning/selectors.py), so their shapes are written
here once and referenced by every operation that returns them; tests/api/test_contract.py checks
real responses against them.
"""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema

from config.api import GEOJSON
from config.openapi import (
    BAD_REQUEST,
    LOCALIZED_PARAMETERS,
    NOT_FOUND,
    TOO_LARGE,
    cursor_page_parameters,
    error_response,
    object_schema,
    ref,
    register_components,
)
from geo_feedback.api.schema import RETRY_AFTER, UNSUPPORTED, comma_list_parameter
from planning.models import COMMENT_MAX, AgeBand, AttachmentKind, Phase, ProcessKind, StakeholderGroup
from planning.models.processes import PUBLIC_PROCESS_ACTIONS, StatutoryStep
from planning.selectors import MAX_PAGE

JSON = "application/json"
PHASE = {"type": "integer", "minimum": 1, "maximum": 6,
         "description": "The participation phase: 1 needs, 2 stakeholders, 3 announcement, 4 goals, 5 draft, 6 final."}
KIND = {"type": "string", "enum": ProcessKind.values}
GROUP = {"type": "string", "enum": StakeholderGroup.values}
AGE_BAND = {"type": "string", "enum": AgeBand.values}
COUNT = {"type": "integer", "minimum": 0}
DATE_TIME = {"type": "string", "format": "date-time"}
NULLABLE_STRING = {"type": "string", "nullable": True}
NAMED_AREA = {
    "type": "object",
    "properties": {"code": {"type": "string"}, "name": {"type": "string", "description": "In the client's language."}},
    "required": ["code", "name"],
}

_PLAN_PROPERTIES = {
    "id": {"type": "integer", "minimum": 1},
    "kind": {**KIND, "description": "A zoning plan's kind, or `service_development` (§3.3.1)."},
    "kind_label": {"type": "string"},
    "name": {"type": "string", "description": "In the client's language where the process has a name in it, "
                                              "else Finnish."},
    "name_fi": {"type": "string"},
    "name_sv": {"type": "string", "description": "Empty when it has no Swedish name."},
    "name_en": {"type": "string", "description": "Empty when it has no English name."},
    "phase": PHASE,
    "phase_name": {"type": "string", "description": "The phase's name as this kind of process calls it (a "
                                                    "service project's phase 5 is co-design and pilot)."},
    "statutory_step": {"type": "string", "enum": [*[step for step in StatutoryStep.values if step], None],
                       "nullable": True,
                       "description": "A zoning plan's step under the Land Use and Building Act; null before "
                                      "initiation and for a service project."},
    "statutory_step_label": NULLABLE_STRING,
    "diary_number": {"type": "string", "description": "The city's record number; may be empty.",
                     "example": "1234/10.02.03/2026"},
    "accepts_comments": {"type": "boolean", "description": "Whether residents may comment now (phases 1, 4 and 5)."},
    "area": {**NAMED_AREA, "nullable": True,
             "description": "A service project's area (a school's district), if it has one."},
    "affected_areas": {"type": "array", "items": ref("AffectedArea"),
                       "description": "Residential areas inside the boundary or near it, most affected first."},
    "url": {"type": "string", "description": "The process's page, in the client's language.", "example": "/kaavat/7/"},
}

register_components({
    "AffectedArea": object_schema({
        "code": {"type": "string", "example": "60100"},
        "name": {"type": "string"},
        "share_inside": {"type": "number", "minimum": 0, "maximum": 1,
                         "description": "Share of the area's surface inside the boundary; 0 for a neighbour."},
        "distance_m": {"type": "number", "minimum": 0, "description": "Metres from the boundary; 0 when they overlap."},
        "residents_estimate": {"type": "integer", "minimum": 0, "nullable": True,
                               "description": "Population × share inside: an estimate, not a count."},
    }, description="A residential area the process affects, computed by PostGIS from the boundary."),
    "PlanProperties": object_schema(
        _PLAN_PROPERTIES, description="What the map and the list show of a zoning plan or a service project."),
    "PlanFeature": object_schema({
        "type": {"type": "string", "enum": ["Feature"]},
        "id": {"type": "integer"},
        "geometry": {"allOf": [ref("MultiPolygonGeometry")], "nullable": True,
                     "description": "The boundary; null for a service project without one."},
        "properties": ref("PlanProperties"),
    }, description="A public process as a GeoJSON Feature in EPSG:4326."),
    "PlanFeatureCollection": object_schema({
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "next": {"type": "string", "format": "uri", "nullable": True,
                 "description": "URL of the next page (same filters, a keyset cursor), or null on the last."},
        "features": {"type": "array", "items": ref("PlanFeature")},
    }, description="Published zoning plans and service projects, newest first, GeoJSON in EPSG:4326."),
    "PlanPhase": object_schema({"phase": PHASE, "name": {"type": "string"}},
                               description="One of the six phases as the process's kind names it."),
    "PlanSchedule": object_schema({
        "phase": PHASE,
        "phase_name": {"type": "string"},
        "starts_on": {"type": "string", "format": "date"},
        "ends_on": {"type": "string", "format": "date"},
    }, description="The planned start and end of one phase."),
    "PlanEvent": object_schema({
        "at": DATE_TIME,
        "action": {"type": "string", "enum": [str(action) for action in PUBLIC_PROCESS_ACTIONS]},
        "action_label": {"type": "string"},
        "from_phase": {**PHASE, "nullable": True},
        "to_phase": {**PHASE, "nullable": True},
        "reason": {"type": "string", "description": "Why: always given for a move back."},
    }, description="One step of the public history: a phase move (forward, or back with its reason) or the "
                   "publication."),
    "PlanStakeholder": object_schema({
        "group": GROUP,
        "group_label": {"type": "string"},
        "area": {**NAMED_AREA, "nullable": True, "description": "For residents: the residential area meant."},
        "why": {"type": "string"},
        "how_reached": {"type": "string"},
        "when_reached": {"type": "string"},
        "outcome": {"type": "string"},
        "residents_estimate": {"type": "integer", "minimum": 0, "nullable": True,
                               "description": "For an area's residents: an estimate."},
    }, description="A stakeholder group a planner accepted: why it is affected, and how and when it is reached."),
    "PlanAttachment": object_schema({
        "kind": {"type": "string", "enum": AttachmentKind.values},
        "kind_label": {"type": "string"},
        "title": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
    }, description="A draft map or report of the process."),
    "PlanDetailProperties": object_schema({
        **_PLAN_PROPERTIES,
        "summary": {"type": "string", "description": "What it is about, in plain language."},
        "closing_summary": {**NULLABLE_STRING,
                            "description": "Phase 6: how residents' comments changed the plan; null until written."},
        "department": {"type": "string"},
        "requires_sign_in": {"type": "boolean", "description": "Whether comments need a signed-in account."},
        "what_residents_can_do": {"type": "string", "description": "What residents can do in the current phase."},
        "phases": {"type": "array", "items": ref("PlanPhase"), "minItems": 6, "maxItems": 6},
        "schedule": {"type": "array", "items": ref("PlanSchedule")},
        "history": {"type": "array", "items": ref("PlanEvent")},
        "stakeholders": {"type": "array", "items": ref("PlanStakeholder")},
        "attachments": {"type": "array", "items": ref("PlanAttachment")},
        "comment_count": COUNT,
        "comments_url": {"type": "string", "description": "Its comments in this API.",
                         "example": "/api/v1/plans/7/comments/"},
    }, description="Everything public about a process: never its followers, draft stakeholder proposals or "
                   "staff notes."),
    "PlanDetailFeature": object_schema({
        "type": {"type": "string", "enum": ["Feature"]},
        "id": {"type": "integer"},
        "geometry": {"allOf": [ref("MultiPolygonGeometry")], "nullable": True},
        "properties": ref("PlanDetailProperties"),
    }, description="One public process as a GeoJSON Feature in EPSG:4326."),
    "LineStringGeometry": {
        "type": "object",
        "description": "A GeoJSON LineString in WGS84.",
        "properties": {"type": {"type": "string", "enum": ["LineString"]},
                       "coordinates": {"type": "array", "items": ref("LonLat"), "minItems": 2}},
        "required": ["type", "coordinates"],
    },
    "PolygonGeometry": {
        "type": "object",
        "description": "A GeoJSON Polygon in WGS84: rings of positions, the first the outer edge.",
        "properties": {"type": {"type": "string", "enum": ["Polygon"]},
                       "coordinates": {"type": "array", "items": {"type": "array", "items": ref("LonLat"),
                                                                  "minItems": 4}}},
        "required": ["type", "coordinates"],
    },
    "CommentGeometry": {
        "oneOf": [ref("PointGeometry"), ref("LineStringGeometry"), ref("PolygonGeometry")],
        "nullable": True,
        "description": "What the comment is about on the map: a point, a line or an area in WGS84; null for "
                       "the plan as a whole.",
    },
    "CommentAnswer": object_schema({
        "text": {"type": "string"},
        "theme": {"type": "string", "description": "What the comments it answers have in common; may be empty."},
    }, description="The planner's answer; one answer may cover several comments."),
    "CommentProperties": object_schema({
        "id": {"type": "integer"},
        "text": {"type": "string"},
        "phase": PHASE,
        "phase_name": {"type": "string"},
        "group": {**GROUP, "enum": [*StakeholderGroup.values, None], "nullable": True,
                  "description": "The group the commenter said they belong to, if they said."},
        "group_label": NULLABLE_STRING,
        "age_band": {**AGE_BAND, "enum": [*AgeBand.values, None], "nullable": True},
        "age_band_label": NULLABLE_STRING,
        "like_count": COUNT,
        "created": DATE_TIME,
        "answer": {"allOf": [ref("CommentAnswer")], "nullable": True},
    }, description="What residents see of a comment: never who wrote it, who liked or flagged it."),
    "CommentFeature": object_schema({
        "type": {"type": "string", "enum": ["Feature"]},
        "id": {"type": "integer"},
        "geometry": ref("CommentGeometry"),
        "properties": ref("CommentProperties"),
    }, description="A published comment as a GeoJSON Feature in EPSG:4326."),
    "CommentFeatureCollection": object_schema({
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {"type": "array", "items": ref("CommentFeature")},
    }, description="A process's published comments, oldest first; hidden ones and those waiting for a "
                   "moderator are left out."),
})

_COMMENT_FIELDS = {
    "text": {"type": "string", "minLength": 1, "maxLength": COMMENT_MAX,
             "description": f"The comment, at most {COMMENT_MAX} characters (public)."},
    "group": {**GROUP, "description": "The group the commenter belongs to, if they wish to say."},
    "age_band": {**AGE_BAND, "description": "The commenter's age band, if they wish to say."},
}
register_components({
    "CommentCreateRequest": {
        "type": "object",
        "description": "A comment as a plain object: `geometry` optional.",
        "properties": {**_COMMENT_FIELDS, "geometry": ref("CommentGeometry")},
        "required": ["text"],
        "example": {"text": "Tähän tarvitaan suojatie.", "geometry": {"type": "Point",
                                                                      "coordinates": [22.8565, 62.7823]}},
    },
    "CommentCreateFeatureRequest": {
        "type": "object",
        "description": "A comment as a GeoJSON Feature: the fields in `properties`, `geometry` null for the plan "
                       "as a whole.",
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "geometry": ref("CommentGeometry"),
            "properties": {"type": "object", "properties": _COMMENT_FIELDS, "required": ["text"]},
        },
        "required": ["type", "geometry", "properties"],
    },
})

ID_PARAMETER = OpenApiParameter("id", {"type": "integer", "minimum": 1}, OpenApiParameter.PATH,
                                description="The process's id.", examples=[OpenApiExample("A plan", value=1)])
COMMENTS_CLOSED = error_response(
    "The process takes no comments in its current phase (comments are taken in phases 1, 4 and 5).",
    "This plan takes no comments in its current phase.")
SIGN_IN_NEEDED = error_response(
    "The process takes comments only from signed-in accounts; or a signed-in session sent no valid CSRF token.",
    "Sign in to comment on this plan.")
COMMENT_THROTTLED = error_response(
    "Too many comments from this address; the `Retry-After` header says how many seconds to wait.",
    "Request was throttled. Expected available in 1200 seconds.")

plan_list_schema = extend_schema(
    operation_id="plans_list",
    tags=["plans"],
    summary="Zoning plans and service projects on the map (GeoJSON)",
    description=(
        "Published zoning plans and service development projects, newest first, as a GeoJSON "
        "FeatureCollection in EPSG:4326: the boundary (null for a service project without one), the "
        "participation phase as a number 1–6 with its name, the statutory step, the diary number and the "
        "affected residential areas with the share inside and an estimate of the residents affected. "
        "Paging is by keyset cursor: follow `next` until it is null."
    ),
    parameters=[
        comma_list_parameter("kind", KIND, "Kinds of process.", ["detailed_plan", "master_plan"]),
        comma_list_parameter("phase", {"type": "string", "enum": [str(phase) for phase in Phase.values]},
                             "Participation phases.", ["4", "5"]),
        *cursor_page_parameters(maximum=MAX_PAGE, per_page="Processes per page."),
        *LOCALIZED_PARAMETERS,
    ],
    responses={
        (200, GEOJSON): OpenApiResponse(ref("PlanFeatureCollection"), description="The processes."),
        400: BAD_REQUEST,
    },
)

plan_detail_schema = extend_schema(
    operation_id="plans_retrieve",
    tags=["plans"],
    summary="One zoning plan or service project",
    description=(
        "A published process with its summary, the six phases as its kind names them, what residents "
        "can do now, the schedule, the public history (phase moves, a move back with its reason), the "
        "stakeholder groups a planner accepted, the attachments and the number of public comments."
    ),
    parameters=[ID_PARAMETER, *LOCALIZED_PARAMETERS],
    responses={
        200: OpenApiResponse(ref("PlanDetailFeature"), description="The process."),
        404: NOT_FOUND,
    },
)

plan_comments_schema = extend_schema(
    operation_id="plan_comments_list",
    tags=["plans"],
    summary="A plan's comments (GeoJSON)",
    description=(
        "Every published comment of a process, oldest first, as a GeoJSON FeatureCollection in EPSG:4326 "
        "built by PostGIS: its drawing (point, line or area; null for the plan as a whole), text, phase, "
        "the commenter's group and age band if they gave them, likes, and the planner's answer. Never who "
        "wrote it; comments hidden by a moderator or waiting for one are left out."
    ),
    parameters=[ID_PARAMETER, *LOCALIZED_PARAMETERS],
    responses={
        (200, GEOJSON): OpenApiResponse(ref("CommentFeatureCollection"), description="The comments."),
        404: NOT_FOUND,
    },
)

plan_comment_create_schema = extend_schema(
    operation_id="plan_comments_create",
    tags=["plans"],
    summary="Comment on a plan",
    description=(
        "A resident's comment in phases 1, 4 and 5, as a GeoJSON Feature or a plain object, with an "
        "optional point, line or area in WGS84. A drawing is refused under `geometry` when it cannot be "
        "read, is of another type, crosses itself, has more than 5000 points or lies more than 2 km from "
        "the plan area; the text under `text` when empty or over 5000 characters; nothing is stored then. "
        "A process in another phase answers 409. Each client address may send a limited number of "
        "comments (429 with `Retry-After`); a refused comment gives its place back."
    ),
    parameters=[ID_PARAMETER, RETRY_AFTER, *LOCALIZED_PARAMETERS],
    request={JSON: {"oneOf": [ref("CommentCreateRequest"), ref("CommentCreateFeatureRequest")]}},
    responses={
        201: OpenApiResponse(ref("CommentFeature"), description="The comment as it is published."),
        400: BAD_REQUEST,
        403: SIGN_IN_NEEDED,
        404: NOT_FOUND,
        409: COMMENTS_CLOSED,
        413: TOO_LARGE,
        415: UNSUPPORTED,
        429: COMMENT_THROTTLED,
    },
)

