from django.urls import path

from city.api.views import AreaDetailView, AreaListView

urlpatterns = [
    path("areas/", AreaListView.as_view(), name="area-list"),
    path("areas/<str:code>/", AreaDetailView.as_view(), name="area-detail"),
]
