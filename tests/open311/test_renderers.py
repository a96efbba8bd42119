"""The JSON/XML renderer: the Spark convention, escaping, and text XML cannot carry."""

import json
import xml.etree.ElementTree as ET

from geo_feedback.open311.renderers import render, xml_bytes
from tests.open311.conftest import as_json, as_xml, get, report


def test_lists_become_plural_elements_and_values_text():
    data = [{"service_code": "171", "metadata": False, "lat": 62.5, "status_notes": None,
             "extended_attributes": {"media_urls": ["http://a/1.jpg", "http://a/2.jpg"]}}]
    root = ET.fromstring(xml_bytes(data, root="service_requests"))
    (request,) = root.findall("request")
    assert request.findtext("service_code") == "171"
    assert request.findtext("metadata") == "false"
    assert request.findtext("lat") == "62.5"
    assert request.find("status_notes").text is None
    assert [u.text for u in request.findall("extended_attributes/media_urls/media_url")] == [
        "http://a/1.jpg", "http://a/2.jpg"]


def test_markup_is_escaped_and_forbidden_characters_dropped_from_xml_only():
    text = 'Kuoppa <b>"syvä"</b> & vaarallinen\x00\x0b\ttab'
    root = ET.fromstring(xml_bytes({"description": text}, root="request"))
    assert root.findtext("description") == 'Kuoppa <b>"syvä"</b> & vaarallinen\ttab'
    response = render({"description": text}, response_format="json", root="request")
    assert json.loads(response.content)["description"] == text
    assert response["Content-Type"] == "application/json; charset=utf-8"


def test_utf8_throughout(client, city):
    feedback = report(description="Ääkkösiä: työmaa-aita kaatui Törnäväntiellä ✓")
    assert "Törnäväntiellä ✓" in as_json(get(client, f"requests/{feedback.number}.json"))[0]["description"]
    root = as_xml(get(client, f"requests/{feedback.number}.xml"))
    assert root.findtext("request/description").endswith("Törnäväntiellä ✓")
