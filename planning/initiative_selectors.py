"""Public reads of the municipal initiatives: the city's own, by state, newest first."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet

from planning.models.initiatives import SEINAJOKI_MUNICIPALITY, Initiative, InitiativeState

LIST_PAGE_SIZE = 20
LARGEST_ID = 2**63 - 1


def initiatives_public(*, state: str = "") -> QuerySet[Initiative]:
    """The initiatives addressed to Seinäjoki (an import of every municipality may hold others),
    in one state or all, the newest published first."""
    queryset = Initiative.objects.filter(municipality_code=SEINAJOKI_MUNICIPALITY)
    if state:
        queryset = queryset.filter(state=state)
    return queryset.order_by("-published_on", "-external_id")


def initiatives_page(*, state: str = "", page: str | int | None = 1) -> Page:
    """One page of the list (a page number past the end gives the last page)."""
    return Paginator(initiatives_public(state=state).defer("source", "proposal_fi", "proposal_sv"),
                     LIST_PAGE_SIZE).get_page(page)


def initiative_state_counts() -> dict[str, int]:
    """How many of the city's initiatives are in each state (every state present, zeros too)."""
    counts = dict(initiatives_public().order_by().values_list("state").annotate(n=Count("pk")))
    return {state: counts.get(state, 0) for state in InitiativeState.values}


def initiative_public(external_id: int) -> Initiative | None:
    """The city's initiative with this kuntalaisaloite.fi number, or None."""
    if not 0 < external_id <= LARGEST_ID:
        return None
    return initiatives_public().filter(external_id=external_id).first()
