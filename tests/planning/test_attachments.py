"""A plan's attachments: a PDF is stored as given, an image without its metadata (GPS!), anything else
is refused with the file's name — through the admin's form, which is where planners upload them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from planning.admin import AttachmentForm
from tests.factories import GPS_IFD, jpeg_with_gps

pytestmark = pytest.mark.django_db  # the form reads the process choices


@pytest.fixture(autouse=True)
def english():
    """The refusals are read in English here (Finnish is the default language)."""
    from django.utils import translation

    with translation.override("en"):
        yield

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _form(upload):
    return AttachmentForm(data={"kind": "draft_map", "title_fi": "Kaavaluonnos", "title_sv": "", "title_en": ""},
                          files={"file": upload})


def test_an_image_loses_its_gps_and_camera_data_before_it_is_stored():
    raw = jpeg_with_gps(size=(800, 600))
    assert b"Phonemaker" in raw.read()
    raw.seek(0)
    form = _form(SimpleUploadedFile("luonnos.jpg", raw.read(), content_type="image/jpeg"))
    assert form.is_valid(), form.errors
    stored = form.cleaned_data["file"].read()
    assert b"Phonemaker" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (800, 600)
        assert not image.getexif().get_ifd(GPS_IFD)


def test_a_pdf_is_kept_as_it_is():
    form = _form(SimpleUploadedFile("oas.pdf", PDF, content_type="application/pdf"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["file"].read() == PDF


@pytest.mark.parametrize("name, content", [("ohje.txt", b"hello"), ("kuva.jpg", b"not really a jpeg"),
                                           ("setup.exe", b"MZ\x90\x00")])
def test_other_files_are_refused_with_their_name(name, content):
    form = _form(SimpleUploadedFile(name, content, content_type="application/octet-stream"))
    assert not form.is_valid()
    assert form.errors["file"] == [f"{name} is not a PDF, JPEG, PNG or WebP file."]
