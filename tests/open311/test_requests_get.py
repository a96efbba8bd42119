"""GET requests, requests/{id} and tokens/{token}: fields, every filter, extensions, errors, privacy."""

import re
from datetime import timedelta

import pytest
from django.contrib.gis.geos import Point
from django.utils import timezone

from geo_feedback.models import Feedback, FeedbackPhoto
from geo_feedback.services.feedback import feedback_transition
from geo_feedback.statuses import FeedbackStatus
from tests.factories import image_upload
from tests.geo_feedback.conftest import NURMO, RAILWAY_STATION
from tests.open311.conftest import BASE, PRIVATE, as_json, as_xml, get, json_errors, report, xml_errors

W3C = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def numbers(response) -> list[str]:
    return [request["service_request_id"] for request in as_json(response)]


def xml_numbers(response) -> list[str]:
    root = as_xml(response)
    assert root.tag == "service_requests"
    return [request.findtext("service_request_id") for request in root.findall("request")]


def age(feedback: Feedback, **delta) -> Feedback:
    """Pretend ``feedback`` was received (and last changed) that long ago."""
    moment = timezone.now() - timedelta(**delta)
    Feedback.objects.filter(pk=feedback.pk).update(created_at=moment, updated_at=moment)
    feedback.refresh_from_db()
    return feedback


def test_a_request_has_every_georeport_field(client, city):
    feedback = report(address_text="Kalevankatu 1", reporter_name=" ".join(PRIVATE[:2]), reporter_email=PRIVATE[2],
                      reporter_phone=PRIVATE[3])
    feedback_transition(feedback=feedback, to_status=FeedbackStatus.ROUTED, public_note="Ohjattu katupuolelle.")
    feedback.refresh_from_db()
    (request,) = as_json(get(client, "requests.json", locale="en"))
    assert list(request) == [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
        "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
        "address", "address_id", "zipcode", "lat", "long", "media_url",
    ]
    assert request["service_request_id"] == feedback.number
    assert (request["status"], request["status_notes"]) == ("open", "Ohjattu katupuolelle.")
    assert (request["service_code"], request["service_name"]) == ("171", "Street condition")
    assert request["description"] == "Kuoppa ajoradalla, vaarallinen pyörille"
    assert request["agency_responsible"] == "City environment"
    assert request["address"] == "Kalevankatu 1" and request["zipcode"] == "60100"
    assert (request["lat"], request["long"]) == pytest.approx((RAILWAY_STATION[1], RAILWAY_STATION[0]), abs=1e-6)
    for field in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert W3C.match(request[field]), request[field]
    assert request["requested_datetime"] == timezone.localtime(feedback.created_at).isoformat(timespec="seconds")
    expected = timezone.localtime(feedback.created_at + timedelta(days=14)).isoformat(timespec="seconds")
    assert request["expected_datetime"] == expected
    assert request["media_url"] is None and request["address_id"] is None
    assert "extended_attributes" not in request


def test_xml_request_has_the_same_fields_as_elements(client, city):
    feedback = report()
    root = as_xml(get(client, "requests.xml", locale="en"))
    (request,) = root.findall("request")
    assert request.findtext("service_request_id") == feedback.number
    assert request.findtext("status") == "open"
    assert request.findtext("service_name") == "Street condition"
    assert float(request.findtext("lat")) == pytest.approx(RAILWAY_STATION[1], abs=1e-6)
    assert float(request.findtext("long")) == pytest.approx(RAILWAY_STATION[0], abs=1e-6)
    assert W3C.match(request.findtext("requested_datetime"))
    assert request.find("media_url").text is None and request.find("status_notes").text is None


def test_newest_first_and_the_list_is_one_query(client, city, django_assert_max_num_queries):
    made = [report(description=f"Kuoppa numero {n} kadulla") for n in range(6)]
    for feedback in made[:3]:
        FeedbackPhoto.objects.create(feedback=feedback, image=image_upload(), width=64, height=48)
    with django_assert_max_num_queries(1):
        listed = numbers(get(client, "requests.json", extensions="true"))
    assert listed == [feedback.number for feedback in reversed(made)]
    with django_assert_max_num_queries(1):
        assert xml_numbers(get(client, "requests.xml")) == listed


def test_at_most_1000_requests_and_limit_takes_fewer(client, city, django_assert_max_num_queries):
    template = report()
    Feedback.objects.bulk_create([
        Feedback(number=f"BULK-{n:05d}", category=template.category, kind="fault", department=template.department,
                 description=f"Joukkoilmoitus numero {n}", location=template.location, area=template.area)
        for n in range(1005)
    ])
    with django_assert_max_num_queries(1):
        listed = numbers(get(client, "requests.json"))
    assert len(listed) == 1000
    assert len(numbers(get(client, "requests.json", limit=3))) == 3
    assert len(xml_numbers(get(client, "requests.xml", limit=2))) == 2


@pytest.mark.parametrize("limit", ["0", "1001", "x", "-5"])
def test_bad_limit_is_a_400(client, city, limit):
    response = get(client, "requests.json", limit=limit)
    assert response.status_code == 400 and json_errors(response)[0][1].startswith("limit:")


def test_spam_never_appears_anywhere(client, city):
    shown, spam = report(), report(description="Osta halpoja kelloja nyt heti")
    feedback_transition(feedback=spam, to_status=FeedbackStatus.REJECTED)
    assert numbers(get(client, "requests.json")) == [shown.number]
    assert numbers(get(client, "requests.json", service_request_id=f"{shown.number},{spam.number}")) == [shown.number]
    for path in (f"requests/{spam.number}.json", f"tokens/{spam.number}.json"):
        assert get(client, path).status_code == 404


def test_service_request_id_list_overrides_every_other_filter(client, city):
    old = age(report(), days=400)
    closed = report(code="174")
    feedback_transition(feedback=closed, to_status=FeedbackStatus.HANDLED)
    other = report()
    listed = numbers(get(client, "requests.json", service_request_id=f" {old.number}, {closed.number},NOPE-1",
                         status="open", service_code="171", start_date="2020-01-01"))
    assert listed == [closed.number, old.number]
    assert other.number not in listed
    assert xml_numbers(get(client, "requests.xml", service_request_id=old.number)) == [old.number]


def test_too_many_ids_are_a_400(client, city):
    response = get(client, "requests.json", service_request_id=",".join(f"X-{n}" for n in range(1001)))
    assert response.status_code == 400 and json_errors(response)[0][1].startswith("service_request_id:")


def test_service_code_filter_takes_a_comma_list(client, city):
    street, park, library = report("171"), report("174"), report("304", point=None, description="Aukioloajat ovat lyhyet")
    assert set(numbers(get(client, "requests.json", service_code="171,174"))) == {street.number, park.number}
    assert xml_numbers(get(client, "requests.xml", service_code="304")) == [library.number]


def test_unknown_service_code_filter_is_a_400_naming_each(client, city):
    response = get(client, "requests.json", service_code="171,998,999", locale="en")
    assert response.status_code == 400
    assert json_errors(response) == [(400, "service_code: No service has the code “998”."),
                                      (400, "service_code: No service has the code “999”.")]
    assert xml_errors(get(client, "requests.xml", service_code="998"))[0][0] == "400"


def test_default_window_is_the_last_90_days(client, city):
    recent, old = report(), age(report(), days=91)
    assert numbers(get(client, "requests.json")) == [recent.number]
    assert old.number not in xml_numbers(get(client, "requests.xml"))


def test_start_and_end_date_choose_the_window(client, city):
    new, month_old, year_old = report(), age(report(), days=30), age(report(), days=365)
    day = timedelta(days=1)
    start = (timezone.now() - 40 * day).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (timezone.now() - 20 * day).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert numbers(get(client, "requests.json", start_date=start, end_date=end)) == [month_old.number]
    # start only: the 90 days after it; end only: the 90 days before it
    year_ago = timezone.localtime(timezone.now() - 366 * day)
    assert numbers(get(client, "requests.json", start_date=year_ago.date().isoformat())) == [year_old.number]
    end_only = timezone.localtime(timezone.now() - 10 * day).isoformat(timespec="seconds")
    assert numbers(get(client, "requests.json", end_date=end_only)) == [month_old.number]
    assert new.number in numbers(get(client, "requests.json", start_date=(timezone.now() - day).isoformat()))


def test_an_offset_that_lost_its_plus_sign_in_the_query_string_still_works(client, city):
    feedback = report()
    start = timezone.localtime(timezone.now() - timedelta(hours=1)).isoformat(timespec="seconds")
    response = client.get(f"/open311/v2/requests.json?start_date={start}")  # "+02:00" arrives as " 02:00"
    assert response.status_code == 200 and numbers(response) == [feedback.number]


@pytest.mark.parametrize("params, field, message", [
    ({"start_date": "yesterday"}, "start_date", "W3C format"),
    ({"end_date": "2026-13-40"}, "end_date", "W3C format"),
    ({"start_date": "2026-01-01", "end_date": "2026-06-01"}, "end_date", "at most 90 days"),
    ({"start_date": "2026-03-01", "end_date": "2026-02-01"}, "end_date", "not be before start_date"),
    ({"updated_after": "soon"}, "updated_after", "W3C format"),
    ({"updated_before": "2026-02-30"}, "updated_before", "W3C format"),
    ({"updated_after": "2026-03-01", "updated_before": "2026-02-01"}, "updated_before", "not be before"),
    ({"status": "pending"}, "status", "give open, closed or both"),
    ({"extensions": "yes"}, "extensions", "true or false"),
    ({"lat": "62.78"}, "long", "both lat and long"),
    ({"long": "22.85", "radius": "100"}, "lat", "both lat and long"),
    ({"lat": "95", "long": "22.8", "radius": "10"}, "lat", "from -90 to 90"),
    ({"lat": "62.7", "long": "east", "radius": "10"}, "long", "from -180 to 180"),
    ({"lat": "62.7", "long": "22.8"}, "radius", "radius in metres"),
    ({"radius": "100"}, "lat", "lat and long with radius"),
    ({"lat": "62.7", "long": "22.8", "radius": "0"}, "radius", "above 0"),
    ({"lat": "62.7", "long": "22.8", "radius": "nan"}, "radius", "from 0 to 100000"),
    ({"lat": "62.7", "long": "22.8", "radius": "200000"}, "radius", "from 0 to 100000"),
    ({"bbox": "22,62,23"}, "bbox", "lon1,lat1,lon2,lat2"),
    ({"bbox": "a,b,c,d"}, "bbox", "lon1,lat1,lon2,lat2"),
    ({"bbox": "22,62,22,63"}, "bbox", "must differ"),
    ({"bbox": "22,62,200,63"}, "bbox", "must differ"),
])
def test_every_bad_filter_is_a_400_naming_it(client, city, params, field, message):
    for path in ("requests.json", "requests.xml"):
        response = get(client, path, locale="en", **params)
        assert response.status_code == 400, response.content
    descriptions = [d for _code, d in json_errors(get(client, "requests.json", locale="en", **params))]
    assert any(d.startswith(f"{field}: ") and message in d for d in descriptions), descriptions
    xml_descriptions = [d for _code, d in xml_errors(get(client, "requests.xml", locale="en", **params))]
    assert xml_descriptions == descriptions


def test_several_bad_filters_are_all_reported(client, city):
    response = get(client, "requests.json", status="maybe", limit="0", bbox="x")
    fields = {description.split(":")[0] for _code, description in json_errors(response)}
    assert fields == {"status", "limit", "bbox"}


def test_status_filter(client, city):
    waiting, fixed, forwarded = report(), report(), report("401", point=None, description="Ajanvaraus ei toimi")
    feedback_transition(feedback=fixed, to_status=FeedbackStatus.HANDLED, public_note="Korjattu.")
    assert numbers(get(client, "requests.json", status="open")) == [waiting.number]
    assert numbers(get(client, "requests.json", status="closed")) == [forwarded.number, fixed.number]
    assert len(numbers(get(client, "requests.json", status="open,closed"))) == 3
    assert xml_numbers(get(client, "requests.xml", status="OPEN")) == [waiting.number]
    (closed,) = as_json(get(client, "requests.json", service_request_id=fixed.number))
    assert (closed["status"], closed["status_notes"]) == ("closed", "Korjattu.")


@pytest.mark.parametrize("path", [
    "requests/{number}.json?extensions=true", "requests.json?extensions=true&service_request_id={number}",
])
def test_extensions_add_title_detailed_status_and_media_urls(client, city, path):
    feedback = report(description="Iso kuoppa\nKalevankadun ja Koulukadun risteyksessä on syvä kuoppa.")
    first = FeedbackPhoto.objects.create(feedback=feedback, image=image_upload(), width=64, height=48, position=0)
    second = FeedbackPhoto.objects.create(feedback=feedback, image=image_upload(), width=64, height=48, position=1)
    FeedbackPhoto.objects.create(feedback=feedback, image=image_upload(), width=64, height=48, position=2,
                                 is_public=False)
    (request,) = as_json(client.get("/open311/v2/" + path.format(number=feedback.number)))
    urls = [f"http://testserver{first.image.url}", f"http://testserver{second.image.url}"]
    assert request["media_url"] == urls[0]
    assert request["extended_attributes"] == {
        "title": "Iso kuoppa", "detailed_status": "RECEIVED", "media_urls": urls,
        "service_object_id": None, "service_object_type": None,
    }
    root = as_xml(client.get("/open311/v2/" + path.format(number=feedback.number).replace(".json", ".xml")))
    extended = root.find("request/extended_attributes")
    assert extended.findtext("title") == "Iso kuoppa"
    assert extended.findtext("detailed_status") == "RECEIVED"
    assert [url.text for url in extended.findall("media_urls/media_url")] == urls
    assert client.get(urls[0]).status_code == 200  # the address really serves the photo


def test_long_first_line_makes_a_shortened_title(client, city):
    feedback = report(description="Kuoppa " * 30)
    (request,) = as_json(get(client, f"requests/{feedback.number}.json", extensions="true"))
    title = request["extended_attributes"]["title"]
    assert len(title) <= 80 and title.endswith("…")


@pytest.mark.parametrize("to_status, status, detailed", [
    (None, "open", "RECEIVED"),
    (FeedbackStatus.IN_TRIAGE, "open", "IN_PROCESS"),
    (FeedbackStatus.ROUTED, "open", "IN_PROCESS"),
    (FeedbackStatus.IN_PROGRESS, "open", "IN_PROCESS"),
    (FeedbackStatus.HANDLED, "closed", "PROCESSED"),
    (FeedbackStatus.DUPLICATE, "closed", "PROCESSED"),
    (FeedbackStatus.FORWARDED, "closed", "PROCESSED,FORWARDED"),
    (FeedbackStatus.NOT_CITYS, "closed", "REJECTED"),
])
def test_detailed_status_maps_every_public_status(client, city, to_status, status, detailed):
    feedback = report()
    if to_status:
        feedback_transition(feedback=feedback, to_status=to_status)
    (request,) = as_json(get(client, f"requests/{feedback.number}.json", extensions="true"))
    assert (request["status"], request["extended_attributes"]["detailed_status"]) == (status, detailed)
    request = as_xml(get(client, f"requests/{feedback.number}.xml", extensions="true")).find("request")
    assert (request.findtext("status"), request.findtext("extended_attributes/detailed_status")) == (status, detailed)


def test_updated_after_and_before_filter_on_the_last_change(client, city):
    untouched = age(report(), days=200)
    changed = age(report(), days=200)
    feedback_transition(feedback=changed, to_status=FeedbackStatus.HANDLED)  # changes updated_at to now
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert numbers(get(client, "requests.json", updated_after=since)) == [changed.number]
    before = (timezone.now() - timedelta(days=100)).date().isoformat()
    assert xml_numbers(get(client, "requests.xml", updated_before=before)) == [untouched.number]


def test_lat_long_radius_finds_requests_within_metres(client, city):
    station, nurmo = report(point=RAILWAY_STATION), report(point=NURMO)
    params = {"lat": RAILWAY_STATION[1], "long": RAILWAY_STATION[0]}
    assert numbers(get(client, "requests.json", radius=50, **params)) == [station.number]
    assert set(numbers(get(client, "requests.json", radius=10000, **params))) == {station.number, nurmo.number}
    point = Point(*NURMO, srid=4326).transform(3067, clone=True)
    distance = point.distance(Point(*RAILWAY_STATION, srid=4326).transform(3067, clone=True))
    assert station.number in xml_numbers(get(client, "requests.xml", radius=int(distance) - 10, **params))
    assert nurmo.number not in xml_numbers(get(client, "requests.xml", radius=int(distance) - 10, **params))


def test_bbox_takes_either_corner_first(client, city):
    station, nurmo = report(point=RAILWAY_STATION), report(point=NURMO)
    assert numbers(get(client, "requests.json", bbox="22.85,62.78,22.86,62.79")) == [station.number]
    assert numbers(get(client, "requests.json", bbox="22.86;62.79;22.85;62.78")) == [station.number]
    assert set(xml_numbers(get(client, "requests.xml", bbox="22.8,62.7,23.0,62.9"))) == {station.number,
                                                                                       nurmo.number}


def test_one_request_in_both_formats_and_unknown_is_a_404(client, city, django_assert_max_num_queries):
    feedback = report()
    with django_assert_max_num_queries(1):
        body = as_json(get(client, f"requests/{feedback.number}.json"))
    assert [request["service_request_id"] for request in body] == [feedback.number]
    assert xml_numbers(get(client, f"requests/{feedback.number}.xml")) == [feedback.number]
    response = get(client, "requests/SJK-1999-000001.json", locale="en")
    assert response.status_code == 404
    assert json_errors(response) == [(404, "service_request_id: No public request has the id “SJK-1999-000001”.")]
    assert xml_errors(get(client, "requests/SJK-1999-000001.xml"))[0][0] == "404"
    assert get(client, f"requests/{feedback.number}.json", extensions="maybe").status_code == 400


def test_token_resolves_to_the_request_id(client, city):
    feedback = report()
    assert as_json(get(client, f"tokens/{feedback.number}.json")) == [
        {"service_request_id": feedback.number, "token": feedback.number}]
    request = as_xml(get(client, f"tokens/{feedback.number}.xml")).find("request")
    assert (request.findtext("service_request_id"), request.findtext("token")) == (feedback.number, feedback.number)
    response = get(client, "tokens/abc123.json", locale="en")
    assert response.status_code == 404
    assert json_errors(response) == [(404, "token: No request has the token “abc123”.")]
    assert xml_errors(get(client, "tokens/abc123.xml"))[0][0] == "404"


def test_names_emails_and_phones_never_appear(client, city):
    feedback = report(reporter_name=" ".join(PRIVATE[:2]), reporter_email=PRIVATE[2], reporter_phone=PRIVATE[3])
    for path in ("requests.{f}", "requests/{n}.{f}", "tokens/{n}.{f}", "requests.{f}?extensions=true",
                 "requests/{n}.{f}?extensions=true"):
        for response_format in ("json", "xml"):
            text = client.get("/open311/v2/" + path.format(n=feedback.number, f=response_format)).content.decode()
            assert feedback.number in text
            for secret in (*PRIVATE, "Meik", feedback.follow_token, "reporter", "@example"):
                assert secret not in text, (path, secret)


@pytest.mark.parametrize("path, status, field", [
    ("requests.json?service_code=%00", 400, "service_code"),
    ("requests.json?service_request_id=1%002", 400, "service_request_id"),
    ("requests/%00.json", 404, "service_request_id"),
    ("tokens/a%00.json", 404, "token"),
    ("services/%00.json", 404, "service_code"),
])
def test_a_nul_character_is_refused_before_any_query(client, city, path, status, field):
    response = client.get(f"{BASE}/{path}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status
    (error,) = json_errors(response)
    assert error[1].startswith(f"{field}: ") and "NUL" in error[1]


@pytest.mark.parametrize("params", [
    {"start_date": "9999-12-31"}, {"end_date": "0001-01-01"}, {"start_date": "0001-01-01"},
    {"end_date": "9999-12-31T23:59:59-12:00"},
])
def test_dates_at_the_ends_of_the_calendar_are_an_empty_list_not_an_error(client, city, params):
    report()
    response = get(client, "requests.json", **params)
    assert response.status_code == 200 and as_json(response) == []
