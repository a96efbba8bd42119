"""Fixtures for the Open311 API: the demo city, a client key, and helpers that read both formats."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.gis.geos import Point

from geo_feedback.models import Category
from geo_feedback.open311.services import open311_key_create
from geo_feedback.services.feedback import feedback_create
from tests.geo_feedback.conftest import RAILWAY_STATION

BASE = "/open311/v2"
PRIVATE = ("Maija", "Meikäläinen", "maija.meikalainen@example.fi", "040 123 4567")


@pytest.fixture
def api_key(db):
    """An active key: (its row, the key itself)."""
    return open311_key_create(name="Kaupunkiappi Oy")


def report(code="171", point=RAILWAY_STATION, description="Kuoppa ajoradalla, vaarallinen pyörille", **extra):
    """A report made through the service, as a resident on the web would."""
    location = Point(*point, srid=4326) if point else None
    return feedback_create(category=Category.objects.get(service_code=code), kind=extra.pop("kind", "fault"),
                           description=description, location=location, **extra).feedback


def get(client, path, **params):
    return client.get(f"{BASE}/{path}", params)


def as_xml(response) -> ET.Element:
    """The response parsed by a real XML parser, after checking the spec's headers and declaration."""
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(response.content)


def as_json(response):
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


def xml_errors(response) -> list[tuple[str, str]]:
    root = as_xml(response)
    assert root.tag == "errors"
    return [(error.findtext("code"), error.findtext("description")) for error in root.findall("error")]


def json_errors(response) -> list[tuple[int, str]]:
    body = as_json(response)
    assert isinstance(body, list) and body
    assert all(set(error) == {"code", "description"} for error in body)
    return [(error["code"], error["description"]) for error in body]
