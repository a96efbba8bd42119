"""The GeoReport v2 shapes of a service and a request, with the CitySDK/6Aika extensions.

Field names and order follow the GeoReport v2 specification. Extensions (``extensions=true``) go in
``extended_attributes``, as Helsinki's and the 6Aika servers put them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from city.models import AreaKind
from city.sql import local_time_sql, stored_file_url_sql
from geo_feedback.models import Category, CategoryGroup
from geo_feedback.notes import note_templates, note_text_sql
from geo_feedback.open311.mapping import STATUS_MAP
from geo_feedback.open311.renderers import ListSql, Number, Shape, Text, TextList

TITLE_LENGTH = 80


def service_notice(*, target_days: int, department: str, external: bool) -> str:
    if external:
        return _("This topic belongs to %(body)s: reports are forwarded there.") % {"body": department}
    return _("%(department)s aims to handle reports of this kind within %(days)d days.") % {
        "department": department, "days": target_days}


def service_data(category: Category, language: str) -> dict:
    department = category.department.name(language)
    names = dict.fromkeys(name for name in (category.name_fi, category.name_sv, category.name_en) if name)
    return {
        "service_code": category.service_code,
        "service_name": category.name(language),
        "description": service_notice(target_days=category.target_days, department=department,
                                      external=category.department.is_external),
        "metadata": False,  # no service has extra attributes: no call to services/{code} is needed
        "type": "realtime",  # the service_request_id is returned at once
        "keywords": ", ".join(names),
        "group": str(CategoryGroup(category.group).label),
    }


# --- A request: its fields as SQL over a row ``r`` of selectors._REQUEST_ROWS and the parameters ``p``
#
# The lists are written by PostgreSQL (renderers.ListSql): shaping a thousand rows in Python took
# three quarters of the time. What Python did per row is done here per row in SQL, to the byte.

# What Python's str.strip() removes (str.isspace()) and where str.splitlines() ends a line
# (tests/open311/test_requests_sql.py checks both against Python over every character).
_WHITE_SPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_LINE_BREAKS = "\n\x0b\x0c\r\x1c\x1d\x1e\x85\u2028\u2029"
_WHITE_SPACE_SQL = "E'" + "".join(f"\\u{ord(c):04x}" for c in _WHITE_SPACE) + "'"  # for btrim() and rtrim()
_FIRST_LINE_SQL = "'^[^" + "".join(f"\\u{ord(c):04x}" for c in _LINE_BREAKS) + "]*'"  # a regular expression

# Stand-ins for the values of service_notice(): Python writes the sentence, SQL puts the values in.
_DAYS_MARK = 1_987_654_321
_DEPARTMENT_MARK = "\x01"


def _title_sql(description: str) -> str:
    """CitySDK's title: the first line of the stripped description, shortened to 80 characters."""
    # OFFSET 0 computes the line once: merged into the CASE, it would be computed for each use.
    line = f"substring(btrim({description}, {_WHITE_SPACE_SQL}) from {_FIRST_LINE_SQL})"
    return (f"(SELECT CASE WHEN char_length(first.line) <= {TITLE_LENGTH} THEN first.line "
            f"ELSE rtrim(left(first.line, {TITLE_LENGTH - 1}), {_WHITE_SPACE_SQL}) || '…' END "
            f"FROM (SELECT {line} AS line OFFSET 0) AS first)")


def _w3c_sql(moment: str) -> str:
    """ISO 8601 in the current time zone with its offset, e.g. 2026-11-28T19:52:09+02:00."""
    return local_time_sql(moment, "p.time_zone")


def _float_sql(number: str) -> str:
    """The text Python writes for a float made of ``number`` (a rounded numeric): 62.79, 63.0."""
    return f"CASE WHEN {number} = trunc({number}) THEN trunc({number})::text || '.0' ELSE {number}::float8::text END"


def _media_url_sql(name: str) -> str:
    """The absolute address of a stored file, as request.build_absolute_uri(default_storage.url(name))."""
    return stored_file_url_sql(name, "p.media_url")


def _named_sql(prefix: str, language: str) -> str:
    """The name in ``language``, or in Finnish when it has none."""
    if language == "fi":
        return f"r.{prefix}_fi"
    assert language in ("sv", "en"), language
    return f"COALESCE(NULLIF(r.{prefix}_{language}, ''), r.{prefix}_fi)"


def request_shape(*, language: str, extensions: bool) -> Shape:
    """The fields of a GeoReport v2 request, in the specification's order, with the extensions
    (``extensions=true``) in ``extended_attributes`` as Helsinki's and the 6Aika servers put them."""
    department = _named_sql("department_name", language)
    status_note = note_text_sql(note="r.status_note_key", stored="r.status_note", templates="p.note_templates",
                                language="p.language")
    notice = ("replace(replace(CASE WHEN r.department_is_external THEN p.forwarded_notice ELSE p.handled_notice END, "
              f"p.days_mark, r.target_days::text), p.department_mark, {department})")
    shape = {
        "service_request_id": Text("r.number"),
        "status": Text("p.statuses -> r.status ->> 0", plain=True),
        "status_notes": Text(f"NULLIF({status_note}, '')"),
        "service_name": Text(_named_sql("category_name", language)),
        "service_code": Text("r.service_code"),
        "description": Text("r.description"),
        "agency_responsible": Text(department),
        "service_notice": Text(notice),
        "requested_datetime": Text(_w3c_sql("r.created_at"), plain=True),
        "updated_datetime": Text(_w3c_sql("r.updated_at"), plain=True),
        # target_days of 24 hours each, as Python's timedelta(days=…): a day is 23 or 25 hours over a DST change
        "expected_datetime": Text(_w3c_sql("r.created_at + r.target_days * interval '24 hours'"),
                                  plain=True),
        "address": Text("NULLIF(r.address_text, '')"),
        "address_id": None,
        "zipcode": Text("CASE WHEN r.area_kind = p.postal_area THEN r.area_code END"),
        "lat": Number(_float_sql("r.lat")),
        "long": Number(_float_sql("r.long")),
        "media_url": Text(f"CASE WHEN r.photo_names[1] IS NOT NULL THEN {_media_url_sql('r.photo_names[1]')} END"),
    }
    if extensions:
        shape["extended_attributes"] = {
            "title": Text(_title_sql("r.description")),
            "detailed_status": Text("p.statuses -> r.status ->> 1", plain=True),
            "media_urls": TextList("r.photo_names", item=_media_url_sql("photo"), name="photo"),
            "service_object_id": None,  # we keep no service objects (e.g. a bin's id in a register)
            "service_object_type": None,
        }
    return shape


def requests_sql(*, response_format: str, language: str, extensions: bool,
                 absolute: Callable[[str], str]) -> ListSql:
    """A list of requests (rows of selectors._REQUEST_ROWS) as GeoReport v2, for PostgreSQL to write.

    ``absolute`` makes an address absolute (request.build_absolute_uri).
    """
    return ListSql(
        shape=request_shape(language=language, extensions=extensions),
        response_format=response_format,
        root="service_requests",
        parameters={
            "statuses": {status: list(pair) for status, pair in STATUS_MAP.items()},
            "handled_notice": service_notice(target_days=_DAYS_MARK, department=_DEPARTMENT_MARK, external=False),
            "forwarded_notice": service_notice(target_days=_DAYS_MARK, department=_DEPARTMENT_MARK, external=True),
            "days_mark": str(_DAYS_MARK),
            "department_mark": _DEPARTMENT_MARK,
            "time_zone": timezone.get_current_timezone_name(),  # an IANA name, as settings.TIME_ZONE
            "media_url": absolute(default_storage.url("")),
            "postal_area": str(AreaKind.POSTAL_AREA),
            "note_templates": note_templates(language),  # a system note in the client's language
            "language": language,
        },
    )
