"""The participation report's API: a year's figures, or the progress while they are computed.

Parse, call one service, serialise: the figures are the JSON the report's job stored."""

from __future__ import annotations

import json

from django.http import HttpResponse
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from config.api import LocalizedAPIView
from planning.api.report_schema import participation_report_schema
from planning.models import ReportStatus
from planning.participation_report_forms import ReportChoiceForm
from planning.services.participation_reports import participation_report_request

JSON = "application/json"
RETRY_AFTER_SECONDS = 3


class ParticipationReportView(LocalizedAPIView):
    """GET /api/v1/participation-report/{year}/?department=: 200 with the figures, 202 while computing."""

    @participation_report_schema
    def get(self, request: Request, year: str) -> HttpResponse:
        form = ReportChoiceForm({"year": year, "department": request.query_params.get("department", "")},
                                language=self.language)
        if not form.is_valid():
            raise ValidationError({name: list(messages) for name, messages in form.errors.items()})
        report = participation_report_request(year=form.cleaned_data["year"], department=form.chosen_department())
        if report.status == ReportStatus.DONE:
            return HttpResponse(json.dumps({"status": report.status, **report.figures}, ensure_ascii=False),
                                content_type=JSON)
        response = HttpResponse(json.dumps({"status": report.status, "progress": report.progress,
                                            "step": report.step}), content_type=JSON, status=202)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
