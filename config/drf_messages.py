"""Messages of Django REST framework that its own Finnish and Swedish catalogues lack.

Listed here only so that `make messages` carries them into locale/fi and locale/sv, where they are
translated: our catalogues come first (LOCALE_PATHS), so the API answers them in the client's
language. tests/test_translations.py checks every message DRF's fields, serializers and errors can
give, so a DRF upgrade that adds one fails there until it is translated.
"""

from django.utils.translation import gettext_noop

MESSAGES = [
    gettext_noop("A valid biginteger is required."),
    gettext_noop("Datetime value out of range."),
    gettext_noop("Ensure this field has at least {min_length} elements."),
    gettext_noop("Ensure this field has no more than {max_length} elements."),
    gettext_noop('Enter a valid "slug" consisting of Unicode letters, numbers, underscores, or hyphens.'),
    gettext_noop("Integer value too large to convert to float"),
    gettext_noop('Invalid datetime for the timezone "{timezone}".'),
    gettext_noop("Invalid input."),
    gettext_noop("Must be a valid UUID."),
    gettext_noop("Must be a valid boolean."),
    gettext_noop("Not a valid string."),
    gettext_noop("This dictionary may not be empty."),
]
