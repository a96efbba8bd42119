"""Debian's chromium driven by Playwright: no browser download, no network beyond localhost.

Every browser test runs in production's configuration: DEBUG off and the static files collected as
production collects them (hashed names from WhiteNoise's manifest, compressed) and served by
WhiteNoise from STATIC_ROOT, not found on the fly by Django's development handler. A page that asks
for a static file production does not have (Leaflet guessing its pin's address, say) fails here."""

import json
import os
import shutil

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from django.test.testcases import LiveServerThread
from django.test.utils import override_settings
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Debian's chromium is not installed: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # Reduced motion: the page then skips Leaflet's fades, so axe never measures a half-faded popup.
    context = browser.new_context(
        locale="fi-FI", viewport={"width": 1280, "height": 900}, reduced_motion="reduce"
    )
    # Background tiles come from the internet, which tests never reach: refuse them at once.
    context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # A script, style or image the Content Security Policy refuses is reported on the console (of
    # the page or any of its frames): every such refusal fails the test.
    page.on("console", lambda message: errors.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield page
    context.close()
    assert errors == [], f"JavaScript errors or CSP refusals on the page: {errors}"


PRODUCTION_STATIC_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture(scope="session")
def production_static(tmp_path_factory, django_db_setup):
    """collectstatic once, as the Docker image runs it; the settings that serve what it wrote."""
    production = {
        "DEBUG": False,
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        "STORAGES": {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STATIC_STORAGE}},
    }
    with override_settings(**production):
        call_command("collectstatic", interactive=False, verbosity=0)
    return production


@pytest.fixture(autouse=True)
def production_configuration(production_static):
    """Pages render their static addresses from the manifest, as in production."""
    with override_settings(**production_static):
        yield


class ProductionLiveServer(LiveServer):
    """pytest-django's live server without Django's static files handler: WhiteNoise (a middleware
    of ours) serves the collected files, and a file missing from the manifest is a 404 or a 500."""

    def __init__(self, addr: str) -> None:
        super().__init__(addr, start=False)
        development = self.thread
        self.thread = LiveServerThread(development.host, static_handler=lambda handler: handler,
                                       connections_override=development.connections_override,
                                       port=development.port)
        self.thread.daemon = True
        self.start()


@pytest.fixture(scope="session")
def live_server(request, production_static):
    address = (request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
               or "localhost")
    # WhiteNoise indexes STATIC_ROOT when the server's thread builds its middleware, at start.
    with override_settings(**production_static):
        server = ProductionLiveServer(address)
    yield server
    server.stop()


@pytest.fixture
def axe_check():
    """Run axe-core on the page and fail on any WCAG 2.1 A or AA violation."""
    axe = Axe()

    def check(page):
        # Contrast is judged on the page as styled: every stylesheet must have arrived (a sheet lost
        # on a loaded test machine once read as white text turned ink on a blue button).
        page.wait_for_load_state("load")
        page.wait_for_function("() => [...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet)",
                               timeout=10_000)
        results = axe.run(page, options=WCAG_21_AA)
        assert results.violations_count == 0, results.generate_report()
        # axe-core checks a frame only where it runs inside it: the summary's map is a frame of its own.
        for frame in page.main_frame.child_frames:
            frame.evaluate(axe.axe_script)
            inside = AxeResults(frame.evaluate(f"axe.run(document, {json.dumps(WCAG_21_AA)})"))
            assert inside.violations_count == 0, f"in the frame {frame.name or frame.url}: " + inside.generate_report()

    return check


@pytest.fixture
def city(transactional_db, fixtures_dir):
    """The demo city with its categories and the places of the address search, committed, so that
    the live server's thread sees them (a transactional test's flush empties the seeded categories)."""
    import io

    from django.core.management import call_command

    from city.demo import demo_city_load
    from geo_feedback.seed import categories_seed

    demo_city_load()
    categories_seed()
    call_command("import_places", str(fixtures_dir / "seinajoki_places_wgs84.csv"), stdout=io.StringIO())
