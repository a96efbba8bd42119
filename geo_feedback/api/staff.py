"""Staff API (session sign-in): tickets with their private fields and full history, and the figures.

Every read starts from ``permissions.feedback_for_staff(user)``. Signed out or not staff: 403. A
ticket outside the user's department answers 404, exactly like a number that does not exist, so
the API does not tell whether it exists.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from city.models import Department
from city.querysets import to_api
from config.api import LocalizedAPIView, without_nul
from config.bodies import JSONRenderer
from geo_feedback.api.serializers import LAST_DAY
from geo_feedback.api.staff_schema import (
    staff_feedback_detail_schema,
    staff_feedback_list_schema,
    staff_summary_schema,
)
from geo_feedback.models import Feedback, FeedbackEvent
from geo_feedback.permissions import Action, can, feedback_for_staff
from geo_feedback.querysets import FeedbackQuerySet
from geo_feedback.statuses import FeedbackStatus
from geo_feedback.summaries import Summary, Timing
from geo_feedback.summary_views import SummaryForm, summary_for_request


class StaffMayDo(BasePermission):
    """The view's ``staff_action`` is allowed for the user's role (no role: no access)."""

    def has_permission(self, request, view) -> bool:
        self.message = _("Only the city's staff may use this.")
        return can(request.user, view.staff_action)


class StaffAPIView(LocalizedAPIView):
    permission_classes = [StaffMayDo]
    renderer_classes = [JSONRenderer]
    staff_action = Action.VIEW


class StaffPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


# Reads -----------------------------------------------------------------------------------------


def _text(request: Request, name: str) -> str:
    """A query parameter's text; a NUL byte (which PostgreSQL text cannot hold) is a 400 naming it."""
    return without_nul(name, request.query_params.get(name, ""))


def _codes(request: Request, name: str) -> list[str]:
    return [code.strip() for code in _text(request, name).split(",") if code.strip()]


def staff_feedback_filtered(user, *, statuses: list[str], categories: list[str], department: str) -> FeedbackQuerySet:
    """The tickets ``user`` may see, newest first, with what a list row shows (one query a page)."""
    queryset = feedback_for_staff(user)
    if statuses:
        queryset = queryset.filter(status__in=statuses)
    if categories:
        queryset = queryset.filter(category__service_code__in=categories)
    if department:
        queryset = queryset.filter(department__code=department)
    return queryset.select_related("category", "department", "area", "assigned_to").order_by("-created_at", "-pk")


def _lon_lat(feedback: Feedback) -> dict | None:
    if feedback.location is None:
        return None
    point = to_api(feedback.location)
    return {"lon": round(point.x, 6), "lat": round(point.y, 6)}


def _ticket(feedback: Feedback, language: str) -> dict:
    return {
        "number": feedback.number,
        "status": feedback.status,
        "status_label": str(FeedbackStatus(feedback.status).label),
        "kind": feedback.kind,
        "channel": feedback.channel,
        "category": feedback.category.service_code,
        "category_name": feedback.category.name(language),
        "department": feedback.department.code,
        "department_name": feedback.department.name(language),
        "area": feedback.area.code if feedback.area else None,
        "area_name": feedback.area.name(language) if feedback.area else None,
        "description": feedback.description,
        "address_text": feedback.address_text,
        "location": _lon_lat(feedback),
        "reporter_name": feedback.reporter_name,
        "reporter_email": feedback.reporter_email,
        "reporter_phone": feedback.reporter_phone,
        "language": feedback.language,
        "supporter_count": feedback.supporter_count,
        "assigned_to": feedback.assigned_to.get_username() if feedback.assigned_to else None,
        "version": feedback.version,
        "created_at": feedback.created_at.isoformat(),
        "status_changed_at": feedback.status_changed_at.isoformat(),
        "updated_at": feedback.updated_at.isoformat(),
    }


def _event(event: FeedbackEvent) -> dict:
    return {
        "created_at": event.created_at.isoformat(),
        "action": event.action,
        "from_status": event.from_status or None,
        "to_status": event.to_status,
        "actor": event.actor.get_username() if event.actor else None,
        "public_note": event.public_note,
        "internal_note": event.internal_note,
        "details": event.details,
        "version": event.version,
    }


# Views -----------------------------------------------------------------------------------------


class StaffFeedbackListView(StaffAPIView):
    """GET /api/v1/staff/feedback/?status=&category=&department=&page=: visible tickets, newest first."""

    @staff_feedback_list_schema
    def get(self, request: Request) -> Response:
        statuses = _codes(request, "status")
        unknown = sorted(set(statuses) - set(FeedbackStatus.values))
        if unknown:
            raise ValidationError({"status": [_("Unknown status: %(codes)s.") % {"codes": ", ".join(unknown)}]})
        department = _text(request, "department").strip()
        if department and not Department.objects.filter(code=department).exists():
            raise ValidationError({"department": [_("No department has that code.")]})
        queryset = staff_feedback_filtered(request.user, statuses=statuses, categories=_codes(request, "category"),
                                           department=department)
        paginator = StaffPagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response([_ticket(feedback, self.language) for feedback in page])


class StaffFeedbackDetailView(StaffAPIView):
    """GET /api/v1/staff/feedback/{number}/: one ticket with its private fields and full history."""

    @staff_feedback_detail_schema
    def get(self, request: Request, number: str) -> Response:
        feedback = (
            feedback_for_staff(request.user)
            .select_related("category", "department", "area", "assigned_to", "merged_into")
            .filter(number=number)
            .first()
        ) if "\x00" not in number else None
        if feedback is None:  # unknown, or another department's: the same answer for both
            raise Http404(_("No ticket has that number."))
        events = feedback.events.select_related("actor").order_by("created_at", "id")
        return Response({
            **_ticket(feedback, self.language),
            "merged_into": feedback.merged_into.number if feedback.merged_into else None,
            "photos": [{"url": photo.image.url, "thumbnail": photo.thumbnail.url if photo.thumbnail else None,
                        "width": photo.width, "height": photo.height, "is_public": photo.is_public}
                       for photo in feedback.photos.all()],
            "history": [_event(event) for event in events],
        })


def _timing_json(timing: Timing) -> dict:
    def rounded(value):
        return None if value is None else round(value, 2)

    return {"measured": timing.measured, "median_hours": rounded(timing.median_hours),
            "p90_hours": rounded(timing.p90_hours), "median_days": rounded(timing.median_days),
            "p90_days": rounded(timing.p90_days)}


def summary_json(summary: Summary) -> dict:
    def rows(counts):
        return [{"key": row.key, "label": row.label, "count": row.count, "share": row.share} for row in counts]

    scope = summary.scope
    return {
        "department": scope.department.code if scope.department else None,
        "from": scope.date_from.isoformat(),
        "to": scope.date_to.isoformat(),
        "total": summary.total,
        "praise": summary.praise,
        "overdue_open": summary.overdue_open,
        "handled": summary.handled,
        "handled_on_time": summary.handled_on_time,
        "handled_late": summary.handled_late,
        "time_to_triage": _timing_json(summary.triage),
        "time_to_handle": _timing_json(summary.handling),
        "by_category": rows(summary.by_category),
        "by_kind": rows(summary.by_kind),
        "by_status": rows(summary.by_status),
        "by_channel": rows(summary.by_channel),
        "by_department": rows(summary.by_department),
        "by_area": rows(summary.by_area),
        "per_1000_inhabitants": [
            {"area": rate.code, "name": rate.name, "count": rate.count, "population": rate.population,
             "population_year": rate.population_year, "population_is_estimate": rate.population_is_estimate,
             "per_1000": rate.per_thousand}
            for rate in summary.area_rates
        ],
    }


class StaffSummaryView(StaffAPIView):
    """GET /api/v1/staff/summary/?department=&from=&to=: the summary page's figures as JSON."""

    staff_action = Action.SUMMARISE

    @staff_summary_schema
    def get(self, request: Request) -> Response:
        form = SummaryForm(request.user, request.query_params)
        if not form.is_valid():
            raise ValidationError({name: list(messages) for name, messages in form.errors.items()})
        if form.cleaned_data["to"] > LAST_DAY:  # the figures count up to the day after "to"
            raise ValidationError({"to": [_("Give a day before the year 9999.")]})
        return Response(summary_json(summary_for_request(request.user, form)))
