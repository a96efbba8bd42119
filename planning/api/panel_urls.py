"""API routes of the panels (issue #15)."""

from django.urls import path

from planning.api.panel_views import PanelDetailView, PanelListView

urlpatterns = [
    path("panels/", PanelListView.as_view(), name="panel-list"),
    path("panels/<str:slug>/", PanelDetailView.as_view(), name="panel-detail"),
]
