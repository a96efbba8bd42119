"""API routes of the initiatives (issue #15)."""

from django.urls import path

from planning.api.initiative_views import InitiativeDetailView, InitiativeListView

urlpatterns = [
    path("initiatives/", InitiativeListView.as_view(), name="initiative-list"),
    path("initiatives/<str:id>/", InitiativeDetailView.as_view(), name="initiative-detail"),
]
