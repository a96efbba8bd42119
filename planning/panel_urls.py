"""Residents' panel pages (under /paneelit/): the panels, joining, confirming, own data, unsubscribing."""

from django.urls import path

from planning import panel_views

app_name = "panels"

urlpatterns = [
    path("", panel_views.panel_list, name="list"),
    path("vahvista/<str:token>/", panel_views.panel_confirm_page, name="confirm"),
    path("omat-tiedot/<str:token>/", panel_views.panel_member_page, name="member"),
    path("eroa/<str:token>/", panel_views.panel_unsubscribe, name="unsubscribe"),
    path("<slug:slug>/", panel_views.panel_detail, name="detail"),
    path("<slug:slug>/liity/", panel_views.panel_join_page, name="join"),
    path("<slug:slug>/tarkista-sahkoposti/", panel_views.panel_check_email, name="check-email"),
]
