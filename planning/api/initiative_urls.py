"""API routes of the initiatives (issue #15)."""

from django.urls import path  # noqa: F401

urlpatterns = []
