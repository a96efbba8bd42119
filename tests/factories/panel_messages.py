"""Panels and members for the tests of writing to panels: rows as the panel pages leave them (joined and
confirmed), with hand-placed square areas in EPSG:3067 around the test plan's 1 km square.

The plan of ``tests.factories.processes.process_make`` covers (288 000, 6 968 000)–(289 000, 6 969 000).
"""

from __future__ import annotations

import itertools
import secrets

from django.utils import timezone

from city.models import Area, AreaKind
from planning.models import Panel, PanelKind, PanelMember, PanelTopic
from tests.factories.areas import AreaFactory
from tests.factories.processes import PLAN_X, PLAN_Y, square

_numbers = itertools.count(1)


def district(name: str, x: float, y: float = PLAN_Y, size: float = 1000, kind: str = AreaKind.DISTRICT) -> Area:
    """A square area with its south-west corner at (x, y)."""
    number = next(_numbers)
    return AreaFactory(code=f"PM{number:03d}", name_fi=name, name_sv=name, kind=kind,
                       boundary=square(x, y, size))


def plan_areas() -> dict[str, Area]:
    """Areas placed against the plan's square: one half over it, one sharing its east edge, one sharing
    only its north-east corner, one inside it, and one far away."""
    return {
        "overlapping": district("Puolittain", PLAN_X + 500, PLAN_Y),
        "edge": district("Naapuri", PLAN_X + 1000, PLAN_Y),
        "corner": district("Kulmanaapuri", PLAN_X + 1000, PLAN_Y + 1000),
        "inside": district("Sisällä", PLAN_X + 250, PLAN_Y + 250, size=100),
        "far": district("Kaukana", PLAN_X + 5000, PLAN_Y),
    }


def topic(code: str, name: str | None = None) -> PanelTopic:
    return PanelTopic.objects.get_or_create(code=code, defaults={"name_fi": name or code.capitalize(),
                                                                 "name_sv": name or code, "name_en": code})[0]


def panel_make(name: str = "Liikennepaneeli", *, kind: str = PanelKind.GROUP, topics=(), **fields) -> Panel:
    number = next(_numbers)
    if kind == PanelKind.EXPERIENCE:
        fields.setdefault("criteria_fi", "Käyttää palvelua viikoittain.")
    if kind == PanelKind.COUNCIL:
        fields.setdefault("accepts_members", False)
    panel = Panel.objects.create(slug=fields.pop("slug", f"paneeli-{number}"), kind=kind, name_fi=name,
                                 name_sv=fields.pop("name_sv", f"{name} (sv)"),
                                 description_fi="Paneeli kommentoi kaupungin suunnitelmia.", **fields)
    panel.topics.set(topics)
    return panel


def member_make(panel: Panel, email: str, *, areas=(), topics=(), confirmed: bool = True,
                language: str = "fi") -> PanelMember:
    """A member who joined with ``areas`` and ``topics`` (none: the whole city / every topic)."""
    member = PanelMember.objects.create(panel=panel, email=email, language=language,
                                        token=secrets.token_urlsafe(32),
                                        confirmed_at=timezone.now() if confirmed else None)
    member.areas.set(areas)
    member.topics.set(topics)
    return member
