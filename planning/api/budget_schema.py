"""OpenAPI description of the budgets API: resident budget rounds, their money by area and their results.

The answers are JSON written by PostgreSQL (planning/result_selectors.py); their shapes are written
here once and checked against real answers by the contract test."""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema

from config.openapi import BAD_REQUEST, LOCALIZED_PARAMETERS, NOT_FOUND, object_schema, ref, register_components
from planning.models import BudgetPhase, ResultRule, VotingRule

COUNT = {"type": "integer", "minimum": 0}
EUROS = {"type": "integer", "minimum": 0, "description": "Whole euros."}
NULLABLE_DATE = {"type": "string", "format": "date", "nullable": True}
NAMED_AREA = object_schema({"code": {"type": "string", "example": "SJK-ITA"},
                            "name": {"type": "string", "description": "In the client's language."}},
                           description="A budget area.")

_ROUND = {
    "id": {"type": "integer", "minimum": 1},
    "year": {"type": "integer"},
    "name": {"type": "string", "description": "In the client's language where the round has a name in it, else "
                                              "Finnish."},
    "phase": {"type": "string", "enum": [p for p in BudgetPhase.values if p != BudgetPhase.PREPARATION]},
    "phase_label": {"type": "string"},
    "total": EUROS,
    "city_wide": {**EUROS, "description": "The share for proposals of the whole city, in whole euros."},
    "voting_rule": {"type": "string", "enum": VotingRule.values},
    "official_rule": {"type": "string", "enum": ResultRule.values,
                      "description": "The rule whose result is official: greedy (most votes first) or mes "
                                     "(the Method of Equal Shares)."},
    "url": {"type": "string", "description": "The round's page.", "example": "/asukasbudjetti/3/"},
    "results_url": {"type": "string", "description": "The results page.", "example": "/asukasbudjetti/3/tulokset/"},
}

register_components({
    "BudgetArea": NAMED_AREA,
    "BudgetRound": object_schema({**_ROUND, "has_results": {"type": "boolean"}},
                                 description="A resident budget round residents may see (past preparation)."),
    "BudgetRoundList": object_schema({"results": {"type": "array", "items": ref("BudgetRound")}},
                                     description="The rounds past preparation, the newest first (one a year: "
                                                 "no paging)."),
    "BudgetAllocation": object_schema({
        "area": ref("BudgetArea"),
        "population": {**COUNT, "description": "Residents of the area when the money was split (an estimate "
                                               "where the city's populations are)."},
        "amount": {**EUROS, "description": "The area's money."},
        "computed_amount": {**EUROS, "description": "Its share by population (largest remainders)."},
        "override_reason": {"type": "string", "nullable": True,
                            "description": "Why the amount was set by hand; null when it was not."},
        "geometry": {"allOf": [ref("MultiPolygonGeometry")], "nullable": True,
                     "description": "The area's boundary (simplified, WGS84) with ?geometry=true, else null."},
    }, description="One budget area's money in a round."),
    "BudgetRoundDetail": object_schema({
        **_ROUND,
        "voting_rule_label": {"type": "string"},
        "approval_limit": {"type": "integer", "nullable": True,
                           "description": "With the approval rule: at most this many proposals a ballot."},
        "min_spend_percent": {"type": "integer", "minimum": 0, "maximum": 100},
        "official_rule_label": {"type": "string"},
        "proposals_start": NULLABLE_DATE, "proposals_end": NULLABLE_DATE,
        "voting_start": NULLABLE_DATE, "voting_end": NULLABLE_DATE,
        "allocations": {"type": "array", "items": ref("BudgetAllocation")},
    }, description="A round with its money by budget area."),
    "BudgetRuleOutcome": object_schema({
        "rule": {"type": "string", "enum": ResultRule.values},
        "label": {"type": "string"},
        "official": {"type": "boolean", "description": "Whether this rule decides the round."},
        "spent": EUROS,
        "left": EUROS,
        "selected": {"type": "array", "items": {"type": "integer"},
                     "description": "The selected proposals' ids in the order the rule selected them."},
    }, description="One rule's outcome in a section."),
    "BudgetSelection": object_schema({
        "selected": {"type": "boolean"},
        "position": {"type": "integer", "minimum": 1, "nullable": True,
                     "description": "1 for the first proposal the rule selected; null when not selected."},
    }, description="Whether a rule selected a proposal."),
    "BudgetResultProposal": object_schema({
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "votes": COUNT,
        "cost": EUROS,
        "greedy": ref("BudgetSelection"),
        "mes": ref("BudgetSelection"),
        "official": {"type": "boolean", "description": "Whether the official rule selected it."},
    }, description="A proposal on the ballot of a section."),
    "BudgetResultSection": object_schema({
        "code": {"type": "string", "description": "The area's code, or `koko-kaupunki` for the city-wide share; "
                                                  "the Pabulib file is /asukasbudjetti/{id}/tulokset/{code}.pb."},
        "area": {"allOf": [ref("BudgetArea")], "nullable": True, "description": "Null for the city-wide share."},
        "budget": EUROS,
        "voters": {**COUNT, "description": "Ballots with at least one choice in this section."},
        "rules": object_schema({"greedy": ref("BudgetRuleOutcome"), "mes": ref("BudgetRuleOutcome")},
                               description="Both rules' outcomes."),
        "projects": {"type": "array", "items": ref("BudgetResultProposal"),
                     "description": "By votes (most first), then cost, then id."},
    }, description="The result of one budget area, or of the city-wide share."),
    "BudgetResults": object_schema({
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "year": {"type": "integer"},
        "phase": {"type": "string", "enum": [p for p in BudgetPhase.values if p != BudgetPhase.PREPARATION]},
        "official_rule": {"type": "string", "enum": ResultRule.values},
        "official_rule_label": {"type": "string"},
        "computed_at": {"type": "string", "format": "date-time", "nullable": True,
                        "description": "When the results were computed; null (and no sections) before."},
        "sections": {"type": "array", "items": ref("BudgetResultSection"),
                     "description": "The city-wide share first, then the areas by name; empty before the results "
                                    "phase's count."},
    }, description="A round's results by both rules in every section."),
})

BUDGET_ID = OpenApiParameter("id", {"type": "integer", "minimum": 1}, OpenApiParameter.PATH,
                             description="The round's id.", examples=[OpenApiExample("A round", value=1)])
GEOMETRY = OpenApiParameter("geometry", {"type": "boolean", "default": False}, OpenApiParameter.QUERY,
                            description="Include each area's boundary (simplified, WGS84).")

budget_list_schema = extend_schema(
    operation_id="budgets_list", tags=["budgets"], summary="Resident budget rounds",
    description="The rounds past preparation, the newest first.",
    parameters=LOCALIZED_PARAMETERS,
    responses={200: OpenApiResponse(ref("BudgetRoundList"), description="The rounds.")},
)
budget_detail_schema = extend_schema(
    operation_id="budgets_retrieve", tags=["budgets"], summary="One round and its money by area",
    description="A round past preparation with each budget area's population, money and the reason of an "
                "amount set by hand.",
    parameters=[BUDGET_ID, GEOMETRY, *LOCALIZED_PARAMETERS],
    responses={200: OpenApiResponse(ref("BudgetRoundDetail"), description="The round."), 400: BAD_REQUEST,
               404: NOT_FOUND},
)
budget_results_schema = extend_schema(
    operation_id="budgets_results_retrieve", tags=["budgets"], summary="A round's results by both rules",
    description="For the city-wide share and each budget area: the money, the voters, each proposal's votes and "
                "cost, and what the greedy rule and the Method of Equal Shares select (the official one "
                "flagged). Before the results phase's count the sections are empty.",
    parameters=[BUDGET_ID, *LOCALIZED_PARAMETERS],
    responses={200: OpenApiResponse(ref("BudgetResults"), description="The results."), 404: NOT_FOUND},
)
