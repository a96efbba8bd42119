"""SQL composition: a queryset's SQL inside a larger hand-written statement, and the pieces that
several hand-written statements share (a row's name in a language, a stored file's address, a moment in
local time, ANALYZE)."""

from __future__ import annotations

import re

from django.db import connection

_PLACEHOLDER = re.compile(r"%%|%s")

# What FileSystemStorage.url() keeps of a file's name as it is: django.utils.encoding.filepath_to_uri
# quotes every other character, as its UTF-8 bytes (in an SQL literal, ' is written '').
_URL_SAFE = "A-Za-z0-9_.~/!*()''-"


def queryset_sql(queryset, prefix: str = "q") -> tuple[str, dict]:
    """The SQL of ``queryset`` with its positional parameters renamed ``q0``, ``q1``… so that it
    can sit inside a statement with named ones. ``%%`` is a literal percent sign and stays.

    Raises ``EmptyResultSet`` when the queryset can match nothing (``pk__in=[]``, say).
    """
    sql, params = queryset.query.sql_with_params()
    names = iter(range(len(params)))
    named = _PLACEHOLDER.sub(lambda match: "%%" if match.group() == "%%" else f"%({prefix}{next(names)})s", sql)
    return named, {f"{prefix}{index}": value for index, value in enumerate(params)}


def localized_name_sql(alias: str, language: str = "%(language)s") -> str:
    """SQL for the name of row ``alias`` (an area, a department, a category: columns name_fi, name_sv,
    name_en) in the language the SQL ``language`` gives, the Finnish one where it has none in that
    language, as ``Area.name(language)`` picks it in Python."""
    return (f"COALESCE(NULLIF(CASE {language} WHEN 'sv' THEN {alias}.name_sv WHEN 'en' THEN {alias}.name_en "
            f"END, ''), {alias}.name_fi)")


def stored_file_url_sql(name: str, prefix: str) -> str:
    """SQL for the absolute address of the stored file named by the SQL ``name``, as
    ``request.build_absolute_uri(default_storage.url(name))`` gives it; ``prefix`` is SQL for the
    absolute MEDIA_URL. Most names need no quoting; the others are quoted a character at a time
    (``%%`` is one ``%`` in a statement with parameters)."""
    quoted = (f"(SELECT string_agg(CASE WHEN c ~ '[{_URL_SAFE}]' THEN c ELSE upper(regexp_replace("
              "encode(convert_to(c, 'UTF8'), 'hex'), '(..)', '%%\\1', 'g')) END, '' ORDER BY n) "
              f"FROM regexp_split_to_table(ltrim(replace({name}, '\\', '/'), '/'), '') WITH ORDINALITY AS chars(c, n))")
    return f"{prefix} || CASE WHEN {name} ~ '^[{_URL_SAFE}]*$' THEN ltrim({name}, '/') ELSE {quoted} END"


def local_time_sql(moment: str, time_zone: str, *, isoformat: bool = False) -> str:
    """SQL writing the timestamptz ``moment`` in the time zone named by the SQL ``time_zone``, with
    its offset: 2026-11-28T19:52:09+02:00 (W3C, GeoReport v2), or with ``isoformat`` as Python's
    ``datetime.isoformat()`` writes it (microseconds when there are any, ``Z`` for a zero offset).

    (Python would add seconds to an offset that has them: only local mean times before 1921 do.)
    """
    local, utc = f"(({moment}) AT TIME ZONE {time_zone})", f"(({moment}) AT TIME ZONE 'UTC')"
    offset = (f"CASE WHEN {local} < {utc} THEN '-' || to_char({utc} - {local}, 'HH24:MI') "
              f"ELSE '+' || to_char({local} - {utc}, 'HH24:MI') END")
    if not isoformat:
        return f"to_char({local}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || {offset}"
    return f"replace(replace(to_char({local}, 'YYYY-MM-DD\"T\"HH24:MI:SS.US') || {offset}, '.000000', ''), '+00:00', 'Z')"


def tables_analyze(*models) -> None:
    """Renew the planner's statistics of the tables of ``models`` now, after a bulk load, rather
    than whenever autovacuum gets to them."""
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
