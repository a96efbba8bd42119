"""OpenAPI description of the participation report's API: a year's figures of a department or the whole city.

The figures are JSON the report's job stored (planning/participation_report.py); their shapes are written
here once and checked against real answers by the contract test."""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema

from config.openapi import BAD_REQUEST, LOCALIZED_PARAMETERS, NOT_FOUND, object_schema, ref, register_components
from geo_feedback.models import FeedbackKind
from planning.models import ParticipationMetric, ReportStatus

COUNT = {"type": "integer", "minimum": 0}
NULLABLE_NUMBER = {"type": "number", "nullable": True}
DAYS = {"type": "number", "nullable": True, "minimum": 0, "description": "Days; null when nothing was measured."}
NAMES = object_schema({"fi": {"type": "string"}, "sv": {"type": "string"}, "en": {"type": "string"}},
                      description="A name in Finnish, Swedish and English (empty where it has none: use Finnish).")
KEY_COUNT = object_schema({"key": {"type": "string"}, "count": COUNT}, description="A code and how many.")

register_components({
    "ReportNames": NAMES,
    "ReportFeedback": object_schema({
        "received": {**COUNT, "description": "Tickets received in the year (spam left out)."},
        "handled": {**COUNT, "description": "Of those, marked handled (by now)."},
        "praise": COUNT,
        "median_days": {**DAYS, "description": "Median days from receipt to the first 'handled'."},
        "p90_days": {**DAYS, "description": "90th percentile of the same (interpolated)."},
        "by_kind": {"type": "array", "items": object_schema(
            {"key": {"type": "string", "enum": FeedbackKind.values}, "count": COUNT}, description="A kind.")},
        "by_category": {"type": "array", "items": object_schema({
            "key": {"type": "string", "description": "The category's service code."}, "name": ref("ReportNames"),
            "count": COUNT, "handled": COUNT, "median_days": DAYS}, description="A category."),
            "description": "Categories with tickets, most first."},
        "by_area": {"type": "array", "items": object_schema({
            "key": {"type": "string", "description": "The residential area's code (see `names.areas`)."},
            "population": {"type": "integer", "nullable": True}, "count": COUNT,
            "per_thousand": {**NULLABLE_NUMBER, "description": "Tickets per 1000 inhabitants."}},
            description="A residential area."), "description": "Every innermost residential area."},
    }, description="Feedback received in the year."),
    "ReportPlans": object_schema({
        "plans": {"type": "array", "items": object_schema({
            "id": {"type": "integer"}, "kind": {"type": "string"}, "name": ref("ReportNames"),
            "phase": {"type": "integer", "minimum": 1, "maximum": 6, "description": "The phase at the year's end."},
            "comments": {**COUNT, "description": "Published comments written in the year."}},
            description="A zoning plan active in the year.")},
        "by_phase": {"type": "array", "items": object_schema({"key": {"type": "integer", "minimum": 1, "maximum": 6},
                                                              "plans": COUNT, "comments": COUNT},
                                                             description="A phase.")},
        "comments": COUNT,
        "by_group": {"type": "array", "items": KEY_COUNT,
                     "description": "By the stakeholder group commenters named; \"\" for none."},
        "by_age_band": {"type": "array", "items": KEY_COUNT, "description": "By age band; \"\" for none."},
    }, description="The zoning plans active in the year and their comments."),
    "ReportBudget": object_schema({
        "applies": {"type": "boolean", "description": "False for a department: rounds belong to no department."},
        "voters": COUNT,
        "rounds": {"type": "array", "items": object_schema({
            "id": {"type": "integer"}, "year": {"type": "integer"}, "name": ref("ReportNames"),
            "voting_start": {"type": "string", "format": "date"},
            "voting_end": {"type": "string", "format": "date", "nullable": True},
            "voters": COUNT, "population": COUNT, "share": {**NULLABLE_NUMBER, "description": "Voters per 100 "
                                                                                             "inhabitants."},
            "areas": {"type": "array", "items": object_schema({
                "key": {"type": "string"}, "voters": COUNT, "population": {"type": "integer", "nullable": True},
                "share": {**NULLABLE_NUMBER, "description": "Voters per 100 inhabitants of the area."}},
                description="A budget area.")}},
            description="A round whose voting began in the year.")},
    }, description="Resident-budget participation."),
    "ReportPanels": object_schema({
        "members": COUNT, "messages": COUNT, "emails": COUNT,
        "panels": {"type": "array", "items": object_schema({
            "key": {"type": "string", "description": "The panel's address name."}, "kind": {"type": "string"},
            "name": ref("ReportNames"), "members": {**COUNT, "description": "Members at the year's end."},
            "messages": {**COUNT, "description": "Invitations and newsletters sent in the year."},
            "emails": {**COUNT, "description": "Their emails sent."}}, description="A panel.")},
    }, description="Panels and what was sent to them."),
    "ReportEvents": object_schema({
        "count": COUNT, "participants": COUNT,
        "events": {"type": "array", "items": object_schema({
            "id": {"type": "integer"}, "name": {"type": "string"}, "held_on": {"type": "string", "format": "date"},
            "participants": COUNT, "area": {"type": "string", "nullable": True},
            "department": {"type": "string", "nullable": True}}, description="An event staff entered.")},
    }, description="Events' participants entered by staff."),
    "ReportTargets": object_schema({
        "met": COUNT, "not_met": COUNT,
        "comparison": {"type": "array", "items": object_schema({
            "key": {"type": "string", "enum": ParticipationMetric.values},
            "value": NULLABLE_NUMBER, "target": NULLABLE_NUMBER,
            "status": {"type": "string", "enum": ["met", "not_met", "no_target"]}},
            description="This year's figure against the target set for it.")},
        "next_year": {"type": "array", "items": object_schema({
            "department": {"type": "string", "nullable": True, "description": "Null: the whole city's."},
            "key": {"type": "string", "enum": ParticipationMetric.values}, "target": {"type": "number"},
            "note": {"type": "string"}}, description="A target for next year.")},
    }, description="Targets: this year's against its targets, and next year's."),
    "ParticipationReport": object_schema({
        "status": {"type": "string", "enum": [ReportStatus.DONE]},
        "year": {"type": "integer"},
        "department": {"type": "string", "nullable": True, "description": "The department's code; null: the city."},
        "computed_at": {"type": "string", "format": "date-time"},
        "feedback": ref("ReportFeedback"), "plans": ref("ReportPlans"), "budget": ref("ReportBudget"),
        "panels": ref("ReportPanels"), "events": ref("ReportEvents"), "targets": ref("ReportTargets"),
        "names": object_schema({
            "areas": {"type": "object", "additionalProperties": ref("ReportNames")},
            "departments": {"type": "object", "additionalProperties": ref("ReportNames")}},
            description="The names of the areas and departments above, by code."),
    }, description="A year's participation figures of a department or the whole city."),
    "ParticipationReportPending": object_schema({
        "status": {"type": "string", "enum": [ReportStatus.QUEUED, ReportStatus.RUNNING, ReportStatus.FAILED]},
        "progress": {"type": "integer", "minimum": 0, "maximum": 100},
        "step": {"type": "string", "description": "The section being computed (feedback, plans, budget, panels, "
                                                  "events, targets, names); empty while queued."},
    }, description="The report is being computed: ask again after Retry-After seconds."),
})

YEAR = OpenApiParameter("year", {"type": "integer", "minimum": 2000}, OpenApiParameter.PATH,
                        description="The calendar year (2000 up to this year).",
                        examples=[OpenApiExample("Last year", value=2025)])
DEPARTMENT = OpenApiParameter("department", {"type": "string"}, OpenApiParameter.QUERY, required=False,
                              description="A department's code, e.g. `kaupunkiymparisto`; none: the whole city.")
RETRY_AFTER = OpenApiParameter("Retry-After", {"type": "integer", "minimum": 1}, OpenApiParameter.HEADER,
                               response=[202], description="Seconds to wait before asking again.")

participation_report_schema = extend_schema(
    operation_id="participation_report_retrieve", tags=["reports"], summary="A year's participation report",
    description="Feedback, zoning plans and their comments, resident-budget voters, panels, events' participants "
                "and targets for a year, of a department or the whole city. The figures are computed by a "
                "background job and kept until the data changes: the first request (and the first after a change) "
                "answers 202 with the progress and a Retry-After header; ask again until the answer is 200.",
    parameters=[YEAR, DEPARTMENT, RETRY_AFTER, *LOCALIZED_PARAMETERS],
    responses={
        200: OpenApiResponse(ref("ParticipationReport"), description="The figures."),
        202: OpenApiResponse(ref("ParticipationReportPending"), description="Being computed; ask again later."),
        400: BAD_REQUEST,
        404: NOT_FOUND,  # the platform's rule for every path with a parameter; this one answers 400 instead
    },
)
