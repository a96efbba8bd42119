"""Reads of the panels for residents, the API and the staff's council pages.

Public reads count only confirmed members and never read an address. A member's own data is read by
their secret token only.
"""

from __future__ import annotations

import re
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


TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")  # secrets.token_urlsafe's alphabet


def token_well_formed(token: str) -> bool:
    """Whether ``token`` could be a member's (anything else is no member, and never reaches the database)."""
    return bool(TOKEN.fullmatch(token or ""))


def panel_member_by_token(token: str) -> PanelMember | None:
    """The member behind a secret link, with their panel, topics and areas (3 queries)."""
    if not token_well_formed(token):
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


# The API -----------------------------------------------------------------------------------------

API_MAX_PAGE = 200  # panels per page; a city runs a few dozen


def _api_item(panel: Panel, areas: list[dict], *, language: str, page_url) -> dict:
    experience = panel.kind == PanelKind.EXPERIENCE
    return {
        "slug": panel.slug,
        "kind": panel.kind,
        "kind_label": str(PanelKind(panel.kind).label),
        "name": panel.name(language),
        "description": panel.description(language),
        "department": ({"code": panel.department.code, "name": panel.department.name(language)}
                       if panel.department_id else None),
        "topics": [{"code": topic.code, "name": topic.name(language)} for topic in panel.topics.all()],
        "service": panel.service(language) or None if experience else None,
        "criteria": panel.criteria(language) or None if experience else None,
        "areas": areas,
        "accepts_members": panel.is_open,
        "member_count": panel.member_count,
        "contact_email": panel.contact_email or None,
        "url": page_url(panel.slug),
    }


def _area_counts(panel_ids: list[int], language: str) -> dict[int, list[dict]]:
    """Per panel: the residential areas its confirmed members chose, with how many chose each (1 query)."""
    through = PanelMember.areas.through
    rows = (through.objects.filter(panelmember__panel_id__in=panel_ids, panelmember__confirmed_at__isnull=False)
            .values("panelmember__panel_id", "area__code", "area__name_fi", "area__name_sv", "area__name_en")
            .annotate(members=Count("panelmember_id", distinct=True))
            .order_by("panelmember__panel_id", "area__name_fi"))
    by_panel: dict[int, list[dict]] = {}
    for row in rows:
        name = row.get(f"area__name_{language}") or row["area__name_fi"]
        by_panel.setdefault(row["panelmember__panel_id"], []).append(
            {"code": row["area__code"], "name": name, "member_count": row["members"]})
    return by_panel


def panels_api_page(*, language: str, page_url, limit: int = 100, after: tuple | None = None) -> tuple[list, tuple | None]:
    """One page of panels for the API (oldest first, keyset on created_at and id; 3 queries) and the
    last row's key when there is a next page."""
    panels = _with_counts(Panel.objects.all()).order_by("created_at", "pk")
    if after is not None:
        created_at, pk = after
        panels = panels.filter(Q(created_at__gt=created_at) | Q(created_at=created_at, pk__gt=pk))
    rows = list(panels[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    areas = _area_counts([panel.pk for panel in rows], language) if rows else {}
    items = [_api_item(panel, areas.get(panel.pk, []), language=language, page_url=page_url) for panel in rows]
    return items, ((rows[-1].created_at, rows[-1].pk) if more else None)


def panel_api_item(slug: str, *, language: str, page_url) -> dict | None:
    panel = panel_public(slug)
    if panel is None:
        return None
    return _api_item(panel, _area_counts([panel.pk], language).get(panel.pk, []), language=language,
                     page_url=page_url)
