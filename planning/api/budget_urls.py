"""API: budget rounds, their allocations and results."""

from django.urls import path

from planning.api.budget_views import BudgetDetailView, BudgetListView, BudgetResultsView

urlpatterns = [
    path("budgets/", BudgetListView.as_view(), name="budget-list"),
    path("budgets/<str:id>/", BudgetDetailView.as_view(), name="budget-detail"),
    path("budgets/<str:id>/results/", BudgetResultsView.as_view(), name="budget-results"),
]
