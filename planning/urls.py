"""Residents' pages of participation processes (zoning plans and service development projects)."""

from django.urls import include, path

from planning import views

app_name = "plans"

urlpatterns = [
    path("", views.process_list, name="list"),
    path("<int:pk>/", views.process_detail, name="detail"),
    path("<int:pk>/raportti/", include("planning.report_urls")),  # plans:report, -pdf, -csv, -geojson
    path("<int:pk>/seuraa/", views.process_follow, name="follow"),
    path("seuraa/<str:token>/", views.process_follow_confirm, name="follow-confirm"),
    path("lopeta/<str:token>/", views.process_unfollow, name="unfollow"),
]
