"""Reading what clients send, safely: JSON however deep, and text PostgreSQL can store.

Kept apart from ``config.api``: DRF reads ``DEFAULT_PARSER_CLASSES`` (our ``JSONParser``) while
its views module is being imported, so this module must not import DRF's views.
"""

import json
import re

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.utils.translation import gettext as _
from rest_framework import parsers, renderers
from rest_framework.exceptions import APIException, ParseError, ValidationError
from rest_framework.settings import api_settings

# A UTF-16 surrogate on its own is no character: JSON's "\\ud800" decodes to one, which PostgreSQL
# (UTF-8) cannot store.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def unstorable_text_errors(value: str) -> list[str]:
    """Why ``value`` cannot be stored as text, if it cannot: a NUL character or a lone surrogate."""
    if "\x00" in value:
        return [_("The text contains a NUL character; remove it.")]
    if _LONE_SURROGATE.search(value):
        return [_("The text contains a broken character (a lone UTF-16 surrogate); remove it.")]
    return []


class JSONTooDeep(ValueError):
    """The JSON nests arrays or objects deeper than the parser follows."""


def json_loads(text: str | bytes):
    """``json.loads``, with nesting too deep for the parser as a ValueError (JSONTooDeep) instead of a crash."""
    try:
        return json.loads(text)
    except RecursionError:
        raise JSONTooDeep(_("The JSON is nested too deeply.")) from None


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser; a body nested too deeply is a 400 like any unreadable body, not a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("The JSON is nested too deeply.")) from None


class BodyTooLarge(APIException):
    """413: the body is larger than the platform reads (DATA_UPLOAD_MAX_MEMORY_SIZE)."""

    status_code = 413
    default_code = "too_large"


BODY_LIMITS = (RequestDataTooBig, TooManyFilesSent, TooManyFieldsSent)


def body_refusal(error: Exception) -> tuple[int, str]:
    """The status and the message for a body Django refused to read (one of BODY_LIMITS)."""
    if isinstance(error, RequestDataTooBig):
        megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
        return 413, _("The request is too large: at most %(size)s MB of fields (photos aside).") % {
            "size": f"{megabytes:g}"}
    if isinstance(error, TooManyFilesSent):
        return 400, _("Too many files in one request: at most %(count)d.") % {
            "count": settings.DATA_UPLOAD_MAX_NUMBER_FILES}
    return 400, _("Too many fields in one request: at most %(count)d.") % {
        "count": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}


def api_exception_handler(exc, context):
    """DRF's handler, plus the bodies Django refuses while DRF reads them: those were Django's HTML
    400 page in the middle of a JSON API. Now they answer in the API's format, naming no field."""
    if isinstance(exc, BODY_LIMITS):
        status, message = body_refusal(exc)
        detail = {api_settings.NON_FIELD_ERRORS_KEY: [message]}
        exc = BodyTooLarge(detail) if status == 413 else ValidationError(detail)
    from rest_framework.views import exception_handler  # not at import time: see the module's docstring

    return exception_handler(exc, context)


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSON renderer (UTF-8, readable); an answer that echoes a lone surrogate from the input
    (a refused value quoted in an error message) is written with escapes instead of failing with a 500."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        try:
            return super().render(data, accepted_media_type, renderer_context)
        except UnicodeEncodeError:
            self.ensure_ascii = True
            return super().render(data, accepted_media_type, renderer_context)
