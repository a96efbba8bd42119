"""Residents' proposals for a resident budget round (under /asukasbudjetti/)."""

from django.urls import path  # noqa: F401

app_name = "budget_proposals"

urlpatterns: list = []
