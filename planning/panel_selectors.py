"""Reads of the panels for residents, the API and the staff's council pages.

Public reads count only confirmed members and never read an address. A member's own data is read by
their secret token only.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from city.models import Area, AreaKind, Notification
from planning.models import Panel, PanelKind, PanelMember, PanelMessage, PanelTopic

# As the planning map defines it (planning.map_selectors): the innermost areas that are not the city
# or a resident-budget area.
NOT_RESIDENTIAL = [AreaKind.CITY.value, AreaKind.BUDGET_AREA.value]


def residential_areas() -> QuerySet[Area]:
    """The areas residents choose from: the innermost residential ones (none of them has a residential child)."""
    residential_child = Area.objects.filter(parent=OuterRef("pk")).exclude(kind__in=NOT_RESIDENTIAL)
    return Area.objects.exclude(kind__in=NOT_RESIDENTIAL).exclude(Exists(residential_child))


def residential_area_groups(language: str) -> list[tuple[str, list[tuple[int, str]]]]:
    """The residential areas grouped under their parent's name (or "Other areas"), by name; 1 query."""
    rows = (residential_areas().select_related("parent")
            .only("pk", "name_fi", "name_sv", "name_en", "code", "parent__name_fi", "parent__name_sv",
                  "parent__name_en"))
    groups: dict[str, list[tuple[int, str]]] = {}
    for area in rows:
        parent = area.parent.name(language) if area.parent_id else ""
        groups.setdefault(parent, []).append((area.pk, area.name(language)))
    return [(parent, sorted(areas, key=lambda a: a[1])) for parent, areas in
            sorted(groups.items(), key=lambda item: (item[0] == "", item[0]))]


def _with_counts(panels: QuerySet[Panel]) -> QuerySet[Panel]:
    return (panels.select_related("department")
            .annotate(member_count=Count("members", filter=Q(members__confirmed_at__isnull=False)))
            .prefetch_related(Prefetch("topics", queryset=PanelTopic.objects.order_by("name_fi"))))


def panels_public() -> QuerySet[Panel]:
    """Every panel with its confirmed member count and topics (2 queries), by kind and name."""
    return _with_counts(Panel.objects.all()).order_by("kind", "name_fi")


def panels_by_kind(panels: Iterable[Panel]) -> list[tuple[str, str, list[Panel]]]:
    """(kind, its label, the panels) in the order of ``PanelKind``, kinds without panels left out."""
    grouped = {kind: [] for kind in PanelKind.values}
    for panel in panels:
        grouped[panel.kind].append(panel)
    return [(kind, str(PanelKind(kind).label), grouped[kind]) for kind in PanelKind.values if grouped[kind]]


def panel_public(slug: str) -> Panel | None:
    """One panel with its confirmed member count and topics, or None."""
    return _with_counts(Panel.objects.filter(slug=slug)).first()


def panel_member_by_token(token: str) -> PanelMember | None:
    """The member behind a secret link, with their panel, topics and areas (3 queries)."""
    if not token or len(token) > 64:
        return None
    return (PanelMember.objects.filter(token=token).select_related("panel")
            .prefetch_related(Prefetch("topics", queryset=PanelTopic.objects.order_by("name_fi")),
                              Prefetch("areas", queryset=Area.objects.order_by("name_fi").only(
                                  "pk", "code", "name_fi", "name_sv", "name_en")))
            .first())


def panel_member_messages(member: PanelMember) -> QuerySet[Notification]:
    """The emails of the panel's messages written to this member (subject, when queued and sent), newest first."""
    return (Notification.objects.filter(
        about_type=ContentType.objects.get_for_model(PanelMessage), recipient=member.email,
        about_id__in=PanelMessage.objects.filter(panel_id=member.panel_id).values("pk"))
        .only("subject", "created_at", "sent_at").order_by("-created_at", "-id"))


def councils_with_counts() -> QuerySet[Panel]:
    """The councils staff keep, with their member counts."""
    return _with_counts(Panel.objects.filter(kind=PanelKind.COUNCIL)).order_by("name_fi")


def council_members(panel: Panel) -> QuerySet[PanelMember]:
    """A council's members by name (staff only: names and addresses)."""
    return panel.members.select_related("added_by").order_by("name", "email", "id")
