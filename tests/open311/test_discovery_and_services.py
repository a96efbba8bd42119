"""Open311 discovery, services and service definitions, in JSON and XML; the shared error rules."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType

from geo_feedback.models import Category
from tests.open311.conftest import BASE, as_json, as_xml, get, json_errors, xml_errors


def test_discovery_json_names_the_endpoint_and_formats(client, db):
    body = as_json(get(client, "discovery.json"))
    assert set(body) == {"changeset", "contact", "key_service", "endpoints"}
    (endpoint,) = body["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert endpoint["type"] in ("production", "test")
    assert body["changeset"] == endpoint["changeset"]
    assert "palaute@seinajoki.invalid" in body["contact"]


def test_discovery_xml_has_the_same_document(client, db):
    root = as_xml(get(client, "discovery.xml"))
    assert root.tag == "discovery"
    endpoint = root.find("endpoints/endpoint")
    assert endpoint.findtext("specification") == "http://wiki.open311.org/GeoReport_v2"
    assert [f.text for f in endpoint.findall("formats/format")] == ["text/xml", "application/json"]
    assert root.findtext("changeset") == as_json(get(client, "discovery.json"))["changeset"]


def test_discovery_changeset_moves_when_an_administrator_changes_a_service(client, city, admin_user):
    before = as_json(get(client, "discovery.json"))["changeset"]
    category = Category.objects.get(service_code="171")
    LogEntry.objects.log_actions(user_id=admin_user.pk, queryset=[category], action_flag=CHANGE)
    after = as_json(get(client, "discovery.json"))["changeset"]
    assert after > before  # sortable: clients refresh their cached services
    assert ContentType.objects.get_for_model(Category)


def test_services_json_lists_every_active_category(client, city, django_assert_max_num_queries):
    Category.objects.filter(service_code="185").update(is_active=False)
    with django_assert_max_num_queries(3):
        services = as_json(get(client, "services.json", locale="en"))
    codes = [service["service_code"] for service in services]
    assert "171" in codes and "401" in codes and "185" not in codes
    assert len(codes) == Category.objects.filter(is_active=True).count()
    street = next(service for service in services if service["service_code"] == "171")
    assert street == {
        "service_code": "171", "service_name": "Street condition",
        "description": "City environment aims to handle reports of this kind within 14 days.",
        "metadata": False, "type": "realtime", "keywords": "Katujen kunto, Gatornas skick, Street condition",
        "group": "City environment",
    }
    health = next(service for service in services if service["service_code"] == "401")
    assert "forwarded" in health["description"] and "wellbeing services county" in health["description"]


def test_services_xml_has_one_service_element_per_service(client, city):
    root = as_xml(get(client, "services.xml", locale="en"))
    assert root.tag == "services"
    services = root.findall("service")
    assert len(services) == Category.objects.filter(is_active=True).count()
    street = next(s for s in services if s.findtext("service_code") == "171")
    assert street.findtext("service_name") == "Street condition"
    assert street.findtext("metadata") == "false" and street.findtext("type") == "realtime"
    assert street.findtext("group") == "City environment"


@pytest.mark.parametrize("locale, name, group", [
    ("fi", "Katujen kunto", "Kaupunkiympäristö"), ("fi_FI", "Katujen kunto", "Kaupunkiympäristö"),
    ("sv", "Gatornas skick", "Stadsmiljö"), ("sv-FI", "Gatornas skick", "Stadsmiljö"),
    ("en_GB", "Street condition", "City environment"),
    ("de", "Katujen kunto", "Kaupunkiympäristö"),  # a language we do not have: Finnish
])
def test_locale_chooses_the_language_of_service_names(client, city, locale, name, group):
    street = next(s for s in as_json(get(client, "services.json", locale=locale)) if s["service_code"] == "171")
    assert (street["service_name"], street["group"]) == (name, group)


def test_without_locale_accept_language_decides_and_finnish_is_the_default(client, city):
    def street(**headers):
        services = as_json(client.get(f"{BASE}/services.json", **headers))
        return next(s for s in services if s["service_code"] == "171")["service_name"]

    assert street() == "Katujen kunto"
    assert street(HTTP_ACCEPT_LANGUAGE="sv") == "Gatornas skick"
    response = client.get(f"{BASE}/services.json", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "en" and "Accept-Language" in response["Vary"]


def test_malformed_locale_is_a_400_naming_it(client, city):
    for path in ("services.json", "services.xml"):
        response = get(client, path, locale="f!")
        assert response.status_code == 400
    assert json_errors(get(client, "services.json", locale="f!"))[0][1].startswith("locale:")
    assert xml_errors(get(client, "services.xml", locale="f!"))[0][1].startswith("locale:")


def test_service_definition_has_no_attributes(client, city):
    body = as_json(get(client, "services/171.json"))
    assert body == {"service_code": "171", "attributes": []}
    root = as_xml(get(client, "services/171.xml"))
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "171"
    assert root.find("attributes") is not None and list(root.find("attributes")) == []


@pytest.mark.parametrize("code", ["999", "no-such"])
def test_unknown_service_definition_is_a_404_in_both_formats(client, city, code):
    response = get(client, f"services/{code}.json")
    assert response.status_code == 404
    assert json_errors(response) == [(404, f"service_code: Palvelua, jonka koodi on ”{code}”, ei ole.")]
    response = get(client, f"services/{code}.xml", locale="en")
    assert response.status_code == 404
    assert xml_errors(response) == [("404", f"service_code: No service has the code “{code}”.")]


def test_inactive_service_has_no_definition(client, city):
    Category.objects.filter(service_code="185").update(is_active=False)
    assert get(client, "services/185.json").status_code == 404


@pytest.mark.parametrize("path", ["discovery", "services", "services/171", "requests"])
def test_our_jurisdiction_or_none_is_accepted_and_another_is_a_404(client, city, path):
    assert get(client, f"{path}.json", jurisdiction_id="seinajoki.fi").status_code == 200
    assert get(client, f"{path}.json", jurisdiction_id="").status_code == 200  # empty is the same as missing
    response = get(client, f"{path}.json", jurisdiction_id="sfgov.org", locale="en")
    assert response.status_code == 404
    assert json_errors(response)[0][1].startswith("jurisdiction_id: This endpoint serves only")
    response = get(client, f"{path}.xml", jurisdiction_id="sfgov.org")
    assert response.status_code == 404 and xml_errors(response)[0][0] == "404"


def test_jurisdiction_setting_decides_which_is_ours(client, city, settings):
    settings.OPEN311_JURISDICTION = "example.org"
    assert get(client, "services.json", jurisdiction_id="example.org").status_code == 200
    assert get(client, "services.json", jurisdiction_id="seinajoki.fi").status_code == 404


def test_an_unknown_format_is_a_400(client, city):
    response = get(client, "services.csv", locale="en")
    assert response.status_code == 400
    assert json_errors(response) == [
        (400, "format: “.csv” is not a format of this API: end the address with .json or .xml.")]


@pytest.mark.parametrize("path", ["nothing.json", "services", "requests/", "v3/services.json"])
def test_anything_else_under_open311_is_a_404_in_the_spec_shape(client, db, path):
    response = client.get(f"{BASE}/{path}")
    assert response.status_code == 404
    assert json_errors(response)[0][0] == 404
    xml_response = client.get(f"{BASE}/nothing.xml")
    assert xml_response.status_code == 404 and xml_errors(xml_response)[0][0] == "404"


@pytest.mark.parametrize("path", ["discovery.json", "services.xml", "services/171.json", "tokens/x.json"])
def test_wrong_method_is_a_405_with_allow(client, city, path):
    response = client.post(f"{BASE}/{path}", {})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert json_errors(response)[0][0] == 405 if path.endswith(".json") else xml_errors(response)[0][0] == "405"
    assert client.delete(f"{BASE}/requests.json").status_code == 405


def test_head_is_answered_like_get(client, city):
    response = client.head(f"{BASE}/services.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json; charset=utf-8"
