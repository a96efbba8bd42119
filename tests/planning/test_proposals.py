"""Residents' budget proposals: proposing (the area follows from the point), editing, withdrawing,
commenting, similar proposals while writing, and the public pages (list and map, a proposal's page,
the form with its refusals field by field)."""

from __future__ import annotations

import io

import pytest
from django.contrib.gis.geos import Point
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from planning.identity import resident_identity_get_or_create
from planning.models import (
    BudgetPhase,
    BudgetProposal,
    ProposalAction,
    ProposalComment,
    ProposalCommentKind,
    ProposalPhoto,
    ProposalStatus,
)
from planning.proposal_selectors import proposals_features, proposals_similar
from planning.services.budgets import budget_round_move_phase
from planning.services.proposals import (
    PROPOSAL_PHOTOS_MAX,
    ProposalRefused,
    proposal_comment_add,
    proposal_create,
    proposal_edit,
    proposal_withdraw,
)
from tests.factories.budgets import budget_admin, budget_areas, budget_round_make, proposal_row


def resident(identifier: str = "010190-123A"):
    return resident_identity_get_or_create(identifier=identifier, provider="test").user


def inside(area, dx: float = 0) -> Point:
    """A point inside ``area`` in WGS84, as a browser sends it."""
    point = area.boundary.point_on_surface.clone()
    point.x += dx
    point.transform(4326)
    return point


def jpeg_with_gps() -> SimpleUploadedFile:
    image = Image.new("RGB", (40, 30), (10, 120, 200))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (62.0, 47.0, 0.0)}  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("teline.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture(autouse=True)
def _generous_proposal_rate(settings):
    """Many proposals come from one test address; the rate-limit test sets its own rate."""
    settings.BUDGET_PROPOSAL_RATE = "100000/minute"


@pytest.fixture
def budget(city):
    return budget_round_make(phase=BudgetPhase.PROPOSALS)


@pytest.fixture
def areas(city):
    return budget_areas()


def test_the_budget_area_follows_from_the_point(budget, areas):
    east = areas["SJK-ITA"]
    proposal = proposal_create(budget_round=budget, author=resident(), title="Kiipeilyteline",
                               description="Kiipeilyteline leikkipuistoon lapsille.", location=inside(east),
                               author_name="Maija", author_email="maija@example.fi")
    assert proposal.area == east
    assert proposal.location.srid == 3067
    assert proposal.status == ProposalStatus.SUBMITTED
    assert list(proposal.events.values_list("action", flat=True)) == [ProposalAction.CREATED]


def test_a_point_outside_every_budget_area_is_refused_and_nothing_is_stored(budget):
    with translation.override("en"), pytest.raises(ProposalRefused) as refused:
        proposal_create(budget_round=budget, author=resident(), title="Teline", description="Kaukana Helsingissä.",
                        location=Point(24.94, 60.17, srid=4326))
    assert "outside every resident budget area" in refused.value.errors["location"][0]
    assert not BudgetProposal.objects.exists()


def test_without_a_point_a_proposal_is_for_a_whole_area_or_the_city(budget, areas):
    author = resident()
    whole = proposal_create(budget_round=budget, author=author, title="Penkit", description="Lisää penkkejä koko "
                            "alueelle.", area=areas["SJK-LANSI"])
    city_wide = proposal_create(budget_round=budget, author=author, title="Kirjastobussi",
                                description="Kirjastobussi kiertämään koko kaupunkia.")
    assert (whole.area, whole.location) == (areas["SJK-LANSI"], None)
    assert (city_wide.area, city_wide.location) == (None, None)


def test_every_refusal_comes_at_once_field_by_field(budget):
    with translation.override("en"), pytest.raises(ProposalRefused) as refused:
        proposal_create(budget_round=budget, author=resident(), title="", description="lyhyt",
                        author_email="ei-osoite", photos=[SimpleUploadedFile("x.txt", b"not an image")])
    assert set(refused.value.errors) == {"title", "description", "author_email", "photos"}
    assert not BudgetProposal.objects.exists() and not ProposalPhoto.objects.exists()


def test_only_in_the_proposal_phase_and_only_signed_in_residents(city):
    budget = budget_round_make(phase=BudgetPhase.REVIEW)
    with translation.override("en"), pytest.raises(ProposalRefused) as refused:
        proposal_create(budget_round=budget, author=None, title="Teline", description="Kiipeilyteline puistoon.")
    assert refused.value.errors["__all__"] == ["This round takes no proposals now.", "Sign in to propose."]


def test_photos_lose_their_gps_and_are_limited_in_number(budget, areas):
    proposal = proposal_create(budget_round=budget, author=resident(), title="Teline",
                               description="Kiipeilyteline puistoon.", location=inside(areas["SJK-ITA"]),
                               photos=[jpeg_with_gps()], photo_alt_text="Vanha teline")
    photo = proposal.photos.get()
    with photo.image.open("rb") as stored:
        assert not Image.open(stored).getexif()
    assert photo.alt_text == "Vanha teline"
    with translation.override("en"), pytest.raises(ProposalRefused) as refused:
        proposal_edit(proposal=proposal, actor=proposal.author, title="Teline",
                      description="Kiipeilyteline puistoon.", location=inside(areas["SJK-ITA"]),
                      photos=[jpeg_with_gps() for _ in range(PROPOSAL_PHOTOS_MAX)])
    assert "At most 3 photos" in refused.value.errors["photos"][0]


def test_the_author_edits_until_the_proposal_phase_closes(budget, areas):
    author = resident()
    proposal = proposal_create(budget_round=budget, author=author, title="Teline",
                               description="Kiipeilyteline puistoon.", location=inside(areas["SJK-ITA"]))
    with translation.override("en"):
        proposal = proposal_edit(proposal=proposal, actor=author, title="Iso kiipeilyteline",
                                 description="Kiipeilyteline puistoon.", area=areas["SJK-LANSI"])
        assert (proposal.title, proposal.area, proposal.location) == ("Iso kiipeilyteline", areas["SJK-LANSI"], None)
        assert proposal.events.get(action=ProposalAction.EDITED).note == "Changed: title, place."
        with pytest.raises(ProposalRefused, match="Only the proposal's author"):
            proposal_edit(proposal=proposal, actor=resident("020202-222B"), title="Toinen",
                          description="Kiipeilyteline puistoon.")
        budget_round_move_phase(budget_round=budget, to_phase=BudgetPhase.REVIEW, actor=budget_admin())
        with pytest.raises(ProposalRefused, match="until the proposal phase closes"):
            proposal_edit(proposal=proposal, actor=author, title="Myöhässä", description="Kiipeilyteline puistoon.")
    assert BudgetProposal.objects.get(pk=proposal.pk).title == "Iso kiipeilyteline"


def test_the_author_withdraws_and_it_leaves_the_public_list(budget, areas):
    author = resident()
    proposal = proposal_create(budget_round=budget, author=author, title="Teline",
                               description="Kiipeilyteline puistoon.", location=inside(areas["SJK-ITA"]))
    proposal_withdraw(proposal=proposal, actor=author, note="Tein uuden.")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    assert proposals_features(budget).features_json == "[]"


def test_residents_comment_and_add_while_proposals_or_review(budget, areas):
    proposal = proposal_row(budget, area=areas["SJK-ITA"], status=ProposalStatus.SUBMITTED)
    neighbour = resident("030303-333C")
    proposal_comment_add(proposal=proposal, author=neighbour, text="Hyvä idea!")
    proposal_comment_add(proposal=proposal, author=neighbour, text="Myös keinu.", kind=ProposalCommentKind.ADDITION)
    assert list(ProposalComment.objects.values_list("kind", flat=True)) == ["comment", "addition"]
    with translation.override("en"), pytest.raises(ProposalRefused, match="Sign in to comment"):
        proposal_comment_add(proposal=proposal, author=budget_admin(), text="Virkailija")
    budget_round_move_phase(budget_round=budget, to_phase=BudgetPhase.REVIEW, actor=budget_admin())
    proposal_comment_add(proposal=proposal, author=neighbour, text="Vielä ehtii.")
    budget_round_move_phase(budget_round=budget, to_phase=BudgetPhase.VOTING, actor=budget_admin())
    with translation.override("en"), pytest.raises(ProposalRefused, match="only in the proposal and review"):
        proposal_comment_add(proposal=proposal, author=neighbour, text="Liian myöhään.")


def test_similar_proposals_are_found_nearby_or_by_their_words(budget, areas):
    east, west = areas["SJK-ITA"], areas["SJK-LANSI"]
    near = proposal_row(budget, area=east, status=ProposalStatus.SUBMITTED, title="Penkki",
                        location=east.boundary.point_on_surface)
    worded = proposal_row(budget, area=west, status=ProposalStatus.SUBMITTED, title="Kiipeilytelineet kouluille")
    BudgetProposal.objects.filter(pk=worded.pk).update(description="Uudet kiipeilytelineet.")
    proposal_row(budget, area=west, status=ProposalStatus.WITHDRAWN, title="Kiipeilyteline", cost=None)
    other_round = budget_round_make(phase=BudgetPhase.PROPOSALS)
    proposal_row(other_round, area=east, status=ProposalStatus.SUBMITTED, title="Kiipeilyteline")
    found = proposals_similar(budget, point=inside(east, dx=100), text="Kiipeilyteline puistoon")
    assert [(row.id, row.shares_words) for row in found] == [(near.pk, False), (worded.pk, True)]
    assert found[0].metres <= 101 < 500 < found[1].metres  # the word match is far, in another area
    assert proposals_similar(budget, point=None, text="ja on se") == []


# Pages ---------------------------------------------------------------------------------------------

def test_the_list_filters_by_area_and_status_and_never_shows_emails(client, budget, areas,
                                                                    django_assert_num_queries):
    proposal_row(budget, area=areas["SJK-ITA"], status=ProposalStatus.SUBMITTED, title="Idän teline",
                 author_email="salainen@example.fi")
    proposal_row(budget, area=areas["SJK-LANSI"], status=ProposalStatus.FEASIBLE, title="Lännen penkki")
    proposal_row(budget, area=areas["SJK-LANSI"], status=ProposalStatus.WITHDRAWN, title="Peruttu", cost=None)
    url = reverse("budget_proposals:list", args=[budget.pk])
    page = client.get(url).content.decode()
    assert "Idän teline" in page and "Lännen penkki" in page and "Peruttu" not in page
    assert "salainen@example.fi" not in page
    page = client.get(url, {"area": "SJK-LANSI", "status": "feasible"}).content.decode()
    assert "Lännen penkki" in page and "Idän teline" not in page
    # the round, its areas, the count, the page, the map's one statement, the session-less user: a fixed number
    with django_assert_num_queries(5):
        client.get(url, {"area": "SJK-ITA"})


def test_a_refused_form_keeps_what_was_typed_and_stores_nothing(client, budget):
    client.force_login(resident())
    with translation.override("en"):
        response = client.post(reverse("budget_proposals:create", args=[budget.pk]),
                               {"title": "", "description": "Kiipeilyteline puistoon.", "place": "point",
                                "lon": "24.94", "lat": "60.17"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Give the proposal a title." in page and "outside every resident budget area" in page
    assert "Kiipeilyteline puistoon." in page
    assert not BudgetProposal.objects.exists()


def test_a_resident_proposes_through_the_form(client, budget, areas):
    client.force_login(resident())
    point = inside(areas["SJK-POHJOINEN"])
    response = client.post(reverse("budget_proposals:create", args=[budget.pk]),
                           {"title": "Kiipeilyteline", "description": "Kiipeilyteline leikkipuistoon.",
                            "place": "point", "lon": f"{point.x:.6f}", "lat": f"{point.y:.6f}",
                            "author_name": "Maija", "photos": [jpeg_with_gps()], "photo_alt_text": "Puisto"})
    proposal = BudgetProposal.objects.get()
    assert response.status_code == 302 and response.url == reverse("budget_proposals:detail", args=[proposal.pk])
    assert proposal.area == areas["SJK-POHJOINEN"] and proposal.photos.count() == 1
    page = client.get(response.url).content.decode()
    assert "Kiipeilyteline" in page and "Maija" in page
    photo_url = proposal.photos.get().image.url
    assert client.get(photo_url).status_code == 200


def test_the_form_asks_a_visitor_to_sign_in(client, budget):
    response = client.get(reverse("budget_proposals:create", args=[budget.pk]))
    assert response.status_code == 302 and "next=" in response.url


def test_a_withdrawn_proposals_photo_is_not_served(client, budget, areas):
    author = resident()
    proposal = proposal_create(budget_round=budget, author=author, title="Teline", description="Kiipeilyteline "
                               "puistoon.", location=inside(areas["SJK-ITA"]), photos=[jpeg_with_gps()])
    url = proposal.photos.get().image.url
    proposal_withdraw(proposal=proposal, actor=author)
    assert client.get(url).status_code == 404
    assert client.get(reverse("budget_proposals:detail", args=[proposal.pk])).status_code == 404
    client.force_login(author)
    assert client.get(url).status_code == 200


def test_the_similar_endpoint_answers_while_writing(client, budget, areas):
    proposal_row(budget, area=areas["SJK-ITA"], status=ProposalStatus.SUBMITTED, title="Kiipeilyteline")
    response = client.get(reverse("budget_proposals:similar", args=[budget.pk]), {"text": "kiipeilytelineen"})
    assert response.status_code == 200
    assert [row["title"] for row in response.json()["results"]] == ["Kiipeilyteline"]
    assert client.get(reverse("budget_proposals:similar", args=[budget.pk]), {"lon": "x"}).status_code == 400


def test_a_signed_in_resident_comments_on_the_page(client, budget, areas):
    proposal = proposal_row(budget, area=areas["SJK-ITA"], status=ProposalStatus.SUBMITTED)
    url = reverse("budget_proposals:comment", args=[proposal.pk])
    assert client.post(url, {"text": "Hyvä", "kind": "comment"}).status_code == 302  # to sign in
    assert not ProposalComment.objects.exists()
    client.force_login(resident("040404-444D"))
    response = client.post(url, {"text": "Lisäksi keinu", "kind": "addition", "author_name": "Pekka"})
    assert response.status_code == 302
    page = client.get(reverse("budget_proposals:detail", args=[proposal.pk])).content.decode()
    assert "Lisäksi keinu" in page and "Pekka" in page


def test_a_proposals_page_reads_in_a_fixed_number_of_queries(client, budget, areas, django_assert_num_queries):
    proposal = proposal_row(budget, area=areas["SJK-ITA"], status=ProposalStatus.SUBMITTED)
    for number in range(3):
        proposal_comment_add(proposal=proposal, author=resident(f"10101{number}-111A"), text=f"Hyvä ajatus {number}")
    # the proposal, its area's money, photos, co-authors, comments, history
    with django_assert_num_queries(6):
        response = client.get(reverse("budget_proposals:detail", args=[proposal.pk]))
    assert response.content.decode().count("Hyvä ajatus") == 3


def test_the_author_edits_on_the_page_and_no_one_else_may(client, budget, areas):
    author = resident()
    proposal = proposal_create(budget_round=budget, author=author, title="Teline", description="Kiipeilyteline "
                               "puistoon.", area=areas["SJK-ITA"])
    url = reverse("budget_proposals:edit", args=[proposal.pk])
    client.force_login(resident("090909-999J"))
    assert client.get(url).status_code == 404
    client.force_login(author)
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Iso teline", "description": "Kiipeilyteline puistoon.", "place": "area",
                                 "area": "SJK-ITA"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Iso teline"
    assert client.post(reverse("budget_proposals:withdraw", args=[proposal.pk])).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
