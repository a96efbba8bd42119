"""Municipal initiatives (under /aloitteet/): the city's initiatives with their state and decision."""

from django.urls import path  # noqa: F401

app_name = "initiatives"

urlpatterns = []
