"""The API documentation page (/api/v1/docs/): renders offline, passes axe, works by keyboard."""

from playwright.sync_api import expect


def test_the_api_docs_render_from_our_own_files_and_pass_axe(page, live_server, axe_check):
    outside = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith(live_server.url) and not request.url.startswith("data:") else None)
    page.goto(live_server.url + "/api/v1/docs/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Osallistu Seinäjoella API")
    for tag in ("areas", "feedback", "places", "plans", "staff"):
        expect(page.locator(f"#operations-tag-{tag}")).to_be_visible()
    # Every operation of the schema is shown (the schema's own count, not a number to keep in step).
    schema = page.request.get(live_server.url + "/api/v1/schema/?format=json").json()
    operations = sum(1 for path in schema["paths"].values() for method in path if method in {"get", "post", "put", "patch", "delete"})
    assert operations >= 15
    expect(page.locator(".opblock")).to_have_count(operations)
    assert outside == [], f"the page loaded files from outside: {outside}"
    axe_check(page)


def test_an_operation_opens_by_keyboard(page, live_server, axe_check):
    page.goto(live_server.url + "/api/v1/docs/")
    operation = page.locator("#operations-areas-areas_list")
    expect(operation).to_be_visible()
    # From the skip link, Tab reaches the operation's button; Enter opens it.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to the API operations")).to_be_focused()
    opener = operation.locator("button.opblock-summary-control")
    for _ in range(60):
        if opener.evaluate("element => element === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(opener).to_be_focused()
    page.keyboard.press("Enter")
    expect(operation.locator(".opblock-body")).to_be_visible()
    expect(operation.locator(".parameters")).to_contain_text("contains")
    axe_check(page)
