"""The planning half's API: zoning plans and service projects, and their comments."""

from django.urls import include, path

from planning.api.views import PlanCommentsView, PlanDetailView, PlanListView

urlpatterns = [
    path("plans/", PlanListView.as_view(), name="plan-list"),
    path("plans/<str:id>/", PlanDetailView.as_view(), name="plan-detail"),
    path("plans/<str:id>/comments/", PlanCommentsView.as_view(), name="plan-comments"),
    path("", include("planning.api.budget_urls")),
    path("", include("planning.api.proposal_urls")),
    path("", include("planning.api.ballot_urls")),
    path("", include("planning.api.participation_urls")),
    path("", include("planning.api.panel_urls")),
    path("", include("planning.api.initiative_urls")),
    path("", include("planning.api.report_urls")),
]
