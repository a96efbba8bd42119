"""The resident pages as production serves them: gunicorn, DEBUG=false, and static files collected
with hashed names (WhiteNoise's manifest), as the Docker image runs. A defect only production has
fails here: Leaflet guessed its pin's address from its stylesheet and asked for
/palaute/uusi/marker-icon.png, a broken image in every resident's report form."""

import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point
from playwright.sync_api import expect

from city.demo import demo_city_load
from geo_feedback.models import Category
from geo_feedback.seed import categories_seed
from geo_feedback.services.feedback import feedback_create
from tests.browser.test_feedback_report import click_map_at
from tests.databases import database_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def production(transactional_db, tmp_path):
    """gunicorn with the production settings on the test database; yields its base URL."""
    demo_city_load()
    categories_seed()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment.update({
        "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false", "SECURE_HSTS_SECONDS": "0", "DEMO_DATA": "false",
        "DATABASE_URL": database_url(), "REDIS_URL": settings.REDIS_URL, "MEDIA_ROOT": settings.MEDIA_ROOT,
        "STATIC_ROOT": str(tmp_path / "static"), "LOG_LEVEL": "WARNING",
    })
    collected = subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT,
                               env=environment, capture_output=True, text=True, timeout=300)
    assert collected.returncode == 0, collected.stderr[-2000:]
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--log-level", "warning"], cwd=ROOT, env=environment)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urlopen(url + "/healthz", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        server.wait(30)


def _watch_for_broken_files(page, base: str) -> list[str]:
    """Every request of our own site that fails or answers 4xx/5xx, as it happens."""
    broken = []
    page.on("response", lambda response: broken.append(f"{response.status} {response.url}")
            if response.url.startswith(base) and response.status >= 400 else None)
    page.on("requestfailed", lambda request: broken.append(f"failed {request.url}")
            if request.url.startswith(base) else None)
    return broken


def _image_loaded(locator) -> int:
    return locator.evaluate("image => image.complete ? image.naturalWidth : 0")


def test_in_production_the_resident_pages_load_every_file_and_show_the_pin(page, production, axe_check):
    category = Category.objects.get(service_code="179")
    report = feedback_create(category=category, kind="fault", description="Katuvalo ei pala aseman edessä.",
                             location=Point(22.8565, 62.7823, srid=4326)).feedback
    broken = _watch_for_broken_files(page, production)

    page.goto(production + "/palaute/uusi/")
    expect(page.locator("#report-map")).to_have_attribute("data-ready", "true")
    click_map_at(page, "#report-map", 22.8565, 62.7823)
    pin = page.locator("#report-map img.leaflet-marker-icon")
    expect(pin).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert _image_loaded(pin) > 0, pin.get_attribute("src")
    assert "/static/vendor/leaflet/images/marker-icon." in pin.get_attribute("src")  # the hashed name
    axe_check(page)

    page.goto(production + f"/palaute/{report.number}/")
    detail_pin = page.locator(".leaflet-marker-icon").first
    expect(detail_pin).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert _image_loaded(detail_pin) > 0
    axe_check(page)

    for path in ("/", "/palaute/", "/sv/palaute/", "/en/palaute/uusi/"):
        page.goto(production + path)
        page.wait_for_load_state("networkidle")
        axe_check(page)

    assert broken == [], broken
