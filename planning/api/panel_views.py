"""Panels API: the panels, groups and councils with their topics and confirmed member counts (read only).

Parse, call one selector, serialise. No member's address is read for it."""

from __future__ import annotations

import re

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.request import Request

from city.links import page_path
from city.paging import decode_cursor, encode_cursor
from config.api import LocalizedAPIView, json_response, next_page_url
from planning.api.panel_schema import panel_detail_schema, panel_list_schema
from planning.api.serializers import CursorPageSerializer
from planning.panel_selectors import API_MAX_PAGE, panel_api_item, panels_api_page


class PanelQuerySerializer(CursorPageSerializer):
    limit = serializers.IntegerField(required=False, min_value=1, max_value=API_MAX_PAGE, default=100)

    def validate_cursor(self, cursor):
        return decode_cursor(super().validate_cursor(cursor))


def _page_url(language: str):
    return lambda slug: settings.SITE_URL + page_path("panels:detail", language, slug)


class PanelListView(LocalizedAPIView):
    """GET /api/v1/panels/: every panel, a page at a time."""

    @panel_list_schema
    def get(self, request: Request) -> HttpResponse:
        query = PanelQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        fields = query.validated_data
        items, last = panels_api_page(language=self.language, page_url=_page_url(self.language),
                                      limit=fields["limit"], after=fields.get("cursor"))
        next_url = next_page_url(request, encode_cursor(*last) if last is not None else None)
        return json_response({"next": next_url, "results": items})


class PanelDetailView(LocalizedAPIView):
    """GET /api/v1/panels/{slug}/: one panel."""

    @panel_detail_schema
    def get(self, request: Request, slug: str) -> HttpResponse:
        item = None
        if re.fullmatch(r"[-a-zA-Z0-9_]{1,60}", slug):  # the path takes any text; a slug is only these
            item = panel_api_item(slug, language=self.language, page_url=_page_url(self.language))
        if item is None:
            raise Http404(_("No such panel."))
        return json_response(item)


