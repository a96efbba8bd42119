"""The world the API tests run in: the demo city's areas and categories, public reports of every
shape (with and without a place, with a photo, with public history, handled, hidden as spam), a plan
taking comments and a service project, a customer-service agent's session, and a budget round in
voting with a signed-in resident's session."""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from city.models import StaffProfile, StaffRole
from geo_feedback.models import Feedback
from geo_feedback.services.feedback import feedback_transition
from planning.models import Phase, ProcessKind
from planning.services.comments import comment_create
from tests.factories.feedback import POINTS, FeedbackFactory, category, image_upload, point
from tests.factories.processes import near_plan, process_make, process_walk


@dataclass(frozen=True)
class ApiWorld:
    public_numbers: tuple[str, ...]
    hidden_number: str
    staff_cookies: dict[str, str]
    plan_ids: tuple[int, ...] = ()
    # A resident signed in (session and CSRF cookies) and a round in voting: the ballot API's world.
    resident_cookies: dict[str, str] = field(default_factory=dict)
    budget_ids: tuple[int, ...] = ()
    ballot_bodies: tuple[dict, ...] = ()
    # Proposals the same resident may send to a round in its proposal phase (the last of budget_ids).
    proposal_bodies: tuple[dict, ...] = ()
    # The demo panels (by slug) and the sample initiatives (by kuntalaisaloite.fi id).
    panel_slugs: tuple[str, ...] = ()
    initiative_ids: tuple[int, ...] = ()


@pytest.fixture
def api_world(city) -> ApiWorld:
    agent = get_user_model().objects.create_user("asiakaspalvelu-api", password="salasana-testi-123")
    StaffProfile.objects.create(user=agent, roles=[StaffRole.CUSTOMER_SERVICE])
    street = FeedbackFactory(reporter_name="Maija Meikäläinen", reporter_email="maija@example.fi",
                             reporter_phone="040 765 4321", address_text="Kalevankatu 1")
    with_photo = FeedbackFactory(category=category("174"), kind="idea", location=point(POINTS["60120"]),
                                 photos=[image_upload("PNG")])
    no_place = FeedbackFactory(category=category("304"), kind="question", location=None,
                               description="Milloin kirjasto on auki juhannuksena?")
    praise = FeedbackFactory(kind="praise", location=point(POINTS["61400"]),
                             description="Kiitos, pyörätie aurattiin aamulla ajoissa.")
    in_progress = FeedbackFactory(location=point(POINTS["60550"]))
    feedback_transition(feedback=in_progress, to_status="in_progress", actor=agent,
                        public_note="Korjaus on tilattu.", internal_note="Urakoitsija tiedotettu.")
    feedback_transition(feedback=praise, to_status="handled", actor=agent, public_note="Kiitos palautteesta!")
    spam = FeedbackFactory(description="Osta halpoja kelloja osoitteesta example.invalid")
    feedback_transition(feedback=spam, to_status="rejected", actor=agent)
    browser = Client()
    browser.force_login(agent)
    public = (street, with_photo, no_place, praise, in_progress)
    assert Feedback.objects.public().filter(number__in=[ticket.number for ticket in public]).count() == len(public)
    # A plan taking comments on its draft (with one comment) and a service project in its pilot.
    plan = process_walk(process_make(name_fi="Rajapinnan asemakaava"), Phase.DRAFT)
    comment_create(process=plan, text="Suojatie tähän.", geometry=near_plan())
    project = process_walk(process_make(kind=ProcessKind.SERVICE_DEVELOPMENT, name_fi="Kouluruoka"), Phase.DRAFT)
    # The demo directory of the areas' channels and meeting places: the area facts' 200 answers carry them.
    from city.community_demo import demo_community_load

    demo_community_load()
    from planning.initiative_demo import demo_initiatives_load
    from planning.models import Initiative, Panel
    from planning.panel_demo import demo_panels_load

    demo_panels_load()
    demo_initiatives_load()
    voting, ballots, voter = _ballot_world()
    proposing, proposals = _proposal_world()
    return ApiWorld(
        public_numbers=tuple(ticket.number for ticket in public),
        hidden_number=spam.number,
        staff_cookies={"sessionid": browser.cookies["sessionid"].value},
        plan_ids=(plan.pk, project.pk),
        resident_cookies=voter,
        budget_ids=(voting.pk, proposing.pk),
        ballot_bodies=ballots,
        proposal_bodies=proposals,
        panel_slugs=tuple(Panel.objects.values_list("slug", flat=True)[:3]),
        initiative_ids=tuple(Initiative.objects.values_list("external_id", flat=True)[:3]),
    )


def _ballot_world():
    """A round in voting with proposals in every budget area and city-wide, and a signed-in resident's
    session and CSRF cookies (the ballot API takes a PUT only with the CSRF token, as the pages do)."""
    from planning.identity import resident_identity_get_or_create
    from planning.models import BudgetPhase
    from tests.factories.budgets import budget_areas, budget_round_make, proposal_row

    voting = budget_round_make(phase=BudgetPhase.VOTING)
    offered = {area.code if area else None: proposal_row(voting, area=area, cost=1000).pk
               for area in [*budget_areas().values(), None]}
    ballots = tuple({"area": code, "choices": [pk, offered[None]]} for code, pk in offered.items() if code)
    resident = resident_identity_get_or_create(identifier="131052-308T", provider="dev",
                                               home_area=budget_areas()["SJK-ITA"])
    browser = Client()
    browser.force_login(resident.user)
    browser.get(f"/asukasbudjetti/{voting.pk}/aanesta/")  # the ballot form sets the CSRF cookie
    return voting, ballots, {"sessionid": browser.cookies["sessionid"].value, "csrftoken": browser.cookies["csrftoken"].value}


def _proposal_world():
    """A round in its proposal phase and valid proposals for it: one at a point, one for a whole area."""
    from planning.models import BudgetPhase
    from tests.factories.budgets import budget_areas, budget_round_make

    proposing = budget_round_make(phase=BudgetPhase.PROPOSALS)
    inside = budget_areas()["SJK-ITA"].boundary.point_on_surface.transform(4326, clone=True)
    return proposing, (
        {"title": "Kiipeilyteline", "description": "Leikkipuistoon.",
         "location": {"type": "Point", "coordinates": [inside.x, inside.y]}},
        {"title": "Penkit", "description": "Kävelyreittien varsille.", "area": "SJK-LANSI"},
    )
