"""Municipal initiatives (under /aloitteet/): the city's initiatives with their state and decision."""

from django.urls import path

from planning.initiative_views import initiative_detail, initiative_list

app_name = "initiatives"

urlpatterns = [
    path("", initiative_list, name="list"),
    path("<int:number>/", initiative_detail, name="detail"),
]
