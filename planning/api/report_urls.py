"""API routes of the reports (issue #15)."""

from django.urls import path  # noqa: F401

urlpatterns = []
