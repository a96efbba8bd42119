from django.urls import path

from city.api.places import PlaceSearchView
from geo_feedback.api.staff import StaffFeedbackDetailView, StaffFeedbackListView, StaffSummaryView
from geo_feedback.api.views import (
    CategoryListView,
    FeedbackDetailView,
    FeedbackListCreateView,
    FeedbackSupportView,
)

urlpatterns = [
    path("categories/", CategoryListView.as_view(), name="category-list"),
    path("feedback/", FeedbackListCreateView.as_view(), name="feedback-list"),
    path("feedback/<str:number>/", FeedbackDetailView.as_view(), name="feedback-detail"),
    path("feedback/<str:number>/support/", FeedbackSupportView.as_view(), name="feedback-support"),
    path("places/", PlaceSearchView.as_view(), name="place-search"),
    path("staff/feedback/", StaffFeedbackListView.as_view(), name="staff-feedback-list"),
    path("staff/feedback/<str:number>/", StaffFeedbackDetailView.as_view(), name="staff-feedback-detail"),
    path("staff/summary/", StaffSummaryView.as_view(), name="staff-summary-api"),
]
