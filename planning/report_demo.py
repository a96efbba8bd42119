"""Two years of the participation report's own figures: events' participants and targets (issue #15)."""

from __future__ import annotations


def demo_report_load(*, actor=None) -> list[str]:
    """Make the demo's part (only when it is not there yet); the lines to print, one per thing made."""
    return []
