"""API: a round's proposals (GET, POST)."""

from django.urls import path

from planning.api.proposal_views import ProposalListView

urlpatterns = [
    path("budgets/<str:id>/proposals/", ProposalListView.as_view(), name="budget-proposals"),
]
