"""Request checks that belong to no single view."""

import logging

from csp.constants import HEADER, SELF, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
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


# What a response can carry to change its policy (django-csp's decorators set these).
_CSP_RESPONSE_OVERRIDES = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt",
                           "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro", "_csp_exempt_ro")


class ContentSecurityPolicy(CSPMiddleware):
    """django-csp's middleware, with one allowance for pages we do not write ourselves, and the
    common case's header written once.

    Django's admin map widget (and the RQ dashboard) set themselves up in inline scripts that carry
    no nonce; under those prefixes, for signed-in staff only, inline scripts may run. Every other
    page keeps the strict policy of settings.CONTENT_SECURITY_POLICY.

    A response that used no nonce and changes nothing of the policy (every API answer, most pages)
    gets the same header every time: it is built once per policy setting, where django-csp copies
    and rebuilds the policy twice per response (a ninth of the CPU of a read of one report).
    """

    _plain: tuple[dict, str] | None = None  # (the settings dict it was built from, header)

    def process_response(self, request, response):
        if request.path_info.startswith(settings.CSP_INLINE_SCRIPT_PREFIXES):
            response._csp_replace = {"script-src": [SELF, UNSAFE_INLINE]}
        elif self._is_plain(request, response):
            response[HEADER] = self._plain_policy()
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # as django-csp does
            return response
        return super().process_response(request, response)

    @staticmethod
    def _is_plain(request, response) -> bool:
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        return bool(
            policy
            and not policy.get("EXCLUDE_URL_PREFIXES")
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            and getattr(request, "_csp_nonce", None) is None
            and HEADER not in response
            and not any(hasattr(response, name) for name in _CSP_RESPONSE_OVERRIDES)
            and not (settings.DEBUG and response.status_code in (404, 500))  # django-csp leaves debug pages be
        )

    def _plain_policy(self) -> str:
        policy = settings.CONTENT_SECURITY_POLICY
        if self._plain is None or self._plain[0] is not policy:  # a test may override the setting
            self._plain = (policy, build_policy())
        return self._plain[1]


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
