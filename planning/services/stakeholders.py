"""Stakeholder mapping (§3.2.3 phase 2): the groups a process touches, why, how and when each is reached,
and what came of it.

The residents of each affected area are proposed by the boundary service (``planning.services.areas``)
with the population estimate; a planner accepts a proposal as it is, edits it (which accepts it too) or
removes it, and adds any of the seed's eleven groups. Only the process's planners and administrators
map (``process_may_run``); each change locks the process, raises its version and writes one
``ProcessEvent`` (action "stakeholders") saying what changed.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from city.models import Area
from planning.models import AffectedArea, Process, ProcessAction, ProcessEvent, StakeholderGroup, StakeholderMapping
from planning.permissions import process_may_run
from planning.services.comments import ActionRefused

TEXT_MAX = 5000
WHEN_MAX = 200


class StakeholderRefused(ValueError):
    """The mapping cannot be saved; ``errors`` maps a field (or ``__all__``) to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(message for messages in errors.values() for message in messages))
        self.errors = errors


def _lock(process: Process, actor) -> Process:
    locked = Process.objects.select_for_update().get(pk=process.pk)
    if not process_may_run(actor, locked):
        raise ActionRefused(_("Only the plan's planners and administrators map its stakeholders."))
    return locked


def _changed(process: Process, actor, change: str, mapping: StakeholderMapping) -> None:
    """The process's version and history: one event per change."""
    process.version += 1
    process.updated_at = timezone.now()
    process.save(update_fields=["version", "updated_at"])
    ProcessEvent.objects.create(process=process, action=ProcessAction.STAKEHOLDERS, actor=actor, details={
        "change": change, "group": mapping.group, "area": mapping.area.code if mapping.area_id else None,
        "mapping": mapping.pk})


def _texts(errors: dict, *, why: str, how_reached: str, when_reached: str, outcome: str) -> dict[str, str]:
    texts = {"why": why, "how_reached": how_reached, "when_reached": when_reached, "outcome": outcome}
    cleaned = {}
    for field, value in texts.items():
        value = (value or "").strip()
        limit = WHEN_MAX if field == "when_reached" else TEXT_MAX
        if len(value) > limit:
            errors.setdefault(field, []).append(_("At most %(max)s characters.") % {"max": limit})
        if "\x00" in value:
            errors.setdefault(field, []).append(_("The text contains a character that cannot be stored."))
        cleaned[field] = value
    return cleaned


@transaction.atomic
def stakeholder_save(*, process: Process, actor, group: str = "", area: Area | None = None, why: str = "",
                     how_reached: str = "", when_reached: str = "", outcome: str = "",
                     residents_estimate: int | None = None,
                     mapping: StakeholderMapping | None = None) -> StakeholderMapping:
    """Add a group to ``process`` or, with ``mapping``, edit one (an edited proposal is accepted).

    A group is mapped once per process, residents once per area (a database constraint too); only
    residents are mapped by area, and only by an area the process affects. Raises
    ``StakeholderRefused`` with every reason by field, or ``ActionRefused`` for someone else."""
    locked = _lock(process, actor)
    errors: dict[str, list[str]] = {}
    texts = _texts(errors, why=why, how_reached=how_reached, when_reached=when_reached, outcome=outcome)
    if residents_estimate is not None and residents_estimate < 0:
        errors.setdefault("residents_estimate", []).append(_("Give a number of people, 0 or more."))
    if mapping is not None:
        mapping = StakeholderMapping.objects.select_for_update(of=("self",)).filter(pk=mapping.pk, process=locked).first()
        if mapping is None:
            raise ActionRefused(_("This group is not mapped for the plan (any more)."))
        if errors:
            raise StakeholderRefused(errors)
        for field, value in texts.items():
            setattr(mapping, field, value)
        if residents_estimate is not None or mapping.area_id is None:
            mapping.residents_estimate = residents_estimate
        mapping.proposed = False
        mapping.save(update_fields=[*texts, "residents_estimate", "proposed"])
        _changed(locked, actor, "edited", mapping)
        return mapping
    if group not in StakeholderGroup.values:
        errors.setdefault("group", []).append(_("Choose the group from the list."))
    elif area is not None and group != StakeholderGroup.RESIDENTS:
        errors.setdefault("area", []).append(_("Only residents are mapped by area: leave the area empty."))
    elif area is not None and not AffectedArea.objects.filter(process=locked, area=area).exists():
        errors.setdefault("area", []).append(_("Choose one of the areas the plan affects."))
    elif StakeholderMapping.objects.filter(process=locked, group=group, area=area).exists():
        field = "area" if area is not None else "group"
        errors.setdefault(field, []).append(_("This group is already mapped for the plan: edit it in the list."))
    if errors:
        raise StakeholderRefused(errors)
    try:
        with transaction.atomic():
            mapping = StakeholderMapping.objects.create(process=locked, group=group, area=area,
                                                        residents_estimate=residents_estimate, proposed=False,
                                                        **texts)
    except IntegrityError:  # mapped by someone else meanwhile: the unique constraint said no
        raise StakeholderRefused({"group": [_("This group is already mapped for the plan: edit it in the list.")]}
                                 ) from None
    _changed(locked, actor, "added", mapping)
    return mapping


def _mapping_of(locked: Process, mapping: StakeholderMapping) -> StakeholderMapping:
    found = (StakeholderMapping.objects.select_for_update(of=("self",)).select_related("area")
             .filter(pk=mapping.pk, process=locked).first())
    if found is None:
        raise ActionRefused(_("This group is not mapped for the plan (any more)."))
    return found


@transaction.atomic
def stakeholder_accept(*, mapping: StakeholderMapping, actor) -> StakeholderMapping:
    """Accept a proposal of the system as it is (accepting twice changes nothing)."""
    locked = _lock(mapping.process, actor)
    mapping = _mapping_of(locked, mapping)
    if mapping.proposed:
        mapping.proposed = False
        mapping.save(update_fields=["proposed"])
        _changed(locked, actor, "accepted", mapping)
    return mapping


@transaction.atomic
def stakeholder_remove(*, mapping: StakeholderMapping, actor) -> None:
    """Remove a group or a proposal from the mapping."""
    locked = _lock(mapping.process, actor)
    mapping = _mapping_of(locked, mapping)
    removed_pk = mapping.pk
    mapping.delete()
    mapping.pk = removed_pk  # the event names the row that went
    _changed(locked, actor, "removed", mapping)
