"""OpenAPI description of a round's proposals (GET and POST /api/v1/budgets/{id}/proposals/).

The list is GeoJSON written by PostGIS (planning/proposal_selectors.py); its shape is written here once.
"""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema

from config.openapi import (
    BAD_REQUEST,
    LOCALIZED_PARAMETERS,
    NOT_FOUND,
    cursor_page_parameters,
    error_response,
    object_schema,
    ref,
    register_components,
)
from geo_feedback.api.schema import RETRY_AFTER
from planning.models import PROPOSAL_TEXT_MAX, PROPOSAL_TITLE_MAX, ProposalStatus
from planning.selectors import MAX_PAGE

JSON = "application/json"
NULLABLE_STRING = {"type": "string", "nullable": True}
PUBLIC_STATUSES = [status for status in ProposalStatus.values if status != ProposalStatus.WITHDRAWN]

register_components({
    "ProposalPhoto": object_schema({
        "url": {"type": "string", "format": "uri"},
        "alt_text": {"type": "string", "description": "What the photo shows; may be empty."},
    }, description="A photo of a proposal, without EXIF or GPS."),
    "ProposalProperties": object_schema({
        "id": {"type": "integer", "minimum": 1},
        "title": {"type": "string"},
        "description": {"type": "string"},
        "status": {"type": "string", "enum": PUBLIC_STATUSES},
        "status_label": {"type": "string"},
        "place": {"type": "string", "enum": ["point", "area", "city"],
                  "description": "A point; the whole of its budget area; or the whole city."},
        "area": {**NULLABLE_STRING, "description": "The budget area's code; null for the whole city."},
        "area_name": {"type": "string"},
        "cost_estimate": {"type": "integer", "nullable": True, "description": "The officials' estimate in euros."},
        "section_amount": {"type": "integer", "nullable": True,
                           "description": "The money of its area (or the city-wide share) in euros."},
        "on_ballot": {"type": "boolean",
                      "description": "Feasible with a cost that fits the section's money: it goes to the vote."},
        "review_note": {**NULLABLE_STRING, "description": "The officials' public note or reason."},
        "author_name": {**NULLABLE_STRING, "description": "The name the author chose to show; never an email."},
        "coauthors": {"type": "array", "items": NULLABLE_STRING,
                      "description": "Authors of proposals merged into this one (null: no name given)."},
        "merged_into": {"type": "integer", "nullable": True},
        "photos": {"type": "array", "items": ref("ProposalPhoto")},
        "comment_count": {"type": "integer", "minimum": 0},
        "created_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"},
        "url": {"type": "string", "description": "The proposal's page in the client's language."},
    }, description="What is public of a resident's budget proposal."),
    "ProposalFeature": object_schema({
        "type": {"type": "string", "enum": ["Feature"]},
        "id": {"type": "integer"},
        "geometry": {"allOf": [ref("PointGeometry")], "nullable": True,
                     "description": "The point; null for a proposal for a whole area or the city."},
        "properties": ref("ProposalProperties"),
    }, description="A proposal as a GeoJSON Feature in EPSG:4326."),
    "ProposalFeatureCollection": object_schema({
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "next": {"type": "string", "format": "uri", "nullable": True,
                 "description": "URL of the next page (same filters, a keyset cursor), or null on the last."},
        "features": {"type": "array", "items": ref("ProposalFeature")},
    }, description="A round's public proposals, newest first."),
    "ProposalCreateRequest": object_schema({
        "title": {"type": "string", "maxLength": PROPOSAL_TITLE_MAX},
        "description": {"type": "string", "minLength": 10, "maxLength": PROPOSAL_TEXT_MAX},
        "location": {"allOf": [ref("PointGeometry")], "nullable": True,
                     "description": "A point in WGS84: it decides the budget area."},
        "area": {**NULLABLE_STRING, "description": "Without a point: the budget area's code for the whole area; "
                                                  "neither: the whole city."},
        "author_name": {"type": "string", "maxLength": 80, "description": "Shown with the proposal."},
        "author_email": {"type": "string", "format": "email", "description": "For news of the review; never shown."},
    }, description="A resident's proposal.", optional=("location", "area", "author_name", "author_email")),
})

ROUND_ID = OpenApiParameter("id", {"type": "integer", "minimum": 1}, OpenApiParameter.PATH,
                            description="The budget round's id.")
NOT_A_RESIDENT = error_response(
    "Not signed in as a resident (the session of the identification at /tunnistaudu/), or no valid CSRF token.",
    "Sign in to propose.")
PROPOSALS_CLOSED = error_response("The round is not in its proposal phase.", "This round takes no proposals now.")
PROPOSAL_THROTTLED = error_response(
    "Too many proposals from this address; the `Retry-After` header says how many seconds to wait.",
    "Request was throttled. Expected available in 1800 seconds.")

proposal_list_schema = extend_schema(
    operation_id="budget_proposals_list", tags=["budgets"], summary="A round's proposals (GeoJSON)",
    description=(
        "The public proposals of a resident budget round, newest first, as a GeoJSON FeatureCollection in "
        "EPSG:4326 (a proposal for a whole area or the city has a null geometry). Withdrawn proposals are "
        "left out; an author's email never appears. Paging by keyset cursor: follow `next` until null."),
    parameters=[
        ROUND_ID,
        OpenApiParameter("area", {"type": "string"}, OpenApiParameter.QUERY,
                         description="A budget area's code, or `city` for the whole city's proposals."),
        OpenApiParameter("status", {"type": "string", "enum": PUBLIC_STATUSES}, OpenApiParameter.QUERY),
        *cursor_page_parameters(maximum=MAX_PAGE, per_page="Proposals per page."),
        *LOCALIZED_PARAMETERS,
    ],
    responses={200: OpenApiResponse(ref("ProposalFeatureCollection"), description="The proposals."),
               400: BAD_REQUEST, 404: NOT_FOUND},
)

proposal_create_schema = extend_schema(
    operation_id="budget_proposals_create", tags=["budgets"], summary="Propose in a round", auth=[{"cookieAuth": []}],
    description=(
        "A signed-in resident's proposal (session cookie and CSRF token `X-CSRFToken`, as for the pages), in "
        "the proposal phase. A `location` decides the budget area (a point outside every budget area is "
        "refused under `location`); without it, `area` is the whole of that area, and neither the whole "
        "city. Refusals name each field; nothing is stored then. Photos are added on the proposal's form. "
        "Each client address may send a limited number of proposals (429 with `Retry-After`)."),
    request={JSON: ref("ProposalCreateRequest")},
    parameters=[ROUND_ID, RETRY_AFTER, *LOCALIZED_PARAMETERS],
    responses={201: OpenApiResponse(ref("ProposalFeature"), description="The proposal as published."),
               400: BAD_REQUEST, 403: NOT_A_RESIDENT, 404: NOT_FOUND, 409: PROPOSALS_CLOSED,
               429: PROPOSAL_THROTTLED},
    examples=[OpenApiExample("A climbing frame", request_only=True, value={
        "title": "Kiipeilyteline", "description": "Kiipeilyteline Törnävän leikkipuistoon.",
        "location": {"type": "Point", "coordinates": [22.86, 62.79]}, "author_name": "Maija"})],
)
