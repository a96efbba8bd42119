"""While PostgreSQL does not answer, pages and APIs answer 503 with Retry-After in the visitor's
language (they were 500s), as /healthz already did."""

import pytest
from django.db import connection


@pytest.fixture
def database_down(db):
    connection.close()
    original = dict(connection.settings_dict)
    connection.settings_dict.update({"PORT": "1", "HOST": "127.0.0.1"})  # nothing answers there
    yield
    connection.close()
    connection.settings_dict.update(original)


@pytest.mark.parametrize("path, heading", [
    ("/palaute/", "Palvelu on hetken poissa käytöstä"),
    ("/sv/palaute/", "Tjänsten är tillfälligt otillgänglig"),
    ("/en/palaute/", "The service is briefly unavailable"),
])
def test_a_page_answers_503_in_the_visitors_language(client, database_down, path, heading):
    response = client.get(path)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_the_apis_answer_503_in_their_own_formats(client, database_down):
    api = client.get("/api/v1/feedback/?lang=en")
    assert api.status_code == 503 and api["Retry-After"] == "30"
    assert api.json() == {"detail": "The service is briefly unavailable. Please try again in a moment."}
    open311 = client.get("/open311/v2/requests.json?locale=en")
    assert open311.status_code == 503 and open311.json()[0]["code"] == 503
