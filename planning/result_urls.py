"""A resident budget round's results: page, map data and the Pabulib file (under /asukasbudjetti/)."""

from django.urls import path  # noqa: F401

app_name = "budget_results"

urlpatterns: list = []
