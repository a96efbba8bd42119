"""Every page of the site, in Finnish, Swedish and English, scanned by axe-core (inside frames too):
the residents' pages at 320 px and the staff's at 1280 px, as the pages are built on the design
system. A page added later belongs in these lists."""

import pytest
from django.contrib.gis.geos import Point
from playwright.sync_api import expect

from geo_feedback.models import Category
from geo_feedback.services.feedback import feedback_create
from geo_feedback.services.triage import feedback_route
from tests.browser.test_plan_staff import plan_in_draft_with_two_comments, planner, planner_sign_in  # noqa: F401
from tests.browser.test_staff_pages import sign_in, staff  # noqa: F401 (a fixture)
from tests.factories import FeedbackFactory

LANGUAGES = ["", "/sv", "/en"]


def _report():
    created = feedback_create(
        category=Category.objects.get(service_code="179"), kind="fault", reporter_email="asukas@example.fi",
        description="Katuvalo ei pala Koulukadulla.", location=Point(22.8420, 62.7900, srid=4326),
    )
    return created.feedback


def _plans() -> tuple[str, ...]:
    """The plans' pages: the list, a plan taking comments on the map, one in phase 1 with the
    feedback around it, a follower's confirmation and stop pages."""
    from planning.models import Phase
    from planning.services.comments import comment_create
    from planning.services.following import follower_add
    from tests.factories.processes import near_plan
    from tests.planning.test_pages import in_phase

    draft = in_phase(Phase.DRAFT)
    comment_create(process=draft, text="Kommentti pisteellä.", geometry=near_plan(400, 400))
    needs = in_phase(Phase.NEEDS, name_fi="Tarvekaava")
    token = follower_add(process=draft, email="seuraaja@example.fi", language="fi").token
    return ("/kaavat/", f"/kaavat/{draft.pk}/", f"/kaavat/{needs.pk}/", f"/kaavat/seuraa/{token}/",
            f"/kaavat/lopeta/{token}/", "/kaavat/999999/")


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_public_page_passes_axe_and_reflows_at_320_pixels(browser, live_server, city, axe_check, prefix):
    report = _report()
    plans = _plans()
    context = browser.new_context(viewport={"width": 320, "height": 640}, reduced_motion="reduce")
    context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    try:
        for path in ("/", "/palaute/", "/palaute/uusi/", f"/palaute/{report.number}/",
                     f"/palaute/seuraa/{report.follow_token}/", f"/palaute/lopeta/{report.follow_token}/",
                     "/alueet/", "/saavutettavuus/", "/tietosuoja/", "/palaute/ei-ole/", "/henkilosto/kirjaudu/",
                     *plans):
            response = page.goto(live_server.url + prefix + path)
            assert response.status in (200, 404), (path, response.status)
            expect(page.locator("html")).to_have_attribute("lang", prefix.strip("/") or "fi")
            axe_check(page)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{prefix + path} is {width} px wide at 320 px"
        # The form's error state and the thanks page.
        page.goto(live_server.url + prefix + "/palaute/uusi/")
        page.locator("#send-button").click()
        expect(page.locator("#error-summary")).to_be_focused()
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        # A plan's comment form sent empty.
        page.goto(live_server.url + prefix + plans[1])
        page.locator("#send-comment").click()
        expect(page.locator("#error-summary")).to_be_focused()
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_staff_page_passes_axe_at_1280_pixels(page, live_server, staff, axe_check, prefix):  # noqa: F811
    from city.models import Department

    ticket = FeedbackFactory(description="Katuvalo ei pala.")
    routed = FeedbackFactory(description="Kuoppa tiellä.")
    feedback_route(feedback=routed, department=Department.objects.get(code="kaupunkiymparisto"), actor=None)
    sign_in(page, live_server.url, "asiakaspalvelu")
    for path in ("/henkilosto/kasittely/", "/henkilosto/toimiala/", "/henkilosto/uusi/",
                 f"/henkilosto/palaute/{ticket.number}/", f"/henkilosto/palaute/{routed.number}/",
                 "/henkilosto/yhteenveto/", f"/henkilosto/haku/?q={ticket.number[:8]}"):
        page.goto(live_server.url + prefix + path)
        expect(page.locator("html")).to_have_attribute("lang", prefix.strip("/") or "fi")
        axe_check(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1280, f"{prefix + path} is {width} px wide at 1280 px"
    # Every action of the ticket page open at once, as a handler may leave them.
    page.goto(live_server.url + prefix + f"/henkilosto/palaute/{ticket.number}/")
    page.evaluate("document.querySelectorAll('details.action-section').forEach(d => d.open = true)")
    axe_check(page)


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_planner_page_passes_axe_at_1280_pixels(page, live_server, planner, axe_check, prefix):  # noqa: F811
    """The planner's pages in every language, with their open forms and errors, and the moderation
    queue of a moderator who also plans."""
    from city.models import StaffProfile, StaffRole
    from planning.models import StakeholderMapping
    from planning.services.comments import comment_react

    process, (line, _point) = plan_in_draft_with_two_comments(planner)
    for key in ("a", "b", "c"):
        comment_react(comment=line, kind="flag", reactor_key=key)
    StaffProfile.objects.filter(user=planner).update(roles=[StaffRole.PLANNER, StaffRole.MODERATOR])
    mapping = StakeholderMapping.objects.filter(process=process).first()
    planner_sign_in(page, live_server.url, "kaavoittaja", prefix)
    base = f"{live_server.url}{prefix}/henkilosto/kaavat/"
    for path in ("", f"{process.pk}/", f"{process.pk}/osalliset/", f"{process.pk}/osalliset/{mapping.pk}/",
                 f"{process.pk}/kommentit/", f"{process.pk}/loppuraportti/", "moderointi/"):
        page.goto(base + path)
        expect(page.locator("html")).to_have_attribute("lang", prefix.strip("/") or "fi")
        axe_check(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1280, f"{path} is {width} px wide at 1280 px"
    # Errors shown: the stakeholder form sent empty, the move back opened and sent without a reason,
    # a moderation without a decision.
    page.goto(base + f"{process.pk}/osalliset/")
    page.locator("#stakeholder-add-button").press("Enter")  # by keyboard: no hover left on the page
    expect(page.locator("#stakeholder-add .error-message").first).to_be_visible()
    axe_check(page)
    page.goto(base + f"{process.pk}/")
    page.locator("#phase-back summary").click()
    page.locator("#phase-back-button").press("Enter")
    expect(page.locator("#phase-back .error-message").first).to_be_visible()
    axe_check(page)
    page.goto(base + "moderointi/")
    page.locator(f"#flagged-{line.pk} button[type=submit]").press("Enter")
    expect(page.locator(f"#flagged-{line.pk} .error-message").first).to_be_visible()
    axe_check(page)
    # The report's preview (the plan is in phase 5) in this language.
    page.goto(f"{live_server.url}{prefix}/kaavat/{process.pk}/raportti/")
    expect(page.locator("#report-preview")).to_be_visible()
    expect(page.locator("#report-map")).to_have_attribute("data-features", "1")  # the flagged line is hidden
    axe_check(page)


def _budget_world():
    """Rounds in the proposal, voting and results phases with proposals, a ballot and results, and a
    resident who has voted: (public paths, the resident's user, a proposal, the rounds)."""
    from planning.identity import resident_identity_get_or_create
    from planning.models import BudgetPhase, ProposalStatus
    from planning.services.ballots import ballot_cast
    from planning.services.budget_results import budget_results_compute
    from planning.services.budgets import budget_round_move_phase
    from tests.factories.budgets import budget_admin, budget_areas, budget_round_make, proposal_row
    from tests.factories.processes import process_make

    east = budget_areas()["SJK-ITA"]
    admin = budget_admin()
    proposing = budget_round_make(phase=BudgetPhase.PROPOSALS, actor=admin, name_fi="Asukasbudjetti 2029")
    proposal = proposal_row(proposing, area=east, status=ProposalStatus.SUBMITTED, title="Kiipeilyteline")
    voting = budget_round_make(phase=BudgetPhase.VOTING, actor=admin, name_fi="Asukasbudjetti 2027")
    offered = [proposal_row(voting, area=east, cost=cost, title=title)
               for cost, title in ((10_000, "Penkit"), (20_000, "Koirapuisto"))]
    city_wide = proposal_row(voting, area=None, cost=5_000, title="Kirjastoauto")
    resident = resident_identity_get_or_create(identifier="010594Y9021", provider="test", home_area=east)
    ballot = ballot_cast(budget_round=voting, resident=resident, area=east,
                         proposal_ids=[offered[0].pk, city_wide.pk]).ballot
    results = budget_round_make(phase=BudgetPhase.VOTING, actor=admin, name_fi="Asukasbudjetti 2024")
    winner = proposal_row(results, area=east, cost=10_000, title="Laituri")
    ballot_cast(budget_round=results, resident=resident, area=east, proposal_ids=[winner.pk])
    results = budget_round_move_phase(budget_round=results, to_phase=BudgetPhase.RESULTS, actor=admin)
    budget_results_compute(budget_round=results)
    plan = process_make(name_fi="Kartan kaava")
    paths = ("/asukasbudjetti/", f"/asukasbudjetti/{proposing.pk}/", f"/asukasbudjetti/{voting.pk}/",
             f"/asukasbudjetti/{results.pk}/",
             f"/asukasbudjetti/{proposing.pk}/ehdotukset/", f"/asukasbudjetti/ehdotukset/{proposal.pk}/",
             f"/asukasbudjetti/{results.pk}/tulokset/", "/asukasbudjetti/kuitti/",
             f"/asukasbudjetti/kuitti/?koodi={ballot.receipt_code}", "/asukasbudjetti/kuitti/?koodi=XXXX-XXXX-XXXX",
             "/tunnistaudu/", "/tunnistaudu/kehitys/", "/osallistumiskartta/",
             f"/osallistumiskartta/alue/{east.code}/", "/osallistumiskartta/alue/60100/",
             f"/osallistumiskartta/kaava/{plan.pk}/")
    signed_in = (f"/asukasbudjetti/{proposing.pk}/ehdotukset/uusi/", f"/asukasbudjetti/ehdotukset/{proposal.pk}/",
                 f"/asukasbudjetti/{voting.pk}/aanesta/", f"/asukasbudjetti/{voting.pk}/aanesta/kuitti/")
    return paths, signed_in, resident.user, proposal, (proposing, voting, results)


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_resident_budget_page_passes_axe_and_reflows_at_320_pixels(browser, live_server, city, axe_check,
                                                                         settings, prefix):
    from tests.browser.test_proposals import sign_in as resident_sign_in

    settings.IDENTITY_DEV_PROVIDER = True
    paths, signed_in, resident, _proposal, _rounds = _budget_world()
    context = browser.new_context(viewport={"width": 320, "height": 640}, reduced_motion="reduce")
    context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()

    def scan(path):
        response = page.goto(live_server.url + prefix + path)
        assert response.status == (404 if "XXXX" in path else 200), (path, response.status)  # an unknown code
        expect(page.locator("html")).to_have_attribute("lang", prefix.strip("/") or "fi")
        axe_check(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{prefix + path} is {width} px wide at 320 px"

    try:
        for path in paths:
            scan(path)
        resident_sign_in(page, live_server, resident)
        for path in signed_in:
            scan(path)
        # The proposal form sent empty: its errors.
        page.goto(live_server.url + prefix + signed_in[0])
        page.locator("#send-proposal").click()
        expect(page.locator("#error-summary")).to_be_focused()
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_budget_staff_page_passes_axe_at_1280_pixels(browser, live_server, city, axe_check, prefix):
    from city.models import StaffRole
    from planning.services.budgets import budget_round_move_phase
    from tests.browser.test_proposals import sign_in as staff_sign_in
    from tests.factories.budgets import budget_admin
    from tests.factories.processes import staff as staff_member

    _paths, _signed_in, _resident, proposal, (proposing, voting, _results) = _budget_world()
    budget_round_move_phase(budget_round=proposing, to_phase="review", actor=budget_admin())
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    try:
        staff_sign_in(page, live_server, staff_member("budjetti-ja-palvelu", StaffRole.BUDGET_OFFICIAL,
                                                      StaffRole.CUSTOMER_SERVICE))
        for path in ("/henkilosto/asukasbudjetti/", f"/henkilosto/asukasbudjetti/{proposing.pk}/ehdotukset/",
                     f"/henkilosto/asukasbudjetti/ehdotukset/{proposal.pk}/arvioi/",
                     f"/henkilosto/asukasbudjetti/ehdotukset/{proposal.pk}/yhdista/",
                     "/henkilosto/asukasbudjetti/aanestys/", f"/henkilosto/asukasbudjetti/aanestys/{voting.pk}/",
                     f"/henkilosto/asukasbudjetti/aanestys/{voting.pk}/?alue=SJK-ITA"):
            response = page.goto(live_server.url + prefix + path)
            assert response.status == 200, (path, response.status)
            expect(page.locator("html")).to_have_attribute("lang", prefix.strip("/") or "fi")
            axe_check(page)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 1280, f"{prefix + path} is {width} px wide at 1280 px"
        # The review form sent empty, and a paper ballot without its personal code: their errors.
        page.goto(f"{live_server.url}{prefix}/henkilosto/asukasbudjetti/ehdotukset/{proposal.pk}/arvioi/")
        page.locator("#save-review").click()
        expect(page.locator(".error-message").first).to_be_visible()
        axe_check(page)
        page.goto(f"{live_server.url}{prefix}/henkilosto/asukasbudjetti/aanestys/{voting.pk}/?alue=SJK-ITA")
        page.locator("#paper-ballot-save").click()
        expect(page.locator(".error-message, #error-summary").first).to_be_visible()
        axe_check(page)
    finally:
        context.close()


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_initiative_page_passes_axe_and_reflows_at_320_pixels(browser, live_server, city, axe_check,
                                                                    fixtures_dir, prefix):
    """The initiatives' list (all, by state, a page past the end) and their pages in every state, and the
    state filter and the way to the "how to make one" section by keyboard."""
    from planning.services.initiatives import initiatives_import, initiatives_read

    initiatives_import(rows=initiatives_read(str(fixtures_dir / "kuntalaisaloite_sample.json")), source="sample")
    context = browser.new_context(viewport={"width": 320, "height": 640}, reduced_motion="reduce")
    page = context.new_page()
    try:
        for path in ("/aloitteet/", "/aloitteet/?state=decided", "/aloitteet/?state=open&page=9",
                     "/aloitteet/990001/", "/aloitteet/990002/", "/aloitteet/990003/", "/aloitteet/990004/",
                     "/aloitteet/990007/", "/aloitteet/990008/", "/aloitteet/1/"):
            response = page.goto(live_server.url + prefix + path)
            assert response.status == (404 if path == "/aloitteet/1/" else 200), (path, response.status)
            expect(page.locator("html")).to_have_attribute("lang", prefix.strip("/") or "fi")
            axe_check(page)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{prefix + path} is {width} px wide at 320 px"
        # By keyboard: choose a state, Tab to the button, Enter; then follow the link to "how to".
        page.goto(live_server.url + prefix + "/aloitteet/")
        page.locator("#filter-state").focus()
        page.locator("#filter-state").select_option("decided")
        page.keyboard.press("Tab")
        expect(page.locator("#filter-button")).to_be_focused()
        page.keyboard.press("Enter")
        page.wait_for_url("**state=decided**")
        expect(page.locator("#initiative-list > li")).to_have_count(2)
        page.locator("a[href='#how-to']").focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**#how-to")
        expect(page.locator("#how-to-heading")).to_be_in_viewport()
    finally:
        context.close()


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_area_page_passes_axe_and_reflows_at_320_pixels(browser, live_server, city, axe_check, prefix):
    """The area pages (issue #15) with the demo directory: an area with channels and meeting places on its
    small map, one without any, and the area list's address search answered."""
    from city.community_demo import demo_community_load

    demo_community_load()
    context = browser.new_context(viewport={"width": 320, "height": 640}, reduced_motion="reduce")
    context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    try:
        for path in ("/osallistumiskartta/alue/61400/", "/osallistumiskartta/alue/61440/", "/alueet/?osoite=61400"):
            response = page.goto(live_server.url + prefix + path)
            assert response.status == 200, (path, response.status)
            expect(page.locator("html")).to_have_attribute("lang", prefix.strip("/") or "fi")
            axe_check(page)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{prefix + path} is {width} px wide at 320 px"
    finally:
        context.close()


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_panel_page_passes_axe_and_reflows_at_320_pixels(browser, live_server, city, axe_check, prefix):
    """The panels (issue #15) with the demo's: the list, an open panel, an experience group and a council,
    the "check your email" page, a member's confirm, own-data and stop pages, and the join form's errors
    with every area group open."""
    from planning.models import PanelMember
    from planning.panel_demo import demo_panels_load

    demo_panels_load()
    member = PanelMember.objects.filter(panel__slug="liikennepaneeli", confirmed_at__isnull=False).first()
    waiting = PanelMember.objects.filter(confirmed_at__isnull=True).first()
    context = browser.new_context(viewport={"width": 320, "height": 640}, reduced_motion="reduce")
    page = context.new_page()
    try:
        for path in ("/paneelit/", "/paneelit/liikennepaneeli/", "/paneelit/kirjaston-kokemusasiantuntijat/",
                     "/paneelit/vanhusneuvosto/", "/paneelit/liikennepaneeli/tarkista-sahkoposti/",
                     f"/paneelit/vahvista/{waiting.token}/", f"/paneelit/omat-tiedot/{member.token}/",
                     f"/paneelit/omat-tiedot/{waiting.token}/", f"/paneelit/eroa/{member.token}/",
                     "/paneelit/ei-ole/"):
            response = page.goto(live_server.url + prefix + path)
            assert response.status == (404 if path.endswith("ei-ole/") else 200), (path, response.status)
            expect(page.locator("html")).to_have_attribute("lang", prefix.strip("/") or "fi")
            axe_check(page)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{prefix + path} is {width} px wide at 320 px"
        # The join form sent with a bad address and every area group open.
        page.goto(live_server.url + prefix + "/paneelit/liikennepaneeli/")
        page.evaluate("document.querySelectorAll('details.area-group').forEach(d => d.open = true)")
        page.locator("#id_email").fill("ei-osoite")
        page.locator("#panel-join-submit").click()
        expect(page.locator("#error-summary")).to_be_focused()
        page.evaluate("document.querySelectorAll('details.area-group').forEach(d => d.open = true)")
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_council_member_page_passes_axe_at_1280_pixels(browser, live_server, city, axe_check, prefix):
    """The staff's council member pages (issue #15): the councils, a council's members, the add form's errors."""
    from city.models import StaffRole
    from planning.panel_demo import demo_panels_load
    from tests.browser.test_proposals import sign_in as staff_sign_in
    from tests.factories.processes import staff as staff_member

    demo_panels_load()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    try:
        staff_sign_in(page, live_server, staff_member("osallisuusagentti", StaffRole.PARTICIPATION_AGENT))
        for path in ("/henkilosto/paneelit/jasenet/", "/henkilosto/paneelit/jasenet/vanhusneuvosto/"):
            response = page.goto(live_server.url + prefix + path)
            assert response.status == 200, (path, response.status)
            expect(page.locator("html")).to_have_attribute("lang", prefix.strip("/") or "fi")
            axe_check(page)
            assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        page.locator("#council-member-form button[type=submit]").click()
        expect(page.locator("#council-member-form .error-message").first).to_be_visible()
        axe_check(page)
    finally:
        context.close()


def _participation_reports() -> tuple[str, ...]:
    """The participation report's pages (issue #15): the choice, its errors, a report being computed (its
    script asks the API) and a report ready, with a resident budget voted this year so both maps are drawn."""
    from datetime import date

    from city.models import Area, AreaKind, Department
    from planning.models import Ballot, BudgetAllocation, BudgetRound, ParticipationReport, ReportStatus
    from planning.report_demo import demo_report_load
    from planning.services.participation_reports import participation_report_compute

    demo_report_load()
    year = date.today().year
    budget = BudgetRound.objects.create(year=year + 1, name_fi="Asukasbudjetti (raportti)", total=100_000,
                                        city_wide=0, rounding_step=1000, voting_start=date(year, 1, 10),
                                        voting_end=date(year, 1, 31))
    areas = list(Area.objects.filter(kind=AreaKind.BUDGET_AREA).order_by("code"))
    for area in areas:  # the money first: a ballot locks it
        BudgetAllocation.objects.create(round=budget, area=area, population=area.population or 1000,
                                        computed_amount=25_000)
    for number, area in enumerate(areas):
        Ballot.objects.create(round=budget, voter_key=f"raportti-{number}", area=area, receipt_code=f"RAP{number}")
    ready = ParticipationReport.objects.create(year=year, department=None)
    participation_report_compute(report_id=ready.pk)
    ParticipationReport.objects.create(year=year - 1, department=Department.objects.get(code="kaupunkiymparisto"),
                                       status=ReportStatus.RUNNING, progress=40, step="plans")
    return ("/osallistumisraportti/", "/osallistumisraportti/?year=1999&department=kuu",
            f"/osallistumisraportti/?year={year - 1}&department=kaupunkiymparisto",
            f"/osallistumisraportti/?year={year}&department=")


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_participation_report_page_passes_axe_and_reflows_at_320_pixels(browser, live_server, city,
                                                                               axe_check, prefix):
    _report()  # feedback placed in a residential area: the feedback map has a figure
    paths = _participation_reports()
    context = browser.new_context(viewport={"width": 320, "height": 640}, reduced_motion="reduce")
    context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    try:
        for path in paths:
            response = page.goto(live_server.url + prefix + path)
            assert response.status in (200, 400), (path, response.status)
            expect(page.locator("html")).to_have_attribute("lang", prefix.strip("/") or "fi")
            axe_check(page)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{prefix + path} is {width} px wide at 320 px"
        expect(page.locator("iframe.pr-map-frame")).to_have_count(2)
    finally:
        context.close()


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_report_staff_page_passes_axe_at_1280_pixels(page, live_server, staff, axe_check, prefix):  # noqa: F811
    """The participation agent's events and targets page (issue #15), and its forms' errors."""
    sign_in(page, live_server.url, "osallisuus")
    page.goto(f"{live_server.url}{prefix}/henkilosto/osallistumisraportti/")
    expect(page.locator("html")).to_have_attribute("lang", prefix.strip("/") or "fi")
    axe_check(page)
    page.locator("#target-save").click()  # no target given
    expect(page.locator("#id_target-value-error")).to_be_visible()
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
