"""Photos: checked, turned upright and re-encoded without EXIF before anything stores them."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

# Pillow is imported by the functions that open an image, not here: the feedback services import
# this module in every web worker, and most requests carry no photo.
if TYPE_CHECKING:
    from PIL import Image

MAX_PHOTOS = 5
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo is plenty; more is a decompression bomb
FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}
THUMBNAIL_SIZE = (400, 400)


@dataclass(frozen=True)
class CleanPhoto:
    """A photo's new bytes, free of metadata, ready to store."""

    content: ContentFile
    width: int
    height: int


def _encode(image: Image.Image, image_format: str) -> bytes:
    buffer = io.BytesIO()
    if image_format == "JPEG":
        image.convert("RGB").save(buffer, "JPEG", quality=85, optimize=True)
    elif image_format == "WEBP":
        image.save(buffer, "WEBP", quality=85)
    else:
        image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def photo_clean(upload, *, name: str = "photo") -> CleanPhoto:
    """Check one uploaded file and return it re-encoded: no EXIF, no GPS, no other metadata.

    Raises ValidationError with a message a resident understands.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    size = getattr(upload, "size", None)
    label = getattr(upload, "name", "") or name
    if size is not None and size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("%(name)s is %(size).1f MB; a photo may be at most 10 MB.") % {"name": label, "size": size / 2**20}
        )
    data = upload.read()
    if len(data) > MAX_PHOTO_BYTES:
        raise ValidationError(_("%(name)s is larger than 10 MB.") % {"name": label})
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            if image_format not in FORMATS:
                raise ValidationError(
                    _("%(name)s is not a JPEG, PNG or WebP image.") % {"name": label}
                )
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("%(name)s has too many pixels.") % {"name": label})
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            # Apply the camera's orientation before the EXIF that carries it is dropped.
            upright = ImageOps.exif_transpose(image)
            if upright.mode not in ("RGB", "RGBA", "L", "LA"):
                upright = upright.convert("RGBA" if "transparency" in upright.info else "RGB")
            # A fresh image carries pixels only: no EXIF, XMP, ICC or text chunks survive.
            clean = Image.new(upright.mode, upright.size)
            clean.paste(upright)
            encoded = _encode(clean, image_format)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError, ValueError):
        raise ValidationError(_("%(name)s is not a JPEG, PNG or WebP image.") % {"name": label}) from None
    extension = FORMATS[image_format][0]
    return CleanPhoto(content=ContentFile(encoded, name=f"{name}.{extension}"), width=clean.width,
                      height=clean.height)


def photo_thumbnail(image_file) -> ContentFile:
    """A small JPEG of a stored (already clean) photo."""
    from PIL import Image

    with Image.open(image_file) as image:
        image.thumbnail(THUMBNAIL_SIZE)
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, "JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name="thumb.jpg")


def photo_thumbnail_store(*, photo_id: int) -> bool:
    """Make and store a photo's thumbnail unless it has one (idempotent)."""
    from geo_feedback.models import FeedbackPhoto

    photo = FeedbackPhoto.objects.filter(pk=photo_id).first()
    if photo is None or photo.thumbnail:
        return False
    with photo.image.open("rb") as image_file:
        thumbnail = photo_thumbnail(image_file)
    photo.thumbnail.save(f"thumb-{photo.pk}.jpg", thumbnail, save=False)
    FeedbackPhoto.objects.filter(pk=photo.pk, thumbnail="").update(thumbnail=photo.thumbnail.name)
    return True
