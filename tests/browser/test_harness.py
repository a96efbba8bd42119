"""The accessibility check itself must be able to fail, or every green scan means nothing."""

import pytest


def test_axe_check_fails_on_an_unlabelled_control(page, axe_check):
    page.set_content('<html lang="fi"><head><title>t</title></head><body><main><input type="text"></main></body></html>')
    with pytest.raises(AssertionError, match="label"):
        axe_check(page)


def test_the_browser_tests_run_on_productions_static_files(page, live_server, transactional_db):
    """Hashed names from the manifest, served by WhiteNoise as immutable: what production serves,
    not Django's development handler (which knows no hashed name and sends no such header)."""
    import re

    page.goto(live_server.url + "/")
    sheets = page.eval_on_selector_all("link[rel=stylesheet]", "links => links.map(link => link.href)")
    assert any(re.search(r"/static/css/site\.[0-9a-f]{12}\.css$", href) for href in sheets), sheets
    assert any(re.search(r"/static/vendor/hds-core/components\.min\.[0-9a-f]{12}\.css$", href) for href in sheets), sheets
    for href in sheets:
        response = page.request.get(href)
        assert response.status == 200, href
        assert "immutable" in response.headers["cache-control"], (href, response.headers)
    # Every file the page asked for came: no 404 for a name production does not have.
    missing = page.evaluate("performance.getEntriesByType('resource').filter(e => e.responseStatus >= 400).map(e => e.name)")
    assert missing == []
