"""Shapes of the feedback API: query parameters and the creation payload (the public ticket is JSON
that PostGIS writes: geo_feedback/selectors.py)."""

from datetime import date

from django.contrib.gis.geos import Point
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from city.api.serializers import PointParameterField
from geo_feedback.models import Category, FeedbackKind
from geo_feedback.selectors import MAX_PAGE, FeedbackFilters, InvalidCursor, decode_cursor
from geo_feedback.services.photos import MAX_PHOTOS
from geo_feedback.statuses import FeedbackStatus

INVALID_CURSOR = _("This cursor is not valid; start again without it.")
# The last day a filter may name: "until the end of 9999-12-31" is past the largest date there is.
LAST_DAY = date(9998, 12, 31)


class CommaListField(serializers.Field):
    """``a,b,c`` in a query string, each value one of ``choices`` (if given)."""

    default_error_messages = {"invalid_choice": _("“%(value)s” is not one of: %(choices)s.")}

    def __init__(self, *, choices=None, **kwargs):
        self.choices = list(choices) if choices is not None else None
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        ProhibitNullCharactersValidator()(str(data))  # PostgreSQL text cannot hold NUL
        values = tuple(part.strip() for part in str(data).split(",") if part.strip())
        for value in values:
            if self.choices is not None and value not in self.choices:
                self.fail("invalid_choice", value=value, choices=", ".join(self.choices))
        return values

    def to_representation(self, value):
        return ",".join(value)


class BBoxField(serializers.Field):
    """``minlon,minlat,maxlon,maxlat`` in WGS84 degrees."""

    default_error_messages = {
        "format": _("Give the box as minlon,minlat,maxlon,maxlat in decimal degrees."),
        "order": _("The box's minimum must be below its maximum and inside -180…180, -90…90."),
    }

    def to_internal_value(self, data):
        try:
            values = [float(part) for part in str(data).split(",")]
        except ValueError:
            self.fail("format")
        if len(values) != 4:
            self.fail("format")
        minlon, minlat, maxlon, maxlat = values
        if not (-180 <= minlon < maxlon <= 180 and -90 <= minlat < maxlat <= 90):
            self.fail("order")
        return (minlon, minlat, maxlon, maxlat)

    def to_representation(self, value):
        return ",".join(map(str, value))


def _before_the_last_day(day: date) -> date:
    if day > LAST_DAY:
        raise serializers.ValidationError(_("Give a day before the year 9999."))
    return day


class FeedbackQuerySerializer(serializers.Serializer):
    """Filters of ``GET /api/v1/feedback/``."""

    category = CommaListField(required=False, help_text="Service codes, comma-separated.")
    kind = CommaListField(required=False, choices=FeedbackKind.values)
    status = CommaListField(required=False, choices=FeedbackStatus.values)
    open = serializers.BooleanField(required=False, default=False)
    area = serializers.CharField(required=False, max_length=40, help_text="Area code (nested areas included).")
    created_after = serializers.DateField(required=False)
    created_before = serializers.DateField(required=False)
    bbox = BBoxField(required=False)
    near = PointParameterField(required=False, help_text="LON,LAT: open reports of `category` near it.")
    limit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE, default=500)
    cursor = serializers.CharField(required=False, max_length=200)

    def validate_created_after(self, day):
        return _before_the_last_day(day)

    def validate_created_before(self, day):
        return _before_the_last_day(day)

    def validate_cursor(self, cursor):
        """Only a cursor this server could have made: a time with its zone, within the calendar."""
        try:
            created_at, _pk = decode_cursor(cursor)
        except InvalidCursor:
            raise serializers.ValidationError(INVALID_CURSOR) from None
        if created_at.tzinfo is None or not date(1, 1, 2) <= created_at.date() <= LAST_DAY:
            raise serializers.ValidationError(INVALID_CURSOR)
        return cursor

    def validate(self, attrs):
        if "near" in attrs:
            codes = attrs.get("category", ())
            if len(codes) != 1:
                raise serializers.ValidationError({"category": [_("With near=, give exactly one category.")]})
        return attrs

    def filters(self) -> FeedbackFilters:
        data = self.validated_data
        return FeedbackFilters(
            categories=data.get("category", ()),
            kinds=data.get("kind", ()),
            statuses=data.get("status", ()),
            area_code=data.get("area", ""),
            created_after=data.get("created_after"),
            created_before=data.get("created_before"),
            bbox=data.get("bbox"),
            open_only=data.get("open", False),
        )


class FeedbackCreateSerializer(serializers.Serializer):
    """``POST /api/v1/feedback/``: JSON, or multipart with ``photos`` files."""

    category = serializers.CharField(max_length=20, help_text="Service code of the category.")
    kind = serializers.ChoiceField(choices=FeedbackKind.choices)
    description = serializers.CharField(max_length=20000, trim_whitespace=True)
    lon = serializers.FloatField(required=False, min_value=-180, max_value=180)
    lat = serializers.FloatField(required=False, min_value=-90, max_value=90)
    address = serializers.CharField(required=False, allow_blank=True, max_length=300)
    name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    email = serializers.EmailField(required=False, allow_blank=True, max_length=254)  # the column's length
    phone = serializers.RegexField(r"^[0-9+()\- ]{5,40}$", required=False, allow_blank=True,
                                   error_messages={"invalid": _("Give a phone number with digits only.")})
    photos = serializers.ListField(child=serializers.FileField(), required=False, max_length=MAX_PHOTOS,
                                   allow_empty=True)

    def validate_category(self, code):
        category = Category.objects.select_related("department").filter(service_code=code, is_active=True).first()
        if category is None:
            raise serializers.ValidationError(_("No category has the service code “%(code)s”.") % {"code": code})
        return category

    def validate(self, attrs):
        has_lon, has_lat = "lon" in attrs, "lat" in attrs
        if has_lon != has_lat:
            raise serializers.ValidationError({"lon" if not has_lon else "lat": [_("Give both lon and lat.")]})
        attrs["location"] = Point(attrs.pop("lon"), attrs.pop("lat"), srid=4326) if has_lon else None
        return attrs


class CategorySerializer(serializers.Serializer):
    service_code = serializers.CharField()
    name = serializers.SerializerMethodField()
    group = serializers.CharField()
    location_required = serializers.BooleanField()
    department = serializers.SerializerMethodField()
    forwarded_outside = serializers.BooleanField(source="department.is_external")
    target_days = serializers.IntegerField()
    duplicate_radius_m = serializers.IntegerField()

    def get_name(self, category):
        return category.name(self.context.get("language", "fi"))

    def get_department(self, category):
        return category.department.name(self.context.get("language", "fi"))


class SupportSerializer(serializers.Serializer):
    email = serializers.EmailField(required=False, allow_blank=True, max_length=254)  # the column's length
