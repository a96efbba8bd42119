"""Residents' pages of participation processes (zoning plans and service development projects)."""

from django.urls import include, path

from planning import views

app_name = "plans"

urlpatterns = [
    path("", views.process_list, name="list"),
    path("<int:pk>/", views.process_detail, name="detail"),
    path("<int:pk>/raportti/", include("planning.report_urls")),  # plans:report, -pdf, -csv, -geojson
    path("<int:pk>/kommentoi/", views.process_comment, name="comment"),
    path("<int:pk>/kommentit/<int:comment_pk>/tykkaa/", views.comment_like, name="comment-like"),
    path("<int:pk>/kommentit/<int:comment_pk>/ilmoita/", views.comment_flag, name="comment-flag"),
    path("<int:pk>/seuraa/", views.process_follow, name="follow"),
    path("seuraa/<str:token>/", views.process_follow_confirm, name="follow-confirm"),
    path("lopeta/<str:token>/", views.process_unfollow, name="unfollow"),
]
