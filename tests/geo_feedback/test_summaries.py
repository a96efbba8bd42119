"""The summary figures against values computed by hand on a few tickets with known timestamps, the
summary page, its map and its CSV downloads, and who may see which figures."""

import csv
import io
import json
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model

from city.models import Area, Department, StaffProfile, StaffRole
from geo_feedback.models import Channel, Feedback, FeedbackEvent, FeedbackKind
from geo_feedback.services.feedback import feedback_transition
from geo_feedback.statuses import FeedbackStatus as S
from geo_feedback.summaries import SummaryScope, default_period, ticket_summary
from tests.factories.feedback import POINTS, FeedbackFactory, category, point

HELSINKI = ZoneInfo("Europe/Helsinki")
# Every ticket but the fresh one was received at T0 (Monday 2 March 2026, 08:00 in Helsinki).
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=HELSINKI)
PRIVATE = {"reporter_name": "Maija Meikäläinen", "reporter_email": "maija@example.fi",
           "reporter_phone": "040 765 4321"}
SECRET_WORDS = "Salainen-kuvausteksti"  # in every description: never in an export

# username: (role, department code)
ROLES = {
    "asiakaspalvelu": (StaffRole.CUSTOMER_SERVICE, None),
    "katu": (StaffRole.HANDLER, "kaupunkiymparisto"),  # department A
    "kirjasto": (StaffRole.HANDLER, "sivistys"),  # department B
    "osallisuus": (StaffRole.PARTICIPATION_AGENT, "kaupunkiymparisto"),
    "paakayttaja": (StaffRole.ADMINISTRATOR, None),
}


@pytest.fixture
def people(city):
    """One user per staff role, and 'asukas': signed in, not staff."""
    users = {}
    for username, (role, department) in ROLES.items():
        user = get_user_model().objects.create_user(username, password="salasana-testi-123")
        StaffProfile.objects.create(user=user, roles=[role],
                                    department=Department.objects.get(code=department) if department else None)
        users[username] = user
    users["asukas"] = get_user_model().objects.create_user("asukas", password="salasana-testi-123")
    return users


def ticket(code, *, kind=FeedbackKind.FAULT, at=T0, moves=(), channel=Channel.WEB, where="60100"):
    """A ticket received at ``at`` and moved through ``moves`` = (status, hours after ``at``)."""
    feedback = FeedbackFactory(category=category(code), kind=kind, channel=channel, location=point(POINTS[where]),
                               description=f"{SECRET_WORDS}: kuoppa tai muu asia {code}.", **PRIVATE)
    Feedback.objects.filter(pk=feedback.pk).update(created_at=at, status_changed_at=at)
    FeedbackEvent.objects.filter(feedback=feedback).update(created_at=at)
    for to_status, hours in moves:
        feedback_transition(feedback=feedback, to_status=to_status, internal_note="Sisäinen muistiinpano")
        FeedbackEvent.objects.filter(feedback=feedback, version=feedback.version).update(
            created_at=at + timedelta(hours=hours))
    feedback.refresh_from_db()
    return feedback


@pytest.fixture
def tickets(city):
    """Six tickets of department A (city environment), two of B (education), one outside the period.

    Targets: 171 street condition 14 days, 177 parking enforcement 3 days, 304 library 14 days.
    """
    return {
        # triage 2 h, handled after 48 h (due after 14 d = 336 h: on time)
        "A1": ticket("171", moves=[(S.ROUTED, 2), (S.IN_PROGRESS, 24), (S.HANDLED, 48)]),
        # triage 4 h, handled after 20 d = 480 h: late; by phone
        "A2": ticket("171", kind=FeedbackKind.IDEA, channel=Channel.PHONE,
                     moves=[(S.ROUTED, 4), (S.HANDLED, 480)]),
        # in triage after 1 h (still "in triage": not the end of triage), routed after 10 h: triage 10 h.
        # Praise. Still open and due after 3 days: overdue.
        "A3": ticket("177", kind=FeedbackKind.PRAISE, moves=[(S.IN_TRIAGE, 1), (S.ROUTED, 10)]),
        # never looked at: not measured, open and overdue
        "A4": ticket("171"),
        # handled straight from received after 6 h: triage 6 h and handled 6 h, on time
        "A6": ticket("171", moves=[(S.HANDLED, 6)]),
        # received an hour ago: open but not due yet; praise; in Pohja (60120)
        "A5": ticket("171", kind=FeedbackKind.PRAISE, at=datetime.now(HELSINKI) - timedelta(hours=1),
                     where="60120"),
        # department B: triage 100 h, handled 200 h (on time: 336 h allowed)
        "B1": ticket("304", kind=FeedbackKind.QUESTION, where="60120",
                     moves=[(S.ROUTED, 100), (S.IN_PROGRESS, 150), (S.HANDLED, 200)]),
        "B2": ticket("304", kind=FeedbackKind.PRAISE, where="60120", channel=Channel.EMAIL),
        # department A but received on 1 June 2025, before the default period (the last 12 months)
        "OLD": ticket("171", at=datetime(2025, 6, 1, 12, 0, tzinfo=HELSINKI), moves=[(S.ROUTED, 1)]),
    }


def scope(department: str | None = None, first: date = date(2026, 3, 1), last: date | None = None) -> SummaryScope:
    return SummaryScope(department=Department.objects.get(code=department) if department else None,
                        date_from=first, date_to=last or datetime.now(HELSINKI).date())


def counts(rows) -> dict[str, int]:
    return {row.key: row.count for row in rows if row.count}


# The figures ---------------------------------------------------------------------------------


def test_department_a_figures_match_the_hand_computed_ones(people, tickets):
    summary = ticket_summary(people["katu"], scope("kaupunkiymparisto"))
    assert summary.total == 6  # A1–A6; OLD is outside the period, B1 and B2 another department's
    assert summary.praise == 2  # A3, A5
    assert summary.overdue_open == 2  # A3 (routed, due T0+3 d), A4 (received, due T0+14 d); A5 is not due
    assert summary.handled == 3  # A1, A2, A6
    assert summary.handled_late == 1 and summary.handled_on_time == 2  # A2 after 20 d; A1, A6 on time
    # Triage hours, sorted: A1 2, A2 4, A6 6, A3 10 (A4, A5 not triaged).
    # Median = (4 + 6) / 2 = 5. p90 (percentile_cont): position 1 + 0.9 × (4 − 1) = 3.7, so
    # 6 + 0.7 × (10 − 6) = 8.8.
    assert summary.triage.measured == 4
    assert summary.triage.median_hours == pytest.approx(5.0)
    assert summary.triage.p90_hours == pytest.approx(8.8)
    assert summary.triage.median_days == pytest.approx(5.0 / 24)
    # Handling hours, sorted: A6 6, A1 48, A2 480. Median 48. p90: position 1 + 0.9 × 2 = 2.8, so
    # 48 + 0.8 × (480 − 48) = 393.6 h = 16.4 days.
    assert summary.handling.measured == 3
    assert summary.handling.median_hours == pytest.approx(48.0)
    assert summary.handling.p90_hours == pytest.approx(393.6)
    assert summary.handling.p90_days == pytest.approx(16.4)
    assert counts(summary.by_category) == {"171": 5, "177": 1}
    assert counts(summary.by_kind) == {"fault": 3, "idea": 1, "praise": 2}
    assert counts(summary.by_status) == {"handled": 3, "routed": 1, "received": 2}
    assert counts(summary.by_channel) == {"web": 5, "phone": 1}
    assert counts(summary.by_department) == {"kaupunkiymparisto": 6}
    assert counts(summary.by_area) == {"60100": 5, "60120": 1}
    # Every status is listed, zeros too, and shares are of all six tickets.
    assert len(summary.by_status) == len(S.values)
    assert next(row for row in summary.by_category if row.key == "171").share == pytest.approx(83.3)


def test_all_departments_for_customer_service(people, tickets):
    summary = ticket_summary(people["asiakaspalvelu"], scope())
    assert summary.total == 8 and summary.praise == 3 and summary.handled == 4
    # Triage hours: 2, 4, 6, 10, 100. Median 6. p90: position 1 + 0.9 × 4 = 4.6: 10 + 0.6 × 90 = 64.
    assert summary.triage.median_hours == pytest.approx(6.0)
    assert summary.triage.p90_hours == pytest.approx(64.0)
    # Handling hours: 6, 48, 200, 480. Median (48 + 200) / 2 = 124. p90: position 3.7: 200 + 0.7 × 280 = 396.
    assert summary.handling.median_hours == pytest.approx(124.0)
    assert summary.handling.p90_hours == pytest.approx(396.0)
    assert counts(summary.by_department) == {"kaupunkiymparisto": 6, "sivistys": 2}


def test_a_handler_never_counts_another_departments_tickets(people, tickets):
    # Asking for "every department" still gives only their own: visibility comes first.
    summary = ticket_summary(people["katu"], scope())
    assert summary.total == 6 and counts(summary.by_department) == {"kaupunkiymparisto": 6}
    other = ticket_summary(people["katu"], scope("sivistys"))
    assert other.total == 0 and other.triage.median_hours is None
    assert ticket_summary(people["kirjasto"], scope()).total == 2


def test_a_non_staff_user_counts_nothing(people, tickets):
    summary = ticket_summary(people["asukas"], scope())
    assert summary.total == 0 and all(rate.count == 0 for rate in summary.area_rates)


def test_the_period_includes_both_days_in_helsinki_time(people, tickets):
    # T0 is 08:00 on 2 March in Helsinki (06:00 UTC): a period of that one day holds it.
    assert ticket_summary(people["katu"], scope("kaupunkiymparisto", date(2026, 3, 2), date(2026, 3, 2))).total == 5
    assert ticket_summary(people["katu"], scope("kaupunkiymparisto", date(2026, 3, 3), date(2026, 3, 31))).total == 0
    assert ticket_summary(people["katu"], scope("kaupunkiymparisto", date(2025, 6, 1), date(2025, 6, 1))).total == 1


def test_the_default_period_is_the_last_12_months():
    assert default_period(date(2026, 11, 28)) == (date(2025, 11, 29), date(2026, 11, 28))
    assert default_period(date(2028, 2, 29)) == (date(2027, 3, 1), date(2028, 2, 29))


def test_reopening_keeps_the_first_handled_time(people, tickets):
    a6 = tickets["A6"]
    feedback_transition(feedback=a6, to_status=S.IN_TRIAGE)
    feedback_transition(feedback=a6, to_status=S.HANDLED)  # handled again, now: not the first time
    summary = ticket_summary(people["katu"], scope("kaupunkiymparisto"))
    assert summary.handling.measured == 3 and summary.handling.median_hours == pytest.approx(48.0)
    assert summary.triage.median_hours == pytest.approx(5.0)  # the reopening is not a triage either


def test_tickets_per_1000_inhabitants_by_area(people, tickets):
    rates = {rate.code: rate for rate in ticket_summary(people["katu"], scope("kaupunkiymparisto")).area_rates}
    # Demo populations (estimates): 60100 Keskus 9020, 60120 Pohja 4930.
    assert rates["60100"].count == 5 and rates["60100"].population == 9020
    assert rates["60100"].per_thousand == pytest.approx(0.55)  # 5 × 1000 / 9020 = 0.554…
    assert rates["60120"].per_thousand == pytest.approx(0.20)  # 1 × 1000 / 4930 = 0.202…
    assert rates["60550"].count == 0 and rates["60550"].per_thousand == 0
    assert rates["60100"].population_is_estimate
    assert "SJK" not in rates and "SJK-LANSI" not in rates  # the city and budget regions are not residential areas


@pytest.mark.parametrize("language, centre, kasperi", [
    ("fi", "Seinäjoki Keskus", "Kasperi"), ("sv", "Seinäjoki centrum", "Kasperi"), ("en", "Seinäjoki Centre", "Kasperi"),
])
def test_areas_are_named_in_the_summarys_language(people, tickets, language, centre, kasperi):
    summary = ticket_summary(people["katu"], scope("kaupunkiymparisto"), language=language)
    rates = {rate.code: rate.name for rate in summary.area_rates}
    assert (rates["60100"], rates["60150"]) == (centre, kasperi)  # no English name: the Finnish one
    assert {row.key: row.label for row in summary.by_area}["60100"] == centre
    features = json.loads(summary.areas_geojson)["features"]
    assert next(f for f in features if f["id"] == "60100")["properties"]["name"] == centre  # the map's


def test_an_area_without_population_has_no_rate(people, tickets):
    Area.objects.filter(code="60120").update(population=None, population_year=None, population_source="")
    summary = ticket_summary(people["katu"], scope("kaupunkiymparisto"))
    rate = next(rate for rate in summary.area_rates if rate.code == "60120")
    assert rate.count == 1 and rate.population is None and rate.per_thousand is None
    feature = next(f for f in json.loads(summary.areas_geojson)["features"] if f["id"] == "60120")
    assert feature["properties"]["per_thousand"] is None and feature["properties"]["count"] == 1
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    lon, lat = feature["geometry"]["coordinates"][0][0][:2] if feature["geometry"]["type"] == "Polygon" else \
        feature["geometry"]["coordinates"][0][0][0][:2]
    assert 22 < lon < 24 and 62 < lat < 63.5  # EPSG:4326, not the storage CRS


# The page ------------------------------------------------------------------------------------

PAGE = "/henkilosto/yhteenveto/"
FIGURES_CSV = "/henkilosto/yhteenveto/luvut.csv"
TICKETS_CSV = "/henkilosto/yhteenveto/palautteet.csv"


@pytest.mark.parametrize("path", [PAGE, FIGURES_CSV, TICKETS_CSV, "/sv" + PAGE, "/en" + TICKETS_CSV])
def test_signed_out_goes_to_the_login(client, city, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].split("?")[0] in ("/henkilosto/kirjaudu/", "/sv/henkilosto/kirjaudu/",
                                                   "/en/henkilosto/kirjaudu/")


@pytest.mark.parametrize("path", [PAGE, FIGURES_CSV, TICKETS_CSV])
def test_a_resident_without_a_staff_role_gets_403(client, people, tickets, path):
    client.force_login(people["asukas"])
    response = client.get(path)
    assert response.status_code == 403
    assert b"SJK-" not in response.content


@pytest.mark.parametrize("username", list(ROLES))
def test_every_staff_role_may_open_the_page(client, people, tickets, username):
    client.force_login(people[username])
    assert client.get(PAGE).status_code == 200


def _figure(html: str, element_id: str) -> str:
    return re.search(rf'id="{element_id}">([^<]*)<', html).group(1)


def test_the_page_shows_the_handlers_figures_tables_and_an_offline_map(client, people, tickets):
    client.force_login(people["katu"])
    response = client.get(PAGE, {"from": "2026-03-01"})
    html = response.content.decode()
    assert _figure(html, "figure-total") == "6" and _figure(html, "figure-praise") == "2"
    assert _figure(html, "figure-overdue") == "2" and _figure(html, "figure-late") == "1"
    assert "5,0" in html and "8,8" in html and "393,6" in html  # Finnish decimal commas
    for table in ("timings", "by-category", "by-kind", "by-status", "by-channel", "by-area", "area-rates"):
        assert f'id="{table}"' in html
    assert html.count("<caption>") >= 8 and 'scope="col"' in html and 'scope="row"' in html
    # Only their own department to choose: no "All departments" and no other department
    assert "All departments" not in html and "Kaikki toimialat" not in html
    assert "Sivistyksen" not in html
    # The choropleth: folium's page in an iframe, Leaflet from our static files, no CDN
    srcdoc = re.search(r'srcdoc="([^"]*)"', html).group(1)
    assert "/static/vendor/leaflet/leaflet.js" in srcdoc and "/static/vendor/leaflet/leaflet.css" in srcdoc
    for cdn in ("cdn.jsdelivr", "cdnjs", "code.jquery", "bootstrapcdn", "bootstrap"):
        assert cdn not in srcdoc
    assert re.search(r'<iframe[^>]+title="[^"]+"', html)
    assert "user-scalable=no" not in srcdoc  # people may zoom in
    assert "arvio" in html.lower()  # the populations are labelled as estimates
    assert "Maija" not in html and "maija@example.fi" not in html
    # The staff menu's search box stays empty; the downloads carry the chosen period.
    assert re.search(r'<input type="search"[^>]* name="q" id="staff-search-q" value=""', html)
    assert "luvut.csv?department=kaupunkiymparisto&amp;from=2026-03-01&amp;to=" in html


def test_the_map_says_no_data_for_an_area_without_population(client, people, tickets):
    Area.objects.filter(code="60120").update(population=None, population_year=None, population_source="")
    client.force_login(people["katu"])
    html = client.get("/en" + PAGE).content.decode()
    row = re.search(r"Pohja \(60120\)</th>(.*?)</tr>", html, re.S).group(1)
    assert "no data" in row
    assert "no data" in re.search(r'srcdoc="([^"]*)"', html).group(1)


def test_a_handler_cannot_choose_another_department(client, people, tickets):
    client.force_login(people["katu"])
    response = client.get(PAGE, {"department": "sivistys"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert client.get(TICKETS_CSV, {"department": "sivistys"}).status_code == 400


def test_a_period_ending_before_it_starts_is_refused(client, people, tickets):
    client.force_login(people["asiakaspalvelu"])
    response = client.get("/en" + PAGE, {"from": "2026-03-10", "to": "2026-03-01"})
    assert response.status_code == 400
    assert "The last day must not be before the first day." in response.content.decode()


def _csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_ticket_csv_holds_only_visible_tickets_and_nothing_personal(client, people, tickets):
    client.force_login(people["katu"])
    rows = _csv(client.get(TICKETS_CSV, {"from": "2026-03-01"}))
    assert rows[0] == ["number", "created_at", "category_code", "category", "kind", "status", "channel",
                       "area_code", "area", "department", "handled_at"]
    numbers = {row[0] for row in rows[1:]}
    assert numbers == {tickets[name].number for name in ("A1", "A2", "A3", "A4", "A5", "A6")}
    a2 = next(row for row in rows if row[0] == tickets["A2"].number)
    assert a2[1] == "2026-03-02T08:00:00+02:00" and a2[4:7] == ["idea", "handled", "phone"]
    assert a2[7] == "60100" and a2[9] == "kaupunkiymparisto"
    assert a2[10] == "2026-03-22T08:00:00+02:00"  # T0 + 480 h
    text = "\n".join(",".join(row) for row in rows)
    for private in ("Maija", "maija@example.fi", "040 765 4321", SECRET_WORDS, "Sisäinen"):
        assert private not in text


def test_customer_service_exports_every_department(client, people, tickets):
    client.force_login(people["asiakaspalvelu"])
    rows = _csv(client.get(TICKETS_CSV, {"from": "2026-03-01"}))
    assert len(rows) - 1 == 8
    only_b = _csv(client.get(TICKETS_CSV, {"from": "2026-03-01", "department": "sivistys"}))
    assert {row[0] for row in only_b[1:]} == {tickets["B1"].number, tickets["B2"].number}


def test_the_figures_csv_has_the_pages_numbers(client, people, tickets):
    client.force_login(people["katu"])
    rows = _csv(client.get(FIGURES_CSV, {"from": "2026-03-01"}))
    figures = {(row[0], row[1]): row[3] for row in rows[1:]}
    assert figures[("total", "tickets")] == "6" and figures[("total", "praise")] == "2"
    assert figures[("total", "overdue_open")] == "2" and figures[("total", "handled_late")] == "1"
    assert figures[("triage", "median_hours")] == "5.0" and figures[("handling", "p90_hours")] == "393.6"
    assert figures[("category", "171")] == "5" and ("department", "sivistys") not in figures
    assert figures[("area_per_1000", "60100")] == "0.55"


def test_a_formula_in_a_name_is_not_run_by_a_spreadsheet(client, people, tickets):
    category("171").__class__.objects.filter(service_code="171").update(name_fi="=HYPERLINK(\"x\")")
    client.force_login(people["katu"])
    rows = _csv(client.get(TICKETS_CSV, {"from": "2026-03-01"}))
    assert all(row[3] != '=HYPERLINK("x")' for row in rows)
    assert any(row[3] == '\'=HYPERLINK("x")' for row in rows)
