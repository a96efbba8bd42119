from geo_feedback.models.categories import Category, CategoryGroup, Department
from geo_feedback.models.feedback import (
    Channel,
    Feedback,
    FeedbackEvent,
    FeedbackFollower,
    FeedbackKind,
    FeedbackNumberCounter,
    FeedbackPhoto,
    IdempotencyKey,
)
from geo_feedback.models.outbox import Notification
from geo_feedback.models.places import Place

__all__ = [
    "Category", "CategoryGroup", "Channel", "Department", "Feedback", "FeedbackEvent", "FeedbackFollower",
    "FeedbackKind", "FeedbackNumberCounter", "FeedbackPhoto", "IdempotencyKey", "Notification", "Place",
]
