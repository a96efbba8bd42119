"""The demo city's municipal initiatives, imported from the sample file (issue #15).

``fixtures/kuntalaisaloite_sample.json`` is a hand-written sample in kuntalaisaloite.fi's public JSON
format (see ``planning/services/initiatives.py``), not real initiatives: its ids (990001…) are not
kuntalaisaloite.fi's, so their links there lead to no page."""

from __future__ import annotations

from django.conf import settings

from planning.models.initiatives import SEINAJOKI_MUNICIPALITY, Initiative, InitiativeState
from planning.services.initiatives import initiatives_import, initiatives_read

SAMPLE = settings.BASE_DIR / "fixtures" / "kuntalaisaloite_sample.json"


def demo_initiatives_load(*, actor=None) -> list[str]:
    """Import the sample through the importer when one of its initiatives is missing; the line to print."""
    rows = initiatives_read(str(SAMPLE))
    ids = {int(str(row["id"]).rstrip("/").rsplit("/", 1)[-1]) for row in rows}
    if Initiative.objects.filter(external_id__in=ids).count() == len(ids):
        return []
    run = initiatives_import(rows=rows, source=str(SAMPLE.relative_to(settings.BASE_DIR)),
                             municipality=SEINAJOKI_MUNICIPALITY, actor=actor)
    imported = Initiative.objects.filter(external_id__in=ids)
    states = {state: imported.filter(state=state).count() for state in InitiativeState.values}
    line = (f"Initiatives: {run.created + run.updated + run.unchanged} imported ({states['open']} open, "
            f"{states['sent']} sent, {states['decided']} decided)")
    return [line] + [f"Initiatives: row {p['index']} (id {p['id']}) skipped, {p['reason']}" for p in run.problems]
