"""Messages of Django's admin that Django's own Finnish catalogue lacks (its Swedish one has them all).

Listed here only so that `make messages` carries them into locale/fi and locale/sv, where they are
translated: our catalogues come first (LOCALE_PATHS), so the Finnish admin has no English in it, not
even in the headings only a screen reader reads (the app list's "Model name"). The Swedish texts are
Django's own. tests/test_admin_labels.py reads every admin page of ours in Finnish and Swedish.
"""

from django.utils.translation import gettext_noop

MESSAGES = [
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Error:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("In case you’ve forgotten, you are:"),
]
