"""The planners' pages: who may open them, moving the phase with its blockers said in words, stakeholder
mapping, answering comments singly or by theme, the closing summary, and the moderation queue."""

from __future__ import annotations

import pytest
from django.test import Client

from city.models import StaffRole
from planning.models import (
    Answer,
    Comment,
    CommentStatus,
    Phase,
    Process,
    ProcessAction,
    ProcessEvent,
    StakeholderGroup,
    StakeholderMapping,
)
from planning.services.comments import comment_create, comment_react
from tests.factories.processes import line_in_plan, near_plan, process_make, process_walk, staff

pytestmark = pytest.mark.django_db

BASE = "/en/henkilosto/kaavat/"  # English, so that the tests can read the messages


@pytest.fixture
def planner(city):
    return staff("kaavoittaja-t", StaffRole.PLANNER)


@pytest.fixture
def process(planner):
    return process_make(planners=[planner], name_fi="Keskustan kortteli")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _in_draft_with_comments(process, count: int = 2) -> list[Comment]:
    process = process_walk(process, Phase.DRAFT)
    geometries = [line_in_plan(), near_plan(), None]
    return [comment_create(process=process, text=f"Kommentti {n}: koulutie on vaarallinen.",
                           geometry=geometries[n % 3], group=StakeholderGroup.RESIDENTS)
            for n in range(count)]


def test_signing_in_is_asked_first_and_other_staff_get_403(client, process):
    response = client.get(BASE)
    assert response.status_code == 302 and "/henkilosto/kirjaudu/" in response["Location"]
    handler = staff("kasittelija-t", StaffRole.HANDLER)
    assert _client(handler).get(BASE).status_code == 403
    assert _client(handler).get(f"{BASE}{process.pk}/").status_code == 403


def test_a_planner_signing_in_lands_on_the_planners_pages(planner):
    response = _client(planner).get("/henkilosto/")  # the sign-in's next page
    assert response.status_code == 302 and response["Location"] == "/henkilosto/kaavat/"


def test_the_list_shows_the_plans_a_planner_runs_and_an_administrator_all(planner, process):
    someone_elses = process_make(planners=[staff("toinen-t", StaffRole.PLANNER)], name_fi="Ratapihan kaava")
    html = _client(planner).get(BASE).content.decode()
    assert "Keskustan kortteli" in html and "Ratapihan kaava" not in html
    admin = staff("paakayttaja-t", StaffRole.ADMINISTRATOR)
    html = _client(admin).get(BASE).content.decode()
    assert "Keskustan kortteli" in html and "Ratapihan kaava" in html
    # Another planner's process: 403 on its pages and its actions.
    client = _client(planner)
    for path in ("", "osalliset/", "kommentit/", "loppuraportti/"):
        assert client.get(f"{BASE}{someone_elses.pk}/{path}").status_code == 403, path
    assert client.post(f"{BASE}{someone_elses.pk}/vaihe/", {"forward-to_phase": 2}).status_code == 403
    assert client.get(f"{BASE}999999/").status_code == 404


def test_the_phase_moves_forward_with_its_blockers_said_first(planner, process):
    client = _client(planner)
    html = client.get(f"{BASE}{process.pk}/").content.decode()
    assert 'id="phase-forward-button"' in html  # phase 1 → 2 has no condition
    response = client.post(f"{BASE}{process.pk}/vaihe/", {"forward-to_phase": 2, "forward-version": process.version})
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.phase == Phase.STAKEHOLDERS
    # Into phase 3 a group must be mapped with how it is reached: said in words, and no button.
    html = client.get(f"{BASE}{process.pk}/").content.decode()
    assert 'id="phase-blockers"' in html and "Map at least one stakeholder group" in html
    assert 'id="phase-forward-button"' not in html
    response = client.post(f"{BASE}{process.pk}/vaihe/", {"forward-to_phase": 3, "forward-version": process.version})
    assert response.status_code == 400 and "Map at least one stakeholder group" in response.content.decode()
    assert Process.objects.get(pk=process.pk).phase == Phase.STAKEHOLDERS


def test_moving_back_needs_a_reason_which_is_public_in_the_history(planner, process):
    process = process_walk(process, Phase.GOALS)
    client = _client(planner)
    response = client.post(f"{BASE}{process.pk}/vaihe/", {"back-to_phase": 2, "back-reason": "",
                                                          "back-version": process.version})
    assert response.status_code == 400
    assert Process.objects.get(pk=process.pk).phase == Phase.GOALS
    response = client.post(f"{BASE}{process.pk}/vaihe/", {"back-to_phase": 2, "back-reason": "OAS täydennetään.",
                                                          "back-version": process.version})
    assert response.status_code == 302
    event = ProcessEvent.objects.filter(process=process, action=ProcessAction.PHASE_BACK).get()
    assert (event.from_phase, event.to_phase, event.reason, event.actor) == (4, 2, "OAS täydennetään.", planner)
    html = client.get(f"{BASE}{process.pk}/").content.decode()
    assert "OAS täydennetään." in html


def test_a_version_seen_before_someone_elses_change_is_refused(planner, process):
    client = _client(planner)
    stale = process.version
    process_walk(process, Phase.STAKEHOLDERS)
    response = client.post(f"{BASE}{process.pk}/vaihe/", {"back-to_phase": 1, "back-reason": "Väärä vaihe.",
                                                          "back-version": stale})
    assert response.status_code == 409
    assert Process.objects.get(pk=process.pk).phase == Phase.STAKEHOLDERS


def test_the_systems_proposals_are_listed_with_the_estimate_and_accepted_edited_or_removed(planner, process):
    proposals = list(StakeholderMapping.objects.filter(process=process, proposed=True).select_related("area"))
    assert len(proposals) >= 3  # the 1 km square in the centre touches several postal areas
    client = _client(planner)
    html = client.get(f"{BASE}{process.pk}/osalliset/").content.decode()
    for proposal in proposals:
        assert proposal.area.name("en") in html
        assert f">{proposal.residents_estimate}<" in html
    first, second, third = proposals[:3]
    assert client.post(f"{BASE}{process.pk}/osalliset/{first.pk}/hyvaksy/").status_code == 302
    first.refresh_from_db()
    assert first.proposed is False
    response = client.post(f"{BASE}{process.pk}/osalliset/{second.pk}/", {
        "edit-why": "Asuinalue rajautuu kaavaan.", "edit-how_reached": "Kirje jokaiseen talouteen.",
        "edit-when_reached": "Vaihe 3", "edit-outcome": "", "edit-residents_estimate": "120"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.proposed, second.how_reached, second.residents_estimate) == (False, "Kirje jokaiseen talouteen.", 120)
    assert client.post(f"{BASE}{process.pk}/osalliset/{third.pk}/poista/").status_code == 302
    assert not StakeholderMapping.objects.filter(pk=third.pk).exists()
    changes = list(ProcessEvent.objects.filter(process=process, action=ProcessAction.STAKEHOLDERS)
                   .values_list("details__change", flat=True))
    assert changes == ["accepted", "edited", "removed"]


def test_a_group_is_added_with_why_how_and_when_and_once_only(planner, process):
    client = _client(planner)
    data = {"add-group": StakeholderGroup.YOUTH_COUNCIL, "add-area": "", "add-why": "Nuorten reitit.",
            "add-how_reached": "Nuorisovaltuuston kokous.", "add-when_reached": "Toukokuu 2026", "add-outcome": "",
            "add-residents_estimate": ""}
    assert client.post(f"{BASE}{process.pk}/osalliset/uusi/", data).status_code == 302
    mapping = StakeholderMapping.objects.get(process=process, group=StakeholderGroup.YOUTH_COUNCIL)
    assert (mapping.how_reached, mapping.proposed) == ("Nuorisovaltuuston kokous.", False)
    response = client.post(f"{BASE}{process.pk}/osalliset/uusi/", data)
    assert response.status_code == 400
    assert "already mapped" in response.content.decode()
    assert StakeholderMapping.objects.filter(process=process, group=StakeholderGroup.YOUTH_COUNCIL).count() == 1
    # An area only for residents.
    area_id = process.affected_areas.first().area_id
    response = client.post(f"{BASE}{process.pk}/osalliset/uusi/", {**data, "add-group": StakeholderGroup.BUSINESSES,
                                                                  "add-area": area_id})
    assert response.status_code == 400 and "Only residents are mapped by area" in response.content.decode()


def test_the_draft_comments_come_first_and_are_answered_together_under_a_theme(planner, process):
    comments = _in_draft_with_comments(process, 3)
    client = _client(planner)
    html = client.get(f"{BASE}{process.pk}/kommentit/").content.decode()
    for comment in comments:
        assert f'id="answer-comment-{comment.pk}"' in html
    assert html.count("<td>Residents</td>") == 3  # the group each commenter gave, by its name
    response = client.post(f"{BASE}{process.pk}/kommentit/vastaa/", {"answer-theme": "", "answer-text": "Kiitos."})
    assert response.status_code == 400 and "Choose at least one comment" in response.content.decode()
    response = client.post(f"{BASE}{process.pk}/kommentit/vastaa/", {
        "answer-comments": [comments[0].pk, comments[1].pk], "answer-theme": "Koulutien turvallisuus",
        "answer-text": "Suojatie siirretään ja nopeusrajoitus lasketaan 30 km/h:iin."})
    assert response.status_code == 302
    answer = Answer.objects.get(process=process)
    assert answer.theme == "Koulutien turvallisuus" and answer.author == planner
    assert set(answer.comments.values_list("pk", flat=True)) == {comments[0].pk, comments[1].pk}
    html = client.get(f"{BASE}{process.pk}/kommentit/").content.decode()
    assert f'id="answer-comment-{comments[2].pk}"' in html and f'id="answer-comment-{comments[0].pk}"' not in html
    assert "Koulutien turvallisuus" in html
    # The last one singly: then nothing blocks the final phase.
    client.post(f"{BASE}{process.pk}/kommentit/vastaa/", {"answer-comments": [comments[2].pk],
                                                        "answer-text": "Kevyen liikenteen väylä lisätään."})
    process.refresh_from_db()
    html = client.get(f"{BASE}{process.pk}/").content.decode()
    assert 'id="phase-forward-button"' in html
    client.post(f"{BASE}{process.pk}/vaihe/", {"forward-to_phase": 6, "forward-version": process.version})
    assert Process.objects.get(pk=process.pk).phase == Phase.FINAL


def test_a_hidden_or_unknown_comment_cannot_be_answered(planner, process):
    comments = _in_draft_with_comments(process, 1)
    other = process_make(planners=[planner])
    other_comment = _in_draft_with_comments(other, 1)[0]
    response = _client(planner).post(f"{BASE}{process.pk}/kommentit/vastaa/", {
        "answer-comments": [other_comment.pk], "answer-text": "Vastaus."})
    assert response.status_code == 400
    assert not Answer.objects.exists() and comments[0].answer_id is None


def test_the_closing_summary_is_saved_in_three_languages_with_an_event(planner, process):
    client = _client(planner)
    response = client.post(f"{BASE}{process.pk}/loppuraportti/", {
        "closing-closing_summary_fi": "Puisto laajeni kommenttien vuoksi.", "closing-closing_summary_sv": "Parken växte.",
        "closing-closing_summary_en": "", "closing-version": process.version})
    assert response.status_code == 302
    process.refresh_from_db()
    assert (process.closing_summary_fi, process.closing_summary_sv) == ("Puisto laajeni kommenttien vuoksi.",
                                                                        "Parken växte.")
    event = ProcessEvent.objects.get(process=process, action=ProcessAction.CLOSING_SUMMARY)
    assert event.actor == planner and event.details == {"languages": ["fi", "sv"]}
    # A form opened before that change is refused, what was typed is kept.
    response = client.post(f"{BASE}{process.pk}/loppuraportti/", {
        "closing-closing_summary_fi": "Toinen teksti.", "closing-version": process.version - 1})
    assert response.status_code == 409 and "Toinen teksti." in response.content.decode()


def test_moderators_publish_or_hide_comments_flagged_three_times(planner, process):
    comment = _in_draft_with_comments(process, 1)[0]
    for key in ("a", "b", "c"):
        comment_react(comment=comment, kind="flag", reactor_key=key)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.FLAGGED
    assert _client(planner).get(f"{BASE}moderointi/").status_code == 403
    moderator = staff("moderaattori-t", StaffRole.MODERATOR)
    client = _client(moderator)
    html = client.get(f"{BASE}moderointi/").content.decode()
    assert f'id="flagged-{comment.pk}"' in html and "koulutie on vaarallinen" in html
    response = client.post(f"{BASE}moderointi/{comment.pk}/", {f"c{comment.pk}-decision": "hide",
                                                               f"c{comment.pk}-reason": ""})
    assert response.status_code == 400
    response = client.post(f"{BASE}moderointi/{comment.pk}/", {f"c{comment.pk}-decision": "hide",
                                                               f"c{comment.pk}-reason": "Henkilöön menevää."})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN
    event = ProcessEvent.objects.filter(process=process, action=ProcessAction.MODERATED).last()
    assert (event.actor, event.reason) == (moderator, "Henkilöön menevää.")
    assert f'id="flagged-{comment.pk}"' not in client.get(f"{BASE}moderointi/").content.decode()


@pytest.mark.parametrize("language", ["", "/sv", "/en"])
def test_every_planner_page_answers_in_each_language(planner, process, language):
    _in_draft_with_comments(process, 2)
    client = _client(planner)
    mapping = StakeholderMapping.objects.filter(process=process).first()
    for path in ("", f"{process.pk}/", f"{process.pk}/osalliset/", f"{process.pk}/osalliset/{mapping.pk}/",
                 f"{process.pk}/kommentit/", f"{process.pk}/loppuraportti/"):
        response = client.get(f"{language}/henkilosto/kaavat/{path}")
        assert response.status_code == 200, path


def test_the_ticket_pages_lead_to_the_plans_only_for_those_who_run_or_moderate_them(city):
    admin = staff("paakayttaja-t", StaffRole.ADMINISTRATOR)
    handler = staff("kasittelija-t", StaffRole.HANDLER)
    link = 'href="/henkilosto/kaavat/"'
    assert link in _client(admin).get("/henkilosto/toimiala/").content.decode()
    assert link not in _client(handler).get("/henkilosto/toimiala/").content.decode()
