"""API: a round's proposals (GET, POST)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
