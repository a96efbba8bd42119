"""The closing report (phase 6): who took part counted by hand, each comment with its answer, and the
four formats (page, PDF, CSV, GeoJSON), public only once the plan is published and in its final phase."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.contrib.gis.geos import Polygon
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from pypdf import PdfReader

from city.models import StaffRole
from planning.models import AgeBand, CommentStatus, Phase, StakeholderGroup
from planning.report import closing_report, participation, report_svg
from planning.services.comments import answer_create, comment_create, comment_moderate
from planning.services.phases import process_move_phase
from planning.services.report import process_closing_summary_save
from tests.factories.processes import PLAN_X, PLAN_Y, line_in_plan, near_plan, process_make, process_walk, staff

pytestmark = pytest.mark.django_db


def _polygon():
    return Polygon(((PLAN_X + 200, PLAN_Y + 600), (PLAN_X + 400, PLAN_Y + 600), (PLAN_X + 400, PLAN_Y + 800),
                    (PLAN_X + 200, PLAN_Y + 600)), srid=3067)


@pytest.fixture
def planner(city):
    return staff("kaavoittaja-r", StaffRole.PLANNER)


@pytest.fixture
def world(planner):
    """A plan taken through its phases: two needs in phase 1 (one by a signed-in resident), a goal in
    phase 4, four comments on the draft (a line, a point, a polygon, the plan as a whole; the signed-in
    resident again), one hidden by a moderator; every draft comment answered, two under a theme."""
    resident = staff("asukas-r", StaffRole.BUDGET_OFFICIAL)  # any account: signed-in commenters count once
    process = process_make(planners=[planner], name_fi="Keskustan kortteli")
    needs = [
        comment_create(process=process, text="Lisää penkkejä puistoon.", geometry=near_plan(300, 300),
                       group=StakeholderGroup.ELDERLY, age_band=AgeBand.AGE_75_UP, author=resident),
        comment_create(process=process, text="Pyöräpysäköintiä asemalle.", group=StakeholderGroup.RESIDENTS,
                       age_band=AgeBand.AGE_30_64),
    ]
    process = process_walk(process, Phase.GOALS)
    goals = [comment_create(process=process, text="Leikkipaikka säilytettävä.", geometry=_polygon(),
                            group=StakeholderGroup.CHILDREN_AND_YOUNG, age_band=AgeBand.UNDER_13)]
    process = process_move_phase(process=process, to_phase=Phase.DRAFT, actor=planner)
    draft = [
        comment_create(process=process, text="Koulutie ylittää kadun vaarallisesti.", geometry=line_in_plan(),
                       group=StakeholderGroup.CHILDREN_AND_YOUNG, age_band=AgeBand.AGE_13_17),
        comment_create(process=process, text="=HYPERLINK(\"x\") Kaava on hyvä.", geometry=near_plan(600, 200),
                       author=resident, group=StakeholderGroup.ELDERLY, age_band=AgeBand.AGE_75_UP),
        comment_create(process=process, text="Rakennukset liian korkeita.", geometry=_polygon()),
        comment_create(process=process, text="Kaava kokonaisuutena kaipaa lisää viheralueita.",
                       group=StakeholderGroup.RESIDENTS),
        comment_create(process=process, text="Asiaton kommentti.", group=StakeholderGroup.RESIDENTS),
    ]
    comment_moderate(comment=draft[4], publish=False, reason="Asiaton.", actor=staff("mod-r", StaffRole.MODERATOR))
    answer_create(process=process, comments=draft[:2], text="Suojatie siirretään koulun kohdalle.", actor=planner,
                  theme="Liikenneturvallisuus")
    answer_create(process=process, comments=[draft[2]], text="Kerroskorkeutta lasketaan yhdellä.", actor=planner)
    answer_create(process=process, comments=[draft[3]], text="Puistoa laajennetaan.", actor=planner)
    process_closing_summary_save(process=process, actor=planner, fi="Puisto laajeni ja suojatie siirtyi.",
                                 sv="Parken blev större.")
    process = process_move_phase(process=process, to_phase=Phase.FINAL, actor=planner)
    return {"process": process, "needs": needs, "goals": goals, "draft": draft, "resident": resident}


def test_who_took_part_is_counted_by_group_age_band_and_phase(world):
    counts = participation(world["process"])
    # 7 published comments (the hidden one is left out); the signed-in resident's two count as one commenter.
    assert (counts.total.comments, counts.total.commenters) == (7, 6)
    by_group = {row.key: (row.comments, row.commenters) for row in counts.by_group}
    assert by_group[StakeholderGroup.ELDERLY] == (2, 1)
    assert by_group[StakeholderGroup.CHILDREN_AND_YOUNG] == (2, 2)
    assert by_group[StakeholderGroup.RESIDENTS] == (2, 2)
    assert by_group[""] == (1, 1)  # did not say
    assert by_group[StakeholderGroup.YOUTH_COUNCIL] == (0, 0)  # every group is listed
    assert len(counts.by_group) == len(StakeholderGroup.values) + 1
    by_band = {row.key: row.comments for row in counts.by_age_band}
    assert (by_band[AgeBand.AGE_75_UP], by_band[AgeBand.UNDER_13], by_band[AgeBand.AGE_13_17], by_band[""]) == (2, 1, 1, 2)
    assert {row.key: row.comments for row in counts.by_phase} == {"1": 2, "4": 1, "5": 4}


def test_the_counts_are_one_statement(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        participation(world["process"])


def test_each_comment_comes_with_its_answer_numbered_in_order(world):
    report = closing_report(world["process"], language="fi")
    assert [c.number for c in report.comments] == list(range(1, 8))
    assert "Asiaton kommentti." not in [c.text for c in report.comments]
    line = next(c for c in report.comments if c.text.startswith("Koulutie"))
    assert (line.geometry_type, line.answer_text, line.answer_theme) == (
        "LineString", "Suojatie siirretään koulun kohdalle.", "Liikenneturvallisuus")
    assert report.answered == 4 and report.unanswered == 3 and report.mapped == 5
    assert report.closing_summary == "Puisto laajeni ja suojatie siirtyi."
    assert closing_report(world["process"], language="sv").closing_summary == "Parken blev större."
    assert closing_report(world["process"], language="en").closing_summary == "Puisto laajeni ja suojatie siirtyi."


def test_the_page_is_public_in_phase_6_and_a_preview_for_the_planners_before(world, planner, client):
    process = world["process"]
    response = client.get(f"/en/kaavat/{process.pk}/raportti/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Koulutie ylittää kadun vaarallisesti.", "Suojatie siirretään koulun kohdalle.",
                 "Liikenneturvallisuus", "Puisto laajeni ja suojatie siirtyi.", 'id="report-map"'):
        assert text in html
    assert "Asiaton kommentti." not in html and "asukas-r" not in html
    assert 'id="report-preview"' not in html
    # Back in phase 5: residents get 404 for every format, the planners a preview.
    process_move_phase(process=process, to_phase=Phase.DRAFT, actor=planner, reason="Ehdotus muuttuu.")
    for suffix in ("", "raportti.pdf", "kommentit.csv", "kommentit.geojson"):
        assert client.get(f"/kaavat/{process.pk}/raportti/{suffix}").status_code == 404, suffix
    planner_client = Client()
    planner_client.force_login(planner)
    response = planner_client.get(f"/en/kaavat/{process.pk}/raportti/")
    assert response.status_code == 200 and 'id="report-preview"' in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    other = staff("toinen-r", StaffRole.PLANNER)
    other_client = Client()
    other_client.force_login(other)
    assert other_client.get(f"/kaavat/{process.pk}/raportti/").status_code == 404
    assert client.get("/kaavat/999999/raportti/").status_code == 404


def test_the_pdf_is_the_same_report_with_its_text_and_a_drawing(world, client):
    process = world["process"]
    response = client.get(f"/en/kaavat/{process.pk}/raportti/raportti.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    for expected in ("Closing report", "Keskustan kortteli", "Who took part", "Koulutie ylittää kadun vaarallisesti.",
                     "Suojatie siirretään koulun kohdalle.", "Puisto laajeni ja suojatie siirtyi.",
                     "Elderly people"):
        assert expected in text, expected
    assert "Asiaton kommentti." not in text
    assert 1 <= len(reader.pages) <= 6


def test_the_drawing_has_every_commented_geometry_numbered_as_in_the_list(world):
    drawing = report_svg(world["process"])
    assert [shape.number for shape in drawing.shapes] == [1, 3, 4, 5, 6]  # 2 and 7 have no place
    assert [shape.kind for shape in drawing.shapes] == ["point", "path", "path", "point", "path"]
    assert drawing.boundary.startswith("M ")
    assert drawing.shapes[0].svg.startswith('cx="') and drawing.shapes[1].svg.endswith("Z")
    # Small numbers from the frame's corner (the PDF's renderer lost shapes at 6.9 million), in the frame.
    _x, _y, width, height = (float(number) for number in drawing.view_box.split())
    assert all(0 < shape.label_x < width and 0 < shape.label_y < height for shape in drawing.shapes)
    # Numbers written with a decimal point in every language: "4,6" is no SVG length.
    with translation.override("fi"):
        svg = render_to_string("planning/report/_svg.html", {"svg": drawing})
    widths = re.findall(r'stroke-width="([^"]*)"', svg)
    assert widths and all(float(width) > 0 for width in widths)
    assert svg.count("<text") == 5


def test_the_csv_has_every_comment_with_its_answer_and_no_formula(world, client):
    response = client.get(f"/en/kaavat/{world['process'].pk}/raportti/kommentit.csv")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert len(rows) == 7
    line = next(row for row in rows if row["comment"].startswith("Koulutie"))
    assert (line["phase"], line["group"], line["place"], line["answer_theme"], line["answer"]) == (
        "5", "children_young", "Line", "Liikenneturvallisuus", "Suojatie siirretään koulun kohdalle.")
    assert next(row for row in rows if "HYPERLINK" in row["comment"])["comment"].startswith("'=")
    assert not any(row["answer"] for row in rows if row["phase"] in ("1", "4"))


def test_the_geojson_is_the_commented_geometries_in_wgs84_built_in_one_statement(world, client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/kaavat/{world['process'].pk}/raportti/kommentit.geojson")
    assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
    assert sum("json_build_object" in query["sql"] for query in queries.captured_queries) == 1
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    kinds = [feature["geometry"]["type"] for feature in collection["features"]]
    assert kinds == ["Point", "Polygon", "LineString", "Point", "Polygon"]
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert 22.7 < lon < 23.0 and 62.7 < lat < 62.9
    line = collection["features"][2]["properties"]
    assert (line["phase"], line["answer"], line["answer_theme"]) == (5, "Suojatie siirretään koulun kohdalle.",
                                                                    "Liikenneturvallisuus")
    assert not any("author" in feature["properties"] for feature in collection["features"])


def test_hidden_comments_are_in_none_of_the_formats(world, client):
    hidden = world["draft"][4]
    assert hidden.__class__.objects.get(pk=hidden.pk).status == CommentStatus.HIDDEN
    pk = world["process"].pk
    assert "Asiaton" not in client.get(f"/kaavat/{pk}/raportti/kommentit.geojson").content.decode()
    assert "Asiaton" not in b"".join(client.get(f"/kaavat/{pk}/raportti/kommentit.csv").streaming_content).decode()
