"""The planning map (under /osallistumiskartta/): plans, budgets, groups and feedback by area."""

from django.urls import path  # noqa: F401

app_name = "participation_map"

urlpatterns: list = []
