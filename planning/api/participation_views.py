"""GET /api/v1/areas/{code}/participation/: parse, call one selector, serialise."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.request import Request
from rest_framework.response import Response

from config.api import LocalizedAPIView
from config.bodies import JSONRenderer
from planning.api.participation_schema import area_participation_schema
from planning.map_selectors import area_participation


class AreaParticipationView(LocalizedAPIView):
    """One area's facts on the planning map, as JSON."""

    renderer_classes = [JSONRenderer]

    @area_participation_schema
    def get(self, request: Request, code: str) -> Response:
        facts = area_participation(code, language=self.language)
        if facts is None:
            raise Http404(_("No area has the code “%(code)s”.") % {"code": code})
        return Response(facts)
