"""Reads of the staff side of panels: whom a message reaches, which panels to offer, what was sent.

Recipient selection is ``PanelMember.objects.reached_by`` (PostGIS decides which members' areas share
ground with a message's reach). The offers count, for every panel at once, how many members a plan's
or a budget round's invitation would reach, in one query after the reach itself.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.contrib.gis.db.models import Union
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from city.models import Area, AreaKind, Notification, StaffRole
from city.permissions import has_role, staff_profile
from city.services.outbox import MAX_ATTEMPTS
from planning.models import (
    BudgetAllocation,
    BudgetPhase,
    BudgetRound,
    Panel,
    PanelMember,
    PanelMessage,
    Phase,
    Process,
)
from planning.panel_selectors import residential_areas

PAGE_SIZE = 50
# A zoning plan is offered panels to invite while residents comment on its goals and its draft, a
# resident-budget round while residents propose and while they vote.
PLAN_OFFER_PHASES = (Phase.GOALS, Phase.DRAFT)
BUDGET_OFFER_PHASES = (BudgetPhase.PROPOSALS, BudgetPhase.VOTING)


def _multipolygon(geometry: GEOSGeometry | None) -> MultiPolygon | None:
    if geometry is None or geometry.empty:
        return None
    if isinstance(geometry, MultiPolygon):
        return geometry
    if geometry.geom_type == "Polygon":
        return MultiPolygon(geometry, srid=geometry.srid)
    polygons = [part for part in geometry if part.geom_type == "Polygon"]  # a collection's polygons only
    return MultiPolygon(*polygons, srid=geometry.srid) if polygons else None


def _areas_union(areas: QuerySet[Area]) -> MultiPolygon | None:
    """The union of the areas' boundaries, computed by PostGIS."""
    return _multipolygon(areas.aggregate(union=Union("boundary"))["union"])


def budget_round_area_ids(budget_round: BudgetRound) -> QuerySet:
    """The budget areas a round's money is shared by: those with an amount; before the split the areas
    chosen to take part, or every budget area when none is chosen."""
    allocated = BudgetAllocation.objects.filter(round=budget_round).values("area_id")
    if allocated.exists():
        return allocated
    chosen = budget_round.areas.values("pk")
    if chosen.exists():
        return chosen
    return Area.objects.filter(kind=AreaKind.BUDGET_AREA).values("pk")


def panel_message_reach(*, areas=(), process: Process | None = None,
                        budget_round: BudgetRound | None = None) -> MultiPolygon | None:
    """The ground a message's members' areas must meet: the chosen areas' union, else the plan's
    boundary, else the union of the round's budget areas; None (everywhere) when there is none."""
    area_ids = [getattr(area, "pk", area) for area in areas]
    if area_ids:
        return _areas_union(Area.objects.filter(pk__in=area_ids))
    if process is not None and process.boundary is not None:
        return _multipolygon(process.boundary)
    if budget_round is not None:
        return _areas_union(Area.objects.filter(pk__in=budget_round_area_ids(budget_round)))
    return None


def panel_message_recipients(*, panel: Panel, reach: MultiPolygon | None, topics=()) -> QuerySet[PanelMember]:
    """The members of ``panel`` a message with ``reach`` and ``topics`` reaches."""
    return PanelMember.objects.filter(panel=panel).reached_by(reach, topics)


def panel_message_recipient_count(*, panel: Panel, reach: MultiPolygon | None, topics=()) -> int:
    return panel_message_recipients(panel=panel, reach=reach, topics=topics).count()


def _count(members: QuerySet) -> Coalesce:
    """A correlated COUNT of ``members`` (filtered by the outer panel) as an annotation."""
    counted = members.order_by().values("panel").annotate(number=Count("pk")).values("number")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def panel_offers(reach: MultiPolygon | None) -> list[Panel]:
    """The panels some of whose confirmed members chose an area sharing ground with ``reach``, in one
    query: ``in_area`` counts those members, ``whole_city`` the members who chose no area (a message
    reaches them too), ``reached`` both. Most members in the area first."""
    if reach is None:
        return []
    members = PanelMember.objects.confirmed().filter(panel=OuterRef("pk"))
    areas = PanelMember.areas.through.objects.filter(panelmember_id=OuterRef("pk"))
    meeting = areas.filter(area__boundary__intersects=reach).exclude(area__boundary__touches=reach)
    panels = (Panel.objects.annotate(in_area=_count(members.filter(Exists(meeting))),
                                     whole_city=_count(members.filter(~Exists(areas))))
              .filter(in_area__gt=0).order_by("-in_area", "name_fi"))
    offers = list(panels)
    for panel in offers:
        panel.reached = panel.in_area + panel.whole_city
    return offers


def plan_panel_offers(process: Process) -> list[Panel] | None:
    """The panels to invite to a plan's comment round while it is in phase 4 or 5; None otherwise."""
    if process.phase not in PLAN_OFFER_PHASES:
        return None
    return panel_offers(panel_message_reach(process=process))


def budget_round_panel_offers(budget_round: BudgetRound) -> list[Panel] | None:
    """The panels to invite to a round while residents propose or vote; None otherwise."""
    if budget_round.phase not in BUDGET_OFFER_PHASES:
        return None
    return panel_offers(panel_message_reach(budget_round=budget_round))


# The staff pages ---------------------------------------------------------------------------------


def panels_for_staff(page_number=None) -> Page:
    """A page of every panel with its confirmed members, messages sent and when it was last written to."""
    members = PanelMember.objects.confirmed().filter(panel=OuterRef("pk"))
    messages = PanelMessage.objects.filter(panel=OuterRef("pk"))
    panels = Panel.objects.annotate(
        confirmed_count=_count(members),
        messages_count=Coalesce(Subquery(messages.order_by().values("panel").annotate(n=Count("pk")).values("n"),
                                         output_field=IntegerField()), 0),
        last_sent_at=Subquery(messages.order_by().values("panel").annotate(last=Max("created_at")).values("last")),
    ).order_by("kind", "name_fi")
    return Paginator(panels, PAGE_SIZE).get_page(page_number)


def panel_for_staff(slug: str) -> Panel | None:
    members = PanelMember.objects.confirmed().filter(panel=OuterRef("pk"))
    return (Panel.objects.annotate(confirmed_count=_count(members)).prefetch_related("topics")
            .filter(slug=slug).first())


def panel_messages(panel: Panel, page_number=None) -> Page:
    """A page of the messages sent to ``panel``, newest first, with who sent them."""
    return Paginator(panel.messages.select_related("created_by", "process", "budget_round"),
                     PAGE_SIZE).get_page(page_number)


def panel_message_for_staff(pk: int) -> PanelMessage | None:
    return (PanelMessage.objects.select_related("panel", "created_by", "process", "budget_round")
            .prefetch_related("topics", "areas").filter(pk=pk).first())


def panel_message_delivery(message: PanelMessage) -> dict[str, int]:
    """How many of a message's emails are sent, still queued (a failed one is retried), and failed for
    good, counted from its outbox rows in one query; never an address."""
    rows = Notification.objects.filter(about_type=ContentType.objects.get_for_model(PanelMessage),
                                       about_id=message.pk)
    unsent = Q(sent_at__isnull=True)
    return rows.aggregate(
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        queued=Count("pk", filter=unsent & Q(attempts__lt=MAX_ATTEMPTS)),
        retrying=Count("pk", filter=unsent & Q(attempts__lt=MAX_ATTEMPTS) & ~Q(last_error="")),
        failed=Count("pk", filter=unsent & Q(attempts__gte=MAX_ATTEMPTS)),
    )


def panel_message_processes(user) -> QuerySet[Process]:
    """The plans ``user`` may invite panels to comment on: those in phase 4 or 5, a planner's own only."""
    profile = staff_profile(user)
    plans = Process.objects.filter(phase__in=PLAN_OFFER_PHASES).order_by("name_fi", "pk")
    if profile is None:
        return plans.none()
    if profile.has_role(StaffRole.ADMINISTRATOR, StaffRole.PARTICIPATION_AGENT):
        return plans
    if profile.has_role(StaffRole.PLANNER):
        return plans.filter(planners=user)
    return plans.none()


def panel_message_budget_rounds(user) -> QuerySet[BudgetRound]:
    """The rounds ``user`` may invite panels to: those open for proposals or votes."""
    rounds = BudgetRound.objects.filter(phase__in=BUDGET_OFFER_PHASES).order_by("-year", "name_fi")
    if has_role(user, StaffRole.ADMINISTRATOR, StaffRole.PARTICIPATION_AGENT, StaffRole.BUDGET_OFFICIAL):
        return rounds
    return rounds.none()


def panel_message_areas() -> QuerySet[Area]:
    """The residential areas a message may be narrowed to: those members choose from."""
    return residential_areas().order_by("name_fi", "code")
