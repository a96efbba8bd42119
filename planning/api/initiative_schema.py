"""OpenAPI description of the initiatives API: the municipal initiatives addressed to Seinäjoki.

The answers are built by ``planning.api.initiative_serializers``; their shapes are written here once and
checked against real answers by the contract test (tests/api/test_initiative_api.py)."""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema

from config.openapi import (
    BAD_REQUEST,
    LOCALIZED_PARAMETERS,
    NOT_FOUND,
    cursor_page_parameters,
    object_schema,
    ref,
    register_components,
)
from planning.initiative_selectors import API_MAX_PAGE
from planning.models.initiatives import InitiativeState, InitiativeType

DATE = {"type": "string", "format": "date"}
LANGUAGE = {"type": "string", "enum": ["fi", "sv"]}
_INITIATIVE = {
    "id": {"type": "integer", "minimum": 1, "example": 990001,
           "description": "The initiative's number on kuntalaisaloite.fi."},
    "name": {"type": "string", "description": "In the client's language where the initiative has a name in it, "
                                              "else Finnish (or Swedish, for one written in Swedish only)."},
    "name_language": {**LANGUAGE, "description": "The language of `name`."},
    "state": {"type": "string", "enum": InitiativeState.values,
              "description": "open: collecting support on kuntalaisaloite.fi; sent: sent to the city, which is "
                             "preparing its answer; decided: the city has decided on it."},
    "state_label": {"type": "string"},
    "type": {"type": "string", "enum": InitiativeType.values,
             "description": "How support is collected: single (sent straight to the city), collaborative (by "
                            "name), collaborative_citizen (with strong identification, which counts towards the "
                            "2 % that obliges the council to consider it), undefined."},
    "type_label": {"type": "string"},
    "published_on": {**DATE, "description": "When it was published on kuntalaisaloite.fi."},
    "sent_on": {**DATE, "nullable": True, "description": "When it was sent to the city; null while open."},
    "support_count": {"type": "integer", "minimum": 0, "description": "Supporters on kuntalaisaloite.fi."},
    "decision": {"type": "object", "nullable": True, "additionalProperties": False, "required": ["date", "text"],
                 "properties": {"date": DATE,
                                "text": {"type": "string", "description": "The city's answer (in Finnish); empty "
                                                                          "when only kuntalaisaloite.fi has it."}},
                 "description": "The city's decision; null unless the state is decided."},
    "kuntalaisaloite_url": {"type": "string", "format": "uri",
                            "description": "The initiative's page on kuntalaisaloite.fi (Swedish for `lang=sv`)."},
    "url": {"type": "string", "format": "uri", "description": "The initiative's page on this site."},
}

register_components({
    "Initiative": object_schema(_INITIATIVE, description="A municipal initiative addressed to Seinäjoki."),
    "InitiativeDetail": object_schema({
        **_INITIATIVE,
        "proposal": {"type": "string", "description": "What the initiators propose, in the language chosen as "
                                                      "for `name`; empty when the import brought no text."},
        "proposal_language": {**LANGUAGE, "nullable": True, "description": "The language of `proposal`; null "
                                                                           "when it is empty."},
    }, description="A municipal initiative with its proposal."),
    "InitiativeList": object_schema({
        "next": {"type": "string", "format": "uri", "nullable": True,
                 "description": "URL of the next page (a keyset cursor), or null on the last."},
        "results": {"type": "array", "items": ref("Initiative")},
    }, description="A page of initiatives, the newest published first."),
})

INITIATIVE_ID = OpenApiParameter("id", {"type": "integer", "minimum": 1}, OpenApiParameter.PATH,
                                 description="The initiative's number on kuntalaisaloite.fi.",
                                 examples=[OpenApiExample("An initiative", value=990001)])

initiative_list_schema = extend_schema(
    operation_id="initiatives_list", tags=["initiatives"], summary="Municipal initiatives",
    description="The initiatives addressed to Seinäjoki, imported from kuntalaisaloite.fi, with their state and "
                "the city's decision, the newest published first. Paging is by keyset cursor: follow `next` until "
                "it is null.",
    parameters=[
        OpenApiParameter("state", {"type": "string", "enum": InitiativeState.values}, OpenApiParameter.QUERY,
                         description="Only the initiatives in this state."),
        *cursor_page_parameters(maximum=API_MAX_PAGE, per_page="Initiatives per page."),
        *LOCALIZED_PARAMETERS,
    ],
    responses={200: OpenApiResponse(ref("InitiativeList"), description="The initiatives."), 400: BAD_REQUEST},
)
initiative_detail_schema = extend_schema(
    operation_id="initiatives_retrieve", tags=["initiatives"], summary="One municipal initiative",
    description="An initiative as in the list, with what it proposes.",
    parameters=[INITIATIVE_ID, *LOCALIZED_PARAMETERS],
    responses={200: OpenApiResponse(ref("InitiativeDetail"), description="The initiative."), 404: NOT_FOUND},
)
