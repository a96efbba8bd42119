"""Bodies too large to read answer in the API's own format: they were Django's HTML 400 page in the
middle of the JSON API (a 10 MB JSON body, 120 files, 1 200 fields)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from geo_feedback.models import Feedback
from tests.open311.conftest import BASE, json_errors, xml_errors

TEN_MB_JSON = '{"description": "' + "a" * (10 * 1024 * 1024) + '"}'


def many_files() -> dict:
    return {f"photo{i}": SimpleUploadedFile(f"photo{i}.jpg", b"x") for i in range(120)}


MANY_FIELDS = "&".join(f"field{i}=1" for i in range(1200))


def test_the_json_api_answers_json_for_a_body_it_will_not_read(client, city):
    path = "/api/v1/feedback/?lang=en"
    huge = client.post(path, TEN_MB_JSON, content_type="application/json")
    assert (huge.status_code, huge["Content-Type"]) == (413, "application/json")
    assert huge.json() == {"non_field_errors": ["The request is too large: at most 2.5 MB of fields (photos aside)."]}
    files = client.post(path, many_files())
    assert files.status_code == 400 and files.json() == {
        "non_field_errors": ["Too many files in one request: at most 100."]}
    fields = client.post(path, MANY_FIELDS, content_type="application/x-www-form-urlencoded")
    assert fields.status_code == 400 and fields.json() == {
        "non_field_errors": ["Too many fields in one request: at most 1000."]}
    assert not Feedback.objects.exists()


def test_me_too_answers_json_for_a_body_it_will_not_read(client, city):
    from tests.factories import FeedbackFactory

    huge = client.post(f"/api/v1/feedback/{FeedbackFactory().number}/support/?lang=en", TEN_MB_JSON,
                       content_type="application/json")
    assert huge.status_code == 413 and "The request is too large" in huge.json()["non_field_errors"][0]


def test_open311_answers_in_its_own_format_and_language(client, city):
    huge = client.post(f"{BASE}/requests.json?locale=en", TEN_MB_JSON, content_type="application/json")
    assert huge.status_code == 413
    assert json_errors(huge) == [(413, "The request is too large: at most 2.5 MB of fields (photos aside).")]
    files = client.post(f"{BASE}/requests.xml?locale=en", many_files())
    assert files.status_code == 400
    assert xml_errors(files) == [("400", "Too many files in one request: at most 100.")]
    fields = client.post(f"{BASE}/requests.json?locale=sv", MANY_FIELDS, content_type="application/x-www-form-urlencoded")
    assert fields.status_code == 400 and json_errors(fields)[0][1].startswith("För många fält")
    assert not Feedback.objects.exists()
