"""A process's attachment file as it may be stored: a PDF as given, an image re-encoded without its
metadata (a draft map photographed on site carries the camera's GPS like any photo)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from geo_feedback.services.photos import photo_clean

MAX_ATTACHMENT_BYTES = 50 * 2**20  # a plan's draft map as a PDF can be large


def attachment_file_clean(upload) -> ContentFile:
    """The file to store, or ValidationError: PDFs (checked by their signature) or JPEG/PNG/WebP."""
    name = getattr(upload, "name", "") or "file"
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("%(name)s is larger than 50 MB.") % {"name": name})
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return ContentFile(upload.read(), name=name.rsplit("/", 1)[-1])
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "image"
    try:
        return photo_clean(upload, name=stem).content
    except ValidationError:
        raise ValidationError(_("%(name)s is not a PDF, JPEG, PNG or WebP file.") % {"name": name}) from None
