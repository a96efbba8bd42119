"""Reads for the resident pages: choices for forms, the public list, one report, the follow page."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q

from city.models import Area, AreaKind
from city.querysets import to_api
from geo_feedback.models import Category, CategoryGroup, Feedback, FeedbackEvent, FeedbackPhoto
from geo_feedback.selectors import FeedbackFilters, feedback_filtered, feedback_public_detail

LIST_PAGE_SIZE = 50


def category_choices(*, language: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Active categories grouped by topic family, named in ``language`` (for a <select> with optgroups)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for category in Category.objects.filter(is_active=True).order_by("group", "sort_order", "name_fi"):
        groups.setdefault(category.group, []).append((category.service_code, category.name(language)))
    return [(str(CategoryGroup(group).label), options) for group, options in groups.items()]


def category_legend(*, language: str) -> list[dict]:
    """Every active category with a short number for map markers and the legend."""
    categories = Category.objects.filter(is_active=True).order_by("group", "sort_order", "name_fi")
    return [
        {"code": category.service_code, "index": index, "name": category.name(language),
         "group": category.group}
        for index, category in enumerate(categories, start=1)
    ]


def area_choices(*, language: str) -> list[tuple[str, str]]:
    """Budget areas first, then residential areas, by name (areas nest, so either filters)."""
    areas = Area.objects.exclude(kind=AreaKind.CITY).defer("boundary").order_by("name_fi", "code")
    budget = [(area.code, area.name(language)) for area in areas if area.kind == AreaKind.BUDGET_AREA]
    residential = [(area.code, area.name(language)) for area in areas if area.kind != AreaKind.BUDGET_AREA]
    return budget + residential


@dataclass(frozen=True)
class ListedFeedback:
    """One row of the public list, with WGS84 coordinates for its "Show on map" button."""

    feedback: Feedback
    category_name: str
    area_name: str
    lon: float | None
    lat: float | None


def feedback_public_page(filters: FeedbackFilters, *, page_number, language: str = "fi",
                         ) -> tuple[Page, list[ListedFeedback]]:
    """One page of public reports matching ``filters``, newest first (count + one query)."""
    queryset = (
        feedback_filtered(filters)
        .select_related("category", "area")
        .only("number", "kind", "status", "created_at", "supporter_count", "location", "description",
              "category__service_code", "category__name_fi", "category__name_sv", "category__name_en",
              "area__code", "area__name_fi", "area__name_sv")
        .order_by("-created_at", "-id")
    )
    page = Paginator(queryset, LIST_PAGE_SIZE).get_page(page_number)
    rows = []
    for feedback in page.object_list:
        lon = lat = None
        if feedback.location is not None:
            point = to_api(feedback.location)
            lon, lat = round(point.x, 6), round(point.y, 6)
        rows.append(ListedFeedback(
            feedback=feedback, category_name=feedback.category.name(language),
            area_name=feedback.area.name(language) if feedback.area else "", lon=lon, lat=lat,
        ))
    return page, rows


@dataclass(frozen=True)
class FeedbackView:
    """What a report's page shows: never the reporter's contact details or internal notes."""

    feedback: Feedback
    photos: list[FeedbackPhoto]
    history: list[FeedbackEvent]
    lon: float | None
    lat: float | None


def _view(feedback: Feedback) -> FeedbackView:
    lon = lat = None
    if feedback.location is not None:
        point = to_api(feedback.location)
        lon, lat = round(point.x, 6), round(point.y, 6)
    return FeedbackView(
        feedback=feedback,
        photos=[photo for photo in feedback.photos.all() if photo.is_public],
        history=list(feedback.events.all()),
        lon=lon,
        lat=lat,
    )


def feedback_public_view(number: str) -> FeedbackView | None:
    """A public report's page, or None when there is none (unknown number, or rejected as spam)."""
    feedback = feedback_public_detail(number)
    return _view(feedback) if feedback is not None else None


def feedback_follow_view(token: str) -> FeedbackView | None:
    """The reporter's own view by the secret follow token; hidden reports stay hidden here too."""
    if not token or len(token) > 64:
        return None
    feedback = (
        Feedback.objects.public()
        .select_related("category", "area", "department")
        .prefetch_related("photos", "events")
        .filter(follow_token=token)
        .first()
    )
    return _view(feedback) if feedback is not None else None


def feedback_supportable(number: str) -> Feedback | None:
    return Feedback.objects.public().filter(number=number).first()


def photo_by_file(name: str) -> FeedbackPhoto | None:
    """The photo whose stored image or thumbnail is the file ``name`` (relative to MEDIA_ROOT)."""
    if not name or name.startswith("/") or ".." in name.split("/"):
        return None
    return (FeedbackPhoto.objects.select_related("feedback")
            .filter(Q(image=name) | Q(thumbnail=name)).first())
