"""Docker in production: every variable the settings read reaches the containers, and behind a
TLS-terminating proxy the site, the sign-in and the health check work (they did not: only 8 of
the variables were passed, plain http redirected the health check to https, and the proxy header
could not be switched on)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.databases import database_url

ROOT = Path(__file__).resolve().parent.parent


def settings_variables() -> set[str]:
    from config import settings

    return set(settings.env.scheme)


def test_every_variable_the_settings_read_is_in_env_example():
    listed = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), flags=re.M))
    assert settings_variables() <= listed, settings_variables() - listed


def test_every_variable_reaches_each_container_from_env():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = [name for name in ("web", "worker", "relay")]
    for name in services:
        service = compose["services"][name]
        assert {"path": ".env", "required": False} in service["env_file"], name
        # Only what must differ inside compose is set there; it must not hide a variable with a blank.
        assert set(service["environment"]) <= {"DATABASE_URL", "REDIS_URL", "STATIC_ROOT", "MEDIA_ROOT"}
        assert all(value for value in service["environment"].values())
    settings_source = (ROOT / "config" / "settings.py").read_text()
    assert "os.environ" not in settings_source  # every variable goes through the one schema checked above


PRODUCTION = {
    "DEBUG": "false", "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
    "ALLOWED_HOSTS": "osallistu.example.fi", "CSRF_TRUSTED_ORIGINS": "https://osallistu.example.fi",
    "SITE_URL": "https://osallistu.example.fi", "SECURE_PROXY_SSL_HEADER_ENABLED": "true", "NUM_PROXIES": "1",
}
PROBE = """
from django.test import Client
from django.contrib.auth import get_user_model
proxy = Client(HTTP_HOST="osallistu.example.fi", HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="192.0.2.7")
plain = Client(HTTP_HOST="osallistu.example.fi")
print("health", plain.get("/healthz").status_code)
print("plain", plain.get("/palaute/").status_code, plain.get("/palaute/").get("Location"))
print("proxied", proxy.get("/palaute/").status_code)
login = proxy.get("/henkilosto/kirjaudu/")
print("login", login.status_code, "Secure" in str(login.cookies.get("csrftoken", "")))
"""


@pytest.mark.django_db
def test_behind_a_tls_proxy_the_site_and_the_health_check_answer(tmp_path):
    environment = {**os.environ, **PRODUCTION, "STATIC_ROOT": str(tmp_path), "DATABASE_URL": database_url()}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    collected = subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput"], cwd=ROOT,
                               env=environment, capture_output=True, text=True, timeout=300)
    assert collected.returncode == 0, collected.stderr[-2000:]  # as the image's build does
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", PROBE], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = dict(line.split(" ", 1) for line in result.stdout.strip().splitlines() if " " in line)
    assert lines["health"] == "200"  # not redirected: the container's health check passes
    assert lines["plain"] == "301 https://osallistu.example.fi/palaute/"  # a plain request goes to https
    assert lines["proxied"] == "200"  # the proxy's https is believed: no redirect loop
    assert lines["login"] == "200 True"  # the sign-in page works, its CSRF cookie only over https
