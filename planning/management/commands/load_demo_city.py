"""python manage.py load_demo_city: the demo city's areas, staff logins, places, feedback and plans
(safe to re-run).

Composes each app's own loader, from the ground up: the city core (areas, staff, places), then
the feedback channel, then the participation processes. It lives in ``planning`` because planning
is the one app that may import both.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from city.community_demo import demo_community_load
from city.demo import DEMO_LOGINS, PLACES, demo_city_load, demo_staff_load
from city.models import StaffRole
from geo_feedback.demo import demo_feedback_load
from planning.budget_demo import demo_budget_load
from planning.demo import demo_plans_load
from planning.initiative_demo import demo_initiatives_load
from planning.panel_demo import demo_panels_load
from planning.panel_message_demo import demo_panel_messages_load
from planning.report_demo import demo_report_load

__all__ = ["DEMO_LOGINS", "Command"]


class Command(BaseCommand):
    help = (
        "Load the demo city (Seinäjoki's areas with estimated populations), demo staff logins, the places of "
        "the address search, a year of demo feedback (only into a city that has no feedback yet) and demo "
        "zoning plans in every phase with a service development project (those not there yet)."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_DATA:
            self.stdout.write("The demo is off (DEMO_DATA is false, as it is by default with DEBUG=false): "
                              "nothing loaded.")
            return
        self.stderr.write("Loading the demo city's areas…")
        counts = demo_city_load()
        self.stdout.write(
            f"Areas: {counts['postal_area']} residential (postal) areas, "
            f"{counts['budget_area']} resident-budget areas, {counts['city']} city"
        )
        if settings.DEBUG:
            for login in demo_staff_load():
                roles = ", ".join(str(StaffRole(role).label) for role in login.roles)
                self.stdout.write(f"Demo login: {login.username} / {login.password} ({roles})"
                                  f"{' (created)' if login.created else ''}")
        else:  # their password is in the README: never on a site that is not a developer's
            self.stdout.write("DEBUG is off: no demo logins are created (their password is published).")
        self.stderr.write("Loading the places for the address search…")
        call_command("import_places", str(PLACES), stdout=self.stdout)
        self.stderr.write("Loading the demo feedback…")
        administrator = get_user_model().objects.filter(username=DEMO_LOGINS[0][0]).first()
        made = demo_feedback_load(actor=administrator)
        if made:
            self.stdout.write(f"Feedback: {made} demo reports over the last twelve months")
        else:
            self.stdout.write("Feedback: the city has reports already; no demo reports added")
        self.stderr.write("Loading the demo plans…")
        plans = demo_plans_load()
        if plans is None:
            self.stdout.write("Plans: no demo plans without the demo planner (kaavoittaja), made only with DEBUG on")
        elif plans:
            zoning = sum(1 for process in plans if process.is_plan)
            self.stdout.write(f"Plans: {zoning} demo zoning plans (phases 1–6) and {len(plans) - zoning} "
                              "service development project with comments, stakeholders and history")
        else:
            self.stdout.write("Plans: the demo plans are there already; none added")
        self.stderr.write("Loading the demo resident budget…")
        rounds = demo_budget_load(actor=administrator)
        if rounds is None:
            self.stdout.write("Resident budget: the demo rounds are there already (or no administrator or budget "
                              "areas to make them with); none added")
        else:
            for budget in rounds:
                self.stdout.write(f"Resident budget: {budget.name_fi}, {budget.total:,} € in its {budget.phase} phase, "
                                  f"{budget.proposals.count()} proposals, {budget.ballots.count()} ballots")
        # Issue #15: each part makes what is missing and says what it made.
        for label, load in (("area channels and meeting places", demo_community_load), ("panels", demo_panels_load),
                            ("panel messages", demo_panel_messages_load), ("initiatives", demo_initiatives_load),
                            ("participation report", demo_report_load)):
            self.stderr.write(f"Loading the demo {label}…")
            for line in load(actor=administrator):
                self.stdout.write(line)
