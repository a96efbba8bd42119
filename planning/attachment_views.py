"""A process's attachments (draft maps, reports) are served by the application, not straight from
MEDIA_ROOT, with the same care as feedback photos: those of a published process to anyone, those
of a process in preparation only to staff. An unknown file and a file one may not see get the same
404. FileResponse hands the file to the server's file wrapper, so this costs one indexed query."""

import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from city.permissions import is_staff_member
from planning.page_selectors import attachment_by_file

# An attachment of a process taken back from the public must disappear from shared caches soon.
PUBLIC_CACHE = "public, max-age=300"
# Shown in the browser; any other file is only downloaded, so nothing stored can run as a page here.
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg", "image/webp"}


@require_safe
def attachment_file(request, name: str):
    attachment = attachment_by_file(f"processes/{name}")
    if attachment is None:
        raise Http404
    public = attachment.process.published
    if not public and not is_staff_member(request.user):
        raise Http404  # the same answer as for a file that does not exist
    content_type = mimetypes.guess_type(attachment.file.name)[0] or "application/octet-stream"
    try:
        response = FileResponse(default_storage.open(attachment.file.name, "rb"), content_type=content_type)
    except FileNotFoundError:
        raise Http404 from None
    response["Cache-Control"] = PUBLIC_CACHE if public else "private, no-store"
    response["Content-Disposition"] = "inline" if content_type in INLINE_TYPES else "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    return response
