"""Voting in a resident budget round and checking a receipt (under /asukasbudjetti/)."""

from django.urls import path  # noqa: F401

app_name = "budget_voting"

urlpatterns: list = []
