"""Reads for the resident pages: choices for forms, the public list, one report, the follow page."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.contrib.gis.db.models.functions import Transform
from django.core.paginator import Page, Paginator
from django.db.models import FloatField, Func, Q
from django.db.models.functions import Round
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property

from city.models import Area, AreaKind
from city.querysets import to_api
from geo_feedback.models import Category, CategoryGroup, Feedback, FeedbackEvent, FeedbackKind, FeedbackPhoto
from geo_feedback.notes import history_notes_render
from geo_feedback.selectors import (
    FeedbackFilters,
    feedback_filtered,
    feedback_public_detail,
    public_history_prefetch,
)
from geo_feedback.statuses import FeedbackStatus

LIST_PAGE_SIZE = 50
# The public list counts at most this many reports (and pages through them): counting every report
# of a city with a million would cost more than the rest of the page, and grow with the data.
LIST_COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """Counts at most ``cap`` + 1 rows of ``count_queryset`` (a plain filtered queryset, cheaper
    to count than the page's annotated one); ``capped`` tells that there are more than ``cap``."""

    def __init__(self, object_list, per_page, *, count_queryset, cap: int):
        super().__init__(object_list, per_page)
        self.count_queryset, self.cap = count_queryset, cap

    @cached_property
    def _counted(self) -> int:
        return self.count_queryset[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @property
    def capped(self) -> bool:
        return self._counted > self.cap


def category_choices(*, language: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Active categories grouped by topic family, named in ``language`` (for a <select> with optgroups)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for category in Category.objects.filter(is_active=True).order_by("group", "sort_order", "name_fi"):
        groups.setdefault(category.group, []).append((category.service_code, category.name(language)))
    return [(str(CategoryGroup(group).label), options) for group, options in groups.items()]


def category_choices_from_legend(legend: list[dict]) -> list[tuple[str, list[tuple[str, str]]]]:
    """``category_choices`` from a page's legend (the same categories in the same order), without
    asking the database again."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for item in legend:
        groups.setdefault(item["group"], []).append((item["code"], item["name"]))
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
    """One row of the public list, ready to print: labels in the page's language, the date in its
    short format and the WGS84 point (six decimals, from PostGIS) for its "Show on map" button."""

    number: str
    url: str
    kind_label: str
    status_label: str
    category_name: str
    area_name: str
    created: str
    lon: str | None
    lat: str | None


def _degrees(axis: str):
    """A coordinate of the report's point in WGS84, transformed and rounded by PostGIS."""
    return Round(Func(Transform("location", settings.API_SRID), function=axis, output_field=FloatField()), 6)


def feedback_public_page(filters: FeedbackFilters, *, page_number, language: str = "fi",
                         ) -> tuple[Page, list[ListedFeedback]]:
    """One page of public reports matching ``filters``, newest first (count + one query; the
    count stops at LIST_COUNT_CAP, so the page costs the same in a city with a million reports).

    Rows are plain values, not model instances, and every label is looked up once per page: the
    page renders 50 rows, and per-row model and template work was most of its time.
    """
    matching = feedback_filtered(filters)
    queryset = (
        matching
        .order_by("-created_at", "-id")
        .values("number", "kind", "status", "created_at", "category__name_fi", "category__name_sv",
                "category__name_en", "area__name_fi", "area__name_sv", "area__name_en",
                lon=_degrees("ST_X"), lat=_degrees("ST_Y"))
    )
    page = CappedPaginator(queryset, LIST_PAGE_SIZE, count_queryset=matching.order_by(),
                           cap=LIST_COUNT_CAP).get_page(page_number)
    kinds, statuses = dict(FeedbackKind.choices), dict(FeedbackStatus.choices)
    detail = reverse("feedback_pages:detail", args=["NUMBER"])
    tz = timezone.get_current_timezone()
    rows = []
    for row in page.object_list:
        rows.append(ListedFeedback(
            number=row["number"],
            url=detail.replace("NUMBER", quote(row["number"])),
            kind_label=str(kinds.get(row["kind"], row["kind"])),
            status_label=str(statuses.get(row["status"], row["status"])),
            category_name=row.get(f"category__name_{language}") or row["category__name_fi"],
            area_name=row.get(f"area__name_{language}") or row["area__name_fi"] or "",
            created=date_format(row["created_at"].astimezone(tz), "SHORT_DATE_FORMAT"),
            lon=None if row["lon"] is None else f"{row['lon']:.6f}",
            lat=None if row["lat"] is None else f"{row['lat']:.6f}",
        ))
    page.object_list = rows
    return page, rows


@dataclass(frozen=True)
class FeedbackView:
    """What a report's page shows: never the reporter's contact details or internal notes."""

    feedback: Feedback
    photos: list[FeedbackPhoto]
    history: list[FeedbackEvent]  # each with ``note_text``, its public note in the page's language
    lon: float | None
    lat: float | None


def _view(feedback: Feedback, language: str) -> FeedbackView:
    history_notes_render(feedback.public_history, language=language, departments=[feedback.department])
    lon = lat = None
    if feedback.location is not None:
        point = to_api(feedback.location)
        lon, lat = round(point.x, 6), round(point.y, 6)
    return FeedbackView(
        feedback=feedback,
        photos=[photo for photo in feedback.photos.all() if photo.is_public],
        history=feedback.public_history,
        lon=lon,
        lat=lat,
    )


def feedback_public_view(number: str, *, language: str = "fi") -> FeedbackView | None:
    """A public report's page in ``language``, or None when there is none (unknown number, or rejected as spam)."""
    feedback = feedback_public_detail(number)
    return _view(feedback, language) if feedback is not None else None


def feedback_follow_view(token: str, *, language: str = "fi") -> FeedbackView | None:
    """The reporter's own view by the secret follow token; hidden reports stay hidden here too."""
    if not token or len(token) > 64:
        return None
    feedback = (
        Feedback.objects.public()
        .select_related("category", "area", "department")
        .prefetch_related("photos", public_history_prefetch())
        .filter(follow_token=token)
        .first()
    )
    return _view(feedback, language) if feedback is not None else None


def feedback_supportable(number: str) -> Feedback | None:
    return Feedback.objects.public().filter(number=number).first()


def photo_by_file(name: str) -> FeedbackPhoto | None:
    """The photo whose stored image or thumbnail is the file ``name`` (relative to MEDIA_ROOT)."""
    if not name or name.startswith("/") or ".." in name.split("/"):
        return None
    return (FeedbackPhoto.objects.select_related("feedback")
            .filter(Q(image=name) | Q(thumbnail=name)).first())
