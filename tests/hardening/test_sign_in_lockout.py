"""Repeated wrong passwords pause signing in (staff pages and the admin had no lockout): five for a
username from one address, for 15 minutes, with a clear message; an administrator lifts it."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

PASSWORD = "oikea-salasana-123"
LOGIN = "/henkilosto/kirjaudu/"


@pytest.fixture
def handler(city):
    from city.models import Department, StaffProfile

    user = get_user_model().objects.create_user("kasittelija", password=PASSWORD)
    StaffProfile.objects.create(user=user, roles=["handler"], department=Department.objects.get(code="sivistys"))
    return user


def sign_in(client, password, path=LOGIN, address="192.0.2.20"):
    return client.post(path, {"username": "kasittelija", "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_pause_signing_in_with_a_clear_message(handler):
    client = Client()
    for _ in range(4):
        assert sign_in(client, "väärä").status_code == 200  # the form again, with its error
    paused = sign_in(client, "väärä")
    assert paused.status_code == 429 and paused["Retry-After"] == "900"
    assert "Kirjautuminen on keskeytetty" in paused.content.decode()
    right = sign_in(client, PASSWORD)  # even the right password waits now
    assert right.status_code == 429 and "_auth_user_id" not in client.session
    english = client.post("/en" + LOGIN, {"username": "kasittelija", "password": PASSWORD}, REMOTE_ADDR="192.0.2.20")
    assert "signing in with this username from here is paused for 15 minutes" in english.content.decode()


def test_the_admin_sign_in_is_paused_too(handler):
    client = Client()
    for _ in range(5):
        sign_in(client, "väärä", path="/admin/login/")
    assert sign_in(client, PASSWORD, path="/admin/login/").status_code == 429


def test_someone_else_elsewhere_cannot_lock_the_staff_member_out(handler):
    attacker = Client()
    for _ in range(6):
        sign_in(attacker, "arvaus", address="203.0.113.66")
    assert sign_in(Client(), PASSWORD, address="192.0.2.20").status_code == 302  # from the office: in


def test_an_administrator_lifts_the_pause(handler):
    client = Client()
    for _ in range(5):
        sign_in(client, "väärä")
    assert sign_in(client, PASSWORD).status_code == 429
    call_command("axes_reset_username", "kasittelija", stdout=io.StringIO())
    assert sign_in(client, PASSWORD).status_code == 302


def test_a_right_password_clears_earlier_mistakes(handler):
    client = Client()
    for _ in range(4):
        sign_in(client, "väärä")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "väärä")
    assert sign_in(client, PASSWORD).status_code == 302  # the count started again
