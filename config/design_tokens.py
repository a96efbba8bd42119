"""The city's design tokens (static/css/tokens.css) for what Python draws: folium's maps and, later,
the report's charts. The stylesheet stays the one place where a colour is set; this reads it."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

TOKENS_CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "tokens.css"
_TOKEN = re.compile(r"--sjk-([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;")


@cache
def design_tokens() -> dict[str, str]:
    """Every ``--sjk-*`` colour of the stylesheet by its name without the prefix."""
    return dict(_TOKEN.findall(TOKENS_CSS.read_text(encoding="utf-8")))


def token(name: str) -> str:
    """One colour, e.g. ``token("ink")``; a name the stylesheet lacks is a KeyError at once."""
    return design_tokens()[name]
