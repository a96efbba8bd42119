"""Plans API: public GeoJSON of the processes and their comments out, residents' comments in.

Parse, call one selector or service, serialise: the GeoJSON is text PostGIS wrote
(planning/selectors.py), passed on unparsed.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from config.api import GEOJSON, LocalizedAPIView, collection_response, feature_response
from config.ratelimit import ReleasesRefusedRequests
from geo_feedback.api.views import BodyErrorsByField
from planning.api.schema import (
    plan_comment_create_schema,
    plan_comments_schema,
    plan_detail_schema,
    plan_list_schema,
)
from planning.api.serializers import INVALID_CURSOR, CommentCreateSerializer, PlanQuerySerializer
from planning.api.throttling import CommentCreateThrottle
from planning.models import Attachment, Process
from planning.selectors import (
    InvalidCursor,
    comment_public_json,
    plan_comments_json,
    plan_public_json,
    plans_page,
    process_public,
)
from planning.services.comments import CommentRefused, comment_create

LARGEST_ID = 2**63 - 1  # a bigint: a larger number in the path is no process, not a database error


def _not_found():
    return Http404(_("No public plan has this id."))


def _known(id: str) -> int:
    """The id in the path as a number, or 404: the path takes any text, so that a client that sends
    ``-1`` or ``abc`` gets the API's 404 and not the site's HTML page."""
    if not (id.isascii() and id.isdigit() and len(id) <= 19) or not 0 < int(id) <= LARGEST_ID:
        raise _not_found()
    return int(id)


def _media_url(request: Request) -> str:
    """The absolute URL the stored attachments' names follow."""
    return request.build_absolute_uri(Attachment._meta.get_field("file").storage.url(""))


class PlanListView(LocalizedAPIView):
    """GET /api/v1/plans/: the published processes as GeoJSON (filters, cursor paging)."""

    @plan_list_schema
    def get(self, request: Request) -> HttpResponse:
        query = PlanQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        fields = query.validated_data
        try:
            page = plans_page(kinds=fields.get("kind", ()), phases=tuple(int(p) for p in fields.get("phase", ())),
                              limit=fields["limit"], cursor=fields.get("cursor", ""), language=self.language)
        except InvalidCursor:
            raise ValidationError({"cursor": [INVALID_CURSOR]}) from None
        return collection_response(request, page.features_json, next_cursor=page.next_cursor)


class PlanDetailView(LocalizedAPIView):
    """GET /api/v1/plans/{id}/: one public process as a GeoJSON Feature with everything public about it."""

    @plan_detail_schema
    def get(self, request: Request, id: str) -> HttpResponse:
        feature = plan_public_json(_known(id), language=self.language, media_url=_media_url(request))
        if feature is None:
            raise _not_found()
        return feature_response(request, feature)


class PlanCommentsView(ReleasesRefusedRequests, BodyErrorsByField, LocalizedAPIView):
    """GET: a process's published comments as GeoJSON. POST: a resident's comment."""

    throttle_classes = [CommentCreateThrottle]

    @plan_comments_schema
    def get(self, request: Request, id: str) -> HttpResponse:
        collection = plan_comments_json(_known(id), language=self.language)
        if collection is None:
            raise _not_found()
        return HttpResponse(collection, content_type=GEOJSON)

    @plan_comment_create_schema
    def post(self, request: Request, id: str) -> HttpResponse:
        process: Process | None = process_public(_known(id))
        if process is None:
            raise _not_found()
        user = request.user if request.user is not None and request.user.is_authenticated else None
        if process.requires_sign_in and user is None:
            raise PermissionDenied(_("Sign in to comment on this plan."))
        if not process.accepts_comments():
            return Response({"detail": _("This plan takes no comments in its current phase.")},
                            status=status.HTTP_409_CONFLICT)
        payload = CommentCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        fields = payload.validated_data
        try:
            comment = comment_create(process=process, text=fields["text"], geometry=fields.get("geometry"),
                                     group=fields.get("group", ""), age_band=fields.get("age_band", ""),
                                     language=self.language, author=user)
        except CommentRefused as refusal:
            raise ValidationError({api_settings.NON_FIELD_ERRORS_KEY if field == "__all__" else field: messages
                                   for field, messages in refusal.errors.items()}) from None
        body = comment_public_json(comment.pk, language=self.language)
        if body is None:  # hidden in the instant since it was stored
            raise _not_found()
        return feature_response(request, body, status_code=status.HTTP_201_CREATED)
