"""Voting in a resident budget round and checking a receipt (under /asukasbudjetti/)."""

from django.urls import path

from planning import voting_views

app_name = "budget_voting"

urlpatterns = [
    path("<int:pk>/aanesta/", voting_views.vote, name="vote"),
    path("<int:pk>/aanesta/kuitti/", voting_views.receipt, name="receipt"),
    path("kuitti/", voting_views.receipt_check, name="receipt-check"),
]
