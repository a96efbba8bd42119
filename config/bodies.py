"""Reading what clients send, safely: JSON however deep, and text PostgreSQL can store.

Kept apart from ``config.api``: DRF reads ``DEFAULT_PARSER_CLASSES`` (our ``JSONParser``) while
its views module is being imported, so this module must not import DRF's views.
"""

import json
import re

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

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
