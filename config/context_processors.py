"""Template context shared by every page."""

from django.conf import settings
from django.urls import translate_url

LANGUAGE_NAMES = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}


def language_links(request):
    """The current page in each language, for the switcher in the header."""
    path = request.get_full_path()
    return {
        "language_links": [
            {"code": code, "name": LANGUAGE_NAMES.get(code, code), "url": translate_url(path, code)}
            for code, _name in settings.LANGUAGES
        ]
    }
