from geo_feedback.models.categories import Category, CategoryGroup
from geo_feedback.models.feedback import (
    Channel,
    EventAction,
    Feedback,
    FeedbackEvent,
    FeedbackFollower,
    FeedbackKind,
    FeedbackMessage,
    FeedbackNumberCounter,
    FeedbackPhoto,
    IdempotencyKey,
    ReplyTemplate,
)
from geo_feedback.models.open311 import Open311ApiKey

__all__ = [
    "EventAction", "ReplyTemplate",
    "Category", "CategoryGroup", "Channel", "Feedback", "FeedbackEvent", "FeedbackFollower",
    "FeedbackKind", "FeedbackMessage", "FeedbackNumberCounter", "FeedbackPhoto", "IdempotencyKey",
    "Open311ApiKey",
]
