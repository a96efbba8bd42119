"""RQ job entry points: take ids, load, call a service. Running one twice is harmless."""


def photo_thumbnail_make(photo_id: int) -> bool:
    from geo_feedback.services.photos import photo_thumbnail_store

    return photo_thumbnail_store(photo_id=photo_id)


def notification_send(notification_id: int) -> bool:
    """Jobs queued before the outbox moved to the city core name this path; they still send once."""
    from city.jobs import notification_send as send

    return send(notification_id)
