"""Template context shared by every page."""

from django.conf import settings
from django.urls import translate_url

LANGUAGE_NAMES = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}


def language_links(request):
    """The current page in each language, for the switcher in the header."""
    path = request.get_full_path()
    return {
        "language_links": [
            {"code": code, "name": LANGUAGE_NAMES.get(code, code), "url": translate_url(path, code)}
            for code, _name in settings.LANGUAGES
        ]
    }


def staff_areas(request):
    """Which staff sides the signed-in user works on, for the staff pages' navigation: asked only when
    a template reads it (a public page never does), so an anonymous page costs nothing."""
    from city.models import StaffRole
    from city.permissions import has_role
    from planning.permissions import planning_pages_may_open
    from planning.services.ballots import PAPER_BALLOT_ROLES
    from planning.services.panel_messages import panel_pages_may_open
    from planning.services.proposal_review import proposal_may_review

    return {"staff_runs_plans": lambda: planning_pages_may_open(request.user),
            "staff_reviews_budget": lambda: proposal_may_review(request.user),
            "staff_enters_paper_ballots": lambda: has_role(request.user, *PAPER_BALLOT_ROLES),
            "staff_writes_to_panels": lambda: panel_pages_may_open(request.user),
            "staff_keeps_participation": lambda: has_role(request.user, StaffRole.PARTICIPATION_AGENT,
                                                          StaffRole.ADMINISTRATOR),
            "staff_sees_tickets": lambda: has_role(request.user, StaffRole.CUSTOMER_SERVICE, StaffRole.HANDLER,
                                                   StaffRole.PARTICIPATION_AGENT, StaffRole.ADMINISTRATOR)}
