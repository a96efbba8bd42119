"""API: a signed-in voter's ballot."""

from django.urls import path

from planning.api.ballot_views import BallotView

urlpatterns = [
    path("budgets/<str:id>/ballot/", BallotView.as_view(), name="budget-ballot"),
]
