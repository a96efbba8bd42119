"""The plans API: the processes on the map, one process, its comments as GeoJSON, and a resident's
comment with every refusal (nothing stored, the field named, never a 500)."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import LineString, Point, Polygon
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from city.models import Area, StaffRole
from planning.models import (
    Attachment,
    AttachmentKind,
    Comment,
    CommentReaction,
    CommentStatus,
    Phase,
    PhaseSchedule,
    ProcessKind,
    StakeholderGroup,
)
from planning.services.comments import answer_create, comment_create, comment_moderate, comment_react
from planning.services.phases import process_move_phase
from tests.factories.processes import (
    PLAN_X,
    PLAN_Y,
    line_in_plan,
    near_plan,
    process_make,
    process_walk,
    square,
    staff,
    stakeholder_accept,
)

LIST = "/api/v1/plans/"
GEOJSON = "application/geo+json"


def detail(process) -> str:
    return f"/api/v1/plans/{process.pk}/"


def comments(process) -> str:
    return f"/api/v1/plans/{process.pk}/comments/"


@pytest.fixture
def planner(city):
    return staff("kaavoittaja-api", StaffRole.PLANNER)


@pytest.fixture
def draft_plan(planner):
    """A detailed plan in phase 5 (draft) in Seinäjoki's centre, with a schedule and an attachment."""
    plan = process_make(planners=[planner], name_fi="Asemanseudun asemakaava", name_sv="Detaljplan för stationsområdet",
                        diary_number="123/10.02.03/2026", neighbour_distance_m=500)
    for phase in Phase.values:
        PhaseSchedule.objects.create(process=plan, phase=phase, starts_on=f"2026-0{phase}-01",
                                     ends_on=f"2026-0{phase}-28")
    Attachment.objects.create(process=plan, kind=AttachmentKind.DRAFT_MAP, title_fi="Kaavaluonnos",
                              title_sv="Planutkast", file=SimpleUploadedFile("luonnos kartta.pdf", b"%PDF-1.4\n"))
    return process_walk(plan, Phase.DRAFT, actor=planner)


def _post(client, process, body, **extra):
    text = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(comments(process), text, content_type="application/json", **extra)


def _errors(response, status=400) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    return response.json()


# The list ------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_the_list_is_geojson_in_wgs84_with_phase_numbers_names_and_affected_areas(client, draft_plan, planner):
    project = process_make(kind=ProcessKind.SERVICE_DEVELOPMENT, planners=[planner], name_fi="Kouluruoka uudistuu",
                           name_en="School meals renewed", area=Area.objects.get(code="60120"))
    process_walk(project, Phase.DRAFT, actor=planner)
    process_make(name_fi="Valmisteilla oleva kaava", published=False)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{LIST}?lang=en")
    assert len(queries) == 1  # one statement, however many processes and areas
    assert response.status_code == 200 and response["Content-Type"] == GEOJSON
    body = response.json()
    assert body["type"] == "FeatureCollection" and body["next"] is None
    by_id = {feature["id"]: feature for feature in body["features"]}
    assert set(by_id) == {draft_plan.pk, project.pk}  # the unpublished one is not listed

    plan = by_id[draft_plan.pk]
    assert plan["geometry"]["type"] == "MultiPolygon"
    for lon, lat in plan["geometry"]["coordinates"][0][0]:
        assert 22.8 < lon < 22.9 and 62.7 < lat < 62.9  # WGS84, in Seinäjoki's centre
    properties = plan["properties"]
    assert properties["phase"] == 5 and properties["phase_name"] == "Draft"
    assert properties["kind"] == "detailed_plan" and properties["statutory_step"] == "initiation"
    assert properties["name"] == "Asemanseudun asemakaava"  # no English name: the Finnish one
    assert properties["name_sv"] == "Detaljplan för stationsområdet" and properties["name_en"] == ""
    assert properties["diary_number"] == "123/10.02.03/2026"
    assert properties["url"] == f"/en/kaavat/{draft_plan.pk}/"
    assert properties["accepts_comments"] is True
    affected = {area["code"]: area for area in properties["affected_areas"]}
    assert {"60100", "60220"} <= set(affected)
    for area in affected.values():
        assert set(area) == {"code", "name", "share_inside", "distance_m", "residents_estimate"}
        assert 0 <= area["share_inside"] <= 1 and area["distance_m"] >= 0
    centre = affected["60100"]
    assert centre["name"] == "Seinäjoki Centre" and centre["share_inside"] > 0 and centre["distance_m"] == 0
    assert centre["residents_estimate"] == round(9020 * centre["share_inside"])
    assert properties["affected_areas"][0]["share_inside"] >= properties["affected_areas"][-1]["share_inside"]

    service = by_id[project.pk]
    assert service["geometry"] is None and service["properties"]["affected_areas"] == []
    assert service["properties"]["phase"] == 5 and service["properties"]["phase_name"] == "Co-design and pilot"
    assert service["properties"]["name"] == "School meals renewed" and service["properties"]["statutory_step"] is None
    assert service["properties"]["area"] == {"code": "60120", "name": "Pohja"}


@pytest.mark.django_db
def test_the_list_speaks_swedish_and_filters_by_kind_and_phase(client, draft_plan):
    master = process_make(kind=ProcessKind.MASTER_PLAN, name_fi="Yleiskaava 2040", boundary=False)
    response = client.get(f"{LIST}?lang=sv&kind=detailed_plan")
    [feature] = response.json()["features"]
    assert feature["properties"]["name"] == "Detaljplan för stationsområdet"
    with translation.override("sv"):
        assert feature["properties"]["phase_name"] == draft_plan.phase_name()
    assert feature["properties"]["url"] == f"/sv/kaavat/{draft_plan.pk}/"
    assert [f["id"] for f in client.get(f"{LIST}?phase=1").json()["features"]] == [master.pk]
    assert [f["id"] for f in client.get(f"{LIST}?phase=1,5").json()["features"]] == [master.pk, draft_plan.pk]
    assert "phase" in _errors(client.get(f"{LIST}?phase=7"))
    assert "kind" in _errors(client.get(f"{LIST}?kind=zoo"))


@pytest.mark.django_db
def test_the_list_pages_by_cursor(client, city):
    made = [process_make(boundary=False).pk for _ in range(5)]
    seen, url = [], f"{LIST}?limit=2"
    while url:
        page = client.get(url).json()
        assert len(page["features"]) <= 2
        seen += [feature["id"] for feature in page["features"]]
        url = page["next"]
    assert seen == list(reversed(made))  # newest first, each once
    assert "cursor" in _errors(client.get(f"{LIST}?cursor=bm90IGEgY3Vyc29y"))
    assert "limit" in _errors(client.get(f"{LIST}?limit=501"))


# One process -------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_one_process_has_its_schedule_history_accepted_stakeholders_and_attachments(client, draft_plan, planner):
    process_move_phase(process=draft_plan, to_phase=Phase.GOALS, actor=planner, reason="Tavoitteet tarkennetaan.")
    process_move_phase(process=draft_plan, to_phase=Phase.DRAFT, actor=planner)
    comment_create(process=draft_plan, text="Hyvä suunnitelma.")
    assert draft_plan.stakeholders.filter(proposed=True).exists()  # residents proposed from the areas

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{detail(draft_plan)}?lang=en")
    assert len(queries) == 1
    assert response.status_code == 200
    feature = response.json()
    assert feature["type"] == "Feature" and feature["geometry"]["type"] == "MultiPolygon"
    properties = feature["properties"]
    assert properties["summary"] == "Kaavan tiivistelmä." and properties["closing_summary"] is None
    assert properties["department"] == "City environment"
    assert [phase["name"] for phase in properties["phases"]] == [
        "Needs", "Stakeholders", "Announcement", "Goals", "Draft", "Final"]
    assert properties["what_residents_can_do"].startswith("Comment on the draft")
    assert [row["phase"] for row in properties["schedule"]] == [1, 2, 3, 4, 5, 6]
    assert properties["schedule"][0] == {"phase": 1, "phase_name": "Needs", "starts_on": "2026-01-01",
                                         "ends_on": "2026-01-28"}
    moves = [(event["action"], event["from_phase"], event["to_phase"]) for event in properties["history"]]
    assert moves == [("phase_forward", 1, 2), ("phase_forward", 2, 3), ("phase_forward", 3, 4),
                     ("phase_forward", 4, 5), ("phase_back", 5, 4), ("phase_forward", 4, 5)]
    assert properties["history"][4]["reason"] == "Tavoitteet tarkennetaan."  # a move back is public, with its reason
    assert [(group["group"], group["area"]) for group in properties["stakeholders"]] == [("children_young", None)]
    assert properties["stakeholders"][0]["how_reached"] == "Koulukäynti toukokuussa."
    [attachment] = properties["attachments"]
    assert attachment["title"] == "Kaavaluonnos" and attachment["kind"] == "draft_map"
    assert attachment["url"].startswith("http://testserver/media/processes/") and attachment["url"].endswith(".pdf")
    assert properties["comment_count"] == 1 and properties["comments_url"] == comments(draft_plan)
    assert client.get(attachment["url"]).status_code == 200  # the file is served at that address


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/plans/{hidden}/", "/api/v1/plans/999999/", "/api/v1/plans/99999999999999999999/",
                                  "/api/v1/plans/{hidden}/comments/", "/api/v1/plans/99999999999999999999/comments/"])
def test_an_unpublished_or_unknown_process_is_a_404(client, city, path):
    hidden = process_make(published=False)
    response = client.get(path.format(hidden=hidden.pk))
    assert response.status_code == 404 and "detail" in response.json()


# Comments out ------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_the_comments_are_geojson_without_authors_reactors_or_hidden_ones(client, draft_plan, planner):
    resident = get_user_model().objects.create_user("asukas", email="asukas@example.fi")
    point = comment_create(process=draft_plan, text="Suojatie tähän.", geometry=near_plan(), group="residents",
                           age_band="13_17", author=resident)
    line = comment_create(process=draft_plan, text="Pyörätie näin.", geometry=line_in_plan())
    area = comment_create(process=draft_plan, text="Puisto tähän.",
                          geometry=square(PLAN_X + 100, PLAN_Y + 100, 200)[0])
    whole = comment_create(process=draft_plan, text="Hyvä kaava kokonaisuutena.")
    comment_react(comment=point, kind="like", reactor_key="selain-1")
    comment_react(comment=point, kind="like", reactor_key="selain-2")
    flagged = comment_create(process=draft_plan, text="Asiaton kommentti.")
    for key in ("a", "b", "c"):
        comment_react(comment=flagged, kind="flag", reactor_key=f"liputtaja-{key}")
    hidden = comment_create(process=draft_plan, text="Toinen asiaton.")
    moderator = staff("moderaattori", StaffRole.MODERATOR)
    comment_moderate(comment=hidden, publish=False, reason="Asiaton.", actor=moderator)
    answer_create(process=draft_plan, comments=[point, line], text="Suojatie lisätään.", theme="Liikenne",
                  actor=planner)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{comments(draft_plan)}?lang=en")
    assert len(queries) == 1
    assert response.status_code == 200 and response["Content-Type"] == GEOJSON
    body = response.json()
    assert body["type"] == "FeatureCollection"
    by_id = {feature["id"]: feature for feature in body["features"]}
    assert list(by_id) == [point.pk, line.pk, area.pk, whole.pk]  # oldest first; flagged and hidden left out
    assert by_id[point.pk]["geometry"]["type"] == "Point"
    lon, lat = by_id[point.pk]["geometry"]["coordinates"]
    assert 22.8 < lon < 22.9 and 62.7 < lat < 62.9
    assert by_id[line.pk]["geometry"]["type"] == "LineString"
    assert by_id[area.pk]["geometry"]["type"] == "Polygon"
    assert by_id[whole.pk]["geometry"] is None
    properties = by_id[point.pk]["properties"]
    assert properties["text"] == "Suojatie tähän." and properties["phase"] == 5 and properties["phase_name"] == "Draft"
    assert properties["group"] == "residents" and properties["group_label"] == "Residents"
    assert properties["age_band"] == "13_17" and properties["like_count"] == 2
    assert properties["answer"] == {"text": "Suojatie lisätään.", "theme": "Liikenne"}
    assert by_id[line.pk]["properties"]["answer"] == properties["answer"]  # one answer covers both
    assert by_id[whole.pk]["properties"]["answer"] is None and by_id[whole.pk]["properties"]["group"] is None
    assert set(properties) == {"id", "text", "phase", "phase_name", "group", "group_label", "age_band",
                               "age_band_label", "like_count", "created", "answer"}
    text = response.content.decode()
    for private in ("asukas@example.fi", "asukas", "selain-1", "liputtaja", "Asiaton", "author", "reactor",
                    "flag"):
        assert private not in text, private


@pytest.mark.django_db
def test_the_comments_of_a_process_with_none_are_an_empty_collection(client, city):
    plan = process_make()
    assert client.get(comments(plan)).json() == {"type": "FeatureCollection", "features": []}


# Comments in -------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_a_resident_comments_with_a_point_as_plain_json(client, draft_plan):
    response = _post(client, draft_plan, {"text": "Tähän tarvitaan suojatie.", "group": "children_young",
                                          "age_band": "under_13",
                                          "geometry": {"type": "Point", "coordinates": [22.842, 62.8]}})
    assert response.status_code == 201, response.content
    feature = response.json()
    comment = Comment.objects.get()
    assert feature["id"] == comment.pk and feature["geometry"]["type"] == "Point"
    assert feature["geometry"]["coordinates"] == pytest.approx([22.842, 62.8], abs=1e-6)
    assert feature["properties"]["group"] == "children_young" and feature["properties"]["answer"] is None
    assert comment.geometry.srid == 3067 and comment.phase == Phase.DRAFT and comment.author is None
    assert comment.language == "fi"


@pytest.mark.django_db
def test_a_resident_comments_with_a_geojson_feature_line_or_area_or_none(client, draft_plan):
    line = {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[22.84, 62.80], [22.845, 62.802]]},
            "properties": {"text": "Pyörätie tähän."}}
    area = {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[
        [22.84, 62.80], [22.845, 62.80], [22.845, 62.803], [22.84, 62.80]]]}, "properties": {"text": "Puisto."}}
    whole = {"type": "Feature", "geometry": None, "properties": {"text": "Koko kaavasta: hyvä."}}
    for body, kind in ((line, "LineString"), (area, "Polygon"), (whole, None)):
        response = _post(client, draft_plan, body, QUERY_STRING="lang=sv")
        assert response.status_code == 201, response.content
        assert (response.json()["geometry"] or {}).get("type") == kind
    assert Comment.objects.count() == 3
    assert set(Comment.objects.values_list("language", flat=True)) == {"sv"}
    assert _post(client, draft_plan, {"text": "Ilman karttaa."}).status_code == 201


def _vertices(count: int) -> list[list[float]]:
    return [[22.84 + index * 1e-6, 62.80 + (index % 2) * 1e-5] for index in range(count)]


BOW_TIE = [[[22.84, 62.80], [22.85, 62.81], [22.85, 62.80], [22.84, 62.81], [22.84, 62.80]]]


@pytest.mark.django_db
@pytest.mark.parametrize("body, field, words", [
    ({"text": "x", "geometry": {"type": "MultiPoint", "coordinates": [[22.84, 62.8]]}}, "geometry", "MultiPoint"),
    ({"text": "x", "geometry": {"type": "Circle", "coordinates": [22.84, 62.8]}}, "geometry", "cannot be read"),
    ({"text": "x", "geometry": {"type": "Point", "coordinates": "22.84,62.8"}}, "geometry", "cannot be read"),
    ({"text": "x", "geometry": {"type": "Point", "coordinates": []}}, "geometry", "cannot be read"),
    ({"text": "x", "geometry": [22.84, 62.8]}, "geometry", "cannot be read"),
    ({"text": "x", "geometry": {"type": "Polygon", "coordinates": BOW_TIE}}, "geometry", "cross each other"),
    ({"text": "x", "geometry": {"type": "LineString", "coordinates": _vertices(5001)}}, "geometry", "5001 points"),
    ({"text": "x", "geometry": {"type": "Point", "coordinates": [22.95, 62.8]}}, "geometry", "2 km"),
    ({"text": "x", "geometry": {"type": "Point", "coordinates": [22.84, 95]}}, "geometry", "outside Finland"),
    ({"text": "x", "geometry": {"type": "Point", "coordinates": [288500, 6968500]}}, "geometry", "outside Finland"),
    ({"text": "   "}, "text", "Write your comment"),
    ({"text": "x" * 5001}, "text", "5001 characters"),
    ({"text": "kuoppa \ud800"}, "text", "surrogate"),
    ({"text": "kuoppa \x00"}, "text", "NUL"),
    ({"text": ["x"]}, "text", "valid string"),
    ({"geometry": None}, "text", "required"),
    ({"text": "x", "group": "aliens"}, "group", "from the list"),
    ({"text": "x", "age_band": "101"}, "age_band", "from the list"),
    ({"type": "FeatureCollection", "features": []}, "type", "Feature"),
    ({"type": "Feature", "properties": {"text": "x"}}, "geometry", "null for the plan"),
    ({"type": "Feature", "geometry": None, "properties": "x"}, "properties", "object"),
    ({"type": "Feature", "geometry": None, "properties": {"text": "x", "geometry": None}}, "non_field_errors", "beside"),
    ([{"text": "x"}], "non_field_errors", "dictionary"),
    ("{not json", "non_field_errors", "JSON parse error"),
    ('"a comment"', "non_field_errors", "dictionary"),
])
def test_every_refused_comment_is_a_400_naming_its_field_and_stores_nothing(client, draft_plan, body, field, words):
    response = _post(client, draft_plan, body, QUERY_STRING="lang=en")
    errors = _errors(response)
    assert field in errors, errors
    assert words in " ".join(errors[field]), errors
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_an_oversize_body_is_a_413_and_stores_nothing(client, draft_plan):
    response = _post(client, draft_plan, {"text": "x" * (3 * 1024 * 1024)})
    assert "non_field_errors" in _errors(response, status=413)
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_a_process_in_a_phase_without_comments_is_a_409(client, planner):
    plan = process_walk(process_make(planners=[planner]), Phase.ANNOUNCEMENT, actor=planner)
    response = _post(client, plan, {"text": "Saako kommentoida?"}, QUERY_STRING="lang=en")
    assert response.status_code == 409
    assert response.json() == {"detail": "This plan takes no comments in its current phase."}
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_comments_on_an_unpublished_process_are_a_404_and_sign_in_only_ones_a_403(client, city):
    hidden = process_make(published=False)
    assert _post(client, hidden, {"text": "Hei"}).status_code == 404
    signed = process_make(requires_sign_in=True)
    response = _post(client, signed, {"text": "Hei"}, QUERY_STRING="lang=en")
    assert response.status_code == 403 and response.json()["detail"] == "Sign in to comment on this plan."
    assert not Comment.objects.exists()
    resident = get_user_model().objects.create_user("kirjautunut")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(resident)
    assert _post(browser, signed, {"text": "Hei"}).status_code == 403  # a session needs its CSRF token
    client.force_login(resident)
    assert _post(client, signed, {"text": "Hei"}).status_code == 201
    assert Comment.objects.get().author == resident


@pytest.mark.django_db
def test_comments_are_rate_limited_per_address_and_a_refused_one_gives_its_place_back(client, draft_plan, settings):
    settings.PLAN_COMMENT_RATE = "2/minute"
    from django.core.cache import caches

    caches["throttle"].clear()
    assert _post(client, draft_plan, {"text": ""}).status_code == 400  # refused: its place is given back
    assert _post(client, draft_plan, {"text": "Yksi"}).status_code == 201
    assert _post(client, draft_plan, {"text": "Kaksi"}).status_code == 201
    response = _post(client, draft_plan, {"text": "Kolme"})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert Comment.objects.count() == 2
    assert client.get(comments(draft_plan)).status_code == 200  # reading is not limited
    caches["throttle"].clear()


@pytest.mark.django_db
def test_a_comment_drawn_next_to_the_plan_is_taken_and_one_far_away_is_not(client, draft_plan):
    inside = Point(PLAN_X + 1500, PLAN_Y + 500, srid=3067)  # 500 m outside the boundary
    beyond = Point(PLAN_X + 3100, PLAN_Y + 500, srid=3067)  # 2.1 km outside
    for point, expected in ((inside, 201), (beyond, 400)):
        geometry = json.loads(point.transform(4326, clone=True).geojson)
        assert _post(client, draft_plan, {"text": "Tässä.", "geometry": geometry}).status_code == expected
    assert Comment.objects.count() == 1


@pytest.mark.django_db
def test_a_drawing_of_exactly_5000_points_is_taken(client, draft_plan):
    line = LineString(*[(PLAN_X + index * 0.1, PLAN_Y + (index % 2)) for index in range(5000)], srid=3067)
    geometry = json.loads(line.transform(4326, clone=True).geojson)
    assert _post(client, draft_plan, {"text": "Pitkä viiva.", "geometry": geometry}).status_code == 201


@pytest.mark.django_db
def test_flagged_then_restored_comments_come_back_and_likes_count_in_the_api(client, draft_plan):
    comment = comment_create(process=draft_plan, text="Kiistelty kommentti.",
                             geometry=Polygon(((PLAN_X, PLAN_Y), (PLAN_X + 50, PLAN_Y), (PLAN_X, PLAN_Y + 50),
                                               (PLAN_X, PLAN_Y)), srid=3067))
    for key in ("a", "b", "c"):
        comment_react(comment=comment, kind=CommentReaction.Kind.FLAG, reactor_key=key)
    assert client.get(comments(draft_plan)).json()["features"] == []
    comment_moderate(comment=comment, publish=True, reason="Asiallinen.",
                     actor=staff("moderaattori-2", StaffRole.MODERATOR))
    assert Comment.objects.get().status == CommentStatus.PUBLISHED
    [feature] = client.get(comments(draft_plan)).json()["features"]
    assert feature["id"] == comment.pk


@pytest.mark.django_db
def test_stakeholder_proposals_stay_out_until_a_planner_accepts_them(client, draft_plan):
    stakeholder_accept(draft_plan, group=StakeholderGroup.ELDERLY, how_reached="Vanhusneuvosto.")
    groups = [row["group"] for row in client.get(detail(draft_plan)).json()["properties"]["stakeholders"]]
    assert groups == ["children_young", "elderly"]
    assert draft_plan.stakeholders.filter(proposed=True).count() >= 2
