"""RQ job entry points of the city core: take ids, load, call a service. Running one twice is harmless."""


def notification_send(notification_id: int) -> bool:
    from city.services.outbox import notification_send as send

    return send(notification_id=notification_id)
