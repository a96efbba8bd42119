"""Photos: stored without EXIF or GPS, turned upright, thumbnailed by the worker's job."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, PngImagePlugin

from geo_feedback.services.feedback import FeedbackInvalid
from geo_feedback.services.photos import photo_clean, photo_thumbnail_store
from tests.factories import GPS_IFD, FeedbackFactory, image_upload, jobs_clear, jobs_run, jpeg_with_gps

ORIENTATION = 0x0112


@pytest.fixture
def queue(city):
    jobs_clear()
    yield
    jobs_clear()


def read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def test_the_upload_really_carries_gps_exif():
    """The fixture photo must have what the service strips, or the next test proves nothing."""
    raw = jpeg_with_gps().read()
    with Image.open(io.BytesIO(raw)) as image:
        exif = image.getexif()
        assert exif[0x010F] == "Phonemaker"
        assert exif.get_ifd(GPS_IFD)[1] == "N"
    assert b"Phonemaker" in raw


def test_stored_photos_and_thumbnails_have_no_exif(queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = FeedbackFactory(photos=[jpeg_with_gps(size=(1200, 900))])
    photo = feedback.photos.get()
    assert not photo.thumbnail  # made by the job, not by the request

    assert jobs_run() == {"finished": 1, "failed": 0}

    photo.refresh_from_db()
    assert photo.thumbnail.name
    for field in (photo.image, photo.thumbnail):
        raw = read(field)
        assert b"Exif" not in raw and b"Phonemaker" not in raw
        with Image.open(io.BytesIO(raw)) as image:
            assert image.format == "JPEG"
            assert not image.getexif()
            assert "exif" not in image.info
    assert (photo.width, photo.height) == (1200, 900)
    with Image.open(photo.thumbnail.open("rb")) as thumbnail:
        assert thumbnail.size == (400, 300)


def test_the_thumbnail_job_run_twice_makes_one_thumbnail(city):
    feedback = FeedbackFactory(photos=[image_upload(size=(800, 600))])
    photo = feedback.photos.get()
    assert photo_thumbnail_store(photo_id=photo.pk) is True
    photo.refresh_from_db()
    first = photo.thumbnail.name
    assert photo_thumbnail_store(photo_id=photo.pk) is False
    photo.refresh_from_db()
    assert photo.thumbnail.name == first
    assert photo_thumbnail_store(photo_id=10**9) is False  # a deleted photo is no error


def test_a_sideways_phone_photo_is_stored_upright():
    image = Image.new("RGB", (320, 240), (10, 200, 10))
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # "rotate 90° clockwise to view"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    clean = photo_clean(SimpleUploadedFile("sideways.jpg", buffer.getvalue()))
    assert (clean.width, clean.height) == (240, 320)
    with Image.open(io.BytesIO(clean.content.read())) as stored:
        assert stored.size == (240, 320)
        assert ORIENTATION not in stored.getexif()  # not rotated twice by a viewer


def test_png_text_chunks_are_dropped():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "kotiosoite Koulukatu 1")
    buffer = io.BytesIO()
    Image.new("RGBA", (40, 30), (0, 0, 255, 128)).save(buffer, "PNG", pnginfo=info)
    clean = photo_clean(SimpleUploadedFile("screen.png", buffer.getvalue()))
    raw = clean.content.read()
    assert b"Koulukatu" not in raw
    with Image.open(io.BytesIO(raw)) as stored:
        assert (stored.format, stored.mode) == ("PNG", "RGBA")
        assert "Comment" not in stored.info


def test_webp_is_accepted():
    clean = photo_clean(image_upload("WEBP"))
    assert clean.content.name.endswith(".webp")


def test_a_decompression_bomb_is_refused(city):
    buffer = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buffer, "PNG")  # 48 megapixels in a few kilobytes
    assert len(buffer.getvalue()) < 100_000
    with translation.override("en"), pytest.raises(FeedbackInvalid) as raised:
        FeedbackFactory(photos=[SimpleUploadedFile("bomb.png", buffer.getvalue())])
    assert "too many pixels" in raised.value.message_dict["photos"][0]
