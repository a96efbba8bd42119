"""Photos are served through a view that checks who may see them: a photo hidden by redaction or of
a ticket rejected as spam is not reachable by its old address, with DEBUG on or off."""

import io

import pytest
from django.test import Client
from PIL import Image

from geo_feedback.models import FeedbackPhoto
from geo_feedback.services.feedback import feedback_transition
from geo_feedback.services.photos import photo_thumbnail_store
from geo_feedback.statuses import FeedbackStatus as S
from tests.factories.feedback import FeedbackFactory, jpeg_with_gps
from tests.geo_feedback.test_staff_fixtures import client_for, fixture_staff  # noqa: F401 (fixture)


@pytest.fixture
def photo(city):
    ticket = FeedbackFactory(photos=[jpeg_with_gps()])
    stored = FeedbackPhoto.objects.get(feedback=ticket)
    photo_thumbnail_store(photo_id=stored.pk)
    stored.refresh_from_db()
    assert stored.thumbnail
    return stored


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("debug", [True, False])
def test_a_public_photo_is_served_to_anyone_without_exif(client, photo, settings, debug):
    settings.DEBUG = debug
    response = client.get(photo.image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "public, max-age=300"
    data = body(response)
    with photo.image.open("rb") as stored:
        assert data == stored.read()
    assert b"Phonemaker" not in data and b"Exif" not in data
    thumb = client.get(photo.thumbnail.url)
    assert thumb.status_code == 200 and Image.open(io.BytesIO(body(thumb))).width <= 400


def test_a_hidden_photo_is_gone_for_the_public_but_not_for_its_staff(client, photo, staff):
    FeedbackPhoto.objects.filter(pk=photo.pk).update(is_public=False)
    assert client.get(photo.image.url).status_code == 404
    assert client.get(photo.thumbnail.url).status_code == 404
    assert client_for(Client, staff["asukas"]).get(photo.image.url).status_code == 404
    assert client_for(Client, staff["sivistys"]).get(photo.image.url).status_code == 404  # not their ticket
    own = client_for(Client, staff["kaupunkiymparisto"]).get(photo.image.url)
    assert own.status_code == 200 and own["Cache-Control"] == "private, no-store"
    assert client_for(Client, staff["asiakaspalvelu"]).get(photo.thumbnail.url).status_code == 200


def test_a_photo_of_a_rejected_ticket_is_not_public(client, photo):
    feedback_transition(feedback=photo.feedback, to_status=S.REJECTED)
    assert client.get(photo.image.url).status_code == 404


@pytest.mark.parametrize("path", ["/media/feedback/nothing.jpg", "/media/../config/settings.py",
                                  "/media/%2e%2e/config/settings.py", "/media/"])
def test_unknown_files_and_paths_outside_are_404(client, photo, path):
    assert client.get(path).status_code == 404


def test_only_reading_is_allowed(client, photo):
    assert client.head(photo.image.url).status_code == 200
    assert client.post(photo.image.url).status_code == 405


def test_a_file_missing_from_disk_is_404_not_500(client, photo):
    photo.image.storage.delete(photo.image.name)
    assert client.get(photo.image.url).status_code == 404
