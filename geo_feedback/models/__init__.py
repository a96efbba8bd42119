from geo_feedback.models.categories import Category, CategoryGroup, Department
from geo_feedback.models.feedback import (
    Channel,
    EventAction,
    Feedback,
    FeedbackEvent,
    FeedbackFollower,
    FeedbackKind,
    FeedbackNumberCounter,
    FeedbackPhoto,
    IdempotencyKey,
    ReplyTemplate,
)
from geo_feedback.models.open311 import Open311ApiKey
from geo_feedback.models.outbox import Notification
from geo_feedback.models.places import Place
from geo_feedback.models.staff import DEPARTMENT_ROLES, StaffProfile, StaffRole

__all__ = [
    "DEPARTMENT_ROLES", "EventAction", "ReplyTemplate", "StaffProfile", "StaffRole",
    "Category", "CategoryGroup", "Channel", "Department", "Feedback", "FeedbackEvent", "FeedbackFollower",
    "FeedbackKind", "FeedbackNumberCounter", "FeedbackPhoto", "IdempotencyKey", "Notification", "Place",
    "Open311ApiKey",
]
