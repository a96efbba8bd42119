"""One Python structure out as JSON or XML, the way GeoReport v2 maps one to the other.

GeoReport's JSON is the XML by the "Spark convention": a list is the plural element holding one
singular element per item (``<services><service>…</service></services>``), a mapping is an element
per key, booleans are ``true``/``false`` and a missing value (None, JSON null) is an empty element.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from django.http import HttpResponse

FORMATS = ("json", "xml")
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}

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
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(element, encoding="unicode").encode()


def json_bytes(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()


def render(data, *, response_format: str, root: str, status: int = 200) -> HttpResponse:
    """The response for ``data`` in ``response_format`` ("json" or "xml"); ``root`` names the XML root."""
    if response_format == "xml":
        body = xml_bytes(data, root=root)
    else:
        body = json_bytes(data)
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES.get(response_format, CONTENT_TYPES["json"]))
