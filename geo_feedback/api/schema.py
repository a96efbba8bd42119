"""OpenAPI description of the public feedback API: GeoJSON built by PostGIS, the public report, requests.

The map endpoints answer with text from the database (geo_feedback/selectors.py), so their shapes
are written here once and referenced by every operation that returns them; the staff API's are in
staff_schema.py. tests/api/test_contract.py checks real responses against them.
"""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema

from city.api.schema import POINT_PATTERN
from config.api import GEOJSON
from config.openapi import (
    BAD_REQUEST,
    LOCALIZED_PARAMETERS,
    NOT_FOUND,
    THROTTLED,
    TOO_LARGE,
    error_response,
    object_schema,
    ref,
    register_components,
)
from geo_feedback.models import Channel, EventAction, FeedbackKind
from geo_feedback.models.categories import CategoryGroup
from geo_feedback.models.feedback import DESCRIPTION_MAX, DESCRIPTION_MIN
from geo_feedback.selectors import MAX_PAGE
from geo_feedback.services.photos import MAX_PHOTOS
from geo_feedback.statuses import FeedbackStatus

JSON = "application/json"
MULTIPART = "multipart/form-data"
FORM = "application/x-www-form-urlencoded"
NUMBER_EXAMPLE = "SJK-2026-000123"
BBOX_NUMBER = r"-?[0-9]+(\.[0-9]+)?"
BBOX_PATTERN = rf"^{BBOX_NUMBER},{BBOX_NUMBER},{BBOX_NUMBER},{BBOX_NUMBER}$"

KIND = {"type": "string", "enum": FeedbackKind.values}
STATUS = {"type": "string", "enum": FeedbackStatus.values}
CHANNEL = {"type": "string", "enum": Channel.values}
DATE_TIME = {"type": "string", "format": "date-time"}
NULLABLE_STRING = {"type": "string", "nullable": True}
COUNT = {"type": "integer", "minimum": 0}


register_components({
    # The public map: one ticket of GET /api/v1/feedback/ (geo_feedback/selectors.py _FEATURE).
    "FeedbackMapProperties": object_schema({
        "number": {"type": "string", "example": NUMBER_EXAMPLE},
        "category": {"type": "string", "description": "Service code of the category.", "example": "171"},
        "category_name": {"type": "string"},
        "kind": KIND,
        "kind_label": {"type": "string"},
        "status": STATUS,
        "status_label": {"type": "string"},
        "area": {**NULLABLE_STRING, "description": "Code of the innermost residential area, if any."},
        "area_name": NULLABLE_STRING,
        "created_at": DATE_TIME,
        "supporter_count": COUNT,
        "url": {"type": "string", "description": "The report's public page, in the client's language.",
                "example": f"/palaute/{NUMBER_EXAMPLE}/"},
        "distance_m": {"type": "number", "minimum": 0,
                       "description": "Metres from the `near` point; only with `near`."},
    }, description="What the public map shows of a report.", optional=("distance_m",)),
    "FeedbackMapFeature": object_schema({
        "type": {"type": "string", "enum": ["Feature"]},
        "id": {"type": "string", "description": "The report's number."},
        "geometry": ref("PointGeometry"),
        "properties": ref("FeedbackMapProperties"),
    }, description="A public report on the map, as a GeoJSON Feature."),
    "FeedbackFeatureCollection": object_schema({
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "next": {"type": "string", "format": "uri", "nullable": True,
                 "description": "URL of the next page (same filters, a keyset cursor), or null on the last."},
        "features": {"type": "array", "items": ref("FeedbackMapFeature")},
    }, description="Public reports with a place, newest first (nearest first with `near`), GeoJSON in EPSG:4326."),
    # One public report (geo_feedback/selectors.py _DETAIL_SQL).
    "PublicPhoto": object_schema({
        "url": {"type": "string", "format": "uri"},
        "thumbnail_url": {"type": "string", "format": "uri", "nullable": True,
                          "description": "Null until the thumbnail job has run."},
        "width": COUNT,
        "height": COUNT,
    }, description="A public photo, re-encoded without EXIF or GPS data."),
    "PublicEvent": object_schema({
        "at": DATE_TIME,
        "action": {"type": "string", "enum": EventAction.values,
                   "description": "What the step was: `created`, `status` (a new status), `reply` (the city "
                                  "answered, status unchanged), …"},
        "status": STATUS,
        "status_label": {"type": "string"},
        "note": {"type": "string", "description": "The city's public note; may be empty. One the system "
                 "wrote (forwarded, duplicate) is in the client's language; one staff typed reads as typed."},
    }, description="One step of a report's public history: each change of status, and each change "
                   "with a public note. Internal notes are never listed."),
    "PublicFeedbackProperties": object_schema({
        "number": {"type": "string", "example": NUMBER_EXAMPLE},
        "category": {"type": "string", "example": "171"},
        "category_name": {"type": "string"},
        "kind": KIND,
        "kind_label": {"type": "string"},
        "status": STATUS,
        "status_label": {"type": "string"},
        "description": {"type": "string"},
        "address": {"type": "string", "description": "The place in the reporter's words; may be empty."},
        "area": NULLABLE_STRING,
        "area_name": NULLABLE_STRING,
        "department": {"type": "string", "description": "Name of the department (or outside body) handling it."},
        "channel": CHANNEL,
        "created_at": DATE_TIME,
        "updated_at": DATE_TIME,
        "supporter_count": COUNT,
        "photos": {"type": "array", "items": ref("PublicPhoto")},
        "history": {"type": "array", "items": ref("PublicEvent")},
    }, description="Everything public about a report: never the reporter's name, email or phone."),
    "PublicFeedbackFeature": object_schema({
        "type": {"type": "string", "enum": ["Feature"]},
        "id": {"type": "string", "description": "The report's number."},
        "geometry": {"allOf": [ref("PointGeometry")], "nullable": True,
                     "description": "Null for a report without a place."},
        "properties": ref("PublicFeedbackProperties"),
    }, description="One public report as a GeoJSON Feature in EPSG:4326."),
    "FeedbackCreated": {
        "allOf": [
            ref("PublicFeedbackFeature"),
            object_schema({"follow_url": {"type": "string", "format": "uri"}},
                    description="The reporter's private follow link: only in this response and the receipt."),
        ],
    },
    "Support": object_schema({
        "number": {"type": "string"},
        "counted": {"type": "boolean", "description": "Whether this \"me too\" raised the count (each browser "
                                                      "and each email counts once)."},
        "message": {"type": "string", "description": "What happened, in the client's language, to show as it is."},
        "supporter_count": COUNT,
    }, description="The report's supporter count after the \"me too\"."),
    "Category": object_schema({
        "service_code": {"type": "string", "example": "171"},
        "name": {"type": "string"},
        "group": {"type": "string", "enum": CategoryGroup.values},
        "location_required": {"type": "boolean"},
        "department": {"type": "string"},
        "forwarded_outside": {"type": "boolean",
                              "description": "Reports go at once to an outside body (e.g. the wellbeing county)."},
        "target_days": COUNT,
        "duplicate_radius_m": COUNT,
    }, description="A category a report can be filed in."),
})


def _report_fields(*, with_photos: bool) -> dict:
    properties = {
        "category": {"type": "string", "maxLength": 20, "description": "Service code of the category.",
                     "example": "171"},
        "kind": KIND,
        "description": {"type": "string", "minLength": DESCRIPTION_MIN, "maxLength": DESCRIPTION_MAX,
                        "description": f"{DESCRIPTION_MIN}–{DESCRIPTION_MAX} characters (public)."},
        "lon": {"type": "number", "minimum": -180, "maximum": 180,
                "description": "Longitude, WGS84; with `lat`. Required where the category needs a place."},
        "lat": {"type": "number", "minimum": -90, "maximum": 90, "description": "Latitude, WGS84; with `lon`."},
        "address": {"type": "string", "maxLength": 300, "description": "The place in words (public)."},
        "name": {"type": "string", "maxLength": 200, "description": "Private: never shown publicly."},
        "email": {"type": "string", "format": "email", "maxLength": 254,
                  "description": "Private: for the receipt and status news."},
        "phone": {"type": "string", "pattern": r"^[0-9+()\- ]{5,40}$", "description": "Private."},
    }
    if with_photos:
        properties["photos"] = {
            "type": "array", "maxItems": MAX_PHOTOS, "items": {"type": "string", "format": "binary"},
            "description": f"JPEG, PNG or WebP, at most {MAX_PHOTOS} of 10 MB each; re-encoded without EXIF/GPS.",
        }
    return {
        "type": "object",
        "properties": properties,
        "required": ["category", "kind", "description"],
        "example": {"category": "171", "kind": "fault", "description": "Syvä kuoppa pyörätiellä",
                    "lon": 22.8565, "lat": 62.7823},
    }


register_components({
    "FeedbackCreateRequest": {**_report_fields(with_photos=False), "description": "A new report."},
    "FeedbackCreateMultipartRequest": {**_report_fields(with_photos=True), "description": "A new report with photos."},
    "SupportRequest": {
        "type": "object",
        "description": "\"Me too\"; with an email the supporter follows the report (counted once per email).",
        "properties": {"email": {"type": "string", "format": "email", "maxLength": 254}},
    },
})


def comma_list_parameter(name: str, items: dict, description: str, example: list[str]) -> OpenApiParameter:
    """A query parameter carrying several values as ``a,b,c``."""
    return OpenApiParameter(name, {"type": "array", "items": items}, OpenApiParameter.QUERY, style="form",
                            explode=False, description=description,
                            examples=[OpenApiExample(", ".join(example), value=example)])


NUMBER_PARAMETER = OpenApiParameter("number", {"type": "string", "maxLength": 40}, OpenApiParameter.PATH,
                                    description="The report's number.",
                                    examples=[OpenApiExample("A report", value=NUMBER_EXAMPLE)])
RETRY_AFTER = OpenApiParameter("Retry-After", {"type": "integer", "minimum": 0}, OpenApiParameter.HEADER,
                               response=[429], description="Seconds to wait before trying again.")
UNSUPPORTED = error_response("The request body's media type is not one this operation reads.",
                             'Unsupported media type "text/plain" in request.')
SUPPORT_CLOSED_RESPONSE = error_response(
    "The report is closed: it takes no more support.",
    "This report is closed and takes no more support. If the problem is back, send a new report.")
CSRF_FAILED = error_response(
    "A signed-in session (staff) sent no valid CSRF token: residents need no session and no token.",
    "CSRF Failed: CSRF token missing.",
)

category_list_schema = extend_schema(
    operation_id="categories_list",
    tags=["feedback"],
    summary="List categories",
    description="The active categories a report can be filed in, with names in the client's language.",
    parameters=LOCALIZED_PARAMETERS,
    responses={200: OpenApiResponse({"type": "array", "items": ref("Category")}, description="Categories.")},
)

feedback_list_schema = extend_schema(
    operation_id="feedback_list",
    tags=["feedback"],
    summary="Public reports on the map (GeoJSON)",
    description=(
        "Public reports that have a place, newest first, as a GeoJSON FeatureCollection in EPSG:4326. "
        "Paging is by keyset cursor: follow `next` until it is null.\n\n"
        "With `near` (and exactly one `category`): the open reports of that category within its "
        "duplicate radius, nearest first, each with `distance_m`; the other filters do not apply."
    ),
    parameters=[
        OpenApiParameter("bbox", {"type": "string", "pattern": BBOX_PATTERN}, OpenApiParameter.QUERY,
                         description="`minlon,minlat,maxlon,maxlat` in WGS84 degrees.",
                         examples=[OpenApiExample("The centre", value="22.80,62.75,22.90,62.80")]),
        comma_list_parameter("category", {"type": "string", "maxLength": 20}, "Service codes of categories.", ["171", "174"]),
        comma_list_parameter("kind", KIND, "Kinds of feedback.", ["fault", "idea"]),
        comma_list_parameter("status", STATUS, "Statuses.", ["received", "in_progress"]),
        OpenApiParameter("open", {"type": "boolean", "default": False}, OpenApiParameter.QUERY,
                         description="Only reports still open (not handled or closed)."),
        OpenApiParameter("area", {"type": "string", "maxLength": 40}, OpenApiParameter.QUERY,
                         description="Area code; reports in the areas nested in it count too.",
                         examples=[OpenApiExample("Northern budget area", value="SJK-POHJOINEN")]),
        OpenApiParameter("created_after", {"type": "string", "format": "date"}, OpenApiParameter.QUERY,
                         description="Received on this day (city time) or later.",
                         examples=[OpenApiExample("From", value="2026-01-01")]),
        OpenApiParameter("created_before", {"type": "string", "format": "date"}, OpenApiParameter.QUERY,
                         description="Received on this day (city time) or earlier.",
                         examples=[OpenApiExample("Until", value="2026-12-31")]),
        OpenApiParameter("near", {"type": "string", "pattern": POINT_PATTERN}, OpenApiParameter.QUERY,
                         description="`LON,LAT`: open reports of `category` near it (duplicate suggestions).",
                         examples=[OpenApiExample("The railway station", value="22.8565,62.7823")]),
        OpenApiParameter("limit", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 500},
                         OpenApiParameter.QUERY, description="Reports per page."),
        OpenApiParameter("cursor", {"type": "string", "maxLength": 200}, OpenApiParameter.QUERY,
                         description="From a previous page's `next`; not made by hand."),
        *LOCALIZED_PARAMETERS,
    ],
    responses={
        (200, GEOJSON): OpenApiResponse(ref("FeedbackFeatureCollection"), description="The reports."),
        400: BAD_REQUEST,
    },
)

feedback_create_schema = extend_schema(
    operation_id="feedback_create",
    tags=["feedback"],
    summary="Send a report",
    description=(
        "A resident's new report, as JSON or as multipart with `photos` files. The category routes "
        "it to a department; the place must be inside the city. The answer carries the reporter's "
        "private `follow_url`. Name, email and phone are stored for the city only.\n\n"
        "A retry with the same `Idempotency-Key` returns the first report (200, `Idempotent-Replayed: "
        "true`) instead of a second one. Each client address may send a limited number of reports "
        "(429 with `Retry-After`); signed-in staff are not limited."
    ),
    parameters=[
        OpenApiParameter("Idempotency-Key", {"type": "string", "maxLength": 200}, OpenApiParameter.HEADER,
                         description="Any unique string (a UUID): a retry with it does not create a second report."),
        OpenApiParameter("Location", {"type": "string"}, OpenApiParameter.HEADER, response=[200, 201],
                         required=True, description="Path of the report in this API."),
        OpenApiParameter("Idempotent-Replayed", {"type": "string", "enum": ["true"]}, OpenApiParameter.HEADER,
                         response=[200], required=True, description="The key was used before: the first report."),
        RETRY_AFTER,
        *LOCALIZED_PARAMETERS,
    ],
    request={JSON: ref("FeedbackCreateRequest"), MULTIPART: ref("FeedbackCreateMultipartRequest"),
             FORM: ref("FeedbackCreateRequest")},
    responses={
        201: OpenApiResponse(ref("FeedbackCreated"), description="The new report."),
        200: OpenApiResponse(ref("FeedbackCreated"), description="Replayed: the report first sent with "
                                                                         "this Idempotency-Key."),
        400: BAD_REQUEST,
        403: CSRF_FAILED,
        413: TOO_LARGE,
        415: UNSUPPORTED,
        429: THROTTLED,
    },
)

feedback_detail_schema = extend_schema(
    operation_id="feedback_retrieve",
    tags=["feedback"],
    summary="One public report",
    description="A public report with its description, photos, public history and supporter count.",
    parameters=[NUMBER_PARAMETER, *LOCALIZED_PARAMETERS],
    responses={
        200: OpenApiResponse(ref("PublicFeedbackFeature"), description="The report."),
        404: NOT_FOUND,
    },
)

feedback_support_schema = extend_schema(
    operation_id="feedback_support",
    tags=["feedback"],
    summary="\"Me too\"",
    description=(
        "Adds one supporter to an open public report (a closed one answers 409). With an email, the supporter follows the report and "
        "hears of its changes. It counts once per browser (a cookie, `sjk_browser`, or the address and "
        "user agent of a client without cookies) and once per email. Shares the report creation's rate limit."
    ),
    parameters=[NUMBER_PARAMETER, RETRY_AFTER, *LOCALIZED_PARAMETERS],
    request={JSON: ref("SupportRequest")},
    responses={
        200: OpenApiResponse(ref("Support"), description="The supporter count now."),
        400: BAD_REQUEST,
        403: CSRF_FAILED,
        404: NOT_FOUND,
        409: SUPPORT_CLOSED_RESPONSE,
        413: TOO_LARGE,
        415: UNSUPPORTED,
        429: THROTTLED,
    },
)
