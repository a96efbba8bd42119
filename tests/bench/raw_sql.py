"""The raw side of the benchmarks: for each endpoint, the best single statement we could write for
the same output, written here without the application's own SQL strings or querysets.

Each statement takes psycopg named parameters. Labels (status and kind names in the page's
language) come in as JSON, as any program serving these lists would hold them.
"""

HIDDEN = ["rejected"]  # spam and abuse: never public

# A page of the map: the newest 500 public reports inside a WGS84 box, as GeoJSON features.
MAP_BBOX = """
SELECT COALESCE(json_agg(json_build_object(
    'type', 'Feature',
    'id', f.number,
    'geometry', ST_AsGeoJSON(ST_Transform(f.location, 4326), 6)::json,
    'properties', json_build_object(
        'number', f.number, 'category', c.service_code,
        'category_name', COALESCE(NULLIF(c.name_fi, ''), c.name_fi),
        'kind', f.kind, 'kind_label', %(kinds)s::json ->> f.kind,
        'status', f.status, 'status_label', %(statuses)s::json ->> f.status,
        'area', a.code, 'area_name', a.name_fi,
        'created_at', f.created_at, 'supporter_count', f.supporter_count,
        'url', '/palaute/' || f.number || '/')
) ORDER BY f.created_at DESC, f.id DESC), '[]'::json)::text
FROM (
    SELECT * FROM geo_feedback_feedback
    WHERE ST_Intersects(location, ST_Transform(ST_MakeEnvelope(%(west)s, %(south)s, %(east)s, %(north)s, 4326), 3067))
      AND status <> ALL(%(hidden)s)
    ORDER BY created_at DESC, id DESC
    LIMIT 500
) f
JOIN geo_feedback_category c ON c.id = f.category_id
LEFT JOIN city_area a ON a.id = f.area_id
"""

# One public report with its public photos and history, as a GeoJSON feature.
REPORT = """
SELECT json_build_object(
    'type', 'Feature', 'id', f.number,
    'geometry', json_build_object('type', 'Point', 'coordinates', json_build_array(
        round(ST_X(p)::numeric, 6), round(ST_Y(p)::numeric, 6))),
    'properties', json_build_object(
        'number', f.number, 'category', c.service_code, 'category_name', c.name_fi,
        'kind', f.kind, 'kind_label', %(kinds)s::json ->> f.kind,
        'status', f.status, 'status_label', %(statuses)s::json ->> f.status,
        'description', f.description, 'address', f.address_text,
        'area', a.code, 'area_name', a.name_fi, 'department', d.name_fi, 'channel', f.channel,
        'created_at', f.created_at, 'updated_at', f.updated_at, 'supporter_count', f.supporter_count,
        'photos', (SELECT COALESCE(json_agg(json_build_object('image', ph.image, 'thumbnail', ph.thumbnail,
                                                               'width', ph.width, 'height', ph.height)
                                            ORDER BY ph.position, ph.id), '[]'::json)
                   FROM geo_feedback_feedbackphoto ph WHERE ph.feedback_id = f.id AND ph.is_public),
        'history', (SELECT COALESCE(json_agg(json_build_object('created_at', e.created_at, 'status', e.to_status,
                                                                'note', e.public_note)
                                             ORDER BY e.created_at, e.id), '[]'::json)
                    FROM geo_feedback_feedbackevent e WHERE e.feedback_id = f.id))
)::text
FROM geo_feedback_feedback f
CROSS JOIN LATERAL ST_Transform(f.location, 4326) AS p
JOIN geo_feedback_category c ON c.id = f.category_id
JOIN city_department d ON d.id = f.department_id
LEFT JOIN city_area a ON a.id = f.area_id
WHERE f.number = %(number)s AND f.status <> ALL(%(hidden)s)
"""

# Areas as GeoJSON, each with its parent and its nearest budget-area ancestor: {where} picks them.
_AREAS = """
WITH RECURSIVE hit AS (
    SELECT a.* FROM city_area a {where}
), up AS (
    SELECT hit.id AS start, hit.id, hit.kind, hit.code, hit.name_fi, hit.name_sv, hit.parent_id, 0 AS depth FROM hit
    UNION ALL
    SELECT up.start, p.id, p.kind, p.code, p.name_fi, p.name_sv, p.parent_id, up.depth + 1
    FROM up JOIN city_area p ON p.id = up.parent_id WHERE up.kind <> 'budget_area'
)
SELECT json_build_object('type', 'FeatureCollection', 'features', COALESCE(json_agg(json_build_object(
    'type', 'Feature', 'id', hit.code,
    'geometry', ST_AsGeoJSON(ST_Transform(hit.boundary, 4326), 6)::json,
    'properties', json_build_object(
        'code', hit.code, 'name', hit.name_fi, 'name_fi', hit.name_fi, 'name_sv', hit.name_sv, 'kind', hit.kind,
        'parent', parent.code, 'population', hit.population, 'population_year', hit.population_year,
        'population_source', NULLIF(hit.population_source, ''),
        'budget_area', (SELECT json_build_object('code', up.code, 'name', up.name_fi) FROM up
                        WHERE up.start = hit.id AND up.kind = 'budget_area' ORDER BY up.depth LIMIT 1))
) ORDER BY hit.code), '[]'::json))::text
FROM hit LEFT JOIN city_area parent ON parent.id = hit.parent_id
"""
# The areas containing a WGS84 point, and every area.
AREAS_CONTAINING = _AREAS.format(
    where="WHERE ST_Intersects(a.boundary, ST_Transform(ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326), 3067))")
AREAS_ALL = _AREAS.format(where="")

# A new report as the service stores it: the year's counter, the report placed in its area, its
# creation event and the receipt in the outbox, in one transaction (four statements, one round trip).
CREATE = """
WITH counter AS (
    INSERT INTO geo_feedback_feedbacknumbercounter (year, last) VALUES (%(year)s, 1)
    ON CONFLICT (year) DO UPDATE SET last = geo_feedback_feedbacknumbercounter.last + 1
    RETURNING last
), point AS (
    SELECT ST_Transform(ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326), 3067) AS g
), category AS (
    SELECT id, department_id FROM geo_feedback_category WHERE service_code = %(category)s AND is_active
), report AS (
    INSERT INTO geo_feedback_feedback (
        number, category_id, department_id, kind, description, location, address_text, area_id, status,
        channel, language, reporter_name, reporter_email, reporter_phone, follow_token, supporter_count,
        created_at, updated_at, status_changed_at, version)
    SELECT 'RAW-' || %(year)s || '-' || lpad(counter.last::text, 6, '0'), category.id, category.department_id,
           %(kind)s, %(description)s, point.g, '', (
               SELECT id FROM city_area WHERE ST_Intersects(boundary, point.g) AND kind NOT IN ('city', 'budget_area')
               ORDER BY ST_Area(boundary) LIMIT 1),
           'received', 'api', 'fi', '', %(email)s, '', md5(random()::text) || md5(random()::text), 0,
           now(), now(), now(), 1
    FROM counter, point, category
    RETURNING id, number
), event AS (
    INSERT INTO geo_feedback_feedbackevent (feedback_id, created_at, from_status, to_status, public_note,
                                            internal_note, action, details, version)
    SELECT id, now(), '', 'received', '', '', 'created', '{"channel": "api"}', 1 FROM report
)
INSERT INTO city_notification (about_type_id, about_id, kind, recipient, subject, body, created_at, attempts,
                               last_error)
SELECT %(content_type)s, id, 'receipt', %(email)s, 'Palautteesi on vastaanotettu ' || number,
       %(body)s || number, now(), 0, ''
FROM report
RETURNING about_id
"""

# Open311 GeoReport v2 requests (the newest public ones), as the JSON list.
_OPEN311_ROWS = """
    SELECT f.*, c.service_code, c.name_fi AS service_name, c.target_days, d.name_fi AS agency,
           d.is_external, a.code AS area_code, a.kind AS area_kind, ST_Transform(f.location, 4326) AS p,
           (SELECT e.public_note FROM geo_feedback_feedbackevent e
            WHERE e.feedback_id = f.id AND e.public_note <> '' ORDER BY e.created_at DESC, e.id DESC LIMIT 1) AS note,
           (SELECT ph.image FROM geo_feedback_feedbackphoto ph
            WHERE ph.feedback_id = f.id AND ph.is_public ORDER BY ph.position, ph.id LIMIT 1) AS photo
    FROM (SELECT * FROM geo_feedback_feedback WHERE status <> ALL(%(hidden)s)
          ORDER BY created_at DESC, id DESC LIMIT %(limit)s) f
    JOIN geo_feedback_category c ON c.id = f.category_id
    JOIN city_department d ON d.id = f.department_id
    LEFT JOIN city_area a ON a.id = f.area_id
"""
# ISO 8601 in Finnish time with its offset (+02:00 in winter, +03:00 in summer).
_W3C = ("to_char({0} AT TIME ZONE 'Europe/Helsinki', 'YYYY-MM-DD\"T\"HH24:MI:SS') || "
        "to_char(({0} AT TIME ZONE 'Europe/Helsinki') - ({0} AT TIME ZONE 'UTC'), '\"+\"HH24:MI')")

OPEN311_JSON = """
SELECT COALESCE(json_agg(json_build_object(
    'service_request_id', r.number,
    'status', CASE WHEN r.status = ANY(%(open)s) THEN 'open' ELSE 'closed' END,
    'status_notes', r.note, 'service_name', r.service_name, 'service_code', r.service_code,
    'description', r.description, 'agency_responsible', r.agency,
    'service_notice', %(notices)s::json ->> r.service_code,
    'requested_datetime', {requested}, 'updated_datetime', {updated},
    'expected_datetime', {expected},
    'address', NULLIF(r.address_text, ''), 'address_id', NULL,
    'zipcode', CASE WHEN r.area_kind = 'postal_area' THEN r.area_code END,
    'lat', round(ST_Y(r.p)::numeric, 6), 'long', round(ST_X(r.p)::numeric, 6),
    'media_url', %(media)s || r.photo
) ORDER BY r.created_at DESC, r.id DESC), '[]'::json)::text
FROM ({rows}) r
""".format(rows=_OPEN311_ROWS, requested=_W3C.format("r.created_at"), updated=_W3C.format("r.updated_at"),
           expected=_W3C.format("(r.created_at + r.target_days * interval '1 day')"))

# The same list as GeoReport v2 XML, written as text: PostgreSQL's xmlelement() is several times
# slower than concatenating escaped strings (an empty value is an empty element, as in GeoReport).
def _xml(element: str, value: str) -> str:
    escaped = f"replace(replace(replace(({value})::text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')"
    return f"COALESCE('<{element}>' || {escaped} || '</{element}>', '<{element} />')"


_XML_FIELDS = [
    ("service_request_id", "r.number"),
    ("status", "CASE WHEN r.status = ANY(%(open)s) THEN 'open' ELSE 'closed' END"),
    ("status_notes", "r.note"), ("service_name", "r.service_name"), ("service_code", "r.service_code"),
    ("description", "r.description"), ("agency_responsible", "r.agency"),
    ("service_notice", "%(notices)s::json ->> r.service_code"),
    ("requested_datetime", _W3C.format("r.created_at")), ("updated_datetime", _W3C.format("r.updated_at")),
    ("expected_datetime", _W3C.format("(r.created_at + r.target_days * interval '1 day')")),
    ("address", "NULLIF(r.address_text, '')"), ("address_id", "NULL"),
    ("zipcode", "CASE WHEN r.area_kind = 'postal_area' THEN r.area_code END"),
    ("lat", "round(ST_Y(r.p)::numeric, 6)"), ("long", "round(ST_X(r.p)::numeric, 6)"),
    ("media_url", "%(media)s || r.photo"),
]
OPEN311_XML = """
SELECT '<?xml version="1.0" encoding="UTF-8"?>' || chr(10) || '<service_requests>'
       || COALESCE(string_agg('<request>' || {fields} || '</request>', '' ORDER BY r.created_at DESC, r.id DESC), '')
       || '</service_requests>'
FROM ({rows}) r
""".format(rows=_OPEN311_ROWS, fields=" || ".join(_xml(element, value) for element, value in _XML_FIELDS))

# The public list page /palaute/: the filter form's categories and areas, the count (which stops at
# 10 000, as the page's does), one page of 50.
PUBLIC_PAGE = [
    "SELECT service_code, name_fi, \"group\" FROM geo_feedback_category WHERE is_active "
    "ORDER BY \"group\", sort_order, name_fi",
    "SELECT code, name_fi, kind FROM city_area WHERE kind <> 'city' ORDER BY name_fi, code",
    "SELECT count(*) FROM (SELECT 1 FROM geo_feedback_feedback WHERE status <> ALL(%(hidden)s) LIMIT 10001) s",
    """SELECT f.number, f.kind, f.status, f.created_at, f.supporter_count, f.description, c.service_code,
              c.name_fi, a.code, a.name_fi, round(ST_X(p)::numeric, 6), round(ST_Y(p)::numeric, 6)
       FROM (SELECT * FROM geo_feedback_feedback WHERE status <> ALL(%(hidden)s)
             ORDER BY created_at DESC, id DESC LIMIT 50) f
       CROSS JOIN LATERAL ST_Transform(f.location, 4326) AS p
       JOIN geo_feedback_category c ON c.id = f.category_id
       LEFT JOIN city_area a ON a.id = f.area_id
       ORDER BY f.created_at DESC, f.id DESC""",
]


# A plan's published comments as a GeoJSON FeatureCollection: drawings in WGS84, the phase's name as
# the plan's kind calls it, group and age band labels, the answer, the time in Finnish time.
PLAN_COMMENTS = """
SELECT '{"type": "FeatureCollection", "features": ' || COALESCE(json_agg(json_build_object(
    'type', 'Feature', 'id', c.id,
    'geometry', ST_AsGeoJSON(ST_Transform(c.geometry, 4326), 6)::json,
    'properties', json_build_object(
        'id', c.id, 'text', c.text, 'phase', c.phase, 'phase_name', %(phases)s::jsonb ->> c.phase::text,
        'group', NULLIF(c."group", ''), 'group_label', %(groups)s::jsonb ->> NULLIF(c."group", ''),
        'age_band', NULLIF(c.age_band, ''), 'age_band_label', %(ages)s::jsonb ->> NULLIF(c.age_band, ''),
        'like_count', c.like_count, 'created', """ + _W3C.format("c.created_at") + """,
        'answer', CASE WHEN a.id IS NULL THEN NULL ELSE json_build_object('text', a.text, 'theme', a.theme) END))
    ORDER BY c.created_at, c.id), '[]'::json)::text || '}'
FROM planning_comment c
LEFT JOIN planning_answer a ON a.id = c.answer_id
WHERE c.process_id = %(process)s AND c.status = 'published'
"""


def finnish_parameters() -> dict:
    """What the statements above take besides their own values, in Finnish: the kind and status
    labels, the open statuses and each service's notice (a program serving these lists holds them)."""
    import json

    from django.utils import translation

    from geo_feedback.models import Category, FeedbackKind
    from geo_feedback.open311.representation import service_notice
    from geo_feedback.statuses import OPEN_STATUSES, FeedbackStatus

    with translation.override("fi"):
        return {
            "hidden": HIDDEN,
            "open": sorted(OPEN_STATUSES),
            "kinds": json.dumps({value: str(label) for value, label in FeedbackKind.choices}),
            "statuses": json.dumps({value: str(label) for value, label in FeedbackStatus.choices}),
            "notices": json.dumps({
                category.service_code: service_notice(target_days=category.target_days,
                                                      department=category.department.name_fi,
                                                      external=category.department.is_external)
                for category in Category.objects.select_related("department")}),
        }
