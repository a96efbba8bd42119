"""Shapes of the initiatives API: the list's query parameters and an initiative as the API gives it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from django.conf import settings
from rest_framework import serializers

from city.links import page_path
from city.paging import decode_cursor, encode_cursor
from planning.api.serializers import CursorPageSerializer
from planning.initiative_selectors import API_MAX_PAGE
from planning.models.initiatives import Initiative, InitiativeState


def initiative_cursor(last: tuple[date, int]) -> str:
    """The next page's cursor: the shared keyset cursor, its moment being the publishing day at 00:00 UTC."""
    published_on, number = last
    return encode_cursor(datetime.combine(published_on, time.min, tzinfo=UTC), number)


class InitiativeQuerySerializer(CursorPageSerializer):
    """``GET /api/v1/initiatives/``: an optional state, and the page."""

    state = serializers.ChoiceField(required=False, choices=InitiativeState.values)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=API_MAX_PAGE, default=100)

    def validate_cursor(self, cursor) -> tuple[date, int]:
        moment, number = decode_cursor(super().validate_cursor(cursor))
        return moment.astimezone(UTC).date(), number


def initiative_data(initiative: Initiative, *, language: str, detail: bool = False) -> dict:
    """An initiative as the API gives it, its texts in ``language`` where it has them."""
    name, name_language = initiative.text("name", language)
    data = {
        "id": initiative.external_id,
        "name": name,
        "name_language": name_language,
        "state": initiative.state,
        "state_label": initiative.get_state_display(),
        "type": initiative.type,
        "type_label": initiative.get_type_display(),
        "published_on": initiative.published_on.isoformat(),
        "sent_on": initiative.sent_on.isoformat() if initiative.sent_on else None,
        "support_count": initiative.support_count,
        "decision": ({"date": initiative.decided_on.isoformat(), "text": initiative.decision_text}
                     if initiative.state == InitiativeState.DECIDED else None),
        "kuntalaisaloite_url": initiative.url(language),
        "url": settings.SITE_URL + page_path("initiatives:detail", language, initiative.external_id),
    }
    if detail:
        proposal, proposal_language = initiative.text("proposal", language)
        data |= {"proposal": proposal, "proposal_language": proposal_language if proposal else None}
    return data
