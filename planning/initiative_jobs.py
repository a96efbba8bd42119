"""RQ job entry point of the initiatives: import a source again (a staff member's "run again" in the admin).

Running it twice is harmless: the import matches rows by their kuntalaisaloite.fi number."""

from __future__ import annotations


def initiatives_import_run(source: str, municipality: int | None, actor_id: int | None) -> int | None:
    """Import ``source``; the new import log's id, or None when the source cannot be read (logged)."""
    import logging

    from django.contrib.auth import get_user_model

    from planning.services.initiatives import InitiativeSourceUnreadable, initiatives_import_source

    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    try:
        return initiatives_import_source(source=source, municipality=municipality, actor=actor).pk
    except InitiativeSourceUnreadable as error:
        logging.getLogger(__name__).warning("initiatives import of %s failed: %s", source, error)
        return None
