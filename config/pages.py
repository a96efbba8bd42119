"""The site's own pages: the home page, the accessibility statement and the privacy notice.

They belong to no one app: the home page leads to every part of the service, and the statement
and the notice cover all of it. The statement and the notice are legal texts, written in full in
each language (``pages/<name>_<language>.html``) rather than stitched together from messages.
"""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import get_language

from planning.budget_selectors import budget_rounds_public
from planning.page_selectors import processes_open_for_comments


def _language() -> str:
    language = (get_language() or "fi")[:2]
    return language if language in dict(settings.LANGUAGES) else "fi"


def home(request):
    """What can I do here? Report (a place search first), see the reports, comment on plans, see the areas."""
    return render(request, "pages/home.html", {"open_processes": processes_open_for_comments()[:10],
                                               "budget_rounds": budget_rounds_public()[:5]})


def accessibility_statement(request):
    """The accessibility statement of Act 306/2019 (saavutettavuusseloste)."""
    return render(request, f"pages/accessibility_{_language()}.html", {
        "feedback_category": settings.ACCESSIBILITY_FEEDBACK_CATEGORY,
        "reviewed": settings.ACCESSIBILITY_REVIEWED,
    })


def privacy_notice(request):
    """The privacy notice (GDPR Art. 13) of the feedback channel: contact details and photos."""
    return render(request, f"pages/privacy_{_language()}.html")
