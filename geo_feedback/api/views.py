"""Feedback API: public GeoJSON out, residents' reports in; private fields never leave."""

import functools
import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from city.links import page_path
from config.api import LocalizedAPIView, collection_response, feature_response, without_nul
from config.bodies import JSONParser
from config.browser import browser_key, browser_remember, client_scope
from config.ratelimit import ReleasesRefusedRequests
from geo_feedback.api.schema import (
    category_list_schema,
    feedback_create_schema,
    feedback_detail_schema,
    feedback_list_schema,
    feedback_support_schema,
)
from geo_feedback.api.serializers import (
    INVALID_CURSOR,
    CategorySerializer,
    FeedbackCreateSerializer,
    FeedbackQuerySerializer,
    SupportSerializer,
)
from geo_feedback.api.throttling import FeedbackCreateThrottle
from geo_feedback.models import Category, Channel, FeedbackPhoto
from geo_feedback.page_selectors import feedback_supportable
from geo_feedback.selectors import (
    InvalidCursor,
    category_list,
    feedback_created_json,
    feedback_map_page,
    feedback_nearby_open,
    feedback_public_detail_json,
)
from geo_feedback.services.feedback import (
    SUPPORT_CLOSED,
    FeedbackInvalid,
    SupportClosed,
    feedback_create,
    feedback_support,
    support_message,
)

Found = TypeVar("Found")


class BodyErrorsByField:
    """A request body that cannot be parsed is a 400 of the same shape as any refused input:
    ``{"non_field_errors": ["JSON parse error - …"]}``, not ``{"detail": …}``."""

    def handle_exception(self, exc):
        if isinstance(exc, ParseError):
            exc = ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [exc.detail]})
        return super().handle_exception(exc)


def _public_report(number: str, find: Callable[[str], Found | None]) -> Found:
    """The public report with ``number`` as ``find`` reads it, or 404 (a NUL byte can be in no
    number, nor in PostgreSQL text)."""
    feedback = find(number) if "\x00" not in number else None
    if feedback is None:
        raise Http404(_("No public report has this number."))
    return feedback


def _media_url(request: Request) -> str:
    """The absolute URL the stored photos' names follow (what ``build_absolute_uri(photo.image.url)`` gives)."""
    return request.build_absolute_uri(FeedbackPhoto._meta.get_field("image").storage.url(""))


class CategoryListView(LocalizedAPIView):
    """GET /api/v1/categories/: the active categories in the client's language."""

    @category_list_schema
    def get(self, request: Request) -> Response:
        return Response(CategorySerializer(category_list(), many=True, context={"language": self.language}).data)


class FeedbackListCreateView(ReleasesRefusedRequests, BodyErrorsByField, LocalizedAPIView):
    """GET: public reports as GeoJSON (bbox, filters, cursor paging). POST: a new report."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]
    throttle_classes = [FeedbackCreateThrottle]

    @feedback_list_schema
    def get(self, request: Request) -> HttpResponse:
        query = FeedbackQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        if "near" in query.validated_data:
            category = Category.objects.filter(service_code=query.validated_data["category"][0]).first()
            if category is None:
                raise ValidationError({"category": [_("No category has that service code.")]})
            features = feedback_nearby_open(point=query.validated_data["near"], category=category,
                                            language=self.language)
            return collection_response(request, features)
        try:
            page = feedback_map_page(query.filters(), limit=query.validated_data["limit"],
                                     cursor=query.validated_data.get("cursor", ""), language=self.language)
        except InvalidCursor:
            raise ValidationError({"cursor": [INVALID_CURSOR]}) from None
        return collection_response(request, page.features_json, next_cursor=page.next_cursor)

    @feedback_create_schema
    def post(self, request: Request) -> HttpResponse:
        data = request.data  # JSON: the serializer refuses anything but an object, field by field
        if hasattr(request.data, "getlist"):  # multipart or form: one value a field, photos as files
            data = {key: request.data.get(key) for key in request.data if key != "photos"}
            data["photos"] = request.FILES.getlist("photos")
        payload = FeedbackCreateSerializer(data=data)
        payload.is_valid(raise_exception=True)
        fields = payload.validated_data
        raw_key = without_nul("Idempotency-Key", request.headers.get("Idempotency-Key", "")[:200])
        # Scoped to the client, as Stripe does: another client's key of the same text is another key.
        idempotency_key = (f"api:{client_scope(request, 'idempotency')}:{hashlib.sha256(raw_key.encode()).hexdigest()}"
                           if raw_key else "")
        try:
            result = feedback_create(
                category=fields["category"],
                kind=fields["kind"],
                description=fields["description"],
                location=fields["location"],
                address_text=fields.get("address", ""),
                photos=fields.get("photos", []),
                reporter_name=fields.get("name", ""),
                reporter_email=fields.get("email", ""),
                reporter_phone=fields.get("phone", ""),
                channel=Channel.API,
                language=self.language,
                idempotency_key=idempotency_key,
            )
        except FeedbackInvalid as error:
            raise ValidationError(error.message_dict) from None
        # Only the creator ever sees the private follow link: it is in this response and the receipt.
        body = feedback_created_json(
            result.feedback.pk, language=self.language, media_url=_media_url(request),
            follow_url=request.build_absolute_uri(
                page_path("feedback_pages:follow", self.language, result.feedback.follow_token)))
        if body is None:  # deleted in the instant since it was stored
            raise Http404(_("No public report has this number."))
        response = feature_response(request, body, status_code=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK)
        response["Location"] = reverse("feedback-detail", args=[result.feedback.number])
        if not result.created:
            response["Idempotent-Replayed"] = "true"
        return response


class FeedbackDetailView(LocalizedAPIView):
    """GET /api/v1/feedback/{number}/: one public report as a GeoJSON Feature."""

    @feedback_detail_schema
    def get(self, request: Request, number: str) -> HttpResponse:
        find = functools.partial(feedback_public_detail_json, language=self.language, media_url=_media_url(request))
        return feature_response(request, _public_report(number, find=find))


class FeedbackSupportView(ReleasesRefusedRequests, BodyErrorsByField, LocalizedAPIView):
    """POST /api/v1/feedback/{number}/support/: "me too", optionally following by email."""

    throttle_classes = [FeedbackCreateThrottle]

    @feedback_support_schema
    def post(self, request: Request, number: str) -> Response:
        feedback = _public_report(number, find=feedback_supportable)
        payload = SupportSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            supported = feedback_support(feedback=feedback, email=payload.validated_data.get("email", ""),
                                         browser_key=browser_key(request))
        except DjangoValidationError as error:
            raise ValidationError({"non_field_errors": error.messages}) from None
        except SupportClosed:
            return Response({"detail": str(SUPPORT_CLOSED)}, status=status.HTTP_409_CONFLICT)
        feedback.refresh_from_db(fields=["supporter_count"])
        return browser_remember(request, Response({
            "number": feedback.number, "counted": supported.counted, "message": support_message(supported),
            "supporter_count": feedback.supporter_count}))
