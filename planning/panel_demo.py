"""The demo panels of all three kinds with their members (issue #15)."""

from __future__ import annotations


def demo_panels_load(*, actor=None) -> list[str]:
    """Make the demo's part (only when it is not there yet); the lines to print, one per thing made."""
    return []
