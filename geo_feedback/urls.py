"""Resident pages of the feedback channel (under /palaute/, /sv/palaute/, /en/palaute/)."""

from django.urls import path

from geo_feedback import views

# A namespace of their own: the API already uses the names feedback-list and feedback-detail.
app_name = "feedback_pages"

urlpatterns = [
    path("", views.feedback_map, name="map"),
    path("uusi/", views.report_new, name="new"),
    path("kiitos/", views.report_thanks, name="thanks"),
    path("seuraa/<str:token>/", views.feedback_follow, name="follow"),
    path("lopeta/<str:token>/", views.feedback_unfollow_page, name="unfollow"),
    path("<str:number>/minakin/", views.feedback_support_page, name="support"),
    path("<str:number>/", views.feedback_detail, name="detail"),
]
