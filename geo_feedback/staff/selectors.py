"""Reads for the staff pages. Every one starts from ``permissions.feedback_for_staff(user)``, so a
list, a count or a search never holds a ticket the user may not see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.gis.db.models.functions import Distance
from django.core.paginator import Page, Paginator
from django.db.models import DateTimeField, ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from city.models import Area, Department, StaffRole
from city.querysets import to_api
from geo_feedback.models import Category, Channel, EventAction, Feedback, FeedbackEvent, ReplyTemplate
from geo_feedback.notes import history_notes_render
from geo_feedback.permissions import feedback_for_staff
from geo_feedback.querysets import FeedbackQuerySet
from geo_feedback.selectors import _area_and_descendants
from geo_feedback.statuses import FeedbackStatus

S = FeedbackStatus
PAGE_SIZE = 50
TRIAGE_STATUSES = (S.RECEIVED, S.IN_TRIAGE)
DEPARTMENT_STATUSES = (S.ROUTED, S.IN_PROGRESS)
# Staff look wider than a resident's duplicate suggestion: the same pothole is often pinned a
# block away. 1000 m is also the largest duplicate radius a category may have.
MERGE_RADIUS_M = 1000
MERGE_CANDIDATES = 20
SEARCH_LIMIT = 50


class NotVisible(Exception):
    """The ticket exists but the user's role does not reach it (403, not 404)."""


def _with_due(queryset: FeedbackQuerySet) -> FeedbackQuerySet:
    """Annotate ``due_at``: received + the category's target handling time, computed in SQL."""
    return queryset.annotate(due_at=ExpressionWrapper(
        F("created_at") + F("category__target_days") * timedelta(days=1), output_field=DateTimeField()))


@dataclass(frozen=True)
class QueueRow:
    """A ticket in a staff list, with its place in WGS84 for the map and "Show on map"."""

    feedback: Feedback
    category_name: str
    area_name: str
    due_at: datetime
    overdue: bool
    age_days: int
    lon: float | None
    lat: float | None


def _rows(tickets, *, language: str) -> list[QueueRow]:
    now = timezone.now()
    rows = []
    for feedback in tickets:
        lon = lat = None
        if feedback.location is not None:
            point = to_api(feedback.location)
            lon, lat = round(point.x, 6), round(point.y, 6)
        rows.append(QueueRow(
            feedback=feedback, category_name=feedback.category.name(language),
            area_name=feedback.area.name(language) if feedback.area else "",
            due_at=feedback.due_at, overdue=feedback.due_at < now and feedback.status in (
                *TRIAGE_STATUSES, *DEPARTMENT_STATUSES),
            age_days=(now - feedback.created_at).days, lon=lon, lat=lat,
        ))
    return rows


def _listed(queryset: FeedbackQuerySet) -> FeedbackQuerySet:
    return _with_due(queryset).select_related("category", "area", "department", "assigned_to")


@dataclass(frozen=True)
class QueueFilters:
    """The triage queue's filters; every one optional."""

    category: str = ""  # service code
    area: str = ""  # area code; nested areas included
    older_than_days: int | None = None
    channel: str = ""


def triage_queue(user, filters: QueueFilters, *, page_number, language: str) -> tuple[Page, list[QueueRow]]:
    """New tickets (received, in triage) the user may see, oldest first, one page of them."""
    queryset = feedback_for_staff(user).filter(status__in=TRIAGE_STATUSES)
    if filters.category:
        queryset = queryset.filter(category__service_code=filters.category)
    if filters.area:
        queryset = queryset.filter(area_id__in=_area_and_descendants(filters.area))
    if filters.older_than_days is not None:
        queryset = queryset.filter(created_at__lt=timezone.now() - timedelta(days=filters.older_than_days))
    if filters.channel:
        queryset = queryset.filter(channel=filters.channel)
    page = Paginator(_listed(queryset).order_by("created_at", "id"), PAGE_SIZE).get_page(page_number)
    return page, _rows(page.object_list, language=language)


DEPARTMENT_SORTS = {"due": ("due_at", "created_at", "id"), "age": ("created_at", "id")}


def department_queue(user, *, sort: str, department: Department | None, page_number,
                     language: str) -> tuple[Page, list[QueueRow]]:
    """Routed and in-progress tickets of the user's department (or of ``department`` for
    customer service and administrators), by due date or age."""
    queryset = feedback_for_staff(user).filter(status__in=DEPARTMENT_STATUSES)
    if department is not None:
        queryset = queryset.filter(department=department)
    ordering = DEPARTMENT_SORTS.get(sort, DEPARTMENT_SORTS["due"])
    page = Paginator(_listed(queryset).order_by(*ordering), PAGE_SIZE).get_page(page_number)
    return page, _rows(page.object_list, language=language)


def staff_search(user, query: str, *, language: str) -> list[QueueRow]:
    """Tickets the user may see whose number, description or address contains ``query``."""
    query = query.strip()
    if not query:
        return []
    queryset = feedback_for_staff(user).filter(
        Q(number__icontains=query) | Q(description__icontains=query) | Q(address_text__icontains=query))
    return _rows(_listed(queryset).order_by("-created_at", "-id")[:SEARCH_LIMIT], language=language)


@dataclass(frozen=True)
class TicketView:
    """Everything staff see of a ticket: private contact details, hidden photos, full history."""

    feedback: Feedback
    photos: list
    history: list[FeedbackEvent]
    due_at: datetime
    overdue: bool
    lon: float | None
    lat: float | None
    duplicates: list[Feedback]


def ticket_for_staff(user, number: str) -> TicketView | None:
    """The ticket for its staff page; None if no ticket has this number; NotVisible if the
    user's role does not reach it."""
    visible = _listed(feedback_for_staff(user)).select_related("merged_into").filter(number=number).first()
    if visible is None:
        if Feedback.objects.filter(number=number).exists():
            raise NotVisible(number)
        return None
    lon = lat = None
    if visible.location is not None:
        point = to_api(visible.location)
        lon, lat = round(point.x, 6), round(point.y, 6)
    history = list(FeedbackEvent.objects.filter(feedback=visible).select_related("actor").order_by("version", "id"))
    names = _history_names(history)
    for event in history:
        event.details_display = history_details(event, names)
    # A note the system wrote reads in the staff member's language, as residents read it in theirs.
    history_notes_render(history, language=(get_language() or "fi")[:2], departments=[visible.department])
    return TicketView(
        feedback=visible, photos=list(visible.photos.all()), history=history, due_at=visible.due_at,
        overdue=visible.due_at < timezone.now() and visible.status in (*TRIAGE_STATUSES, *DEPARTMENT_STATUSES),
        lon=lon, lat=lat, duplicates=list(feedback_for_staff(user).filter(merged_into=visible).only("number")),
    )


# What each key of an event's details is called on the ticket page (the rows keep their keys).
_DETAIL_LABELS = {
    "channel": _("Channel"),
    "handler": _("Handler"),
    "from_area": _("From area"),
    "to_area": _("To area"),
    "into": _("Merged into"),
    "followers_moved": _("Followers moved"),
    "supporters_added": _("Supporters added"),
    "description": _("Description removed"),
    "photos_hidden": _("Photos hidden"),
    "reporter_email": _("Email address removed"),
    "by_reporter": _("At the reporter's request"),
    "open311_client": _("Open311 client"),
    "media_url": _("Photo address"),
    "title": _("Title"),
    "service_object_id": _("Object id"),
    "service_object_type": _("Object type"),
    "geocoded": _("Place found from the address"),
}
# "from" and "to" name a department, a topic or (merged from) a ticket, by what the event was.
_FROM_TO_LABELS = {
    EventAction.RECATEGORISED: (_("From topic"), _("To topic")),
    EventAction.MERGED: (_("Merged from"), _("Merged into")),
}
_DEPARTMENT_LABELS = (_("From department"), _("To department"))


def _from_to_names(action: str) -> str | None:
    """Which names an event's "from" and "to" are codes of: a topic's, a department's, or none (ticket numbers)."""
    return {EventAction.RECATEGORISED: "category", EventAction.MERGED: None}.get(action, "department")


def _history_names(history: list[FeedbackEvent]) -> dict[str, dict[str, str]]:
    """The names the events' details refer to by code, in the page's language (three queries at most)."""
    codes = {"department": set(), "category": set(), "area": set()}
    for event in history:
        details = event.details or {}
        if kind := _from_to_names(event.action):
            codes[kind].update(str(details[key]) for key in ("from", "to") if details.get(key))
        codes["area"].update(str(details[key]) for key in ("from_area", "to_area") if details.get(key))
    language = (get_language() or "fi")[:2]
    return {
        "department": {d.code: d.name(language) for d in Department.objects.filter(code__in=codes["department"])}
        if codes["department"] else {},
        "category": {c.service_code: c.name(language)
                     for c in Category.objects.filter(service_code__in=codes["category"])} if codes["category"] else {},
        "area": {a.code: a.name(language) for a in Area.objects.filter(code__in=codes["area"]).defer("boundary")}
        if codes["area"] else {},
    }


def history_details(event: FeedbackEvent, names: dict[str, dict[str, str]]) -> list[tuple[str, str]]:
    """An event's details as (label, value) in words: "To department: Education and wellbeing", never
    "to: sivistys"; an unknown key keeps its own name."""
    rows = []
    for key, value in (event.details or {}).items():
        if key == "note":  # a system note's key: its text is the row's public note
            continue
        if key in ("from", "to"):
            labels = _FROM_TO_LABELS.get(event.action, _DEPARTMENT_LABELS)
            label = labels[0] if key == "from" else labels[1]
            lookup = _from_to_names(event.action)
            shown = names[lookup].get(str(value), str(value)) if lookup else str(value)
        else:
            label = _DETAIL_LABELS.get(key, key.replace("_", " ").capitalize())
            if key == "channel":
                shown = str(Channel(value).label) if value in Channel.values else str(value)
            elif key in ("from_area", "to_area"):
                shown = names["area"].get(str(value), str(value)) if value else "–"
            elif isinstance(value, bool):
                shown = str(_("yes") if value else _("no"))
            else:
                shown = "–" if value is None else str(value)
        rows.append((str(label), shown))
    return rows


@dataclass(frozen=True)
class MergeCandidate:
    feedback: Feedback
    category_name: str
    distance_m: float
    lon: float
    lat: float


def merge_candidates(user, feedback: Feedback, *, language: str) -> list[MergeCandidate]:
    """Open tickets near ``feedback`` that it could be a duplicate of, nearest first."""
    if feedback.location is None:
        return []
    nearby = (
        feedback_for_staff(user).open().exclude(pk=feedback.pk)
        .near(feedback.location, metres=MERGE_RADIUS_M)
        .annotate(distance=Distance("location", feedback.location))
        .select_related("category")
        .order_by("distance", "created_at")[:MERGE_CANDIDATES]
    )
    candidates = []
    for other in nearby:
        point = to_api(other.location)
        candidates.append(MergeCandidate(feedback=other, category_name=other.category.name(language),
                                         distance_m=round(other.distance.m, 0), lon=round(point.x, 6),
                                         lat=round(point.y, 6)))
    return candidates


def merge_target(user, number: str) -> Feedback | None:
    """A ticket the user may see, to merge into."""
    return feedback_for_staff(user).filter(number=number.strip()).first()


def tickets_by_number(user, numbers: list[str]) -> list[Feedback]:
    """The visible tickets among ``numbers``, in the order given (missing ones left out)."""
    found = {ticket.number: ticket for ticket in feedback_for_staff(user).select_related("category").filter(
        number__in=numbers)}
    return [found[number] for number in numbers if number in found]


def reply_templates(*, language: str) -> list[ReplyTemplate]:
    """Reply templates in the resident's language, grouped by status in the page."""
    return list(ReplyTemplate.objects.filter(language=language).order_by("status", "title"))


def handlers() -> list:
    """Department handlers one can route a ticket to, with their department."""
    return list(get_user_model().objects.filter(
        staff_profile__roles__contains=[StaffRole.HANDLER], is_active=True).select_related("staff_profile__department")
        .order_by("staff_profile__department__name_fi", "username"))
