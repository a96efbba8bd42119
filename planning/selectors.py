"""Reads of participation processes for residents' pages and the API: what is public, in a language."""

from __future__ import annotations

from django.db.models import QuerySet

from planning.models import Process


def processes_public() -> QuerySet[Process]:
    """The processes residents may see: the published ones, newest first."""
    return Process.objects.filter(published=True).select_related("department", "area")


def process_public(pk: int) -> Process | None:
    return processes_public().filter(pk=pk).first()
