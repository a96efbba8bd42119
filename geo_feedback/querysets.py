"""Spatial and visibility queries on feedback; the only place that knows the storage SRID."""

from django.contrib.gis.geos import Point
from django.contrib.gis.measure import D
from django.db import models
from django.db.models import F, Q

from city.querysets import bbox_to_storage, to_storage
from geo_feedback.statuses import HIDDEN_STATUSES, OPEN_STATUSES


class FeedbackQuerySet(models.QuerySet):
    """Queries on feedback tickets."""

    def public(self) -> "FeedbackQuerySet":
        """What anyone may see: everything but spam and abuse."""
        return self.exclude(status__in=HIDDEN_STATUSES)

    def open(self) -> "FeedbackQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def near(self, point: Point, *, metres: float) -> "FeedbackQuerySet":
        """Tickets within ``metres`` of ``point`` (any SRID), uses the spatial index."""
        return self.filter(location__dwithin=(to_storage(point), D(m=metres)))

    def in_bbox(self, bbox: tuple[float, float, float, float]) -> "FeedbackQuerySet":
        """Tickets inside a (minlon, minlat, maxlon, maxlat) WGS84 box, however large."""
        box = bbox_to_storage(bbox)
        return self.none() if box is None else self.filter(location__intersects=box)


# The SQL twin of FeedbackEventQuerySet.public(), for statements that build the history themselves.
PUBLIC_EVENT_SQL = "(e.from_status IS DISTINCT FROM e.to_status OR e.public_note <> '')"


class FeedbackEventQuerySet(models.QuerySet):
    """Queries on a ticket's history."""

    def public(self) -> "FeedbackEventQuerySet":
        """What the public history shows: each change of status, and any change with a word to the
        public (a reply). Internal notes, redactions and moves without one stay with staff."""
        return self.filter(~Q(from_status=F("to_status")) | ~Q(public_note=""))
