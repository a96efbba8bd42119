"""OpenAPI description of a signed-in voter's ballot (GET and PUT /api/v1/budgets/{id}/ballot/)."""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema

from config.openapi import (
    BAD_REQUEST,
    LOCALIZED_PARAMETERS,
    NOT_FOUND,
    error_response,
    object_schema,
    ref,
    register_components,
)
from planning.models import BallotChannel, BudgetPhase, VotingRule

NULLABLE_CODE = {"type": "string", "nullable": True}
DATE_TIME = {"type": "string", "format": "date-time"}

register_components({
    "BallotProposal": object_schema({
        "id": {"type": "integer", "minimum": 1},
        "title": {"type": "string"},
        "cost": {"type": "integer", "minimum": 0, "description": "The officials' cost estimate in whole euros."},
    }, description="A proposal one may choose."),
    "BallotSection": object_schema({
        "area": {**NULLABLE_CODE, "description": "The budget area's code; null for the whole city."},
        "name": {"type": "string"},
        "amount": {"type": "integer", "minimum": 0, "description": "The section's money in whole euros."},
        "least": {"type": "integer", "minimum": 0,
                  "description": "Knapsack rule: the least the chosen proposals must cost here (0: no least)."},
        "proposals": {"type": "array", "items": ref("BallotProposal")},
    }, description="One part of the ballot: a budget area or the whole city."),
    "VoterBallotChoices": object_schema({
        "area": {"type": "string", "description": "The budget area voted in."},
        "choices": {"type": "array", "items": {"type": "integer"}, "description": "The chosen proposals' ids."},
        "receipt_code": {"type": "string", "example": "K7MT-3XEA-UR9P"},
        "channel": {"type": "string", "enum": BallotChannel.values},
        "cast_at": DATE_TIME,
        "changed_at": DATE_TIME,
    }, description="The voter's ballot."),
    "VoterBallot": object_schema({
        "round": {"type": "integer", "minimum": 1},
        "phase": {"type": "string", "enum": BudgetPhase.values},
        "voting_open": {"type": "boolean"},
        "voting_rule": {"type": "string", "enum": VotingRule.values},
        "approval_limit": {"type": "integer", "nullable": True,
                           "description": "Approval rule: at most this many proposals per section."},
        "min_spend_percent": {"type": "integer", "minimum": 0, "maximum": 100},
        "home_area": {**NULLABLE_CODE, "description": "The voter's home budget area, if known."},
        "areas": {"type": "array", "items": object_schema(
            {"code": {"type": "string"}, "name": {"type": "string"}}, description="A budget area one may vote in.")},
        "area": {**NULLABLE_CODE, "description": "The area whose sections follow (`?area=`, else the ballot's or "
                                                 "the home area)."},
        "sections": {"type": "array", "items": ref("BallotSection")},
        "ballot": {"allOf": [ref("VoterBallotChoices")], "nullable": True,
                   "description": "Null when the voter has not voted in this round."},
    }, description="A signed-in voter's ballot and what they may choose."),
    "BallotInput": object_schema({
        "area": {"type": "string", "description": "The budget area's code.", "example": "SJK-ITA"},
        "choices": {"type": "array", "items": {"type": "integer", "minimum": 1}, "maxItems": 500},
        "email": {"type": "string", "format": "email",
                  "description": "Optional: the receipt is emailed there once; the address is not kept with the ballot."},
    }, description="A ballot to cast, or to put in place of the one cast before.", optional=("email",)),
})

BALLOT_ID = OpenApiParameter("id", {"type": "integer", "minimum": 1}, OpenApiParameter.PATH,
                             description="The budget round's id.")
AREA_PARAMETER = OpenApiParameter("area", {"type": "string"}, OpenApiParameter.QUERY,
                                  description="Show this budget area's sections.")
NOT_A_VOTER = error_response("Not signed in as a resident (the session of the identification at /tunnistaudu/).",
                             "Sign in as a resident to vote.")
VOTING_CLOSED = error_response("The round is not in its voting phase.", "Voting is not open in this round.")

ballot_get_schema = extend_schema(
    operation_id="budget_ballot_retrieve", tags=["budgets"], summary="My ballot in a resident budget round",
    description=(
        "For a resident signed in through the identification pages (session cookie): the round's rule, the "
        "budget areas, the sections of one area (its proposals and money, then the whole city's) and the "
        "voter's ballot with its receipt code, or null."),
    parameters=[BALLOT_ID, AREA_PARAMETER, *LOCALIZED_PARAMETERS],
    responses={200: OpenApiResponse(ref("VoterBallot"), description="The ballot."), 403: NOT_A_VOTER,
               404: NOT_FOUND},
)

ballot_put_schema = extend_schema(
    operation_id="budget_ballot_update", tags=["budgets"], summary="Cast or change my ballot",
    description=(
        "Cast the ballot (201) or put a new one in place of the one cast before (200; the receipt code "
        "stays). Session cookie and CSRF token (`X-CSRFToken`) as for the pages. Refused under `area` "
        "(not a budget area of the round) or `choices` (a proposal not on the ballot; with the knapsack "
        "rule more than a section's money or less than its least share; with the approval rule too many; "
        "nothing chosen), each message naming the section and the sum; `email` when it is no address. "
        "409 outside the voting phase."),
    request={"application/json": ref("BallotInput")},
    parameters=[BALLOT_ID, *LOCALIZED_PARAMETERS],
    responses={200: OpenApiResponse(ref("VoterBallot"), description="The ballot was changed."),
               201: OpenApiResponse(ref("VoterBallot"), description="The ballot was cast."),
               400: BAD_REQUEST, 403: NOT_A_VOTER, 404: NOT_FOUND, 409: VOTING_CLOSED},
    examples=[OpenApiExample("A ballot", value={"area": "SJK-ITA", "choices": [12, 17]}, request_only=True)],
)
