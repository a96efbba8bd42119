"""The resident pages: report form (with and without JavaScript), thanks, follow, map list, report page."""

import io
import re

import pytest
from django.contrib.gis.geos import Point
from django.core.management import call_command
from django.test import Client
from PIL import Image

from geo_feedback.models import Category, Feedback
from geo_feedback.services.feedback import feedback_create, feedback_transition
from geo_feedback.statuses import FeedbackStatus
from tests.geo_feedback.conftest import NURMO, OUTSIDE_CITY, RAILWAY_STATION

PRIVATE = ("Maija Meikäläinen", "maija@example.fi", "040 123 4567")
VALID = {"action": "send", "category": "171", "kind": "fault",
         "description": "Kuoppa ajoradalla, vaarallinen pyörille",
         "lon": str(RAILWAY_STATION[0]), "lat": str(RAILWAY_STATION[1]), "address": "Kalevankatu 1"}


def report(code="171", point=RAILWAY_STATION, **extra):
    return feedback_create(
        category=Category.objects.get(service_code=code), kind=extra.pop("kind", "fault"),
        description=extra.pop("description", "Kuoppa ajoradalla, vaarallinen pyörille"),
        location=Point(*point, srid=4326) if point else None, **extra,
    ).feedback


def png(name="photo.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), "red").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer


def test_report_page_offers_topics_grouped_in_the_page_language(client, city):
    html = client.get("/en/palaute/uusi/").content.decode()
    assert '<optgroup label="City environment">' in html and '<optgroup label="Services">' in html
    assert ">Street condition</option>" in html
    assert 'name="photos"' in html and "multiple" in html
    assert 'accept="image/jpeg,image/png,image/webp"' in html
    assert "never shown publicly" in html
    swedish = client.get("/sv/palaute/uusi/").content.decode()
    assert ">Gatornas skick</option>" in swedish
    assert ">Katujen kunto</option>" in client.get("/palaute/uusi/").content.decode()


def test_a_report_is_created_and_the_thank_you_page_gives_number_and_follow_link(client, city):
    response = client.post("/en/palaute/uusi/", {**VALID, "name": PRIVATE[0], "email": PRIVATE[1],
                                                  "phone": PRIVATE[2], "photos": [png()]})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == "/en/palaute/kiitos/"
    feedback = Feedback.objects.get()
    assert (feedback.channel, feedback.language, feedback.area.code) == ("web", "en", "60100")
    assert feedback.address_text == "Kalevankatu 1" and feedback.photos.count() == 1
    assert feedback.follow_token not in response["Location"]
    thanks = client.get(response["Location"]).content.decode()
    assert feedback.number in thanks
    assert f"/en/palaute/seuraa/{feedback.follow_token}/" in thanks
    assert "A receipt with the number and this link was emailed to you." in thanks
    # Another visitor's session has no thanks to show.
    client.cookies.clear()
    assert client.get("/en/palaute/kiitos/")["Location"] == "/en/palaute/uusi/"


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"description": "short"}, "id_description", "at least 10 characters"),
        ({"description": "x" * 5001}, "id_description", "at most 5000"),
        ({"category": ""}, "id_category", "Choose a topic."),
        ({"category": "999"}, "id_category", "Select a valid choice"),
        ({"kind": "rant"}, "id_kind_0", "Select a valid choice"),
        ({"lon": "", "lat": ""}, "id_place_query", "Mark the place on the map"),
        ({"lon": "east", "lat": "62.7"}, "id_place_query", "The place could not be read."),
        ({"lon": str(OUTSIDE_CITY[0]), "lat": str(OUTSIDE_CITY[1])}, "id_place_query", "outside the city"),
        ({"email": "not-an-address"}, "id_email", "name@example.fi"),
        ({"phone": "call me"}, "id_phone", "digits only"),
        ({"place": "nonsense;label", "lon": "", "lat": ""}, "id_place_query", "Choose one of the places"),
    ],
)
def test_bad_input_gives_the_form_again_with_linked_errors_never_an_error_status(client, city, changes, field,
                                                                                  message):
    response = client.post("/en/palaute/uusi/", {**VALID, **changes})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html and f'href="#{field}"' in html
    assert message in html
    assert f'id="{field}"' in html
    assert Feedback.objects.count() == 0


def test_a_file_that_is_no_photo_is_refused_beside_the_photo_field(client, city):
    fake = io.BytesIO(b"MZ not an image at all")
    fake.name = "virus.jpg"
    html = client.post("/en/palaute/uusi/", {**VALID, "photos": [fake]}).content.decode()
    assert 'href="#id_photos"' in html and "virus.jpg is not a JPEG, PNG or WebP image." in html
    assert "attach them again" in html
    assert Feedback.objects.count() == 0


def test_without_javascript_the_place_is_found_by_searching_on_the_server(client, city, fixtures_dir):
    call_command("import_places", str(fixtures_dir / "seinajoki_places_wgs84.csv"), stdout=io.StringIO())
    typed = {**VALID, "lon": "", "lat": "", "address": "", "action": "search", "place_query": "Sevontie"}
    html = client.post("/en/palaute/uusi/", typed).content.decode()
    assert "Places found: choose one." in html
    assert re.search(r'name="place" id="place-1" value="22.818821,62.737052;Sevontie 4"', html)
    assert "error-summary" not in html  # a search says nothing yet about the other fields
    assert VALID["description"] in html  # what was typed is kept
    response = client.post("/en/palaute/uusi/", {**typed, "action": "send",
                                                 "place": "22.818821,62.737052;Sevontie 4"})
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.address_text == "Sevontie 4"
    assert feedback.location.transform(4326, clone=True).x == pytest.approx(22.818821)
    nothing = client.post("/en/palaute/uusi/", {**typed, "place_query": "Zzzyzx"}).content.decode()
    assert "No places found." in nothing


def test_the_public_page_shows_the_report_but_never_the_reporter_or_internal_notes(client, city):
    feedback = report(reporter_name=PRIVATE[0], reporter_email=PRIVATE[1], reporter_phone=PRIVATE[2],
                      kind="praise", description="Kiitos hienosta puistosta ja penkeistä")
    feedback_transition(feedback=feedback, to_status=FeedbackStatus.IN_PROGRESS,
                        public_note="Korjaamme kuopan ensi viikolla.",
                        internal_note="Urakoitsija X, sopimus 42")
    html = client.get(f"/en/palaute/{feedback.number}/").content.decode()
    assert "Kiitos hienosta puistosta" in html and "Korjaamme kuopan ensi viikolla." in html
    assert 'class="praise"' in html and "In progress" in html and "Seinäjoki Centre" in html  # its English name
    assert "62.78230 N, 22.85650 E" in html
    for secret in (*PRIVATE, "Meik", "Urakoitsija", feedback.follow_token):
        assert secret not in html
    assert client.get("/palaute/SJK-1999-000001/").status_code == 404


def test_a_rejected_report_is_not_found_by_the_public_nor_listed(client, city):
    spam = report(description="Osta halpoja kelloja täältä")
    feedback_transition(feedback=spam, to_status=FeedbackStatus.REJECTED)
    assert client.get(f"/palaute/{spam.number}/").status_code == 404
    assert client.post(f"/palaute/{spam.number}/minakin/").status_code == 404
    assert spam.number not in client.get("/palaute/").content.decode()
    assert client.get(f"/palaute/seuraa/{spam.follow_token}/").status_code == 404


def test_the_follow_page_opens_with_the_secret_token_only(client, city):
    feedback = report(reporter_email=PRIVATE[1])
    response = client.get(f"/en/palaute/seuraa/{feedback.follow_token}/")
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"
    html = response.content.decode()
    assert feedback.number in html and "private follow page" in html and PRIVATE[1] not in html
    assert client.get("/en/palaute/seuraa/not-the-token/").status_code == 404
    assert client.get("/en/palaute/seuraa/" + "x" * 100 + "/").status_code == 404


def test_me_too_from_the_report_page_counts_once_per_email(client, city):
    feedback = report()
    url = f"/en/palaute/{feedback.number}/minakin/"
    assert client.post(url, {"email": "fan@example.fi"})["Location"] == f"/en/palaute/{feedback.number}/"
    client.post(url, {"email": "fan@example.fi"})
    client.post(url, {})  # the same browser again: still once
    Client(HTTP_USER_AGENT="Toinen selain").post(url, {})  # another browser
    page = client.post(url, {"email": "not an email"}, follow=True).content.decode()
    assert "Give an email address like name@example.fi" in page
    feedback.refresh_from_db()
    assert feedback.supporter_count == 2
    assert "fan@example.fi" not in client.get(f"/en/palaute/{feedback.number}/").content.decode()


def test_the_public_list_filters_and_pages_with_a_bounded_number_of_queries(client, city,
                                                                             django_assert_num_queries):
    for index in range(52):
        report(description=f"Kuoppa numero {index} ajoradalla")
    park = report(code="174", point=NURMO, kind="idea", description="Lisää penkkejä puistoon, kiitos")
    with django_assert_num_queries(4):  # the categories, the areas, the (capped) count and the page
        html = client.get("/en/palaute/").content.decode()
    assert "53 reports, page 1 of 2" in html and html.count('<tr data-number=') == 50
    assert 'rel="next"' in html
    assert "52 reports" not in html
    page2 = client.get("/en/palaute/", {"page": 2}).content.decode()
    assert page2.count('<tr data-number=') == 3
    filtered = client.get("/en/palaute/", {"category": "174", "area": "60550", "kind": "idea"})
    filtered = filtered.content.decode()
    assert "1 report" in filtered and park.number in filtered and "Parks and green areas" in filtered
    assert "Nurmo Centre" in filtered and "Eastern area" in filtered  # the row's area and the area filter's
    # A budget area holds its postal areas' reports: Nurmo lies in the east.
    east = client.get("/en/palaute/", {"area": "SJK-ITA"}).content.decode()
    assert "1 report" in east and park.number in east
    assert "No reports match" in client.get("/en/palaute/", {"created_after": "2001-01-01",
                                                             "created_before": "2001-01-02"}).content.decode()


def test_the_public_list_stops_counting_at_its_cap(client, city, monkeypatch, django_assert_max_num_queries):
    """A city with a million reports: the list counts to the cap, says there are more, and pages on."""
    monkeypatch.setattr("geo_feedback.page_selectors.LIST_COUNT_CAP", 60)
    monkeypatch.setattr("geo_feedback.page_selectors.LIST_PAGE_SIZE", 25)
    for index in range(62):
        report(description=f"Kuoppa numero {index} ajoradalla")
    with django_assert_max_num_queries(12):
        html = client.get("/en/palaute/").content.decode()
    assert "More than 60 reports: filter to narrow the list, page 1" in html
    assert "of 3" not in html and 'rel="next"' in html and html.count("<tr data-number=") == 25
    assert "Yli 60 palautetta" in client.get("/palaute/").content.decode()
    assert "Över 60 responser" in client.get("/sv/palaute/").content.decode()
    # Under the cap, the count is exact again.
    idea = client.get("/en/palaute/", {"kind": "idea"}).content.decode()
    assert "No reports match" in idea and "More than" not in idea
    some = client.get("/en/palaute/", {"created_after": "2001-01-01"}).content.decode()
    assert "More than 60 reports" in some


@pytest.mark.parametrize("params", [
    {"category": "nonsense"}, {"created_after": "yesterday"}, {"page": "last-but-one"},
    {"status": "rejected"},
    {"created_after": "2026-05-01", "created_before": "2026-01-01"}, {"area": "x" * 500},
])
def test_bad_filters_give_the_page_with_a_message_never_an_error_status(client, city, params):
    report()
    response = client.get("/en/palaute/", params)
    assert response.status_code == 200
    html = response.content.decode()
    if "page" not in params:
        assert re.search(r'class="[^"]*\berror-message\b', html)
    assert "1 report" in html


def test_the_report_form_and_me_too_share_the_apis_rate_limit(client, city, settings):
    from django.core.cache import caches

    settings.FEEDBACK_CREATE_RATE = "1/hour"
    address = "10.77.66.55"
    caches["throttle"].delete(f"throttle_feedback_create_{address}")
    form = {"category": "171", "kind": "fault", "description": "Kuoppa asemalla, syvä ja vaarallinen",
            "lon": RAILWAY_STATION[0], "lat": RAILWAY_STATION[1]}
    first = client.post("/en/palaute/uusi/", form, REMOTE_ADDR=address)
    assert first.status_code == 302
    second = client.post("/en/palaute/uusi/", form, REMOTE_ADDR=address)
    assert second.status_code == 429 and int(second["Retry-After"]) > 0
    assert "Too many reports at once" in second.content.decode()
    number = Feedback.objects.get().number
    assert client.post(f"/en/palaute/{number}/minakin/", {}, REMOTE_ADDR=address).status_code == 429
    caches["throttle"].delete(f"throttle_feedback_create_{address}")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_list_pages_topic_choices_come_from_its_legend_unchanged(city, language):
    from django.utils import translation

    from geo_feedback.page_selectors import category_choices, category_choices_from_legend, category_legend

    with translation.override(language):
        assert category_choices_from_legend(category_legend(language=language)) == category_choices(language=language)
