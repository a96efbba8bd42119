"""Residents' proposals for a resident budget round (under /asukasbudjetti/)."""

from django.urls import path

from planning import proposal_views as views

app_name = "budget_proposals"

urlpatterns = [
    path("<int:round_pk>/ehdotukset/", views.proposal_list, name="list"),
    path("<int:round_pk>/ehdotukset/uusi/", views.proposal_create_page, name="create"),
    path("<int:round_pk>/ehdotukset/samankaltaiset/", views.proposal_similar, name="similar"),
    path("ehdotukset/<int:pk>/", views.proposal_detail, name="detail"),
    path("ehdotukset/<int:pk>/muokkaa/", views.proposal_edit_page, name="edit"),
    path("ehdotukset/<int:pk>/peru/", views.proposal_withdraw_page, name="withdraw"),
    path("ehdotukset/<int:pk>/kommentoi/", views.proposal_comment, name="comment"),
    path("ehdotukset/viestit/<str:token>/", views.proposal_emails_stop, name="emails-stop"),
]
