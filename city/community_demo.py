"""The demo city's area channels and meeting places (issue #15)."""

from __future__ import annotations


def demo_community_load(*, actor=None) -> list[str]:
    """Make the demo's part (only when it is not there yet); the lines to print, one per thing made."""
    return []
