"""Finnish and Swedish are first-class: every string of the platform has a translation.

The .po files under ``locale/`` are the one source of the translations. After adding or changing a
translatable string, update them from the project root with

    python manage.py makemessages --locale=fi --locale=sv --no-obsolete --ignore='.*' --ignore=node_modules \
        --ignore=static --ignore=tests --ignore=fixtures --ignore='*.egg-info' --ignore=build --ignore=test-results

(``MAKEMESSAGES`` below), translate what it adds and drop any ``#, fuzzy`` guess once it is checked.
"""

import ast
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
LANGUAGES = ["fi", "sv"]

# What is not the project's own source: makemessages skips it and the up-to-date check does not copy it.
# ('.*' also covers .venv, .local and .git; makemessages ignores it by default.)
IGNORE = [".*", "node_modules", "static", "tests", "fixtures", "*.egg-info", "build", "test-results"]
MAKEMESSAGES = [
    "makemessages", *(f"--locale={language}" for language in LANGUAGES), "--no-obsolete",
    *(f"--ignore={pattern}" for pattern in IGNORE),
]

# One entry's msgctxt and msgid as msgattrib writes them (each line a C-quoted string).
ENTRY = re.compile(r'^(?:msgctxt ((?:".*"\n)+))?msgid ((?:".*"\n)+)', re.MULTILINE)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language, tmp_path):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "django.mo"), str(po)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "translated messages" in result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.fixture(scope="module")
def regenerated_locale(tmp_path_factory) -> Path:
    """``locale/`` as makemessages leaves it when run over a copy of the source: the real files stay untouched.

    makemessages keeps every translation the catalogue has, so an entry that is untranslated or fuzzy in the
    copy is a string of the source the catalogue lacks (fuzzy: msgmerge's guess from a similar msgid).
    """
    work = tmp_path_factory.mktemp("catalogues")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*IGNORE, "__pycache__", "*.pyc", "*.mo"))
    # The copy's own locale/, whichever config.settings the interpreter imports (the package is installed editable).
    (work / "catalogue_check_settings.py").write_text(
        "from pathlib import Path\n\nfrom config.settings import *  # noqa: F403\n\n"
        f"LOCALE_PATHS = [Path({str(source / 'locale')!r})]\n",
        encoding="utf-8",
    )
    real = {po: po.read_bytes() for po in LOCALE.glob("*/LC_MESSAGES/django.po")}
    result = subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES, "--verbosity=0",
         "--settings=catalogue_check_settings", f"--pythonpath={work}"],
        cwd=source, capture_output=True, text=True, check=False, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert {po: po.read_bytes() for po in real} == real, "makemessages over the copy changed the real catalogues"
    return source / "locale"


def _msgids(po: Path, selection: str) -> list[str]:
    """The msgids (with their msgctxt, if any) of the entries ``msgattrib`` selects, e.g. ``--untranslated``."""
    result = subprocess.run(
        ["msgattrib", selection, "--no-obsolete", "--no-location", str(po)],
        capture_output=True, text=True, check=True,
    )

    def unquote(block: str) -> str:
        return "".join(ast.literal_eval(line) for line in block.splitlines())

    return [unquote(msgid) + (f" (msgctxt {unquote(context)!r})" if context else "")
            for context, msgid in ENTRY.findall(result.stdout) if unquote(msgid)]  # the header's msgid is ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_has_every_string_of_the_source(language, regenerated_locale):
    po = regenerated_locale / language / "LC_MESSAGES" / "django.po"
    missing = _msgids(po, "--untranslated") + _msgids(po, "--only-fuzzy")
    assert not missing, (
        f"locale/{language}/LC_MESSAGES/django.po lacks {len(missing)} string(s) of the source. Run "
        f"`python manage.py {shlex.join(MAKEMESSAGES)}` and translate them:\n" + "\n".join(map(repr, missing))
    )


def _drf_messages() -> set[str]:
    """Every message DRF's fields, serializers, relations and errors can give, in English."""
    from django.utils import translation
    from rest_framework import exceptions, fields, relations, serializers

    found = set()
    with translation.override("en"):
        for module in (fields, serializers, exceptions, relations):
            for name in dir(module):
                value = getattr(module, name)
                for message in (getattr(value, "default_error_messages", None) or {}).values():
                    found.add(str(message))
                detail = getattr(value, "default_detail", None)
                if detail is not None and not isinstance(detail, (dict, list)):
                    found.add(str(detail))
    return found


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_message_the_api_framework_can_give_is_translated(language):
    from django.utils import translation

    messages = _drf_messages()
    assert len(messages) > 50  # the scan itself found DRF's messages
    with translation.override(language):
        untranslated = sorted(message for message in messages if translation.gettext(message) == message)
    assert untranslated == [], "add them to config/drf_messages.py, run make messages and translate them"


@pytest.mark.django_db
def test_a_drf_message_reaches_a_finnish_client_in_finnish(client, city):
    from tests.factories import image_upload

    response = client.post("/api/v1/feedback/?lang=fi", {
        "category": "171", "kind": "fault", "description": "Syvä kuoppa pyörätiellä aseman edessä",
        "lon": 22.8565, "lat": 62.7823, "photos": [image_upload() for _ in range(6)]})
    assert response.status_code == 400
    assert "enintään 5 alkiota" in " ".join(response.json()["photos"])


@pytest.mark.django_db
def test_dates_follow_the_pages_language_with_the_day_first_in_english(client, city):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from geo_feedback.models import Feedback
    from tests.factories.feedback import FeedbackFactory

    ticket = FeedbackFactory()
    Feedback.objects.filter(pk=ticket.pk).update(created_at=datetime(2026, 11, 29, 18, 30, tzinfo=ZoneInfo("Europe/Helsinki")))
    pages = {prefix: client.get(f"{prefix}/palaute/").content.decode() for prefix in ("", "/sv", "/en")}
    assert "29.11.2026" in pages[""]
    assert "2026-11-29" in pages["/sv"]
    assert "29/11/2026" in pages["/en"] and "11/29/2026" not in pages["/en"]
    detail = client.get(f"/en/palaute/{ticket.number}/").content.decode()
    assert "29/11/2026 18:30" in detail and "p.m." not in detail
