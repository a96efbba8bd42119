"""python manage.py load_demo_city: the demo city's areas, staff logins and feedback (safe to re-run)."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from geo_feedback.demo import demo_feedback_load
from geo_feedback.models import Department, StaffProfile, StaffRole
from planning.demo import FIXTURES, demo_city_load

DEMO_LOGINS = [
    # (username, password, role, department code): printed by `make run`, documented in the README.
    ("admin", "seinajoki-demo", "administrator", None),
    ("asiakaspalvelu", "seinajoki-demo", "customer_service", None),
    ("kaupunkiymparisto", "seinajoki-demo", "handler", "kaupunkiymparisto"),
    ("sivistys", "seinajoki-demo", "handler", "sivistys"),
    ("osallisuusagentti", "seinajoki-demo", "participation_agent", "kaupunkiymparisto"),
]


class Command(BaseCommand):
    help = (
        "Load the demo city (Seinäjoki's areas with estimated populations), demo staff logins and a year "
        "of demo feedback (only into a city that has no feedback yet)."
    )

    def handle(self, *args, **options):
        self.stderr.write("Loading the demo city's areas…")
        counts = demo_city_load()
        self.stdout.write(
            f"Areas: {counts['postal_area']} residential (postal) areas, "
            f"{counts['budget_area']} resident-budget areas, {counts['city']} city"
        )
        User = get_user_model()
        for username, password, role, department in DEMO_LOGINS:
            administrator = role == StaffRole.ADMINISTRATOR
            user, created = User.objects.get_or_create(
                username=username, defaults={"is_staff": administrator, "is_superuser": administrator}
            )
            if created:
                user.set_password(password)
                user.save(update_fields=["password"])
            StaffProfile.objects.update_or_create(
                user=user,
                defaults={"role": role,
                          "department": Department.objects.get(code=department) if department else None},
            )
            self.stdout.write(f"Demo login: {username} / {password} ({StaffRole(role).label})"
                              f"{' (created)' if created else ''}")
        self.stderr.write("Loading the places for the address search…")
        call_command("import_places", str(FIXTURES / "seinajoki_places_wgs84.csv"), stdout=self.stdout)
        self.stderr.write("Loading the demo feedback…")
        made = demo_feedback_load(actor=User.objects.filter(username=DEMO_LOGINS[0][0]).first())
        if made:
            self.stdout.write(f"Feedback: {made} demo reports over the last twelve months")
        else:
            self.stdout.write("Feedback: the city has reports already; no demo reports added")
