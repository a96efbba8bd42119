"""Residents' pages of participation processes (zoning plans and service development projects)."""

from django.urls import path

from planning import views

app_name = "plans"

urlpatterns = [
    path("", views.process_list, name="list"),
    path("<int:pk>/", views.process_detail, name="detail"),
    path("<int:pk>/seuraa/", views.process_follow, name="follow"),
    path("seuraa/<str:token>/", views.process_follow_confirm, name="follow-confirm"),
    path("lopeta/<str:token>/", views.process_unfollow, name="unfollow"),
]
