"""API routes of the reports (issue #15)."""

from django.urls import path

from planning.api.report_views import ParticipationReportView

urlpatterns = [
    path("participation-report/<str:year>/", ParticipationReportView.as_view(), name="participation-report"),
]
