"""Odd addresses and filters on the pages get a 400 page or a told-of filter, never a 500; the
error pages speak the visitor's language."""

import pytest
from django.test import Client

from tests.factories.feedback import FeedbackFactory
from tests.geo_feedback.test_staff_fixtures import client_for, fixture_staff  # noqa: F401 (fixture)

NUL = "%00"


@pytest.fixture
def agent(staff):
    return client_for(Client, staff["asiakaspalvelu"])


@pytest.mark.parametrize("path", [
    f"/palaute/{NUL}/", f"/palaute/?category={NUL}", f"/palaute/seuraa/{NUL}/", f"/palaute/lopeta/{NUL}/",
    f"/palaute/{NUL}/minakin/", f"/sv/palaute/?area={NUL}", f"/palaute/uusi/?q={NUL}", f"/?{NUL}=1",
])
def test_a_nul_byte_on_a_public_page_is_400(client, city, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "Pyyntöä ei voitu lukea" in response.content.decode() or path.startswith("/sv/")


@pytest.mark.parametrize("path", [
    f"/henkilosto/palaute/{NUL}/", f"/henkilosto/haku/?q={NUL}", f"/henkilosto/kasittely/?category={NUL}",
    f"/henkilosto/yhteenveto/?department={NUL}", f"/henkilosto/yhteenveto/palautteet.csv?from={NUL}",
])
def test_a_nul_byte_on_a_staff_page_is_400(agent, path):
    assert agent.get(path).status_code == 400


@pytest.mark.parametrize("query", ["to=9999-12-31", "from=9999-12-31&to=9999-12-31"])
@pytest.mark.parametrize("page", ["/henkilosto/yhteenveto/", "/henkilosto/yhteenveto/luvut.csv",
                                  "/henkilosto/yhteenveto/palautteet.csv"])
def test_the_summary_refuses_the_last_day_of_the_calendar(agent, page, query):
    response = agent.get(f"{page}?{query}")
    assert response.status_code == 400
    if page.endswith("/"):
        assert "ennen vuotta 9999" in response.content.decode()


def test_the_public_list_tells_of_a_date_past_the_calendar_and_lists_the_rest(client, city):
    FeedbackFactory()
    response = client.get("/palaute/?created_before=9999-12-31")
    assert response.status_code == 200
    assert "ennen vuotta 9999" in response.content.decode()


def test_the_not_found_page_is_ours_and_in_swedish_under_sv(client, city):
    response = client.get("/sv/palaute/SJK-1999-000001/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Sidan hittades inte" in html and 'lang="sv"' in html
    assert "Sivua ei löydy" in client.get("/ei-tallaista/").content.decode()
