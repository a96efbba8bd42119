"""The demo city's municipal initiatives, imported from the sample file (issue #15)."""

from __future__ import annotations


def demo_initiatives_load(*, actor=None) -> list[str]:
    """Make the demo's part (only when it is not there yet); the lines to print, one per thing made."""
    return []
