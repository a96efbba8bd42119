"""The yearly participation report (under /osallistumisraportti/): page, PDF, CSV."""

from django.urls import path

from planning import participation_report_views as views

app_name = "participation_report"

urlpatterns = [
    path("", views.report_page, name="page"),
    path("pdf/", views.report_pdf, name="pdf"),
    path("csv/", views.report_csv, name="csv"),
]
