"""Officials' review of budget proposals (under /henkilosto/asukasbudjetti/)."""

from django.urls import path

from planning.staff import budget_review_views as views

app_name = "budget_review"

urlpatterns = [
    path("", views.review_round_list, name="rounds"),
    path("<int:round_pk>/ehdotukset/", views.review_proposal_list, name="proposals"),
    path("ehdotukset/<int:pk>/arvioi/", views.review_proposal_page, name="review"),
    path("ehdotukset/<int:pk>/yhdista/", views.review_merge_page, name="merge"),
]
