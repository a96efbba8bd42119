"""Officials' review of budget proposals (under /henkilosto/asukasbudjetti/)."""

from django.urls import path  # noqa: F401

app_name = "budget_review"

urlpatterns: list = []
