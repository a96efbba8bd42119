"""One Python structure out as JSON or XML, the way GeoReport v2 maps one to the other.

GeoReport's JSON is the XML by the "Spark convention": a list is the plural element holding one
singular element per item (``<services><service>…</service></services>``), a mapping is an element
per key, booleans are ``true``/``false`` and a missing value (None, JSON null) is an empty element.

Small documents are Python structures rendered here; the long lists of requests are written by
PostgreSQL from a description of their fields (``ListSql``), in the same bytes.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from django.http import HttpResponse

FORMATS = ("json", "xml")
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'

# The element each item of a list gets in XML, by the list's own element name.
ITEM_ELEMENTS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "media_urls": "media_url",
}

# Characters XML 1.0 cannot carry at all, even escaped (most C0 controls); JSON escapes them.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _fill(element: ET.Element, value) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _fill(ET.SubElement(element, key), child)
    elif isinstance(value, (list, tuple)):
        item_name = ITEM_ELEMENTS[element.tag]
        for item in value:
            _fill(ET.SubElement(element, item_name), item)
    else:
        element.text = _text(value)


def xml_bytes(data, *, root: str) -> bytes:
    """``data`` as an XML document whose root element is ``root``, UTF-8 with its declaration."""
    element = ET.Element(root)
    _fill(element, data)
    return XML_DECLARATION + ET.tostring(element, encoding="unicode").encode()


def json_bytes(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()


def render(data, *, response_format: str, root: str, status: int = 200) -> HttpResponse:
    """The response for ``data`` in ``response_format`` ("json" or "xml"); ``root`` names the XML root."""
    if response_format == "xml":
        body = xml_bytes(data, root=root)
    else:
        body = json_bytes(data)
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES.get(response_format, CONTENT_TYPES["json"]))


# --- The same documents built by PostgreSQL, for the long lists -----------------------------------
#
# A document is described once, as a mapping of field names (in the document's order) to values
# PostgreSQL computes for each row: ``Text``, ``Number``, ``TextList``, a nested mapping, or None
# (always missing). ``json_list_sql`` and ``xml_list_sql`` turn it into one aggregate whose text is
# what ``json_bytes`` and ``xml_bytes`` write for the same data, byte for byte (tests/open311/
# test_requests_sql.py compares them).


@dataclass(frozen=True)
class Text:
    """A text value: ``sql`` gives text, or NULL for a missing value (``null``, an empty element)."""

    sql: str
    plain: bool = False  # True when the text never holds markup or control characters (codes, dates)


@dataclass(frozen=True)
class Number:
    """A number: ``sql`` gives its text as Python writes the float (``62.79``, ``63.0``), or NULL."""

    sql: str


@dataclass(frozen=True)
class TextList:
    """A list of texts: ``item`` gives one from the element ``name`` of the array ``sql`` (in its order)."""

    sql: str
    item: str
    name: str = "item"


Shape = dict  # field name -> Text | Number | TextList | Shape | None


@dataclass(frozen=True)
class ListSql:
    """A list of ``shape`` in ``response_format`` as one SQL aggregate over rows ``r`` beside one row
    of ``parameters`` ``p`` (a dict goes in as jsonb, anything else as text)."""

    shape: Shape
    response_format: str
    root: str
    parameters: dict

    def aggregate(self, *, order: str) -> str:
        if self.response_format == "xml":
            return xml_list_sql(self.shape, root=self.root, order=order)
        return json_list_sql(self.shape, order=order)


# What _NOT_XML removes, as a PostgreSQL regular expression (its text holds no NUL and no surrogate).
# regexp_replace() is ten times faster than translate() on UTF-8 text.
_NOT_XML_SQL = r"'[\x01-\x08\x0b\x0c\x0e-\x1f\uFFFE\uFFFF]'"


def sql_literal(text: str) -> str:
    """``text`` as an SQL string literal inside a statement with parameters (``%`` doubled)."""
    return "'" + text.replace("'", "''").replace("%", "%%") + "'"


def _concat(parts: list[str]) -> str:
    return " || ".join(parts)


def _items_sql(value: TextList, item: str, separator: str) -> str:
    """The items of ``value`` joined by ``separator``, or NULL for none (no subquery runs for an empty list)."""
    return (f"CASE WHEN cardinality({value.sql}) > 0 THEN (SELECT string_agg({item}, '{separator}' ORDER BY ord) "
            f"FROM unnest({value.sql}) WITH ORDINALITY AS items({value.name}, ord)) END")


def _json_sql(value) -> list[str]:
    """SQL expressions whose concatenation is the JSON of ``value`` for one row (never NULL)."""
    if value is None:
        return ["'null'"]
    if isinstance(value, Text):
        return [f"COALESCE(to_json(({value.sql})::text)::text, 'null')"]
    if isinstance(value, Number):
        return [f"COALESCE({value.sql}, 'null')"]
    if isinstance(value, TextList):
        item = f"COALESCE(to_json(({value.item})::text)::text, 'null')"
        return [f"COALESCE('[' || {_items_sql(value, item, ', ')} || ']', '[]')"]
    parts = []
    for index, (key, child) in enumerate(value.items()):
        parts.append(sql_literal(("{" if index == 0 else ", ") + json.dumps(key, ensure_ascii=False) + ": "))
        parts.extend(_json_sql(child))
    parts.append(sql_literal("}" if value else "{}"))
    return parts


def _xml_text_sql(value: Text) -> str:
    if value.plain:
        return value.sql
    escaped = f"regexp_replace({value.sql}, {_NOT_XML_SQL}, '', 'g')"
    for character, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        escaped = f"replace({escaped}, {sql_literal(character)}, {sql_literal(entity)})"
    return escaped


def _xml_element_sql(name: str, value) -> list[str]:
    """SQL expressions whose concatenation is the element ``name`` holding ``value`` (never NULL)."""
    empty = sql_literal(f"<{name} />")
    if value is None:
        return [empty]
    if isinstance(value, Text | Number):
        text = _xml_text_sql(value) if isinstance(value, Text) else value.sql
        return [f"COALESCE({sql_literal(f'<{name}>')} || NULLIF({text}, '') || {sql_literal(f'</{name}>')}, {empty})"]
    if isinstance(value, TextList):
        item = _concat(_xml_element_sql(ITEM_ELEMENTS[name], Text(value.item)))
        return [f"COALESCE({sql_literal(f'<{name}>')} || {_items_sql(value, item, '')} "
                f"|| {sql_literal(f'</{name}>')}, {empty})"]
    if not value:
        return [empty]
    parts = [sql_literal(f"<{name}>")]
    for key, child in value.items():
        parts.extend(_xml_element_sql(key, child))
    parts.append(sql_literal(f"</{name}>"))
    return parts


def json_list_sql(shape: Shape, *, order: str) -> str:
    """An aggregate giving the JSON list of ``shape``, one item per row in ``order`` (as ``json_bytes``)."""
    return f"'[' || COALESCE(string_agg({_concat(_json_sql(shape))}, ', ' ORDER BY {order}), '') || ']'"


def xml_list_sql(shape: Shape, *, root: str, order: str) -> str:
    """An aggregate giving the XML element ``root`` with one item of ``shape`` per row in ``order``
    (as ``xml_bytes`` without the declaration, which ``render_document`` adds)."""
    item = _concat(_xml_element_sql(ITEM_ELEMENTS[root], shape))
    return (f"COALESCE({sql_literal(f'<{root}>')} || string_agg({item}, '' ORDER BY {order}) || "
            f"{sql_literal(f'</{root}>')}, {sql_literal(f'<{root} />')})")


def render_document(document: str, *, response_format: str) -> HttpResponse:
    """The response for a document PostgreSQL wrote (``ListSql``)."""
    body = document.encode()
    if response_format == "xml":
        body = XML_DECLARATION + body
    return HttpResponse(body, content_type=CONTENT_TYPES[response_format])
