"""Photos are served by the application, not straight from MEDIA_ROOT: a photo staff hid (redacted)
or one of a ticket rejected as spam must not stay reachable by its old address.

Public photos of public tickets are served to anyone; every other stored file only to staff who may
see its ticket. FileResponse hands the file to the WSGI server's file wrapper (sendfile under
gunicorn), so this costs one indexed query per photo.
"""

import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from geo_feedback.models import Feedback
from geo_feedback.page_selectors import photo_by_file
from geo_feedback.permissions import Action, can

# A photo hidden later must disappear from shared caches soon; browsers may keep it a while.
PUBLIC_CACHE = "public, max-age=300"


@require_safe
def photo_file(request, name: str):
    photo = photo_by_file(name)
    if photo is None:
        raise Http404
    public = photo.is_public and Feedback.objects.public().filter(pk=photo.feedback_id).exists()
    if not public and not can(request.user, Action.VIEW, photo.feedback):
        raise Http404  # the same answer as for a file that does not exist
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    try:
        response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    except FileNotFoundError:
        raise Http404 from None
    response["Cache-Control"] = PUBLIC_CACHE if public else "private, no-store"
    response["Content-Disposition"] = "inline"
    return response
