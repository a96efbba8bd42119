"""API of a round's proposals: GET the public ones as GeoJSON (PostGIS writes it, passed on unparsed),
POST a signed-in resident's proposal. Parse, call one selector or service, serialise."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.gis.geos import Point
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from city.models import Area, AreaKind
from config.api import LocalizedAPIView, collection_response, feature_response
from config.ratelimit import ReleasesRefusedRequests
from geo_feedback.api.views import BodyErrorsByField
from planning.api.proposal_schema import proposal_create_schema, proposal_list_schema
from planning.api.proposal_throttling import ProposalCreateThrottle
from planning.api.serializers import INVALID_CURSOR, CursorPageSerializer, StorableCharField
from planning.budget_selectors import budget_round_public
from planning.identity import current_resident
from planning.models import BudgetPhase, ProposalStatus
from planning.proposal_selectors import (
    InvalidCursor,
    proposal_feature,
    proposals_features,
)
from planning.services.proposals import ProposalRefused, proposal_create

LARGEST_ID = 2**63 - 1
PUBLIC_STATUSES = [value for value in ProposalStatus.values if value != ProposalStatus.WITHDRAWN]
UNREADABLE_POINT = gettext_lazy("The place cannot be read: give a GeoJSON Point with longitude, latitude in "
                                "WGS84 degrees.")


def _round(id: str):
    """The public round with the id in the path, or 404 (the path takes any text)."""
    if id.isascii() and id.isdigit() and len(id) <= 19 and 0 < int(id) <= LARGEST_ID:
        budget = budget_round_public(int(id))
        if budget is not None:
            return budget
    raise Http404(_("No such resident budget round."))


class ProposalQuerySerializer(CursorPageSerializer):
    area = serializers.CharField(required=False, max_length=40)
    status = serializers.ChoiceField(required=False, choices=PUBLIC_STATUSES)


class PointField(serializers.Field):
    """A GeoJSON Point in WGS84."""

    default_error_messages = {"unreadable": UNREADABLE_POINT}

    def to_internal_value(self, data) -> Point:
        if not isinstance(data, dict) or data.get("type") != "Point":
            self.fail("unreadable")
        coordinates = data.get("coordinates")
        if (not isinstance(coordinates, list) or len(coordinates) != 2
                or not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coordinates)):
            self.fail("unreadable")
        lon, lat = (float(c) for c in coordinates)
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            self.fail("unreadable")
        return Point(lon, lat, srid=4326)

    def to_representation(self, value):
        return json.loads(value.geojson)


class ProposalCreateSerializer(serializers.Serializer):
    title = StorableCharField(allow_blank=True, max_length=400)
    description = StorableCharField(allow_blank=True, trim_whitespace=False, max_length=20_000)
    location = PointField(required=False, allow_null=True)
    area = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=40)
    author_name = StorableCharField(required=False, allow_blank=True, max_length=200)
    author_email = StorableCharField(required=False, allow_blank=True, max_length=254)


class ProposalListView(ReleasesRefusedRequests, BodyErrorsByField, LocalizedAPIView):
    """GET /api/v1/budgets/{id}/proposals/: the public proposals. POST: a signed-in resident's proposal."""

    throttle_classes = [ProposalCreateThrottle]

    @proposal_list_schema
    def get(self, request: Request, id: str) -> HttpResponse:
        budget = _round(id)
        query = ProposalQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        fields = query.validated_data
        try:
            page = proposals_features(budget, area=fields.get("area", ""), status=fields.get("status", ""),
                                      language=self.language, limit=fields["limit"], cursor=fields.get("cursor", ""),
                                      media_url=request.build_absolute_uri(settings.MEDIA_URL))
        except InvalidCursor:
            raise ValidationError({"cursor": [INVALID_CURSOR]}) from None
        return collection_response(request, page.features_json, next_cursor=page.next_cursor)

    @proposal_create_schema
    def post(self, request: Request, id: str) -> HttpResponse:
        budget = _round(id)
        if current_resident(request) is None:
            raise PermissionDenied(_("Sign in to propose."))
        if budget.phase != BudgetPhase.PROPOSALS:
            return Response({"detail": _("This round takes no proposals now.")}, status=status.HTTP_409_CONFLICT)
        payload = ProposalCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        fields = payload.validated_data
        area = None
        location = fields.get("location")
        code = (fields.get("area") or "").strip()
        if location is None and code:
            area = Area.objects.filter(kind=AreaKind.BUDGET_AREA, code=code).first()
            if area is None:
                raise ValidationError({"area": [_("Choose one of the round's budget areas.")]})
        try:
            proposal = proposal_create(
                budget_round=budget, author=request.user, title=fields["title"], description=fields["description"],
                location=location, area=area, author_name=fields.get("author_name", ""),
                author_email=fields.get("author_email", ""), language=self.language)
        except ProposalRefused as refusal:
            raise ValidationError({api_settings.NON_FIELD_ERRORS_KEY if field == "__all__" else field: messages
                                   for field, messages in refusal.errors.items()}) from None
        body = proposal_feature(proposal, language=self.language,
                                media_url=request.build_absolute_uri(settings.MEDIA_URL))
        return feature_response(request, body, status_code=status.HTTP_201_CREATED)
