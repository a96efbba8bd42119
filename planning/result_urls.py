"""A resident budget round's results: page, map data and the Pabulib file (under /asukasbudjetti/)."""

from django.urls import path

from planning import result_views

app_name = "budget_results"

urlpatterns = [
    path("<int:pk>/tulokset/", result_views.budget_results_page, name="page"),
    path("<int:pk>/tulokset/<str:code>.pb", result_views.budget_results_pabulib, name="pabulib"),
]
