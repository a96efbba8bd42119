"""RQ job entry points: take ids, load, call a service. Running one twice is harmless."""



def notification_send(notification_id: int) -> bool:
    from geo_feedback.services.notifications import notification_send as send

    return send(notification_id=notification_id)


def photo_thumbnail_make(photo_id: int) -> bool:
    from geo_feedback.services.photos import photo_thumbnail_store

    return photo_thumbnail_store(photo_id=photo_id)
