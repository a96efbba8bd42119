"""Start-up configuration: secrets are required in production and the deploy check is clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    environment = {**os.environ, **env}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True,
        timeout=120,
    )


def test_production_without_secret_key_refuses_to_start_with_a_clear_message():
    result = manage("check", DEBUG="false", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_deploy_check_reports_nothing_serious_in_production():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="false", SECRET_KEY="a-long-random-production-secret-" + "x" * 40, ALLOWED_HOSTS="palaute.example.fi",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_development_defaults_need_no_environment():
    result = manage("check", DEBUG="true", SECRET_KEY="")
    assert result.returncode == 0, result.stderr


def test_production_static_files_collect_with_hashed_names(tmp_path):
    result = manage(
        "collectstatic", "--noinput", DEBUG="false", SECRET_KEY="x" * 50, STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "vendor/leaflet/leaflet.js" in manifest and "js/area-map.js" in manifest


@pytest.mark.django_db
def test_the_database_is_utf8_even_in_a_cluster_made_without_a_locale():
    # A minimal Debian has no locale, and PostgreSQL's initdb then makes SQL_ASCII clusters, where
    # psycopg cannot convert "Seinäjoki"; settings create the test database from template0 in UTF8.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()")
        assert cursor.fetchone()[0] == "UTF8"
        cursor.execute("SELECT %s::text", ["Seinäjoki – Östermyra"])
        assert cursor.fetchone()[0] == "Seinäjoki – Östermyra"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/palaute/", "/palaute/uusi/", "/api/v1/docs/", "/henkilosto/kirjaudu/"])
def test_pages_carry_a_content_security_policy_without_inline_scripts(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == "'none'"
    assert "https://tile.openstreetmap.org" in policy["img-src"]  # the background tiles, and no other site
    if 'nonce="' in response.content.decode():  # an inline script runs only with this response's nonce
        nonce = response.content.decode().split('nonce="', 1)[1].split('"', 1)[0]
        assert f"'nonce-{nonce}'" in policy["script-src"]


@pytest.mark.django_db
def test_a_response_without_a_nonce_gets_the_policy_django_csp_would_build(client, settings):
    from csp.utils import build_policy

    api = client.get("/api/v1/areas/")
    docs = client.get("/api/v1/docs/")  # an inline script with a nonce: built for this response
    assert api["Content-Security-Policy"] == build_policy()
    assert "'nonce-" not in api["Content-Security-Policy"] and "'nonce-" in docs["Content-Security-Policy"]

    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}  # a changed setting is followed
    assert client.get("/api/v1/areas/")["Content-Security-Policy"] == "default-src 'none'"
