"""The residents' pages of a plan: the page in each language (timeline, schedule, statutory step,
areas, groups, documents, history), attachments served with the plan's visibility, phase 1's
earlier feedback, comments placed every way (drawn, an area, an address, the plan as a whole) and
refused field by field with nothing stored, likes and reports once per browser, the third report
hiding a comment, and the list, the home page and the menu."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
from django.contrib.gis.geos import LineString, Point, Polygon
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from city.models import StaffRole
from geo_feedback.models import Category, Feedback
from geo_feedback.services.feedback import feedback_create
from planning.models import (
    FLAGS_TO_HIDE,
    WHAT_RESIDENTS_CAN_DO,
    AgeBand,
    Attachment,
    AttachmentKind,
    Comment,
    CommentStatus,
    Phase,
    PhaseSchedule,
    ProcessAction,
    ProcessEvent,
    ProcessKind,
    StakeholderGroup,
    StatutoryStep,
)
from planning.services.comments import answer_create, comment_create
from planning.services.phases import process_move_phase
from tests.factories.processes import PLAN_X, PLAN_Y, near_plan, process_make, process_walk, staff

pytestmark = pytest.mark.django_db

STATION = (22.8565, 62.7823)  # Seinäjoki's railway station: inside the test plan's square
HELSINKI = (24.9384, 60.1699)


def page_of(process, prefix: str = "") -> str:
    return f"{prefix}/kaavat/{process.pk}/"


def text_of(response) -> str:
    """The page's visible words, tags and runs of white space taken out."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def in_phase(phase: int, **fields):
    """A published detailed plan in ``phase``, walked there through the phase service."""
    fields.setdefault("name_fi", "Asema-alueen asemakaava")
    fields.setdefault("name_sv", "Detaljplan för stationsområdet")
    fields.setdefault("name_en", "Station area detailed plan")
    fields.setdefault("summary_fi", "Asemanseudulle uusia asuntoja ja kävelykatu.")
    fields.setdefault("summary_sv", "Nya bostäder och en gågata vid stationen.")
    fields.setdefault("summary_en", "New homes and a pedestrian street by the station.")
    fields.setdefault("statutory_step", "draft")
    process = process_make(**fields)
    return process_walk(process, phase)


def post_comment(client, process, prefix: str = "", **data):
    data.setdefault("text", "Kävelykadulle tarvitaan penkkejä ja varjoa.")
    return client.post(f"{prefix}/kaavat/{process.pk}/kommentoi/", data)


def geojson(geometry) -> str:
    return geometry.transform(4326, clone=True).json


@pytest.fixture
def draft(city):
    return in_phase(Phase.DRAFT)


# The page itself

@pytest.mark.parametrize(("prefix", "name", "summary", "phrase"), [
    ("", "Asema-alueen asemakaava", "Asemanseudulle uusia asuntoja", "Mitä voit tehdä nyt"),
    ("/sv", "Detaljplan för stationsområdet", "Nya bostäder och en gågata", "Vad du kan göra nu"),
    ("/en", "Station area detailed plan", "New homes and a pedestrian street", "What you can do now"),
])
def test_the_plan_page_speaks_the_pages_language(client, draft, prefix, name, summary, phrase):
    language = prefix.strip("/") or "fi"
    response = client.get(page_of(draft, prefix))
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
    text = text_of(response)
    assert name in text and summary in text and phrase in text
    with translation.override(language):  # the phase and the statutory step as the catalogue names them
        phase, step = str(Phase.DRAFT.label), str(StatutoryStep.DRAFT.label)
        what_now = str(WHAT_RESIDENTS_CAN_DO[Phase.DRAFT])
    assert f"5/6: {phase}" in text and step in text and what_now in text


def test_the_timeline_marks_the_current_phase_with_the_schedule_and_what_residents_can_do(client, draft):
    PhaseSchedule.objects.create(process=draft, phase=Phase.DRAFT, starts_on=date(2026, 3, 2), ends_on=date(2026, 4, 30))
    response = client.get(page_of(draft, "/en"))
    html = response.content.decode()
    steps = re.findall(r'<li class="phase-step is-(\w+)"( aria-current="step")? data-phase="(\d)"', html)
    assert [(state, bool(current), int(number)) for state, current, number in steps] == [
        ("done", False, 1), ("done", False, 2), ("done", False, 3), ("done", False, 4), ("current", True, 5),
        ("upcoming", False, 6)]
    text = text_of(response)
    assert "Planned: 02/03/2026–30/04/2026" in text
    assert "Comment on the draft: draw on the map" in text  # WHAT_RESIDENTS_CAN_DO of phase 5
    for name in ("Needs", "Stakeholders", "Announcement", "Goals", "Draft", "Final"):
        assert name in text


def test_in_the_final_phase_the_page_leads_to_the_closing_report(client, city):
    final = in_phase(6)
    html = client.get(page_of(final)).content.decode()
    assert f'href="/kaavat/{final.pk}/raportti/" id="closing-report-link"' in html
    assert client.get(f"/kaavat/{final.pk}/raportti/").status_code == 200
    earlier = in_phase(5)
    assert "closing-report-link" not in client.get(page_of(earlier)).content.decode()


def test_a_service_project_names_its_phases_its_own_way_and_has_no_statutory_step(client, city):
    project = process_make(kind=ProcessKind.SERVICE_DEVELOPMENT, name_fi="Kouluruokailun uudistus", boundary=False)
    project = process_walk(project, Phase.DRAFT)
    text = text_of(client.get(page_of(project, "/en")))
    assert "5/6: Co-design and pilot" in text and "Report and rollout" in text
    assert "Statutory step" not in text
    assert "This project has no place on the map." in text


def test_the_areas_the_plan_affects_are_listed_with_their_share_and_an_estimate(client, draft):
    response = client.get(page_of(draft, "/en"))
    affected = list(draft.affected_areas.select_related("area"))
    assert affected, "the test plan lies in the demo city's centre"
    text = text_of(response)
    assert "Residents affected (estimate)" in text and "an estimate" in text
    for row in affected:
        assert row.area.code in text
    inside = next(row for row in affected if row.is_inside)
    assert f"{inside.share_inside * 100:.1f} %" in text
    geo = json.loads(re.search(r'<script id="plan-geo" type="application/json">(.*?)</script>',
                               response.content.decode(), re.S).group(1))
    assert geo["boundary"]["type"] == "MultiPolygon"
    assert {feature["id"] for feature in geo["areas"]} == {row.area.code for row in affected}
    lon, lat = geo["boundary"]["coordinates"][0][0][0]
    assert 22 < lon < 23.5 and 62.5 < lat < 63  # WGS84, not the storage CRS


def test_only_the_groups_a_planner_accepted_are_shown(client, draft):
    assert draft.stakeholders.filter(proposed=True).exists()  # the system's proposals of residents
    text = text_of(client.get(page_of(draft, "/en")))
    assert "Children and young people" in text and "Koulukäynti toukokuussa." in text  # accepted by process_walk
    proposed = draft.stakeholders.filter(proposed=True).select_related("area").first()
    assert f"Residents: {proposed.area.name('en')}" not in text


def test_the_public_history_shows_phase_moves_and_the_reason_of_a_move_back(client, city):
    process = in_phase(Phase.GOALS)
    process_move_phase(process=process, to_phase=Phase.ANNOUNCEMENT, actor=None,
                       reason="Tavoitteisiin tarvitaan vielä nuorisovaltuuston kuuleminen.")
    text = text_of(client.get(page_of(process, "/en")))
    assert "Moved to phase 2: Stakeholders" in text and "Moved to phase 4: Goals" in text
    assert "Moved back to phase 3: Announcement" in text
    assert "Reason: Tavoitteisiin tarvitaan vielä nuorisovaltuuston kuuleminen." in text
    assert ProcessEvent.objects.filter(process=process, action=ProcessAction.BOUNDARY).exists()
    assert "Boundary changed" not in text  # staff history only


def test_an_unpublished_plan_is_not_found_nor_listed(client, city):
    hidden = process_make(published=False, name_fi="Valmisteilla oleva kaava")
    assert client.get(page_of(hidden)).status_code == 404
    assert "Valmisteilla oleva kaava" not in text_of(client.get("/kaavat/"))
    assert client.post(f"/kaavat/{hidden.pk}/kommentoi/", {"text": "Hei"}).status_code == 404


# Attachments

def _attachment(process, name: str = "luonnos.pdf") -> Attachment:
    attachment = Attachment(process=process, kind=AttachmentKind.DRAFT_MAP, title_fi="Kaavaluonnoksen kartta",
                            title_sv="Karta över planutkastet", title_en="Map of the draft plan")
    attachment.file.save(name, ContentFile(b"%PDF-1.4 luonnos"), save=True)
    return attachment


@pytest.mark.parametrize(("prefix", "title"), [("", "Kaavaluonnoksen kartta"), ("/sv", "Karta över planutkastet"),
                                               ("/en", "Map of the draft plan")])
def test_attachments_are_listed_in_the_pages_language_and_served_to_anyone(client, draft, prefix, title):
    attachment = _attachment(draft)
    response = client.get(page_of(draft, prefix))
    assert title in text_of(response) and "PDF" in text_of(response)
    url = attachment.file.url
    assert url.startswith("/media/processes/") and url in response.content.decode()
    served = client.get(url)
    assert served.status_code == 200 and b"".join(served.streaming_content) == b"%PDF-1.4 luonnos"
    assert served["Content-Type"] == "application/pdf" and served["Content-Disposition"] == "inline"
    assert served["Cache-Control"].startswith("public")


def test_an_unpublished_plans_attachment_is_for_staff_only(client, city):
    hidden = process_make(published=False)
    attachment = _attachment(hidden)
    assert client.get(attachment.file.url).status_code == 404  # as if it did not exist
    client.force_login(staff("kaavoittaja-a", StaffRole.PLANNER))
    served = client.get(attachment.file.url)
    assert served.status_code == 200 and served["Cache-Control"] == "private, no-store"


def test_an_unknown_or_other_attachment_path_is_not_found(client, draft):
    _attachment(draft)
    assert client.get("/media/processes/2026/01/ei-ole.pdf").status_code == 404
    assert client.get("/media/processes/../settings.py").status_code == 404


def test_a_file_that_is_not_a_document_is_downloaded_not_shown(client, draft):
    attachment = _attachment(draft, name="sivu.html")
    assert client.get(attachment.file.url)["Content-Disposition"] == "attachment"


# Phase 1: earlier feedback from the area

def _report(lon_lat, category: str = "171", kind: str = "fault") -> Feedback:
    return feedback_create(category=Category.objects.get(service_code=category), kind=kind,
                           description="Kuoppa kävelytiellä aseman lähellä.",
                           location=Point(*lon_lat, srid=4326)).feedback


def test_phase_1_lists_the_feedback_inside_and_near_the_plan_by_category_and_kind(client, city):
    process = in_phase(Phase.NEEDS)
    inside = _report(STATION)
    idea = _report((STATION[0] + 0.001, STATION[1]), kind="idea")
    near = _report((22.8680, 62.7848))  # some 300 m east of the square, within 500 m
    far = _report((22.8188, 62.7371))  # Sevontie, 5 km away
    response = client.get(page_of(process, "/en"))
    html = response.content.decode()
    listed = set(re.findall(r'<tr data-number="([^"]+)">', html))
    assert {inside.number, idea.number, near.number} <= listed
    assert far.number not in listed
    text = text_of(response)
    assert "Earlier feedback from the area" in text and "Reports by topic and kind" in text
    assert "Idea" in text and "Fault" in text
    feedback = json.loads(re.search(r'<script id="plan-feedback" type="application/json">(.*?)</script>', html,
                                    re.S).group(1))
    properties = [feature["properties"] for feature in feedback]
    assert {p["number"] for p in properties} == listed
    assert all("reporter" not in key and "email" not in key for p in properties for key in p)


def test_the_earlier_feedback_is_shown_only_in_phase_1(client, city):
    _report(STATION)
    process = in_phase(Phase.GOALS)
    assert "Earlier feedback from the area" not in text_of(client.get(page_of(process, "/en")))


def test_hidden_feedback_never_reaches_the_plan(client, city):
    from geo_feedback.statuses import HIDDEN_STATUSES

    process = in_phase(Phase.NEEDS)
    report = _report(STATION)
    Feedback.objects.filter(pk=report.pk).update(status=sorted(HIDDEN_STATUSES)[0])
    assert report.number not in client.get(page_of(process)).content.decode()


# Comments: every way of placing one

def test_a_comment_on_the_plan_as_a_whole_is_published_with_its_group_and_age(client, draft):
    response = post_comment(client, draft, "/en", place="plan", group=StakeholderGroup.ELDERLY,
                            age_band=AgeBand.AGE_65_74)
    comment = Comment.objects.get(process=draft)
    assert response.status_code == 302 and response["Location"] == f"/en/kaavat/{draft.pk}/#comment-{comment.pk}"
    assert comment.geometry is None and comment.phase == Phase.DRAFT and comment.language == "en"
    assert (comment.group, comment.age_band, comment.author) == ("elderly", "65_74", None)
    text = text_of(client.get(page_of(draft, "/en")))
    assert "Thank you: your comment is published below." in text
    assert "Kävelykadulle tarvitaan penkkejä ja varjoa." in text
    assert "As: Elderly people" in text and "Age: 65–74" in text and "The plan as a whole" in text


def test_a_line_drawn_on_the_map_is_stored_as_drawn(client, draft):
    line = LineString((PLAN_X + 100, PLAN_Y + 100), (PLAN_X + 500, PLAN_Y + 300), (PLAN_X + 900, PLAN_Y + 200),
                      srid=3067)
    assert post_comment(client, draft, place="map", geometry=geojson(line)).status_code == 302
    stored = Comment.objects.get(process=draft).geometry
    assert stored.geom_type == "LineString" and stored.srid == 3067 and stored.num_coords == 3
    assert stored.distance(line) < 0.01
    response = client.get(page_of(draft, "/en"))
    assert "A line on the map" in text_of(response)
    geo = json.loads(re.search(r'<script id="plan-geo" type="application/json">(.*?)</script>',
                               response.content.decode(), re.S).group(1))
    assert [feature["geometry"]["type"] for feature in geo["comments"]] == ["LineString"]


def test_choosing_an_affected_area_places_the_comment_inside_it_and_the_plan(client, draft):
    row = draft.affected_areas.select_related("area").filter(share_inside__gt=0).first()
    assert post_comment(client, draft, place="area", area=row.area.code).status_code == 302
    point = Comment.objects.get(process=draft).geometry
    assert point.geom_type == "Point"
    assert row.area.boundary.intersects(point) and draft.boundary.intersects(point)


def test_a_neighbour_area_is_placed_at_its_point_nearest_the_plan(client, draft):
    row = draft.affected_areas.select_related("area").filter(share_inside=0).first()
    if row is None:
        pytest.skip("no neighbour area around the test plan in this city")
    assert post_comment(client, draft, place="area", area=row.area.code).status_code == 302
    point = Comment.objects.get(process=draft).geometry
    assert point.distance(draft.boundary) <= row.distance_m + 0.01


def test_an_address_found_by_the_search_places_the_comment(client, draft, fixtures_dir):
    call_command("import_places", str(fixtures_dir / "seinajoki_places_wgs84.csv"), stdout=io.StringIO())
    # Without JavaScript the search runs on the server and offers the places found.
    response = post_comment(client, draft, "/en", action="search", place_query="Seinäjoki tavara", text="Odota")
    assert response.status_code == 200 and not Comment.objects.exists()
    html = response.content.decode()
    value = re.search(r'name="place_result" id="place-result-1" value="([^"]+)"', html).group(1)
    assert value.endswith(";Seinäjoki tavara") and "Odota" in html  # what was typed is kept
    assert re.search(r'name="place" id="id_place_3" value="address" checked', html)
    assert post_comment(client, draft, place="address", place_result=value).status_code == 302
    point = Comment.objects.get(process=draft).geometry.transform(4326, clone=True)
    assert point.x == pytest.approx(22.866289, abs=1e-5) and point.y == pytest.approx(62.784847, abs=1e-5)


def test_coordinates_from_the_script_search_place_the_comment(client, draft):
    assert post_comment(client, draft, place="address", lon=STATION[0], lat=STATION[1],
                        address="Seinäjoki").status_code == 302
    assert Comment.objects.get(process=draft).geometry.geom_type == "Point"


# Comments refused: beside the field, nothing stored

def _refused(client, process, field: str, message: str, **data):
    response = post_comment(client, process, "/en", **data)
    assert response.status_code == 400
    html = response.content.decode()
    assert not Comment.objects.exists()
    assert 'id="error-summary"' in html
    assert re.search(rf'<p class="hds-text-input__error-text error-message" id="id_{field}-error-1">'
                     rf'<span class="visually-hidden">Error:</span>{re.escape(escape(message))}', html)
    return html


def test_an_empty_comment_is_refused_beside_the_text(client, draft):
    html = _refused(client, draft, "text", "Write your comment.", text="   ")
    assert '<a href="#id_text">Write your comment.</a>' in html


def test_a_comment_over_5000_characters_is_refused(client, draft):
    _refused(client, draft, "text", "The comment is 5001 characters long; at most 5000 are taken.", text="a" * 5001)


def test_a_group_or_age_band_not_on_the_list_is_refused(client, draft):
    _refused(client, draft, "group", "Choose the group from the list, or none.", group="aliens")
    _refused(client, draft, "age_band", "Choose the age band from the list, or none.", age_band="200")


def test_a_drawing_that_crosses_itself_is_refused_and_kept_for_redrawing(client, draft):
    bow = Polygon(((PLAN_X + 100, PLAN_Y + 100), (PLAN_X + 600, PLAN_Y + 600), (PLAN_X + 600, PLAN_Y + 100),
                   (PLAN_X + 100, PLAN_Y + 600), (PLAN_X + 100, PLAN_Y + 100)), srid=3067)
    html = _refused(client, draft, "geometry", "The area's edges cross each other: draw it again without crossings.",
                    place="map", geometry=geojson(bow))
    assert '<a href="#draw-point">' in html
    assert 'name="geometry" id="id_geometry" value="{' in html  # plan.js draws it again


def test_a_drawing_far_from_the_plan_is_refused(client, draft):
    far = Point(PLAN_X + 5000, PLAN_Y, srid=3067)
    _refused(client, draft, "geometry", "The drawing is more than 2 km from the plan area: draw it nearer.",
             place="map", geometry=geojson(far))


def test_a_drawing_that_cannot_be_read_or_is_missing_is_refused(client, draft):
    _refused(client, draft, "geometry", "The drawing could not be read. Draw it again.", place="map",
             geometry='{"type": "Circle", "coordinates": [22.8, 62.7]}')
    _refused(client, draft, "geometry", "Draw on the map first, or choose another way to place your comment.",
             place="map", geometry="")


def test_an_address_far_away_is_refused_beside_the_search(client, draft):
    _refused(client, draft, "place_query", "The drawing is more than 2 km from the plan area: draw it nearer.",
             place="address", lon=22.8188, lat=62.7371)
    _refused(client, draft, "place_query", "The drawing lies outside Finland: check its coordinates.",
             place="address", lon=12.0, lat=50.0)
    _refused(client, draft, "place_query", "Search for the address and choose one of the places found.",
             place="address")


def test_an_area_not_of_the_plan_is_refused(client, draft):
    _refused(client, draft, "area", "Choose one of the areas in the list.", place="area", area="99999")
    _refused(client, draft, "area", "Choose one of the areas in the list.", place="area", area="")


def test_the_refused_form_keeps_what_was_written(client, draft):
    html = _refused(client, draft, "area", "Choose one of the areas in the list.", place="area",
                    text="Tämä jää talteen.", group="elderly")
    assert "Tämä jää talteen.</textarea>" in html
    assert '<option value="elderly" selected>' in html


def test_a_plan_out_of_its_comment_phases_takes_no_comments_and_shows_no_form(client, city):
    process = in_phase(Phase.ANNOUNCEMENT)
    response = client.get(page_of(process, "/en"))
    assert 'id="comment-form"' not in response.content.decode()
    assert "none are taken" in text_of(response)
    assert post_comment(client, process).status_code == 403
    assert not Comment.objects.exists()


def test_a_plan_that_needs_sign_in_says_so_and_shows_no_form(client, city):
    process = in_phase(Phase.DRAFT, requires_sign_in=True)
    response = client.get(page_of(process, "/en"))
    assert 'id="comment-form"' not in response.content.decode()
    assert "Commenting on this plan requires signing in." in text_of(response)
    assert post_comment(client, process).status_code == 403
    assert not Comment.objects.exists()


# The list of comments

def test_the_list_shows_published_comments_with_likes_and_answers_never_the_author(client, draft):
    author = staff("kirjoittaja-x", StaffRole.PLANNER)
    answered = comment_create(process=draft, text="Pyörätie puuttuu.", author=author, age_band=AgeBand.UNDER_13)
    hidden = comment_create(process=draft, text="Piilotettu kommentti.")
    Comment.objects.filter(pk=hidden.pk).update(status=CommentStatus.HIDDEN)
    Comment.objects.filter(pk=answered.pk).update(like_count=4)
    planner = staff("kaavoittaja-b", StaffRole.ADMINISTRATOR)
    answer_create(process=draft, comments=[answered], text="Pyörätie lisätään ehdotukseen.", actor=planner,
                  theme="Pyöräily")
    text = text_of(client.get(page_of(draft, "/en")))
    assert "Pyörätie puuttuu." in text and "Piilotettu kommentti." not in text
    assert "4 likes" in text and "Age: Under 13" in text
    assert "The city's answer: Pyöräily" in text and "Pyörätie lisätään ehdotukseen." in text
    assert "kirjoittaja-x" not in text and "kaavoittaja-b" not in text
    assert "Comments (1)" in text


def test_comments_come_fifty_a_page_newest_first(client, draft):
    for n in range(51):
        comment_create(process=draft, text=f"Kommentti numero {n:02d}.")
    first = text_of(client.get(page_of(draft)))
    assert "Kommentti numero 50." in first and "Kommentti numero 00." not in first
    assert "Kommentti numero 00." in text_of(client.get(page_of(draft) + "?page=2"))


def test_the_page_reads_a_fixed_number_of_queries(client, draft, django_assert_max_num_queries):
    for n in range(20):
        comment_create(process=draft, text=f"Kommentti {n}.", geometry=near_plan(100 + n * 10, 100))
    with django_assert_max_num_queries(20):
        assert client.get(page_of(draft)).status_code == 200


# Likes and reports

def test_a_like_counts_once_per_browser_and_works_without_javascript(client, draft):
    comment = comment_create(process=draft, text="Hyvä suunnitelma.")
    url = f"/en/kaavat/{draft.pk}/kommentit/{comment.pk}/tykkaa/"
    response = client.post(url)
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")
    assert "sjk_browser" in response.cookies
    text = text_of(client.get(response["Location"].split("#")[0]))
    assert "Thank you: your like was counted." in text and "1 like" in text
    client.post(url)
    comment.refresh_from_db()
    assert comment.like_count == 1
    assert "You have liked this comment already." in text_of(client.get(page_of(draft, "/en")))
    other = Client(REMOTE_ADDR="10.0.0.2")
    answer = other.post(url, HTTP_ACCEPT="application/json").json()
    assert answer == {"counted": True, "like_count": 2, "hidden": False, "likes_text": "2 likes",
                      "message": "Thank you: your like was counted."}


def test_the_third_report_hides_the_comment_until_a_moderator_checks_it(client, draft):
    comment = comment_create(process=draft, text="Asiaton kommentti.")
    url = f"/en/kaavat/{draft.pk}/kommentit/{comment.pk}/ilmoita/"
    browsers = [Client(REMOTE_ADDR=f"10.0.1.{n}") for n in range(FLAGS_TO_HIDE)]
    first = browsers[0].post(url, {"reason": "Loukkaava"})
    assert "Asiaton kommentti." in text_of(browsers[0].get(first["Location"].split("#")[0]))
    browsers[0].post(url)  # the same browser again: still one report
    comment.refresh_from_db()
    assert comment.flag_count == 1 and comment.reactions.get().reason == "Loukkaava"
    browsers[1].post(url)
    assert "Asiaton kommentti." in text_of(client.get(page_of(draft, "/en")))
    answer = browsers[2].post(url, HTTP_ACCEPT="application/json").json()
    assert answer["hidden"] is True
    assert answer["message"] == "Thank you. The comment is hidden until a moderator has checked it."
    comment.refresh_from_db()
    assert comment.status == CommentStatus.FLAGGED
    assert "Asiaton kommentti." not in text_of(client.get(page_of(draft, "/en")))
    assert client.post(f"/en/kaavat/{draft.pk}/kommentit/{comment.pk}/tykkaa/").status_code == 404


def test_likes_and_reports_only_take_posts(client, draft):
    comment = comment_create(process=draft, text="Hyvä.")
    assert client.get(f"/kaavat/{draft.pk}/kommentit/{comment.pk}/tykkaa/").status_code == 405
    assert client.post(f"/kaavat/{draft.pk}/kommentit/999999/tykkaa/").status_code == 404


# The list, the home page and the menu

def test_the_list_shows_every_published_plan_and_its_phase(client, city):
    draft = in_phase(Phase.DRAFT)
    announced = in_phase(Phase.ANNOUNCEMENT, name_fi="Toinen kaava", name_en="")
    hidden = process_make(published=False, name_fi="Salainen kaava")
    text = text_of(client.get("/en/kaavat/"))
    assert "Station area detailed plan" in text and "Phase 5/6: Draft" in text and "Open for comments" in text
    assert "Toinen kaava" in text and "Phase 3/6: Announcement" in text  # the Finnish name when none in English
    assert "Salainen kaava" not in text
    assert draft.pk and announced.pk and hidden.pk


def test_the_home_page_lists_the_plans_open_for_comments_and_the_menu_has_plans(client, city):
    draft = in_phase(Phase.DRAFT)
    in_phase(Phase.ANNOUNCEMENT, name_fi="Ilmoitettu kaava", name_en="Announced plan")
    html = client.get("/en/").content.decode()
    card = html[html.index('id="home-plans"'):]
    card = card[:card.index("</li>\n  <li")]
    assert f'href="/en/kaavat/{draft.pk}/"' in card and "Station area detailed plan" in card
    assert "Announced plan" not in card
    assert '<a href="/en/kaavat/">Plans</a>' in html
    assert 'href="/en/kaavat/" aria-current="page">Plans</a>' in client.get("/en/kaavat/").content.decode()
