"""API: budget rounds, their allocations and results."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
