"""Staff's report pages (under /henkilosto/osallistumisraportti/): events' participants and targets."""

from django.urls import path

from planning.staff import participation_report_views as views

app_name = "report_staff"

urlpatterns = [
    path("", views.staff_page, name="page"),
    path("tapahtumat/", views.event_add, name="event-add"),
    path("tapahtumat/<int:pk>/poista/", views.event_remove, name="event-remove"),
    path("tavoitteet/", views.target_set, name="target-set"),
    path("tavoitteet/<int:pk>/poista/", views.target_remove, name="target-remove"),
]
