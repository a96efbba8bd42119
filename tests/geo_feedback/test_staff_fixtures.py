"""Staff of every role and tickets in two departments, shared by the staff page tests (no tests here).

The fixtures are named with ``name=`` so that importing them does not shadow the test arguments."""

import pytest
from django.contrib.auth import get_user_model

from city.models import Department, StaffProfile, StaffRole
from tests.factories.feedback import POINTS, FeedbackFactory, category, point

PASSWORD = "salasana-testi-123"
REPORTER = {"reporter_name": "Maija Meikäläinen", "reporter_email": "maija@example.fi",
            "reporter_phone": "040 765 4321"}

# username: (role, department code)
ROLES = {
    "asiakaspalvelu": (StaffRole.CUSTOMER_SERVICE, None),
    "kaupunkiymparisto": (StaffRole.HANDLER, "kaupunkiymparisto"),
    "sivistys": (StaffRole.HANDLER, "sivistys"),
    "osallisuus": (StaffRole.PARTICIPATION_AGENT, "kaupunkiymparisto"),
    "paakayttaja": (StaffRole.ADMINISTRATOR, None),
}


@pytest.fixture(name="staff")
def fixture_staff(city):
    """One user per role (by username), and 'asukas': signed in but not staff."""
    users = {}
    for username, (role, department) in ROLES.items():
        user = get_user_model().objects.create_user(username, password=PASSWORD)
        StaffProfile.objects.create(user=user, roles=[role],
                                    department=Department.objects.get(code=department) if department else None)
        users[username] = user
    users["asukas"] = get_user_model().objects.create_user("asukas", password=PASSWORD)
    return users


def client_for(client_class, user):
    client = client_class()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture(name="street_ticket")
def fixture_street_ticket(city):
    """A new street fault at the railway station: the city environment department's (171)."""
    return FeedbackFactory(description="Syvä kuoppa aseman edessä, pyörä kaatui.", **REPORTER)


@pytest.fixture(name="library_ticket")
def fixture_library_ticket(city):
    """A new question about the library: the education and wellbeing department's (304)."""
    return FeedbackFactory(category=category("304"), location=point(POINTS["60120"]),
                           description="Kirjaston aukioloajat ovat liian lyhyet lauantaisin.")
