"""Staff entering paper ballots from service points (under /henkilosto/asukasbudjetti/aanestys/)."""

from django.urls import path  # noqa: F401

app_name = "paper_ballots"

urlpatterns: list = []
