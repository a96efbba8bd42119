"""OpenAPI description of the staff API (geo_feedback/api/staff.py): tickets with private fields, figures.

The staff views answer with dictionaries, not serializers, so their shapes are written here and
checked against real answers by tests/api/test_contract.py, signed in and signed out.
"""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema

from config.openapi import (
    BAD_REQUEST,
    FORBIDDEN_STAFF,
    LOCALIZED_PARAMETERS,
    error_response,
    object_schema,
    ref,
    register_components,
)
from geo_feedback.api.schema import (
    CHANNEL,
    COUNT,
    DATE_TIME,
    KIND,
    NULLABLE_STRING,
    NUMBER_PARAMETER,
    STATUS,
    comma_list_parameter,
)
from geo_feedback.models import EventAction
from geo_feedback.statuses import FeedbackStatus

register_components({
    "StaffTicket": object_schema({
        "number": {"type": "string"},
        "status": STATUS,
        "status_label": {"type": "string"},
        "kind": KIND,
        "channel": CHANNEL,
        "category": {"type": "string"},
        "category_name": {"type": "string"},
        "department": {"type": "string", "description": "Code of the department."},
        "department_name": {"type": "string"},
        "area": NULLABLE_STRING,
        "area_name": NULLABLE_STRING,
        "description": {"type": "string"},
        "address_text": {"type": "string"},
        "location": {
            "type": "object", "nullable": True, "required": ["lon", "lat"],
            "properties": {"lon": {"type": "number"}, "lat": {"type": "number"}},
        },
        "reporter_name": {"type": "string"},
        "reporter_email": {"type": "string"},
        "reporter_phone": {"type": "string"},
        "language": {"type": "string", "description": "Language the reporter used."},
        "supporter_count": COUNT,
        "assigned_to": {**NULLABLE_STRING, "description": "Username of the handler."},
        "version": COUNT,
        "created_at": DATE_TIME,
        "status_changed_at": DATE_TIME,
        "updated_at": DATE_TIME,
    }, description="A ticket as staff see it, with the reporter's private contact details."),
    "StaffPhoto": object_schema({
        "url": {"type": "string"},
        "thumbnail": NULLABLE_STRING,
        "width": COUNT,
        "height": COUNT,
        "is_public": {"type": "boolean"},
    }, description="A photo, hidden ones included."),
    "StaffEvent": object_schema({
        "created_at": DATE_TIME,
        "action": {"type": "string", "enum": EventAction.values},
        "from_status": {"type": "string", "enum": [*FeedbackStatus.values, None], "nullable": True},
        "to_status": STATUS,
        "actor": {**NULLABLE_STRING, "description": "Username; null for the resident or the system."},
        "public_note": {"type": "string"},
        "internal_note": {"type": "string"},
        "details": {"type": "object", "additionalProperties": True},
        "version": COUNT,
    }, description="One event of the full history, internal notes included."),
    "StaffTicketDetail": {
        "allOf": [
            ref("StaffTicket"),
            object_schema({
                "merged_into": {**NULLABLE_STRING, "description": "Number of the ticket it was merged into."},
                "photos": {"type": "array", "items": ref("StaffPhoto")},
                "history": {"type": "array", "items": ref("StaffEvent")},
            }, description="What the ticket page adds to a list row."),
        ],
    },
    "StaffTicketPage": object_schema({
        "count": COUNT,
        "next": {"type": "string", "format": "uri", "nullable": True},
        "previous": {"type": "string", "format": "uri", "nullable": True},
        "results": {"type": "array", "items": ref("StaffTicket")},
    }, description="One page of tickets, newest first."),
    "SummaryCount": object_schema({
        "key": {"type": "string", "description": "Code; empty for \"none\" (e.g. no area)."},
        "label": {"type": "string"},
        "count": COUNT,
        "share": {"type": "number", "minimum": 0, "maximum": 100, "description": "Percent of all."},
    }, description="One line of a breakdown."),
    "SummaryTiming": object_schema({
        "measured": COUNT,
        "median_hours": {"type": "number", "nullable": True},
        "p90_hours": {"type": "number", "nullable": True},
        "median_days": {"type": "number", "nullable": True},
        "p90_days": {"type": "number", "nullable": True},
    }, description="Median and 90th percentile of a duration; null when nothing could be measured."),
    "SummaryAreaRate": object_schema({
        "area": {"type": "string"},
        "name": {"type": "string"},
        "count": COUNT,
        "population": {"type": "integer", "nullable": True},
        "population_year": {"type": "integer", "nullable": True},
        "population_is_estimate": {"type": "boolean"},
        "per_1000": {"type": "number", "nullable": True},
    }, description="Tickets per 1000 inhabitants of a residential area."),
    "StaffSummary": object_schema({
        "department": {**NULLABLE_STRING, "description": "Code; null for all departments."},
        "from": {"type": "string", "format": "date"},
        "to": {"type": "string", "format": "date"},
        "total": COUNT,
        "praise": COUNT,
        "overdue_open": COUNT,
        "handled": COUNT,
        "handled_on_time": COUNT,
        "handled_late": COUNT,
        "time_to_triage": ref("SummaryTiming"),
        "time_to_handle": ref("SummaryTiming"),
        **{f"by_{name}": {"type": "array", "items": ref("SummaryCount")}
           for name in ("category", "kind", "status", "channel", "department", "area")},
        "per_1000_inhabitants": {"type": "array", "items": ref("SummaryAreaRate")},
    }, description="The summary page's figures for a department and period."),
})

STAFF_AUTH = [{"cookieAuth": []}]

staff_feedback_list_schema = extend_schema(
    operation_id="staff_feedback_list",
    tags=["staff"],
    summary="Tickets (staff)",
    description=(
        "The tickets the signed-in user may see (a handler: their department's), newest first, with "
        "the reporter's private contact details, 50 a page."
    ),
    auth=STAFF_AUTH,
    parameters=[
        comma_list_parameter("status", STATUS, "Statuses.", ["received", "in_triage"]),
        comma_list_parameter("category", {"type": "string", "maxLength": 20}, "Service codes.", ["171"]),
        OpenApiParameter("department", {"type": "string", "maxLength": 40}, OpenApiParameter.QUERY,
                         description="Code of a department.",
                         examples=[OpenApiExample("City environment", value="kaupunkiymparisto")]),
        OpenApiParameter("page", {"type": "integer", "minimum": 1}, OpenApiParameter.QUERY,
                         description="Page number, from 1."),
        OpenApiParameter("page_size", {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
                         OpenApiParameter.QUERY, description="Tickets per page; a larger number counts as 200."),
        *LOCALIZED_PARAMETERS,
    ],
    responses={
        200: OpenApiResponse(ref("StaffTicketPage"), description="A page of tickets."),
        400: BAD_REQUEST,
        403: FORBIDDEN_STAFF,
        404: error_response("No such page.", "Invalid page."),
    },
)

staff_feedback_detail_schema = extend_schema(
    operation_id="staff_feedback_retrieve",
    tags=["staff"],
    summary="One ticket (staff)",
    description=(
        "One ticket with its private fields, every photo and its full history. Another department's "
        "ticket answers 404, exactly like a number that does not exist."
    ),
    auth=STAFF_AUTH,
    parameters=[NUMBER_PARAMETER, *LOCALIZED_PARAMETERS],
    responses={
        200: OpenApiResponse(ref("StaffTicketDetail"), description="The ticket."),
        403: FORBIDDEN_STAFF,
        404: error_response("No ticket with that number that the user may see.", "No ticket has that number."),
    },
)

staff_summary_schema = extend_schema(
    operation_id="staff_summary",
    tags=["staff"],
    summary="Summary figures (staff)",
    description=(
        "The summary page's figures for a department and period (by default the last 12 months): "
        "counts by category, kind, status, channel, department and area, times to triage and to "
        "handle, overdue tickets and tickets per 1000 inhabitants. Only the tickets the user may see."
    ),
    auth=STAFF_AUTH,
    parameters=[
        OpenApiParameter("department", {"type": "string"}, OpenApiParameter.QUERY,
                         description="Code of a department; empty for all (agents and administrators)."),
        OpenApiParameter("from", {"type": "string", "format": "date"}, OpenApiParameter.QUERY,
                         description="First day of receipt (YYYY-MM-DD, 2000 or later)."),
        OpenApiParameter("to", {"type": "string", "format": "date"}, OpenApiParameter.QUERY,
                         description="Last day of receipt (YYYY-MM-DD)."),
        *LOCALIZED_PARAMETERS,
    ],
    responses={
        200: OpenApiResponse(ref("StaffSummary"), description="The figures."),
        400: BAD_REQUEST,
        403: FORBIDDEN_STAFF,
    },
)
