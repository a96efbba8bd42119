"""The admin of processes and comments: a boundary drawn on the map goes through the boundary service (the
affected areas follow), the phase cannot be changed there, events are read-only, and comments are
listed by status and moderated through the moderation service with a reason."""

from __future__ import annotations

import pytest

from city.models import StaffRole
from planning.models import (
    AffectedArea,
    Comment,
    CommentStatus,
    Phase,
    Process,
    ProcessAction,
    ProcessEvent,
    StakeholderMapping,
)
from planning.services.comments import comment_create, comment_react
from tests.factories.processes import PLAN_X, PLAN_Y, near_plan, process_make, process_walk, square, staff

pytestmark = pytest.mark.django_db


def _form_data(response) -> dict:
    """What the change page would post back unchanged: the form's and every inline's current values."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            data[name] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            # A geometry as the map widget sends it back: GeoJSON in the map's Web Mercator.
            data[name] = value.transform(3857, clone=True).json if hasattr(value, "json") else str(value)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        data[f"{formset.prefix}-TOTAL_FORMS"] = formset.initial_form_count()
        for index, inline_form in enumerate(formset.initial_forms):
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value is not None and value is not False:
                    data[f"{formset.prefix}-{index}-{name}"] = str(value) if value is not True else "on"
    return data


def test_a_boundary_drawn_in_the_admin_moves_the_affected_areas_with_it(admin_client, city):
    process = process_make(boundary=False)
    assert not AffectedArea.objects.filter(process=process).exists()
    url = f"/en/admin/planning/process/{process.pk}/change/"
    data = _form_data(admin_client.get(url))
    # The admin's map speaks Web Mercator: a 1 km square in Seinäjoki's centre, as the widget sends it.
    data["boundary"] = square(PLAN_X, PLAN_Y, 1000).transform(3857, clone=True).json
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    process.refresh_from_db()
    assert process.boundary is not None and process.boundary.srid == 3067
    assert abs(process.boundary.area - 1_000_000) < 1000
    assert AffectedArea.objects.filter(process=process).count() >= 3
    assert StakeholderMapping.objects.filter(process=process, proposed=True).count() >= 3
    event = ProcessEvent.objects.get(process=process, action=ProcessAction.BOUNDARY)
    assert event.details["source"] == "admin" and event.actor.is_superuser


def test_the_phase_is_read_only_and_a_move_made_meanwhile_stays(admin_client, city):
    process = process_make()
    url = f"/en/admin/planning/process/{process.pk}/change/"
    page = admin_client.get(url)
    assert "phase" not in page.context["adminform"].form.fields
    assert f"/henkilosto/kaavat/{process.pk}/" in page.content.decode()  # where it is moved
    data = _form_data(page)
    process_walk(process, Phase.STAKEHOLDERS)  # a planner moves it while the admin page is open
    data.update(phase="5", name_fi="Keskustan kortteli (muutettu)")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    process.refresh_from_db()
    assert (process.phase, process.name_fi) == (Phase.STAKEHOLDERS, "Keskustan kortteli (muutettu)")
    assert not ProcessEvent.objects.filter(process=process, action=ProcessAction.BOUNDARY, actor__isnull=False)


def test_a_process_added_in_the_admin_starts_in_phase_1_with_its_history(admin_client, city):
    page = admin_client.get("/en/admin/planning/process/add/")
    data = _form_data(page)
    data.update(kind="detailed_plan", name_fi="Uusi kaava", summary_fi="Tiivistelmä.", statutory_step="initiation",
                department=str(page.context["adminform"].form.fields["department"].queryset.first().pk),
                neighbour_distance_m="500", boundary=square(PLAN_X, PLAN_Y, 500).transform(3857, clone=True).json)
    response = admin_client.post("/en/admin/planning/process/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    process = Process.objects.get(name_fi="Uusi kaava")
    assert process.phase == Phase.NEEDS
    assert list(process.events.values_list("action", flat=True)) == [ProcessAction.CREATED, ProcessAction.BOUNDARY]
    assert process.affected_areas.exists()


def test_events_cannot_be_added_or_changed_in_the_admin(admin_client, city):
    process = process_make()
    page = admin_client.get(f"/en/admin/planning/process/{process.pk}/change/")
    events = next(inline for inline in page.context["inline_admin_formsets"] if inline.formset.model is ProcessEvent)
    assert not events.has_add_permission and not events.has_change_permission and not events.has_delete_permission


def test_comments_are_listed_by_status_and_moderated_with_a_reason(admin_client, city):
    process = process_walk(process_make(planners=[staff("kaavoittaja-a", StaffRole.PLANNER)]), Phase.DRAFT)
    fine = comment_create(process=process, text="Hyvä suunnitelma.", geometry=near_plan())
    flagged = comment_create(process=process, text="Kiistanalainen kommentti.")
    for key in ("a", "b", "c"):
        comment_react(comment=flagged, kind="flag", reactor_key=key)
    html = admin_client.get("/en/admin/planning/comment/?status__exact=flagged").content.decode()
    assert "Kiistanalainen kommentti." in html and "Hyvä suunnitelma." not in html
    assert admin_client.get("/en/admin/planning/comment/add/").status_code == 403
    url = f"/en/admin/planning/comment/{flagged.pk}/change/"
    response = admin_client.post(url, {"decision": "publish", "decision_reason": ""})
    assert response.status_code == 200  # the reason is required
    assert Comment.objects.get(pk=flagged.pk).status == CommentStatus.FLAGGED
    response = admin_client.post(url, {"decision": "publish", "decision_reason": "Asiallinen.", "text": "muutettu"})
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert (flagged.status, flagged.text) == (CommentStatus.PUBLISHED, "Kiistanalainen kommentti.")
    event = ProcessEvent.objects.filter(process=process, action=ProcessAction.MODERATED).last()
    assert (event.reason, event.details["to"]) == ("Asiallinen.", CommentStatus.PUBLISHED)
    assert fine.status == CommentStatus.PUBLISHED
