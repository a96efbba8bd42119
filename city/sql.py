"""SQL composition: a queryset's SQL inside a larger hand-written statement."""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(r"%%|%s")


def queryset_sql(queryset, prefix: str = "q") -> tuple[str, dict]:
    """The SQL of ``queryset`` with its positional parameters renamed ``q0``, ``q1``… so that it
    can sit inside a statement with named ones. ``%%`` is a literal percent sign and stays.

    Raises ``EmptyResultSet`` when the queryset can match nothing (``pk__in=[]``, say).
    """
    sql, params = queryset.query.sql_with_params()
    names = iter(range(len(params)))
    named = _PLACEHOLDER.sub(lambda match: "%%" if match.group() == "%%" else f"%({prefix}{next(names)})s", sql)
    return named, {f"{prefix}{index}": value for index, value in enumerate(params)}
