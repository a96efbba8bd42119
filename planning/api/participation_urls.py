"""API: what concerns one residential area (plans, budget, groups, feedback)."""

from django.urls import path

from planning.api.participation_views import AreaParticipationView

urlpatterns = [
    path("areas/<str:code>/participation/", AreaParticipationView.as_view(), name="area-participation"),
]
