"""Initiatives API: the municipal initiatives addressed to Seinäjoki, with their state and decision (read only).

Parse, call one selector, serialise."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from rest_framework.request import Request

from config.api import LocalizedAPIView, json_response, next_page_url
from planning.api.initiative_schema import initiative_detail_schema, initiative_list_schema
from planning.api.initiative_serializers import InitiativeQuerySerializer, initiative_cursor, initiative_data
from planning.initiative_selectors import LARGEST_ID, initiative_public, initiatives_api_page


class InitiativeListView(LocalizedAPIView):
    """GET /api/v1/initiatives/: the city's initiatives, a page at a time (``?state=`` narrows)."""

    @initiative_list_schema
    def get(self, request: Request) -> HttpResponse:
        query = InitiativeQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        fields = query.validated_data
        rows, last = initiatives_api_page(state=fields.get("state", ""), limit=fields["limit"],
                                          after=fields.get("cursor"))
        next_url = next_page_url(request, initiative_cursor(last) if last is not None else None)
        return json_response({"next": next_url,
                      "results": [initiative_data(row, language=self.language) for row in rows]})


class InitiativeDetailView(LocalizedAPIView):
    """GET /api/v1/initiatives/{id}/: one initiative with its proposal."""

    @initiative_detail_schema
    def get(self, request: Request, id: str) -> HttpResponse:
        initiative = None
        # The path takes any text, so that ``abc`` or ``-1`` gets the API's 404 and not the site's page.
        if id.isascii() and id.isdigit() and len(id) <= 19 and 0 < int(id) <= LARGEST_ID:
            initiative = initiative_public(int(id))
        if initiative is None:
            raise Http404(_("No initiative addressed to Seinäjoki has this number."))
        return json_response(initiative_data(initiative, language=self.language, detail=True))
