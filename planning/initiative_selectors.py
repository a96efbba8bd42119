"""Public reads of the municipal initiatives: the city's own, by state, newest first."""

from __future__ import annotations

from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

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


API_MAX_PAGE = 200  # initiatives per page of the API; the city receives a few dozen a year


def initiatives_api_page(*, state: str = "", limit: int = 100,
                         after: tuple[date, int] | None = None) -> tuple[list[Initiative], tuple[date, int] | None]:
    """A page of the city's initiatives, the newest published first, after the (published_on, number) of
    the previous page's last; and this page's last when more follow (else None)."""
    queryset = initiatives_public(state=state)
    if after is not None:
        published_on, number = after
        queryset = queryset.filter(Q(published_on__lt=published_on) | Q(published_on=published_on,
                                                                          external_id__lt=number))
    rows = list(queryset.defer("source")[: limit + 1])
    if len(rows) > limit:
        last = rows[limit - 1]
        return rows[:limit], (last.published_on, last.external_id)
    return rows, None
