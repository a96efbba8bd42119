"""API routes of the panels (issue #15)."""

from django.urls import path  # noqa: F401

urlpatterns = []
