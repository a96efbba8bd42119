"""Keyset paging of the APIs' lists: a cursor is the last row's (created_at, id), opaque to clients."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime


class InvalidCursor(ValueError):
    """The paging cursor was not one this server gave out."""


def encode_cursor(created_at: datetime, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{created_at.isoformat()}|{pk}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    """The (created_at, id) a cursor of ``encode_cursor`` carries; InvalidCursor for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, pk = raw.split("|")
        created_at = datetime.fromisoformat(moment)
        pk = int(pk)
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise InvalidCursor(str(error)) from error
    if created_at.tzinfo is None or not 0 < pk < 2**63:
        raise InvalidCursor("not a cursor of this server")
    return created_at, pk
