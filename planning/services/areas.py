"""A process's boundary and the residential areas it affects, computed in PostGIS.

Affected are the residential areas (the innermost ones: an area with smaller areas inside counts
through them) that the boundary intersects, and those within the process's neighbour distance
(500 m by default) of it. Each has the share of its surface inside the boundary and an estimate of
the residents affected (population × share). They are recomputed with every boundary change, in
the same transaction, and the residents of each become a proposed stakeholder group.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone

from city.geometry import boundary_clean
from planning.models import AffectedArea, Process, ProcessAction, ProcessEvent, StakeholderGroup, StakeholderMapping

AFFECTED_SQL = """
    INSERT INTO planning_affectedarea (process_id, area_id, share_inside, distance_m, residents_estimate)
    SELECT plan.id, area.id, measured.share, measured.distance,
           CASE WHEN area.population IS NULL THEN NULL ELSE round(area.population * measured.share)::integer END
    FROM planning_process plan
    JOIN city_area area
      ON ST_DWithin(area.boundary, plan.boundary, plan.neighbour_distance_m)
    CROSS JOIN LATERAL (
        SELECT LEAST(1.0, GREATEST(0.0, COALESCE(
                   ST_Area(ST_Intersection(area.boundary, plan.boundary)) / NULLIF(ST_Area(area.boundary), 0),
                   0.0))) AS share,
               ST_Distance(area.boundary, plan.boundary) AS distance
    ) measured
    WHERE plan.id = %s
      AND area.kind NOT IN ('city', 'budget_area')
      AND NOT EXISTS (SELECT 1 FROM city_area inner_area
                      WHERE inner_area.parent_id = area.id AND inner_area.kind NOT IN ('city', 'budget_area'))
"""


def affected_areas_recompute(process: Process) -> list[AffectedArea]:
    """Replace the process's affected areas with what its boundary touches now (call in a transaction)."""
    AffectedArea.objects.filter(process=process).delete()
    if process.boundary is not None:
        with connection.cursor() as cursor:
            cursor.execute(AFFECTED_SQL, [process.pk])
    affected = list(AffectedArea.objects.filter(process=process).select_related("area"))
    _propose_residents(process, affected)
    return affected


def _propose_residents(process: Process, affected: list[AffectedArea]) -> None:
    """The residents of each affected area, proposed as a stakeholder group with the estimate.

    A proposal a planner has accepted (``proposed`` off) or edited stays as they left it; proposals
    of areas no longer affected go; new areas get theirs."""
    by_area = {row.area_id: row for row in affected}
    StakeholderMapping.objects.filter(process=process, group=StakeholderGroup.RESIDENTS, proposed=True).exclude(
        area_id__in=by_area).delete()
    existing = {mapping.area_id: mapping for mapping in
                StakeholderMapping.objects.filter(process=process, group=StakeholderGroup.RESIDENTS, area__isnull=False)}
    for area_id, row in by_area.items():
        mapping = existing.get(area_id)
        if mapping is None:
            StakeholderMapping.objects.create(process=process, group=StakeholderGroup.RESIDENTS, area_id=area_id,
                                              residents_estimate=row.residents_estimate, proposed=True)
        elif mapping.proposed and mapping.residents_estimate != row.residents_estimate:
            mapping.residents_estimate = row.residents_estimate
            mapping.save(update_fields=["residents_estimate"])


@transaction.atomic
def process_boundary_set(*, process: Process, boundary, actor, source: str = "") -> Process:
    """Give ``process`` a boundary (in the storage SRID; checked and safely repaired as areas are),
    or None to remove it; the affected areas and their residents' proposals follow at once.

    Raises ``city.geometry.GeometryRefused`` with the reason when the boundary cannot be stored."""
    cleaned, repair_note = boundary_clean(boundary) if boundary is not None else (None, "")
    locked = Process.objects.select_for_update().get(pk=process.pk)
    locked.boundary = cleaned
    locked.version += 1
    locked.updated_at = timezone.now()
    locked.save(update_fields=["boundary", "version", "updated_at"])
    affected = affected_areas_recompute(locked)
    ProcessEvent.objects.create(process=locked, action=ProcessAction.BOUNDARY, actor=actor, details={
        "source": source, "repair": repair_note, "areas": [row.area.code for row in affected],
    })
    return locked
