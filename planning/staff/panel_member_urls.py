"""Staff's pages of a council's members (under /henkilosto/paneelit/jasenet/): councils are kept by staff."""

from django.urls import path

from planning.staff import panel_member_views

app_name = "panel_members"

urlpatterns = [
    path("", panel_member_views.council_list, name="list"),
    path("<slug:slug>/", panel_member_views.council_members, name="members"),
    path("<slug:slug>/lisaa/", panel_member_views.council_member_add, name="add"),
    path("<slug:slug>/<int:pk>/poista/", panel_member_views.council_member_remove, name="remove"),
]
