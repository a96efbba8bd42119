"""The planners' pages (under /henkilosto/kaavat/, also /sv/ and /en/)."""

from django.urls import path

from planning.staff import views

app_name = "plan_staff"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("moderointi/", views.moderation_queue, name="moderation"),
    path("moderointi/<int:comment_pk>/", views.moderation_decide, name="moderate"),
    path("<int:pk>/", views.plan_page, name="plan"),
    path("<int:pk>/vaihe/", views.plan_move_phase, name="phase"),
    path("<int:pk>/osalliset/", views.plan_stakeholders, name="stakeholders"),
    path("<int:pk>/osalliset/uusi/", views.plan_stakeholder_add, name="stakeholder-add"),
    path("<int:pk>/osalliset/<int:mapping_pk>/", views.plan_stakeholder_edit, name="stakeholder-edit"),
    path("<int:pk>/osalliset/<int:mapping_pk>/hyvaksy/", views.plan_stakeholder_accept, name="stakeholder-accept"),
    path("<int:pk>/osalliset/<int:mapping_pk>/poista/", views.plan_stakeholder_remove, name="stakeholder-remove"),
    path("<int:pk>/kommentit/", views.plan_comments, name="comments"),
    path("<int:pk>/kommentit/vastaa/", views.plan_answer, name="answer"),
    path("<int:pk>/loppuraportti/", views.plan_closing, name="closing"),
]
