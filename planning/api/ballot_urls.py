"""API: a signed-in voter's ballot."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
