"""Staff pages of the feedback channel (under /henkilosto/, /sv/henkilosto/, /en/henkilosto/)."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from geo_feedback.staff import views

app_name = "staff"

urlpatterns = [
    path("", views.staff_home, name="home"),
    path("kirjaudu/", auth_views.LoginView.as_view(
        template_name="geo_feedback/staff/login.html", next_page=reverse_lazy("staff:home"),
        redirect_authenticated_user=True), name="login"),
    path("kirjaudu-ulos/", auth_views.LogoutView.as_view(next_page=reverse_lazy("staff:login")), name="logout"),
    path("kasittely/", views.triage_queue, name="triage"),
    path("kasittely/massatoiminto/", views.bulk_confirm, name="bulk"),
    path("toimiala/", views.department_queue, name="department"),
    path("haku/", views.staff_search, name="search"),
    path("uusi/", views.desk_entry, name="desk"),
    path("palaute/<str:number>/", views.ticket_page, name="ticket"),
    path("palaute/<str:number>/<slug:slug>/", views.ticket_action, name="action"),
]
