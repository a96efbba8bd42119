"""Open311 client keys: the management command, the admin, and that only a hash is stored."""

import hashlib
from io import StringIO

import pytest
from django.contrib import messages
from django.core.management import CommandError, call_command

from geo_feedback.models import Feedback, Open311ApiKey
from tests.open311.conftest import BASE, RAILWAY_STATION

VALID = {"service_code": "171", "description": "Syvä kuoppa pyörätiellä aseman edessä",
         "lat": str(RAILWAY_STATION[1]), "long": str(RAILWAY_STATION[0])}


def command(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("open311_key", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_create_prints_a_working_key_and_stores_only_its_hash(client, city):
    out, err = command("create", "Palautesovellus Oy")
    key = out.strip()
    assert len(key) >= 40 and "\n" not in key
    assert "not shown again" in err
    row = Open311ApiKey.objects.get(name="Palautesovellus Oy")
    assert row.key_hash == hashlib.sha256(key.encode()).hexdigest() and row.key_prefix == key[:8]
    assert key not in {str(value) for value in Open311ApiKey.objects.values_list(flat=False).get()}
    response = client.post(f"{BASE}/requests.json", {**VALID, "api_key": key})
    assert response.status_code == 200 and Feedback.objects.count() == 1


def test_two_keys_differ(db):
    first, _ = command("create", "Yksi")
    second, _ = command("create", "Kaksi")
    assert first != second


def test_list_shows_names_prefixes_and_states_but_never_keys(db):
    key = command("create", "Kartta-appi")[0].strip()
    command("create", "Kojelauta")
    command("disable", "Kojelauta")
    out, _ = command("list")
    lines = out.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Kartta-appi") and f"{key[:8]}…" in lines[0] and "active" in lines[0]
    assert "never" in lines[0]
    assert lines[1].startswith("Kojelauta") and "disabled" in lines[1]
    assert key not in out


def test_list_without_keys_says_how_to_make_one(db):
    assert "open311_key create NAME" in command("list")[0]


def test_disable_refuses_the_key_and_enable_accepts_it_again(client, city):
    key = command("create", "Vanha sovellus")[0].strip()
    assert command("disable", "Vanha sovellus")[0].strip() == "Vanha sovellus: disabled"
    assert client.post(f"{BASE}/requests.json", {**VALID, "api_key": key}).status_code == 403
    assert command("enable", "Vanha sovellus")[0].strip() == "Vanha sovellus: enabled"
    assert client.post(f"{BASE}/requests.json", {**VALID, "api_key": key}).status_code == 200


def test_command_errors_are_clear(db):
    command("create", "Sama nimi")
    with pytest.raises(CommandError, match="exists already"):
        command("create", "Sama nimi")
    with pytest.raises(CommandError, match="No key is named 'Ei ole'"):
        command("disable", "Ei ole")
    with pytest.raises(CommandError, match="needs a name"):
        command("create", "   ")
    with pytest.raises(CommandError):
        command("rotate", "Sama nimi")
    assert Open311ApiKey.objects.count() == 1


def test_admin_shows_the_new_key_once_and_it_works(admin_client, client, city):
    response = admin_client.post("/admin/geo_feedback/open311apikey/add/", {"name": "Kaupungin kojelauta",
                                                                           "is_active": "on"}, follow=True)
    assert response.status_code == 200
    row = Open311ApiKey.objects.get(name="Kaupungin kojelauta")
    (message,) = [str(m) for m in response.context["messages"] if m.level == messages.WARNING]
    assert message in response.content.decode()  # on the page, once
    (key,) = [word for word in message.split() if word.startswith(row.key_prefix)]
    assert hashlib.sha256(key.encode()).hexdigest() == row.key_hash
    assert "sitä ei näytetä uudelleen" in message  # the admin speaks Finnish by default
    assert client.post(f"{BASE}/requests.json", {**VALID, "api_key": key}).status_code == 200
    # Neither the list nor the change page can show it again.
    for url in ("/admin/geo_feedback/open311apikey/", f"/admin/geo_feedback/open311apikey/{row.pk}/change/"):
        page = admin_client.get(url)
        assert page.status_code == 200
        assert key not in page.content.decode() and key[:8] in page.content.decode()


def test_admin_edit_keeps_the_key_and_the_action_disables(admin_client, client, city):
    key = command("create", "Muokattava")[0].strip()
    row = Open311ApiKey.objects.get(name="Muokattava")
    admin_client.post(f"/admin/geo_feedback/open311apikey/{row.pk}/change/", {"name": "Muokattu", "is_active": "on"})
    row.refresh_from_db()
    assert row.name == "Muokattu" and row.key_hash == hashlib.sha256(key.encode()).hexdigest()
    admin_client.post("/admin/geo_feedback/open311apikey/", {"action": "disable_keys", "_selected_action": [row.pk]})
    row.refresh_from_db()
    assert not row.is_active
    assert client.post(f"{BASE}/requests.json", {**VALID, "api_key": key}).status_code == 403


def test_admin_refuses_a_taken_name(admin_client, db):
    command("create", "Varattu")
    response = admin_client.post("/admin/geo_feedback/open311apikey/add/", {"name": "Varattu", "is_active": "on"})
    assert response.status_code == 200  # the form again, with the error
    assert Open311ApiKey.objects.count() == 1
