"""Addresses of the residents' pages in a given language, for what is read away from a page: the
emails, the API's follow link, and the reports' addresses that the SQL writes into GeoJSON.

The URLconf's i18n_patterns decide them (Finnish at /, Swedish at /sv/, English at /en/); nothing
here spells a prefix or a path of its own.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def page_path(name: str, language: str, *args) -> str:
    """The path of the page ``name`` (``feedback_pages:follow``, say) in ``language``; a language the
    site does not have gets the default one."""
    with translation.override(language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE):
        return reverse(name, args=args)
