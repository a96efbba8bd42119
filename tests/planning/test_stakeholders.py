"""The stakeholder services: only the process's planners and administrators map, one group once per
process (residents once per affected area, a database constraint too), each change one event, and the
system's proposals accepted, edited (which accepts them) or removed."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from city.models import Area, StaffRole
from planning.models import Phase, ProcessAction, ProcessEvent, StakeholderGroup, StakeholderMapping
from planning.services.comments import ActionRefused
from planning.services.phases import phase_move_blockers
from planning.services.stakeholders import (
    StakeholderRefused,
    stakeholder_accept,
    stakeholder_remove,
    stakeholder_save,
)
from tests.factories.processes import process_make, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def planner(city):
    return staff("kaavoittaja-s", StaffRole.PLANNER)


@pytest.fixture
def process(planner):
    return process_make(planners=[planner])


def _events(process) -> list[dict]:
    return list(ProcessEvent.objects.filter(process=process, action=ProcessAction.STAKEHOLDERS)
                .order_by("id").values_list("details", flat=True))


def test_a_group_is_added_with_why_how_and_when_and_the_process_changes_version(planner, process):
    version = process.version
    mapping = stakeholder_save(process=process, actor=planner, group=StakeholderGroup.ELDERLY_COUNCIL,
                               why="Palvelutalo on alueella.", how_reached="Vanhusneuvoston kokous.",
                               when_reached="Vaihe 4, toukokuu 2026")
    assert (mapping.proposed, mapping.area_id, mapping.how_reached) == (False, None, "Vanhusneuvoston kokous.")
    process.refresh_from_db()
    assert process.version == version + 1
    assert _events(process) == [{"change": "added", "group": "elderly_council", "area": None, "mapping": mapping.pk}]
    event = ProcessEvent.objects.get(process=process, action=ProcessAction.STAKEHOLDERS)
    assert event.actor == planner and not event.is_public


def test_only_the_planners_of_the_process_and_administrators_map(planner, process):
    other = staff("toinen-s", StaffRole.PLANNER)
    moderator = staff("moderaattori-s", StaffRole.MODERATOR)
    for actor in (other, moderator, None):
        with pytest.raises(ActionRefused):
            stakeholder_save(process=process, actor=actor, group=StakeholderGroup.BUSINESSES)
    proposal = StakeholderMapping.objects.filter(process=process, proposed=True).first()
    with pytest.raises(ActionRefused):
        stakeholder_accept(mapping=proposal, actor=other)
    with pytest.raises(ActionRefused):
        stakeholder_remove(mapping=proposal, actor=other)
    assert not _events(process)
    administrator = staff("paakayttaja-s", StaffRole.ADMINISTRATOR)
    stakeholder_save(process=process, actor=administrator, group=StakeholderGroup.BUSINESSES)


def test_a_group_is_mapped_once_per_process_and_residents_once_per_area(planner, process):
    stakeholder_save(process=process, actor=planner, group=StakeholderGroup.IMMIGRANTS)
    with pytest.raises(StakeholderRefused) as refused:
        stakeholder_save(process=process, actor=planner, group=StakeholderGroup.IMMIGRANTS)
    assert "group" in refused.value.errors
    area = process.affected_areas.first().area
    with pytest.raises(StakeholderRefused) as refused:  # the system proposed this area's residents already
        stakeholder_save(process=process, actor=planner, group=StakeholderGroup.RESIDENTS, area=area)
    assert "area" in refused.value.errors
    # The database says the same to any other writer.
    with pytest.raises(IntegrityError), transaction.atomic():
        StakeholderMapping.objects.create(process=process, group=StakeholderGroup.IMMIGRANTS)
    assert StakeholderMapping.objects.filter(process=process, group=StakeholderGroup.IMMIGRANTS).count() == 1


def test_an_area_only_for_residents_and_only_one_the_plan_affects(planner, process):
    affected = process.affected_areas.first().area
    with pytest.raises(StakeholderRefused) as refused:
        stakeholder_save(process=process, actor=planner, group=StakeholderGroup.BUSINESSES, area=affected)
    assert "area" in refused.value.errors
    far = Area.objects.exclude(pk__in=process.affected_areas.values("area")).filter(kind="postal_area").first()
    with pytest.raises(StakeholderRefused) as refused:
        stakeholder_save(process=process, actor=planner, group=StakeholderGroup.RESIDENTS, area=far)
    assert "area" in refused.value.errors
    with pytest.raises(StakeholderRefused) as refused:
        stakeholder_save(process=process, actor=planner, group="pets", when_reached="x" * 201, why="a\x00b")
    assert set(refused.value.errors) == {"group", "when_reached", "why"}
    assert not _events(process)


def test_a_proposal_is_accepted_once_edited_into_accepted_or_removed(planner, process):
    first, second, third = StakeholderMapping.objects.filter(process=process, proposed=True).order_by("pk")[:3]
    stakeholder_accept(mapping=first, actor=planner)
    stakeholder_accept(mapping=first, actor=planner)  # twice: nothing more happens
    first.refresh_from_db()
    assert first.proposed is False
    estimate = second.residents_estimate
    edited = stakeholder_save(process=process, actor=planner, mapping=second, how_reached="Kirje kotiin.")
    assert (edited.proposed, edited.how_reached, edited.residents_estimate) == (False, "Kirje kotiin.", estimate)
    stakeholder_remove(mapping=third, actor=planner)
    assert not StakeholderMapping.objects.filter(pk=third.pk).exists()
    assert [event["change"] for event in _events(process)] == ["accepted", "edited", "removed"]
    assert _events(process)[2]["mapping"] == third.pk and _events(process)[2]["area"] == third.area.code


def test_a_group_reached_somehow_lifts_phase_3s_blocker(planner, process):
    assert phase_move_blockers(process, Phase.ANNOUNCEMENT)  # proposals alone do not count
    proposal = StakeholderMapping.objects.filter(process=process, proposed=True).first()
    stakeholder_accept(mapping=proposal, actor=planner)
    assert phase_move_blockers(process, Phase.ANNOUNCEMENT)  # accepted, but how it is reached is not said
    stakeholder_save(process=process, actor=planner, mapping=proposal, how_reached="Asukasilta koululla.")
    assert phase_move_blockers(process, Phase.ANNOUNCEMENT) == []
