"""Staff's pages of a council's members (under /henkilosto/paneelit/jasenet/): councils are kept by staff."""

from django.urls import path  # noqa: F401

app_name = "panel_members"

urlpatterns = []
