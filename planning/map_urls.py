"""The planning map (under /osallistumiskartta/): plans, budgets, groups and feedback by area."""

from django.urls import path

from planning import map_views

app_name = "participation_map"

urlpatterns = [
    path("", map_views.participation_map, name="map"),
    path("valitse/", map_views.participation_choose, name="choose"),
    path("alue/<str:code>/", map_views.area_page, name="area"),
    path("alue/<str:code>/paneeli/", map_views.area_panel, name="area-panel"),
    path("kaava/<int:pk>/", map_views.plan_page, name="plan"),
    path("kaava/<int:pk>/paneeli/", map_views.plan_panel, name="plan-panel"),
]
