"""Staff's panel pages (under /henkilosto/paneelit/): writing to panels, offers, council members."""

from django.urls import path  # noqa: F401

app_name = "panel_staff"

urlpatterns = []
