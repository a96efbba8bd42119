"""Residents' panel pages (under /paneelit/): the panels, joining, confirming, own data, unsubscribing."""

from django.urls import path  # noqa: F401

app_name = "panels"

urlpatterns = []
