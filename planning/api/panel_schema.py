"""OpenAPI description of the panels API: the panels, groups and councils residents may join or ask about.

The answers are built by ``planning.panel_selectors``; their shapes are written here once and checked
against real answers by the contract test (tests/api/test_panel_api.py). No member's address is in them.
"""

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
from planning.models import PanelKind
from planning.panel_selectors import API_MAX_PAGE

COUNT = {"type": "integer", "minimum": 0}
NULLABLE_TEXT = {"type": "string", "nullable": True}

register_components({
    "PanelTopic": object_schema({"code": {"type": "string", "example": "liikenne"},
                                 "name": {"type": "string", "description": "In the client's language."}},
                                description="A topic the panel works on; members choose among them."),
    "PanelArea": object_schema({
        "code": {"type": "string", "example": "60100"},
        "name": {"type": "string", "description": "In the client's language where the area has a name in it."},
        "member_count": {**COUNT, "description": "Confirmed members who chose this area."},
    }, description="A residential area the panel's confirmed members chose (members who chose none follow the "
                   "whole city)."),
    "Panel": object_schema({
        "slug": {"type": "string", "example": "liikennepaneeli", "description": "The page's address name."},
        "kind": {"type": "string", "enum": PanelKind.values,
                 "description": "group: a city-wide resident panel or developer group; experience: an "
                                "experience-expert group of one service; council: youth, elderly or disability "
                                "council, members kept by staff."},
        "kind_label": {"type": "string"},
        "name": {"type": "string", "description": "In the client's language where the panel has one, else Finnish."},
        "description": {"type": "string"},
        "department": {"type": "object", "nullable": True, "additionalProperties": False,
                       "required": ["code", "name"],
                       "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
                       "description": "The department that runs it; null for a city-wide panel."},
        "topics": {"type": "array", "items": ref("PanelTopic")},
        "service": {**NULLABLE_TEXT, "description": "The service an experience-expert group develops; null for "
                                                    "the other kinds."},
        "criteria": {**NULLABLE_TEXT, "description": "Who may join an experience-expert group; null for the other "
                                                     "kinds."},
        "areas": {"type": "array", "items": ref("PanelArea"),
                  "description": "The residential areas its confirmed members chose, by name."},
        "accepts_members": {"type": "boolean", "description": "Whether a resident may join by themselves now."},
        "member_count": {**COUNT, "description": "Confirmed members (sign-ups not yet confirmed are not counted)."},
        "contact_email": {**NULLABLE_TEXT, "description": "The panel's shared contact address, if any."},
        "url": {"type": "string", "format": "uri", "description": "The panel's page, where residents join."},
    }, description="A panel, group or council. Never a member's address."),
    "PanelList": object_schema({
        "next": {"type": "string", "format": "uri", "nullable": True,
                 "description": "URL of the next page (a keyset cursor), or null on the last."},
        "results": {"type": "array", "items": ref("Panel")},
    }, description="A page of panels, the oldest first."),
})

PANEL_SLUG = OpenApiParameter("slug", {"type": "string", "maxLength": 60}, OpenApiParameter.PATH,
                              description="The panel's address name.",
                              examples=[OpenApiExample("A panel", value="liikennepaneeli")])

panel_list_schema = extend_schema(
    operation_id="panels_list", tags=["panels"], summary="Resident panels, groups and councils",
    description="Every panel with its kind, topics, the service and joining criteria of an experience-expert "
                "group, the areas its members chose, whether it takes members and how many confirmed members "
                "it has. No member's address is ever given. Paging is by keyset cursor: follow `next` until it "
                "is null.",
    parameters=[
        *cursor_page_parameters(maximum=API_MAX_PAGE, per_page="Panels per page."),
        *LOCALIZED_PARAMETERS,
    ],
    responses={200: OpenApiResponse(ref("PanelList"), description="The panels."), 400: BAD_REQUEST},
)
panel_detail_schema = extend_schema(
    operation_id="panels_retrieve", tags=["panels"], summary="One panel",
    description="A panel, group or council as in the list.",
    parameters=[PANEL_SLUG, *LOCALIZED_PARAMETERS],
    responses={200: OpenApiResponse(ref("Panel"), description="The panel."), 404: NOT_FOUND},
)
