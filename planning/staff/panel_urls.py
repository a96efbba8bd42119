"""Staff's panel pages (under /henkilosto/paneelit/): writing to panels, offers, council members."""

from django.urls import path

from planning.staff import panel_views as views

app_name = "panel_staff"

urlpatterns = [
    path("", views.panel_list, name="list"),
    path("<slug:slug>/", views.panel_page, name="panel"),
    path("<slug:slug>/kirjoita/", views.panel_compose, name="compose"),
    path("<slug:slug>/viestit/<int:pk>/", views.panel_message_page, name="message"),
]
