"""Staff's report pages (under /henkilosto/osallistumisraportti/): events' participants and targets."""

from django.urls import path  # noqa: F401

app_name = "report_staff"

urlpatterns = []
