"""Request checks that belong to no single view."""

import logging

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

# The APIs answer such requests themselves, with field-level errors in their own formats.
OWN_ERROR_FORMATS = ("/api/", "/open311/")


class RefuseNulBytes:
    """A NUL byte in the path or a query parameter is a 400, not a database error.

    PostgreSQL text cannot hold NUL, so a lookup with one would fail deep in a query; no address or
    filter of ours ever needs it. Forms already refuse NUL in posted fields (Django's validator).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(OWN_ERROR_FORMATS) and (
            "\x00" in request.path
            or any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists())
        ):
            raise BadRequest("NUL byte in the address")
        return self.get_response(request)


class ContentSecurityPolicy(CSPMiddleware):
    """django-csp's middleware, with one allowance for pages we do not write ourselves.

    Django's admin map widget (and the RQ dashboard) set themselves up in inline scripts that carry
    no nonce; under those prefixes, for signed-in staff only, inline scripts may run. Every other
    page keeps the strict policy of settings.CONTENT_SECURITY_POLICY.
    """

    def process_response(self, request, response):
        if request.path_info.startswith(settings.CSP_INLINE_SCRIPT_PREFIXES):
            response._csp_replace = {"script-src": [SELF, UNSAFE_INLINE]}
        return super().process_response(request, response)


logger = logging.getLogger("config.middleware")
RETRY_AFTER_SECONDS = 30


class DatabaseUnavailable:
    """While PostgreSQL does not answer, a request gets 503 with Retry-After, not a 500.

    Pages answer in the visitor's language without touching the database; the APIs answer JSON
    (Open311 in its own format). /healthz says the same with the part that is down.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("database unavailable for %s: %s", request.path, exception)
        message = _("The service is briefly unavailable. Please try again in a moment.")
        if request.path.startswith("/open311/"):
            response = JsonResponse([{"code": 503, "description": message}], safe=False, status=503)
        elif request.path.startswith("/api/"):
            response = JsonResponse({"detail": message}, status=503)
        else:
            response = HttpResponse(render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS}),
                                    status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
