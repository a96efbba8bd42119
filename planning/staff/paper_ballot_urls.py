"""Staff entering paper ballots from service points (under /henkilosto/asukasbudjetti/aanestys/)."""

from django.urls import path

from planning.staff import paper_ballot_views

app_name = "paper_ballots"

urlpatterns = [
    path("", paper_ballot_views.paper_ballot_rounds, name="rounds"),
    path("<int:pk>/", paper_ballot_views.paper_ballot_enter, name="enter"),
]
