"""API: what concerns one residential area (plans, budget, groups, feedback)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
