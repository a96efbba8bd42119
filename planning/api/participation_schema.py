"""OpenAPI description of GET /api/v1/areas/{code}/participation/: one area's facts on the planning map.

The answer is JSON built by PostgreSQL (planning/map_selectors.py); its shape is written here and
checked against real answers by tests/api/test_contract.py.
"""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema

from city.models import AreaKind, ChannelKind, PopulationSource
from config.openapi import LOCALIZED_PARAMETERS, error_response, object_schema, ref, register_components
from planning.models import BudgetPhase, Phase, ProcessKind, ProposalStatus, ResultRule, StakeholderGroup

STRING = {"type": "string"}
NULLABLE_STRING = {"type": "string", "nullable": True}
COUNT = {"type": "integer", "minimum": 0}
NULLABLE_COUNT = {"type": "integer", "minimum": 0, "nullable": True}
EUROS = {"type": "integer", "minimum": 0, "description": "Whole euros."}
NULLABLE_EUROS = {**EUROS, "nullable": True}
NAMED = object_schema({"code": STRING, "name": STRING}, description="An area's code and name.")
LINKED_AREA = object_schema({"code": STRING, "name": STRING, "url": STRING},
                            description="An area's code, name and its page on the planning map.")

register_components({
    "ParticipationPlan": object_schema({
        "id": {"type": "integer"},
        "name": STRING,
        "kind": {"type": "string", "enum": ProcessKind.values},
        "kind_label": STRING,
        "phase": {"type": "integer", "enum": Phase.values},
        "phase_name": {"type": "string", "description": "The phase's name as the plan's kind calls it."},
        "what_residents_can_do": {"type": "string", "description": "What residents can do in the plan's phase now."},
        "accepts_comments": {"type": "boolean"},
        "url": {"type": "string", "description": "The plan's page."},
        "map_url": {"type": "string", "description": "The plan on the planning map: its areas, their budgets, its groups."},
        "inside": {"type": "boolean", "description": "The plan area covers part of the area."},
        "served": {"type": "boolean", "description": "A service project that serves the area (it has no boundary)."},
        "share_inside": {"type": "number", "nullable": True, "minimum": 0, "maximum": 100,
                         "description": "Percent of the area inside the plan area (the largest of its inner areas')."},
        "distance_m": {"type": "number", "nullable": True, "minimum": 0,
                       "description": "Metres from the plan area; 0 when they overlap."},
        "residents_estimate": {**NULLABLE_COUNT, "description": "Residents inside the plan area: an estimate."},
    }, description="A published plan or project touching the area."),
    "ParticipationGroup": object_schema({
        "group": {"type": "string", "enum": StakeholderGroup.values},
        "group_label": STRING,
        "plan": object_schema({"id": {"type": "integer"}, "name": STRING, "url": STRING}, description="The plan."),
        "area": {**NAMED, "nullable": True, "description": "For residents: whose area's residents; else null."},
        "why": STRING,
        "how_reached": STRING,
        "when_reached": STRING,
        "residents_estimate": NULLABLE_COUNT,
    }, description="A stakeholder group a planner mapped (and accepted) for a plan touching the area."),
    "ParticipationProposal": object_schema({
        "id": {"type": "integer"},
        "title": STRING,
        "status": {"type": "string", "enum": ProposalStatus.values},
        "status_label": STRING,
        "cost_estimate": NULLABLE_EUROS,
        "url": {**NULLABLE_STRING, "description": "The proposal's page, where there is one."},
    }, description="A proposal for the budget area's money (withdrawn ones are left out)."),
    "ParticipationResult": object_schema({
        "rule": {"type": "string", "enum": ResultRule.values},
        "rule_label": STRING,
        "budget": EUROS,
        "spent": EUROS,
        "voters": COUNT,
        "projects": {"type": "array", "items": object_schema({
            "id": {"type": "integer"}, "title": STRING, "votes": COUNT, "cost": EUROS, "selected": {"type": "boolean"},
            "position": NULLABLE_COUNT, "url": NULLABLE_STRING,
        }, description="A proposal in the result: its votes, cost and whether the rule funds it.")},
    }, description="The round's official result in the budget area (only once the round shows its results)."),
    "ParticipationBudget": object_schema({
        "round": object_schema({
            "id": {"type": "integer"}, "name": STRING, "year": {"type": "integer"},
            "phase": {"type": "string", "enum": BudgetPhase.values}, "phase_label": STRING, "url": STRING,
            "proposals_url": {**NULLABLE_STRING, "description": "The round's proposals."},
            "results_url": {**NULLABLE_STRING, "description": "The round's results, once it shows them."},
        }, description="The current round: the newest one past preparation."),
        "amount": {**NULLABLE_EUROS, "description": "The budget area's money in the round (null if it has none)."},
        "population": NULLABLE_COUNT,
        "override_reason": {**NULLABLE_STRING, "description": "Why the amount was set by hand, if it was."},
        "proposals_count": COUNT,
        "proposals": {"type": "array", "items": ref("ParticipationProposal"), "maxItems": 50,
                      "description": "The newest 50 proposals."},
        "results": {**ref("ParticipationResult"), "nullable": True},
    }, description="The area's budget area in the current round."),
    "AreaChannel": object_schema({
        "kind": {"type": "string", "enum": ChannelKind.values},
        "kind_label": STRING,
        "name": STRING,
        "url": {**NULLABLE_STRING, "description": "Where to find or join it; null for a notice board or a closed group."},
        "how_to_join": {**NULLABLE_STRING, "description": "How to join when there is no address."},
        "kept_by": {**NULLABLE_STRING, "description": "Who runs it: an association or a group, never a private person."},
        "checked_on": {**NULLABLE_STRING, "format": "date", "description": "When the city last checked it is alive."},
        "own": {"type": "boolean", "description": "The area's own channel (false: one of an area inside it or "
                                                  "of an area it lies in, named in `area`)."},
        "area": LINKED_AREA,
    }, description="A channel the area's residents use among themselves, as the city keeps the directory."),
    "MeetingPlace": object_schema({
        "type": {"type": "string", "enum": ["Feature"]},
        "id": {"type": "integer"},
        "geometry": ref("PointGeometry"),
        "properties": object_schema({
            "id": {"type": "integer"},
            "name": STRING,
            "street_address": STRING,
            "capacity": {**NULLABLE_COUNT, "description": "How many people fit; null when not known."},
            "accessible": {"type": "boolean", "description": "Step-free access: a wheelchair user gets in and "
                                                            "to the toilet without help (false: not confirmed)."},
            "how_to_book": {"type": "string", "description": "How to book it: who to ask, a phone number, the cost."},
            "booking_url": {**NULLABLE_STRING, "description": "The booking page, if there is one."},
            "door": {"type": "string", "description": "How the door opens."},
            "area": NAMED,
        }, description="The place."),
    }, description="A room or hall residents can meet in, as a GeoJSON Feature (a point in EPSG:4326)."),
    "AreaParticipation": object_schema({
        "area": object_schema({
            "code": STRING, "name": STRING, "kind": {"type": "string", "enum": AreaKind.values}, "kind_label": STRING,
            "population": NULLABLE_COUNT, "population_year": NULLABLE_COUNT,
            "population_source": {"type": "string", "enum": [*PopulationSource.values, None], "nullable": True},
            "parent": {**NAMED, "nullable": True},
            "url": {"type": "string", "description": "The area's page on the planning map."},
        }, description="The area."),
        "budget_area": {**LINKED_AREA, "nullable": True,
                        "description": "The resident budget area it lies in (itself, for a budget area)."},
        "plans": {"type": "array", "items": ref("ParticipationPlan")},
        "groups": {"type": "array", "items": ref("ParticipationGroup")},
        "budget": {**ref("ParticipationBudget"), "nullable": True,
                   "description": "Null when no round is public or the area lies in no budget area."},
        "channels": {"type": "array", "items": ref("AreaChannel"),
                     "description": "The area's own channels first, then those of the areas inside it, then "
                                    "those of the areas it lies in."},
        "meeting_places": object_schema({
            "type": {"type": "string", "enum": ["FeatureCollection"]},
            "features": {"type": "array", "items": ref("MeetingPlace")},
        }, description="The meeting places in the area and the areas inside it, by name."),
        "feedback": object_schema({
            "days": {"type": "integer", "minimum": 1},
            "received": COUNT, "open": COUNT, "handled": COUNT,
            "median_days_to_handle": {"type": "number", "nullable": True, "minimum": 0,
                                      "description": "The median days from receipt to the first time a report "
                                                     "was marked handled, over the period's reports ever marked "
                                                     "handled (percentile_cont in PostgreSQL); null when none is."},
            "url": {"type": "string", "description": "The area's reports on the feedback map."},
        }, description="Public feedback (spam never counts) from the area and the areas inside it received in "
                       "the last `days` days."),
    }, description="What concerns one area: its channels and meeting places, plans, stakeholder groups, the "
                    "resident budget and feedback."),
})

area_participation_schema = extend_schema(
    operation_id="areas_participation_retrieve",
    tags=["areas"],
    summary="What concerns one area: channels, meeting places, plans, groups, budget, feedback",
    description=(
        "The facts of one area's page (and the areas inside it): its own communication channels (a directory "
        "the city keeps), its meeting places with how to book them and how the door opens (GeoJSON points in "
        "EPSG:4326), the published plans touching it "
        "with their phase and what residents can do now, the stakeholder groups mapped for it, its resident "
        "budget area's money in the current round (the newest round past preparation) with its proposals and, "
        "once the round shows its results, the official result; and its public feedback of the last 12 "
        "months (received, still open, handled, the median days to handle). Built by PostgreSQL in two statements."
    ),
    parameters=[
        OpenApiParameter("code", {"type": "string", "maxLength": 40}, OpenApiParameter.PATH,
                         description="The area's code.", examples=[OpenApiExample("Keskus", value="60100")]),
        *LOCALIZED_PARAMETERS,
    ],
    responses={
        200: OpenApiResponse(ref("AreaParticipation"), description="The area's facts."),
        404: error_response("No area has this code.", "No area has the code “99999”."),
    },
)
