"""The yearly participation report (under /osallistumisraportti/): page, PDF, CSV."""

from django.urls import path  # noqa: F401

app_name = "participation_report"

urlpatterns = []
