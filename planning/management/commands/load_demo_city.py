"""python manage.py load_demo_city: the demo city's areas and staff logins (safe to re-run)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from planning.demo import demo_city_load

DEMO_LOGINS = [
    # (username, password, superuser): printed by `make run`, documented in the README.
    ("admin", "seinajoki-demo", True),
]


class Command(BaseCommand):
    help = "Load the demo city (Seinäjoki's areas with estimated populations) and demo staff logins."

    def handle(self, *args, **options):
        self.stderr.write("Loading the demo city's areas…")
        counts = demo_city_load()
        self.stdout.write(
            f"Areas: {counts['postal_area']} residential (postal) areas, "
            f"{counts['budget_area']} resident-budget areas, {counts['city']} city"
        )
        User = get_user_model()
        for username, password, superuser in DEMO_LOGINS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"is_staff": True, "is_superuser": superuser}
            )
            if created:
                user.set_password(password)
                user.save(update_fields=["password"])
            self.stdout.write(f"Demo login: {username} / {password}{' (created)' if created else ''}")
