"""Request checks that belong to no single view."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.exceptions import BadRequest

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
