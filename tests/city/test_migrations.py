"""Moving the ground to ``city`` keeps every row: a database filled at the previous schema (the demo
city plus generated feedback) is migrated to the new one and every row is found again, under the same
id, in the renamed tables, with the foreign keys and constraints still working; and the move reverses.

The data is written with the historical models of the previous schema, so the test does not depend
on today's models or services. Ids are compared, not only counts: a migration that dropped and
recreated a table, or copied rows into a new one, would lose them, their gaps or their sequence.
"""

import csv
import hashlib
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.gis.gdal import DataSource
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Point, Polygon
from django.db import IntegrityError, connection, transaction

from geo_feedback.seed import CATEGORIES
from tests.conftest import FIXTURES

PREVIOUS_SCHEMA = [("planning", "0001_initial"), ("geo_feedback", "0004_open311")]
CITY_SCHEMA = [
    ("city", "0002_generic_outbox_and_staff_roles"),
    ("planning", "0002_areas_move_to_city"),
    ("geo_feedback", "0005_ground_moves_to_city"),
]
# Going back runs the migrations backwards (migrator.apply_initial_migration would instead drop every
# table and migrate an empty database). All of city must be named: for a target that is applied,
# Django unapplies only that app's own later migrations, and city 0001 (the renames) is neither's.
BACK_TO_PREVIOUS_SCHEMA = [("city", None), *PREVIOUS_SCHEMA]

MOVED_TABLES = {
    "planning_area": "city_area",
    "planning_areaimport": "city_areaimport",
    "geo_feedback_department": "city_department",
    "geo_feedback_place": "city_place",
    "geo_feedback_staffprofile": "city_staffprofile",
    "geo_feedback_notification": "city_notification",
}

# Each table checked, as (app, model) before and after the move, and the columns compared.
# Notifications and staff profiles change columns; they are compared separately.
TABLES = {
    "areas": (("planning", "Area"), ("city", "Area"), [
        "id", "code", "name_fi", "name_sv", "kind", "parent_id", "population", "population_year",
        "population_source", "boundary", "created_at",
    ]),
    "area_imports": (("planning", "AreaImport"), ("city", "AreaImport"), [
        "id", "source", "kind", "source_crs", "created", "updated", "repaired", "rejected", "imported_by",
        "imported_at",
    ]),
    "departments": (("geo_feedback", "Department"), ("city", "Department"), [
        "id", "code", "name_fi", "name_sv", "name_en", "is_external", "email",
    ]),
    "places": (("geo_feedback", "Place"), ("city", "Place"), [
        "id", "kind", "name", "street_address", "postcode", "location", "accuracy_m", "source",
    ]),
    "categories": (("geo_feedback", "Category"), ("geo_feedback", "Category"), [
        "id", "service_code", "department_id", "department__code",
    ]),
    "feedback": (("geo_feedback", "Feedback"), ("geo_feedback", "Feedback"), [
        "id", "number", "kind", "status", "area_id", "department_id", "category_id", "location", "language",
        "reporter_email", "assigned_to_id", "merged_into_id", "follow_token", "version", "description",
    ]),
    # Through the ORM's joins: the foreign keys lead to the same area and department codes.
    "feedback_joined": (("geo_feedback", "Feedback"), ("geo_feedback", "Feedback"), [
        "id", "area__code", "area__parent__code", "department__code", "category__department__code",
    ]),
    "events": (("geo_feedback", "FeedbackEvent"), ("geo_feedback", "FeedbackEvent"), [
        "id", "feedback_id", "action", "from_status", "to_status", "actor_id", "public_note", "version",
    ]),
    "followers": (("geo_feedback", "FeedbackFollower"), ("geo_feedback", "FeedbackFollower"), [
        "id", "feedback_id", "email", "token",
    ]),
    "photos": (("geo_feedback", "FeedbackPhoto"), ("geo_feedback", "FeedbackPhoto"), [
        "id", "feedback_id", "image", "width", "height", "position", "is_public",
    ]),
    "idempotency_keys": (("geo_feedback", "IdempotencyKey"), ("geo_feedback", "IdempotencyKey"), [
        "id", "key", "feedback_id",
    ]),
    "reply_templates": (("geo_feedback", "ReplyTemplate"), ("geo_feedback", "ReplyTemplate"), [
        "id", "status", "language", "title",
    ]),
    "open311_keys": (("geo_feedback", "Open311ApiKey"), ("geo_feedback", "Open311ApiKey"), [
        "id", "name", "key_prefix", "key_hash",
    ]),
    "number_counters": (("geo_feedback", "FeedbackNumberCounter"), ("geo_feedback", "FeedbackNumberCounter"), [
        "year", "last",
    ]),
    "users": (("auth", "User"), ("auth", "User"), ["id", "username", "is_staff"]),
}
NOTIFICATION_COLUMNS = [
    "id", "kind", "recipient", "subject", "body", "created_at", "enqueued_at", "sent_at", "attempts", "last_error",
]
STAFF_COLUMNS = ["id", "user_id", "department_id"]

# The demo city, as city/demo.py loads it.
POPULATION_YEAR = 2020
CITY = ("SJK", "Seinäjoki", "Seinäjoki")
BUDGET_AREAS = {
    "SJK-POHJOINEN": ("Pohjoinen alue", "Norra området"),
    "SJK-ITA": ("Itäinen alue", "Östra området"),
    "SJK-LANSI": ("Läntinen alue", "Västra området"),
    "SJK-ETELA": ("Eteläinen alue", "Södra området"),
}
# (username, old role, department code): one profile for each role of the previous schema.
STAFF = [
    ("admin", "administrator", None),
    ("asiakaspalvelu", "customer_service", None),
    ("kaupunkiymparisto", "handler", "kaupunkiymparisto"),
    ("sivistys", "handler", "sivistys"),
    ("osallisuusagentti", "participation_agent", "kaupunkiymparisto"),
]
EPOCH = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


# --- the previous schema's data ---------------------------------------------------------------


def _multipolygon(geometry: GEOSGeometry) -> MultiPolygon:
    if isinstance(geometry, Polygon):
        geometry = MultiPolygon(geometry)
    geometry.srid = 3067
    return geometry


def _union(boundaries) -> MultiPolygon:
    return _multipolygon(MultiPolygon([polygon for boundary in boundaries for polygon in boundary]).unary_union)


def _fill_demo_city(apps) -> dict:
    """The 26 postal areas under four budget areas and the city, with one import row; returns areas by code."""
    Area = apps.get_model("planning", "Area")
    AreaImport = apps.get_model("planning", "AreaImport")
    with (FIXTURES / "seinajoki_demo_areas.csv").open(encoding="utf-8") as handle:
        grouping = {row["postal_code"]: row for row in csv.DictReader(handle)}
    layer = DataSource(str(FIXTURES / "seinajoki_postal_areas_2019_epsg3067.geojson"))[0]
    assert layer.srs.srid == 3067
    postal = Area.objects.bulk_create(
        Area(
            code=feature.get("postinumeroalue"),
            name_fi=feature.get("nimi"),
            name_sv=feature.get("nimi_sv") or "",
            kind="postal_area",
            boundary=_multipolygon(feature.geom.geos),
            population=int(grouping[feature.get("postinumeroalue")]["population_estimate"]),
            population_year=POPULATION_YEAR,
            population_source="estimate",
        )
        for feature in layer
    )
    assert len(postal) == 26
    budget = []
    for code, (name_fi, name_sv) in BUDGET_AREAS.items():
        members = [area for area in postal if grouping[area.code]["budget_area"] == code]
        budget.append(Area.objects.create(
            code=code, name_fi=name_fi, name_sv=name_sv, kind="budget_area",
            boundary=_union(area.boundary for area in members),
            population=sum(area.population for area in members), population_year=POPULATION_YEAR,
            population_source="estimate",
        ))
        Area.objects.filter(pk__in=[area.pk for area in members]).update(parent=budget[-1])
    code, name_fi, name_sv = CITY
    city = Area.objects.create(
        code=code, name_fi=name_fi, name_sv=name_sv, kind="city", boundary=_union(area.boundary for area in budget),
        population=sum(area.population for area in budget), population_year=POPULATION_YEAR,
        population_source="estimate",
    )
    Area.objects.filter(kind="budget_area").update(parent=city)
    # An area without a population: the constraint's other branch (all three empty).
    Area.objects.create(code="TESTI", name_fi="Testialue", kind="district", boundary=postal[0].boundary, parent=city)
    AreaImport.objects.create(
        source="seinajoki_postal_areas_2019_epsg3067.geojson (seinajoki_postal_areas_2019_epsg3067)",
        kind="postal_area", source_crs="EPSG:3067", created=26, repaired=1,
        rejected=[{"row": 27, "code": "", "reason": "no code"}], imported_by="demo city",
    )
    return {area.code: area for area in Area.objects.all()}


def _fill_places(apps, count: int) -> None:
    Place = apps.get_model("geo_feedback", "Place")
    with (FIXTURES / "seinajoki_places_wgs84.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:count]
    places = []
    for row in rows:
        location = Point(float(row["lon"]), float(row["lat"]), srid=4326)
        location.transform(3067)
        places.append(Place(
            kind=row["kind"], name=row["name"], street_address=row["street_address"], postcode=row["postcode"],
            location=location, accuracy_m=int(row["accuracy"]) if row["accuracy"] else None,
            source=row["licence"],
        ))
    Place.objects.bulk_create(places)


def _fill_staff(apps, departments: dict) -> dict:
    """A user and profile for each old role; returns the users by role."""
    User = apps.get_model("auth", "User")
    StaffProfile = apps.get_model("geo_feedback", "StaffProfile")
    User.objects.create(username="asukas", password="!")  # a resident's account: no profile
    users = {}
    for username, role, department in STAFF:
        user = User.objects.create(username=username, password="!", is_staff=role == "administrator")
        StaffProfile.objects.create(user=user, role=role, department=departments[department] if department else None)
        users.setdefault(role, user)
    return users


def _point_in(area, rng: random.Random) -> Point:
    x0, y0, x1, y1 = area.boundary.extent
    for _ in range(50):
        point = Point(rng.uniform(x0, x1), rng.uniform(y0, y1), srid=3067)
        if area.boundary.contains(point):
            return point
    return area.boundary.point_on_surface


def _fill_feedback(apps, areas: dict, users: dict, count: int, rng: random.Random) -> None:
    """``count`` tickets over the postal areas with their history, followers, photos and outbox."""
    Category = apps.get_model("geo_feedback", "Category")
    Feedback = apps.get_model("geo_feedback", "Feedback")
    statuses = [value for value, _label in Feedback._meta.get_field("status").choices if value != "duplicate"]
    categories = list(Category.objects.order_by("service_code"))
    postal = [area for code, area in sorted(areas.items()) if area.kind == "postal_area"]
    tickets = []
    for number in range(1, count + 1):
        category = rng.choice(categories)
        area = rng.choice(postal) if category.location_required or rng.random() < 0.5 else None
        words = rng.randint(2, 60)
        tickets.append(Feedback(
            number=f"SJK-2026-{number:06d}",
            kind=rng.choice(["fault", "idea", "question", "praise"]),
            description=f"{category.name_fi}: " + " ".join(rng.choice(["kuoppa", "valo", "roska", "penkki"])
                                                            for _ in range(words)),
            category=category, department_id=category.department_id,
            area=area, location=_point_in(area, rng) if area else None,
            status=rng.choice(statuses), channel="web", language=rng.choice(["fi", "sv", "en"]),
            reporter_email=f"asukas{number}@example.fi" if number % 3 == 0 else "",
            assigned_to=users["handler"] if number % 7 == 0 else None,
            follow_token=f"follow-{number:06d}",
        ))
    # The longest description the old constraint allows.
    tickets[0].description = "x" * 5000
    tickets = Feedback.objects.bulk_create(tickets)
    # Tickets closed as duplicates of an earlier one: the table's own foreign key.
    duplicates = tickets[10::25]
    for ticket in duplicates:
        ticket.status, ticket.merged_into = "duplicate", tickets[0]
    Feedback.objects.bulk_update(duplicates, ["status", "merged_into"])
    # Withdrawn spam leaves gaps in the ids, which a renumbering copy would close.
    Feedback.objects.filter(pk__in=[ticket.pk for ticket in tickets[5::40]]).delete()
    tickets = list(Feedback.objects.order_by("id"))

    _fill_ticket_history(apps, tickets, users, rng)
    _fill_outbox(apps, tickets, rng)

    Open311ApiKey = apps.get_model("geo_feedback", "Open311ApiKey")
    Open311ApiKey.objects.create(
        name="Palvelukartta", key_prefix="sjkdemo1", key_hash=hashlib.sha256(b"sjkdemo1-key").hexdigest(),
    )
    apps.get_model("geo_feedback", "FeedbackNumberCounter").objects.create(year=2026, last=count)


def _fill_ticket_history(apps, tickets: list, users: dict, rng: random.Random) -> None:
    FeedbackEvent = apps.get_model("geo_feedback", "FeedbackEvent")
    FeedbackFollower = apps.get_model("geo_feedback", "FeedbackFollower")
    FeedbackPhoto = apps.get_model("geo_feedback", "FeedbackPhoto")
    IdempotencyKey = apps.get_model("geo_feedback", "IdempotencyKey")
    Feedback = apps.get_model("geo_feedback", "Feedback")
    events, followers, changed = [], [], []
    for ticket in tickets:
        events.append(FeedbackEvent(feedback=ticket, action="created", to_status="received", version=1))
        if ticket.status != "received":
            ticket.version = 2
            changed.append(ticket)
            events.append(FeedbackEvent(
                feedback=ticket, action="status", from_status="received", to_status=ticket.status, version=2,
                actor=rng.choice(list(users.values())), public_note="Käsitelty." if rng.random() < 0.5 else "",
            ))
        if ticket.reporter_email:
            followers.append(FeedbackFollower(feedback=ticket, email=ticket.reporter_email,
                                              token=f"reporter-{ticket.number}"))
        if rng.random() < 0.2:  # a neighbour's "me too", without an address
            followers.append(FeedbackFollower(feedback=ticket, token=f"support-{ticket.number}"))
    FeedbackEvent.objects.bulk_create(events)
    FeedbackFollower.objects.bulk_create(followers)
    Feedback.objects.bulk_update(changed, ["version"])
    FeedbackPhoto.objects.bulk_create(
        FeedbackPhoto(feedback=ticket, image=f"feedback/2026/03/{ticket.number}-{position}.jpg",
                      thumbnail=f"feedback/thumbs/2026/03/{ticket.number}-{position}.jpg" if position else "",
                      width=1600, height=1200, position=position, is_public=position == 0)
        for ticket in tickets[:12:3] for position in range(2)
    )
    IdempotencyKey.objects.bulk_create(
        IdempotencyKey(key=f"open311-{ticket.number}", feedback=ticket) for ticket in tickets[:10]
    )


def _fill_outbox(apps, tickets: list, rng: random.Random) -> None:
    """Sent and pending notifications of every old kind, about many different tickets."""
    Notification = apps.get_model("geo_feedback", "Notification")
    notifications = []
    for index, ticket in enumerate(ticket for ticket in tickets if ticket.reporter_email):
        for kind in ["receipt", "status", "reply", "info_request"][: 1 + index % 4]:
            sent = rng.random() < 0.6
            notifications.append(Notification(
                feedback=ticket, kind=kind, recipient=ticket.reporter_email,
                subject=f"Palautteesi {ticket.number}", body=f"Palautteesi {ticket.number} tila: {ticket.status}.",
                enqueued_at=EPOCH + timedelta(minutes=index),
                sent_at=EPOCH + timedelta(minutes=index, seconds=5) if sent else None,
                attempts=1 if sent else rng.randint(0, 3),
                last_error="" if sent else rng.choice(["", "SMTP 451: try again later"]),
            ))
    Notification.objects.bulk_create(notifications)


def fill_previous_schema(apps, *, feedback_count: int) -> None:
    """The demo city, staff and ``feedback_count`` generated tickets, deterministically."""
    rng = random.Random(20260302)
    Department = apps.get_model("geo_feedback", "Department")
    departments = {department.code: department for department in Department.objects.all()}
    # geo_feedback 0002 and 0003 seeded these; the move must keep them too.
    assert len(departments) == 5
    # 0002 runs today's seed: every category of today's list (0008 then finds its new one there).
    assert apps.get_model("geo_feedback", "Category").objects.count() == len(CATEGORIES)
    assert apps.get_model("geo_feedback", "ReplyTemplate").objects.exists()
    areas = _fill_demo_city(apps)
    _fill_places(apps, count=12)
    users = _fill_staff(apps, departments)
    _fill_feedback(apps, areas, users, feedback_count, rng)


# --- snapshots ------------------------------------------------------------------------------------


def _value(value):
    if isinstance(value, GEOSGeometry):
        return (value.srid, value.hexewkb)
    if isinstance(value, list):
        return tuple(value)
    return value


def _rows(model, columns: list[str]) -> list[tuple]:
    return sorted(
        (tuple(_value(value) for value in row) for row in model.objects.values_list(*columns)),
        key=lambda row: row[0],
    )


def snapshot(apps, *, moved: bool) -> dict[str, list[tuple]]:
    """Every row of the tables the move touches, keyed the same way before and after it.

    Notifications are keyed by the ticket they are about and staff profiles by their roles as a tuple,
    so that the two schemas' snapshots compare equal when nothing was lost.
    """
    rows = {
        name: _rows(apps.get_model(*(new if moved else old)), columns)
        for name, (old, new, columns) in TABLES.items()
    }
    if moved:
        notifications = apps.get_model("city", "Notification")
        rows["notifications"] = _rows(notifications, ["id", "about_id", *NOTIFICATION_COLUMNS[1:]])
        rows["staff"] = _rows(apps.get_model("city", "StaffProfile"), [*STAFF_COLUMNS, "roles"])
    else:
        notifications = apps.get_model("geo_feedback", "Notification")
        rows["notifications"] = _rows(notifications, ["id", "feedback_id", *NOTIFICATION_COLUMNS[1:]])
        rows["staff"] = [
            (*row[:-1], (row[-1],))
            for row in _rows(apps.get_model("geo_feedback", "StaffProfile"), [*STAFF_COLUMNS, "role"])
        ]
    return rows


def table_names() -> set[str]:
    return set(connection.introspection.table_names())


def index_names(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {name for name, info in connection.introspection.get_constraints(cursor, table).items()
                if info["index"]}


def foreign_key_targets(table: str) -> set[str]:
    """The tables ``table``'s foreign keys reference, as PostgreSQL has them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT confrelid::regclass::text FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'",
            [table],
        )
        return {target for (target,) in cursor.fetchall()}


def table_definition(table: str) -> set[tuple[str, str]]:
    """The constraints and indexes of ``table`` by what they do, without their names or the table's.

    Referenced tables are given their names after the move, so that a definition from before it
    compares equal to the same definition after it.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT contype, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass",
                       [table])
        definitions = {(kind, definition) for kind, definition in cursor.fetchall()}
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [table])
        definitions |= {("index", re.sub(r"^CREATE (UNIQUE )?INDEX \S+ ON \S+ ", r"CREATE \1INDEX ", definition))
                        for (definition,) in cursor.fetchall()}
    for old, new in MOVED_TABLES.items():
        definitions = {(kind, re.sub(rf"\b{old}\b", new, definition)) for kind, definition in definitions}
    return definitions


def id_sequence_position(table: str) -> int:
    """The last id the table's own sequence handed out: a table recreated under the name starts again."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        (sequence,) = cursor.fetchone()
        cursor.execute(f"SELECT last_value FROM {sequence}")
        return cursor.fetchone()[0]


# --- the tests --------------------------------------------------------------------------------------


@dataclass
class PreviousSchema:
    rows: dict[str, list[tuple]]
    definitions: dict[str, set[tuple[str, str]]]  # by the table's name after the move
    id_sequences: dict[str, int]  # likewise


# Tables the second migration leaves alone apart from index names: their definitions must survive whole.
UNCHANGED_TABLES = ["planning_area", "planning_areaimport", "geo_feedback_department", "geo_feedback_place"]


@pytest.fixture
def previous_schema_filled(migrator) -> PreviousSchema:
    """The database at the previous schema with the demo city and 300 generated tickets in it."""
    old_apps = migrator.apply_initial_migration(PREVIOUS_SCHEMA).apps
    assert "planning_area" in table_names() and "city_area" not in table_names()
    fill_previous_schema(old_apps, feedback_count=300)
    return PreviousSchema(
        rows=snapshot(old_apps, moved=False),
        definitions={MOVED_TABLES[table]: table_definition(table) for table in UNCHANGED_TABLES},
        id_sequences={new: id_sequence_position(old) for old, new in MOVED_TABLES.items()},
    )


def test_moving_the_ground_to_city_keeps_every_row_under_its_id(migrator, previous_schema_filled):
    before = previous_schema_filled.rows
    # Enough of everything that an empty or half-copied table cannot pass unnoticed.
    expected_sizes = {"areas": 32, "area_imports": 1, "departments": 5, "places": 12, "categories": len(CATEGORIES),
                      "staff": 5, "open311_keys": 1, "number_counters": 1}
    assert {name: len(before[name]) for name in expected_sizes} == expected_sizes
    assert len(before["feedback"]) > 280 and len(before["events"]) > len(before["feedback"])
    assert len(before["notifications"]) > 100 and before["photos"] and before["followers"]
    assert len({row[1] for row in before["notifications"]}) > 50  # about many different tickets
    assert {row[2] for row in before["notifications"]} == {"receipt", "status", "reply", "info_request"}
    sent_at = 1 + NOTIFICATION_COLUMNS.index("sent_at")  # after the id, the ticket's id
    assert {row[sent_at] is None for row in before["notifications"]} == {True, False}  # sent and pending

    new_apps = migrator.apply_tested_migration(CITY_SCHEMA).apps
    after = snapshot(new_apps, moved=True)

    for name in before:
        assert after[name] == before[name], f"{name} changed in the move"

    # The tables were renamed, not recreated under new names beside the old ones.
    tables = table_names()
    assert set(MOVED_TABLES.values()) <= tables
    assert not set(MOVED_TABLES) & tables

    # Every notification is now "about feedback N", N being the ticket it was about.
    ContentType = new_apps.get_model("contenttypes", "ContentType")
    feedback_type = ContentType.objects.get(app_label="geo_feedback", model="feedback")
    Notification = new_apps.get_model("city", "Notification")
    assert set(Notification.objects.values_list("about_type", flat=True)) == {feedback_type.pk}

    # The foreign keys in the database reference the renamed tables.
    assert {"city_area", "city_department", "geo_feedback_category"} <= foreign_key_targets("geo_feedback_feedback")
    assert "city_department" in foreign_key_targets("geo_feedback_category")
    assert "city_area" in foreign_key_targets("city_area")  # the parent link
    assert {"city_department", "auth_user"} <= foreign_key_targets("city_staffprofile")
    assert "geo_feedback_feedback" not in foreign_key_targets("city_notification")  # the ticket link is gone
    assert index_names("city_area") >= {"area_kind", "area_parent"}
    assert not index_names("city_area") & {"planning_ar_kind_bab4c7_idx", "planning_ar_parent__745c09_idx"}

    # The constraints, indexes and id sequences came along with the tables.
    for table, definition in previous_schema_filled.definitions.items():
        assert table_definition(table) == definition, f"{table}'s constraints or indexes changed"
    assert {table: id_sequence_position(table) for table in MOVED_TABLES.values()} == (
        previous_schema_filled.id_sequences
    )
    Area = new_apps.get_model("city", "Area")
    seinajoki = Area.objects.get(code="SJK")
    with pytest.raises(IntegrityError), transaction.atomic():
        Area.objects.create(code="60100", name_fi="Toinen keskus", kind="postal_area", boundary=seinajoki.boundary)
    with pytest.raises(IntegrityError), transaction.atomic():
        Area.objects.create(code="UUSI", name_fi="Uusi", kind="district", boundary=seinajoki.boundary,
                            population=10)
    new_area = Area.objects.create(code="UUSI", name_fi="Uusi", kind="district", boundary=seinajoki.boundary,
                                   parent=seinajoki)
    assert new_area.pk > max(row[0] for row in before["areas"])
    StaffProfile = new_apps.get_model("city", "StaffProfile")
    with pytest.raises(IntegrityError), transaction.atomic():  # a handler needs a department
        StaffProfile.objects.filter(roles=["customer_service"]).update(roles=["handler"])
    Feedback = new_apps.get_model("geo_feedback", "Feedback")
    assert Feedback.objects.filter(area__parent__parent=seinajoki).count() == sum(
        1 for row in before["feedback_joined"] if row[1] is not None
    )


def test_moving_the_ground_to_city_reverses_to_the_previous_schema(migrator):
    old_apps = migrator.apply_initial_migration(PREVIOUS_SCHEMA).apps
    fill_previous_schema(old_apps, feedback_count=30)
    before = snapshot(old_apps, moved=False)

    new_apps = migrator.apply_tested_migration(CITY_SCHEMA).apps
    # What only the new schema can hold: a second role, and a message about something else than a ticket.
    StaffProfile = new_apps.get_model("city", "StaffProfile")
    agent = StaffProfile.objects.get(roles=["participation_agent"])
    agent.roles = ["participation_agent", "moderator"]
    agent.save(update_fields=["roles"])
    ContentType = new_apps.get_model("contenttypes", "ContentType")
    area_type, _created = ContentType.objects.get_or_create(app_label="city", model="area")
    new_apps.get_model("city", "Notification").objects.create(
        about_type=area_type, about_id=1, kind="plan_opened", recipient="asukas@example.fi",
        subject="Kaava nähtävillä", body="Kaava on nähtävillä.",
    )

    old_apps = migrator.apply_tested_migration(BACK_TO_PREVIOUS_SCHEMA).apps
    tables = table_names()
    assert set(MOVED_TABLES) <= tables
    assert not set(MOVED_TABLES.values()) & tables
    # The profile keeps its first role; the message about an area had no place in the old outbox.
    assert snapshot(old_apps, moved=False) == before
    assert "geo_feedback_feedback" in foreign_key_targets("geo_feedback_notification")
